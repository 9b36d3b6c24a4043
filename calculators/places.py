"""The destinations part of the policy (``destinations.yml``): where the store ships.

Declared here, and importable from ``calculators.policy`` (the one declaration
of the policy's shape) like the calendar and shipping parts.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from types import MappingProxyType
from typing import Annotated, Literal

from calculators.model import Problems, doc
from calculators.values import CountryCode


@dataclass(frozen=True)
class Region:
    code: str = doc("ISO 3166-2 code, like UA-43", max_length=6)
    name: str = doc("the region's name", max_length=100)


@dataclass(frozen=True)
class Restriction:
    country: Annotated[str, CountryCode] = doc("ISO 3166-1 alpha-2 code, like CU")
    name: str = doc("how shoppers name the place", max_length=100)
    regions: tuple[Region, ...] = doc(
        "only these regions; leave out for the whole country", (), max_items=100
    )

    def problems(self) -> Problems:
        if len(self.country) != 2 or not self.country.isupper():
            yield (
                "country-code",
                ("country",),
                f"Expected a two-letter country code like CU but received {self.country!r}.",
            )
        for i, region in enumerate(self.regions):
            if not region.code.startswith(self.country + "-"):
                yield (
                    "region-code",
                    ("regions", i, "code"),
                    (
                        f"Expected a region code of {self.country} (like {self.country}-43) "
                        f"but received {region.code!r}."
                    ),
                )


@dataclass(frozen=True)
class PlaceAlias:
    name: str = doc("a name shoppers type, like UK", max_length=100)
    code: str = doc("the ISO 3166 code it stands for, like GB or UA-43", max_length=6)


@dataclass(frozen=True)
class Destinations:
    home_country: Annotated[str, CountryCode] = doc(
        "where the store ships from; orders elsewhere are international"
    )
    # ISO 3166-1 has 249 countries: room for every one of them.
    restricted: tuple[Restriction, ...] = doc("places the store does not ship to", max_items=300)
    restriction_reason: str = doc("why, in one phrase")
    duties_paid_by: Literal["buyer", "store"] = doc("who pays import duties and taxes")
    domestic: tuple[Annotated[str, CountryCode], ...] = doc(
        "places with their own country code that ship as home (territories like PR)",
        (),
        max_items=50,
        max_length=3,
    )
    country_names: Mapping[Annotated[str, CountryCode], str] = doc(
        "filled at build time from ISO 3166-1 (pycountry); leave out",
        MappingProxyType({}),
        max_items=300,
        max_length=100,
    )
    # Other names shoppers type for a country or a restricted region ("UK",
    # "Burma", "Crimea"), with the ISO code each stands for.
    aliases: tuple[PlaceAlias, ...] = doc(
        "filled at build time: other names shoppers use for places; leave out",
        (),
        max_items=3000,
    )

    def problems(self) -> Problems:
        seen: dict[tuple[str, str], int] = {}
        for i, restriction in enumerate(self.restricted):
            for code in [r.code for r in restriction.regions] or [""]:
                key = (restriction.country, code)
                if key in seen:
                    yield (
                        "duplicate-place",
                        ("restricted", i),
                        f"{restriction.name} repeats restricted[{seen[key]}].",
                    )
                seen[key] = i
