"""What will shipping cost, and how much more ships free?

The fee comes from the method's fee tiers (``policy/shipping.yml``). A tier
covers subtotals from ``subtotal_from`` (included) up to ``subtotal_below``
(excluded), so the free-shipping threshold itself ships free: with "free from
$59", a $59.00 subtotal pays nothing and $58.99 pays the fee. Amounts stay in
integer cents throughout.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from calculators.answers import Sentence
from calculators.forms import Field, Form, method_field
from calculators.inputs import AMOUNT_HINT, Answer, FormReader
from calculators.policy import FeeTier, Method, Policy
from calculators.values import Money


@dataclass(frozen=True)
class ShippingCost:
    method: str
    subtotal: Money
    fee: Money
    total: Money
    free_tier: FeeTier | None  # the free tier the shopper is in, or the next one above them
    short_by: Money | None  # what to add to reach ``free_tier``; None once there or without one

    @property
    def free(self) -> bool:
        return self.fee.cents == 0


def free_tier_for(method: Method, subtotal: Money, free: bool) -> FeeTier | None:
    """The free tier to talk about: the one holding ``subtotal`` when it ships free,
    else the first free tier starting above it (None if there is none)."""
    free_tiers = [t for t in method.fees if t.fee.cents == 0]
    if free:  # tiers are contiguous, so the last free one starting at or below holds it
        return [t for t in free_tiers if t.subtotal_from <= subtotal][-1]
    return next((t for t in free_tiers if t.subtotal_from > subtotal), None)


def shipping_cost(policy: Policy, method: str, subtotal: Money) -> ShippingCost:
    """The fee, the total and the way to free shipping for one order."""
    chosen = policy.shipping.methods[method]
    fee = chosen.fee_for(subtotal)
    free_tier = free_tier_for(chosen, subtotal, free=fee.cents == 0)
    short_by = None
    if fee.cents and free_tier is not None:
        short_by = Money(free_tier.subtotal_from.cents - subtotal.cents)
    return ShippingCost(
        method=method,
        subtotal=subtotal,
        fee=fee,
        total=Money(subtotal.cents + fee.cents),
        free_tier=free_tier,
        short_by=short_by,
    )


def form(policy: Policy) -> Form:
    return Form(
        title="What will shipping cost?",
        fields=(
            Field(
                "subtotal",
                "Order subtotal (items only, before shipping)",
                "money",
                hint=AMOUNT_HINT,
            ),
            method_field(policy),
        ),
        submit="Work out shipping",
    )


def subtotals_of(tier: FeeTier) -> str:
    """'subtotals of $59 or more', 'subtotals from $59 to $68.99': both ends included."""
    if tier.subtotal_below is None:
        return f"subtotals of {tier.subtotal_from} or more"
    return f"subtotals from {tier.subtotal_from} to {Money(tier.subtotal_below.cents - 1)}"


def cost_sentence(label: str, cost: ShippingCost) -> Sentence:
    if cost.free:
        return (f"{label} is free on a subtotal of {cost.subtotal}: {cost.total} in all.",)
    return (f"{label} costs {cost.fee} on a subtotal of {cost.subtotal}: {cost.total} in all.",)


def free_sentence(label: str, cost: ShippingCost) -> Sentence:
    tier = cost.free_tier
    if tier is None:
        return (f"{label} does not ship free at your subtotal or any higher one.",)
    if cost.short_by is not None:
        return (
            f"Add {cost.short_by} more to ship free with {label}: "
            f"{subtotals_of(tier)} ship free, {tier.subtotal_from} itself included.",
        )
    if tier.subtotal_from.cents == 0:
        return (f"{label} ships free at this subtotal, whatever its amount.",)
    return (f"With {label}, {subtotals_of(tier)} ship free, {tier.subtotal_from} itself included.",)


def answer(policy: Policy, inputs: Mapping[str, object]) -> Answer:
    """The shipping-cost widget: subtotal and method."""
    read = FormReader(inputs)
    subtotal, method = read.checked(
        read.money("subtotal"), read.choice("method", policy.shipping.methods)
    )
    cost = shipping_cost(policy, method, subtotal)
    label = policy.shipping.methods[method].label
    return Answer(
        data={
            "fee": cost.fee.dump(),
            "total": cost.total.dump(),
            "free": cost.free,
            "free_from": None if cost.free_tier is None else cost.free_tier.subtotal_from.dump(),
            "short_by": None if cost.short_by is None else cost.short_by.dump(),
        },
        sentences=(cost_sentence(label, cost), free_sentence(label, cost)),
    )
