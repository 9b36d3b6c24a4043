"""The generated tables and the pages whose text differs between two stores.

Both sides' pages are filled by the build's own placeholder substitution
(``helpcenter.placeholders.render_page`` with ``helpcenter.pages.renderers``),
without MkDocs, and compared as filled Markdown. Tables and calculator widgets
are compared on their own, and a page's excerpt quotes only its own lines
(its text with the tables and widgets left out), so a changed table is said
once, row by row, under the tables.

What this module hands on is text as a reader of the page sees it, never
Markdown: each line is rendered by Python-Markdown, as the site renders it (a
list item without its marker, a link as its words, references decoded), and a
table row becomes its cells. The report escapes that text for where it goes.
"""

from __future__ import annotations

import difflib
import functools
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from html.parser import HTMLParser
from itertools import zip_longest
from pathlib import Path

from markdown import Markdown

from calculators.policy import Policy
from helpcenter.pages import renderers
from helpcenter.placeholders import PageError, Renderers, render_page
from helpcenter.textfiles import read_text

_BLOCK = re.compile(r"^\s*\{\{\s*(table|calculator)\.([a-z][a-z0-9_]*)\s*\}\}\s*$")
_HEADING = re.compile(r"^#\s+(.*?)(?:\s*\{[^}]*\})?\s*$")
# The row under a table's header, with or without its outer pipes and alignment colons.
_TABLE_RULE = re.compile(r"^\|?\s*:?-+:?\s*(\|\s*:?-+:?\s*)*\|?$")
# A pipe that ends a cell: one without a backslash before it.
_CELL_END = re.compile(r"(?<!\\)\|")
# How a table row reads on one line: its cells, in order.
CELL_SEPARATOR = " · "
# The Python-Markdown extensions both stores' pages use on single lines: an
# admonition's title line, a button's { .md-button }, a heading's {#id}.
_LINE_EXTENSIONS = ("admonition", "attr_list")
# The front matter's fences, which no reader sees ("..." would render as words).
_FENCES = frozenset({"---", "..."})
# A page's excerpt quotes this many changed lines at most; the rest are counted.
EXCERPT_LINES = 3


@dataclass(frozen=True)
class Page:
    """One page as filled on one side; ``filled`` is None where a placeholder fails."""

    title: str  # text, from its first heading
    filled: str | None
    own_text: str | None  # filled, without its tables and widgets
    blocks: tuple[tuple[str, str], ...]  # the (table|calculator, name) it embeds


@dataclass
class Side:
    """One store's pages and the tables and widgets they can embed, filled for its policy."""

    policy: Policy
    pages: dict[str, Page] = field(default_factory=dict)  # by path inside the docs folder
    fill: Renderers = field(default_factory=lambda: renderers().remembered())

    def block(self, space: str, name: str) -> str | None:
        render = (self.fill.tables if space == "table" else self.fill.calculators).get(name)
        try:
            return render(self.policy) if render else None
        except ValueError:  # a table with nothing to show (no payments.yml, say)
            return None


def read_side(docs_dir: Path, policy: Policy) -> Side:
    side = Side(policy)
    for path in sorted(docs_dir.rglob("*.md")) if docs_dir.is_dir() else []:
        text, _ = read_text(path, path.name)
        if text is not None:
            side.pages[path.relative_to(docs_dir).as_posix()] = _page(text, side)
    return side


def _page(text: str, side: Side) -> Page:
    lines = _without_front_comments(text.split("\n"))
    blocks = tuple((m[1], m[2]) for m in map(_BLOCK.match, lines) if m)
    own = "\n".join("" if _BLOCK.match(line) else line for line in lines)
    try:
        filled = render_page("\n".join(lines), side.policy, "page", side.fill)
        own_text = render_page(own, side.policy, "page", side.fill)
    except PageError:
        return Page(_title(text), None, None, blocks)
    return Page(_title(filled), filled, own_text, blocks)


