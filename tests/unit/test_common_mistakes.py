"""The ten mistakes editors make most, in the store's real files, word for word.

Each case makes one edit to a copy of the JetoyUSA store (policy/, docs/,
mkdocs.yml) and compares everything `helpcenter check` says. Positions are
counted by hand in the real files, whose first line is the editor's schema
modeline: policy/store.yml has `name:` on line 4, policy/shipping.yml has the
standard fee tiers on lines 14-15 and its transit days on line 9,
`default_method:` on line 24; policy/fulfilment.yml has the processing stage's
`business_days:` on line 12; policy/calendar.yml has `order_cutoff:` on line 8
and the Christmas closure's `date:` on line 37;
docs/shipping.md has its title on line 7 (after its front matter) and the
delivery widget on line 16. Columns count from 1 at
the line's first character, to the value (or key) the rule names.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from helpcenter.pipeline import check, project_at

ROOT = Path(__file__).resolve().parents[2]

# (mistake, file, text as it is, text after the mistake, everything check says)
MISTAKES = [
    (
        # The line goes, and the comments above `website:` move up to lines 4-5: the
        # mapping that lacks `name` now starts at `website:` on line 6.
        "a required key deleted",
        "policy/store.yml",
        "name: JetoyUSA\n",
        "",
        [
            "policy/store.yml:6:1: [error] Missing key 'name': the store's name as shoppers know "
            "it. (missing-key)"
        ],
    ),
    (
        "a key misspelt",
        "policy/store.yml",
        "name: JetoyUSA\n",
        "nmae: JetoyUSA\n",
        [
            "policy/store.yml:4:1: [error] nmae: Unknown key 'nmae'. Expected one of name, "
            "website, support_email, support_reply_business_days, tracking_page, logo. "
            "(unknown-key)",
            "policy/store.yml:4:1: [error] Missing key 'name': the store's name as shoppers know "
            "it. (missing-key)",
        ],
    ),
    (
        # `      - {subtotal_from: "0", subtotal_below: "59.00", fee: ` is 59 characters:
        # the quoted value starts at column 60.
        "a currency sign in an amount",
        "policy/shipping.yml",
        'fee: "6.99"}',
        'fee: "$6.99"}',
        [
            "policy/shipping.yml:14:60: [error] methods.standard.fees[0].fee: Expected an amount "
            "of money like 6.99 or 59 (no currency sign) but received '$6.99'. (wrong-type)"
        ],
    ),
    (
        # `order_cutoff: ` is 14 characters: the value starts at column 15.
        "a cut-off written as on a clock",
        "policy/calendar.yml",
        'order_cutoff: "24:00"',
        "order_cutoff: 2:00 PM",
        [
            "policy/calendar.yml:8:15: [error] order_cutoff: Expected a 24-hour time like "
            '"14:30" (quoted), or "24:00" for the end of the day but received \'2:00 PM\'. '
            "(wrong-type)"
        ],
    ),
    (
        # The first tier now ends at $69 while the second starts at $59 (the seed's own
        # contradiction). `      - {subtotal_from: ` is 24 characters.
        "fee tiers that overlap",
        "policy/shipping.yml",
        'subtotal_below: "59.00"',
        'subtotal_below: "69.00"',
        [
            "policy/shipping.yml:15:25: [error] methods.standard.fees[1].subtotal_from: Expected "
            "subtotal_from to be 69.00 (where the tier before ends) but received 59.00: that "
            "leaves an overlap. (fee-tiers)"
        ],
    ),
    (
        # A second `business_days:` pasted under the first: the copy, on line 13, is refused.
        "a key given twice",
        "policy/fulfilment.yml",
        "    business_days: {min: 1, max: 2}\n",
        "    business_days: {min: 1, max: 2}\n    business_days: {min: 1, max: 3}\n",
        [
            "policy/fulfilment.yml:13:5: [error] Duplicate key 'business_days': it is already "
            "set at line 12. Keep one of the two. (duplicate-key)"
        ],
    ),
    (
        # `label:` one space short of its siblings: YAML stops at the next key, on line 9.
        "an indent one space short",
        "policy/shipping.yml",
        "    label: Standard shipping\n",
        "   label: Standard shipping\n",
        [
            "policy/shipping.yml:9:5: [error] This is not valid YAML: expected <block end>, but "
            "found '<block mapping start>' (while parsing a block mapping that starts at 6:4). "
            "(yaml-syntax)"
        ],
    ),
    (
        # `    transit_days: {min: ` is 24 characters: the 7 is at column 25.
        "a range written the wrong way round",
        "policy/shipping.yml",
        "transit_days: {min: 4, max: 7}",
        "transit_days: {min: 7, max: 4}",
        [
            "policy/shipping.yml:9:25: [error] methods.standard.transit_days.min: Expected min to "
            "be at most max (4) but received 7. (day-range)"
        ],
    ),
    (
        # `default_method: ` is 16 characters.
        "a method that does not exist",
        "policy/shipping.yml",
        "default_method: standard",
        "default_method: express",
        [
            "policy/shipping.yml:24:17: [error] default_method: Expected one of the methods "
            "(standard, expedited) but received 'express'. (default-method)"
        ],
    ),
    (
        # `  - date: ` is 10 characters.
        "a date written as in a letter",
        "policy/calendar.yml",
        "  - date: 2026-12-25",
        "  - date: Dec 25, 2026",
        [
            "policy/calendar.yml:37:11: [error] closures[1].date: Expected a date written "
            "YYYY-MM-DD but received 'Dec 25, 2026'. (wrong-type)"
        ],
    ),
    (
        "a placeholder misspelt in a page",
        "docs/shipping.md",
        "{{ calculator.delivery }}",
        "{{ calculator.delivry }}",
        [
            "docs/shipping.md:16:1: [error] Unknown calculator 'delivry'. Expected one of "
            "change_cancel, delivery, destination, holiday_deadline, late_order, returns, "
            "shipping_cost. (unknown-placeholder)"
        ],
    ),
    (
        # A price typed into the page instead of quoted: the sentence is on a new line 9.
        "a price typed into a page",
        "docs/shipping.md",
        "# Shipping and delivery\n\n",
        "# Shipping and delivery\n\nExpress costs $16.99.\n",
        [
            "docs/shipping.md:9:15: [error] '$16.99' is a policy value typed by hand; it is "
            "policy.shipping.methods.expedited.fees[0].fee, an item of a list, which no "
            "placeholder names: show it through a table ({{ table.NAME }}, README: Writing "
            "pages) so it follows policy/. (handtyped-value)"
        ],
    ),
]


@pytest.fixture
def store(tmp_path, copy_store, monkeypatch) -> Path:
    monkeypatch.chdir(tmp_path)  # files are named from where check runs, as for an editor
    return copy_store(ROOT, tmp_path)


@pytest.mark.parametrize(
    ("mistake", "file", "before", "after", "said"), MISTAKES, ids=[m[0] for m in MISTAKES]
)
def test_common_mistake(store, mistake, file, before, after, said):
    path = store / file
    text = path.read_text(encoding="utf-8")
    assert text.count(before) == 1, f"{before!r} is not once in {file}"
    path.write_text(text.replace(before, after), encoding="utf-8")
    assert [str(problem) for problem in check(project_at(Path("."))).problems] == said


def test_the_store_as_it_is_has_nothing_to_say(store):
    assert check(project_at(Path("."))).problems == []
