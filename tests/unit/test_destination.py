"""Where the store ships, against the workshop's restricted places.

Workshop destinations (tests/fixtures/workshop/policy/destinations.yml): home US,
whole countries CU, IR, KP, SL, PS, SS, MM restricted; in UA only the regions
UA-43 (Crimea) and UA-40 (Sevastopol); duties paid by the buyer; no place ships
as domestic (tests that need one add it). Country names come from ISO 3166-1
(pycountry) and the other names from helpcenter.countries, both resolved when the
fixture is loaded.
"""

from __future__ import annotations

import dataclasses
import json

import pytest
from hypothesis import given
from hypothesis import strategies as st

from calculators import destination, web
from calculators.answers import words
from calculators.inputs import InputError

REASON = "adverse politics and/or pandemic status"
CHOOSE = "please choose it from the list, or type its name or its two-letter code, like FR."

# (case, inputs, region, ships, international, restricted_name)
CASES = [
    # The home country: domestic, no customs.
    ("home country", {"country": "US"}, None, True, False, None),
    ("home country, empty region", {"country": "US", "region": ""}, None, True, False, None),
    # Not restricted and not home: international.
    ("abroad", {"country": "FR"}, None, True, True, None),
    # Whole countries, named the way the policy names them (not ISO's long names).
    ("whole country", {"country": "CU"}, None, False, True, "Cuba"),
    ("ISO calls it Korea, DPR", {"country": "KP"}, None, False, True, "North Korea"),
    ("ISO calls it Palestine", {"country": "PS"}, None, False, True, "Palestinian Territories"),
    # Ukraine without a region: it depends on the region (Crimea and Sevastopol are closed).
    ("country with closed regions", {"country": "UA"}, None, None, True, "Crimea"),
    ("closed region", {"country": "UA", "region": "UA-43"}, "UA-43", False, True, "Crimea"),
    (
        "second closed region",
        {"country": "UA", "region": "UA-40"},
        "UA-40",
        False,
        True,
        "Sevastopol",
    ),
    # A region named in the country field, by its own name: the region and its country.
    ("region by its name", {"country": "Crimea"}, "UA-43", False, True, "Crimea"),
    # A region chosen in its own field wins over one named in the country field.
    (
        "region field wins",
        {"country": "Crimea", "region": "UA-40"},
        "UA-40",
        False,
        True,
        "Sevastopol",
    ),
]


@pytest.mark.parametrize(
    ("case", "inputs", "region", "ships", "international", "restricted_name"),
    CASES,
    ids=[c[0] for c in CASES],
)
def test_verdicts(workshop, case, inputs, region, ships, international, restricted_name):
    data = destination.answer(workshop, inputs).data
    assert data == {
        "country": inputs["country"] if len(inputs["country"]) == 2 else "UA",
        "region": region,
        "ships": ships,
        "international": international,
        "restricted_name": restricted_name,
    }


SENTENCES = [
    ("home", {"country": "US"}, ["Yes, we ship to the United States: it is where we ship from."]),
    (
        "abroad: the customs notice",
        {"country": "FR"},
        [
            "Yes, we ship to France.",
            "Shipping to France is international: import duties, taxes and charges are not "
            "included in the item price or the shipping cost; they vary from country to country "
            "and the buyer pays them.",
            "Check with your country's customs office what they will be.",
        ],
    ),
    ("restricted", {"country": "CU"}, [f"No, we do not ship to Cuba, because of {REASON}."]),
    (
        "Ukraine except two regions",
        {"country": "UA"},
        [
            f"We ship to Ukraine except Crimea and Sevastopol, because of {REASON}.",
            "Shipping to Ukraine is international: import duties, taxes and charges are not "
            "included in the item price or the shipping cost; they vary from country to country "
            "and the buyer pays them.",
            "Check with your country's customs office what they will be.",
        ],
    ),
    (
        "Crimea",
        {"country": "UA", "region": "UA-43"},
        [f"No, we do not ship to Crimea (a region of Ukraine), because of {REASON}."],
    ),
]


@pytest.mark.parametrize(("case", "inputs", "expected"), SENTENCES, ids=[c[0] for c in SENTENCES])
def test_sentences(workshop, case, inputs, expected):
    assert [words(s) for s in destination.answer(workshop, inputs).sentences] == expected


def test_duties_paid_by_the_store(workshop):
    store_pays = dataclasses.replace(workshop.destinations, duties_paid_by="store")
    policy = dataclasses.replace(workshop, destinations=store_pays)
    said = [words(s) for s in destination.answer(policy, {"country": "FR"}).sentences]
    assert said == [
        "Yes, we ship to France.",
        "Shipping to France is international, and we pay the import duties and taxes: "
        "nothing more to pay on delivery.",
    ]


