"""Changing and cancelling an order, against windows counted by hand.

Workshop (tests/fixtures/workshop/policy/orders.yml): changes guaranteed for
24 h after the order, then best effort until it ships; cancelling free for 60
minutes unless artwork has started, then $25 until it ships. Store zone:
America/New_York (EDT = UTC-4 in summer, EST = UTC-5 in winter). Windows are
half-open: at ordered_at + 60 min exactly, free cancellation has ended.
"""

from __future__ import annotations

import dataclasses
import json
from datetime import UTC, datetime, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from calculators import change_cancel, web
from calculators.answers import words
from calculators.delivery import NaiveTimeError
from calculators.policy import Policy
from calculators.values import Money

T = datetime.fromisoformat
ORDER = "2026-06-02T10:00:00-04:00"  # Tue Jun 2, 10:00 EDT
CHANGE_UNTIL = "2026-06-03T10:00:00-04:00"  # +24 h
FREE_UNTIL = "2026-06-02T11:00:00-04:00"  # +60 min
# How the workshop's zone reads to shoppers (filled in from CLDR when its policy loads).
EASTERN = "Eastern Time"

# (case, ordered_at, now, artwork_started, shipped, change, cancel)
CASES = [
    ("just placed", ORDER, ORDER, False, False, "guaranteed", "free"),
    (
        "a minute before the hour ends",
        ORDER,
        "2026-06-02T10:59:00-04:00",
        False,
        False,
        "guaranteed",
        "free",
    ),
    (
        "the last microsecond of the hour",
        ORDER,
        "2026-06-02T10:59:59.999999-04:00",
        False,
        False,
        "guaranteed",
        "free",
    ),
    # The hour is [10:00, 11:00): at 11:00 itself it is over.
    ("exactly ordered_at + 60 min", ORDER, FREE_UNTIL, False, False, "guaranteed", "with_fee"),
    (
        "artwork started within the hour",
        ORDER,
        "2026-06-02T10:30:00-04:00",
        True,
        False,
        "guaranteed",
        "with_fee",
    ),
    (
        "a minute before 24 h",
        ORDER,
        "2026-06-03T09:59:00-04:00",
        False,
        False,
        "guaranteed",
        "with_fee",
    ),
    # The 24 h are [Jun 2 10:00, Jun 3 10:00): at Jun 3 10:00 only best effort is left.
    ("exactly ordered_at + 24 h", ORDER, CHANGE_UNTIL, False, False, "best_effort", "with_fee"),
    ("shipped", ORDER, "2026-06-09T10:00:00-04:00", True, True, "closed", "closed"),
    # Shipping closes both even inside their windows.
    (
        "shipped within the hour",
        ORDER,
        "2026-06-02T10:30:00-04:00",
        False,
        True,
        "closed",
        "closed",
    ),
    # 14:30Z is 10:30 EDT: the shopper's offset does not matter, only the instant.
    ("now in UTC", ORDER, "2026-06-02T14:30:00Z", False, False, "guaranteed", "free"),
]


@pytest.mark.parametrize(
    ("case", "ordered_at", "now", "artwork", "shipped", "change", "cancel"),
    CASES,
    ids=[c[0] for c in CASES],
)
def test_workshop_states(workshop, case, ordered_at, now, artwork, shipped, change, cancel):
    result = change_cancel.order_options(
        workshop, T(ordered_at), T(now), artwork_started=artwork, shipped=shipped
    )
    assert (result.change, result.cancel) == (change, cancel)
    assert result.change_guaranteed_until.isoformat() == CHANGE_UNTIL
    assert result.free_cancel_until.isoformat() == FREE_UNTIL
    assert result.cancel_fee == Money(2500)
    assert result.refund_route is shipped


