"""Placeholders fill pages from the policy; every mistake names page, line and column."""

from __future__ import annotations

import dataclasses

import pytest

from calculators.policy import DayRange
from helpcenter.placeholders import PageError, Renderers, render_page

RENDERERS = Renderers(
    tables={"methods": lambda policy: "| a |\n| --- |\n| b |"},
    calculators={"delivery": lambda policy: '<div data-calculator="delivery"></div>'},
)

# (case, markdown, expected page). Values from tests/fixtures/workshop/policy.
FILLED = [
    ("text", "Hi from {{ policy.store.name }}!", "Hi from Test Workshop!"),
    ("money, derived", "Free from {{policy.shipping.free_shipping_from}}.", "Free from $59."),
    # processing 1-2 + production 2-3 business days
    (
        "range with unit",
        "{{ policy.fulfilment.handling_days | business days }}",
        "3–5 business days",
    ),
    ("one day", "{{ policy.store.support_reply_business_days | business days }}", "1 business day"),
    ("weekday run", "{{ policy.calendar.working_weeks.carrier | weekdays }}", "Monday to Saturday"),
    ("cut-off", "before {{ policy.calendar.order_cutoff }}", "before 2:00 PM"),
    # tracking_active_hours is 24-48: under two days, so it stays in hours.
    ("hours", "{{ policy.fulfilment.tracking_active_hours | hours }}", "24–48 hours"),
    ("mapping key", "{{ policy.shipping.methods.expedited.label }}", "Expedited"),
    ("table", "{{ table.methods }}", "| a |\n| --- |\n| b |"),
    ("widget", "{{ calculator.delivery }}", '<div data-calculator="delivery"></div>'),
    ("code fences are left alone", "```\n{{ policy.nope }}\n```", "```\n{{ policy.nope }}\n```"),
]


@pytest.mark.parametrize(("case", "markdown", "expected"), FILLED, ids=[c[0] for c in FILLED])
def test_filled(workshop, case, markdown, expected):
    assert render_page(markdown, workshop, "docs/page.md", RENDERERS) == expected


