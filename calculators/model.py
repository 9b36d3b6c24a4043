"""What the policy's records are made of: documented fields with their limits, and day ranges.

``calculators.policy`` and ``calculators.schedule`` declare the records; the
reader (``calculators.shape``) and the JSON Schema (``helpcenter.schema``) read
each field's ``doc`` text and limits from its metadata, so a limit is written
once, beside the field it limits.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Any, TypeVar, overload

Problems = Iterator[tuple[str, tuple[str | int, ...], str]]

# The limits a field may declare:
# - minimum, maximum: for a whole number (int) field, both required;
# - max_length: for plain text, itself or the items of a list of text (the
#   reader's default applies without it: ``calculators.shape.TEXT_MAX_LENGTH``);
# - min_items, max_items: for a list or a mapping, how many entries it holds.
LIMITS = frozenset({"minimum", "maximum", "max_length", "min_items", "max_items"})

_T = TypeVar("_T")


# Typed as ``dataclasses.field`` is: a required field is ``Any`` to the checker, so it
# fits the annotation it is assigned to; with a default, the default's own type.
@overload
def doc(text: str, /, **limits: int) -> Any: ...
@overload
def doc(text: str, default: _T, /, **limits: int) -> _T: ...
def doc(text: str, default: object = ..., /, **limits: int) -> Any:
    """A field with its description and its limits (see ``LIMITS``)."""
    unknown = set(limits) - LIMITS
    if unknown:  # a misspelt limit would silently limit nothing
        raise TypeError(f"unknown field limits {sorted(unknown)}; known: {sorted(LIMITS)}")
    metadata = {"doc": text, **limits}
    if default is ...:
        return field(metadata=metadata)
    if isinstance(default, MappingProxyType):  # unhashable, so dataclasses want a factory
        return field(default_factory=lambda: default, metadata=metadata)
    return field(default=default, metadata=metadata)


@dataclass(frozen=True)
class DayRange:
    # A year is the longest span any stage, transit or hold is counted in.
    min: int = doc("the fewest days", minimum=0, maximum=365)
    max: int = doc("the most days", minimum=0, maximum=365)

    def problems(self) -> Problems:
        if self.min > self.max:
            yield (
                "day-range",
                ("min",),
                (f"Expected min to be at most max ({self.max}) but received {self.min}."),
            )

    def __str__(self) -> str:
        return str(self.min) if self.min == self.max else f"{self.min}–{self.max}"
