"""Business-day arithmetic on one working calendar, inside the policy's coverage.

The closures of a day outside ``calendar.coverage`` are not stated, so the
calendar does not guess: asked whether such a day is open, or to step onto
one, it raises ``OutsideCoverageError`` and the calculator says in words that
it cannot give that date yet (``calculators.coverage``).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta

from calculators.schedule import CalendarName, Coverage, Schedule

# A calendar with at least one working weekday reaches its next open day
# within a week plus its closures; this bound only guards against a broken one
# that has no coverage to stop it.
_MAX_STEPS = 4000


class ClosedCalendarError(ValueError):
    """The calendar has no open day within the search bound."""


class OutsideCoverageError(ValueError):
    """A day outside the coverage was asked about: its closures are not known."""

    def __init__(self, day: date, coverage: Coverage):
        self.day = day
        self.coverage = coverage
        super().__init__(f"{day.isoformat()} is outside the coverage, {coverage.words()}")

    @property
    def after(self) -> bool:
        """Past ``last_day`` (the usual case: a count runs into next year)."""
        return self.day > self.coverage.last_day


@dataclass(frozen=True)
class BusinessCalendar:
    """Open on ``weekdays`` (Monday = 0) except on the ``closed`` dates.

    With a ``coverage``, only its days can be asked about; without one (a
    calendar built by hand in a test) every day can.
    """

    weekdays: frozenset[int]
    closed: frozenset[date] = frozenset()
    coverage: Coverage | None = None

    @classmethod
    def of(cls, schedule: Schedule, name: CalendarName) -> BusinessCalendar:
        week: Iterable = getattr(schedule.working_weeks, name)
        return cls(
            frozenset(day.index for day in week), schedule.closed_days(name), schedule.coverage
        )

    def is_open(self, day: date) -> bool:
        if self.coverage is not None and day not in self.coverage:
            raise OutsideCoverageError(day, self.coverage)
        return day.weekday() in self.weekdays and day not in self.closed

    def next_open(self, day: date) -> date:
        """The first open day strictly after ``day``."""
        return self.add(day, 1)

    def add(self, day: date, count: int) -> date:
        """The ``count``-th open day after ``day`` (``day`` itself for 0).

        Only the days stepped onto must be in the coverage: ``day`` itself is not
        asked about.
        """
        steps = 0
        while count > 0:
            day += timedelta(days=1)
            steps += 1
            # With a coverage, stepping past its last day stops the walk (is_open).
            if self.coverage is None and steps > _MAX_STEPS:
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
