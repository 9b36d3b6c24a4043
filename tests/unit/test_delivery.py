"""The delivery estimator against dates counted by hand on a 2026 calendar.

Workshop rules (tests/fixtures/workshop/policy): handling Mon-Fri, carrier
Mon-Sat, cut-off 14:00 America/New_York, stages 1-2 + 2-3 = 3-5 handling days,
standard transit 4-7 carrier days, expedited 2-3. Closures: Fri Jul 3 (handling
and carrier), Sat Jul 4 (carrier), Nov 26, Dec 25 (no 2027 closures). Sale:
Black Friday, Fri Nov 27 only, delivered after Christmas (deliver_by Thu Dec 24).

How the expectations were made: each date is counted on a paper calendar of
Nov 2026-Jan 2027, one open day at a time, written beside the case; the
sentences are those dates in the answer's words (``web.reply_paragraphs``, what
the widget and the CLI print), typed out by hand, not produced by the code.
"""

from __future__ import annotations

import json
from datetime import date, datetime, timedelta

import pytest

from calculators import delivery, web

D = date.fromisoformat

# (case, method, ordered_at, "order_day ship_earliest ship_latest arrive_earliest arrive_latest")
WORKSHOP_CASES = [
    # Tue 10:00 before the cut-off counts from Tue Jun 2. Ship +3 handling: Jun 3,4,5 -> Fri 5;
    # +5: Jun 8,9 -> Tue 9. Arrive Fri 5 +4 carrier: Sat 6, Mon 8, 9, 10 -> Wed 10;
    # Tue 9 +7: 10,11,12,13,15,16,17 -> Wed 17.
    (
        "before cut-off",
        "standard",
        "2026-06-02T10:00:00-04:00",
        "2026-06-02 2026-06-05 2026-06-09 2026-06-10 2026-06-17",
    ),
    (
        "a minute before cut-off",
        "standard",
        "2026-06-02T13:59:00-04:00",
        "2026-06-02 2026-06-05 2026-06-09 2026-06-10 2026-06-17",
    ),
    # At 14:00 the order counts from Wed Jun 3. Ship: 4,5,8 -> Mon 8; 9,10 -> Wed 10.
    # Arrive Mon 8 +4: 9,10,11,12 -> Fri 12; Wed 10 +7: 11,12,13,15,16,17,18 -> Thu 18.
    (
        "at the cut-off",
        "standard",
        "2026-06-02T14:00:00-04:00",
        "2026-06-03 2026-06-08 2026-06-10 2026-06-12 2026-06-18",
    ),
    # Saturday is no handling day: counts from Mon Jun 8. Ship: 9,10,11 -> Thu 11; 12,15 -> Mon 15.
    # Arrive Thu 11 +4: 12,13,15,16 -> Tue 16; Mon 15 +7: 16,17,18,19,20,22,23 -> Tue 23.
    (
        "Saturday order",
        "standard",
        "2026-06-06T09:00:00-04:00",
        "2026-06-08 2026-06-11 2026-06-15 2026-06-16 2026-06-23",
    ),
    (
        "Sunday order",
        "standard",
        "2026-06-07T12:00:00-04:00",
        "2026-06-08 2026-06-11 2026-06-15 2026-06-16 2026-06-23",
    ),
    # Ship +3 from Mon Jun 29: Jun 30, Jul 1, Jul 2 -> Thu Jul 2; +5 skips closed Fri Jul 3:
    # Mon 6, Tue 7 -> Jul 7. Expedited +2 carrier from Jul 2 skips Fri 3 and the Saturday
    # holiday Jul 4: Mon 6, Tue 7 -> Jul 7; Jul 7 +3: 8, 9, 10 -> Fri Jul 10.
    (
        "holiday on a Saturday",
        "expedited",
        "2026-06-29T10:00:00-04:00",
        "2026-06-29 2026-07-02 2026-07-07 2026-07-07 2026-07-10",
    ),
    # Thanksgiving (Thu Nov 26) is closed: counts from Fri Nov 27. Ship: Nov 30, Dec 1, 2 ->
    # Wed Dec 2; 3, 4 -> Fri Dec 4. Arrive Dec 2 +4: 3,4,5,7 -> Mon Dec 7;
    # Dec 4 +7: 5,7,8,9,10,11,12 -> Sat Dec 12.
    (
        "holiday order",
        "standard",
        "2026-11-26T09:00:00-05:00",
        "2026-11-27 2026-12-02 2026-12-04 2026-12-07 2026-12-12",
    ),
    # Spring forward (Sun Mar 8). 17:59Z on Mon Mar 9 is 13:59 EDT, before the cut-off
    # (in EST it would read 12:59, so this alone does not prove the offset) ...
    (
        "after spring forward, before cut-off",
        "standard",
        "2026-03-09T17:59:00Z",
        "2026-03-09 2026-03-12 2026-03-16 2026-03-17 2026-03-24",
    ),
    # ... but 18:30Z is 14:30 EDT, after the cut-off; read as EST (13:30) it would wrongly
    # count from Mar 9. From Tue Mar 10: ship 11,12,13 -> Fri 13; 16,17 -> Tue 17.
    # Arrive Fri 13 +4: 14,16,17,18 -> Wed 18; Tue 17 +7: 18,19,20,21,23,24,25 -> Wed 25.
    (
        "after spring forward, after cut-off",
        "standard",
        "2026-03-09T18:30:00Z",
        "2026-03-10 2026-03-13 2026-03-17 2026-03-18 2026-03-25",
    ),
    # Fall back (Sun Nov 1). 18:30Z on Mon Nov 2 is 13:30 EST: before the cut-off (in EDT it
    # would read 14:30, after). Ship 3,4,5 -> Thu 5; 6,9 -> Mon 9. Arrive Thu 5 +4: 6,7,9,10
    # -> Tue 10; Mon 9 +7: 10,11,12,13,14,16,17 -> Tue 17.
    (
        "after fall back, before cut-off",
        "standard",
        "2026-11-02T18:30:00Z",
        "2026-11-02 2026-11-05 2026-11-09 2026-11-10 2026-11-17",
    ),
    # 19:00Z is 14:00 EST, the cut-off itself: counts from Tue Nov 3. Ship 4,5,6 -> Fri 6;
    # 9,10 -> Tue 10. Arrive Fri 6 +4: 7,9,10,11 -> Wed 11; Tue 10 +7: 11..14,16,17,18 -> Wed 18.
    (
        "after fall back, at cut-off",
        "standard",
        "2026-11-02T19:00:00Z",
        "2026-11-03 2026-11-06 2026-11-10 2026-11-11 2026-11-18",
    ),
    # The same instant written in another offset gives the same answer.
    (
        "offset of the shopper, not the store",
        "standard",
        "2026-06-02T23:00:00+09:00",
        "2026-06-02 2026-06-05 2026-06-09 2026-06-10 2026-06-17",
    ),
]

