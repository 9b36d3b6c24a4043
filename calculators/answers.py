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

    def plain(self) -> dict[str, str]:
        return {"date": self.day.isoformat(), "text": short_date(self.day)}


@dataclass(frozen=True)
class MomentPart:
    """A moment to the minute, shown in the store's time zone (``moment`` is aware)."""

    moment: datetime

    def plain(self) -> dict[str, str]:
        return {
            "datetime": self.moment.isoformat(timespec="minutes"),
            "text": moment_text(self.moment),
        }


Part = str | DatePart | MomentPart
Sentence = tuple[Part, ...]


def plain_sentence(sentence: Sentence) -> list[dict[str, str]]:
    return [{"text": part} if isinstance(part, str) else part.plain() for part in sentence]


def words(sentence: Sentence) -> str:
    return "".join(part if isinstance(part, str) else part.plain()["text"] for part in sentence)


def moment_text(moment: datetime) -> str:
    """'Sat Nov 28, 2:00 PM EST'; a midnight is named by the day it ends.

    "Fri Dec 11, 12:00 AM" reads to many as the night after Friday; the
    moment is the one that ends Thursday, so it says so.
    """
    if (moment.hour, moment.minute) == (0, 0):
        ended = moment.date() - timedelta(days=1)
        return f"midnight at the end of {short_date(ended)} {moment.tzname()}"
    return f"{short_date(moment.date())}, {clock(moment)}"
