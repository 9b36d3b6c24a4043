"""Answers as JSON parts: dates carry their year only when an answer spans two years;
moments read as a wall clock with the zone's name; addresses are parts of their own."""

from __future__ import annotations

from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo

import pytest

from calculators.answers import DatePart, EmailPart, MomentPart, moment_text, plain_sentences, words

NEW_YORK = ZoneInfo("America/New_York")
EASTERN = "Eastern Time"


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
    assert [[part["text"] for part in s] for s in plain_sentences(sentences, EASTERN)] == [
        ["Report by ", "Wed Dec 30, 2026", "."],
        ["Claim until ", "Sat Jan 30, 2027", "."],
        ["Order before ", "midnight Eastern Time at the end of Wed Dec 30, 2026", "."],
    ]


# (moment in New York, its words). Derived from a calendar: Nov 28, 2026 is a Saturday;
# Nov 1, 2026 a Sunday, when 01:00-01:59 is shown twice (EDT, then EST after 2:00 EDT).
MOMENTS = [
    (datetime(2026, 11, 28, 14, 0, tzinfo=NEW_YORK), "2:00 PM Eastern Time on Sat Nov 28"),
    (datetime(2026, 11, 28, 12, 5, tzinfo=NEW_YORK), "12:05 PM Eastern Time on Sat Nov 28"),
    (datetime(2026, 11, 28, 0, 30, tzinfo=NEW_YORK), "12:30 AM Eastern Time on Sat Nov 28"),
    # A midnight is the end of the day before it.
    (
        datetime(2026, 12, 11, 0, 0, tzinfo=NEW_YORK),
        "midnight Eastern Time at the end of Thu Dec 10",
    ),
    # 05:30Z is 01:30 EDT, the first time; 06:30Z is 01:30 EST, the second.
    (
        datetime(2026, 11, 1, 5, 30, tzinfo=UTC).astimezone(NEW_YORK),
        "1:30 AM Eastern Time on Sun Nov 1, before the clocks go back",
    ),
    (
        datetime(2026, 11, 1, 6, 30, tzinfo=UTC).astimezone(NEW_YORK),
        "1:30 AM Eastern Time on Sun Nov 1, after the clocks go back",
    ),
    # 02:30 does not repeat that night: no words about the clocks.
    (datetime(2026, 11, 1, 2, 30, tzinfo=NEW_YORK), "2:30 AM Eastern Time on Sun Nov 1"),
]


@pytest.mark.parametrize(("moment", "expected"), MOMENTS, ids=[m[1] for m in MOMENTS])
def test_moment_words(moment, expected):
    assert moment_text(moment, zone_name=EASTERN) == expected


def test_a_moment_has_no_offset_or_zone_abbreviation_in_its_words():
    moment = datetime(2026, 6, 2, 14, 0, tzinfo=NEW_YORK)
    (sentence,) = plain_sentences((("By ", MomentPart(moment), "."),), EASTERN)
    assert sentence[1] == {
        "datetime": "2026-06-02T14:00-04:00",  # for the machine: <time datetime="...">
        "text": "2:00 PM Eastern Time on Tue Jun 2",
    }


def test_only_the_first_moment_of_a_sentence_names_the_zone():
    first = datetime(2026, 12, 9, 10, 0, tzinfo=NEW_YORK)
    second = datetime(2026, 12, 5, 10, 0, tzinfo=NEW_YORK)
    third = datetime(2026, 12, 10, 15, 0, tzinfo=NEW_YORK)
    sentences = (
        ("By ", MomentPart(first), " (after ", MomentPart(second), "), or ", MomentPart(third)),
        ("Then ", MomentPart(third), "."),
    )
    assert [words(s, EASTERN) for s in sentences] == [
        "By 10:00 AM Eastern Time on Wed Dec 9 (after 10:00 AM on Sat Dec 5), or "
        "3:00 PM on Thu Dec 10",
        "Then 3:00 PM Eastern Time on Thu Dec 10.",
    ]


def test_an_email_part_is_a_link_on_the_page_and_the_address_in_a_terminal():
    sentence = ("Write to ", EmailPart("help@workshop.test"), ".")
    assert plain_sentences((sentence,)) == [
        [
            {"text": "Write to "},
            {"email": "help@workshop.test", "text": "help@workshop.test"},
            {"text": "."},
        ]
    ]
    assert words(sentence) == "Write to help@workshop.test."