def _without_front_comments(lines: list[str]) -> list[str]:
    """The page without the comments of its front matter (``---`` lines around YAML at
    its top), which no reader sees; its values (a description for search results) stay."""
    if not lines or lines[0].strip() != "---":
        return lines
    end = next((i for i, line in enumerate(lines[1:], 1) if line.strip() in ("---", "...")), 0)
    front = [line for line in lines[1:end] if not line.lstrip().startswith("#")]
    return [lines[0], *front, *lines[end:]] if end else lines


def _title(markdown: str) -> str:
    """The page's first heading, after its front matter, as text."""
    lines = markdown.split("\n")
    if lines and lines[0].strip() == "---":
        end = next((i for i, line in enumerate(lines[1:], 1) if line.strip() in ("---", "...")), 0)
        lines = lines[end + 1 :]
    return next((line_text(m[1]) for m in map(_HEADING.match, lines) if m), "")


# -- Markdown as text ------------------------------------------------------------


def line_text(line: str) -> str:
    """One line of a page as its reader sees it: "- Your order *ships* [soon](x.md)"
    reads "Your order ships soon"; a table row reads as its cells joined by " · "; a
    line with no words (a rule, a fence, an HTML tag) reads ""."""
    line = line.strip()
    if line.startswith("|"):
        return CELL_SEPARATOR.join(cell for cell in table_cells(line) if cell)
    return _rendered_text(line)


def table_cells(row: str) -> tuple[str, ...]:
    """A table row's cells as text; () for the rule under a header."""
    row = row.strip()
    if _TABLE_RULE.match(row):
        return ()
    cells = _CELL_END.split(row)
    if row.startswith("|"):
        cells = cells[1:]
    if row.endswith("|") and not row.endswith("\\|"):
        cells = cells[:-1]
    # A "\|" is a pipe in the cell's text: the table's syntax, not the cell's.
    return tuple(_rendered_text(cell.replace("\\|", "|")) for cell in cells)


