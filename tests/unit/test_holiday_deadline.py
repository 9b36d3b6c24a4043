"""The last order the policy's windows deliver in time, counted backward by hand on 2026.

Workshop rules (tests/fixtures/workshop/policy): handling Mon-Fri, carrier
Mon-Sat, cut-off 14:00 America/New_York, 3-5 handling days, standard 4-7 carrier
days, expedited 2-3. Closed on every calendar: Nov 26 (Thu) and Dec 25 (Fri);
Fri Jul 3 (handling and carrier), Sat Jul 4 (carrier). The latest arrival of an
order counted from D is carrier.add(handling.add(D, 5), transit max).
"""

from __future__ import annotations

import dataclasses
import json
from datetime import UTC, date, datetime, time, timedelta

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from calculators import delivery, holiday_deadline, web
from calculators.calendar import OutsideCoverageError
from calculators.inputs import InputError
from calculators.policy import DayRange, HolidayOrders, Sale, Season, StatedDeadline
from calculators.text import short_date

D = date.fromisoformat
BLACK_FRIDAY = (Sale("Black Friday", D("2026-11-27"), D("2026-11-27"), "Christmas"),)

# (case, method, deliver_by, order_day, order_before)
WORKSHOP_CASES = [
    # Arrive by Thu Dec 24, standard (7 carrier days). The 7 carrier days ending Dec 24 are
    # 17, 18, 19 (Sat), 21, 22, 23, 24, so ship by Wed Dec 16 (from Thu Dec 17: 18, 19, 21,
    # 22, 23, 24 and, Dec 25 closed, Sat 26: too late). Ship by Dec 16 = D + 5 handling days:
    # D = Wed Dec 9 (10, 11, 14, 15, 16); Thu Dec 10 ships Dec 17. Cut-off Dec 9, 14:00 EST.
    ("Christmas, standard", "standard", "2026-12-24", "2026-12-09", "2026-12-09T14:00:00-05:00"),
    # Expedited (3 carrier days): ship by Mon Dec 21 (22, 23, 24); Tue Dec 22 would arrive
    # Sat Dec 26. D + 5 = Dec 21: D = Mon Dec 14 (15, 16, 17, 18, 21).
    ("Christmas, expedited", "expedited", "2026-12-24", "2026-12-14", "2026-12-14T14:00:00-05:00"),
    # Arrive by Fri Dec 4, standard: the 7 carrier days ending Dec 4 skip Thanksgiving:
    # Nov 27, 28, 30, Dec 1, 2, 3, 4, so ship by Wed Nov 25. D + 5 = Nov 25: D = Wed Nov 18
    # (19, 20, 23, 24, 25); Thu Nov 19 ships Fri Nov 27 (Nov 26 closed).
    ("across Thanksgiving", "standard", "2026-12-04", "2026-11-18", "2026-11-18T14:00:00-05:00"),
    # Arrive by Mon Jul 6, expedited: carrier days back from Jul 6 skip Sun 5, Sat 4 and Fri 3
    # (closed): Jul 1, 2, 6, so ship by Tue Jun 30. D + 5 = Jun 30: D = Tue Jun 23 (24, 25,
    # 26, 29, 30). Summer time: the cut-off is 14:00 EDT.
    ("Independence Day", "expedited", "2026-07-06", "2026-06-23", "2026-06-23T14:00:00-04:00"),
    # Arrive by Mon Nov 2 (the day after fall back), expedited: Oct 30, 31, Nov 2 -> ship by
    # Thu Oct 29; D + 5 = Oct 29: D = Thu Oct 22 (23, 26, 27, 28, 29). Still EDT.
    ("before fall back", "expedited", "2026-11-02", "2026-10-22", "2026-10-22T14:00:00-04:00"),
]


@pytest.mark.parametrize(
    ("case", "method", "deliver_by", "order_day", "order_before"),
    WORKSHOP_CASES,
    ids=[c[0] for c in WORKSHOP_CASES],
)
def test_guaranteed_order_by(workshop, case, method, deliver_by, order_day, order_before):
    result = holiday_deadline.guaranteed_order_by(workshop, method, D(deliver_by))
    assert result.order_day == D(order_day)
    assert result.order_before.isoformat() == order_before


