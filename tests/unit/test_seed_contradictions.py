"""Each contradiction of the seeds, written into a policy as the seeds state it, is refused.

The store's policy resolves each one with a comment (policy/*.yml); these tests
prove the loader refuses the original form, with a sentence at the right line,
so the contradiction cannot come back in a pull request. Positions are counted
on each case's text (line 1 is its first line, columns from 1).
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from helpcenter.load import PolicyError, load_policy
from helpcenter.pipeline import Project, check, published_policy

WORKSHOP = Path(__file__).parent.parent / "fixtures" / "workshop" / "policy"
EXPEDITED = (
    "  expedited: {label: E, transit_days: {min: 2, max: 3},"
    ' fees: [{subtotal_from: "0", fee: "16.99"}]}\n'
)

CASES = [
    (
        # "If Order Price < $69, shipping fee is $6.99 ... If Order Price over $59, free".
        "free over $59 but $6.99 under $69",
        "shipping.yml",
        "methods:\n  standard:\n    label: Standard\n    transit_days: {min: 7, max: 10}\n"
        "    fees:\n"
        '      - {subtotal_from: "0", subtotal_below: "69", fee: "6.99"}\n'
        '      - {subtotal_from: "59", fee: "0"}\n' + EXPEDITED + "default_method: standard\n",
        [
            "policy/shipping.yml:7:25: [error] methods.standard.fees[1].subtotal_from: Expected "
            "subtotal_from to be 69.00 (where the tier before ends) but received 59.00: that "
            "leaves an overlap. (fee-tiers)"
        ],
    ),
    (
        # "Processing (1-2 business days)" (help page) and "handling time (1 - 3 business
        # days)" (shipping policy) pasted as two values for the same stage.
        "processing of 1-2 and of 1-3 business days",
        "fulfilment.yml",
        "stages:\n  processing:\n    label: Processing\n"
        "    business_days: {min: 1, max: 2}\n"
        "    business_days: {min: 1, max: 3}\n"
        "    summary: Checked.\ntracking_active_hours: {min: 24, max: 48}\n",
        [
            "policy/fulfilment.yml:5:5: [error] Duplicate key 'business_days': it is already set "
            "at "
            "line 4. Keep one of the two. (duplicate-key)"
        ],
    ),
    (
        # "24 - 48 business hours" written where business days are counted.
        "processing of 24-48 business hours",
        "fulfilment.yml",
        "stages:\n  processing:\n    label: Processing\n"
        "    business_days: {min: 24 hours, max: 48 hours}\n"
        "    summary: Checked.\ntracking_active_hours: {min: 24, max: 48}\n",
        [
            "policy/fulfilment.yml:4:26: [error] stages.processing.business_days.min: Expected a "
            "whole "
            "number but received '24 hours'. (wrong-type)",
            "policy/fulfilment.yml:4:41: [error] stages.processing.business_days.max: Expected a "
            "whole "
            "number but received '48 hours'. (wrong-type)",
        ],
    ),
    (
        # "please contact us at contact@petscustom.com": another store's address.
        "another store's support address",
        "store.yml",
        "name: Test Workshop\nwebsite: workshop.test\nsupport_email: contact@petscustom.com\n"
        "support_reply_business_days: 1\n",
        [
            "policy/store.yml:3:16: [error] support_email: Expected an address at workshop.test "
            "(the "
            "store's website) but received 'contact@petscustom.com'. (email-domain)"
        ],
    ),
    (
        # "Handling time ... 1 - 3 business days" typed the wrong way round.
        "a minimum above its maximum",
        "fulfilment.yml",
        "stages:\n  processing:\n    label: Processing\n"
        "    business_days: {min: 3, max: 1}\n"
        "    summary: Checked.\ntracking_active_hours: {min: 48, max: 24}\n",
        [
            "policy/fulfilment.yml:4:26: [error] stages.processing.business_days.min: Expected "
            "min to "
            "be at most max (1) but received 3. (day-range)",
            "policy/fulfilment.yml:6:30: [error] tracking_active_hours.min: Expected min to be at "
            "most "
            "max (24) but received 48. (day-range)",
        ],
    ),
]


@pytest.mark.parametrize(("case", "file", "text", "expected"), CASES, ids=[c[0] for c in CASES])
def test_the_seeds_original_form_is_refused(tmp_path, case, file, text, expected):
    folder = tmp_path / "policy"
    shutil.copytree(WORKSHOP, folder)
    (folder / file).write_text(text, encoding="utf-8")
    with pytest.raises(PolicyError) as caught:
        load_policy(folder, "policy")
    assert [str(problem) for problem in caught.value.problems] == expected


def _with_2024(tmp_path: Path, deliver_by: str, first_day: str | None = None) -> Path:
    """The workshop with the seed's "November 20th, 2024" deadline (and maybe its season)."""
    folder = tmp_path / "policy"
    shutil.copytree(WORKSHOP, folder)
    holidays = folder / "holidays.yml"
    text = holidays.read_text().replace("deliver_by: 2026-12-24", f"deliver_by: {deliver_by}")
    holidays.write_text(text.replace("order_by: 2026-12-08", "order_by: 2024-11-20"))
    if first_day is not None:
        calendar = folder / "calendar.yml"
        calendar.write_text(
            calendar.read_text().replace("first_day: 2026-01-01", f"first_day: {first_day}")
        )
    (tmp_path / "docs").mkdir()
    return folder