BROKEN = [
    (
        "unknown key",
        "line one\nSee {{ policy.store.phone }}.",
        [
            "docs/page.md:2:5: [error] Unknown placeholder {{ policy.store.phone }}: policy.store "
            "has no 'phone'. Expected one of logo, name, support_email, "
            "support_reply_business_days, tracking_page, website. (unknown-placeholder)"
        ],
    ),
    (
        "unknown method",
        "{{ policy.shipping.methods.overnight.label }}",
        [
            "docs/page.md:1:1: [error] Unknown placeholder "
            "{{ policy.shipping.methods.overnight.label }}: policy.shipping.methods has no "
            "'overnight'. Expected one of standard, expedited. (unknown-placeholder)"
        ],
    ),
    (
        "malformed",
        "Call {{ store name }}",
        [
            "docs/page.md:1:6: [error] Expected a placeholder like {{ policy.store.name }}, "
            "{{ table.NAME }} or {{ calculator.NAME }} but received '{{ store name }}'. "
            "(placeholder-syntax)"
        ],
    ),
    (
        "not closed",
        "{{ policy.store.name",
        [
            "docs/page.md:1:1: [error] Expected a placeholder closed on the same line, like "
            "{{ policy.store.name }}, but received '{{ policy.store.name'. (placeholder-syntax)"
        ],
    ),
    (
        "unknown unit",
        "{{ policy.fulfilment.handling_days | weeks }}",
        [
            "docs/page.md:1:1: [error] Expected a unit after | (business days, days, hours, "
            "weekdays) but received 'weeks'. (placeholder-unit)"
        ],
    ),
    (
        "widget inside a sentence, unknown table, all at once",
        "Try {{ calculator.delivery }} now\n\n{{ table.fees }}",
        [
            "docs/page.md:1:5: [error] {{ calculator.delivery }} must stand alone on its line. "
            "(placeholder-own-line)",
            "docs/page.md:3:1: [error] Unknown table 'fees'. Expected one of methods. "
            "(unknown-placeholder)",
        ],
    ),
    (
        "a record names its fields, in the model's order",
        "{{ policy.store }}",
        [
            "docs/page.md:1:1: [error] {{ policy.store }} names a group of values, not one value. "
            "Name one of its fields: policy.store.name, policy.store.website, "
            "policy.store.support_email, policy.store.support_reply_business_days, "
            "policy.store.tracking_page, policy.store.logo. (placeholder-record)"
        ],
    ),
    (
        "a mapping names its keys",
        "{{ policy.shipping.methods }}",
        [
            "docs/page.md:1:1: [error] {{ policy.shipping.methods }} names a group of values, not "
            "one value. Name one of its keys: policy.shipping.methods.standard, "
            "policy.shipping.methods.expedited. (placeholder-record)"
        ],
    ),
    (
        # Filled from ISO 3166-1 at load time, sorted by name: Afghanistan first.
        "a mapping whose keys the grammar cannot name",
        "{{ policy.destinations.country_names }}",
        [
            "docs/page.md:1:1: [error] {{ policy.destinations.country_names }} names a group of "
            "values, not one value, and a placeholder cannot name its keys (like AF). "
            "(placeholder-record)"
        ],
    ),
    (
        "a list of records",
        "{{ policy.calendar.closures }}",
        [
            "docs/page.md:1:1: [error] {{ policy.calendar.closures }} names a list of groups of "
            "values, not one value; pages show such a list through a generated table "
            "({{ table.NAME }}). (placeholder-record)"
        ],
    ),
    (
        "past a text, Python's own attributes are not reached",
        "{{ policy.store.name.upper }}",
        [
            "docs/page.md:1:1: [error] Unknown placeholder {{ policy.store.name.upper }}: "
            "policy.store.name is a value with no fields. (unknown-placeholder)"
        ],
    ),
    (
        "past a list",
        "{{ policy.calendar.closures.name }}",
        [
            "docs/page.md:1:1: [error] Unknown placeholder {{ policy.calendar.closures.name }}: "
            "policy.calendar.closures is a list; a placeholder cannot name one of its items. "
            "(unknown-placeholder)"
        ],
    ),
    (
        "past a time of day",
        "{{ policy.calendar.order_cutoff.minutes }}",
        [
            "docs/page.md:1:1: [error] Unknown placeholder "
            "{{ policy.calendar.order_cutoff.minutes }}: policy.calendar.order_cutoff is a value "
            "with no fields. (unknown-placeholder)"
        ],
    ),
    (
        "a yes/no setting would read True",
        "{{ policy.orders.reship_fee_may_apply }}",
        [
            "docs/page.md:1:1: [error] This policy value is a yes/no setting (true), so a page "
            "cannot quote it; word what it means in the page instead. (placeholder-value)"
        ],
    ),
    (
        "weekdays of a text",
        "{{ policy.store.name | weekdays }}",
        [
            "docs/page.md:1:1: [error] Expected a list of weekdays before | weekdays but received "
            "'Test Workshop'. (placeholder-value)"
        ],
    ),
]


@pytest.mark.parametrize(("case", "markdown", "expected"), BROKEN, ids=[c[0] for c in BROKEN])
def test_broken(workshop, case, markdown, expected):
    with pytest.raises(PageError) as caught:
        render_page(markdown, workshop, "docs/page.md", RENDERERS)
    assert [str(p) for p in caught.value.problems] == expected


def test_long_hour_spans_read_in_days(workshop):
    # Patch&Pops' "allow 5 - 7 days" for the carrier scan is 120-168 hours in its policy.
    fulfilment = dataclasses.replace(workshop.fulfilment, tracking_active_hours=DayRange(120, 168))
    policy = dataclasses.replace(workshop, fulfilment=fulfilment)
    page = "Allow {{ policy.fulfilment.tracking_active_hours | hours }}."
    assert render_page(page, policy, "docs/page.md", RENDERERS) == "Allow 5–7 days."