def test_midnight_cutoff_and_saturday_handling(midnight_workshop):
    # Handling Mon-Sat, cut-off 24:00. Ship by Wed Dec 16 as above; D + 5 handling days
    # = Dec 16: D = Thu Dec 10 (11, Sat 12, 14, 15, 16). Its cut-off is the midnight that
    # ends it, so every order of Dec 10 is in time: the last whole day is Dec 10.
    result = holiday_deadline.guaranteed_order_by(midnight_workshop, "standard", D("2026-12-24"))
    assert result.order_day == D("2026-12-10")
    assert result.order_before.isoformat() == "2026-12-11T00:00:00-05:00"
    assert result.last_whole_day == D("2026-12-10")


def test_with_a_1400_cutoff_the_order_day_evening_is_too_late(workshop):
    # Cut-off Wed Dec 9, 14:00: an order at 15:00 counts from Dec 10, so the last day whose
    # every order is in time is Tue Dec 8.
    result = holiday_deadline.guaranteed_order_by(workshop, "standard", D("2026-12-24"))
    assert result.last_whole_day == D("2026-12-08")


def _with_deadlines(policy, standard: str, expedited: str, sales=BLACK_FRIDAY):
    """The workshop with one Christmas season stating these order-by dates."""
    season = Season(
        "Christmas",
        D("2026-12-24"),
        (StatedDeadline("standard", D(standard)), StatedDeadline("expedited", D(expedited))),
    )
    holidays = HolidayOrders((season,), sales)
    return dataclasses.replace(policy, holidays=holidays)


def said(policy, inputs: dict) -> list[str]:
    """The answer as the widget and the CLI print it, one paragraph a sentence."""
    reply = json.loads(web.answer(policy, "holiday_deadline", json.dumps(inputs)))
    assert reply["ok"] is True, reply
    return web.reply_paragraphs(reply)