def test_an_order_time_in_another_offset_is_shown_in_the_store_zone(workshop):
    # 23:00 at +09:00 on Jun 2 is 14:00Z, 10:00 EDT: the same windows as ORDER.
    result = change_cancel.order_options(
        workshop,
        T("2026-06-02T23:00:00+09:00"),
        T("2026-06-02T14:10:00Z"),
        artwork_started=False,
        shipped=False,
    )
    assert result.ordered_at.isoformat() == ORDER
    assert result.change_guaranteed_until.isoformat() == CHANGE_UNTIL
    assert result.free_cancel_until.isoformat() == FREE_UNTIL


# Daylight saving: windows count real elapsed time. (case, ordered_at, UTC instant of the order,
# free cancel ends (UTC), guaranteed changes end (UTC), the same two in New York time)
DST_CASES = [
    # Sun Nov 1 01:30 EDT (first pass through 01:30) = 05:30Z. +60 min = 06:30Z, which is the
    # second 01:30, now EST. +24 h = Mon Nov 2 05:30Z = 00:30 EST: a wall clock would say 01:30,
    # 25 real hours.
    (
        "fall back, first 01:30",
        "2026-11-01T01:30:00-04:00",
        datetime(2026, 11, 1, 5, 30, tzinfo=UTC),
        datetime(2026, 11, 1, 6, 30, tzinfo=UTC),
        datetime(2026, 11, 2, 5, 30, tzinfo=UTC),
        "2026-11-01T01:30:00-05:00",
        "2026-11-02T00:30:00-05:00",
    ),
    # The second 01:30 (EST) = 06:30Z. +60 min = 07:30Z = 02:30 EST; +24 h = Nov 2 06:30Z = 01:30.
    (
        "fall back, second 01:30",
        "2026-11-01T01:30:00-05:00",
        datetime(2026, 11, 1, 6, 30, tzinfo=UTC),
        datetime(2026, 11, 1, 7, 30, tzinfo=UTC),
        datetime(2026, 11, 2, 6, 30, tzinfo=UTC),
        "2026-11-01T02:30:00-05:00",
        "2026-11-02T01:30:00-05:00",
    ),
    # Sun Mar 8 01:30 EST = 06:30Z. +60 min = 07:30Z = 03:30 EDT (02:xx does not exist);
    # +24 h = Mon Mar 9 06:30Z = 02:30 EDT: 23 wall-clock hours.
    (
        "spring forward",
        "2026-03-08T01:30:00-05:00",
        datetime(2026, 3, 8, 6, 30, tzinfo=UTC),
        datetime(2026, 3, 8, 7, 30, tzinfo=UTC),
        datetime(2026, 3, 9, 6, 30, tzinfo=UTC),
        "2026-03-08T03:30:00-04:00",
        "2026-03-09T02:30:00-04:00",
    ),
]


@pytest.mark.parametrize(
    ("case", "ordered_at", "order_utc", "free_utc", "change_utc", "free_local", "change_local"),
    DST_CASES,
    ids=[c[0] for c in DST_CASES],
)
def test_windows_across_clock_changes(
    workshop, case, ordered_at, order_utc, free_utc, change_utc, free_local, change_local
):
    # Compared as UTC instants: Python never finds a moment in a repeated hour (fold=1)
    # equal to one in another zone, whatever the instant.
    assert T(ordered_at).astimezone(UTC) == order_utc
    result = change_cancel.order_options(
        workshop, T(ordered_at), order_utc, artwork_started=False, shipped=False
    )
    assert result.free_cancel_until.astimezone(UTC) == free_utc
    assert result.change_guaranteed_until.astimezone(UTC) == change_utc
    assert result.free_cancel_until.isoformat() == free_local
    assert result.change_guaranteed_until.isoformat() == change_local


