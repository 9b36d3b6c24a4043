"""Words for people: country names inside sentences."""

from __future__ import annotations

import pytest

from calculators.text import in_sentence


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
