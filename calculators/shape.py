"""Read plain data into the frozen policy model, collecting every problem.

The dataclasses in ``calculators.policy`` are the one declaration of the
policy's shape. This module walks their type hints to turn plain data (from
YAML on the build side, from JSON in the browser) into model values, and the
build side walks the same hints to write the JSON Schema. Nothing here knows
about files or lines: problems carry a key path, and the caller maps paths to
positions.

Scalars may arrive as text (the YAML loader keeps every scalar as the text the
editor wrote) or as JSON numbers and booleans; each type reads both.

Limits come from each field's metadata (``calculators.model.doc``) and are
checked by ``calculators.limits``: whole numbers between their ``minimum`` and
``maximum``, text up to its ``max_length`` on one line, lists and mappings up
to ``max_items``. A field's limits reach into its optional value and its
list's items, never into a nested record, which has its own fields.
"""

from __future__ import annotations

import dataclasses
import functools
import re
import types
import typing
from collections.abc import Mapping
from dataclasses import dataclass
from types import MappingProxyType
from typing import Annotated, Any, Literal

from calculators.limits import (
    QUOTED_LENGTH,
    Meta,
    count_problem,
    digits_problem,
    int_bounds,
    shortened,
    text_problem,
)
from calculators.values import TEXT_TYPES, ValueProblem

Path = tuple[str | int, ...]
# A mapping's key is a short name that pages and calculators refer to (a method, a stage).
KEY_PATTERN = r"^[a-z][a-z0-9_]{0,39}$"
_INT = re.compile(r"^-?\d+$")
_NO_LIMITS: Meta = MappingProxyType({})
# YAML 1.1 reads these as booleans; the loader keeps them as text, and a
# boolean field refuses them so "NO" (Norway) never becomes false by accident.
_YAML11_BOOLS = {"yes", "no", "on", "off", "y", "n"}


@dataclass(frozen=True)
class PathProblem:
    """One thing wrong with the data, at a key path, in words for an editor.

    ``rule`` names the check that found it (like yamllint's rule ids): tools and
    tests match on it, and the build side picks the position by it.
    """

    rule: str
    path: Path
    message: str

    def where(self) -> str:
        return dotted(self.path) or "(top level)"


def dotted(path: Path) -> str:
    text = ""
    for part in path:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else part)
    return text


class ShapeError(ValueError):
    """Raised by ``read`` with every problem found, not only the first."""

    def __init__(self, problems: list[PathProblem]):
        self.problems = problems
        super().__init__("\n".join(f"{p.where()}: {p.message}" for p in problems))


def received(value: object, quoted: bool = True) -> str:
    """How a received value is quoted back to the editor (a long one only in part)."""
    if value is None:
        return "nothing (an empty value)"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, Mapping):
        return "a mapping of keys"
    if isinstance(value, list | tuple):
        return "a list"
    text = str(value)
    if (quoted and isinstance(value, str)) or len(text) > QUOTED_LENGTH:
        return shortened(text)
    return text


# -- what a type hint asks for -------------------------------------------------


@dataclass(frozen=True)
class Kind:
    """A type hint, sorted into the few kinds the policy uses."""

    name: str  # record, mapping, sequence, optional, choice, text_type, str, int, bool
    hint: Any
    args: tuple[Any, ...] = ()
    # The closed set a text names, from ``Annotated[str, CountryCode]``: read as its
    # type, and listed by the schema (``helpcenter.schema``).
    rule: Any = None


def kind_of(hint: Any) -> Kind:
    # Once per hint: reading a policy sorts the same few dozen hints some 1,500
    # times, which was 60 % of read_policy in CPython. Keyed by the hint's repr
    # too, since hints that differ can be equal: Literal["a", "b"] and
    # Literal["b", "a"] (whose order the messages and the schema keep).
    try:
        key = (hint, repr(hint))
        hash(key)
    except TypeError:  # a hint that cannot be a dict key (none in the model today)
        return _sort_hint(hint)
    return _kind_of(key)


@functools.cache
def _kind_of(key: tuple[Any, str]) -> Kind:
    return _sort_hint(key[0])


