"""``helpcenter diff BASE``: what a change means for customers, on copies of the root store.

Every run is the real command (``helpcenter.cli.main``) on real files: copies of
the project's own ``policy/``, ``docs/`` and ``mkdocs.yml`` in a temporary folder,
one of them edited as an editor would. The build day is the suite's
(``tests/conftest.py``: 2026-11-22), so holiday samples answer the same each run.
"""

from __future__ import annotations

import html as html_module
import re
import shutil
import subprocess
from datetime import date
from pathlib import Path

import markdown
import pytest

from helpcenter.cli import main
from helpcenter.diff_report import value_line
from helpcenter.diff_samples import sample_day
from helpcenter.diff_values import changed_values
from helpcenter.load import load_policy

ROOT = Path(__file__).parent.parent.parent
SNAPSHOTS = ROOT / "tests" / "snapshots"
# The whole report for free shipping from $59 to $75 (root store, shipping.yml's two
# "59.00" written "75.00"). Checked line by line against the sources when it was made:
# - values: shipping.yml's standard tiers end and start at 59.00 (fees 1 and 2), the
#   method's free_from and Shipping.free_shipping_from derive from them; names are the
#   fields' doc texts (calculators/shipping_methods.py) and the docstrings, without
#   their advice to editors ("; omit on the last tier", ", if any tier is free");
# - the table row is helpcenter/tables.py's methods() row for standard ("$6.99 below
#   $59; free from $59"), before and after;
# - the page line is docs/shipping.md's "Orders of {{ policy.shipping.free_shipping_from }}
#   or more ship free with", and that page embeds table.methods and
#   calculator.shipping_cost;
# - the samples are the built-in ones a cent below and at each tier's end on either side
#   ($58.99, $59, $74.99, $75): 75.00 - 58.99 = 16.01 more, 59 + 6.99 = 65.99,
#   74.99 + 6.99 = 81.98; the $75 answer changes only in the threshold it names. The
#   expedited $50 sample, the delivery samples and policy/samples.yml's do not change.
FREE_SHIPPING_75 = SNAPSHOTS / "diff_free_shipping_59_to_75.md"


def _store(into: Path) -> Path:
    """A copy of the root store (what the report reads: mkdocs.yml, policy, pages)."""
    into.mkdir(parents=True)
    shutil.copy(ROOT / "mkdocs.yml", into / "mkdocs.yml")
    for folder in ("policy", "docs"):
        shutil.copytree(ROOT / folder, into / folder)
    return into


def _edit(path: Path, old: str, new: str, count: int = -1) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{path.name} no longer holds {old!r}: update this test's edit"
    path.write_text(text.replace(old, new, count), encoding="utf-8")


def _free_shipping_from_75(store: Path) -> None:
    # Both tiers: the first ends below 75.00, the second starts at it (fee-tiers).
    _edit(store / "policy" / "shipping.yml", '"59.00"', '"75.00"')


def _run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    status = main(list(argv))
    out, err = capsys.readouterr()
    return status, out, err


