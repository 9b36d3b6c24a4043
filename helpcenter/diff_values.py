"""The policy values that differ between two policies, named and worded as pages say them.

The walk follows the model as placeholders do (``helpcenter.placeholders``):
every field, mapping entry and derived value (``free_shipping_from``) a page
could quote, and into lists as well, which only tables show. Each value is
worded by ``helpcenter.formatting``, the placeholders' own formatter; its name is
the field's ``doc`` text from the model (a derived value's docstring) without the
editing advice in it, after the names of the records it is in (a method's label, a
season's name), or one of the short labels below for the values shoppers ask about
most. Everything here is plain text: the report escapes it for where it goes
(``helpcenter.diff_report``).
"""

from __future__ import annotations

import dataclasses
import difflib
import html
import inspect
import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from itertools import zip_longest

from calculators.policy import Policy
from helpcenter.formatting import format_value, is_value
from helpcenter.placeholders import derived_names, member

# The store's samples are questions for this report, not something a shopper sees.
_NOT_SHOWN = frozenset({"samples"})
# Short names for the values every shopper asks about, by key path: the name, the
# unit a page words it with (``helpcenter.formatting.UNITS``) and words before it.
SHORT_LABELS: dict[str, tuple[str, str | None, str]] = {
    "shipping.free_shipping_from": ("Free shipping", None, "from "),
    "fulfilment.handling_days": ("Handling time", "business days", ""),
    "calendar.order_cutoff": ("Order cut-off", None, ""),
}
NOT_SET = "not set"
# What a field's doc says to the schema's editor rather than about the value, at its
# end: after the first ";" ("omit on the last tier", "leave out if none"), and an
# example or a condition after a comma (", like Route", ", if any tier is free"), which
# read as part of the name next to the value itself ("not set" says it is absent).
_EDITING_ADVICE = re.compile(r";.*|,\s+(?:like|if any)\b.*|\s+\(optional\)$", re.DOTALL)


@dataclass(frozen=True)
class ValueChange:
    """One value that differs: its key path, its name, and how each side words it, as
    plain text."""

    path: str  # like shipping.methods.standard.fees[1].subtotal_from
    file: str  # the policy file it is in, like "shipping.yml"; "" for a short label
    names: tuple[str, ...]  # the records it is in, then what it is
    before: str  # NOT_SET when the value is absent on that side
    after: str


def changed_values(before: Policy, after: Policy) -> list[ValueChange]:
    """Every value that differs: those with short labels first, then the others in the
    order the model declares them."""
    changes: list[ValueChange] = []
    for field in dataclasses.fields(Policy):
        if field.name in _NOT_SHOWN:
            continue
        old, new = getattr(before, field.name), getattr(after, field.name)
        changes += _walk(old, new, field.name, [], _doc(field))
    return sorted(changes, key=lambda change: change.path not in SHORT_LABELS)


def _walk(old: object, new: object, path: str, names: list[str], doc: str) -> Iterator[ValueChange]:
    if old == new:
        return
    sample = new if new not in (None, ()) else old
    if _is_leaf(sample):
        yield _change(path, names, doc, old, new)
    elif isinstance(sample, Mapping):
        yield from _walk_mapping(_mapping(old), _mapping(new), path, names)
    elif isinstance(sample, tuple):
        yield from _walk_list(_tuple(old), _tuple(new), path, names, doc)
    elif dataclasses.is_dataclass(sample) and not isinstance(sample, type):
        yield from _walk_record(old, new, sample, dataclasses.fields(sample), path, names)


def _is_leaf(value: object) -> bool:
    return value is None or isinstance(value, bool) or is_value(value)


def _mapping(value: object) -> Mapping:
    return value if isinstance(value, Mapping) else {}


def _tuple(value: object) -> tuple:
    return value if isinstance(value, tuple) else ()


