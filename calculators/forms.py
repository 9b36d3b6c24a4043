"""What each calculator asks the shopper: one declaration for widget, CLI and tests.

A calculator lists its fields; the build renders them as a labelled form and
the browser sends their values back as JSON under the same names. ``now`` is
never typed by the shopper: the browser sends its clock, tests and the CLI pass
their own.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Literal

from calculators.inputs import zone_name
from calculators.policy import Policy

FieldKind = Literal["moment", "date", "choice", "yesno", "money", "now"]


@dataclass(frozen=True)
class Option:
    value: str
    label: str


@dataclass(frozen=True)
class Field:
    name: str  # the key in the inputs JSON
    label: str  # the visible label
    kind: FieldKind
    hint: str = ""
    options: tuple[Option, ...] = ()  # for "choice"
    default: str = ""  # an option value, "yes"/"no", or "" for the browser's current time
    optional: bool = False  # left empty, the calculator answers without it


@dataclass(frozen=True)
class Form:
    title: str  # what the shopper asks, as a heading
    fields: tuple[Field, ...]
    submit: str  # the button's words


def options(pairs: Iterable[tuple[str, str]]) -> tuple[Option, ...]:
    return tuple(Option(value, label) for value, label in pairs)


NOW = Field("now", "Now", "now")


def method_field(policy: Policy) -> Field:
    """The shipping-method choice several calculators ask for."""
    methods = ((key, method.label) for key, method in policy.shipping.methods.items())
    return Field(
        "method",
        "Shipping method",
        "choice",
        options=options(methods),
        default=policy.shipping.default_method,
    )


def ordered_at_field(policy: Policy, label: str = "When did you place the order?") -> Field:
    """The order time. The browser reads it on the shopper's own clock and sends its
    UTC offset, so the hint says so rather than "as on your confirmation"."""
    return Field(
        "ordered_at",
        label,
        "moment",
        hint=f"In your own local time; we count it in {zone_name(policy)}, our time zone.",
    )
