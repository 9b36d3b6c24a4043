"""Package data kept in the build cache reads back exactly as the package gives it.

python-holidays and pycountry answer the same for the same version and question;
the build keeps their answers (helpcenter.compress's cache folder) so a build
need not import every country's rules or load 5,000 regions each time.
"""

from __future__ import annotations

from datetime import date

import holidays
import pycountry
import pytest

from helpcenter import countries
from helpcenter.holidays import UnknownCountry, country_holidays


@pytest.fixture
def empty_cache(tmp_path, monkeypatch):
    monkeypatch.setenv("HELPCENTER_CACHE", str(tmp_path))
    countries.iso.cache_clear()
    yield tmp_path
    countries.iso.cache_clear()


def test_holidays_from_the_cache_are_the_packages(empty_cache):
    expected = dict(holidays.country_holidays("US", years=[2026, 2027]))
    cold = country_holidays("US", (2027, 2026))
    assert len(list(empty_cache.iterdir())) == 1  # kept
    warm = country_holidays("US", (2026, 2027))
    assert cold == warm == expected
    assert warm[date(2026, 12, 25)] == "Christmas Day"


def test_an_unknown_country_stays_unknown_from_the_cache(empty_cache):
    for _ in range(2):  # made, then read back
        with pytest.raises(UnknownCountry):
            country_holidays("XX", (2026,))


def test_countries_and_regions_from_the_cache_are_the_packages(empty_cache):
    for _ in range(2):  # made, then read back
        countries.iso.cache_clear()
        iso = countries.iso()
        assert [(c.alpha_2, c.name, c.common_name) for c in iso.countries] == [
            (c.alpha_2, c.name, getattr(c, "common_name", None)) for c in pycountry.countries
        ]
        assert len(iso.regions) == len(pycountry.subdivisions)
        # Looked up without regard to case, as pycountry's get(code=...) does.
        assert iso.region_name("ua-43") == iso.region_name("UA-43") == "Avtonomna Respublika Krym"
        assert iso.region_name("UA-99") is None
