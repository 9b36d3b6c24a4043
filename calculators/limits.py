"""The limits a field declares beside it, checked: counts, lengths, characters, number ranges.

Each check takes the value and the field's metadata (``calculators.model.doc``)
and gives ``(rule id, sentence)`` or None; ``calculators.shape`` places the
problem at its key path, and ``helpcenter.schema`` writes the same limits into
the JSON Schema. They exist so that no value can break a calculator or a
page: a ten-megabyte name, a number too large to count with, a line break in
a label.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

Meta = Mapping[str, Any]  # a field's metadata: its doc text and limits
Found = tuple[str, str] | None  # (rule id, sentence), or None when the value is fine

# Policy text is a name, a label or one sentence: a longer value is a paste
# gone wrong. A field may allow more (or less) with max_length.
TEXT_MAX_LENGTH = 200
# Unicode's control characters (category Cc: U+0000-U+001F, U+007F-U+009F)
# and its line and paragraph separators: none belongs in one line of text
# shown to shoppers. Ranges rather than unicodedata, so the JSON Schema can
# carry the same pattern.
CONTROL_CHARACTERS = r"\x00-\x1f\x7f-\x9f\u2028\u2029"  # regular-expression escapes
_CONTROL = re.compile(f"[{CONTROL_CHARACTERS}]")
_CONTROL_NAMES = {
    "\n": "a line break",
    "\r": "a carriage return",
    "\t": "a tab",
    "\u2028": "a line separator",
    "\u2029": "a paragraph separator",
}
# How much of a received text a sentence quotes back.
QUOTED_LENGTH = 60
# Digits beyond which a whole number is refused unread (and not quoted back):
# Python refuses to convert more than 4300 digits at all.
_INT_DIGITS = QUOTED_LENGTH


def shortened(text: str) -> str:
    """A received text quoted back, only its start when it is long."""
    if len(text) > QUOTED_LENGTH:
        return f"{text[:QUOTED_LENGTH]!r}… ({len(text)} characters)"
    return repr(text)


def text_limit(meta: Meta) -> int:
    """The most characters a text field takes: its own max_length, or the default."""
    return meta.get("max_length", TEXT_MAX_LENGTH)


def text_problem(text: str, meta: Meta) -> Found:
    """Too long, or not one line of plain characters."""
    limit = text_limit(meta)
    if len(text) > limit:
        return (
            "text-too-long",
            f"Expected at most {limit} characters but received {len(text)} characters.",
        )
    control = _CONTROL.search(text)
    if control:
        char = control.group(0)
        return (
            "control-character",
            (
                f"Expected text on one line without control characters but received "
                f"{_CONTROL_NAMES.get(char, 'a control character')} (U+{ord(char):04X}) "
                f"at character {control.start() + 1} of {shortened(text)}."
            ),
        )
    return None


def count_problem(entries: list | tuple | Mapping, meta: Meta) -> Found:
    """Fewer or more entries than the field's min_items and max_items."""
    low, high = meta.get("min_items"), meta.get("max_items")
    noun = "entries" if isinstance(entries, Mapping) else "items"
    if low is not None and len(entries) < low:
        wanted = (
            f"{low} {'entry' if noun == 'entries' else 'item'}" if low == 1 else f"{low} {noun}"
        )
        return ("too-few-items", f"Expected at least {wanted} but received {len(entries)}.")
    if high is not None and len(entries) > high:
        return ("too-many-items", f"Expected at most {high} {noun} but received {len(entries)}.")
    return None


def int_bounds(meta: Meta) -> str:
    """'a whole number from 1 to 365', as the field's limits say."""
    low, high = meta.get("minimum"), meta.get("maximum")
    if low is not None and high is not None:
        return f"a whole number from {low} to {high}"
    if low is not None:
        return f"a whole number of at least {low}"
    return "a whole number" if high is None else f"a whole number of at most {high}"


def digits_problem(digits: str, meta: Meta) -> Found:
    """A whole number written with more digits than any limit allows (not converted)."""
    count = len(digits.lstrip("-"))
    if count > _INT_DIGITS:
        message = f"Expected {int_bounds(meta)} but received a number of {count} digits."
        return ("out-of-range", message)
    return None
