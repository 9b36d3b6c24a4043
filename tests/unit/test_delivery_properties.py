"""Invariants of the estimator over any moment in 2026-2027, on the test workshop.

Moments start at midnight of Jan 1, 2026 in New York (05:00 UTC), the first
moment of the workshop's coverage; the last ones leave two months for the windows
(to Dec 31, 2027). The workshop's one sale is Black Friday, Fri Nov 27, 2026,
delivered after Christmas (Thu Dec 24, 2026).
"""

from __future__ import annotations

import json
import re
from datetime import UTC, datetime, timedelta

from hypothesis import assume, given, settings
from hypothesis import strategies as st

from calculators import delivery, web
from calculators.calendar import BusinessCalendar

moments = st.datetimes(
    min_value=datetime(2026, 1, 1, 5), max_value=datetime(2027, 11, 1), timezones=st.just(UTC)
)
# Black Friday in New York: 05:00 UTC on Nov 27 to 04:59:59.999999 UTC on Nov 28.
black_friday = st.datetimes(
    min_value=datetime(2026, 11, 27, 5),
    max_value=datetime(2026, 11, 28, 4, 59, 59, 999999),
    timezones=st.just(UTC),
)
methods = st.sampled_from(["standard", "expedited"])
policies = st.sampled_from(["workshop", "midnight_workshop"])


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
    # The policy's windows: a sale order arrives after its holiday, later than an order
    # placed the day after the sale, on purpose.
    first = delivery.windows(workshop, method, moment)
    second = delivery.windows(workshop, method, moment + later_by)
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


@settings(max_examples=200, deadline=None)
@given(moment=black_friday, method=methods, name=policies)
def test_a_sale_order_is_never_promised_before_its_holiday(request, moment, method, name):
    policy = request.getfixturevalue(name)
    window = delivery.estimate(policy, method, moment)
    plain = delivery.windows(policy, method, moment)
    assert window.sale is not None and window.season is not None
    assert window.arrive_earliest > window.season.deliver_by
    # It never ships sooner than any order of that moment, and is never later than an
    # order counted from the first handling day after the holiday.
    assert (window.order_day, window.ship_earliest) == (plain.order_day, plain.ship_earliest)
    assert window.ship_latest >= plain.ship_latest
    assert window.arrive_earliest <= window.arrive_latest


@settings(max_examples=300, deadline=None)
@given(moment=moments, method=methods, offset=st.integers(-(10**6), 10**6))
def test_the_countdown_is_for_an_order_placed_now_and_never_says_0_min(
    workshop, moment, method, offset
):
    now = moment + timedelta(seconds=offset)
    inputs = {"method": method, "ordered_at": moment.isoformat(), "now": now.isoformat()}
    reply = json.loads(web.answer(workshop, "delivery", json.dumps(inputs)))
    assume(reply["ok"])  # a clock before the coverage is refused, in words
    said = web.reply_paragraphs(reply)
    counting = [s for s in said if "order within" in s.lower() or "order in less" in s.lower()]
    placed_now = delivery.placed_now(moment, now) and reply["data"]["sale"] is None
    assert len(counting) == (1 if placed_now else 0)
    assert not any(re.search(r"(?<!\d)0 min", s) for s in counting)
