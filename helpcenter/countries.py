"""Resolve country names (ISO 3166-1) at build time and check the policy's codes.

The destination calculator gets every country's name from here, through the
policy data, so the browser needs no country database of its own.
"""

from __future__ import annotations

import dataclasses
from types import MappingProxyType

import pycountry

from calculators.policy import Policy
from calculators.shape import PathProblem

_AT = ("destinations",)


def _name(country: pycountry.db.Country) -> str:
    # "North Korea" reads better than "Korea, Democratic People's Republic of", and
    # "State of Palestine" better than the index form "Palestine, State of".
    name = getattr(country, "common_name", None) or country.name
    head, comma, tail = name.partition(", ")
    if comma and (tail.endswith((" of", " of the")) or tail in ("British", "U.S.")):
        name = f"{tail} {head}".removeprefix("The ")
    return name


def resolve_countries(policy: Policy) -> tuple[list[PathProblem], Policy]:
    names = {c.alpha_2: _name(c) for c in pycountry.countries}
    destinations = policy.destinations
    problems = []
    if destinations.home_country not in names:
        problems.append(
            PathProblem(
                "country-code",
                (*_AT, "home_country"),
                (
                    f"Expected an ISO 3166-1 country code like US but received "
                    f"{destinations.home_country!r}."
                ),
            )
        )
    for i, restriction in enumerate(destinations.restricted):
        if restriction.country not in names:
            problems.append(
                PathProblem(
                    "country-code",
                    (*_AT, "restricted", i, "country"),
                    (
                        f"Expected an ISO 3166-1 country code like CU but received "
                        f"{restriction.country!r}."
                    ),
                )
            )
        for j, region in enumerate(restriction.regions):
            if pycountry.subdivisions.get(code=region.code) is None:
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
    resolved = dataclasses.replace(destinations, country_names=ordered)
    return [], dataclasses.replace(policy, destinations=resolved)
