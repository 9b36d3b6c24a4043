"""What a change means for customers, as one Markdown report (``helpcenter diff``).

Four parts, each left out when nothing in it changed: the policy values
(``helpcenter.diff_values``), the rows of the generated tables and the pages
whose text differs (``helpcenter.diff_pages``), and the answers to sample
orders (``helpcenter.diff_samples``). Nothing changed at all: exactly
``NO_CHANGE``.

The report is read on GitHub (a pull request's comment, a job's summary), which
renders CommonMark with GitHub's extensions (GFM), and as its raw text. Those
modules hand on plain text; ``gfm_text`` escapes every piece of it here, with as
few marks as GFM needs, so the raw report reads as the words it shows. The site's
pages are Python-Markdown and keep their own escaper (``helpcenter.escaping``).
"""

from __future__ import annotations

import re
import string
import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date
from itertools import groupby
from pathlib import Path

from calculators.policy import Policy
from helpcenter.diff_pages import (
    PageChange,
    TableChange,
    TableLine,
    changed_calculators,
    changed_pages,
    changed_tables,
    read_side,
)
from helpcenter.diff_samples import all_samples, answer_text
from helpcenter.diff_values import ValueChange, changed_values
from helpcenter.escaping import reference
from helpcenter.problems import Problem, counted

NO_CHANGE = "No change for customers."
# A changed value's line: its names, then "before → after".
ARROW = " → "
NAME_SEPARATOR = " › "

# -- GFM text --------------------------------------------------------------------

# Markup wherever they stand: code spans, emphasis, strikethrough (GFM's only, and a
# single "~" too: Python-Markdown shows its backslash), links and images ("!" and "("
# mean nothing without a "[" before them).
_ALWAYS_ESCAPED = frozenset("`*~[]")
# "&" starts a character reference only when a name or number and ";" follow (the
# widest of CommonMark's and Python-Markdown's readings).
_REFERENCE_START = re.compile(r"&(?=#[0-9]+;|#[xX][0-9a-fA-F]+;|[A-Za-z0-9]+;)")
# GitHub links a bare URL too (GFM's extended autolinks): "https://", "ftp://" and
# "www." at a word's start. A reference in place of the scheme's ":" or the "." after
# "www" keeps it text (Python-Markdown has no "\:" escape: a backslash would show
# there). (An e-mail address still links, to itself: nothing but inserted text stops it.)
_BARE_URL = re.compile(r"(?i)(?:https?|ftp)(:)//|(?<![a-z0-9])www(\.)")
# After up to three spaces at a line's start: a numbered-list marker ("1." or "1)",
# up to nine digits) followed by a space or the end.
_NUMBERED = re.compile(r"[0-9]{1,9}([.)])(?=[ \t]|$)")
_BLANKS = " \t"


def gfm_text(text: str, *, table_cell: bool = False) -> str:
    """``text`` as GFM that shows exactly that text and forms no element, block or
    link (but an e-mail address's, see ``_BARE_URL``).

    A backslash goes before the punctuation that would be markup, and nothing else
    is touched: apostrophes, parentheses and periods inside a sentence stay as they
    are. A reference stands in where Python-Markdown (the tests' renderer) has no
    backslash escape for markup it knows too: ``<`` is ``&lt;`` (no tag, no
    autolink), and a bare URL's ":" or "www." dot is a numeric reference. An ``&`` is
    ``&amp;`` only where it would start a reference, and a control character (a line
    break among them) is a numeric reference, so the text stays on its line.
    ``table_cell``: a ``|`` would end the cell, so it is escaped too.
    """
    marked = [_marked(text, index, table_cell) for index in range(len(text))]
    for url in _BARE_URL.finditer(text):
        index = url.start(1) if url[1] else url.start(2)
        marked[index] = reference(text[index])
    _guard_line_start(text, marked)
    return "".join(marked)


def _marked(text: str, index: int, table_cell: bool) -> str:
    character = text[index]
    before = text[index - 1] if index else ""
    after = text[index + 1 : index + 2]
    if character in _ALWAYS_ESCAPED or (table_cell and character == "|"):
        return "\\" + character
    if character == "\\":
        # Literal before a letter, digit or space; before punctuation, or at the end
        # (the report goes on after it), it would escape what follows.
        return "\\\\" if not after or after in string.punctuation else character
    if character == "_":
        # Between two letters or digits ("ordered_at") it can neither open nor close.
        return character if before.isalnum() and after.isalnum() else "\\_"
    if character == "<":
        return "&lt;"
    if character == "&" and _REFERENCE_START.match(text, index):
        return "&amp;"
    if unicodedata.category(character) == "Cc":
        return reference(character)
    return character


def _guard_line_start(text: str, marked: list[str]) -> None:
    """The text may open a line, where its first marks would start a block: a heading
    ("#"), a quote (">"), a list ("- ", "+ ", "1. ", "1) ") or a rule ("---")."""
    start = len(text) - len(text.lstrip(_BLANKS))
    rest = text[start:]
    if not rest:
        return
    first, second = rest[0], rest[1:2]
    list_item = first in "-+" and second in ("", *_BLANKS)
    rule = first == "-" and not rest.strip("-" + _BLANKS)  # "---", "- - -"
    if first in "#>" or list_item or rule:
        marked[start] = "\\" + first
    elif numbered := _NUMBERED.match(rest):
        marked[start + numbered.start(1)] = "\\" + numbered[1]


