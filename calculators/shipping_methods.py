"""The shipping part of the policy (``policy/shipping.yml``): methods, transit and fee tiers."""

# `doc()` returns a `dataclasses.field` carrying the description; ruff cannot see that
# (pyproject.toml says the same for calculators/policy.py).

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Annotated

from calculators.model import DayRange, Problems, doc
from calculators.values import MethodKey, Money


@dataclass(frozen=True)
class FeeTier:
    subtotal_from: Money = doc("the smallest order subtotal this fee applies to")
    fee: Money = doc("the shipping fee for this tier")
    subtotal_below: Money | None = doc(
        "the tier ends below this subtotal; omit on the last tier", None
    )


@dataclass(frozen=True)
class Method:
    label: str = doc("the method's name at checkout", max_length=60)
    transit_days: DayRange = doc("carrier days from hand-over to delivery")
    fees: tuple[FeeTier, ...] = doc(
        "fee tiers by order subtotal, lowest first", min_items=1, max_items=20
    )

    def problems(self) -> Problems:
        expected_from = Money(0)
        for i, tier in enumerate(self.fees):
            if tier.subtotal_from != expected_from:
                gap = "a gap" if tier.subtotal_from > expected_from else "an overlap"
                yield (
                    "fee-tiers",
                    ("fees", i, "subtotal_from"),
                    (
                        f"Expected subtotal_from to be {expected_from.dump()} (where the tier "
                        f"before ends) but received {tier.subtotal_from.dump()}: "
                        f"that leaves {gap}."
                    ),
                )
            last = i == len(self.fees) - 1
            if tier.subtotal_below is None:
                if not last:
                    yield (
                        "fee-tiers",
                        ("fees", i),
                        "Only the last tier may leave out subtotal_below.",
                    )
                break
            if tier.subtotal_below <= tier.subtotal_from:
                yield (
                    "fee-tiers",
                    ("fees", i, "subtotal_below"),
                    (
                        f"Expected subtotal_below to be above subtotal_from "
                        f"({tier.subtotal_from.dump()}) but received {tier.subtotal_below.dump()}."
                    ),
                )
            if last:
                yield (
                    "fee-tiers",
                    ("fees", i, "subtotal_below"),
                    ("The last tier must leave out subtotal_below, so every subtotal has a fee."),
                )
            expected_from = tier.subtotal_below

    def fee_for(self, subtotal: Money) -> Money:
        for tier in self.fees:
            if tier.subtotal_from <= subtotal and (
                tier.subtotal_below is None or subtotal < tier.subtotal_below
            ):
                return tier.fee
        return self.fees[-1].fee

    @property
    def free_from(self) -> Money | None:
        """The smallest subtotal that ships free, if any tier is free."""
        return next((t.subtotal_from for t in self.fees if t.fee.cents == 0), None)


@dataclass(frozen=True)
class Protection:
    provider: str = doc("the shipping-protection service, like Route", max_length=60)
    added_by_default: bool = doc("whether checkout adds it until the shopper unticks it")
    carriers: tuple[str, ...] = doc(
        "carriers whose losses the store does not cover when protection is declined",
        min_items=1,
        max_items=20,
        max_length=60,
    )


@dataclass(frozen=True)
class Shipping:
    methods: Mapping[str, Method] = doc(
        "shipping methods offered at checkout, cheapest first", min_items=1, max_items=10
    )
    default_method: Annotated[str, MethodKey] = doc(
        "the method a calculator starts with", max_length=40
    )
    protection: Protection | None = doc("paid shipping protection; leave out if none", None)
    untracked_services: tuple[str, ...] = doc(
        "delivery services that are not always tracked, like Royal Mail",
        (),
        max_items=20,
        max_length=60,
    )

    def problems(self) -> Problems:
        if self.default_method not in self.methods:
            yield (
                "default-method",
                ("default_method",),
                (
                    f"Expected one of the methods ({', '.join(self.methods)}) "
                    f"but received {self.default_method!r}."
                ),
            )

    @property
    def free_shipping_from(self) -> Money | None:
        """The lowest subtotal from which some method ships free."""
        free = [m.free_from for m in self.methods.values() if m.free_from is not None]
        return min(free) if free else None