# (case, inputs, sentences); stated deadlines: standard Tue Dec 8, expedited Sun Dec 13;
# Black Friday (Fri Nov 27) orders arrive after Christmas. Each sentence typed by hand from
# dates counted on a calendar (the windows' guarantees are derived in WORKSHOP_CASES above).
SENTENCES = [
    (
        # The promise is the stated deadline, the end of Tue Dec 8. The windows allow orders
        # until the Wed Dec 9 14:00 cut-off: second, and not guaranteed. The last order of
        # Dec 8 (after its 14:00 cut-off) counts from Wed Dec 9: ships by Dec 16 (10, 11,
        # 14, 15, 16), arrives by Dec 24 (17, 18, 19, 21, 22, 23, 24).
        "standard",
        {"deliver_by": "2026-12-24", "method": "standard"},
        [
            "Order by the end of Tue Dec 8 (Eastern Time) for delivery by Thu Dec 24: that is "
            "our promise.",
            "Orders placed before 2:00 PM Eastern Time on Wed Dec 9 may still arrive in time, "
            "but that is not guaranteed.",
            "An order placed by our deadline ships by Wed Dec 16 and arrives by Thu Dec 24 at "
            "the latest.",
            "This does not cover Black Friday orders (placed Fri Nov 27): they are delivered "
            "after Christmas.",
        ],
    ),
    (
        # Stated: the end of Sun Dec 13; windows: Mon Dec 14 14:00. The last order of Dec 13
        # counts from Mon Dec 14: ships by Dec 21 (15, 16, 17, 18, 21), arrives by Dec 24
        # (22, 23, 24). Now, Tue Dec 1 10:00 EST, is after Black Friday: no exception to
        # name; to Mon Dec 14 00:00 EST are 12 days and 14 hours.
        "expedited, with time left",
        {"deliver_by": "2026-12-24", "method": "expedited", "now": "2026-12-01T10:00:00-05:00"},
        [
            "Order by the end of Sun Dec 13 (Eastern Time) for delivery by Thu Dec 24: that is "
            "our promise.",
            "Orders placed before 2:00 PM Eastern Time on Mon Dec 14 may still arrive in time, "
            "but that is not guaranteed.",
            "An order placed by our deadline ships by Mon Dec 21 and arrives by Thu Dec 24 at "
            "the latest.",
            "Our deadline is 12 days 14 h away.",
        ],
    ),
    (
        # Mon Dec 14 10:00: the promise has passed, the windows' moment (14:00) has not.
        "expedited, after the promise",
        {"deliver_by": "2026-12-24", "method": "expedited", "now": "2026-12-14T10:00:00-05:00"},
        [
            "Order by the end of Sun Dec 13 (Eastern Time) for delivery by Thu Dec 24: that is "
            "our promise.",
            "Orders placed before 2:00 PM Eastern Time on Mon Dec 14 may still arrive in time, "
            "but that is not guaranteed.",
            "An order placed by our deadline ships by Mon Dec 21 and arrives by Thu Dec 24 at "
            "the latest.",
            "Our deadline has passed: an order placed now is not guaranteed to arrive by "
            "Thu Dec 24.",
        ],
    ),
    (
        # Asked on Black Friday: the sale first, no promise for an order placed now, no
        # countdown; the deadline is for orders after the sale.
        "asked on Black Friday",
        {"deliver_by": "2026-12-24", "method": "standard", "now": "2026-11-27T10:00:00-05:00"},
        [
            "Black Friday orders are delivered after Christmas (Thu Dec 24): an order placed "
            "now, during the sale, arrives after Thu Dec 24.",
            "Our deadline, the end of Tue Dec 8 (Eastern Time), is for orders placed after the "
            "sale.",
        ],
    ),
    (
        # Sun Dec 20, not a holiday: the Christmas deadline (end of Dec 8) would allow later
        # than the windows, which need the 7 carrier days ending Sat Dec 19 (12, 14, 15, 16,
        # 17, 18, 19): ship by Fri Dec 11, counted from Fri Dec 4 (7, 8, 9, 10, 11); its
        # 14:00 cut-off is the promise, and no later moment is allowed.
        "a day before the holiday",
        {"deliver_by": "2026-12-20", "method": "standard"},
        [
            "Order before 2:00 PM Eastern Time on Fri Dec 4 for delivery by Sun Dec 20: that "
            "is our promise.",
            "An order placed by our deadline ships by Fri Dec 11 and arrives by Sat Dec 19 at "
            "the latest.",
            "This does not cover Black Friday orders (placed Fri Nov 27): they are delivered "
            "after Christmas.",
        ],
    ),
    (
        # Thu Dec 31, after Christmas: no stated deadline covers it. 7 carrier days ending
        # Dec 31: ship by Tue Dec 22 (23, 24, 26, 28, 29, 30, 31; Dec 25 closed), counted
        # from Tue Dec 15 (16, 17, 18, 21, 22). Black Friday orders may arrive as late as
        # Tue Jan 12 (test_delivery.py), so they are not covered either.
        "after the holiday",
        {"deliver_by": "2026-12-31", "method": "standard"},
        [
            "Order before 2:00 PM Eastern Time on Tue Dec 15 for delivery by Thu Dec 31: that "
            "is our promise.",
            "An order placed by our deadline ships by Tue Dec 22 and arrives by Thu Dec 31 at "
            "the latest.",
            "This does not cover Black Friday orders (placed Fri Nov 27): they are delivered "
            "after Christmas.",
        ],
    ),
]


@pytest.mark.parametrize(("case", "inputs", "expected"), SENTENCES, ids=[c[0] for c in SENTENCES])
def test_sentences(workshop, case, inputs, expected):
    policy = _with_deadlines(workshop, "2026-12-08", "2026-12-13")
    assert said(policy, inputs) == expected


def test_a_stated_deadline_inside_a_sale_is_not_promised(workshop):
    # A second sale, Mon Dec 7 to Tue Dec 8, covers the standard deadline's day: the promise
    # ends where the sale begins, the end of Sun Dec 6. The last order of Dec 6 counts from
    # Mon Dec 7: ships by Mon Dec 14 (8, 9, 10, 11, 14), arrives by Tue Dec 22 (15, 16, 17,
    # 18, 19, 21, 22). Both sales lie before the windows' Wed Dec 9 14:00.
    cyber = Sale("Cyber Week", D("2026-12-07"), D("2026-12-08"), "Christmas")
    policy = _with_deadlines(workshop, "2026-12-08", "2026-12-13", (*BLACK_FRIDAY, cyber))
    promise = holiday_deadline.promised_order_by(policy, "standard", D("2026-12-24"))
    assert (promise.whole_day, promise.stated) == (D("2026-12-06"), None)
    assert [s.name for s in promise.excepted] == ["Black Friday"]
    assert said(policy, {"deliver_by": "2026-12-24", "method": "standard"}) == [
        "Order by the end of Sun Dec 6 (Eastern Time) for delivery by Thu Dec 24: that is our "
        "promise.",
        "Orders placed before 2:00 PM Eastern Time on Wed Dec 9 may still arrive in time, but "
        "that is not guaranteed.",
        "An order placed by our deadline ships by Mon Dec 14 and arrives by Tue Dec 22 at the "
        "latest.",
        "This does not cover Black Friday orders (placed Fri Nov 27): they are delivered after "
        "Christmas.",
        "This does not cover Cyber Week orders (placed Mon Dec 7 to Tue Dec 8): they are "
        "delivered after Christmas.",
    ]


