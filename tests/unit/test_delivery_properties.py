"""Invariants of the estimator over any moment in 2026-2027, on the test workshop.

Moments start at midnight of Jan 1, 2026 in New York (05:00 UTC), the first
moment of the workshop's coverage; the last ones leave two months for the windows
(to Dec 31, 2027).
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from hypothesis import given, settings
from hypothesis import strategies as st

from calculators import delivery
from calculators.calendar import BusinessCalendar

moments = st.datetimes(
    min_value=datetime(2026, 1, 1, 5), max_value=datetime(2027, 11, 1), timezones=st.just(UTC)
)
methods = st.sampled_from(["standard", "expedited"])


@settings(max_examples=300, deadline=None)
@given(moment=moments, method=methods)
def test_windows_are_ordered_and_land_on_open_days(workshop, moment, method):
    w = delivery.estimate(workshop, method, moment)
    handling = BusinessCalendar.of(workshop.calendar, "handling")
    carrier = BusinessCalendar.of(workshop.calendar, "carrier")
    local_day = moment.astimezone(workshop.calendar.time_zone.zone).date()
    assert local_day <= w.order_day
    assert w.order_day < w.ship_earliest <= w.ship_latest
    assert w.ship_earliest < w.arrive_earliest <= w.arrive_latest
    assert w.ship_latest < w.arrive_latest
    assert handling.is_open(w.order_day)
    for shipped in (w.ship_earliest, w.ship_latest):
        assert handling.is_open(shipped)
    for arrived in (w.arrive_earliest, w.arrive_latest):
        assert carrier.is_open(arrived)


@settings(max_examples=300, deadline=None)
@given(
    moment=moments,
    later_by=st.timedeltas(min_value=timedelta(0), max_value=timedelta(days=20)),
    method=methods,
)
def test_a_later_order_never_arrives_earlier(workshop, moment, later_by, method):
    first = delivery.estimate(workshop, method, moment)
    second = delivery.estimate(workshop, method, moment + later_by)
    assert first.order_day <= second.order_day
    assert first.arrive_earliest <= second.arrive_earliest
    assert first.arrive_latest <= second.arrive_latest


@settings(max_examples=300, deadline=None)
@given(moment=moments)
def test_an_order_just_before_the_cutoff_counts_from_its_order_day(workshop, moment):
    cut = delivery.cutoff(workshop, moment)
    assert cut.remaining > timedelta(0)
    just_before = cut.deadline - timedelta(microseconds=1)
    assert delivery.order_day(workshop, just_before) == cut.order_day
    assert delivery.order_day(workshop, cut.deadline) > cut.order_day