# The store's real rules: handling Mon-Sat, cut-off 24:00.
MIDNIGHT_CASES = [
    # Fri Nov 27 23:30 EST is already Sat 04:30 in UTC; in New York it is still Friday, a
    # handling day before midnight, so it counts from Fri Nov 27. Ship +3 (Mon-Sat): Sat 28,
    # Mon 30, Tue Dec 1 -> Dec 1; +5: Wed 2, Thu 3 -> Dec 3. Arrive Dec 1 +4: 2,3,4,5 -> Sat 5;
    # Dec 3 +7: 4,5,7,8,9,10,11 -> Fri Dec 11.
    (
        "23:30 local is the next day in UTC",
        "standard",
        "2026-11-27T23:30:00-05:00",
        "2026-11-27 2026-12-01 2026-12-03 2026-12-05 2026-12-11",
    ),
    # The example: Sat Nov 28 counts from Saturday. Ship Mon 30, Dec 1, 2 -> Wed Dec 2;
    # 3, 4 -> Fri Dec 4. Arrive Dec 2 +4: 3,4,5,7 -> Mon Dec 7; Dec 4 +7: 5,7..12 -> Sat Dec 12.
    (
        "Saturday is a handling day",
        "standard",
        "2026-11-28T10:00:00-05:00",
        "2026-11-28 2026-12-02 2026-12-04 2026-12-07 2026-12-12",
    ),
    # Midnight starts Sunday: no handling day, so Mon Nov 30. Ship Dec 1,2,3 -> Thu 3; 4,5 ->
    # Sat 5. Arrive Dec 3 +4: 4,5,7,8 -> Tue 8; Dec 5 +7: 7,8,9,10,11,12,14 -> Mon Dec 14.
    (
        "midnight itself belongs to the next day",
        "standard",
        "2026-11-29T00:00:00-05:00",
        "2026-11-30 2026-12-03 2026-12-05 2026-12-08 2026-12-14",
    ),
]


def _check(policy, method, ordered_at, expected):
    # The policy's windows (rules 1-4): the sale rule is tested below, on its own.
    window = delivery.windows(policy, method, datetime.fromisoformat(ordered_at))
    got = (
        window.order_day,
        window.ship_earliest,
        window.ship_latest,
        window.arrive_earliest,
        window.arrive_latest,
    )
    assert got == tuple(map(D, expected.split()))


