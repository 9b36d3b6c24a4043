"""Business-day arithmetic on one working calendar."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta

from calculators.policy import CalendarName, Schedule

# A calendar with at least one working weekday reaches its next open day
# within a week plus its closures; this bound only guards against a broken one.
_MAX_STEPS = 4000


class ClosedCalendarError(ValueError):
    """The calendar has no open day within the search bound."""


@dataclass(frozen=True)
class BusinessCalendar:
    """Open on ``weekdays`` (Monday = 0) except on the ``closed`` dates."""

    weekdays: frozenset[int]
    closed: frozenset[date] = frozenset()

    @classmethod
    def of(cls, schedule: Schedule, name: CalendarName) -> BusinessCalendar:
        week: Iterable = getattr(schedule.working_weeks, name)
        return cls(frozenset(day.index for day in week), schedule.closed_days(name))

    def is_open(self, day: date) -> bool:
        return day.weekday() in self.weekdays and day not in self.closed

    def next_open(self, day: date) -> date:
        """The first open day strictly after ``day``."""
        return self.add(day, 1)

    def add(self, day: date, count: int) -> date:
        """The ``count``-th open day after ``day`` (``day`` itself for 0)."""
        steps = 0
        while count > 0:
            day += timedelta(days=1)
            steps += 1
            if steps > _MAX_STEPS:
                raise ClosedCalendarError(f"no open day within {_MAX_STEPS} days")
            if self.is_open(day):
                count -= 1
        return day

    def count_between(self, start: date, end: date) -> int:
        """Open days after ``start`` up to and including ``end``."""
        total, day = 0, start
        while day < end:
            day += timedelta(days=1)
            total += self.is_open(day)
        return total
