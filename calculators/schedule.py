"""The calendar part of the policy (``policy/calendar.yml``): zone, cut-off, weeks, closures.

``coverage`` is the period the help center answers for: the days whose
closures the policy states. Python-holidays can name the holidays of any year,
but the store's own closures (its workshop's Christmas, say) are only known
for the years someone wrote down; past ``last_day`` a calculator would count
an unknown Christmas as a working day. So the calculators refuse to give a
date outside it (``calculators.calendar``), and the rules here keep the rest
of the calendar inside it.
"""

# `doc()` returns a `dataclasses.field` carrying the description; ruff cannot see that
# (pyproject.toml says the same for calculators/policy.py).

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Annotated, Literal

from calculators.model import Problems, doc
from calculators.text import join_words
from calculators.values import Clock, CountryCode, TimeZone, Weekday, Year

CalendarName = Literal["handling", "carrier", "support"]
ALL_CALENDARS: tuple[CalendarName, ...] = ("handling", "carrier", "support")


@dataclass(frozen=True)
class Coverage:
    """The first and last day the calculators answer for, both included."""

    first_day: date = doc("the first day the calculators answer for, YYYY-MM-DD")
    last_day: date = doc(
        "the last day they answer for: closures and holidays are known up to it, YYYY-MM-DD"
    )

    def __contains__(self, day: object) -> bool:
        return isinstance(day, date) and self.first_day <= day <= self.last_day

    def years(self) -> range:
        return range(self.first_day.year, self.last_day.year + 1)

    def words(self) -> str:
        """'2026-01-01 to 2027-12-31', as editors write the dates."""
        return f"{self.first_day.isoformat()} to {self.last_day.isoformat()}"

    def problems(self) -> Problems:
        if self.first_day > self.last_day:
            yield (
                "coverage-order",
                ("last_day",),
                (
                    f"Expected last_day to be on or after first_day "
                    f"({self.first_day.isoformat()}) but received {self.last_day.isoformat()}."
                ),
            )

    def outside(self, day: date, at: tuple[str | int, ...]) -> Problems:
        """The ``coverage`` problem of a policy date outside the window, if it is."""
        if day not in self:
            yield (
                "coverage",
                at,
                (
                    f"Expected a date within the coverage ({self.words()}) but received "
                    f"{day.isoformat()}: correct the date or extend calendar.coverage."
                ),
            )


@dataclass(frozen=True)
class WorkingWeeks:
    handling: tuple[Weekday, ...] = doc(
        "days the workshop processes and ships orders", min_items=1, max_items=7
    )
    carrier: tuple[Weekday, ...] = doc("days the carrier moves parcels", min_items=1, max_items=7)
    support: tuple[Weekday, ...] = doc("days support answers e-mail", min_items=1, max_items=7)


@dataclass(frozen=True)
class HolidaySource:
    provider: Literal["holidays"] = doc("the python-holidays package, resolved at build time")
    country: Annotated[str, CountryCode] = doc("ISO 3166 country code, like US", max_length=3)
    # Every year of the supported range at most; coverage asks for its own years.
    years: tuple[Year, ...] = doc("the years to take holidays for", min_items=1, max_items=100)
    applies_to: tuple[CalendarName, ...] = doc(
        "the calendars these holidays close", min_items=1, max_items=3
    )
    only: tuple[str, ...] = doc(
        "holiday names to keep; empty keeps every one", (), max_items=50, max_length=100
    )


@dataclass(frozen=True)
class Closure:
    date: date = doc("the closed day, YYYY-MM-DD")
    name: str = doc("why it is closed, shown to shoppers", max_length=100)
    applies_to: tuple[CalendarName, ...] = doc(
        "the calendars it closes", ALL_CALENDARS, max_items=3
    )
    source: str = doc("where the date comes from", "policy/calendar.yml")


@dataclass(frozen=True)
class Schedule:
    time_zone: TimeZone = doc("the store's IANA time zone; every order time is read in it")
    order_cutoff: Clock = doc(
        'orders before this local time count from that day; "24:00" = midnight'
    )
    working_weeks: WorkingWeeks = doc("the working days of each calendar")
    coverage: Coverage = doc(
        "the days the calculators answer for: every closure up to last_day is stated"
    )
    holidays: HolidaySource | None = doc("public holidays resolved from a named source", None)
    # Resolved holidays land here too (about a dozen a year for the US), so the
    # bound leaves room for several decades of them beside the store's own.
    closures: tuple[Closure, ...] = doc("extra closed days", (), max_items=2000)
    # Filled at build time from CLDR when left out, so the browser has it too.
    time_zone_name: str | None = doc(
        "how shoppers name that time zone, like Eastern Time; leave out for its usual name",
        None,
        max_length=60,
    )

    def closed_days(self, calendar: CalendarName) -> frozenset[date]:
        return frozenset(c.date for c in self.closures if calendar in c.applies_to)

    def problems(self) -> Problems:
        yield from self._holiday_years()
        for i, closure in enumerate(self.closures):
            yield from self.coverage.outside(closure.date, ("closures", i, "date"))

    def _holiday_years(self) -> Problems:
        """The holiday source names exactly the coverage's years.

        A missing year would leave its public holidays open without a word; a year
        outside the coverage resolves to closed days the calculators never reach.
        """
        if self.holidays is None or self.coverage.first_day > self.coverage.last_day:
            return
        wanted = self.coverage.years()
        missing = [year for year in wanted if year not in self.holidays.years]
        span = f"{wanted[0]} to {wanted[-1]}" if len(wanted) > 1 else str(wanted[0])
        if missing:
            one = len(missing) == 1
            yield (
                "holiday-years",
                ("holidays", "years"),
                (
                    f"Expected every year of the coverage ({span}) but "
                    f"{join_words(missing)} {'is' if one else 'are'} missing: "
                    f"{'its' if one else 'their'} public holidays would count as working days."
                ),
            )
        for i, year in enumerate(self.holidays.years):
            if year not in wanted:
                yield (
                    "holiday-years",
                    ("holidays", "years", i),
                    (
                        f"Expected a year of the coverage ({span}) but received {year}: "
                        "extend calendar.coverage to it or leave it out."
                    ),
                )
