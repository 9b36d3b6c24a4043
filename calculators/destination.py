"""Do you ship to my country? Restricted places, regions, and customs for international orders.

Rules (the Shipping page states them in words):
1. A restriction without regions closes the whole country.
2. A restriction with regions closes only those regions (ISO 3166-2 codes, like
   UA-43 for Crimea); the rest of the country is shipped to. Without a region the
   answer depends on where in the country the parcel goes.
3. A country other than the home country is international: import duties and
   taxes are not in the price and are paid by whom ``duties_paid_by`` says;
   except the places ``domestic`` lists (territories like PR, with their own
   code), which ship as home does.
Country names come from ISO 3166-1, resolved at build time into
``destinations.country_names``, and the other names shoppers type ("UK",
"Burma", "Crimea") into ``destinations.aliases``, so the browser needs no
country database. The country field takes a code or any of those names; a
restricted region's name ("Crimea") names the region and its country at once.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass

from calculators.answers import Sentence
from calculators.forms import Field, Form, Option, options
from calculators.inputs import EMPTY, Answer, FormReader, InputProblem
from calculators.policy import Destinations, Policy, Region, Restriction
from calculators.text import in_sentence, join_words


@dataclass(frozen=True)
class Verdict:
    """Whether the store ships to ``country`` (and ``region``, if given)."""

    country: str  # ISO 3166-1 alpha-2
    region: str | None  # ISO 3166-2: the region the answer is about, if the shopper named one
    ships: bool | None  # None: it depends on the region, and no region was given
    international: bool  # False at home and in the places that ship as home
    restricted_name: str | None  # the closed place, as shoppers name it
    excepted: tuple[Region, ...] = ()  # closed regions, when ``ships`` is None


def restrictions_of(destinations: Destinations, country: str) -> tuple[Restriction, ...]:
    return tuple(r for r in destinations.restricted if r.country == country)


def belongs_to(region: str, country: str) -> bool:
    # ISO 3166-2 codes start with the country's alpha-2 code and a hyphen.
    return region.startswith(country + "-")


def is_international(destinations: Destinations, country: str) -> bool:
    return country != destinations.home_country and country not in destinations.domestic


def verdict(destinations: Destinations, country: str, region: str | None = None) -> Verdict:
    """Does the store ship to ``country`` (optionally to one ``region`` of it)?"""
    international = is_international(destinations, country)
    restrictions = restrictions_of(destinations, country)
    whole = next((r for r in restrictions if not r.regions), None)
    if whole is not None:  # closed whatever the region: the answer names the country
        return Verdict(country, None, False, international, whole.name)
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
                # combobox.js makes the list searchable by name and by other names.
                hint="Type its name, or another name for it like UK or Deutschland, and choose it "
                "from the list.",
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


# -- names shoppers type -------------------------------------------------------------


def place_key(text: str) -> str:
    """A typed place name as it is compared: "Côte d'Ivoire", "cote divoire" and "THE
    Côte-d'Ivoire" are one key; so are "St Lucia" and "Saint Lucia". combobox.js
    (``placeKey``) computes the very same key in the browser: change both together."""
    lowered = unicodedata.normalize("NFKD", text.lower())
    kept = "".join(
        ""
        if ch in "'’." or unicodedata.category(ch).startswith("M")  # U+2019: ’
        else ch
        if ch.isalnum()
        else " "
        for ch in lowered
    )
    words = kept.split()
    if words[:1] == ["the"]:
        words = words[1:]
    return " ".join("saint" if word == "st" else word for word in words)


# place_index by the Destinations it was made from: ~37,000 keys for every world
# country and alias, 7 ms to build, and the same for every answer of a policy. The
# entry holds the Destinations itself, so its id is never reused while cached.
_INDEXES: dict[int, tuple[Destinations, dict[str, str]]] = {}
_INDEXES_KEPT = 4  # a build or a test may hold a few policies; a browser holds one


def place_index(destinations: Destinations) -> dict[str, str]:
    """Key (``place_key``) -> ISO code, for every code, name and alias a shopper may type.

    Codes first, then ISO names, then aliases: a key taken stays with what took it,
    so an alias never hides a country's own name or code. Made once per Destinations."""
    cached = _INDEXES.get(id(destinations))
    if cached is not None and cached[0] is destinations:
        return cached[1]
    if len(_INDEXES) >= _INDEXES_KEPT:
        _INDEXES.clear()
    entry = _INDEXES[id(destinations)] = (destinations, _place_index(destinations))
    return entry[1]