def code(text: str) -> str:
    """A name as written (a git ref, a path, a calculator), as a code span: shown as it
    is, never read as Markdown or HTML. A backtick in it would end the span early."""
    plain = "`" not in text and text.strip() == text and text.isprintable()
    return f"`{text}`" if plain and text else gfm_text(text)


# -- the report ------------------------------------------------------------------


@dataclass(frozen=True)
class AnswerChange:
    name: str  # the sample's name, as written (plain text)
    calculator: str
    before: str  # plain text
    after: str


@dataclass(frozen=True)
class Report:
    base: str  # BASE as the command was given it
    docs_folder: str  # how the pages' folder is named, like "docs"
    values: list[ValueChange]
    tables: list[TableChange]
    pages: list[PageChange]
    answers: list[AnswerChange]

    @property
    def empty(self) -> bool:
        return not (self.values or self.tables or self.pages or self.answers)


def compare(
    base: str,
    docs_folder: str,
    before: tuple[Policy, Path],
    after: tuple[Policy, Path],
    today: date,
) -> Report:
    """``before`` and ``after``: each side's published policy and its pages' folder;
    ``today``: the build day, which the built-in sample orders are dated from."""
    (old, old_docs), (new, new_docs) = before, after
    old_side, new_side = read_side(old_docs, old), read_side(new_docs, new)
    tables = changed_tables(old_side, new_side)
    calculators = changed_calculators(old_side, new_side)
    answers = []
    for sample in all_samples(new, old, today):
        was, now = answer_text(old, sample), answer_text(new, sample)
        if was != now:
            answers.append(AnswerChange(sample.name, sample.calculator, was, now))
    return Report(
        base,
        docs_folder,
        changed_values(old, new),
        tables,
        changed_pages(old_side, new_side, tables, calculators),
        answers,
    )


def base_does_not_load(base: str, problems: list[Problem], prefix: str) -> str:
    """One sentence: BASE's policy does not load, and its first reason."""
    first = str(problems[0]).replace(prefix, "") if problems else "no reason given"
    return (
        f"The policy at {code(base)} does not load ({counted(problems)}, the first: "
        f"{code(first)}), so there is nothing to compare this change with."
    )


def markdown(report: Report) -> str:
    if report.empty:
        return NO_CHANGE
    parts = [f"Compared with {code(report.base)}, customers see these changes."]
    if report.values:
        parts += ["### Policy values", "\n".join(f"- {value_line(v)}" for v in report.values)]
    if report.tables:
        parts += ["### Tables", *(_table(change) for change in report.tables)]
    if report.pages:
        parts += [
            "### Pages",
            "\n".join(_page(change, report.docs_folder) for change in report.pages),
        ]
    if report.answers:
        parts += ["### Sample orders", "\n".join(_answer(change) for change in report.answers)]
    return "\n\n".join(parts)


def value_line(change: ValueChange) -> str:
    """A changed value as the report lists it: where it is, what it is, before → after."""
    names = [code(change.file)] if change.file else []
    names += [gfm_text(name) for name in change.names]
    return f"{NAME_SEPARATOR.join(names)}: {gfm_text(change.before)}{ARROW}{gfm_text(change.after)}"


def _table(change: TableChange) -> str:
    titles = ", ".join(gfm_text(title) for title in change.pages)
    blocks = [f"The {code(change.name)} table{f', on {titles}' if titles else ''}:"]
    for header, lines in groupby(change.rows, key=lambda line: line.header):
        rows = list(lines)
        blocks.append("\n".join(_as_table(header, rows) if header else _as_list(rows)))
    return "\n\n".join(blocks)


def _as_table(header: tuple[str, ...], lines: list[TableLine]) -> Iterator[str]:
    """The rows under their table's header, with a first column saying which side."""
    yield "| |" + _cells(header)
    yield "|" + " --- |" * (len(header) + 1)
    for line in lines:
        yield f"| {line.side} |" + _cells(line.cells)


def _cells(cells: Iterable[str]) -> str:
    return "".join(f" {gfm_text(cell, table_cell=True)} |" for cell in cells)


def _as_list(lines: list[TableLine]) -> Iterator[str]:
    for line in lines:
        yield f"- {line.side}: {gfm_text(' '.join(line.cells))}"


def _page(change: PageChange, docs_folder: str) -> str:
    where = code(f"{docs_folder}/{change.path}")
    title = f"{_bold(change.title)} ({where})" if change.title else where
    if change.what == "added":
        return f"- {title}: a new page."
    if change.what == "removed":
        return f"- {title}: removed."
    if change.what == "unfilled":
        return (
            f"- {title}: its placeholders do not all fill on one side (helpcenter check says why)."
        )
    lines = [f"- {title}"]
    lines += [f"  - {side}: {gfm_text(line)}" for side, line in change.excerpt]
    if change.more_lines:
        lines.append(f"  - and {change.more_lines} more changed lines")
    if change.blocks:
        lines.append(f"  - changed on it: {', '.join(change.blocks)}")
    return "\n".join(lines)


def _answer(change: AnswerChange) -> str:
    return "\n".join(
        [
            f"- {_bold(change.name)} ({code(change.calculator)})",
            f"  - before: {gfm_text(change.before)}",
            f"  - after: {gfm_text(change.after)}",
        ]
    )


def _bold(text: str) -> str:
    # A space just inside the stars would keep them from making the text bold.
    return f"**{gfm_text(text.strip())}**"
