"""The promise audit over both stores' real pages: every promise they make agrees with
the calculators, and a copy with a contradiction put back in fails with the exact problem.

The contradictions are the seeds' own, as a careless edit would bring them back: the
help page's "Allow 1 additional business day beyond the estimated delivery" beside its
"48 hours past due date" (JetoyUSA), and a sale whose days run over a stated holiday
deadline (Patch&Pops). Lines are found in the copy by their words (the pages may move);
columns and sentences are counted by hand.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from helpcenter.pipeline import project_at, published_policy
from helpcenter.promises import audit, promises

ROOT = Path(__file__).resolve().parents[2]
STORES = {"jetoyusa": ROOT, "patch-and-pops": ROOT / "examples" / "patch-and-pops"}


def pages_of(store: Path) -> dict[str, str]:
    docs = project_at(store).docs_dir
    return {
        path.relative_to(store).as_posix(): path.read_text(encoding="utf-8")
        for path in sorted(docs.rglob("*.md"))
    }


def copy_of(store: Path, into: Path) -> Path:
    for name in ("policy", "docs"):
        shutil.copytree(store / name, into / name)
    return into


def replace(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1, f"{old!r} is not in {path} once"
    path.write_text(text.replace(old, new), encoding="utf-8")


def line_of(path: Path, words: str) -> int:
    return next(i for i, line in enumerate(path.read_text().split("\n"), 1) if words in line)


@pytest.mark.parametrize("name", sorted(STORES))
def test_every_promise_of_the_store_agrees_with_the_calculators(name):
    store = STORES[name]
    policy = published_policy(project_at(store))
    pages = pages_of(store)
    assert audit(policy, pages) == []
    listed = promises(policy, pages)
    checked = {p.quotes for p in listed if p.answer is not None}
    # The kinds of promise the pages make: holiday deadlines, transit and handling, free
    # shipping, return windows and support timers; each one checked by a calculator.
    assert {
        "policy.fulfilment.handling_days",
        "policy.shipping.methods.standard.transit_days",
        "policy.shipping.free_shipping_from",
        "policy.returns.change_of_mind.within_days",
        "policy.support.past_due_hours",
        "policy.support.no_tracking_update_business_days",
        "policy.holidays (Christmas, standard)",
        "policy.holidays (Christmas, expedited)",
    } <= checked


def test_the_seeds_second_wait_for_a_late_parcel_is_refused(tmp_path):
    copy = copy_of(ROOT, tmp_path)
    # The seed's two rules for one wait: 1 business day beyond the date, and 48 hours.
    replace(
        copy / "policy" / "support.yml",
        "extra_wait_business_days: 0",
        "extra_wait_business_days: 1",
    )
    shipping = copy / "docs" / "shipping.md"
    replace(
        shipping,
        "3. Check with your neighbors",
        "3. Allow {{ policy.support.extra_wait_business_days | business days }} beyond the\n"
        "   estimated delivery.\n"
        "4. Check with your neighbors",
    )
    policy = published_policy(project_at(copy))
    step = line_of(shipping, "3. Allow {{")
    table = line_of(copy / "docs" / "contact.md", "{{ table.when_to_contact }}")
    # "3. Allow " is 9 characters: the placeholder starts at column 10. The contact page's
    # table now adds "(allow 1 extra business day first)" to the 48 hours.
    assert [str(p) for p in audit(policy, pages_of(copy))] == [
        f"docs/contact.md:{table}:1: [error] '{{{{ table.when_to_contact }}}}' says 1 business "
        "day, but the late-order calculator answers 48 hours (after the estimated delivery "
        "date). (promise-contradiction)",
        f"docs/shipping.md:{step}:10: [error] 'Allow 1 business day beyond the estimated "
        "delivery.' says 1 business day, but the late-order calculator answers 48 hours (after "
        "the estimated delivery date). (promise-contradiction)",
    ]


def test_a_sale_over_a_stated_deadline_is_refused(tmp_path):
    store = STORES["patch-and-pops"]
    copy = copy_of(store, tmp_path)
    # Black Friday through Sat Dec 12: the expedited deadline (the end of Thu Dec 10) is a
    # sale day, so the calculator promises only orders placed before the sale, by the end
    # of Thu Nov 26. The standard one (Wed Nov 25) comes before the sale and stands.
    replace(copy / "policy" / "holidays.yml", "last_day: 2026-11-27", "last_day: 2026-12-12")
    policy = published_policy(project_at(copy))
    table = line_of(copy / "docs" / "holidays.md", "{{ table.holiday_deadlines }}")
    assert [str(p) for p in audit(policy, pages_of(copy))] == [
        f"docs/holidays.md:{table}:1: [error] '{{{{ table.holiday_deadlines }}}}' says orders "
        "placed by the end of Thursday, December 10, 2026, but the holiday-deadline calculator "
        "answers orders placed by the end of Thursday, November 26, 2026 (Expedited shipping "
        "to arrive by Thursday, December 24, 2026, Christmas). (promise-contradiction)"
    ]