CASE = ("case", "method", "ordered_at", "expected")


@pytest.mark.parametrize(CASE, WORKSHOP_CASES, ids=[c[0] for c in WORKSHOP_CASES])
def test_workshop_estimates(workshop, case, method, ordered_at, expected):
    _check(workshop, method, ordered_at, expected)


@pytest.mark.parametrize(CASE, MIDNIGHT_CASES, ids=[c[0] for c in MIDNIGHT_CASES])
def test_midnight_cutoff_estimates(midnight_workshop, case, method, ordered_at, expected):
    _check(midnight_workshop, method, ordered_at, expected)


def test_a_time_without_offset_is_refused(workshop):
    with pytest.raises(delivery.NaiveTimeError):
        delivery.order_day(workshop, datetime(2026, 6, 2, 10, 0))


# (case, now, order_day, deadline in New York, remaining)
CUTOFF_CASES = [
    # 10:40 to 14:00 on the same day: 3 h 20 min.
    (
        "same day",
        "2026-06-02T10:40:00-04:00",
        "2026-06-02",
        "2026-06-02T14:00:00-04:00",
        timedelta(hours=3, minutes=20),
    ),
    # Fri Mar 6 15:00 EST (20:00Z) is past the cut-off: next is Mon Mar 9 14:00 EDT (18:00Z).
    # The clocks jump forward on Sunday, so 70 real hours pass, not the 71 on the wall clock.
    (
        "across spring forward",
        "2026-03-06T15:00:00-05:00",
        "2026-03-09",
        "2026-03-09T14:00:00-04:00",
        timedelta(hours=70),
    ),
    # Fri Oct 30 15:00 EDT (19:00Z) to Mon Nov 2 14:00 EST (19:00Z): exactly 72 real hours,
    # one more than the wall clock shows.
    (
        "across fall back",
        "2026-10-30T15:00:00-04:00",
        "2026-11-02",
        "2026-11-02T14:00:00-05:00",
        timedelta(hours=72),
    ),
]


@pytest.mark.parametrize(
    ("case", "now", "day", "deadline", "remaining"), CUTOFF_CASES, ids=[c[0] for c in CUTOFF_CASES]
)
def test_cutoff_countdown(workshop, case, now, day, deadline, remaining):
    result = delivery.cutoff(workshop, datetime.fromisoformat(now))
    assert result.order_day == D(day)
    assert result.deadline.isoformat() == deadline
    assert result.remaining == remaining


def test_midnight_cutoff_deadline_is_the_end_of_the_day(midnight_workshop):
    # 20:40 EST on Sat Nov 28 leaves 3 h 20 min until midnight (Sun 00:00 EST).
    result = delivery.cutoff(midnight_workshop, datetime.fromisoformat("2026-11-28T20:40:00-05:00"))
    assert result.deadline.isoformat() == "2026-11-29T00:00:00-05:00"
    assert result.remaining == timedelta(hours=3, minutes=20)


def said(policy, inputs: dict) -> list[str]:
    """The answer as the widget and the CLI print it, one paragraph a sentence."""
    reply = json.loads(web.answer(policy, "delivery", json.dumps(inputs)))
    assert reply["ok"] is True, reply
    return web.reply_paragraphs(reply)


# -- sales: an order placed on Black Friday arrives after Christmas ------------------------

