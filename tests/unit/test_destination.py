"""Where the store ships, against the workshop's restricted places.

Workshop destinations (tests/fixtures/workshop/policy/destinations.yml): home US,
whole countries CU, IR, KP, SL, PS, SS, MM restricted; in UA only the regions
UA-43 (Crimea) and UA-40 (Sevastopol); duties paid by the buyer. Country names
come from ISO 3166-1 (pycountry), resolved when the fixture is loaded.
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

# (case, inputs, ships, international, restricted_name)
CASES = [
    # The home country: domestic, no customs.
    ("home country", {"country": "US"}, True, False, None),
    ("home country, empty region", {"country": "US", "region": ""}, True, False, None),
    # Not restricted and not home: international.
    ("abroad", {"country": "FR"}, True, True, None),
    # Whole countries, named the way the policy names them (not ISO's long names).
    ("whole country", {"country": "CU"}, False, True, "Cuba"),
    ("ISO calls it Korea, DPR", {"country": "KP"}, False, True, "North Korea"),
    ("ISO calls it Palestine", {"country": "PS"}, False, True, "Palestinian Territories"),
    # Ukraine without a region: it depends on the region (Crimea and Sevastopol are closed).
    ("country with closed regions", {"country": "UA"}, None, True, "Crimea"),
    ("closed region", {"country": "UA", "region": "UA-43"}, False, True, "Crimea"),
    ("second closed region", {"country": "UA", "region": "UA-40"}, False, True, "Sevastopol"),
]


@pytest.mark.parametrize(
    ("case", "inputs", "ships", "international", "restricted_name"),
    CASES,
    ids=[c[0] for c in CASES],
)
def test_verdicts(workshop, case, inputs, ships, international, restricted_name):
    data = destination.answer(workshop, inputs).data
    assert data == {
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
        [f"No, we do not ship to Crimea (Ukraine), because of {REASON}."],
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
        [
            (
                "country",
                "Expected a two-letter country code (ISO 3166-1) like FR but received 'XX'.",
            )
        ],
    ),
    (
        "a region of another country",
        {"country": "RU", "region": "UA-43"},
        [
            (
                "region",
                "Expected a region of Russian Federation, or none, but received 'UA-43' "
                "(Crimea, in Ukraine).",
            )
        ],
    ),
    (
        "a region that is not restricted",
        {"country": "UA", "region": "UA-30"},
        [("region", "Expected one of UA-43, UA-40 but received 'UA-30'.")],
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
        "data": {"ships": False, "international": True, "restricted_name": "Cuba"},
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
                "message": "Expected a region of Russian Federation, or none, but received "
                "'UA-40' (Sevastopol, in Ukraine).",
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
