"""The promise audit (helpcenter.promises) on small pages over the test workshop.

Workshop values (tests/fixtures/workshop/policy): problem reports within 30 days,
changes guaranteed 24 hours, free cancelling 60 minutes, support waits: no tracking
update 3 business days, 1 extra business day and 48 hours past due; handling 3-5
business days; Christmas deadlines: standard Tue Dec 8, expedited Sun Dec 13, 2026;
Black Friday (Fri Nov 27) orders arrive after Christmas.

Expected problems are typed by hand: the position is the placeholder's (line and
column counted in the page text below, from 1), the sentence is the page's words
with the values filled in, and each answer is the calculator's, counted by hand
for an order on the workshop's ordinary Monday (Jan 5, 2026).
"""

from __future__ import annotations

import dataclasses
from datetime import date, datetime

import pytest

from calculators.policy import HolidayOrders, Sale
from helpcenter import promises
from helpcenter.promises import audit, calculator_answers, ordinary_monday, words

D = date.fromisoformat
CYBER_WEEK = Sale("Cyber Week", D("2026-12-07"), D("2026-12-08"), "Christmas")


def test_the_ordinary_monday(workshop):
    # Jan 1, 2026 is a Thursday: Monday Jan 5. The six weeks to Feb 16 hold no closure
    # (the workshop closes in July, November and December) and no clock change (Mar 8).
    assert ordinary_monday(workshop) == datetime.fromisoformat("2026-01-05T10:00:00-05:00")


# (the value's path, what its calculator answers, in a page's words). Order at 10:00 on
# Mon Jan 5 (handling Mon-Fri, carrier Mon-Sat): it counts from Jan 5, ships Jan 8 to Jan 12
# and arrives Jan 13 (standard: 9, 10, 12, 13) to Tue Jan 20 (13, 14, 15, 16, 17, 19, 20).
# Past due: 48 hours after the end of Jan 20 ends Thu Jan 22, later than the extra carrier
# day (the end of Wed Jan 21): 48 hours, whichever of the two values a page quotes.
ANSWERS = [
    ("fulfilment.handling_days", "3–5 business days"),
    ("shipping.methods.standard.transit_days", "4–7 business days"),
    ("shipping.methods.expedited.transit_days", "2–3 business days"),
    ("calendar.order_cutoff", "2:00 PM"),
    ("holidays.sale_names", "Black Friday"),
    ("orders.changes.guaranteed_within_hours", "24 hours"),
    ("orders.cancellation.free_within_minutes", "60 minutes"),
    ("orders.cancellation.fee", "$25"),
    ("shipping.free_shipping_from", "$59"),
    ("support.no_tracking_update_business_days", "3 business days"),
    ("support.past_due_hours", "48 hours"),
    ("support.extra_wait_business_days", "48 hours"),
    ("support.delivered_not_received_hours", "24 hours"),
    ("support.lost_refund_after_days", "21 days"),
    ("store.support_reply_business_days", "1 business day"),
    ("returns.problem_reports.within_days", "30 days"),
    ("returns.change_of_mind.within_days", "3 days"),
    ("returns.warranty.within_days", "90 days"),
]


def test_what_the_calculators_answer(workshop):
    answers = calculator_answers(workshop)
    assert {path: words(answer.amount) for path, answer in answers.items()} == dict(ANSWERS)


