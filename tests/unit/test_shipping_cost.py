"""The shipping-cost calculator against fees worked out by hand.

Workshop fees (tests/fixtures/workshop/policy/shipping.yml): Standard $6.99 for
subtotals from $0 up to (not including) $59.00, free from $59.00; Expedited
$16.99 at any subtotal.
"""

from __future__ import annotations

import dataclasses
import json

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from calculators import shipping_cost, web
from calculators.answers import words
from calculators.policy import FeeTier, Policy
from calculators.values import Money

M = Money.parse

# (case, method, subtotal, fee, total, free, free_from, short_by)
CASES = [
    # An empty cart is in the first tier: 0 + 6.99 = 6.99; 59.00 - 0 = 59.00 to go.
    ("nothing yet", "standard", "0", "6.99", "6.99", False, "59.00", "59.00"),
    # 46.99 + 6.99 = 53.98; 59.00 - 46.99 = 12.01 to go.
    ("below the threshold", "standard", "46.99", "6.99", "53.98", False, "59.00", "12.01"),
    # 58.99 + 6.99 = 65.98; one cent short of 59.00.
    ("a cent below", "standard", "58.99", "6.99", "65.98", False, "59.00", "0.01"),
    # Tiers include subtotal_from: 59.00 itself is in the free tier. 59.00 + 0 = 59.00.
    ("the threshold itself", "standard", "59", "0.00", "59.00", True, "59.00", None),
    ("a cent above", "standard", "59.01", "0.00", "59.01", True, "59.00", None),
    ("far above", "standard", "1234.56", "0.00", "1234.56", True, "59.00", None),
    # Expedited has one tier, never free: 12.00 + 16.99 = 28.99; 100 + 16.99 = 116.99.
    ("expedited, small order", "expedited", "12", "16.99", "28.99", False, None, None),
    ("expedited, large order", "expedited", "100", "16.99", "116.99", False, None, None),
]


@pytest.mark.parametrize(
    ("case", "method", "subtotal", "fee", "total", "free", "free_from", "short_by"),
    CASES,
    ids=[c[0] for c in CASES],
)
def test_workshop_costs(workshop, case, method, subtotal, fee, total, free, free_from, short_by):
    cost = shipping_cost.shipping_cost(workshop, method, M(subtotal))
    assert cost.fee == M(fee)
    assert cost.total == M(total)
    assert cost.free is free
    assert (None if cost.free_tier is None else cost.free_tier.subtotal_from.dump()) == free_from
    assert (None if cost.short_by is None else cost.short_by.dump()) == short_by


# (case, method, subtotal, expected sentences). Money reads "$59" for whole dollars.
SENTENCES = [
    (
        "below the threshold",
        "standard",
        "46.99",
        [
            "Standard costs $6.99 on a subtotal of $46.99: $53.98 in all.",
            "Add $12.01 more to ship free with Standard: subtotals of $59 or more ship free, "
            "$59 itself included.",
        ],
    ),
    (
        "the threshold itself",
        "standard",
        "59.00",
        [
            "Standard is free on a subtotal of $59: $59 in all.",
            "With Standard, subtotals of $59 or more ship free, $59 itself included.",
        ],
    ),
    (
        "never free",
        "expedited",
        "12",
        [
            "Expedited costs $16.99 on a subtotal of $12: $28.99 in all.",
            "Expedited does not ship free at your subtotal or any higher one.",
        ],
    ),
]


@pytest.mark.parametrize(
    ("case", "method", "subtotal", "expected"), SENTENCES, ids=[c[0] for c in SENTENCES]
)
def test_sentences(workshop, case, method, subtotal, expected):
    result = shipping_cost.answer(workshop, {"subtotal": subtotal, "method": method})
    assert [words(s) for s in result.sentences] == expected


def with_standard_fees(policy: Policy, *tiers: FeeTier) -> Policy:
    methods = dict(policy.shipping.methods)
    methods["standard"] = dataclasses.replace(methods["standard"], fees=tiers)
    return dataclasses.replace(
        policy, shipping=dataclasses.replace(policy.shipping, methods=methods)
    )


def test_a_free_band_that_ends_names_both_ends(workshop):
    # $6.99 below $59, free from $59 up to (not including) $69, then $3: a subtotal of $60
    # ships free, and the band's last free cent is 69.00 - 0.01 = 68.99.
    policy = with_standard_fees(
        workshop,
        FeeTier(M("0"), M("6.99"), M("59")),
        FeeTier(M("59"), M("0"), M("69")),
        FeeTier(M("69"), M("3")),
    )
    inside = shipping_cost.answer(policy, {"subtotal": "60", "method": "standard"})
    assert words(inside.sentences[1]) == (
        "With Standard, subtotals from $59 to $68.99 ship free, $59 itself included."
    )
    # $70 is past the free band and no free tier starts above it: 70 + 3 = 73.
    above = shipping_cost.answer(policy, {"subtotal": "70", "method": "standard"})
    assert above.data == {
        "fee": "3.00",
        "total": "73.00",
        "free": False,
        "free_from": None,
        "short_by": None,
    }