# (case, ordered_at, "order_day ship_earliest ship_latest arrive_earliest arrive_latest", sale)
# Standard shipping on the workshop. A sale order keeps its own order day and earliest ship
# day; it arrives from the first carrier day after Thu Dec 24 (Fri Dec 25 closed: Sat Dec 26);
# its latest dates are those of an order counted from the first handling day after Dec 24:
# Mon Dec 28 (Dec 25 closed, then the weekend). +5 handling: Dec 29, 30, 31, Fri Jan 1 (no
# 2027 closures), Mon Jan 4; +7 carrier: Jan 5, 6, 7, 8, 9, 11, 12 -> Tue Jan 12.
SALE_CASES = [
    # Thanksgiving, the day before: closed, so it counts from Fri Nov 27, but it was placed on
    # Thursday, outside the sale: the usual windows. Ship +3: Nov 30, Dec 1, 2 -> Wed Dec 2;
    # +5: 3, 4 -> Fri Dec 4. Arrive Dec 2 +4: 3, 4, 5, 7 -> Mon Dec 7; Dec 4 +7: 5, 7, 8, 9,
    # 10, 11, 12 -> Sat Dec 12.
    (
        "the day before (Thanksgiving)",
        "2026-11-26T10:00:00-05:00",
        "2026-11-27 2026-12-02 2026-12-04 2026-12-07 2026-12-12",
        None,
    ),
    # Black Friday 10:00: counts from Fri Nov 27 and ships from Wed Dec 2 (as above).
    (
        "Black Friday",
        "2026-11-27T10:00:00-05:00",
        "2026-11-27 2026-12-02 2027-01-04 2026-12-26 2027-01-12",
        "Black Friday",
    ),
    # Black Friday after the 14:00 cut-off counts from Mon Nov 30 (ships from Thu Dec 3:
    # Dec 1, 2, 3), and is still a Black Friday order.
    (
        "Black Friday, after the cut-off",
        "2026-11-27T23:59:00-05:00",
        "2026-11-30 2026-12-03 2027-01-04 2026-12-26 2027-01-12",
        "Black Friday",
    ),
    # 04:30 UTC on Sat Nov 28 is 23:30 on Friday in New York: the store's day decides.
    (
        "Black Friday in New York, Saturday in UTC",
        "2026-11-28T04:30:00Z",
        "2026-11-30 2026-12-03 2027-01-04 2026-12-26 2027-01-12",
        "Black Friday",
    ),
    # Midnight starts Black Friday; a second before it is still Thanksgiving.
    (
        "the first moment of Black Friday",
        "2026-11-27T00:00:00-05:00",
        "2026-11-27 2026-12-02 2027-01-04 2026-12-26 2027-01-12",
        "Black Friday",
    ),
    (
        "the last second of Thanksgiving",
        "2026-11-26T23:59:59-05:00",
        "2026-11-27 2026-12-02 2026-12-04 2026-12-07 2026-12-12",
        None,
    ),
    # The day after, Sat Nov 28: no handling on Saturdays, so Mon Nov 30. Ship +3: Dec 1, 2,
    # 3 -> Thu Dec 3; +5: 4, 7 -> Mon Dec 7. Arrive Dec 3 +4: 4, 5, 7, 8 -> Tue Dec 8;
    # Dec 7 +7: 8, 9, 10, 11, 12, 14, 15 -> Tue Dec 15.
    (
        "the day after",
        "2026-11-28T10:00:00-05:00",
        "2026-11-30 2026-12-03 2026-12-07 2026-12-08 2026-12-15",
        None,
    ),
]
KEYS = ("order_day", "ship_earliest", "ship_latest", "arrive_earliest", "arrive_latest")


@pytest.mark.parametrize(
    ("case", "ordered_at", "dates", "sale"), SALE_CASES, ids=[c[0] for c in SALE_CASES]
)
def test_sale_estimates(workshop, case, ordered_at, dates, sale):
    inputs = {"method": "standard", "ordered_at": ordered_at}
    reply = json.loads(web.answer(workshop, "delivery", json.dumps(inputs)))
    # The keys estimate --json always had, and the sale the order was placed in.
    assert reply["data"] == {**dict(zip(KEYS, dates.split(), strict=True)), "sale": sale}


def test_sale_estimate_on_the_stores_own_calendar(midnight_workshop):
    # Handling Mon-Sat, cut-off 24:00. Black Friday counts from itself; ship +3: Sat 28,
    # Mon 30, Tue Dec 1 -> Dec 1. First handling day after Dec 24: Sat Dec 26; +5: Dec 28,
    # 29, 30, 31, Fri Jan 1 -> Jan 1; +7 carrier: Jan 2, 4, 5, 6, 7, 8, 9 -> Sat Jan 9.
    window = delivery.estimate(
        midnight_workshop, "standard", datetime.fromisoformat("2026-11-27T23:30:00-05:00")
    )
    assert (window.order_day, window.ship_earliest, window.ship_latest) == (
        D("2026-11-27"),
        D("2026-12-01"),
        D("2027-01-01"),
    )
    assert (window.arrive_earliest, window.arrive_latest) == (D("2026-12-26"), D("2027-01-09"))
    assert window.sale is not None and window.sale.name == "Black Friday"


def test_a_sale_order_is_told_so_in_words(workshop):
    # The dates of the "Black Friday" case; the answer spans 2026 and 2027, so every date
    # says its year. No "Counted from" (the sale decides) and no countdown (it is not
    # counted from today), though the order time is the shopper's now.
    inputs = {
        "method": "standard",
        "ordered_at": "2026-11-27T10:00:00-05:00",
        "now": "2026-11-27T10:00:00-05:00",
    }
    assert said(workshop, inputs) == [
        "Black Friday orders are delivered after Christmas (Thu Dec 24, 2026): yours ships "
        "from Wed Dec 2, 2026 and arrives after Thu Dec 24, 2026, by Tue Jan 12, 2027 at the "
        "latest."
    ]


