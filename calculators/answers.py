"""Answers as data: sentences made of text and dates, for a page or a terminal.

A sentence is a tuple of parts; a part is plain text or a date. The widget
turns date parts into ``<time datetime="YYYY-MM-DD">`` elements, the CLI into
words, so both print the very same sentence.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from calculators.text import short_date


@dataclass(frozen=True)
class DatePart:
    day: date

    def plain(self) -> dict[str, str]:
        return {"date": self.day.isoformat(), "text": short_date(self.day)}


Part = str | DatePart
Sentence = tuple[Part, ...]


def plain_sentence(sentence: Sentence) -> list[dict[str, str]]:
    return [part.plain() if isinstance(part, DatePart) else {"text": part} for part in sentence]


def words(sentence: Sentence) -> str:
    return "".join(short_date(p.day) if isinstance(p, DatePart) else p for p in sentence)
