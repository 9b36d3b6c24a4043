"""Broken policy files give every mistake at once, each at its file:line:col.

Each case writes one real YAML file over a copy of the test workshop's policy
and compares the loader's full report. Positions are counted by hand from the
case's text: line 1 is the first line after the opening quotes, columns start at 1.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from helpcenter.load import PolicyError, load_policy
from helpcenter.pages import renderers
from helpcenter.placeholders import PageError, render_page

WORKSHOP = Path(__file__).parent.parent / "fixtures" / "workshop" / "policy"

STORE_OK = """\
name: Test Workshop
support_email: help@workshop.test
support_reply_business_days: 1
website: workshop.test
"""

# The fixture's holiday deadlines name an expedited method, so shipping texts keep one.
EXPEDITED = (
    "  expedited: {label: E, transit_days: {min: 1, max: 2},"
    ' fees: [{subtotal_from: "0", fee: "9"}]}\n'
)

CASES = [
    (
        "duplicate key",
        "store.yml",
        "name: Test Workshop\nsupport_email: help@workshop.test\nname: Other\n"
        "support_reply_business_days: 1\nwebsite: workshop.test\n",
        [
            "policy/store.yml:3:1: [error] Duplicate key 'name': it is already set at line 1. "
            "Keep one of the two. (duplicate-key)"
        ],
    ),
    (
        "unknown key and missing key",
        "store.yml",
        "nmae: Test Workshop\nsupport_email: help@workshop.test\nsupport_reply_business_days: 1\n"
        "website: workshop.test\n",
        [
            "policy/store.yml:1:1: [error] nmae: Unknown key 'nmae'. Expected one of name, "
            "website, "
            "support_email, support_reply_business_days, tracking_page, logo. (unknown-key)",
            # A missing key is reported where the mapping that lacks it starts.
            "policy/store.yml:1:1: [error] Missing key 'name': the store's name as shoppers know "
            "it. (missing-key)",
        ],
    ),
    (
        "a date where a number belongs is not silently a date",
        "store.yml",
        "name: Test Workshop\nsupport_email: help@workshop.test\n"
        "support_reply_business_days: 2026-12-25\nwebsite: workshop.test\n",
        [
            "policy/store.yml:3:30: [error] support_reply_business_days: Expected a whole number "
            "but "
            "received '2026-12-25'. (wrong-type)"
        ],
    ),
    (
        "yes and no are not days of the week",
        "calendar.yml",
        'time_zone: America/New_York\norder_cutoff: "14:00"\nworking_weeks:\n'
        "  handling: [Mon, no]\n  carrier: [Mon]\n  support: yes\n"
        "coverage: {first_day: 2026-01-01, last_day: 2027-12-31}\n",
        [
            "policy/calendar.yml:4:19: [error] working_weeks.handling[1]: Expected a day of the "
            "week: "
            "Mon, Tue, Wed, Thu, Fri, Sat, Sun but received 'no'. (wrong-type)",
            "policy/calendar.yml:6:12: [error] working_weeks.support: Expected a list but "
            "received 'yes'. (wrong-type)",
        ],
    ),
    (
        "time zone, cut-off and closure date",
        "calendar.yml",
        "time_zone: Eastern\norder_cutoff: 12:00 AM\nworking_weeks:\n"
        "  handling: [Mon]\n  carrier: [Mon]\n  support: [Mon]\n"
        "closures:\n  - {date: Dec 25, name: Christmas}\n"
        "coverage: {first_day: 2026-01-01, last_day: 2027-12-31}\n",
        [
            "policy/calendar.yml:1:12: [error] time_zone: Expected an IANA time zone name like "
            "\"America/New_York\" but received 'Eastern'. (wrong-type)",
            "policy/calendar.yml:2:15: [error] order_cutoff: Expected a 24-hour time like "
            '"14:30" (quoted), or "24:00" for the end of the day but received \'12:00 AM\'. '
            "(wrong-type)",
            "policy/calendar.yml:8:12: [error] closures[0].date: Expected a date written "
            "YYYY-MM-DD but "
            "received 'Dec 25'. (wrong-type)",
        ],
    ),
    (
        "a minimum above its maximum",
        "fulfilment.yml",
        "stages:\n  processing:\n    label: Processing\n    business_days: {min: 3, max: 1}\n"
        "    summary: Checked.\ntracking_active_hours: {min: 24, max: 48}\n",
        [
            "policy/fulfilment.yml:4:26: [error] stages.processing.business_days.min: Expected "
            "min to be "
            "at most max (1) but received 3. (day-range)"
        ],
    ),
    (
        "the seed's overlapping fee tiers: $6.99 under $69, free over $59",
        "shipping.yml",
        "methods:\n  standard:\n    label: Standard\n    transit_days: {min: 4, max: 7}\n"
        "    fees:\n"
        '      - {subtotal_from: "0", subtotal_below: "69.00", fee: "6.99"}\n'
        '      - {subtotal_from: "59.00", fee: "0"}\n' + EXPEDITED + "default_method: standard\n",
        [
            "policy/shipping.yml:7:25: [error] methods.standard.fees[1].subtotal_from: Expected "
            "subtotal_from to be 69.00 (where the tier before ends) but received 59.00: that "
            "leaves an overlap. (fee-tiers)"
        ],
    ),
    (
        "gapped fee tiers and a default that is not a method",
        "shipping.yml",
        "methods:\n  standard:\n    label: Standard\n    transit_days: {min: 4, max: 7}\n"
        "    fees:\n"
        '      - {subtotal_from: "0", subtotal_below: "50", fee: "6.99"}\n'
        '      - {subtotal_from: "59", fee: "0"}\n' + EXPEDITED + "default_method: express\n",
        [
            "policy/shipping.yml:7:25: [error] methods.standard.fees[1].subtotal_from: Expected "
            "subtotal_from to be 50.00 (where the tier before ends) but received 59.00: that "
            "leaves a gap. (fee-tiers)",
            "policy/shipping.yml:9:17: [error] default_method: Expected one of the methods "
            "(standard, expedited) but "
            "received 'express'. (default-method)",
        ],
    ),
    (
        "money with a currency sign",
        "shipping.yml",
        "methods:\n  standard:\n    label: Standard\n    transit_days: {min: 4, max: 7}\n"
        '    fees:\n      - {subtotal_from: "0", fee: "$6.99"}\n'
        + EXPEDITED
        + "default_method: standard\n",
        [
            "policy/shipping.yml:6:35: [error] methods.standard.fees[0].fee: Expected an amount "
            "of money "
            "like 6.99 or 59 (no currency sign) but received '$6.99'. (wrong-type)"
        ],
    ),
    (
        "not YAML at all",
        "store.yml",
        "name: [Test Workshop\nsupport_email: help@workshop.test\n",
        # The unclosed list swallows the next line; YAML notices at its ':'.
        [
            "policy/store.yml:2:14: [error] This is not valid YAML: expected ',' or ']', but got "
            "':' "
            "(while parsing a flow sequence that starts at 1:7). (yaml-syntax)"
        ],
    ),
]


def _load_with(tmp_path: Path, file: str, text: str) -> list[str]:
    folder = tmp_path / "policy"
    shutil.copytree(WORKSHOP, folder)
    (folder / file).write_text(text, encoding="utf-8")
    with pytest.raises(PolicyError) as caught:
        load_policy(folder, "policy")
    return [str(problem) for problem in caught.value.problems]


@pytest.mark.parametrize(("case", "file", "text", "expected"), CASES, ids=[c[0] for c in CASES])
def test_broken_policy_reports(tmp_path, case, file, text, expected):
    assert _load_with(tmp_path, file, text) == expected


def test_no_stays_text_where_text_is_expected(tmp_path):
    # "NO" is Norway's code and "2026-12-25" a fine store name: neither is a boolean or a date.
    folder = tmp_path / "policy"
    shutil.copytree(WORKSHOP, folder)
    (folder / "store.yml").write_text(STORE_OK.replace("Test Workshop", "NO"), encoding="utf-8")
    assert load_policy(folder).store.name == "NO"
    (folder / "store.yml").write_text(STORE_OK.replace("Test Workshop", "2026-12-25"))
    assert load_policy(folder).store.name == "2026-12-25"


def test_every_file_is_checked_before_reporting(tmp_path):
    # Missing and unknown files first (in file-name order), then every readable
    # file's own mistakes: a missing file hides nothing in store.yml.
    folder = tmp_path / "policy"
    shutil.copytree(WORKSHOP, folder)
    (folder / "store.yml").write_text(STORE_OK.replace("help@workshop.test", "nobody"))
    (folder / "fulfilment.yml").unlink()
    (folder / "extra.yaml").write_text("a: 1\n")
    with pytest.raises(PolicyError) as caught:
        load_policy(folder, "policy")
    assert [str(p) for p in caught.value.problems] == [
        "policy/extra.yaml:1:1: [error] Unknown policy file 'extra.yaml'. Expected one of "
        "store.yml, "
        "calendar.yml, fulfilment.yml, shipping.yml, orders.yml, returns.yml, destinations.yml, "
        "holidays.yml, support.yml, payments.yml, samples.yml. (unknown-file)",
        "policy/fulfilment.yml:1:1: [error] Missing policy file fulfilment.yml: what happens "
        "between "
        "payment and shipping. (missing-file)",
        "policy/store.yml:2:16: [error] support_email: Expected an e-mail address like "
        "help@example.com but received 'nobody'. (email-address)",
    ]


def test_payments_are_optional_and_pages_say_when_they_are_missing(tmp_path):
    folder = tmp_path / "policy"
    shutil.copytree(WORKSHOP, folder)
    (folder / "payments.yml").unlink()
    policy = load_policy(folder, "policy")
    assert policy.payments is None
    page = "{{ policy.payments.statement_descriptor }}\n\n{{ table.payment_methods }}"
    with pytest.raises(PageError) as caught:
        render_page(page, policy, "docs/payments.md", renderers())
    assert [str(p) for p in caught.value.problems] == [
        "docs/payments.md:1:1: [error] Unknown placeholder {{ "
        "policy.payments.statement_descriptor }}: "
        "policy.payments is not set in this store's policy (unknown-placeholder)",
        "docs/payments.md:3:1: [error] The policy has no payments.yml, so there are no payment "
        "methods "
        "to list. (placeholder-value)",
    ]


@pytest.mark.parametrize("text", ["", "# payments: none yet\n", "---\n"])
def test_an_optional_file_with_nothing_in_it_leaves_its_part_out(tmp_path, text):
    # payments.yml is optional (Policy.payments defaults to None): emptied, or with
    # only comments, it reads as if it were not there; a required file would not.
    folder = tmp_path / "policy"
    shutil.copytree(WORKSHOP, folder)
    (folder / "payments.yml").write_text(text)
    assert load_policy(folder, "policy").payments is None