def _sort_hint(hint: Any) -> Kind:
    origin = typing.get_origin(hint)
    args = typing.get_args(hint)
    if origin is Annotated:
        return dataclasses.replace(kind_of(args[0]), rule=hint.__metadata__[0])
    if hint in TEXT_TYPES:  # before records: some value types are dataclasses too
        return Kind("text_type", TEXT_TYPES[hint])
    if dataclasses.is_dataclass(hint):
        return Kind("record", hint)
    if origin in (types.UnionType, typing.Union) and type(None) in args:
        inner = [a for a in args if a is not type(None)]
        return Kind("optional", hint, (inner[0],))
    if origin is Literal:
        return Kind("choice", hint, args)
    if origin is tuple:
        return Kind("sequence", hint, (args[0],))
    if origin in (Mapping, dict, typing.Mapping):
        return Kind("mapping", hint, (args[1], args[0]))  # values, then the key type
    if hint in (str, int, bool):
        return Kind(hint.__name__, hint)
    raise TypeError(f"the policy model uses a type this reader does not know: {hint!r}")


def hints_of(record: type) -> dict[str, Any]:
    """The field types of ``record`` (a copy: the caller may change it)."""
    return dict(_hints(record))


@functools.cache
def _fields(record: type) -> Mapping[str, dataclasses.Field[Any]]:
    return MappingProxyType({f.name: f for f in dataclasses.fields(record)})


@functools.cache
def _hints(record: type) -> dict[str, Any]:
    # Once per class: get_type_hints evaluates every annotation's text again on
    # each call, and reading a policy asks for the same few records hundreds of times.
    # With extras: a mapping's keys may be ``Annotated`` with the rule they follow.
    return typing.get_type_hints(record, include_extras=True)


# -- reading -------------------------------------------------------------------


def read(hint: Any, data: object, meta: Meta = _NO_LIMITS) -> Any:
    """Build ``hint`` (a record, or any type of the model under the limits in ``meta``)
    from plain data, or raise ShapeError with all problems."""
    problems: list[PathProblem] = []
    value = _read(hint, data, (), problems, meta)
    if problems:
        raise ShapeError(problems)
    return value


_MISSING = object()


def _read(hint: Any, data: object, path: Path, out: list[PathProblem], meta: Meta) -> Any:
    kind = kind_of(hint)
    reader = _READERS[kind.name]
    return reader(kind, data, path, out, meta)


def _fail(
    out: list[PathProblem], path: Path, expected: str, data: object, rule: str = "wrong-type"
) -> object:
    out.append(PathProblem(rule, path, f"Expected {expected} but received {received(data)}."))
    return _MISSING


def _read_record(
    kind: Kind, data: object, path: Path, out: list[PathProblem], meta: Meta
) -> object:
    record = kind.hint
    if not isinstance(data, Mapping):
        return _fail(out, path, f"a mapping with the keys {_key_list(record)}", data)
    fields = _fields(record)  # read only
    hints = _hints(record)  # read only
    before = len(out)
    for key in data:
        if key not in fields:
            out.append(
                PathProblem(
                    "unknown-key",
                    (*path, key),
                    f"Unknown key {key!r}. Expected one of {_key_list(record)}.",
                )
            )
    complete = len(out) == before  # unknown or missing keys leave nothing to build
    values: dict[str, object] = {}
    for name, field in fields.items():
        if name not in data:
            if (
                field.default is dataclasses.MISSING
                and field.default_factory is dataclasses.MISSING
            ):
                out.append(
                    PathProblem("missing-key", path, f"Missing key {name!r}: {_doc(field)}.")
                )
                complete = False
            continue
        value = _read(hints[name], data[name], (*path, name), out, field.metadata)
        complete = complete and value is not _MISSING
        values[name] = value
    if not complete:
        return _MISSING
    built = record(**values)
    for rule, suffix, message in getattr(built, "problems", lambda: ())():
        out.append(PathProblem(rule, (*path, *suffix), message))
    return built


def _doc(field: dataclasses.Field) -> str:
    return field.metadata.get("doc", "required")


def _key_list(record: type) -> str:
    return ", ".join(f.name for f in dataclasses.fields(record))


def key_rule(kind: Kind) -> tuple[str, str]:
    """The pattern a mapping's keys follow, and how to say it: names, or a key type's own."""
    key_type = kind.args[1]
    if key_type is str:
        return KEY_PATTERN, "a name of at most 40 lower case letters, digits and _"
    rule = typing.get_args(key_type)[1]  # Annotated[str, CountryCode]: plain text, its rule
    return rule.PATTERN, rule.EXPECTS


def _too_many(data: list | tuple | Mapping, path: Path, out: list[PathProblem], meta: Meta) -> bool:
    """Whether the entries are fewer or more than the field allows (said, if so).

    Counted before any entry is read, so a list of a million entries costs nothing.
    """
    problem = count_problem(data, meta)
    if problem:
        out.append(PathProblem(problem[0], path, problem[1]))
    return problem is not None


def item_meta(meta: Meta) -> Meta:
    """The limits that reach a list's items or a mapping's values: all but the counts."""
    return {key: value for key, value in meta.items() if key not in ("min_items", "max_items")}


