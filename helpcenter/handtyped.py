"""Find policy values typed into pages by hand, which would go stale when policy/ changes.

Every amount, e-mail address, store name, time zone and day range of the
policy is looked for in the page text outside placeholders and code.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Iterator, Mapping

from calculators.policy import DayRange, Policy, Store
from calculators.values import Money, TimeZone
from helpcenter.placeholders import derived_names, member
from helpcenter.problems import Position, Problem

_PLACEHOLDER = re.compile(r"\{\{.*?\}\}")
_CODE = re.compile(r"`[^`]*`")
_FENCE = re.compile(r"^\s*(```|~~~)")


def _values(value: object, path: str) -> Iterator[tuple[str, object]]:
    if isinstance(value, Money | TimeZone | DayRange):
        yield path, value
    elif isinstance(value, Store):
        yield f"{path}.name", value.name
        yield f"{path}.support_email", value.support_email
    elif dataclasses.is_dataclass(value):
        # Derived values first (Shipping.free_shipping_from, Fulfilment.handling_days),
        # then the fields: a value both give is named by the one a page quotes most
        # simply. The derived values are the ones a placeholder can name.
        for name in [*derived_names(value), *(field.name for field in dataclasses.fields(value))]:
            yield from _values(member(value, name), f"{path}.{name}")
    elif isinstance(value, Mapping):
        for key, item in value.items():
            yield from _values(item, f"{path}.{key}")
    elif isinstance(value, tuple):
        for i, item in enumerate(value):
            yield from _values(item, f"{path}[{i}]")


def _pattern(value: object) -> str | None:
    if isinstance(value, Money):
        if value.cents == 0:
            return None  # "$0" and "0.00" are not worth a warning
        number = re.escape(value.dump())
        whole = re.escape(f"{value.cents // 100}") if value.cents % 100 == 0 else number
        return rf"\$\s?(?:{number}|{whole})\b"
    if isinstance(value, DayRange):
        if value.min == value.max:
            return None  # a lone number is too common to flag
        return rf"\b{value.min}\s*(?:-|–|—|to)\s*{value.max}\b"
    return re.escape(str(value))


class HandtypedFinder:
    """The policy's values as patterns, made once per policy and used on every page."""

    def __init__(self, policy: Policy):
        patterns: dict[str, str] = {}
        for path, value in _values(policy, "policy"):
            pattern = _pattern(value)
            if pattern:
                patterns.setdefault(pattern, path)
        self.patterns = [(re.compile(pattern), path) for pattern, path in patterns.items()]
        # Any value at all on a line: most lines have none, and one search of the
        # alternation says so without trying each pattern (those then run as before,
        # each on its own, so overlapping values are all found).
        self.any_value = re.compile("|".join(f"(?:{p})" for p in patterns) or r"(?!)")

    def find(self, markdown: str, page: str) -> list[Problem]:
        problems = []
        in_fence = False
        for number, line in enumerate(markdown.split("\n"), start=1):
            if _FENCE.match(line):
                in_fence = not in_fence
                continue
            if in_fence:
                continue
            prose = _CODE.sub(_blank, _PLACEHOLDER.sub(_blank, line))
            if not self.any_value.search(prose):
                continue
            for pattern, path in self.patterns:
                for found in pattern.finditer(prose):
                    problems.append(
                        Problem(
                            "handtyped-value",
                            Position(page, number, found.start() + 1),
                            f"{found.group(0)!r} is a policy value typed by hand; "
                            f"{_how_to_quote(path)} so it follows policy/.",
                        )
                    )
        return sorted(problems, key=lambda p: (p.position.line, p.position.column))


def _how_to_quote(path: str) -> str:
    """The placeholder that gives the value; an item of a list has none of its own
    (placeholders name no list positions), so the tables that list them."""
    if "[" not in path:
        return f"quote it with the placeholder {{{{ {path} }}}}"
    return (
        f"it is {path}, an item of a list, which no placeholder names: show it through "
        "a table ({{ table.NAME }}, README: Writing pages)"
    )


def handtyped_values(markdown: str, policy: Policy, page: str) -> list[Problem]:
    """The values of ``policy`` typed by hand into one page (for many pages, reuse a
    HandtypedFinder)."""
    return HandtypedFinder(policy).find(markdown, page)


def _blank(match: re.Match) -> str:
    return " " * len(match.group(0))  # keep columns where they were