class _TextOf(HTMLParser):
    """The words of rendered HTML: its text, and an image's alternative text."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []

    def handle_data(self, data: str) -> None:
        self.parts.append(data)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "img":
            self.parts.append(dict(attrs).get("alt") or "")


@functools.cache
def _line_renderer() -> Markdown:
    return Markdown(extensions=list(_LINE_EXTENSIONS))


def _rendered_text(markdown: str) -> str:
    """Markdown rendered as the site renders it, then read as words, one line."""
    renderer = _line_renderer()
    renderer.reset()
    reader = _TextOf()
    reader.feed(renderer.convert(markdown))
    reader.close()
    return " ".join("".join(reader.parts).split())


# -- tables ----------------------------------------------------------------------


@dataclass(frozen=True)
class TableLine:
    """A changed line of a generated table, as text."""

    header: tuple[str, ...]  # the cells of its table's header; () for a line outside a table
    side: str  # "before" or "after"
    cells: tuple[str, ...]  # a row's cells, or a line outside a table as its one text


@dataclass(frozen=True)
class TableChange:
    name: str
    pages: tuple[str, ...]  # titles of the pages that show it
    rows: tuple[TableLine, ...]


def changed_tables(before: Side, after: Side) -> list[TableChange]:
    """Each table a page shows (on either side) whose lines differ, line by line."""
    shown = _embedded(before, after, "table")
    changes = []
    for name, titles in shown.items():
        old, new = before.block("table", name) or "", after.block("table", name) or ""
        if old != new:
            changes.append(TableChange(name, titles, tuple(_changed_lines(old, new))))
    return changes


def changed_calculators(before: Side, after: Side) -> list[str]:
    """The calculators whose widget (choices, worked example) differs."""
    shown = _embedded(before, after, "calculator")
    return [n for n in shown if before.block("calculator", n) != after.block("calculator", n)]


def _embedded(before: Side, after: Side, space: str) -> dict[str, tuple[str, ...]]:
    found: dict[str, list[str]] = {}
    for side in (after, before):
        for page in side.pages.values():
            for kind, name in page.blocks:
                titles = found.setdefault(name, [])
                if kind == space and page.title not in titles:
                    titles.append(page.title)
    return {name: tuple(titles) for name, titles in found.items() if titles}


def _changed_lines(old: str, new: str) -> Iterator[TableLine]:
    old_lines, new_lines = old.split("\n"), new.split("\n")
    matcher = difflib.SequenceMatcher(None, old_lines, new_lines, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            continue
        for side, lines, start, end in (
            ("before", old_lines, i1, i2),
            ("after", new_lines, j1, j2),
        ):
            for number in range(start, end):
                header = _header(lines, number)
                cells = table_cells(lines[number]) if header else (line_text(lines[number]),)
                if any(cells):  # not a blank line, nor a table's rule
                    yield TableLine(header, side, cells)


def _header(lines: list[str], number: int) -> tuple[str, ...]:
    """The header cells of the table holding row ``number``; () for a line outside one."""
    if not lines[number].startswith("|") or _TABLE_RULE.match(lines[number]):
        return ()
    for above in range(number - 1, 0, -1):
        if lines[above].startswith("|") and _TABLE_RULE.match(lines[above]):
            return table_cells(lines[above - 1])
        if not lines[above].startswith("|"):
            break
    return ()


# -- pages -----------------------------------------------------------------------


@dataclass(frozen=True)
class PageChange:
    path: str  # inside the docs folder
    title: str  # text
    what: str  # "changed", "added", "removed", "unfilled"
    excerpt: tuple[tuple[str, str], ...] = ()  # ("before"/"after", a line of its own, as text)
    more_lines: int = 0  # changed lines of its own beyond the excerpt
    blocks: tuple[str, ...] = ()  # "the methods table", "the delivery calculator"


def changed_pages(
    before: Side, after: Side, tables: list[TableChange], calculators: list[str]
) -> list[PageChange]:
    changed_blocks = {("table", t.name) for t in tables} | {("calculator", c) for c in calculators}
    changes = []
    for path in sorted(set(before.pages) | set(after.pages)):
        old, new = before.pages.get(path), after.pages.get(path)
        if old is None or new is None:
            page = new or old
            assert page is not None  # the path came from one side or the other
            changes.append(PageChange(path, page.title, "added" if old is None else "removed"))
        elif old.filled is None or new.filled is None:
            changes.append(PageChange(path, new.title or old.title, "unfilled"))
        elif old.filled != new.filled:
            changes.append(_page_change(path, old, new, changed_blocks))
    return changes


def _page_change(
    path: str, old: Page, new: Page, changed_blocks: set[tuple[str, str]]
) -> PageChange:
    lines = list(_own_changes(old.own_text or "", new.own_text or ""))
    blocks = [
        f"the `{name}` {kind}"  # names of the placeholder grammar: no backtick in them
        for kind, name in dict.fromkeys((*new.blocks, *old.blocks))
        if (kind, name) in changed_blocks
    ]
    return PageChange(
        path,
        new.title or old.title,
        "changed",
        tuple(lines[:EXCERPT_LINES]),
        max(len(lines) - EXCERPT_LINES, 0),
        tuple(blocks),
    )


def _own_changes(old: str, new: str) -> Iterator[tuple[str, str]]:
    """The page's own changed lines as text, each before paired with its after; lines
    with no words (blank, a rule, a fence) are left out, and so is a pair that reads
    the same (only its markup changed)."""
    old_lines, new_lines = old.split("\n"), new.split("\n")
    matcher = difflib.SequenceMatcher(None, old_lines, new_lines, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            continue
        for was, now in zip_longest(old_lines[i1:i2], new_lines[j1:j2], fillvalue=""):
            was_text, now_text = (
                "" if line.strip() in _FENCES else line_text(line) for line in (was, now)
            )
            if was_text == now_text:
                continue
            if was_text:
                yield "before", was_text
            if now_text:
                yield "after", now_text
