"""The defect classes of a value, by the kind of its field: what to write instead of it.

Each row is (defect class, family, how to write the bad value). The writer
gets the ModelSpot, so bounds come from the field's declared limits and the
value types' own constants (Money.MAXIMUM, FIRST_SUPPORTED_DAY ...) at run
time; a row whose writer returns None does not apply to that field. Families
group classes for the CLI sample and the summary.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta

from corpus_model import ENTRY, FIELD, ModelSpot
from corpus_yaml import written

from calculators import values

Writer = Callable[[ModelSpot], str | None]

# The text limit when neither the field nor the reader declares one: far beyond
# any sentence a help page shows, and still far below the file size limit.
FALLBACK_TEXT_LIMIT = 100_000
HUGE_INTEGER = "99999999999999999999"
# More digits than Python converts to an int at all (its limit is 4300).
UNREADABLE_INTEGER = "9" * 5000
# Where Python's dates end: one day past it overflows any date arithmetic.
LAST_PYTHON_DATE = date.max


# Classes whose bad value depends on the field's own declaration (its limits, or
# the mapping it is an entry of): applied to every field that has them. Every
# other class tests the kind, so one field of the kind stands for the rest.
PER_FIELD = frozenset(
    {
        "below-minimum",
        "above-maximum",
        "too-long-text",
        "too-few-items",
        "too-many-items",
        "too-few-entries",
        "too-many-entries",
        "bad-entry-name",
    }
)
KEY_CLASSES = ("missing-key", "misspelled-key", "duplicate-key")


@dataclass(frozen=True)
class ValueDefect:
    name: str
    family: str
    written: str


def _always(text: str) -> Writer:
    return lambda spot: text


def _default_text_limit() -> int:
    """The reader's limit for text that declares none, wherever the model keeps it."""
    for module in ("calculators.limits", "calculators.shape"):
        try:
            limit = getattr(importlib.import_module(module), "TEXT_MAX_LENGTH", None)
        except ImportError:
            continue
        if isinstance(limit, int):
            return limit
    return FALLBACK_TEXT_LIMIT


def _text_limit(spot: ModelSpot) -> int:
    return spot.limit("max_length") or _default_text_limit()


def _inside(spot: ModelSpot, char: str) -> str:
    """The field's own text with ``char`` in the middle (a pasted control character)."""
    text = spot.data if isinstance(spot.data, str) and len(spot.data) > 1 else "ab"
    middle = len(text) // 2
    return written(text[:middle] + char + text[middle:])


def _below_minimum(spot: ModelSpot) -> str | None:
    low = spot.limit("minimum")
    return str(low - 1) if low is not None and low >= 1 else None  # 0 - 1 is "negative"


def _above_maximum(spot: ModelSpot) -> str | None:
    high = spot.limit("maximum")
    return str(high + 1) if high is not None else None


def _copies(spot: ModelSpot, count: int | None) -> str | None:
    """The list (or mapping) with ``count`` copies of its first item (entry)."""
    if count is None or not spot.data:
        return None
    if isinstance(spot.data, list):
        return written([spot.data[0]] * count)
    if isinstance(spot.data, dict):
        first = next(iter(spot.data.values()))
        return written({f"entry_{i}": first for i in range(count)})
    return None


def _choice_case(spot: ModelSpot) -> str | None:
    shouted = str(spot.kind.args[0]).upper()
    return None if shouted in spot.kind.args else shouted


def _reader_bound(name: str, step: int) -> Writer:
    """One past a value type's declared MINIMUM (step -1) or MAXIMUM (step +1)."""

    def write(spot: ModelSpot) -> str | None:
        bound = getattr(spot.kind.hint, name, None)
        return written(str(bound + step)) if isinstance(bound, int) else None

    return write


def _reader_too_long(spot: ModelSpot) -> str | None:
    limit = getattr(spot.kind.hint, "MAX_LENGTH", None)
    return written("a" * limit + ".com") if isinstance(limit, int) else None


