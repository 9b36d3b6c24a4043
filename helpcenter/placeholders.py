"""Put policy values into Markdown pages through one narrow placeholder syntax.

    {{ policy.shipping.free_shipping_from }}       a value, formatted by its type
    {{ policy.store.support_reply_business_days | business days }}   with a unit
    {{ table.methods }}                              a generated table
    {{ calculator.delivery }}                        a calculator widget (own line)

Anything else between ``{{`` and ``}}`` is a mistake, reported with the page
and line; fenced code blocks are left alone so pages can show the syntax.

A ``policy.`` placeholder names one value (text, a number, money, a date, a day
range, a list of texts or weekdays), never a record or a mapping of them, and
policy text comes out escaped (``helpcenter.formatting``), so a value never
acts as Markdown or HTML, nor as a placeholder filled again.
"""

from __future__ import annotations

import dataclasses
import inspect
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass

from calculators.policy import Policy
from helpcenter.formatting import UNITS, format_value, is_value
from helpcenter.problems import Position, Problem, ProblemsFound

_ANY = re.compile(r"\{\{(.*?)\}\}")
_NAME = r"[a-z][a-z0-9_]*"
_GRAMMAR = re.compile(
    rf"^\s*(?P<space>policy|table|calculator)\.(?P<path>{_NAME}(?:\.{_NAME})*)"
    r"(?:\s*\|\s*(?P<unit>[a-z][a-z ]*?))?\s*$"
)
_FENCE = re.compile(r"^\s*(```|~~~)")


class PageError(ProblemsFound):
    """Every mistake of one page's placeholders."""


@dataclass(frozen=True)
class Renderers:
    """What the ``table.`` and ``calculator.`` names stand for."""

    tables: Mapping[str, Callable[[Policy], str]]
    calculators: Mapping[str, Callable[[Policy], str]]

    def remembered(self) -> Renderers:
        """The same renderers, each running once per policy: a check fills the same
        table or widget on many pages (and again for the promises), and each is a
        pure function of the policy (the build day is fixed for the run)."""
        return Renderers(
            {name: _once_per_policy(render) for name, render in self.tables.items()},
            {name: _once_per_policy(render) for name, render in self.calculators.items()},
        )


def _once_per_policy(render: Callable[[Policy], str]) -> Callable[[Policy], str]:
    # By identity: a Policy is frozen, and holding it keeps its id from being reused.
    last: list[tuple[Policy, str]] = []

    def remembered(policy: Policy) -> str:
        if not last or last[0][0] is not policy:
            last[:] = [(policy, render(policy))]
        return last[0][1]

    return remembered


class UnknownPath(LookupError):
    pass


class PlaceholderProblem(ValueError):
    """One placeholder that cannot be filled, with the rule it breaks."""

    def __init__(self, rule: str, message: str):
        self.rule = rule
        super().__init__(message)


def lookup(policy: Policy, path: str) -> object:
    """Follow a dotted path through the model: fields, mapping keys, derived values."""
    value: object = policy
    walked = "policy"
    for name in path.split("."):
        if isinstance(value, Mapping):
            if name not in value:
                raise UnknownPath(_choices(walked, name, list(value)))
            value = value[name]
        elif value is None:
            raise UnknownPath(f"{walked} is not set in this store's policy")
        elif is_value(value):
            # Going on would reach Python's own attributes of a str or a date.
            raise UnknownPath(f"{walked} is a value with no fields.")
        elif isinstance(value, tuple):
            raise UnknownPath(f"{walked} is a list; a placeholder cannot name one of its items.")
        else:
            known = _sorted_names(type(value))
            if name not in known:
                raise UnknownPath(_choices(walked, name, list(known)))
            value = member(value, name)
        walked += f".{name}"
    return value


def member(record: object, name: str) -> object:
    """A field's or derived value's value: a method that takes no argument is called."""
    value = getattr(record, name)
    return value() if callable(value) else value


def derived_names(record: object) -> list[str]:
    """The derived values a page can quote (properties, methods that take no argument),
    in the order the model declares them."""
    fields = getattr(type(record), "__dataclass_fields__", {})
    return [name for name in _names_of(type(record)) if name not in fields]


def quotable_names(record: object) -> list[str]:
    """Fields, properties and methods that take no argument (derived values), sorted."""
    return list(_sorted_names(type(record)))


def _declared_names(record: object) -> list[str]:
    """The same names in the order the model declares them: fields, then derived values."""
    return list(_names_of(type(record)))


# By class: the names are the class's (its fields and members), and every
# placeholder of every page asks again.
_SORTED: dict[type, tuple[str, ...]] = {}
_DECLARED: dict[type, tuple[str, ...]] = {}


def _sorted_names(record_type: type) -> tuple[str, ...]:
    if record_type not in _SORTED:
        _SORTED[record_type] = tuple(sorted(_names_of(record_type)))
    return _SORTED[record_type]


def _names_of(record_type: type) -> tuple[str, ...]:
    if record_type in _DECLARED:
        return _DECLARED[record_type]
    names = list(getattr(record_type, "__dataclass_fields__", {}))
    for name, member in vars(record_type).items():
        if name.startswith("_") or name == "problems" or name in names:
            continue
        if isinstance(member, property) or (callable(member) and _takes_no_argument(member)):
            names.append(name)
    _DECLARED[record_type] = tuple(names)
    return _DECLARED[record_type]


