"""Business-day counting on a Mon-Fri calendar closed on Fri Jul 3 2026."""

from __future__ import annotations

from datetime import date

import pytest

from calculators.calendar import BusinessCalendar, ClosedCalendarError

WEEK = BusinessCalendar(frozenset(range(5)), frozenset({date(2026, 7, 3)}))
D = date.fromisoformat

# (start, count, expected): July 2026 starts on a Wednesday.
ADD_CASES = [
    ("2026-07-01", 0, "2026-07-01"),  # zero days: the day itself
    ("2026-07-01", 1, "2026-07-02"),  # Wed -> Thu
    ("2026-07-02", 1, "2026-07-06"),  # Thu -> skips closed Fri 3 and the weekend -> Mon 6
    ("2026-07-04", 1, "2026-07-06"),  # from a closed Saturday -> Mon 6
    ("2026-07-01", 5, "2026-07-09"),  # Thu 2, Mon 6, Tue 7, Wed 8, Thu 9
]


@pytest.mark.parametrize(("start", "count", "expected"), ADD_CASES)
def test_add(start, count, expected):
    assert WEEK.add(D(start), count) == D(expected)


def test_is_open():
    assert WEEK.is_open(D("2026-07-02"))
    assert not WEEK.is_open(D("2026-07-03"))  # closure
    assert not WEEK.is_open(D("2026-07-05"))  # Sunday


def test_count_between():
    # Open days after Wed Jul 1 up to Thu Jul 9: Jul 2, 6, 7, 8, 9.
    assert WEEK.count_between(D("2026-07-01"), D("2026-07-09")) == 5


def test_a_calendar_with_no_open_day_stops_instead_of_hanging():
    never = BusinessCalendar(frozenset())
    with pytest.raises(ClosedCalendarError):
        never.add(D("2026-07-01"), 1)
