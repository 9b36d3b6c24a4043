"""Sample orders (``policy/samples.yml``, optional): what ``helpcenter diff`` asks the
calculators before and after a change, besides the orders it builds in.

Part of the policy's one declaration (``calculators.policy`` imports it). A sample
names a calculator and gives its inputs as the calculator's form and command take
them; whether they are right is the calculator's to say (``helpcenter.diff_samples``
asks it through ``calculators.web``), so nothing here repeats a form's rules.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from calculators.model import doc


@dataclass(frozen=True)
class Sample:
    name: str = doc("what the order is, as the report names it, like 'A $75 order'", max_length=100)
    calculator: str = doc(
        "the calculator that answers it, named as pages name it, like delivery or shipping_cost",
        max_length=40,
    )
    # The longest input is a date and time with its offset (25 characters); an
    # amount or a choice is shorter. 100 leaves room and refuses a paste gone wrong.
    inputs: Mapping[str, str] = doc(
        "the calculator's fields by name, as its command takes them (--ordered-at is "
        "ordered_at); a time without an offset is store time; now defaults to ordered_at",
        max_items=10,
        max_length=100,
    )


@dataclass(frozen=True)
class Samples:
    orders: tuple[Sample, ...] = doc(
        "orders answered before and after each change, besides the built-in ones",
        min_items=1,
        max_items=100,
    )
