"""Resolve place names at build time and check the policy's codes.

The destination calculator gets every country's name (ISO 3166-1, through
pycountry) and every other name shoppers type for a place ("UK", "Burma",
"Crimea") from here, through the policy data, so the browser needs no country
database of its own.
"""

from __future__ import annotations

import dataclasses
import functools
import json
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from importlib.metadata import version
from types import MappingProxyType

from calculators.destination import place_key
from calculators.policy import Destinations, PlaceAlias, Policy
from calculators.shape import PathProblem
from helpcenter.compress import cached

_AT = ("destinations",)

# Names shoppers type that ISO 3166-1 (and pycountry's official and common names)
# does not give, reviewed by hand: (name, ISO code). Matching ignores case,
# accents, full stops and a leading "the", and reads "St" as "Saint", so each
# name is listed once. A name that is another country's own name is never
# taken from it (see ``place_aliases``); keep a name out if it names two places.
COMMON_NAMES: tuple[tuple[str, str], ...] = (
    # The United Kingdom, by the nation or island shoppers live on.
    ("UK", "GB"),
    ("Britain", "GB"),
    ("Great Britain", "GB"),
    ("England", "GB"),
    ("Scotland", "GB"),
    ("Wales", "GB"),
    ("Northern Ireland", "GB"),
    ("United Kingdom of Great Britain and Northern Ireland", "GB"),
    # The United States ("US" is its code; "U.S.A." reads as "USA").
    ("USA", "US"),
    ("America", "US"),
    ("United States of America", "US"),
    # Former names still on maps and in address books.
    ("Burma", "MM"),
    ("Swaziland", "SZ"),
    ("East Timor", "TL"),
    ("Macedonia", "MK"),
    ("Czech Republic", "CZ"),
    ("Turkey", "TR"),
    ("Cape Verde", "CV"),
    ("Zaire", "CD"),
    # English names that ISO's short names put differently.
    ("Palestine", "PS"),
    ("Ivory Coast", "CI"),
    ("Holland", "NL"),
    ("South Korea", "KR"),
    ("Republic of Korea", "KR"),
    ("North Korea", "KP"),
    ("Russia", "RU"),
    ("Czechia", "CZ"),
    ("Vatican", "VA"),
    ("Vatican City", "VA"),
    ("Brunei", "BN"),
    ("Vietnam", "VN"),
    ("Laos", "LA"),
    ("Micronesia", "FM"),
    ("Democratic Republic of Congo", "CD"),
    ("DR Congo", "CD"),
    ("DRC", "CD"),
    ("Congo-Kinshasa", "CD"),
    ("Congo-Brazzaville", "CG"),
    ("Republic of Ireland", "IE"),
    ("Éire", "IE"),
    ("UAE", "AE"),
    ("Emirates", "AE"),
    ("Bosnia", "BA"),
    ("Macau", "MO"),
    ("Falklands", "FK"),
    ("Saint Martin", "MF"),
    ("Sint Maarten", "SX"),
    ("Bonaire", "BQ"),
    ("Saint Helena", "SH"),
    ("Caribbean Netherlands", "BQ"),
    # The US territories by their common short forms.
    ("US Virgin Islands", "VI"),
    ("USVI", "VI"),
    ("BVI", "VG"),
    ("Northern Marianas", "MP"),
    # What shoppers write in their own language on their address.
    ("Deutschland", "DE"),
    ("España", "ES"),
    ("Italia", "IT"),
    ("Österreich", "AT"),
    ("Schweiz", "CH"),
    ("Suisse", "CH"),
    ("Svizzera", "CH"),
    ("Nederland", "NL"),
    ("België", "BE"),
    ("Belgique", "BE"),
    ("Polska", "PL"),
    ("Sverige", "SE"),
    ("Norge", "NO"),
    ("Danmark", "DK"),
    ("Suomi", "FI"),
    ("Hellas", "GR"),
    ("Brasil", "BR"),
    ("Nippon", "JP"),
)


@dataclass(frozen=True)
class Country:
    """What the build uses of one of pycountry's countries."""

    alpha_2: str
    name: str
    official_name: str | None
    common_name: str | None


@dataclass(frozen=True)
class Iso:
    """pycountry's countries and regions (ISO 3166-1 and 3166-2), as the build uses them."""

    countries: tuple[Country, ...]
    regions: Mapping[str, str]  # lower-case code -> name, looked up as pycountry does

    def region_name(self, code: str) -> str | None:
        return self.regions.get(code.lower())  # case-insensitive, like pycountry's get


