"""Answers as data: sentences made of text and dates, for a page or a terminal.

A sentence is a tuple of parts; a part is plain text, a date or a moment. The
widget turns date parts into ``<time datetime="YYYY-MM-DD">`` elements and
moments into ``<time datetime="YYYY-MM-DDTHH:MM±HH:MM">``, the CLI into words,
so both print the very same sentence.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta

from calculators.text import clock, short_date


@dataclass(frozen=True)
class DatePart:
    day: date

    @property
    def year(self) -> int:
        return self.day.year

    def plain(self, with_year: bool = False) -> dict[str, str]:
        return {"date": self.day.isoformat(), "text": short_date(self.day, with_year)}


@dataclass(frozen=True)
class MomentPart:
    """A moment to the minute, shown in the store's time zone (``moment`` is aware)."""

    moment: datetime

    @property
    def year(self) -> int:
        return self.moment.year

    def plain(self, with_year: bool = False) -> dict[str, str]:
        return {
            "datetime": self.moment.isoformat(timespec="minutes"),
            "text": moment_text(self.moment, with_year),
        }


Part = str | DatePart | MomentPart
Sentence = tuple[Part, ...]


def plain_sentences(sentences: tuple[Sentence, ...]) -> list[list[dict[str, str]]]:
    """An answer's sentences as JSON-ready parts. Dates go without their year, unless
    the answer spans two years: then every date says its year (Dec 30 ... Jan 2, 2027)."""
    years = {part.year for sentence in sentences for part in sentence if not isinstance(part, str)}
    with_year = len(years) > 1
    return [
        [{"text": part} if isinstance(part, str) else part.plain(with_year) for part in sentence]
        for sentence in sentences
    ]


def words(sentence: Sentence) -> str:
    return "".join(part if isinstance(part, str) else part.plain()["text"] for part in sentence)


def moment_text(moment: datetime, with_year: bool = False) -> str:
    """'Sat Nov 28, 2:00 PM EST'; a midnight is named by the day it ends.

    "Fri Dec 11, 12:00 AM" reads to many as the night after Friday; the
    moment is the one that ends Thursday, so it says so.
    """
    if (moment.hour, moment.minute) == (0, 0):
        ended = moment.date() - timedelta(days=1)
        return f"midnight at the end of {short_date(ended, with_year)} {moment.tzname()}"
    return f"{short_date(moment.date(), with_year)}, {clock(moment)}"