# -- the countdown: for an order placed now, never "0 min" ---------------------------------

# (case, ordered_at, now, the answer's last sentence or None for no countdown).
# Workshop: cut-off 14:00 New York, handling Mon-Fri. The other sentences are the usual two.
COUNTDOWNS = [
    # Tue Jun 2 10:40 EDT: 3 h 20 min until 14:00 the same day.
    (
        "placed now",
        "2026-06-02T10:40:00-04:00",
        "2026-06-02T10:40:00-04:00",
        "Order within 3 h 20 min (before 2:00 PM Eastern Time on Tue Jun 2) and your order "
        "counts from today.",
    ),
    # The form's time has no seconds: 10:40 and a clock at 10:41:59 are within a minute
    # (to the minute); 14:00 - 10:41:59 is 3 h 18 min and 1 s, rounded down.
    (
        "the form filled a minute ago",
        "2026-06-02T10:40-04:00",
        "2026-06-02T10:41:59-04:00",
        "Order within 3 h 18 min (before 2:00 PM Eastern Time on Tue Jun 2) and your order "
        "counts from today.",
    ),
    ("two minutes ago", "2026-06-02T10:40-04:00", "2026-06-02T10:42:00-04:00", None),
    ("an order in the past", "2026-06-01T10:40-04:00", "2026-06-02T10:40:00-04:00", None),
    ("an order in the future", "2026-06-03T10:40-04:00", "2026-06-02T10:40:00-04:00", None),
    # 30 s before the cut-off: less than a minute, never "0 min".
    (
        "30 seconds left",
        "2026-06-02T13:59-04:00",
        "2026-06-02T13:59:30-04:00",
        "Order in less than a minute (before 2:00 PM Eastern Time on Tue Jun 2) and your order "
        "counts from today.",
    ),
    # Fri Mar 6 15:00 EST is past the cut-off; next: Mon Mar 9 14:00 EDT, 70 real hours away
    # (2 days 22 h), across the spring-forward night.
    (
        "after the cut-off, across a weekend and a clock change",
        "2026-03-06T15:00:00-05:00",
        "2026-03-06T15:00:00-05:00",
        "An order placed now counts from Mon Mar 9; order within 2 days 22 h (before 2:00 PM "
        "Eastern Time on Mon Mar 9) to be counted from that day.",
    ),
    # Thanksgiving 10:00: the next cut-off is Fri Nov 27 14:00, but from midnight an order
    # is a Black Friday order: the countdown ends there, 14 h away.
    (
        "before a sale",
        "2026-11-26T10:00:00-05:00",
        "2026-11-26T10:00:00-05:00",
        "An order placed now counts from Fri Nov 27; order within 14 h (before midnight "
        "Eastern Time at the end of Thu Nov 26) to be counted from that day.",
    ),
]


@pytest.mark.parametrize(
    ("case", "ordered_at", "now", "expected"), COUNTDOWNS, ids=[c[0] for c in COUNTDOWNS]
)
def test_countdown(workshop, case, ordered_at, now, expected):
    sentences = said(workshop, {"method": "standard", "ordered_at": ordered_at, "now": now})
    assert len(sentences) == (3 if expected else 2)
    if expected:
        assert sentences[-1] == expected


def test_no_countdown_without_the_shoppers_clock(workshop):
    inputs = {"method": "standard", "ordered_at": "2026-06-02T10:40:00-04:00"}
    assert said(workshop, inputs) == [
        "Ships between Fri Jun 5 and Tue Jun 9, arrives between Wed Jun 10 and Wed Jun 17.",
        "Counted from Tue Jun 2, the first handling day your order counts from.",
    ]


@pytest.mark.parametrize(
    ("ordered_at", "now", "expected"),
    [
        ("2026-06-02T10:40:00-04:00", "2026-06-02T10:40:59-04:00", True),
        ("2026-06-02T10:40:00-04:00", "2026-06-02T10:41:59-04:00", True),
        ("2026-06-02T10:41:30-04:00", "2026-06-02T10:40:00-04:00", True),  # a clock behind
        ("2026-06-02T10:40:00-04:00", "2026-06-02T10:42:00-04:00", False),
        ("2026-06-02T14:40:00Z", "2026-06-02T10:40:30-04:00", True),  # the same instant
    ],
)
def test_placed_now_is_within_a_minute(ordered_at, now, expected):
    placed = delivery.placed_now(datetime.fromisoformat(ordered_at), datetime.fromisoformat(now))
    assert placed is expected