# (case, page text, every problem the audit reports)
PAGES = [
    (
        "every amount as its calculator answers it",
        "# Help\n"
        "Ships in {{ policy.fulfilment.handling_days | business days }}, then\n"
        "{{ policy.shipping.methods.standard.transit_days | business days }} in transit.\n"
        "Cancelling is free for {{ policy.orders.cancellation.free_within_minutes }} minutes.\n"
        "If it is late {{ policy.support.past_due_hours | hours }} after the date, write.\n"
        "Free from {{ policy.shipping.free_shipping_from }}; cut-off "
        "{{ policy.calendar.order_cutoff }}.\n"
        "\n"
        "{{ table.when_to_contact }}\n"
        "{{ table.return_routes }}\n"
        "{{ table.order_changes }}\n"
        "{{ table.methods }}\n"
        "{{ table.stages }}\n",
        # The when_to_contact table quotes the extra business day (1): a second wait.
        [
            "p.md:8:1: [error] '{{ table.when_to_contact }}' says 1 business day, but the "
            "late-order calculator answers 48 hours (after the estimated delivery date). "
            "(promise-contradiction)"
        ],
    ),
    (
        # "Report it within " is 17 characters: the placeholder starts at column 18.
        "calendar days said as business days",
        "# Returns\n"
        "Report it within {{ policy.returns.problem_reports.within_days | business days }} of "
        "delivery.\n",
        [
            "p.md:2:18: [error] 'Report it within 30 business days of delivery.' says 30 "
            "business days, but the returns calculator answers 30 days (days after delivery to "
            "ask). (promise-contradiction)"
        ],
    ),
    (
        # The seeds' "Allow 1 additional business day beyond the estimated delivery": the
        # list item's "2. Allow " is 9 characters, so column 10; the sentence runs on.
        "a second wait for a late parcel",
        "1. Check your tracking.\n"
        "2. Allow {{ policy.support.extra_wait_business_days | business days }} beyond\n"
        "   the estimated delivery.\n",
        [
            "p.md:2:10: [error] 'Allow 1 business day beyond the estimated delivery.' says 1 "
            "business day, but the late-order calculator answers 48 hours (after the estimated "
            "delivery date). (promise-contradiction)"
        ],
    ),
    (
        # A wrapped paragraph: the placeholder is on its second line, after two spaces.
        "hours said as days, on a second line",
        "Changes are guaranteed for\n"
        "  {{ policy.orders.changes.guaranteed_within_hours | days }} after you order.\n",
        [
            "p.md:2:3: [error] 'Changes are guaranteed for 24 days after you order.' says 24 "
            "days, but the change-cancel calculator answers 24 hours (changes guaranteed). "
            "(promise-contradiction)"
        ],
    ),
    (
        # A bare number takes the word after it: "Cancelling is free for " is 23 characters.
        "a bare number with the wrong word",
        "Cancelling is free for {{ policy.orders.cancellation.free_within_minutes }} hours.\n",
        [
            "p.md:1:24: [error] 'Cancelling is free for 60 hours.' says 60 hours, but the "
            "change-cancel calculator answers 60 minutes (cancelling free). "
            "(promise-contradiction)"
        ],
    ),
    (
        "what no calculator answers, and code, are not checked",
        "Tracking starts within {{ policy.fulfilment.tracking_active_hours | days }}.\n"
        "```\n"
        "Report it within {{ policy.returns.problem_reports.within_days | hours }}.\n"
        "```\n",
        [],
    ),
    (
        # The table promises each stated deadline; the calculator excepts Black Friday
        # orders, which this page does not name.
        "holiday deadlines without their sale",
        "## Deadlines\n\n{{ table.holiday_deadlines }}\n",
        [
            "p.md:3:1: [error] '{{ table.holiday_deadlines }}' says orders placed by the end "
            "of Tuesday, December 8, 2026, but the holiday-deadline calculator answers orders "
            "placed by the end of Tuesday, December 8, 2026, except Black Friday orders "
            "(Standard to arrive by Thursday, December 24, 2026, Christmas). "
            "(promise-contradiction)",
            "p.md:3:1: [error] '{{ table.holiday_deadlines }}' says orders placed by the end "
            "of Sunday, December 13, 2026, but the holiday-deadline calculator answers orders "
            "placed by the end of Sunday, December 13, 2026, except Black Friday orders "
            "(Expedited to arrive by Thursday, December 24, 2026, Christmas). "
            "(promise-contradiction)",
        ],
    ),
    (
        "holiday deadlines with their sale",
        "{{ table.holiday_deadlines }}\n\n"
        "{{ policy.holidays.sale_names }} orders arrive after Christmas.\n",
        [],
    ),
]


@pytest.mark.parametrize(("case", "page", "expected"), PAGES, ids=[c[0] for c in PAGES])
def test_audit(workshop, case, page, expected):
    assert [str(problem) for problem in audit(workshop, {"p.md": page})] == expected


def test_a_stated_deadline_inside_a_sale(workshop):
    # Cyber Week (Dec 7-8) covers the standard deadline's day: the calculator promises only
    # orders placed by the end of Sun Dec 6 (test_holiday_deadline.py). The expedited one
    # (Dec 13) stands, with both sales excepted.
    holidays = HolidayOrders(workshop.holidays.seasons, (*workshop.holidays.sales, CYBER_WEEK))
    policy = dataclasses.replace(workshop, holidays=holidays)
    page = "{{ table.holiday_deadlines }}\n\n{{ policy.holidays.sale_names }} orders are later.\n"
    assert [str(problem) for problem in audit(policy, {"h.md": page})] == [
        "h.md:1:1: [error] '{{ table.holiday_deadlines }}' says orders placed by the end of "
        "Tuesday, December 8, 2026, except Black Friday orders, but the holiday-deadline "
        "calculator answers orders placed by the end of Sunday, December 6, 2026, except Black "
        "Friday orders (Standard to arrive by Thursday, December 24, 2026, Christmas). "
        "(promise-contradiction)"
    ]


def test_the_list_of_promises(workshop):
    page = (
        "Processing takes {{ policy.fulfilment.stages.processing.business_days | business days }}"
        " and production\n"
        "{{ policy.fulfilment.stages.production.business_days | business days }}.\n"
        "Tracking starts within {{ policy.fulfilment.tracking_active_hours | hours }}.\n"
    )
    listed = promises.promises(workshop, {"p.md": page})
    assert [(str(p.position), p.quotes, p.says, p.kept) for p in listed] == [
        (
            "p.md:1:18",
            "policy.fulfilment.stages.processing.business_days",
            "1–2 business days",
            True,
        ),
        (
            "p.md:2:1",
            "policy.fulfilment.stages.production.business_days",
            "2–3 business days",
            True,
        ),
        ("p.md:3:24", "policy.fulfilment.tracking_active_hours", "24–48 hours", True),
        # Both stages together: 3-5 business days, the handling the estimator counts.
        ("p.md:2:1", "policy.fulfilment.stages", "3–5 business days", True),
    ]
    assert [p.answer is None for p in listed] == [True, True, True, False]
    assert listed[0].sentence == (
        "Processing takes 1–2 business days and production 2–3 business days."
    )


def test_a_broken_placeholder_is_left_to_the_page_check(workshop):
    page = "Within {{ policy.returns.problem_reports.within_dayz | days }} of delivery.\n"
    assert audit(workshop, {"p.md": page}) == []