@functools.cache
def iso() -> Iso:
    """pycountry's data, kept in the build cache (helpcenter.compress) by its version:
    loading its regions (some 5,000) costs a sixth of a second a build."""

    def loaded() -> bytes:
        import pycountry  # here: only a build with nothing cached loads its databases

        countries = [
            [c.alpha_2, c.name, getattr(c, "official_name", None), getattr(c, "common_name", None)]
            for c in pycountry.countries
        ]
        regions = {s.code.lower(): s.name for s in pycountry.subdivisions}
        return json.dumps({"countries": countries, "regions": regions}).encode()

    key = json.dumps(["pycountry", version("pycountry")]).encode()
    data = json.loads(cached(key, "pycountry.json", loaded))
    countries = tuple(Country(*entry) for entry in data["countries"])
    return Iso(countries, MappingProxyType(data["regions"]))


def _name(country: Country) -> str:
    # "North Korea" reads better than "Korea, Democratic People's Republic of", and
    # "State of Palestine" better than the index form "Palestine, State of".
    name = country.common_name or country.name
    head, comma, tail = name.partition(", ")
    if comma and (tail.endswith((" of", " of the")) or tail in ("British", "U.S.")):
        name = f"{tail} {head}".removeprefix("The ")
    return name


def _iso_names() -> Iterator[tuple[str, str]]:
    """pycountry's names of each country: its index form, official and common name."""
    for country in iso().countries:
        for name in (country.name, country.official_name, country.common_name):
            if name:
                yield name, country.alpha_2


def _store_names(destinations: Destinations) -> Iterator[tuple[str, str]]:
    """Each restricted region by the store's name and ISO's; each restriction by the
    store's name ("Palestinian Territories"), which names its country."""
    for restriction in destinations.restricted:
        for region in restriction.regions:
            yield region.name, region.code
            iso_name = iso().region_name(region.code)
            if iso_name is not None:
                yield iso_name, region.code
        yield restriction.name, restriction.country


def place_aliases(destinations: Destinations, names: Mapping[str, str]) -> tuple[PlaceAlias, ...]:
    """Every other name for a place, by the first place that claims it.

    Countries' own names (``names``) claim theirs first, then the store's names,
    then ``COMMON_NAMES``, then pycountry's: "Georgia" stays the country even if a
    store restricts the US state of that name. A name that reads as one already
    claimed (same ``place_key``) adds nothing.
    """
    claimed = {place_key(name): code for code, name in names.items()}
    aliases = []
    candidates = [*_store_names(destinations), *COMMON_NAMES, *_iso_names()]
    for name, code in candidates:
        key = place_key(name)
        # Codes outside ``names`` are the policy's own mistakes, reported elsewhere.
        if not key or key in claimed or code.partition("-")[0] not in names:
            continue
        claimed[key] = code
        # The model takes names up to 100 characters; no place name comes close.
        aliases.append(PlaceAlias(name[:100], code))
    return tuple(aliases)


def _code_problem(path: tuple[str | int, ...], example: str, received: str) -> PathProblem:
    return PathProblem(
        "country-code",
        (*_AT, *path),
        f"Expected an ISO 3166-1 country code like {example} but received {received!r}.",
    )


def resolve_countries(policy: Policy) -> tuple[list[PathProblem], Policy]:
    names = {c.alpha_2: _name(c) for c in iso().countries}
    destinations = policy.destinations
    problems = []
    if destinations.home_country not in names:
        problems.append(_code_problem(("home_country",), "US", destinations.home_country))
    for i, code in enumerate(destinations.domestic):
        if code not in names:
            problems.append(_code_problem(("domestic", i), "PR", code))
    for i, restriction in enumerate(destinations.restricted):
        if restriction.country not in names:
            problems.append(_code_problem(("restricted", i, "country"), "CU", restriction.country))
        for j, region in enumerate(restriction.regions):
            if iso().region_name(region.code) is None:
                problems.append(
                    PathProblem(
                        "region-code",
                        (*_AT, "restricted", i, "regions", j, "code"),
                        (
                            f"Expected an ISO 3166-2 region code like UA-43 but received "
                            f"{region.code!r}."
                        ),
                    )
                )
    if problems:
        return problems, policy
    ordered = MappingProxyType(dict(sorted(names.items(), key=lambda item: item[1])))
    resolved = dataclasses.replace(
        destinations, country_names=ordered, aliases=place_aliases(destinations, ordered)
    )
    return [], dataclasses.replace(policy, destinations=resolved)