def test_an_order_time_in_the_store_zone_counts_real_hours(workshop):
    # 01:30 on Nov 1 given in the zone itself (fold=0: the first, EDT one) = 05:30Z. Adding
    # 24 h to the aware local time would give Nov 2 01:30 EST = 06:30Z, an hour too late.
    zone = workshop.calendar.time_zone.zone
    ordered_at = datetime(2026, 11, 1, 1, 30, tzinfo=zone)
    result = change_cancel.order_options(
        workshop, ordered_at, ordered_at, artwork_started=False, shipped=False
    )
    assert result.change_guaranteed_until.astimezone(UTC) == datetime(
        2026, 11, 2, 5, 30, tzinfo=UTC
    )
    # 59 min after the second 01:30 is 07:29Z: past the free hour (06:30Z) already.
    later = change_cancel.order_options(
        workshop,
        ordered_at,
        datetime(2026, 11, 1, 7, 29, tzinfo=UTC),
        artwork_started=False,
        shipped=False,
    )
    assert later.cancel == "with_fee"


def test_an_order_in_the_future_is_answered_as_placed(workshop):
    # Now is Jun 1, the order Jun 2: still ahead, answered as of the moment it is placed.
    result = change_cancel.order_options(
        workshop, T(ORDER), T("2026-06-01T10:00:00-04:00"), artwork_started=False, shipped=False
    )
    assert result.placed is False
    assert (result.change, result.cancel) == ("guaranteed", "free")


def test_a_time_without_offset_is_refused(workshop):
    with pytest.raises(NaiveTimeError):
        change_cancel.order_options(
            workshop, datetime(2026, 6, 2, 10), T(ORDER), artwork_started=False, shipped=False
        )


def with_orders(policy: Policy, changes=None, cancellation=None) -> Policy:
    """The policy with some fields of orders.changes and orders.cancellation replaced."""
    orders = policy.orders
    return dataclasses.replace(
        policy,
        orders=dataclasses.replace(
            orders,
            changes=dataclasses.replace(orders.changes, **(changes or {})),
            cancellation=dataclasses.replace(orders.cancellation, **(cancellation or {})),
        ),
    )


def test_no_windows_at_all(workshop):
    # 0 hours, no best effort, 0 minutes: nothing is guaranteed or free from the start.
    policy = with_orders(
        workshop,
        changes={"guaranteed_within_hours": 0, "best_effort_until_shipped": False},
        cancellation={"free_within_minutes": 0},
    )
    inputs = {"ordered_at": ORDER, "now": ORDER, "artwork_started": "no", "shipped": "no"}
    result = change_cancel.answer(policy, inputs)
    assert result.data == {
        "change": "closed",
        "change_guaranteed_until": None,
        "cancel": "with_fee",
        "free_cancel_until": None,
        "cancel_fee": "25.00",
        "refund_route": False,
    }
    assert [words(s, EASTERN) for s in result.sentences] == [
        "Orders cannot be changed once placed.",
        "Cancelling costs $25 until your order ships.",
    ]


def test_no_guarantee_but_best_effort(workshop):
    policy = with_orders(workshop, changes={"guaranteed_within_hours": 0})
    result = change_cancel.answer(
        policy, {"ordered_at": ORDER, "now": ORDER, "artwork_started": "no", "shipped": "no"}
    )
    assert result.data["change"] == "best_effort"
    assert words(result.sentences[0], EASTERN) == (
        "Changes are not guaranteed once an order is placed; write to help@workshop.test now "
        "and we will try to make your change before the order ships, but cannot promise."
    )


def test_no_best_effort_closes_changes_when_the_guarantee_ends(workshop):
    policy = with_orders(workshop, changes={"best_effort_until_shipped": False})

    def change_words(now):
        inputs = {"ordered_at": ORDER, "now": now, "artwork_started": "no", "shipped": "no"}
        return words(change_cancel.answer(policy, inputs).sentences[0], EASTERN)

    # Jun 3 09:59 is inside [Jun 2 10:00, Jun 3 10:00); Jun 3 10:00 is not.
    assert change_words("2026-06-03T09:59-04:00") == (
        "You can change your order (design or address) by writing to help@workshop.test until "
        "10:00 AM Eastern Time on Wed Jun 3, guaranteed; after that it can no longer be changed."
    )
    assert change_words("2026-06-03T10:00-04:00") == (
        "Changes were possible until 10:00 AM Eastern Time on Wed Jun 3; not any more."
    )


