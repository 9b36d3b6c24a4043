"""Small frozen value types that policy fields are made of.

Each type knows how to read itself from the plain text an editor writes
(``parse``) and how to write itself back (``dump``), so YAML, JSON and the
browser all speak the same strings. ``EXPECTS`` is the phrase used in error
messages ("Expected an amount of money like 6.99 but received ...").
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, time
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

WEEKDAY_NAMES = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")


class ValueProblem(ValueError):
    """A value that does not fit its type; the message completes "Expected ..."."""


@dataclass(frozen=True, order=True)
class Money:
    """An amount in US dollars, held in integer cents so sums never drift."""

    cents: int

    EXPECTS = "an amount of money like 6.99 or 59 (no currency sign)"
    JSON_TYPES = ("string", "number")
    PATTERN = r"^\d+(\.\d{1,2})?$"
    _SHAPE = re.compile(PATTERN)

    @classmethod
    def parse(cls, text: str) -> Money:
        if not cls._SHAPE.match(text):
            raise ValueProblem(cls.EXPECTS)
        whole, _, frac = text.partition(".")
        return cls(int(whole) * 100 + int(frac.ljust(2, "0") or 0))

    def dump(self) -> str:
        return f"{self.cents // 100}.{self.cents % 100:02d}"

    def __str__(self) -> str:
        if self.cents % 100 == 0:
            return f"${self.cents // 100:,}"
        return f"${self.cents // 100:,}.{self.cents % 100:02d}"


@dataclass(frozen=True, order=True)
class Clock:
    """A local time of day in minutes after midnight; 24:00 is the end of the day."""

    minutes: int

    EXPECTS = 'a 24-hour time like "14:30" (quoted), or "24:00" for the end of the day'
    PATTERN = r"^([01]\d|2[0-3]):[0-5]\d$|^24:00$"
    _SHAPE = re.compile(PATTERN)

    @classmethod
    def parse(cls, text: str) -> Clock:
        if not cls._SHAPE.match(text):
            raise ValueProblem(cls.EXPECTS)
        hours, minutes = text.split(":")
        return cls(int(hours) * 60 + int(minutes))

    def dump(self) -> str:
        return f"{self.minutes // 60:02d}:{self.minutes % 60:02d}"

    def as_time(self) -> time | None:
        """The wall-clock time, or None for the end of the day (24:00)."""
        if self.minutes == 24 * 60:
            return None
        return time(self.minutes // 60, self.minutes % 60)

    def __str__(self) -> str:
        if self.minutes in (0, 24 * 60):
            return "midnight"
        if self.minutes == 12 * 60:
            return "noon"
        hours, minutes = divmod(self.minutes, 60)
        suffix = "AM" if hours < 12 else "PM"
        return f"{(hours - 1) % 12 + 1}:{minutes:02d} {suffix}"


@dataclass(frozen=True)
class Weekday:
    """A day of the week, Monday = 0, written as its three-letter English name."""

    index: int

    EXPECTS = "a day of the week: " + ", ".join(WEEKDAY_NAMES)
    PATTERN = "^(" + "|".join(WEEKDAY_NAMES) + ")$"

    @classmethod
    def parse(cls, text: str) -> Weekday:
        if text not in WEEKDAY_NAMES:
            raise ValueProblem(cls.EXPECTS)
        return cls(WEEKDAY_NAMES.index(text))

    def dump(self) -> str:
        return WEEKDAY_NAMES[self.index]

    def __str__(self) -> str:
        return ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")[
            self.index
        ]


class IsoDate:
    """Reads ``date`` fields: only the ISO form YYYY-MM-DD is accepted."""

    EXPECTS = "a date written YYYY-MM-DD"
    PATTERN = r"^\d{4}-\d{2}-\d{2}$"
    _SHAPE = re.compile(PATTERN)

    @classmethod
    def parse(cls, text: str) -> date:
        if not cls._SHAPE.match(text):
            raise ValueProblem(cls.EXPECTS)
        try:
            return date.fromisoformat(text)
        except ValueError:
            raise ValueProblem("a real calendar date written YYYY-MM-DD") from None


# Types that read themselves from text, by the annotation that names them.
TEXT_TYPES: dict[object, type] = {Money: Money, Clock: Clock, Weekday: Weekday, date: IsoDate}


class CountryCode(str):
    """Keys of country mappings: an ISO 3166-1 alpha-2 code (the keys stay plain text)."""

    EXPECTS = "a two-letter country code like US"
    PATTERN = r"^[A-Z]{2}$"


class ZoneName:
    """Reads ``TimeZone`` fields: an IANA time zone name the runtime can load."""

    EXPECTS = 'an IANA time zone name like "America/New_York"'
    PATTERN = r"^[A-Za-z_]+(/[A-Za-z0-9_+-]+)*$"

    @classmethod
    def parse(cls, text: str) -> TimeZone:
        try:
            zone = ZoneInfo(text)
        except (ZoneInfoNotFoundError, ValueError):
            raise ValueProblem(cls.EXPECTS) from None
        return TimeZone(text, zone)


@dataclass(frozen=True)
class TimeZone:
    """A time zone by its IANA name; the zone itself rides along, loaded once."""

    key: str
    zone: ZoneInfo = field(compare=False, repr=False)

    def dump(self) -> str:
        return self.key

    def __str__(self) -> str:
        return self.key


TEXT_TYPES[TimeZone] = ZoneName