def _supported_day(name: str, step: int, fallback: date) -> Writer:
    bound = getattr(values, name, None)
    day = bound + timedelta(days=step) if isinstance(bound, date) else fallback
    return _always(day.isoformat())


def _value_text(change: Callable[[str], str]) -> Writer:
    return lambda spot: written(change(spot.data)) if isinstance(spot.data, str) else None


# The kind-wide classes, by calculators.shape's kind names.
BY_KIND: dict[str, tuple[tuple[str, str, Writer], ...]] = {
    "int": (
        ("text-for-number", "wrong-type", _always("many")),
        ("list-for-number", "wrong-type", _always("[1, 2]")),
        ("date-for-number", "wrong-type", _always("2026-12-25")),
        ("fraction-for-number", "wrong-type", _always("1.5")),
        ("huge-integer", "out-of-bounds", _always(HUGE_INTEGER)),
        ("5000-digit-integer", "out-of-bounds", _always(UNREADABLE_INTEGER)),
        ("negative-number", "out-of-bounds", _always("-1")),
        ("below-minimum", "out-of-bounds", _below_minimum),
        ("above-maximum", "out-of-bounds", _above_maximum),
        ("empty-value", "empty", _always('""')),
    ),
    "bool": (
        ("yes-no-for-boolean", "boolean", lambda s: "yes" if s.data is True else "no"),
        ("text-for-boolean", "boolean", _always("maybe")),
        ("number-for-boolean", "boolean", _always("1")),
        ("list-for-boolean", "wrong-type", _always("[true]")),
    ),
    "str": (
        ("empty-text", "empty", _always('""')),
        ("blank-text", "empty", _always('"   "')),
        ("too-long-text", "text-length", lambda s: written("x" * (_text_limit(s) + 1))),
        ("tab-in-text", "text-control", lambda s: _inside(s, "\t")),
        ("bell-in-text", "text-control", lambda s: _inside(s, "\x07")),
        ("list-for-text", "wrong-type", _always("[a, b]")),
        ("mapping-for-text", "wrong-type", _always("{a: b}")),
    ),
    "choice": (
        ("not-in-choices", "choice", _always("sometimes")),
        ("wrong-case-choice", "choice", _choice_case),
        ("list-for-choice", "wrong-type", lambda s: written([s.kind.args[0]])),
        ("empty-value", "empty", _always('""')),
    ),
    "text_type": (
        ("empty-value", "empty", _always('""')),
        ("list-for-value", "wrong-type", _always("[1, 2]")),
        ("mapping-for-value", "wrong-type", _always("{a: 1}")),
    ),
    "sequence": (
        ("mapping-for-list", "wrong-type", _always("{a: 1}")),
        ("text-for-list", "wrong-type", _always("just text")),
        ("too-few-items", "item-count", lambda s: "[]" if s.limit("min_items") else None),
        ("too-many-items", "item-count", lambda s: _copies(s, _plus_one(s.limit("max_items")))),
    ),
    "mapping": (
        ("list-for-mapping", "wrong-type", _always("[a, b]")),
        ("text-for-mapping", "wrong-type", _always("some text")),
        ("too-few-entries", "item-count", lambda s: "{}" if s.limit("min_items") else None),
        ("too-many-entries", "item-count", lambda s: _copies(s, _plus_one(s.limit("max_items")))),
    ),
    "record": (
        ("list-for-record", "wrong-type", _always("[a, b]")),
        ("text-for-record", "wrong-type", _always("some text")),
    ),
}