def _said(tmp_path: Path) -> list[str]:
    result = check(Project(tmp_path, tmp_path / "policy", tmp_path / "docs"))
    return [str(problem) for problem in result.problems if problem.rule != "runtime-files"]


def test_the_2024_holiday_deadline_is_refused(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)  # files are named from where the command runs
    # "All orders placed before midnight on November 20th, 2024, are guaranteed to be
    # delivered before Christmas": the site answers for 2026-2027, so 2024 is outside it.
    _with_2024(tmp_path, "2026-12-24")
    assert _said(tmp_path) == [
        "policy/holidays.yml:7:38: [error] seasons[0].deadlines[0].order_by: Expected a date "
        "within the coverage (2026-01-01 to 2027-12-31) but received 2024-11-20: correct the "
        "date or extend calendar.coverage. (coverage)"
    ]


def test_the_2024_deadline_in_a_later_season_is_refused(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    # With a coverage that reaches back to 2024, the date is still two seasons old.
    _with_2024(tmp_path, "2026-12-24", first_day="2024-01-01")
    assert _said(tmp_path) == [
        "policy/holidays.yml:7:38: [error] seasons[0].deadlines[0].order_by: Expected an "
        "order-by date in the year before 2026-12-24 but received 2024-11-20: it belongs to an "
        "earlier season. (earlier-season)"
    ]


def test_the_2024_holiday_season_is_refused_outside_the_coverage(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    # The seed's whole season: Christmas 2024, order by Nov 20, 2024.
    _with_2024(tmp_path, "2024-12-24")
    assert _said(tmp_path) == [
        "policy/holidays.yml:5:17: [error] seasons[0].deliver_by: Expected a date within the "
        "coverage (2026-01-01 to 2027-12-31) but received 2024-12-24: correct the date or "
        "extend calendar.coverage. (coverage)",
        "policy/holidays.yml:7:38: [error] seasons[0].deadlines[0].order_by: Expected a date "
        "within the coverage (2026-01-01 to 2027-12-31) but received 2024-11-20: correct the "
        "date or extend calendar.coverage. (coverage)",
    ]


def test_a_season_that_is_over_inside_the_coverage_is_left_out(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    # Inside a coverage from 2024, on the pinned build day (2026-11-22) Christmas 2024 is
    # over: a warning, and the published policy leaves it out.
    _with_2024(tmp_path, "2024-12-24", first_day="2024-01-01")
    assert _said(tmp_path) == [
        "policy/holidays.yml:5:17: [warning] seasons[0].deliver_by: Christmas was delivered by "
        "2024-12-24, before today (2026-11-22): the pages leave this season out. Set this "
        "year's dates or remove it. (stale-season)",
    ]
    assert _published(tmp_path).holidays.seasons == ()


def _published(root: Path):
    return published_policy(Project(root, root / "policy", root / "docs"))
