"""Words for people: country names inside sentences, clocks and time zones."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest

from calculators.text import clock, in_sentence, zone_words


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("France", "France"),
        ("United States", "the United States"),
        ("Netherlands", "the Netherlands"),
        ("Palestinian Territories", "the Palestinian Territories"),
        ("Democratic Republic of the Congo", "the Democratic Republic of the Congo"),
        ("Cayman Islands", "the Cayman Islands"),
        ("Ukraine", "Ukraine"),
    ],
)
def test_in_sentence(name, expected):
    assert in_sentence(name) == expected


# A 12-hour clock with no zone abbreviation (EST, EDT) and no offset: the zone is named
# beside it, by the name shoppers use.
@pytest.mark.parametrize(
    ("hour", "minute", "expected"),
    [
        (0, 5, "12:05 AM"),
        (9, 0, "9:00 AM"),
        (12, 0, "12:00 PM"),
        (14, 30, "2:30 PM"),
        (23, 59, "11:59 PM"),
    ],
)
def test_clock(hour, minute, expected):
    moment = datetime(2026, 11, 28, hour, minute, tzinfo=ZoneInfo("America/New_York"))
    assert clock(moment) == expected


@pytest.mark.parametrize(
    ("key", "name", "expected"),
    [
        ("America/New_York", "Eastern Time", "Eastern Time"),  # filled in by the build
        # A policy that never went through the build: its city, never the identifier.
        ("America/New_York", None, "New York time"),
        ("America/Argentina/Buenos_Aires", None, "Buenos Aires time"),
        ("UTC", None, "UTC time"),
    ],
)
def test_zone_words(key, name, expected):
    assert zone_words(key, name) == expected
