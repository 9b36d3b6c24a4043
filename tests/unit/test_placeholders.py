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
            "docs/page.md:2:5: Unknown placeholder {{ policy.store.phone }}: policy.store has no "
            "'phone'. Expected one of name, support_email, support_reply_business_days, website."
        ],
    ),
    (
        "unknown method",
        "{{ policy.shipping.methods.overnight.label }}",
        [
            "docs/page.md:1:1: Unknown placeholder {{ policy.shipping.methods.overnight.label }}: "
            "policy.shipping.methods has no 'overnight'. Expected one of standard, expedited."
        ],
    ),
    (
        "malformed",
        "Call {{ store name }}",
        [
            "docs/page.md:1:6: Expected a placeholder like {{ policy.store.name }}, "
            "{{ table.NAME }} or {{ calculator.NAME }} but received '{{ store name }}'."
        ],
    ),
    (
        "not closed",
        "{{ policy.store.name",
        [
            "docs/page.md:1:1: Expected a placeholder closed on the same line, like "
            "{{ policy.store.name }}, but received '{{ policy.store.name'."
        ],
    ),
    (
        "unknown unit",
        "{{ policy.fulfilment.handling_days | weeks }}",
        [
            "docs/page.md:1:1: Expected a unit after | (business days, days, hours, weekdays) "
            "but received 'weeks'."
        ],
    ),
    (
        "widget inside a sentence, unknown table, all at once",
        "Try {{ calculator.delivery }} now\n\n{{ table.fees }}",
        [
            "docs/page.md:1:5: {{ calculator.delivery }} must stand alone on its line.",
            "docs/page.md:3:1: Unknown table 'fees'. Expected one of methods.",
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