def test_data(workshop):
    policy = _with_deadlines(workshop, "2026-12-08", "2026-12-13")
    inputs = {"deliver_by": "2026-12-24", "method": "expedited", "now": "2026-11-27T12:00-05:00"}
    assert holiday_deadline.answer(policy, inputs).data == {
        "order_day": "2026-12-14",
        "order_before": "2026-12-14T14:00:00-05:00",
        "stated": ["2026-12-13"],
        "promised_before": "2026-12-14T00:00:00-05:00",
        "sale": "Black Friday",
    }


def test_web_answer(workshop):
    policy = _with_deadlines(workshop, "2026-12-08", "2026-12-13")
    inputs = json.dumps({"deliver_by": "2026-12-24", "method": "standard"})
    reply = json.loads(web.answer(policy, "holiday_deadline", inputs))
    assert reply["ok"] is True
    assert reply["data"]["order_day"] == "2026-12-09"
    assert reply["data"]["promised_before"] == "2026-12-09T00:00:00-05:00"
    assert reply["sentences"][0] == [
        {"text": "Order by the end of "},
        {"date": "2026-12-08", "text": "Tue Dec 8"},
        {"text": " (Eastern Time)"},
        {"text": " for delivery by "},
        {"date": "2026-12-24", "text": "Thu Dec 24"},
        {"text": ": that is our promise."},
    ]


def test_form_defaults_to_the_first_season(workshop):
    deliver_by, method, now = holiday_deadline.form(workshop).fields
    assert (deliver_by.kind, deliver_by.default) == ("date", "2026-12-24")
    assert (method.kind, method.default) == ("choice", "standard")
    assert now.kind == "now"


PROBLEMS = [
    (
        "not a date, unknown method",
        {"deliver_by": "Dec 24", "method": "rush"},
        [
            ("deliver_by", "Please enter a date like 2026-12-07."),
            ("method", "Please choose one of these: standard or expedited."),
        ],
    ),
    (
        "nothing given",
        {},
        [("deliver_by", "Please fill this in."), ("method", "Please fill this in.")],
    ),
]


@pytest.mark.parametrize(("case", "inputs", "expected"), PROBLEMS, ids=[c[0] for c in PROBLEMS])
def test_input_problems(workshop, case, inputs, expected):
    with pytest.raises(InputError) as caught:
        holiday_deadline.answer(workshop, inputs)
    assert [(p.field, p.message) for p in caught.value.problems] == expected


def _endless(policy):
    # Two stages of 365 handling days each: over 1000 calendar days, past the search bound.
    stage = dataclasses.replace(
        policy.fulfilment.stages["processing"], business_days=DayRange(365, 365)
    )
    fulfilment = dataclasses.replace(
        policy.fulfilment, stages={"processing": stage, "production": stage}
    )
    return dataclasses.replace(policy, fulfilment=fulfilment)


def test_no_guarantee_within_the_bound(workshop):
    policy = _endless(workshop)
    with pytest.raises(holiday_deadline.NoGuaranteeError):
        holiday_deadline.guaranteed_order_by(policy, "standard", D("2026-12-24"))
    result = holiday_deadline.answer(policy, {"deliver_by": "2026-12-24", "method": "standard"})
    assert result.data["order_day"] is None
    # The walk back stops at the coverage's first day, Thu Jan 1, 2026 (nearer than the
    # 731-day bound); both dates are in 2026, so no year is shown.
    assert said(policy, {"deliver_by": "2026-12-24", "method": "standard"}) == [
        "No Standard order placed from Thu Jan 1 on is guaranteed to arrive by Thu Dec 24."
    ]


# -- properties ---------------------------------------------------------------------------

# From Feb 1, 2026: the slowest window (5 handling and 7 carrier days) needs an order
# day about three weeks earlier, inside the workshop's coverage (from Jan 1, 2026).
days = st.dates(min_value=date(2026, 2, 1), max_value=date(2027, 12, 31))
methods = st.sampled_from(["standard", "expedited"])
SECOND = timedelta(seconds=1)


