"""Do you ship to my country? Restricted places, regions, and customs for international orders.

Rules (the Shipping page states them in words):
1. A restriction without regions closes the whole country.
2. A restriction with regions closes only those regions (ISO 3166-2 codes, like
   UA-43 for Crimea); the rest of the country is shipped to. Without a region the
   answer depends on where in the country the parcel goes.
3. A country other than the home country is international: import duties and
   taxes are not in the price and are paid by whom ``duties_paid_by`` says.
Country names come from ISO 3166-1, resolved at build time into
``destinations.country_names``, so the browser needs no country database.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from calculators.answers import Sentence
from calculators.forms import Field, Form, Option, options
from calculators.inputs import Answer, FormReader, InputProblem
from calculators.policy import Destinations, Policy, Region, Restriction
from calculators.text import in_sentence, join_words


@dataclass(frozen=True)
class Verdict:
    """Whether the store ships to ``country`` (and ``region``, if given)."""

    country: str  # ISO 3166-1 alpha-2
    region: str | None  # ISO 3166-2, only when the shopper named one
    ships: bool | None  # None: it depends on the region, and no region was given
    international: bool
    restricted_name: str | None  # the closed place, as shoppers name it
    excepted: tuple[Region, ...] = ()  # closed regions, when ``ships`` is None


def restrictions_of(destinations: Destinations, country: str) -> tuple[Restriction, ...]:
    return tuple(r for r in destinations.restricted if r.country == country)


def belongs_to(region: str, country: str) -> bool:
    # ISO 3166-2 codes start with the country's alpha-2 code and a hyphen.
    return region.startswith(country + "-")


def verdict(destinations: Destinations, country: str, region: str | None = None) -> Verdict:
    """Does the store ship to ``country`` (optionally to one ``region`` of it)?"""
    international = country != destinations.home_country
    restrictions = restrictions_of(destinations, country)
    whole = next((r for r in restrictions if not r.regions), None)
    if whole is not None:
        return Verdict(country, region, False, international, whole.name)
    closed = tuple(reg for r in restrictions for reg in r.regions)
    if region is not None:
        hit = next((reg for reg in closed if reg.code == region), None)
        if hit is not None:
            return Verdict(country, region, False, international, hit.name)
        return Verdict(country, region, True, international, None)
    if closed:
        name = join_words(r.name for r in restrictions)
        return Verdict(country, None, None, international, name, closed)
    return Verdict(country, None, True, international, None)


def form(policy: Policy) -> Form:
    destinations = policy.destinations
    names = destinations.country_names
    regions = [Option("", "Another region, or not sure")]
    regions += [
        Option(region.code, f"{region.name} ({names.get(r.country, r.country)})")
        for r in destinations.restricted
        for region in r.regions
    ]
    return Form(
        title="Do you ship to my country?",
        fields=(
            Field(
                "country",
                "Country the parcel goes to",
                "choice",
                options=options(names.items()),
                default=destinations.home_country,
            ),
            Field(
                "region",
                "Region",
                "choice",
                hint="Only some regions are restricted; choose yours if it is listed.",
                options=tuple(regions),
                optional=True,
            ),
        ),
        submit="Check the destination",
    )


def _read_country(read: FormReader, destinations: Destinations) -> str | None:
    value = read.inputs.get("country")
    if not isinstance(value, str) or value.strip() in destinations.country_names:
        return read.choice("country", destinations.country_names)  # or "Please fill this in."
    # The list of every country is too long to quote back.
    read.problems.append(
        InputProblem(
            "country",
            f"Expected a two-letter country code (ISO 3166-1) like FR but received {value!r}.",
        )
    )
    return None


def _read_region(read: FormReader, destinations: Destinations, country: str | None) -> str | None:
    value = read.inputs.get("region")
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    owners = {
        region.code: (r.country, region) for r in destinations.restricted for region in r.regions
    }
    code = read.choice("region", owners)
    if code is None or country is None or belongs_to(code, country):
        return code
    names = destinations.country_names
    owner, region = owners[code]
    read.problems.append(
        InputProblem(
            "region",
            (
                f"Expected a region of {names.get(country, country)}, or none, but received "
                f"{code!r} ({region.name}, in {names.get(owner, owner)})."
            ),
        )
    )
    return None


def customs_sentences(destinations: Destinations, country_name: str) -> tuple[Sentence, ...]:
    if destinations.duties_paid_by == "store":
        return (
            (
                f"Shipping to {country_name} is international, and we pay the import duties "
                "and taxes: nothing more to pay on delivery.",
            ),
        )
    return (
        (
            f"Shipping to {country_name} is international: import duties, taxes and charges "
            "are not included in the item price or the shipping cost; they vary from country "
            "to country and the buyer pays them.",
        ),
        ("Check with your country's customs office what they will be.",),
    )


def sentences(destinations: Destinations, result: Verdict) -> tuple[Sentence, ...]:
    names = destinations.country_names
    country_name = in_sentence(names.get(result.country, result.country))
    reason = destinations.restriction_reason
    if result.ships is False:
        assert result.restricted_name is not None  # a refusal names the closed place
        place = in_sentence(result.restricted_name)
        if result.region is not None:
            place = f"{place} ({country_name})"
        return ((f"No, we do not ship to {place}, because of {reason}.",),)
    customs = customs_sentences(destinations, country_name) if result.international else ()
    if result.ships is None:
        excepted = join_words(region.name for region in result.excepted)
        return (
            (f"We ship to {country_name} except {excepted}, because of {reason}.",),
            *customs,
        )
    if not result.international:
        return ((f"Yes, we ship to {country_name}: it is where we ship from.",),)
    return ((f"Yes, we ship to {country_name}.",), *customs)


def answer(policy: Policy, inputs: Mapping[str, object]) -> Answer:
    destinations = policy.destinations
    read = FormReader(inputs)
    country = _read_country(read, destinations)
    region = _read_region(read, destinations, country)
    country = read.checked(country)  # the region is optional: None when left out
    result = verdict(destinations, country, region)
    return Answer(
        data={
            "ships": result.ships,
            "international": result.international,
            "restricted_name": result.restricted_name,
        },
        sentences=sentences(destinations, result),
    )
