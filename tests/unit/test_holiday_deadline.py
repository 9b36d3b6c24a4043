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
from calculators.answers import words
from calculators.calendar import OutsideCoverageError
from calculators.inputs import InputError
from calculators.policy import DayRange, HolidayOrders, Sale, Season, StatedDeadline

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


def _with_deadlines(policy, standard: str, expedited: str):
    """The workshop with one Christmas season stating these order-by dates."""
    season = Season(
        "Christmas",
        D("2026-12-24"),
        (StatedDeadline("standard", D(standard)), StatedDeadline("expedited", D(expedited))),
    )
    holidays = HolidayOrders((season,), BLACK_FRIDAY)
    return dataclasses.replace(policy, holidays=holidays)


# (case, inputs, sentences); stated deadlines: standard Dec 8, expedited Dec 13.
SENTENCES = [
    (
        "standard",
        {"deliver_by": "2026-12-24", "method": "standard"},
        [
            "To have it by the end of Thu Dec 24 with Standard, order before "
            "Wed Dec 9, 2:00 PM EST.",
            # From Dec 9: ship_latest Dec 16 and arrive_latest Dec 24 (derived above).
            "Such an order counts from Wed Dec 9, ships by Wed Dec 16 and arrives by "
            "Thu Dec 24 at the latest.",
            "Our stated Christmas deadline for Standard: order by the end of Tue Dec 8 "
            "for delivery by Thu Dec 24.",
            "Black Friday orders are delivered after Christmas.",
        ],
    ),
    (
        "expedited, with time left",
        # Tue Dec 1 10:00 EST to Mon Dec 14 14:00 EST: 13 days and 4 hours (no DST change).
        {"deliver_by": "2026-12-24", "method": "expedited", "now": "2026-12-01T10:00:00-05:00"},
        [
            "To have it by the end of Thu Dec 24 with Expedited, order before "
            "Mon Dec 14, 2:00 PM EST.",
            # From Dec 14: ship_latest Dec 21, arrive_latest Dec 24.
            "Such an order counts from Mon Dec 14, ships by Mon Dec 21 and arrives by "
            "Thu Dec 24 at the latest.",
            "That is 13 days 4 h from now.",
            "Our stated Christmas deadline for Expedited: order by the end of Sun Dec 13 "
            "for delivery by Thu Dec 24.",
            "Black Friday orders are delivered after Christmas.",
        ],
    ),
    (
        "expedited, too late",
        {"deliver_by": "2026-12-24", "method": "expedited", "now": "2026-12-14T14:00:00-05:00"},
        [
            "To have it by the end of Thu Dec 24 with Expedited, order before "
            "Mon Dec 14, 2:00 PM EST.",
            "Such an order counts from Mon Dec 14, ships by Mon Dec 21 and arrives by "
            "Thu Dec 24 at the latest.",
            "That moment has passed: an order placed now may arrive later.",
            "Our stated Christmas deadline for Expedited: order by the end of Sun Dec 13 "
            "for delivery by Thu Dec 24.",
            "Black Friday orders are delivered after Christmas.",
        ],
    ),
]


@pytest.mark.parametrize(("case", "inputs", "expected"), SENTENCES, ids=[c[0] for c in SENTENCES])
def test_sentences(workshop, case, inputs, expected):
    policy = _with_deadlines(workshop, "2026-12-08", "2026-12-13")
    said = [words(s) for s in holiday_deadline.answer(policy, inputs).sentences]
    assert said == expected


def test_data(workshop):
    policy = _with_deadlines(workshop, "2026-12-08", "2026-12-13")
    inputs = {"deliver_by": "2026-12-24", "method": "expedited"}
    assert holiday_deadline.answer(policy, inputs).data == {
        "order_day": "2026-12-14",
        "order_before": "2026-12-14T14:00:00-05:00",
        "stated": ["2026-12-13"],
    }


def test_web_answer(workshop):
    policy = _with_deadlines(workshop, "2026-12-08", "2026-12-13")
    inputs = json.dumps({"deliver_by": "2026-12-24", "method": "standard"})
    reply = json.loads(web.answer(policy, "holiday_deadline", inputs))
    assert reply["ok"] is True
    assert reply["data"] == {
        "order_day": "2026-12-09",
        "order_before": "2026-12-09T14:00:00-05:00",
        "stated": ["2026-12-08"],
    }
    assert reply["sentences"][0] == [
        {"text": "To have it by the end of "},
        {"date": "2026-12-24", "text": "Thu Dec 24"},
        {"text": " with Standard, order before "},
        {"datetime": "2026-12-09T14:00-05:00", "text": "Wed Dec 9, 2:00 PM EST"},
        {"text": "."},
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
            ("deliver_by", "Expected a date like 2026-12-07 but received 'Dec 24'."),
            ("method", "Expected one of standard, expedited but received 'rush'."),
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
    assert words(result.sentences[0]) == (
        "No Standard order placed from Thu Jan 1 on is guaranteed to arrive by Thu Dec 24."
    )


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
        in_time = delivery.estimate(policy, method, result.order_before.astimezone(UTC) - SECOND)
        assert in_time.order_day == result.order_day
        assert in_time.arrive_latest <= deliver_by
        try:
            too_late = delivery.estimate(policy, method, result.order_before)
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