def test_a_method_free_at_any_subtotal(workshop):
    policy = with_standard_fees(workshop, FeeTier(M("0"), M("0")))
    result = shipping_cost.answer(policy, {"subtotal": "0", "method": "standard"})
    assert result.data["free_from"] == "0.00"
    assert (
        words(result.sentences[1]) == "Standard ships free at this subtotal, whatever its amount."
    )


def test_web_answer(workshop):
    reply = json.loads(
        web.answer(
            workshop, "shipping_cost", json.dumps({"subtotal": "$46.99", "method": "standard"})
        )
    )
    assert reply["ok"] is True
    assert reply["data"] == {
        "fee": "6.99",
        "total": "53.98",
        "free": False,
        "free_from": "59.00",
        "short_by": "12.01",
    }
    assert reply["sentences"][0] == [
        {"text": "Standard costs $6.99 on a subtotal of $46.99: $53.98 in all."}
    ]


# (case, inputs, expected problems)
PROBLEMS = [
    (
        "nothing filled in",
        {},
        [
            {"field": "subtotal", "message": "Please fill this in."},
            {"field": "method", "message": "Please fill this in."},
        ],
    ),
    (
        "not an amount, unknown method",
        {"subtotal": "about 40", "method": "overnight"},
        [
            {
                "field": "subtotal",
                "message": "Please enter the amount in dollars and cents, like 46.98 or 1,250.00.",
            },
            {"field": "method", "message": "Please choose one of these: standard or expedited."},
        ],
    ),
    (
        "a negative amount",
        {"subtotal": "-5", "method": "standard"},
        [
            {
                "field": "subtotal",
                "message": "Please enter the amount without a minus sign, like 46.98.",
            }
        ],
    ),
    # A decimal comma is another convention's cents: asked about, never read as $4,698.
    (
        "a decimal comma",
        {"subtotal": "46,98", "method": "standard"},
        [{"field": "subtotal", "message": "Did you mean $46.98? If so, please type 46.98."}],
    ),
    (
        "commas that group nothing",
        {"subtotal": "1,,,0", "method": "standard"},
        [
            {
                "field": "subtotal",
                "message": "Please enter the amount in dollars and cents, like 46.98 or 1,250.00.",
            }
        ],
    ),
]


@pytest.mark.parametrize(("case", "inputs", "problems"), PROBLEMS, ids=[c[0] for c in PROBLEMS])
def test_input_problems(workshop, case, inputs, problems):
    reply = json.loads(web.answer(workshop, "shipping_cost", json.dumps(inputs)))
    assert reply == {"ok": False, "problems": problems}


# -- invariants -----------------------------------------------------------------------

subtotals = st.integers(min_value=0, max_value=10_000_000).map(Money)
methods = st.sampled_from(["standard", "expedited"])


def test_workshop_fees_never_rise_with_the_subtotal(workshop):
    # The monotonic property below holds only for tiers like these; check the fixture has them.
    for method in workshop.shipping.methods.values():
        fees = [tier.fee for tier in method.fees]
        assert fees == sorted(fees, reverse=True), method.label


@settings(max_examples=300, deadline=None)
@given(subtotal=subtotals, method=methods)
def test_fee_is_within_the_tiers_and_adds_up(workshop, subtotal, method):
    cost = shipping_cost.shipping_cost(workshop, method, subtotal)
    highest = max(tier.fee for tier in workshop.shipping.methods[method].fees)
    assert Money(0) <= cost.fee <= highest
    assert cost.total.cents == subtotal.cents + cost.fee.cents


@settings(max_examples=300, deadline=None)
@given(subtotal=subtotals, more=subtotals, method=methods)
def test_a_larger_subtotal_never_pays_a_larger_fee(workshop, subtotal, more, method):
    smaller = shipping_cost.shipping_cost(workshop, method, subtotal)
    larger = shipping_cost.shipping_cost(workshop, method, Money(subtotal.cents + more.cents))
    assert larger.fee <= smaller.fee


@settings(max_examples=300, deadline=None)
@given(subtotal=subtotals, method=methods)
def test_adding_short_by_ships_free_and_a_cent_less_does_not(workshop, subtotal, method):
    cost = shipping_cost.shipping_cost(workshop, method, subtotal)
    if cost.short_by is None:
        return
    enough = Money(subtotal.cents + cost.short_by.cents)
    assert shipping_cost.shipping_cost(workshop, method, enough).free
    almost = Money(enough.cents - 1)
    assert not shipping_cost.shipping_cost(workshop, method, almost).free


def test_the_form_asks_for_what_answer_reads(workshop):
    fields = shipping_cost.form(workshop).fields
    assert [(f.name, f.kind) for f in fields] == [("subtotal", "money"), ("method", "choice")]
    # The hint states the one rule an amount is read by (calculators.inputs.read_amount).
    assert fields[0].hint == "Dollars and cents, like 46.98 or 1,250.00."
    assert [o.value for o in fields[1].options] == ["standard", "expedited"]