@pytest.fixture
def here(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """tmp_path as the working folder: files are named from it, as editors see them."""
    monkeypatch.chdir(tmp_path)
    return tmp_path


def test_free_shipping_from_59_to_75_against_a_folder(here, capsys):
    _store(here / "before")
    _free_shipping_from_75(_store(here / "after"))
    status, out, err = _run(capsys, "--project", "after", "diff", "before")
    assert (status, err) == (0, "")
    assert out == FREE_SHIPPING_75.read_text(encoding="utf-8")


def test_a_comment_only_change_changes_nothing_for_customers(here, capsys):
    _store(here / "before")
    after = _store(here / "after")
    _edit(
        after / "policy" / "shipping.yml", "methods:\n", "# Checked with the carrier.\nmethods:\n"
    )
    assert _run(capsys, "--project", "after", "diff", "before") == (
        0,
        "No change for customers.\n",
        "",
    )


# Identity and signing given here: the machine's git configuration may lack or require them.
GIT = ("git", "-c", "user.name=Test", "-c", "user.email=test@example.com")
GIT += ("-c", "commit.gpgsign=false")


def _git(repo: Path, *args: str) -> str:
    done = subprocess.run(
        [*GIT, "-C", str(repo), *args],
        capture_output=True,
        text=True,
        check=True,
        timeout=60,
    )
    return done.stdout


def test_a_git_ref_is_read_without_touching_the_working_tree(here, capsys):
    # The store in a folder of the repository (as examples/patch-and-pops is): the ref's
    # files are found under it, and the working tree is left as it was.
    repo = here / "repo"
    repo.mkdir()
    _git(repo, "init", "-q")
    store = _store(repo / "shop")
    _git(repo, "add", "-A")
    _git(repo, "commit", "-q", "-m", "Free shipping from $59")
    _free_shipping_from_75(store)
    _git(repo, "commit", "-q", "-a", "-m", "Free shipping from $75")
    # Not committed: part of the project as it is now, so a new page for customers.
    (store / "docs" / "draft.md").write_text("# Not committed\n", encoding="utf-8")
    status, out, err = _run(capsys, "--project", str(store), "diff", "HEAD~1")
    # The snapshot's report, with BASE named as given and the pages named from here.
    expected = (
        FREE_SHIPPING_75.read_text(encoding="utf-8")
        .replace("Compared with `before`", "Compared with `HEAD~1`")
        .replace(
            "- **Shipping and delivery** (`after/docs/shipping.md`)",
            "- **Not committed** (`repo/shop/docs/draft.md`): a new page.\n"
            "- **Shipping and delivery** (`repo/shop/docs/shipping.md`)",
        )
    )
    assert (status, err) == (0, "")
    assert out == expected
    assert _git(repo, "status", "--porcelain") == "?? shop/docs/draft.md\n"


def test_a_base_that_does_not_load_is_said_in_one_sentence(here, capsys):
    before = _store(here / "before")
    # A gap between the standard tiers: the second starts at 60.00, not at 59.00.
    shipping = before / "policy" / "shipping.yml"
    _edit(shipping, 'subtotal_from: "59.00"', 'subtotal_from: "60.00"')
    lines = shipping.read_text(encoding="utf-8").split("\n")
    line = next(n for n, text in enumerate(lines, 1) if '"60.00"' in text)
    column = lines[line - 1].index('"60.00"') + 1  # the scalar starts at its quote
    _store(here / "after")
    status, out, err = _run(capsys, "--project", "after", "diff", "before")
    assert (status, err) == (0, "")
    assert out == (
        "The policy at `before` does not load (1 error, the first: "
        f"`before/policy/shipping.yml:{line}:{column}: [error] "
        "methods.standard.fees[1].subtotal_from: Expected subtotal_from to be 59.00 (where "
        "the tier before ends) but received 60.00: that leaves a gap. (fee-tiers)`), so "
        "there is nothing to compare this change with.\n"
    )


def test_a_base_that_is_neither_a_folder_nor_a_ref(here, capsys):
    repo = here / "repo"
    repo.mkdir()
    _git(repo, "init", "-q")
    _store(repo / "shop")
    status, out, err = _run(capsys, "--project", "repo/shop", "diff", "nowhere")
    assert (status, out) == (2, "")
    assert err == (
        "helpcenter diff: Expected a folder or a git ref as BASE but received 'nowhere': "
        "there is no such folder, and git knows no such commit (fetch it first, with "
        "fetch-depth: 0 in CI).\n"
    )


@pytest.mark.parametrize("base", ["", "  "])  # an unset CI variable, a blank one
def test_an_empty_base_is_refused(here, capsys, base):
    _store(here / "after")  # "" would otherwise be the working folder, compared with itself
    assert _run(capsys, "--project", "after", "diff", base) == (
        2,
        "",
        "helpcenter diff: BASE is empty: expected a folder or a git ref, like origin/main (in "
        "CI, check that the variable naming it is set).\n",
    )


def test_outside_a_git_repository_a_ref_cannot_be_read(here, capsys):
    _store(here / "after")
    status, out, err = _run(capsys, "--project", "after", "diff", "HEAD")
    assert (status, out) == (2, "")
    # The rest of the line is git's own words, which vary with its version.
    prefix = "helpcenter diff: Expected after to be in a git repository to read BASE from, "
    assert err.startswith(prefix + "but git says: ") and err.count("\n") == 1


# Each sample wrong in one way, and the problem the calculator it names reports, at
# the line and column of the mistake (counted in BAD_SAMPLES below, 1-based).
BAD_SAMPLES = """\
orders:
  - name: Overnight
    calculator: delivery
    inputs: {method: overnight, ordered_at: "2026-11-27T12:00"}
  - name: Typo
    calculator: delivry
    inputs: {}
  - name: Unknown input
    calculator: shipping_cost
    inputs: {subtotal: "10", colour: red}
  - name: No now
    calculator: returns
    inputs: {delivered_on: "2026-11-02"}
  - name: Bad date
    calculator: returns
    inputs: {delivered_on: "2026-13-02", now: "2026-11-10T10:00"}
  - name: Out of the years (ordered_at stands in for now, refused once)
    calculator: delivery
    inputs: {method: standard, ordered_at: "2031-11-27T12:00"}
"""
BAD_SAMPLE_PROBLEMS = [
    # line 4: 4 spaces + 'inputs: {method: ' (17) -> column 22, the value
    "after/policy/samples.yml:4:22: [error] orders[0].inputs.method: Expected an input the "
    "delivery calculator accepts but received 'overnight': it answers 'Please choose one of "
    "these: standard or expedited.' (sample-input)",
    # line 6: 4 spaces + 'calculator: ' (12) -> column 17
    "after/policy/samples.yml:6:17: [error] orders[1].calculator: Unknown calculator "
    "'delivry'. Expected one of delivery, shipping_cost, change_cancel, returns, destination, "
    "holiday_deadline, late_order. (unknown-calculator)",
    # line 10: 4 spaces + 'inputs: {subtotal: "10", ' (25) -> column 30, the key
    "after/policy/samples.yml:10:30: [error] orders[2].inputs.colour: Unknown input 'colour' "
    "of the shipping_cost calculator. Expected one of subtotal, method. (unknown-key)",
    # line 13: 4 spaces + 'inputs: ' (8) -> column 13, the mapping that lacks it
    "after/policy/samples.yml:13:13: [error] orders[3].inputs: Missing input 'now': the time "
    "the sample is asked at, like 2026-11-28T10:00 (store time); only an order time "
    "(ordered_at) stands in for it. (missing-key)",
    # line 16: 4 spaces + 'inputs: {delivered_on: ' (23) -> column 28
    "after/policy/samples.yml:16:28: [error] orders[4].inputs.delivered_on: Expected an input "
    "the returns calculator accepts but received '2026-13-02': it answers 'Please enter a "
    "date like 2026-12-07.' (sample-input)",
    # line 19: 4 spaces + 'inputs: {method: standard, ordered_at: ' (39) -> column 44; the
    # coverage is Thu Jan 1, 2026 to Fri Dec 31, 2027 (policy/calendar.yml)
    "after/policy/samples.yml:19:44: [error] orders[5].inputs.ordered_at: Expected an input "
    "the delivery calculator accepts but received '2031-11-27T12:00': it answers 'Please "
    "check the year: we can answer for orders placed from Thu Jan 1, 2026 to Fri Dec 31, "
    "2027, not Thu Nov 27, 2031.' (sample-input)",
]


def test_each_wrong_sample_is_an_editor_error_at_its_line(here, capsys):
    after = _store(here / "after")
    (after / "policy" / "samples.yml").write_text(BAD_SAMPLES, encoding="utf-8")
    status, out, err = _run(capsys, "--project", "after", "diff", "after")
    assert (status, out) == (1, "")
    assert err.split("\n") == [*BAD_SAMPLE_PROBLEMS, "6 errors in the policy.", ""]


@pytest.mark.parametrize("store", ["", "examples/patch-and-pops"])
def test_the_stores_own_samples_are_answered(store, capsys):
    # Against itself: every sample (built-in and samples.yml's) answers the same.
    project = str(ROOT / store)
    assert _run(capsys, "--project", project, "diff", project) == (
        0,
        "No change for customers.\n",
        "",
    )


# (file, text an editor changes, what it becomes, the value lines of the report). Each
# name is the record's label or name and the field's doc text (calculators/policy.py)
# up to its advice to editors, escaped for GFM (none of these needs a mark);
# each value is worded as pages word it (helpcenter/formatting.py): money "$30", dates
# long, yes/no for a setting, a list joined with "and", "not set" for a value not there.
VALUE_EDITS = [
    (
        "orders.yml",
        'fee: "25.00"',
        'fee: "30.00"',
        [
            "`orders.yml` › cancellation › the fee for cancelling later (or once artwork "
            "started), until it ships: $25 → $30"
        ],
    ),
    (
        "shipping.yml",
        "added_by_default: true",
        "added_by_default: false",
        [
            "`shipping.yml` › protection › whether checkout adds it until the shopper unticks "
            "it: yes → no"
        ],
    ),
    (
        # A closure in the middle of the list: one new item, not a shift of the others.
        "calendar.yml",
        "  - date: 2026-12-25\n",
        "  - date: 2026-12-24\n    name: Christmas Eve\n    applies_to: [handling]\n"
        "  - date: 2026-12-25\n",
        [
            "`calendar.yml` › Christmas Eve › the closed day, YYYY-MM-DD: not set → "
            "Thursday, December 24, 2026",
            "`calendar.yml` › Christmas Eve › why it is closed, shown to shoppers: not set → "
            "Christmas Eve",
            "`calendar.yml` › Christmas Eve › the calendars it closes: not set → handling",
            "`calendar.yml` › Christmas Eve › where the date comes from: not set → "
            "policy/calendar.yml",
        ],
    ),
    (
        "fulfilment.yml",
        "business_days: {min: 2, max: 3}",
        "business_days: {min: 2, max: 4}",
        [
            # Fulfilment.handling_days: 1–2 processing + 2–3 production, then 2–4.
            "Handling time: 3–5 business days → 3–6 business days",
            # A day range is one value on the pages (formatting.VALUE_TYPES): "2–3".
            "`fulfilment.yml` › In production › handling days the stage takes: 2–3 → 2–4",
        ],
    ),
]


@pytest.mark.parametrize(
    ("file", "old", "new", "lines"), VALUE_EDITS, ids=[edit[0] for edit in VALUE_EDITS]
)
def test_each_changed_value_is_named_and_worded_as_pages_say_it(tmp_path, file, old, new, lines):
    before = load_policy(ROOT / "policy")
    after = _store(tmp_path / "after")
    _edit(after / "policy" / file, old, new, 1)
    changes = changed_values(before, load_policy(after / "policy"))
    assert [value_line(change) for change in changes] == lines


def test_a_policy_file_taken_away_reads_as_values_no_longer_set(tmp_path):
    after = _store(tmp_path / "after")
    (after / "policy" / "payments.yml").unlink()
    changes = changed_values(load_policy(ROOT / "policy"), load_policy(after / "policy"))
    assert [value_line(change) for change in changes] == [
        # policy/payments.yml's two methods, joined as a page joins a list
        "`payments.yml` › how shoppers can pay: a PayPal account (balance, linked bank or "
        "saved cards) and PayPal guest checkout (any debit or credit card, no account "
        "needed) → not set",
        "`payments.yml` › how the charge reads on a card statement: PAYPAL JetoyUSA → not set",
        "`payments.yml` › days until a pending hold completes or is released: 1–3 → not set",
    ]


HOSTILE_NAME = "A <xss hx>$60 | [order](javascript:1) {{ table.methods }}"


def test_a_samples_name_reaches_the_report_as_text(here, capsys):
    # The same hostile name on both sides, on an order whose answer the change moves
    # ($60 standard: free from $59, $6.99 below $75). The report is Markdown a pull
    # request renders: the name must read as itself, with no element or link in it.
    sample = (
        f"  - name: '{HOSTILE_NAME}'\n    calculator: shipping_cost\n"
        "    inputs: {method: standard, subtotal: '60.00'}\n"
    )
    for side in ("before", "after"):
        store = _store(here / side)
        samples = store / "policy" / "samples.yml"
        samples.write_text(samples.read_text(encoding="utf-8") + sample, encoding="utf-8")
    _free_shipping_from_75(here / "after")
    status, out, err = _run(capsys, "--project", "after", "diff", "before")
    assert (status, err) == (0, "")
    html = markdown.markdown(out, extensions=["tables"])
    assert "<xss" not in html and "javascript:" not in html.replace("javascript:1", "")
    assert "href=" not in html
    # Read back as text (tags dropped, references decoded), the name is whole: what
    # a reader of the comment sees.
    assert HOSTILE_NAME in html_module.unescape(re.sub(r"<[^>]+>", "", html))


def test_sample_orders_are_dated_after_the_build_day():
    policy = load_policy(ROOT / "policy")  # coverage from Thu 2026-01-01
    # The suite's build day, Sun 2026-11-22 (later than the coverage's first day):
    # + 28 days is Sun 2026-12-20, and the next Monday is 2026-12-21.
    assert sample_day(policy, date(2026, 11, 22)) == date(2026, 12, 21)
    # A build day before the coverage: Thu 2026-01-01 + 28 is Thu 2026-01-29, Mon 02-02.
    assert sample_day(policy, date(2025, 6, 1)) == date(2026, 2, 2)