def test_a_zero_fee_keeps_cancelling_free_until_shipped(workshop):
    policy = with_orders(workshop, cancellation={"fee": Money(0)})
    # Two days after the order, artwork started: still free, since the fee is $0.
    result = change_cancel.answer(
        policy,
        {
            "ordered_at": ORDER,
            "now": "2026-06-04T10:00:00-04:00",
            "artwork_started": "yes",
            "shipped": "no",
        },
    )
    assert result.data["cancel"] == "free"
    assert (
        words(result.sentences[1], EASTERN)
        == "You can cancel free of charge until your order ships."
    )


# (case, inputs, expected sentences as words). Moments read in New York time.
CHANGE_GUARANTEED = (
    "You can change your order (design or address) by writing to help@workshop.test until "
    "10:00 AM Eastern Time on Wed Jun 3, guaranteed; after that we try until it ships, but "
    "cannot promise."
)
CANCEL_FREE = (
    "You can cancel free of charge until 11:00 AM Eastern Time on Tue Jun 2; after that, "
    "cancelling costs $25 until your order ships."
)
SENTENCES = [
    (
        "in the first hour",
        {"ordered_at": ORDER, "now": "2026-06-02T10:30-04:00", "artwork_started": "no",
         "shipped": "no"},
        [CHANGE_GUARANTEED, CANCEL_FREE],
    ),
    (
        "after the hour, before 24 h",
        {"ordered_at": ORDER, "now": "2026-06-02T15:00-04:00", "artwork_started": "no",
         "shipped": "no"},
        [
            CHANGE_GUARANTEED,
            "Free cancellation ended at 11:00 AM Eastern Time on Tue Jun 2; you can still "
            "cancel for $25 until your order ships.",
        ],
    ),
    (
        "after 24 h, artwork started",
        {"ordered_at": ORDER, "now": "2026-06-04T09:00-04:00", "artwork_started": "yes",
         "shipped": "no"},
        [
            "Guaranteed changes ended at 10:00 AM Eastern Time on Wed Jun 3; write to "
            "help@workshop.test now and we will try to make your change before the order "
            "ships, but cannot promise.",
            "Work on your artwork has started, so cancelling costs $25 until it ships.",
        ],
    ),
    (
        "shipped",
        {"ordered_at": ORDER, "now": "2026-06-09T09:00-04:00", "artwork_started": "yes",
         "shipped": "yes"},
        [
            "Your order has shipped, so it can no longer be changed.",
            "Your order has shipped, so it can no longer be cancelled; see Returns for a "
            "return or a refund.",
            "If it is on its way to a wrong address, arrange redelivery with the carrier, or "
            "have it returned to us for re-shipping (a re-shipping fee may apply).",
        ],
    ),
    (
        "an order time still ahead",
        {"ordered_at": ORDER, "now": "2026-06-01T09:00-04:00", "artwork_started": "no",
         "shipped": "no"},
        [
            "That order time (10:00 AM Eastern Time on Tue Jun 2) is still ahead, so this is "
            "what will apply once the order is placed.",
            CHANGE_GUARANTEED,
            CANCEL_FREE,
        ],
    ),
]  # fmt: skip


@pytest.mark.parametrize(("case", "inputs", "expected"), SENTENCES, ids=[c[0] for c in SENTENCES])
def test_sentences(workshop, case, inputs, expected):
    result = change_cancel.answer(workshop, inputs)
    assert [words(s, EASTERN) for s in result.sentences] == expected