@settings(max_examples=200, deadline=None)
@given(deliver_by=days, method=methods)
def test_order_before_is_the_last_moment_in_time(workshop, midnight_workshop, deliver_by, method):
    for policy in (workshop, midnight_workshop):
        zone = policy.calendar.time_zone.zone
        result = holiday_deadline.guaranteed_order_by(policy, method, deliver_by)
        start_of_deliver_by = datetime.combine(deliver_by, time(0), zone)
        assert result.order_before.astimezone(UTC) <= start_of_deliver_by.astimezone(UTC)
        # The policy's windows (a sale order is an exception the answer names, not a hole
        # in the guarantee's moment).
        in_time = delivery.windows(policy, method, result.order_before.astimezone(UTC) - SECOND)
        assert in_time.order_day == result.order_day
        assert in_time.arrive_latest <= deliver_by
        try:
            too_late = delivery.windows(policy, method, result.order_before)
        except OutsideCoverageError as error:
            assert error.after  # it arrives after the coverage ends, so after deliver_by
        else:
            assert too_late.order_day > result.order_day
            assert too_late.arrive_latest > deliver_by


@settings(max_examples=200, deadline=None)
@given(deliver_by=days, later_by=st.integers(0, 40), method=methods)
def test_a_later_delivery_date_never_asks_for_an_earlier_order(
    workshop, deliver_by, later_by, method
):
    assume(deliver_by + timedelta(days=later_by) <= workshop.calendar.coverage.last_day)
    first = holiday_deadline.guaranteed_order_by(workshop, method, deliver_by)
    second = holiday_deadline.guaranteed_order_by(
        workshop, method, deliver_by + timedelta(days=later_by)
    )
    assert first.order_before.astimezone(UTC) <= second.order_before.astimezone(UTC)


# From Jan 1 to Christmas Eve 2026 in New York (05:00 UTC on Jan 1 to 05:00 UTC on Dec 25).
shoppers_now = st.datetimes(
    min_value=datetime(2026, 1, 1, 5),
    max_value=datetime(2026, 12, 25, 4, 59),
    timezones=st.just(UTC),
)
STATED = {"standard": D("2026-12-08"), "expedited": D("2026-12-13")}


@settings(max_examples=200, deadline=None)
@given(now=shoppers_now, method=methods)
def test_the_stated_deadline_leads_unless_asked_during_the_sale(workshop, now, method):
    policy = _with_deadlines(workshop, "2026-12-08", "2026-12-13")
    inputs = {"deliver_by": "2026-12-24", "method": method, "now": now.isoformat()}
    answer = said(policy, inputs)
    promises = [s for s in answer if "that is our promise" in s]
    if now.astimezone(policy.calendar.time_zone.zone).date() == D("2026-11-27"):
        # Black Friday: the sale first, and nothing promised for an order placed now.
        assert answer[0].startswith("Black Friday orders are delivered after Christmas")
        assert promises == [] and not any("away." in s for s in answer)
    else:
        stated = short_date(STATED[method])
        assert answer[0] == (
            f"Order by the end of {stated} (Eastern Time) for delivery by Thu Dec 24: "
            "that is our promise."
        )
        assert promises == [answer[0]]  # never two competing promises
        assert not any("0 min" in s.split() for s in answer)


@settings(max_examples=200, deadline=None)
@given(deliver_by=days, method=methods)
def test_the_promise_is_never_later_than_the_windows_or_a_stated_deadline(
    workshop, deliver_by, method
):
    promise = holiday_deadline.promised_order_by(workshop, method, deliver_by)
    zone = workshop.calendar.time_zone.zone
    assert promise.order_before.astimezone(UTC) <= promise.guarantee.order_before.astimezone(UTC)
    for season, deadline in holiday_deadline.stated_deadlines(workshop, method):
        if season.deliver_by >= deliver_by:
            end = datetime.combine(deadline.order_by + timedelta(days=1), time(0), zone)
            assert promise.order_before.astimezone(UTC) <= end.astimezone(UTC)
    # Its last moment is no sale day whose orders miss the day.
    last = (promise.order_before.astimezone(UTC) - SECOND).astimezone(zone).date()
    sale = workshop.holidays.sale_on(last)
    assert sale is None or deliver_by > D("2027-01-12")