def _read_mapping(
    kind: Kind, data: object, path: Path, out: list[PathProblem], meta: Meta
) -> object:
    if not isinstance(data, Mapping):
        return _fail(out, path, "a mapping of names to entries", data)
    if _too_many(data, path, out, meta):
        return _MISSING
    pattern, expects = key_rule(kind)
    items = {}
    for key, item in data.items():
        if not isinstance(key, str) or not re.match(pattern, key):
            _fail(out, (*path, str(key)), expects, key, "key-name")
            continue
        items[key] = _read(kind.args[0], item, (*path, key), out, item_meta(meta))
    if _MISSING in items.values() or len(items) < len(data):
        return _MISSING
    return types.MappingProxyType(items)


def _read_sequence(
    kind: Kind, data: object, path: Path, out: list[PathProblem], meta: Meta
) -> object:
    if not isinstance(data, list | tuple):
        return _fail(out, path, "a list", data)
    if _too_many(data, path, out, meta):
        return _MISSING
    items = tuple(
        _read(kind.args[0], item, (*path, i), out, item_meta(meta)) for i, item in enumerate(data)
    )
    return _MISSING if _MISSING in items else items


def _read_optional(
    kind: Kind, data: object, path: Path, out: list[PathProblem], meta: Meta
) -> object:
    return None if data is None else _read(kind.args[0], data, path, out, meta)


def _read_choice(
    kind: Kind, data: object, path: Path, out: list[PathProblem], meta: Meta
) -> object:
    if data in kind.args and isinstance(data, str):
        return data
    return _fail(out, path, "one of " + ", ".join(map(repr, kind.args)), data)


def _read_text_type(
    kind: Kind, data: object, path: Path, out: list[PathProblem], meta: Meta
) -> object:
    if isinstance(data, int | float) and not isinstance(data, bool):
        data = str(data)  # a JSON number for an amount of money, say
    if not isinstance(data, str):
        return _fail(out, path, kind.hint.EXPECTS, data)
    try:
        return kind.hint.parse(data)
    except ValueProblem as problem:
        # A number or date out of range is quoted as the number or date it is; a text
        # too long by its length.
        shown = received(data, quoted=problem.rule != "out-of-range")
        if problem.rule == "text-too-long":
            shown = f"{len(data)} characters"
        message = f"Expected {problem} but received {shown}."
        out.append(PathProblem(problem.rule, path, message))
        return _MISSING


def _read_str(kind: Kind, data: object, path: Path, out: list[PathProblem], meta: Meta) -> object:
    if not isinstance(data, str) or not data.strip():
        return _fail(out, path, "some text", data)
    problem = text_problem(data, meta)
    if problem:
        out.append(PathProblem(problem[0], path, problem[1]))
        return _MISSING
    return data


def _read_int(kind: Kind, data: object, path: Path, out: list[PathProblem], meta: Meta) -> object:
    if isinstance(data, str) and _INT.match(data):
        problem = digits_problem(data, meta)
        if problem:
            out.append(PathProblem(problem[0], path, problem[1]))
            return _MISSING
        data = int(data)
    if not isinstance(data, int) or isinstance(data, bool):
        return _fail(out, path, "a whole number", data)
    low, high = meta.get("minimum"), meta.get("maximum")
    if (low is not None and data < low) or (high is not None and data > high):
        return _fail(out, path, int_bounds(meta), data, "out-of-range")
    return data


def _read_bool(kind: Kind, data: object, path: Path, out: list[PathProblem], meta: Meta) -> object:
    if isinstance(data, bool):
        return data
    if isinstance(data, str) and data.lower() in _YAML11_BOOLS:
        return _fail(out, path, "true or false (yes/no/on/off are not booleans here)", data)
    return _fail(out, path, "true or false", data)


_READERS = {
    "record": _read_record,
    "mapping": _read_mapping,
    "sequence": _read_sequence,
    "optional": _read_optional,
    "choice": _read_choice,
    "text_type": _read_text_type,
    "str": _read_str,
    "int": _read_int,
    "bool": _read_bool,
}


# -- writing -------------------------------------------------------------------


def dump(value: object) -> object:
    """The plain data that ``read`` turns back into ``value`` (for JSON)."""
    if hasattr(value, "dump"):  # value types first: some are dataclasses too
        return value.dump()
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: dump(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, Mapping):
        return {key: dump(item) for key, item in value.items()}
    if isinstance(value, tuple):
        return [dump(item) for item in value]
    if hasattr(value, "isoformat"):
        return value.isoformat()
    return value