PROBLEMS = [
    ("nothing given", {}, [("country", "Please fill this in.")]),
    (
        "unknown country code",
        {"country": "XX"},
        [("country", f"We found no country called “XX”: {CHOOSE}")],
    ),
    # Typed into the page's list and never chosen: a name is whole or it is none.
    (
        "a name cut short",
        {"country": "Ukr"},
        [("country", f"We found no country called “Ukr”: {CHOOSE}")],
    ),
    ("not text", {"country": 7}, [("country", f"We found no country by that name: {CHOOSE}")]),
    # Quoted back only when it reads as a name: not markup, not a page of text.
    (
        "markup",
        {"country": "<b>x</b>"},
        [("country", f"We found no country by that name: {CHOOSE}")],
    ),
    ("long", {"country": "x" * 61}, [("country", f"We found no country by that name: {CHOOSE}")]),
    (
        "an apostrophe in a word",
        {"country": "Cote d'Azur"},
        [("country", f"We found no country called “Cote d'Azur”: {CHOOSE}")],
    ),
    ("blank", {"country": "  "}, [("country", "Please fill this in.")]),
    (
        "a region of another country",
        {"country": "RU", "region": "UA-43"},
        [
            (
                "region",
                "Crimea is in Ukraine, not in the Russian Federation: please choose a region of "
                "the Russian Federation, or none.",
            )
        ],
    ),
    (
        "a region that is not restricted",
        {"country": "UA", "region": "UA-30"},
        [("region", "Please choose one of these: UA-43 or UA-40.")],
    ),
]


@pytest.mark.parametrize(("case", "inputs", "expected"), PROBLEMS, ids=[c[0] for c in PROBLEMS])
def test_input_problems(workshop, case, inputs, expected):
    with pytest.raises(InputError) as caught:
        destination.answer(workshop, inputs)
    assert [(p.field, p.message) for p in caught.value.problems] == expected


def test_web_answer(workshop):
    reply = json.loads(web.answer(workshop, "destination", json.dumps({"country": "CU"})))
    assert reply == {
        "ok": True,
        "data": {
            "country": "CU",
            "region": None,
            "ships": False,
            "international": True,
            "restricted_name": "Cuba",
        },
        "sentences": [[{"text": f"No, we do not ship to Cuba, because of {REASON}."}]],
    }


def test_web_problems_are_data_not_exceptions(workshop):
    inputs = json.dumps({"country": "RU", "region": "UA-40"})
    reply = json.loads(web.answer(workshop, "destination", inputs))
    assert reply == {
        "ok": False,
        "problems": [
            {
                "field": "region",
                "message": "Sevastopol is in Ukraine, not in the Russian Federation: please "
                "choose a region of the Russian Federation, or none.",
            }
        ],
    }


def test_form_offers_every_country_and_the_restricted_regions(workshop):
    country, region = destination.form(workshop).fields
    assert len(country.options) == len(workshop.destinations.country_names) > 240
    assert country.default == "US"
    assert [(o.value, o.label) for o in region.options] == [
        ("", "Another region, or not sure"),
        ("UA-43", "Crimea (Ukraine)"),
        ("UA-40", "Sevastopol (Ukraine)"),
    ]
    assert region.optional


# -- names shoppers type ------------------------------------------------------------------

CUSTOMS = (
    "Shipping to {} is international: import duties, taxes and charges are not included in "
    "the item price or the shipping cost; they vary from country to country and the buyer "
    "pays them."
)
CHECK = "Check with your country's customs office what they will be."


def abroad(name: str) -> list[str]:
    """The answer for a country that is open and international, named ``name`` in it."""
    return [f"Yes, we ship to {name}.", CUSTOMS.format(name), CHECK]


def closed(place: str) -> list[str]:
    return [f"No, we do not ship to {place}, because of {REASON}."]


HOME = ["Yes, we ship to the United States: it is where we ship from."]

# (typed, the place it names, the answer word for word). The tester's cases first: a
# native list picked Ukraine for "UK", Croatia for "Crimea", Palau for "Palestine" and
# the US Minor Outlying Islands for "usa".
TYPED = [
    ("UK", "GB", abroad("the United Kingdom")),
    ("Crimea", "UA-43", closed("Crimea (a region of Ukraine)")),
    ("Palestine", "PS", closed("the Palestinian Territories")),
    ("usa", "US", HOME),
    # Case, accents, full stops, apostrophes, a leading "the" and "St" do not matter.
    ("  england ", "GB", abroad("the United Kingdom")),
    ("U.S.A.", "US", HOME),
    ("burma", "MM", closed("Myanmar")),
    ("SEVASTOPOL", "UA-40", closed("Sevastopol (a region of Ukraine)")),
    # ISO's own name of the region, as on Ukrainian addresses.
    ("Avtonomna Respublika Krym", "UA-43", closed("Crimea (a region of Ukraine)")),
    ("ivory coast", "CI", abroad("Côte d'Ivoire")),
    ("Cote d’Ivoire", "CI", abroad("Côte d'Ivoire")),
    ("Holland", "NL", abroad("the Netherlands")),
    ("the Gambia", "GM", abroad("the Gambia")),
    ("St Lucia", "LC", abroad("Saint Lucia")),
    ("Deutschland", "DE", abroad("Germany")),
    ("Russia", "RU", abroad("the Russian Federation")),
    ("south korea", "KR", abroad("South Korea")),
    ("North Korea", "KP", closed("North Korea")),
    ("Czech Republic", "CZ", abroad("Czechia")),
    ("Macedonia", "MK", abroad("North Macedonia")),
    ("Swaziland", "SZ", abroad("Eswatini")),
    ("East Timor", "TL", abroad("Timor-Leste")),
    # A code in any case; ISO's official and index names.
    ("fr", "FR", abroad("France")),
    ("Republic of Myanmar", "MM", closed("Myanmar")),
    ("Korea, Republic of", "KR", abroad("South Korea")),
]


