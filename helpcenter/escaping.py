"""Policy text made inert before it goes into a page: the one place that decides how.

Editors write free text in ``policy/`` (a store name, a stage summary, a
defect); pages, tables and widgets quote it. Quoted text must read exactly as
written and never act: no HTML element, no Markdown link or heading, no table
cell split, no ``{{ … }}`` that a later pass (the Markdown extension, which
runs after the plugin has filled a page) would fill again.

``markdown_text`` is for text placed into Markdown (placeholders, table cells,
list items, headings). Every ASCII punctuation character outside
``SAFE_PUNCTUATION`` becomes a numeric character reference (``<`` is
``&#60;``): Python-Markdown passes references through untouched, in text and
in link targets alike, and browsers (and ``html.unescape``) show the character.
Whitespace other than the plain space, and control characters, are encoded the
same way, so a value is always one line; spaces at its ends, and a first
character that would open a block ("- ", "1. "), are encoded too.

E-mail addresses and domain names (``calculators.values.EmailAddress`` and
``DomainName``, which declare ``MARKDOWN_SAFE``) go in as they are, so
``[{{ policy.store.support_email }}](mailto:{{ policy.store.support_email }})``
reads the same in the page's source, its HTML and the browser.

``html_text`` is for the raw HTML the widgets write (text and attribute values).

Values the code formats itself (money, dates, day ranges, numbers, weekdays)
contain no syntax: placeholders quote them as they are, and table cells, which
are escaped whole, read the same.
"""

from __future__ import annotations

import html
import re
import string
import unicodedata

# Punctuation with no meaning to Python-Markdown or to the project's extensions
# (admonition, attr_list, md_in_html, tables, toc) inside a line, kept literal
# so common text, money ("$59"), e-mail addresses ("help+orders@example.com")
# and domains ("example.com") stay readable in the generated Markdown and
# unchanged in link targets like (mailto:…). Everything else is encoded:
# \ ` * _ { } [ ] ( ) < > # ! | ~ ^ = & " '
# Among those, { and } keep a value from being filled again as a placeholder,
# " and ' keep it inside an HTML attribute a page may put it in, ( and ) keep it
# inside a link target, _ keeps "_a_@example.com" from turning italic.
SAFE_PUNCTUATION = frozenset(",.-+@%/:;?$")
ENCODED_PUNCTUATION = frozenset(string.punctuation) - SAFE_PUNCTUATION
# Safe characters that begin a block at the start of a line: "- a" and "+ a"
# (lists), "---" (a rule, or the underline that makes the line above a
# heading), "1. a" (a numbered list); and, with extensions a store may add,
# ": a" (definition lists) and "???" (collapsible blocks). Review both sets
# before adding an extension that gives meaning to another character (smarty:
# - and '; arithmatex: $; emoji: :).
LINE_START_PUNCTUATION = frozenset("-+.:?")


def reference(character: str) -> str:
    """The numeric character reference for one character: '<' -> '&#60;'."""
    return f"&#{ord(character)};"


def _needs_reference(character: str) -> bool:
    return (
        character in ENCODED_PUNCTUATION
        or (character.isspace() and character != " ")
        or unicodedata.category(character) == "Cc"
    )


# The characters of an e-mail address or a domain name. A str subclass that
# declares MARKDOWN_SAFE (calculators.values.EmailAddress, DomainName) has been
# checked against a stricter pattern than this by its own parse; it is passed
# as it is only if it also fits here, so a wrong declaration is escaped anyway.
# An underscore only between letters or digits: "a._b_@x" would turn italic.
_PLAIN_ADDRESS = re.compile(r"[A-Za-z0-9](?:[A-Za-z0-9.%+@-]|(?<=[A-Za-z0-9])_(?=[A-Za-z0-9]))*")


def declared_markdown_safe(text: str) -> bool:
    """Whether ``text`` is an address that goes into pages as it is: the same
    text fills a link's words and its target (``[x](mailto:x)``), which then
    reads as the editor wrote it in the HTML too."""
    return bool(getattr(type(text), "MARKDOWN_SAFE", False)) and bool(
        _PLAIN_ADDRESS.fullmatch(text)
    )


def markdown_text(text: str) -> str:
    """``text`` as Markdown that renders as exactly that text, and nothing else."""
    if declared_markdown_safe(text):
        return str(text)
    encoded = [reference(c) if _needs_reference(c) else c for c in text]
    _guard_edges(text, encoded)
    _guard_line_start(text, encoded)
    return "".join(encoded)


def _guard_edges(text: str, encoded: list[str]) -> None:
    """Leading spaces would indent (a code block, a list continuation); trailing
    ones before a line end are a hard line break; Markdown strips both."""
    leading = len(text) - len(text.lstrip(" "))
    trailing = len(text) - len(text.rstrip(" "))
    for index in [*range(leading), *range(len(text) - trailing, len(text))]:
        encoded[index] = reference(" ")


def _guard_line_start(text: str, encoded: list[str]) -> None:
    """A value may stand at the start of a line (a placeholder opening a line, a
    list item's text), where it must not begin a block: its first character, or
    the first one after leading digits ("1. a"), is encoded if it could."""
    digits = len(text) - len(text.lstrip(string.digits))
    if digits == len(text):
        return
    if text[digits] == "." or (digits == 0 and text[0] in LINE_START_PUNCTUATION):
        encoded[digits] = reference(text[digits])


def html_text(text: str) -> str:
    """``text`` for raw HTML, in element text or a quoted attribute value.

    Besides & < > " ', the braces are encoded (a widget is raw HTML inside the
    Markdown page, which the Markdown extension scans for placeholders again),
    and so are control characters, line ends among them: a value never puts a
    blank line inside the HTML block, which would end it.
    """
    escaped = html.escape(text, quote=True)
    return "".join(
        reference(c) if c in "{}" or unicodedata.category(c) == "Cc" else c for c in escaped
    )
