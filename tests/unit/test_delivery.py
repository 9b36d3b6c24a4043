"""The delivery estimator against dates counted by hand on a 2026 calendar.

Workshop rules (tests/fixtures/workshop/policy): handling Mon-Fri, carrier
Mon-Sat, cut-off 14:00 America/New_York, stages 1-2 + 2-3 = 3-5 handling days,
standard transit 4-7 carrier days, expedited 2-3. Closures: Fri Jul 3 (handling
and carrier), Sat Jul 4 (carrier), Nov 26, Dec 25.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta

import pytest

from calculators import delivery
from calculators.answers import words

D = date.fromisoformat

# (case, method, ordered_at, order_day, ship_earliest, ship_latest, arrive_earliest, arrive_latest)
WORKSHOP_CASES = [
    # Tue 10:00 before the cut-off counts from Tue Jun 2. Ship +3 handling: Jun 3,4,5 -> Fri 5;
    # +5: Jun 8,9 -> Tue 9. Arrive Fri 5 +4 carrier: Sat 6, Mon 8, 9, 10 -> Wed 10;
    # Tue 9 +7: 10,11,12,13,15,16,17 -> Wed 17.
    (
        "before cut-off",
        "standard",
        "2026-06-02T10:00:00-04:00",
        "2026-06-02",
        "2026-06-05",
        "2026-06-09",
        "2026-06-10",
        "2026-06-17",
    ),
    (
        "a minute before cut-off",
        "standard",
        "2026-06-02T13:59:00-04:00",
        "2026-06-02",
        "2026-06-05",
        "2026-06-09",
        "2026-06-10",
        "2026-06-17",
    ),
    # At 14:00 the order counts from Wed Jun 3. Ship: 4,5,8 -> Mon 8; 9,10 -> Wed 10.
    # Arrive Mon 8 +4: 9,10,11,12 -> Fri 12; Wed 10 +7: 11,12,13,15,16,17,18 -> Thu 18.
    (
        "at the cut-off",
        "standard",
        "2026-06-02T14:00:00-04:00",
        "2026-06-03",
        "2026-06-08",
        "2026-06-10",
        "2026-06-12",
        "2026-06-18",
    ),
    # Saturday is no handling day: counts from Mon Jun 8. Ship: 9,10,11 -> Thu 11; 12,15 -> Mon 15.
    # Arrive Thu 11 +4: 12,13,15,16 -> Tue 16; Mon 15 +7: 16,17,18,19,20,22,23 -> Tue 23.
    (
        "Saturday order",
        "standard",
        "2026-06-06T09:00:00-04:00",
        "2026-06-08",
        "2026-06-11",
        "2026-06-15",
        "2026-06-16",
        "2026-06-23",
    ),
    (
        "Sunday order",
        "standard",
        "2026-06-07T12:00:00-04:00",
        "2026-06-08",
        "2026-06-11",
        "2026-06-15",
        "2026-06-16",
        "2026-06-23",
    ),
    # Ship +3 from Mon Jun 29: Jun 30, Jul 1, Jul 2 -> Thu Jul 2; +5 skips closed Fri Jul 3:
    # Mon 6, Tue 7 -> Jul 7. Expedited +2 carrier from Jul 2 skips Fri 3 and the Saturday
    # holiday Jul 4: Mon 6, Tue 7 -> Jul 7; Jul 7 +3: 8, 9, 10 -> Fri Jul 10.
    (
        "holiday on a Saturday",
        "expedited",
        "2026-06-29T10:00:00-04:00",
        "2026-06-29",
        "2026-07-02",
        "2026-07-07",
        "2026-07-07",
        "2026-07-10",
    ),
    # Thanksgiving (Thu Nov 26) is closed: counts from Fri Nov 27. Ship: Nov 30, Dec 1, 2 ->
    # Wed Dec 2; 3, 4 -> Fri Dec 4. Arrive Dec 2 +4: 3,4,5,7 -> Mon Dec 7;
    # Dec 4 +7: 5,7,8,9,10,11,12 -> Sat Dec 12.
    (
        "holiday order",
        "standard",
        "2026-11-26T09:00:00-05:00",
        "2026-11-27",
        "2026-12-02",
        "2026-12-04",
        "2026-12-07",
        "2026-12-12",
    ),
    # Spring forward (Sun Mar 8). 17:59Z on Mon Mar 9 is 13:59 EDT, before the cut-off
    # (in EST it would read 12:59, so this alone does not prove the offset) ...
    (
        "after spring forward, before cut-off",
        "standard",
        "2026-03-09T17:59:00Z",
        "2026-03-09",
        "2026-03-12",
        "2026-03-16",
        "2026-03-17",
        "2026-03-24",
    ),
    # ... but 18:30Z is 14:30 EDT, after the cut-off; read as EST (13:30) it would wrongly
    # count from Mar 9. From Tue Mar 10: ship 11,12,13 -> Fri 13; 16,17 -> Tue 17.
    # Arrive Fri 13 +4: 14,16,17,18 -> Wed 18; Tue 17 +7: 18,19,20,21,23,24,25 -> Wed 25.
    (
        "after spring forward, after cut-off",
        "standard",
        "2026-03-09T18:30:00Z",
        "2026-03-10",
        "2026-03-13",
        "2026-03-17",
        "2026-03-18",
        "2026-03-25",
    ),
    # Fall back (Sun Nov 1). 18:30Z on Mon Nov 2 is 13:30 EST: before the cut-off (in EDT it
    # would read 14:30, after). Ship 3,4,5 -> Thu 5; 6,9 -> Mon 9. Arrive Thu 5 +4: 6,7,9,10
    # -> Tue 10; Mon 9 +7: 10,11,12,13,14,16,17 -> Tue 17.
    (
        "after fall back, before cut-off",
        "standard",
        "2026-11-02T18:30:00Z",
        "2026-11-02",
        "2026-11-05",
        "2026-11-09",
        "2026-11-10",
        "2026-11-17",
    ),
    # 19:00Z is 14:00 EST, the cut-off itself: counts from Tue Nov 3. Ship 4,5,6 -> Fri 6;
    # 9,10 -> Tue 10. Arrive Fri 6 +4: 7,9,10,11 -> Wed 11; Tue 10 +7: 11..14,16,17,18 -> Wed 18.
    (
        "after fall back, at cut-off",
        "standard",
        "2026-11-02T19:00:00Z",
        "2026-11-03",
        "2026-11-06",
        "2026-11-10",
        "2026-11-11",
        "2026-11-18",
    ),
    # The same instant written in another offset gives the same answer.
    (
        "offset of the shopper, not the store",
        "standard",
        "2026-06-02T23:00:00+09:00",
        "2026-06-02",
        "2026-06-05",
        "2026-06-09",
        "2026-06-10",
        "2026-06-17",
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
        "2026-11-27",
        "2026-12-01",
        "2026-12-03",
        "2026-12-05",
        "2026-12-11",
    ),
    # The example: Sat Nov 28 counts from Saturday. Ship Mon 30, Dec 1, 2 -> Wed Dec 2;
    # 3, 4 -> Fri Dec 4. Arrive Dec 2 +4: 3,4,5,7 -> Mon Dec 7; Dec 4 +7: 5,7..12 -> Sat Dec 12.
    (
        "Saturday is a handling day",
        "standard",
        "2026-11-28T10:00:00-05:00",
        "2026-11-28",
        "2026-12-02",
        "2026-12-04",
        "2026-12-07",
        "2026-12-12",
    ),
    # Midnight starts Sunday: no handling day, so Mon Nov 30. Ship Dec 1,2,3 -> Thu 3; 4,5 ->
    # Sat 5. Arrive Dec 3 +4: 4,5,7,8 -> Tue 8; Dec 5 +7: 7,8,9,10,11,12,14 -> Mon Dec 14.
    (
        "midnight itself belongs to the next day",
        "standard",
        "2026-11-29T00:00:00-05:00",
        "2026-11-30",
        "2026-12-03",
        "2026-12-05",
        "2026-12-08",
        "2026-12-14",
    ),
]


def _check(policy, method, ordered_at, *expected):
    window = delivery.estimate(policy, method, datetime.fromisoformat(ordered_at))
    got = (
        window.order_day,
        window.ship_earliest,
        window.ship_latest,
        window.arrive_earliest,
        window.arrive_latest,
    )
    assert got == tuple(map(D, expected))


@pytest.mark.parametrize(
    ("case", "method", "ordered_at", *"abcde"), WORKSHOP_CASES, ids=[c[0] for c in WORKSHOP_CASES]
)
def test_workshop_estimates(workshop, case, method, ordered_at, a, b, c, d, e):
    _check(workshop, method, ordered_at, a, b, c, d, e)


@pytest.mark.parametrize(
    ("case", "method", "ordered_at", *"abcde"), MIDNIGHT_CASES, ids=[c[0] for c in MIDNIGHT_CASES]
)
def test_midnight_cutoff_estimates(midnight_workshop, case, method, ordered_at, a, b, c, d, e):
    _check(midnight_workshop, method, ordered_at, a, b, c, d, e)


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


# (case, now, expected sentence). Workshop: cut-off 14:00 New York, handling Mon-Fri.
COUNTDOWN_SENTENCES = [
    # Tue Jun 2 10:40 EDT: 3 h 20 min until 14:00 the same day.
    (
        "before today's cut-off",
        "2026-06-02T10:40:00-04:00",
        "Order within 3 h 20 min (before Tue Jun 2, 2:00 PM EDT) and your order counts from today.",
    ),
    # Fri Mar 6 15:00 EST is past the cut-off; next: Mon Mar 9 14:00 EDT, 70 real hours away
    # (2 days 22 h), across the spring-forward night.
    (
        "after the cut-off, across a weekend and a clock change",
        "2026-03-06T15:00:00-05:00",
        "An order placed now counts from Mon Mar 9; order within 2 days 22 h (before "
        "Mon Mar 9, 2:00 PM EDT) to be counted from that day.",
    ),
]


@pytest.mark.parametrize(
    ("case", "now", "expected"), COUNTDOWN_SENTENCES, ids=[c[0] for c in COUNTDOWN_SENTENCES]
)
def test_countdown_sentence(workshop, case, now, expected):
    sentence = delivery.countdown_sentence(workshop, datetime.fromisoformat(now))
    assert words(sentence) == expected