@pytest.mark.parametrize(("typed", "code", "expected"), TYPED, ids=[t[0] for t in TYPED])
def test_typed_names(workshop, typed, code, expected):
    assert destination.find_place(workshop.destinations, typed) == code
    said = destination.answer(workshop, {"country": typed, "region": ""})
    assert [words(s) for s in said.sentences] == expected
    assert (said.data["country"], said.data["region"]) == (code[:2], code if "-" in code else None)


@pytest.mark.parametrize(
    ("typed", "key"),
    [
        ("Côte d'Ivoire", "cote divoire"),
        ("  THE  Bahamas ", "bahamas"),
        ("St. Kitts & Nevis", "saint kitts nevis"),
        ("Guinea-Bissau", "guinea bissau"),
        ("U.S.A.", "usa"),
        ("Åland Islands", "aland islands"),
        # Any script: its letters in lower case, without their marks (ї is і with two dots).
        ("Україна", "укра\u0456на"),
    ],
)
def test_place_key(typed, key):
    assert destination.place_key(typed) == key


# -- places that ship as home --------------------------------------------------------------


@pytest.fixture
def with_territories(workshop):
    """The workshop shipping to the US territories as at home, as both stores do."""
    places = dataclasses.replace(workshop.destinations, domestic=("PR", "GU", "VI", "AS", "MP"))
    return dataclasses.replace(workshop, destinations=places)


@pytest.mark.parametrize(
    ("typed", "name"),
    [
        ("PR", "Puerto Rico"),
        ("Puerto Rico", "Puerto Rico"),
        ("guam", "Guam"),
        ("US Virgin Islands", "the U.S. Virgin Islands"),
        ("American Samoa", "American Samoa"),
        ("Northern Mariana Islands", "the Northern Mariana Islands"),
    ],
)
def test_a_territory_ships_as_home_without_customs(with_territories, typed, name):
    said = destination.answer(with_territories, {"country": typed})
    assert said.data["international"] is False and said.data["ships"] is True
    assert [words(s) for s in said.sentences] == [
        f"Yes, we ship to {name}. We ship there as within the United States: "
        "it is not an international order."
    ]


def test_a_territory_not_listed_is_international(workshop):
    said = destination.answer(workshop, {"country": "Puerto Rico"})
    assert said.data["international"] is True
    assert [words(s) for s in said.sentences] == [
        "Yes, we ship to Puerto Rico.",
        CUSTOMS.format("Puerto Rico"),
        CHECK,
    ]


# -- regions, by country -----------------------------------------------------------------


def test_each_region_option_names_its_country(workshop):
    """combobox.js offers a region only for its country, read from the option's value
    (an ISO 3166-2 code starts with its country's): the form needs no other field."""
    _, region = destination.form(workshop).fields
    owners = {r.code: c.country for c in workshop.destinations.restricted for r in c.regions}
    assert {o.value: o.value.partition("-")[0] for o in region.options if o.value} == owners


# -- properties ---------------------------------------------------------------------------


@given(data=st.data())
def test_a_restricted_country_never_ships(workshop, data):
    places = workshop.destinations
    whole = [r.country for r in places.restricted if not r.regions]
    country = data.draw(st.sampled_from(whole))
    region = data.draw(st.sampled_from([None, *(f"{country}-{n:02d}" for n in range(1, 50))]))
    assert destination.verdict(places, country, region).ships is False


@given(data=st.data())
def test_a_restricted_region_never_ships_and_the_rest_of_its_country_does(workshop, data):
    places = workshop.destinations
    restriction = data.draw(st.sampled_from([r for r in places.restricted if r.regions]))
    closed = data.draw(st.sampled_from(restriction.regions))
    assert destination.verdict(places, restriction.country, closed.code).ships is False
    other = f"{restriction.country}-{data.draw(st.integers(1, 99)):02d}"
    expected = other not in {r.code for r in restriction.regions}
    assert destination.verdict(places, restriction.country, other).ships is expected


@given(data=st.data())
def test_an_unrestricted_country_always_ships(workshop, data):
    places = workshop.destinations
    restricted = {r.country for r in places.restricted}
    country = data.draw(st.sampled_from(sorted(set(places.country_names) - restricted)))
    result = destination.verdict(places, country)
    assert result.ships is True
    assert result.international is (country != "US")