def test_without_a_policy_form_units_names_and_own_lines_are_still_checked():
    # The policy has errors of its own: the page's mistakes are reported in the same run.
    # Line 1: "{{ policy.store.name }} and " is 28 characters, so the second placeholder is at 29.
    page = (
        "{{ policy.store.name }} and {{ policy.fulfilment.handling_days | weeks }}\n"
        "{{ table.fees }}\n"
        "Try {{ calculator.delivery }} now\n"
        "{{ store name }}"
    )
    with pytest.raises(PageError) as caught:
        render_page(page, None, "docs/page.md", RENDERERS)
    assert [(p.line, p.column, p.rule) for p in caught.value.problems] == [
        (1, 29, "placeholder-unit"),
        (2, 1, "unknown-placeholder"),
        (3, 5, "placeholder-own-line"),
        (4, 1, "placeholder-syntax"),
    ]


def test_without_a_policy_a_correct_page_comes_back_as_it_is():
    page = (
        "{{ policy.store.name }} ships {{ policy.calendar.working_weeks.handling | weekdays }}.\n"
    )
    page += "{{ table.methods }}"
    assert render_page(page, None, "docs/page.md", RENDERERS) == page


# -- policy text is escaped -----------------------------------------------------------

# (case, store name, how the page shows it). The escaper's own table is in
# test_escaping.py; here, that placeholders go through it: < is &#60;, > &#62;,
# ( &#40;, ) &#41;, [ &#91;, ] &#93;, { &#123;, } &#125;; ":" and "." stay.
HOSTILE_NAMES = [
    ("a script", "<script>alert(1)</script>", "&#60;script&#62;alert&#40;1&#41;&#60;/script&#62;"),
    (
        "a javascript: link",
        "[x](javascript:alert(1))",
        "&#91;x&#93;&#40;javascript:alert&#40;1&#41;&#41;",
    ),
    (
        "a placeholder is not filled again",
        "{{ policy.store.website }}",
        "&#123;&#123; policy.store.website &#125;&#125;",
    ),
]


def _named(policy, name: str):
    return dataclasses.replace(policy, store=dataclasses.replace(policy.store, name=name))


@pytest.mark.parametrize(
    ("case", "name", "expected"), HOSTILE_NAMES, ids=[c[0] for c in HOSTILE_NAMES]
)
def test_policy_text_is_escaped(workshop, case, name, expected):
    policy = _named(workshop, name)
    filled = render_page("Hi from {{ policy.store.name }}!", policy, "docs/page.md", RENDERERS)
    assert filled == f"Hi from {expected}!"
    # Filling the filled page again changes nothing: no placeholder came from the policy.
    assert render_page(filled, policy, "docs/page.md", RENDERERS) == filled


def test_each_text_of_a_list_is_escaped(workshop):
    change_of_mind = dataclasses.replace(
        workshop.returns.change_of_mind, conditions=("<b>unused</b>", "a | b")
    )
    policy = dataclasses.replace(
        workshop, returns=dataclasses.replace(workshop.returns, change_of_mind=change_of_mind)
    )
    page = "{{ policy.returns.change_of_mind.conditions }}"
    assert render_page(page, policy, "docs/page.md", RENDERERS) == (
        "&#60;b&#62;unused&#60;/b&#62; and a &#124; b"
    )


def test_the_support_address_still_makes_a_working_link(workshop):
    # Letters, "@" and "." are safe: the link's words and its target read as written.
    page = "[{{ policy.store.support_email }}](mailto:{{ policy.store.support_email }})"
    assert render_page(page, workshop, "docs/page.md", RENDERERS) == (
        "[help@workshop.test](mailto:help@workshop.test)"
    )