def _group_problem(path: str, value: object) -> PlaceholderProblem:
    """A placeholder that names a record, a mapping or a list of records: which
    names under it would give one value."""
    named = f"{{{{ policy.{path} }}}}"
    if isinstance(value, tuple):
        return PlaceholderProblem(
            "placeholder-record",
            f"{named} names a list of groups of values, not one value; "
            "pages show such a list through a generated table ({{ table.NAME }}).",
        )
    if isinstance(value, Mapping):
        kind, names = "keys", [str(key) for key in value if re.fullmatch(_NAME, str(key))]
        if value and not names:  # country codes, say: upper case is not in the grammar
            return PlaceholderProblem(
                "placeholder-record",
                f"{named} names a group of values, not one value, and a placeholder cannot "
                f"name its keys (like {next(iter(value))}).",
            )
    elif dataclasses.is_dataclass(value):
        kind, names = "fields", _declared_names(value)
    else:  # a derived value of no quotable type (a range of years, say)
        return PlaceholderProblem(
            "placeholder-record",
            f"{named} gives a {type(value).__name__}, not one value a page can quote.",
        )
    choices = ", ".join(f"policy.{path}.{name}" for name in names) or f"it has no {kind}"
    return PlaceholderProblem(
        "placeholder-record",
        f"{named} names a group of values, not one value. Name one of its {kind}: {choices}.",
    )


def _takes_no_argument(function: Callable) -> bool:
    parameters = list(inspect.signature(function).parameters.values())
    return len(parameters) == 1  # only self


def _choices(walked: str, name: str, known: list[str]) -> str:
    return f"{walked} has no {name!r}. Expected one of {', '.join(known)}."


def render_page(markdown: str, policy: Policy | None, page: str, renderers: Renderers) -> str:
    """The page with every placeholder replaced; PageError lists all mistakes.

    Without a policy (it has errors of its own) only the placeholders' form and
    names are checked, so a page's mistakes are reported in the same run.
    """
    problems: list[Problem] = []
    lines = markdown.split("\n")
    in_fence = False
    for number, line in enumerate(lines, start=1):
        if _FENCE.match(line):
            in_fence = not in_fence
            continue
        if in_fence or ("{{" not in line and "}}" not in line):
            continue

        def replace(match: re.Match, number: int = number, line: str = line) -> str:
            try:
                return _render_one(match, line, policy, renderers)
            except PlaceholderProblem as problem:
                where = Position(page, number, match.start() + 1)
                problems.append(Problem(problem.rule, where, str(problem)))
                return match.group(0)

        leftover = _ANY.sub("", line)
        if "{{" in leftover or "}}" in leftover:
            column = line.find("{{") + 1 or line.find("}}") + 1
            problems.append(
                Problem(
                    "placeholder-syntax",
                    Position(page, number, column),
                    (
                        "Expected a placeholder closed on the same line, like "
                        f"{{{{ policy.store.name }}}}, but received {line.strip()!r}."
                    ),
                )
            )
            continue
        lines[number - 1] = _ANY.sub(replace, line)
    if problems:
        raise PageError(problems)
    return "\n".join(lines)


def _render_one(match: re.Match, line: str, policy: Policy | None, renderers: Renderers) -> str:
    inside = match.group(1)
    parsed = _GRAMMAR.match(inside)
    if not parsed:
        raise PlaceholderProblem(
            "placeholder-syntax",
            f"Expected a placeholder like {{{{ policy.store.name }}}}, {{{{ table.NAME }}}} "
            f"or {{{{ calculator.NAME }}}} but received {match.group(0)!r}.",
        )
    space, path, unit = parsed["space"], parsed["path"], parsed["unit"]
    if space == "policy":
        # The unit is checked before the policy is needed, so a run without a
        # policy (it has errors of its own) reports it too.
        if unit is not None and unit not in UNITS:
            raise PlaceholderProblem(
                "placeholder-unit",
                f"Expected a unit after | ({', '.join(UNITS)}) but received {unit!r}.",
            )
        if policy is None:
            return match.group(0)
        try:
            value = lookup(policy, path)
        except UnknownPath as unknown:
            raise PlaceholderProblem(
                "unknown-placeholder", f"Unknown placeholder {{{{ policy.{path} }}}}: {unknown}"
            ) from None
        if value is not None and not is_value(value):
            raise _group_problem(path, value)
        try:
            return format_value(value, unit)
        except ValueError as problem:
            raise PlaceholderProblem("placeholder-value", str(problem)) from None
    if unit is not None:
        raise PlaceholderProblem(
            "placeholder-unit", f"{{{{ {space}.{path} }}}} takes no unit, but received {unit!r}."
        )
    table = renderers.tables if space == "table" else renderers.calculators
    if path not in table:
        raise PlaceholderProblem(
            "unknown-placeholder",
            f"Unknown {space} {path!r}. Expected one of {', '.join(sorted(table))}.",
        )
    if line.strip() != match.group(0):
        raise PlaceholderProblem(
            "placeholder-own-line", f"{{{{ {space}.{path} }}}} must stand alone on its line."
        )
    if policy is None:
        return match.group(0)
    try:
        return table[path](policy)
    except ValueError as problem:
        raise PlaceholderProblem("placeholder-value", str(problem)) from None