def _walk_record(
    old: object,
    new: object,
    sample: object,
    declared: tuple[dataclasses.Field, ...],
    path: str,
    names: list[str],
) -> Iterator[ValueChange]:
    record = type(sample)
    fields = {field.name: field for field in declared}
    derived = sorted(derived_names(sample))
    for name in [*fields, *derived]:
        before, after = _member(old, name), _member(new, name)
        doc = _doc(fields[name]) if name in fields else _docstring(record, name)
        if name in derived and not (_is_leaf(before) and _is_leaf(after)):
            continue  # a derived value no page can quote (a range of years, say)
        value = after if after is not None else before
        # A record inside a record (a stage's business days) is named on the way down.
        inner = not _is_leaf(value) and dataclasses.is_dataclass(value)
        within = [*names, name.replace("_", " ")] if inner else names
        yield from _walk(before, after, f"{path}.{name}", within, doc)


def _member(record: object, name: str) -> object:
    return None if record is None else member(record, name)


def _walk_mapping(old: Mapping, new: Mapping, path: str, names: list[str]) -> Iterator[ValueChange]:
    for key in [*old, *(key for key in new if key not in old)]:
        item = new.get(key, old.get(key))
        yield from _walk(
            old.get(key), new.get(key), f"{path}.{key}", [*names, _title(item, key)], ""
        )


def _walk_list(
    old: tuple, new: tuple, path: str, names: list[str], doc: str
) -> Iterator[ValueChange]:
    """Items aligned by their first field (a closure's date, a season's name, a tier's
    start), so one inserted item is one change, not a shift of every item after it;
    items in the same place are compared field by field."""
    field = path.rsplit(".", 1)[-1]
    matcher = difflib.SequenceMatcher(None, _firsts(old), _firsts(new), autojunk=False)
    for _, i1, i2, j1, j2 in matcher.get_opcodes():
        pairs = zip_longest(range(i1, i2), range(j1, j2))
        for i, j in pairs:
            before = old[i] if i is not None else None
            after = new[j] if j is not None else None
            number = (j if j is not None else i or 0) + 1
            name = _title(after if after is not None else before, f"{field} {number}")
            yield from _walk(before, after, f"{path}[{number - 1}]", [*names, name], doc)


def _firsts(items: tuple) -> list[str]:
    """Each item's first field, as text (a date, a name, an amount)."""
    return [
        repr(getattr(item, dataclasses.fields(item)[0].name))
        if dataclasses.is_dataclass(item)
        else repr(item)
        for item in items
    ]


def _title(item: object, fallback: str) -> str:
    """How a record in a mapping or a list is named: its label or name, else ``fallback``."""
    for attribute in ("label", "name"):
        value = getattr(item, attribute, None)
        if isinstance(value, str) and value:
            return value
    return fallback


def _change(path: str, names: list[str], doc: str, old: object, new: object) -> ValueChange:
    short = SHORT_LABELS.get(path)
    if short is not None:
        label, unit, before = short
        return ValueChange(
            path, "", (label,), _worded(old, unit, before), _worded(new, unit, before)
        )
    what = value_name(doc) or path.rsplit(".", 1)[-1]
    file = f"{path.split('.', 1)[0]}.yml"
    return ValueChange(path, file, (*names, what), _worded(old), _worded(new))


def _worded(value: object, unit: str | None = None, before: str = "") -> str:
    """The value as a page quotes it; yes/no for a setting, NOT_SET for nothing."""
    if value is None:
        return NOT_SET
    if isinstance(value, bool):
        return "yes" if value else "no"
    if value == ():
        return "none"
    # The formatter writes Markdown for Python-Markdown pages: text in it is all numeric
    # references (every "&" among them), so unescaping gives back exactly the words.
    return before + html.unescape(format_value(value, unit))


def value_name(doc: str) -> str:
    """What a value is, from its field's doc: "the tier ends below this subtotal; omit
    on the last tier" names it "the tier ends below this subtotal"."""
    return _EDITING_ADVICE.sub("", doc).strip()


def _doc(field: dataclasses.Field) -> str:
    text = str(field.metadata.get("doc", field.name))
    return text.split(": ", 1)[-1] if text.startswith("policy/") else text


def _docstring(record: type, name: str) -> str:
    """A derived value's name: the first line of its docstring, as a phrase."""
    text = (inspect.getdoc(getattr(record, name)) or name).split("\n")[0].rstrip(".")
    return text[:1].lower() + text[1:]
