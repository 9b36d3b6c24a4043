"""Country names come from ISO 3166-1 (pycountry) at build time, in their reading order."""

from __future__ import annotations

import pytest


@pytest.mark.parametrize(
    ("code", "name"),
    [
        ("FR", "France"),
        ("KP", "North Korea"),  # pycountry's common name
        ("PS", "State of Palestine"),  # index form "Palestine, State of", turned round
        ("CD", "Democratic Republic of the Congo"),  # "Congo, The Democratic Republic of the"
        ("VG", "British Virgin Islands"),  # "Virgin Islands, British"
    ],
)
def test_country_names(workshop, code, name):
    assert workshop.destinations.country_names[code] == name