# Classes of one value type, by the name of the class that reads it (kind.hint).
BY_READER: dict[str, tuple[tuple[str, str, Writer], ...]] = {
    "Money": (
        ("currency-sign", "text-format", _value_text(lambda text: "$" + text)),
        ("comma-decimal", "text-format", _always('"6,99"')),
        ("three-decimals", "text-format", _always('"6.999"')),
        ("negative-money", "out-of-bounds", _always('"-5"')),
        ("money-above-cap", "out-of-bounds", _reader_bound("MAXIMUM", 1)),
        ("huge-money", "out-of-bounds", _always(f'"{HUGE_INTEGER}.99"')),
        ("date-for-money", "wrong-type", _always("2026-12-25")),
    ),
    "Clock": (
        ("hour-25", "text-format", _always('"25:00"')),
        ("am-pm-time", "text-format", _always('"2pm"')),
        ("number-for-time", "wrong-type", _always("1400")),
        ("time-with-seconds", "text-format", _always('"14:00:00"')),
    ),
    "Weekday": (
        ("full-day-name", "text-format", _always("Monday")),
        ("lower-case-day", "text-format", _always("mon")),
        ("number-for-day", "wrong-type", _always("1")),
    ),
    "IsoDate": (
        ("impossible-date", "text-format", _always("2026-02-30")),
        ("us-date", "text-format", _always('"12/25/2026"')),
        ("date-before-range", "out-of-bounds", _supported_day("FIRST_SUPPORTED_DAY", -1, date.min)),
        ("date-after-range", "out-of-bounds", _supported_day("LAST_SUPPORTED_DAY", 1, date.max)),
        ("last-python-date", "out-of-bounds", _always(LAST_PYTHON_DATE.isoformat())),
        ("number-for-date", "wrong-type", _always("20261225")),
    ),
    "ZoneName": (
        ("unknown-zone", "text-format", _always("Mars/Olympus")),
        ("zone-with-space", "text-format", _always('"America/New York"')),
        ("machine-only-zone", "text-format", _always("localtime")),
        ("path-in-zone", "text-format", _always('"../../etc/passwd"')),
    ),
    "Year": (
        ("year-before-range", "out-of-bounds", _reader_bound("MINIMUM", -1)),
        ("year-after-range", "out-of-bounds", _reader_bound("MAXIMUM", 1)),
        ("two-digit-year", "text-format", _always("26")),
        ("huge-integer", "out-of-bounds", _always(HUGE_INTEGER)),
        ("text-for-year", "wrong-type", _always("twenty")),
    ),
    "DomainName": (
        ("url-for-domain", "text-format", _value_text(lambda text: f"https://{text}/")),
        ("upper-case-domain", "text-format", _value_text(str.upper)),
        ("too-long-domain", "text-length", _reader_too_long),
    ),
    "EmailAddress": (
        ("two-addresses", "text-format", _value_text(lambda text: f"{text}, {text}")),
        ("display-name", "text-format", _value_text(lambda text: f"Help <{text}>")),
        ("missing-at", "text-format", _value_text(lambda text: text.replace("@", " at "))),
        ("too-long-address", "text-length", _reader_too_long),
    ),
}


def _plus_one(limit: int | None) -> int | None:
    return None if limit is None else limit + 1


def value_defects(spot: ModelSpot) -> list[ValueDefect]:
    """Every class that applies to the field, with the bad value to write."""
    rows = list(BY_KIND.get(spot.kind.name, ()))
    if spot.kind.name == "text_type":
        rows += BY_READER.get(spot.kind.hint.__name__, ())
    if not spot.optional:  # a value that may be left out may also be null
        rows.append(("null-value", "empty", _always("~")))
    found, seen = [], {_original(spot)}
    for name, family, write in rows:
        text = write(spot)
        if text is None or text in seen:  # one variant per bad value
            continue
        seen.add(text)
        found.append(ValueDefect(name, family, text))
    return found


def _original(spot: ModelSpot) -> str | None:
    return written(spot.data) if isinstance(spot.data, str) else None


def key_defects(spot: ModelSpot) -> list[tuple[str, str]]:
    """Classes that change the entry's key rather than its value: (class, family)."""
    if spot.role == FIELD:
        found = [("misspelled-key", "unknown-key"), ("duplicate-key", "duplicate-key")]
        return [("missing-key", "missing-key"), *found] if spot.required else found
    if spot.role == ENTRY:
        return [("bad-entry-name", "entry-name")]  # a mapping's entry, named against its rule
    return []
