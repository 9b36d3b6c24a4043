"""Answers as JSON parts: dates carry their year only when an answer spans two years."""

from __future__ import annotations

from datetime import date, datetime
from zoneinfo import ZoneInfo

from calculators.answers import DatePart, MomentPart, plain_sentences

NEW_YORK = ZoneInfo("America/New_York")


def test_one_year_no_year_shown():
    sentences = (("Ships ", DatePart(date(2026, 12, 2)), "."),)
    assert plain_sentences(sentences) == [
        [{"text": "Ships "}, {"date": "2026-12-02", "text": "Wed Dec 2"}, {"text": "."}]
    ]


def test_two_years_every_date_shows_its_year():
    # Dec 30, 2026 is a Wednesday; Jan 30, 2027 a Saturday; 00:00 on Dec 31 ends Wed Dec 30.
    sentences = (
        ("Report by ", DatePart(date(2026, 12, 30)), "."),
        ("Claim until ", DatePart(date(2027, 1, 30)), "."),
        ("Order before ", MomentPart(datetime(2026, 12, 31, 0, 0, tzinfo=NEW_YORK)), "."),
    )
    assert [[part["text"] for part in s] for s in plain_sentences(sentences)] == [
        ["Report by ", "Wed Dec 30, 2026", "."],
        ["Claim until ", "Sat Jan 30, 2027", "."],
        ["Order before ", "midnight at the end of Wed Dec 30, 2026 EST", "."],
    ]
