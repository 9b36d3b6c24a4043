"""Words for people: how values and answers read on pages and in widgets.

The help pages (built in CPython) and the widgets (run in Pyodide) both call
these, so a date or an amount reads the same everywhere.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, datetime, timedelta

MONTHS = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)
DAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")


def short_date(day: date, with_year: bool = False) -> str:
    """'Mon Dec 7', or 'Mon Dec 7, 2026' where an answer spans two years."""
    text = f"{DAYS[day.weekday()][:3]} {MONTHS[day.month - 1][:3]} {day.day}"
    return f"{text}, {day.year}" if with_year else text


def long_date(day: date) -> str:
    """'Monday, December 7, 2026': for policy dates quoted on pages."""
    return f"{DAYS[day.weekday()]}, {MONTHS[day.month - 1]} {day.day}, {day.year}"


def clock(moment: datetime) -> str:
    """'3:05 PM': the wall clock of the moment's own time zone, without the zone.

    Shoppers read a zone by its name ("Eastern Time", ``zone_words``), never by
    an abbreviation such as EST or an offset such as -05:00.
    """
    hour = (moment.hour - 1) % 12 + 1
    suffix = "AM" if moment.hour < 12 else "PM"
    return f"{hour}:{moment.minute:02d} {suffix}"


def zone_words(key: str, name: str | None) -> str:
    """How a shopper names the store's time zone: its name ("Eastern Time"), filled in
    at build time; for a policy that never went through the build, the zone's city
    ("America/New_York" -> "New York time") rather than its identifier."""
    if name:
        return name
    return f"{key.rsplit('/', 1)[-1].replace('_', ' ')} time"


def join_words(items: Iterable[object], last: str = "and") -> str:
    """'a, b and c'."""
    words = [str(item) for item in items]
    if len(words) <= 1:
        return "".join(words)
    return f"{', '.join(words[:-1])} {last} {words[-1]}"


def plural(count: int, unit: str) -> str:
    return f"{count} {unit}" if count == 1 else f"{count} {unit}s"


def day_range(low: int, high: int, unit: str) -> str:
    """'1–2 business days', '1 business day'."""
    if low == high:
        return plural(low, unit)
    return f"{low}–{high} {unit}s"


def duration(span: timedelta) -> str:
    """'3 h 20 min' (rounded down to the minute); '0 min' for anything under one."""
    minutes = max(0, int(span.total_seconds() // 60))
    days, minutes = divmod(minutes, 24 * 60)
    hours, minutes = divmod(minutes, 60)
    parts = []
    if days:
        parts.append(plural(days, "day"))
    if hours:
        parts.append(f"{hours} h")
    if minutes or not parts:
        parts.append(f"{minutes} min")
    return " ".join(parts)


def time_left(span: timedelta) -> str:
    """'within 3 h 20 min'; 'in less than a minute' for anything under one, never '0 min'.

    The page's order-now script says the very same words for its own clock (the
    order-now table's format states this rule for it)."""
    if span < timedelta(minutes=1):
        return "in less than a minute"
    return f"within {duration(span)}"


# English puts "the" before country names that are plural or name a union,
# kingdom or republic: "the United States", "the Netherlands".
_THE_WORDS = (
    "United ",
    "Republic",
    "Kingdom",
    "Emirates",
    "Islands",
    "States",
    "Federation",
    "Territories",
)
_THE_NAMES = {
    "Netherlands",
    "Philippines",
    "Bahamas",
    "Maldives",
    "Comoros",
    "Seychelles",
    "Gambia",
    "Holy See",
}


def in_sentence(name: str) -> str:
    """A country's name as it stands inside a sentence: 'the United States', 'France'."""
    if name in _THE_NAMES or any(word in name for word in _THE_WORDS):
        return f"the {name}"
    return name