def test_web_answer(workshop):
    inputs = {
        "ordered_at": "2026-06-02T10:00-04:00",
        "now": "2026-06-02T10:30-04:00",
        "artwork_started": "no",
        "shipped": "no",
    }
    reply = json.loads(web.answer(workshop, "change_cancel", json.dumps(inputs)))
    assert reply["ok"] is True
    assert reply["data"] == {
        "change": "guaranteed",
        "change_guaranteed_until": "2026-06-03T10:00-04:00",
        "cancel": "free",
        "free_cancel_until": "2026-06-02T11:00-04:00",
        "cancel_fee": "25.00",
        "refund_route": False,
    }
    assert reply["sentences"][0][:2] == [
        {"text": "You can change your order (design or address) by writing to "},
        {"email": "help@workshop.test", "text": "help@workshop.test"},
    ]
    assert reply["sentences"][1] == [
        {"text": "You can cancel free of charge until "},
        {"datetime": "2026-06-02T11:00-04:00", "text": "11:00 AM Eastern Time on Tue Jun 2"},
        {"text": "; after that, cancelling costs $25 until your order ships."},
    ]


PROBLEMS = [
    (
        "nothing filled in",
        {},
        [
            {"field": "ordered_at", "message": "Please fill this in."},
            {
                "field": "artwork_started",
                "message": "Please choose yes or no.",
            },
            {
                "field": "shipped",
                "message": "Please choose yes or no.",
            },
            {
                "field": "now",
                "message": "Please check your device's date and time: we could not read them.",
            },
        ],
    ),
    (
        "no offset, radio left unanswered",
        {"ordered_at": "2026-06-02T10:00", "now": ORDER, "artwork_started": "", "shipped": "no"},
        [
            # The page always sends the shopper's offset: without one, the moment is unknown.
            {
                "field": "ordered_at",
                "message": "Please enter the date and time again: we could not tell which time "
                "zone they are in.",
            },
            {"field": "artwork_started", "message": "Please choose yes or no."},
        ],
    ),
]


@pytest.mark.parametrize(("case", "inputs", "problems"), PROBLEMS, ids=[c[0] for c in PROBLEMS])
def test_input_problems(workshop, case, inputs, problems):
    reply = json.loads(web.answer(workshop, "change_cancel", json.dumps(inputs)))
    assert reply == {"ok": False, "problems": problems}


# -- invariants -----------------------------------------------------------------------

moments = st.datetimes(
    min_value=datetime(2026, 1, 1), max_value=datetime(2027, 12, 1), timezones=st.just(UTC)
)
spans = st.timedeltas(min_value=timedelta(0), max_value=timedelta(days=10))
CHANGE_ORDER = ("guaranteed", "best_effort", "closed")
CANCEL_ORDER = ("free", "with_fee", "closed")


@settings(max_examples=300, deadline=None)
@given(ordered_at=moments, after=spans, artwork=st.booleans(), shipped=st.booleans())
def test_windows_never_end_before_the_order(workshop, ordered_at, after, artwork, shipped):
    result = change_cancel.order_options(
        workshop, ordered_at, ordered_at + after, artwork_started=artwork, shipped=shipped
    )
    free_until = result.free_cancel_until.astimezone(UTC)
    assert free_until > ordered_at
    assert result.change_guaranteed_until.astimezone(UTC) > ordered_at
    assert free_until - ordered_at == timedelta(minutes=60)


@settings(max_examples=300, deadline=None)
@given(ordered_at=moments, first=spans, more=spans, artwork=st.booleans(), shipped=st.booleans())
def test_a_later_now_never_reopens_anything(workshop, ordered_at, first, more, artwork, shipped):
    def at(now):
        return change_cancel.order_options(
            workshop, ordered_at, now, artwork_started=artwork, shipped=shipped
        )

    earlier, later = at(ordered_at + first), at(ordered_at + first + more)
    assert CHANGE_ORDER.index(earlier.change) <= CHANGE_ORDER.index(later.change)
    assert CANCEL_ORDER.index(earlier.cancel) <= CANCEL_ORDER.index(later.cancel)


def test_the_form_asks_for_what_answer_reads(workshop):
    fields = change_cancel.form(workshop).fields
    assert [(f.name, f.kind) for f in fields] == [
        ("ordered_at", "moment"),
        ("artwork_started", "yesno"),
        ("shipped", "yesno"),
        ("now", "now"),
    ]