def _place_index(destinations: Destinations) -> dict[str, str]:
    index: dict[str, str] = {}
    regions = [region.code for r in destinations.restricted for region in r.regions]
    for code in [*destinations.country_names, *regions]:
        index.setdefault(place_key(code), code)
    for code, name in destinations.country_names.items():
        index.setdefault(place_key(name), code)
    for alias in destinations.aliases:
        index.setdefault(place_key(alias.name), alias.code)
    return index


def find_place(destinations: Destinations, text: str) -> str | None:
    """The country (or restricted region) code ``text`` names, in any case and with or
    without accents, or None. Whole names only: "Ukr" is no place."""
    return place_index(destinations).get(place_key(text)) if text.strip() else None


# What a place name looks like, quoted back in a problem: letters of any script, digits,
# spaces, . , & - ’ and an apostrophe inside a word ("Côte d'Ivoire"). Anything else
# (markup, control characters, a page of text) is not worth repeating to the shopper.
_NAME_LIKE = re.compile(r"(?:[^\W_]|[ .,&\u2019-]|(?<=[^\W\d_])'(?=[^\W\d_])){1,60}")


def _read_place(read: FormReader, destinations: Destinations) -> str | None:
    """The "country" field: a country code, or a name or alias of a country or region."""
    value = read.inputs.get("country")
    if value is None or (isinstance(value, str) and not value.strip()):
        read.problems.append(InputProblem("country", EMPTY))
        return None
    code = find_place(destinations, value) if isinstance(value, str) else None
    if code is None:
        # Typed into the page's searchable list without choosing, or given to the
        # CLI. The list of every country is too long to quote back.
        typed = value.strip() if isinstance(value, str) else ""
        called = f"called \u201c{typed}\u201d" if _NAME_LIKE.fullmatch(typed) else "by that name"
        read.problems.append(
            InputProblem(
                "country",
                f"We found no country {called}: please choose it from the list, "
                "or type its name or its two-letter code, like FR.",
            )
        )
    return code


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
    # The page offers only the chosen country's regions; the CLI takes any.
    names = destinations.country_names
    owner, region = owners[code]
    chosen = in_sentence(names.get(country, country))
    read.problems.append(
        InputProblem(
            "region",
            f"{region.name} is in {in_sentence(names.get(owner, owner))}, not in {chosen}: "
            f"please choose a region of {chosen}, or none.",
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
            # Found by its own name ("Crimea"), a region says whose it is.
            place = f"{place} (a region of {country_name})"
        return ((f"No, we do not ship to {place}, because of {reason}.",),)
    customs = customs_sentences(destinations, country_name) if result.international else ()
    if result.ships is None:
        excepted = join_words(region.name for region in result.excepted)
        return (
            (f"We ship to {country_name} except {excepted}, because of {reason}.",),
            *customs,
        )
    home = destinations.home_country
    if not result.international and result.country != home:
        # A territory with its own code (Puerto Rico): shoppers there expect
        # customs, and are told there are none, without a word on local taxes.
        home_name = in_sentence(names.get(home, home))
        return (
            (
                f"Yes, we ship to {country_name}. We ship there as within {home_name}: "
                "it is not an international order.",
            ),
        )
    if not result.international:
        return ((f"Yes, we ship to {country_name}: it is where we ship from.",),)
    return ((f"Yes, we ship to {country_name}.",), *customs)


def answer(policy: Policy, inputs: Mapping[str, object]) -> Answer:
    destinations = policy.destinations
    read = FormReader(inputs)
    place = _read_place(read, destinations)
    country = place.partition("-")[0] if place is not None else None
    # A region chosen in its own field wins over one named in the country field.
    region = _read_region(read, destinations, country)
    if region is None and place is not None and place != country:
        region = place
    country = read.checked(country)  # the region is optional: None when left out
    result = verdict(destinations, country, region)
    return Answer(
        data={
            "country": result.country,
            "region": result.region,
            "ships": result.ships,
            "international": result.international,
            "restricted_name": result.restricted_name,
        },
        sentences=sentences(destinations, result),
    )
