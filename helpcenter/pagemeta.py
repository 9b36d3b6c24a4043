"""What a page says about itself besides its text: the description search results
show, and the day the policy it quotes last changed.

The MkDocs plugin (``helpcenter.plugin``) calls these for each page; nothing
here knows MkDocs but its reading of front matter. The check
(``helpcenter.pipeline``) asks ``front_matter_problems`` of every page, so a
wrong ``structured_data:`` fails ``helpcenter check`` as it fails the build.

- **Description.** The page's front matter ``description:``, or else its first
  paragraph, as plain text (placeholders filled, markup and references gone),
  cut at a word boundary to at most ``DESCRIPTION_LIMIT`` characters: about what
  search results show before they cut the text themselves. A first paragraph
  that ends with ":" leads into a table or a list the description cannot show:
  the next paragraph of the page's opening (before its next heading) that does
  not end so is taken instead, else the colon gives way to "." (or "…" when
  the words before it cannot end a sentence: "such as:").
- **Last updated.** The latest commit, in git's history, that touched the
  page's Markdown file or any file of the policy folder: the simplest rule that
  never shows a date older than a change to what the page says (a page quotes
  the policy through placeholders and tables, and following which of them come
  from which file would be a second declaration of the policy's shape). Outside
  a git repository, in a shallow clone (whose one commit would seem to touch
  every file) or without git, there is no date and the page shows none.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import datetime
from html.parser import HTMLParser
from pathlib import Path

from mkdocs.utils.meta import get_data

from helpcenter.gitcli import git_output
from helpcenter.jsonld import FRONT_MATTER_KEY, UnknownKind, page_kinds
from helpcenter.problems import Position, Problem

DESCRIPTION_LIMIT = 155
ELLIPSIS = "…"
# Elements a paragraph can sit in without being the page's own text: a widget,
# an admonition, a table cell, a list item, a quotation.
_CONTAINERS = frozenset(
    {"div", "details", "aside", "section", "table", "blockquote", "li", "form", "figure"}
)
_VOID = frozenset({"br", "hr", "img", "input", "meta", "link", "wbr", "source", "area", "col"})


# Words a sentence cannot end on ("Our fees are:", "such as:", "the following:"): a
# lead-in that ends with one is cut with "…", any other with ".".
_HANGING = re.compile(
    "a|an|the|of|to|for|with|by|from|in|on|at|as|into|than|and|or|but|nor|is|are|was|were|be|"
    "being|been|include|includes|including|like|such|following|these|this|those|either|our|"
    "your|their|its"
)
_HEADINGS = frozenset({"h1", "h2", "h3", "h4", "h5", "h6"})


class _FirstParagraph(HTMLParser):
    """The text of the first ``<p>`` that is not inside a container element and does
    not end with ":"; a first one that does is kept (``lead_in``), and the search for
    another ends at the next heading, where the page's opening ends."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.open: list[str] = []
        self.inside = False
        self.parts: list[str] = []
        self.found: str | None = None
        self.lead_in: str | None = None
        self.done = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if self.done or tag in _VOID:
            return
        if tag in _HEADINGS and self.lead_in is not None:
            self.done = True
            return
        if tag == "p" and not self.inside and not _CONTAINERS.intersection(self.open):
            self.inside, self.parts = True, []
        self.open.append(tag)

    def handle_endtag(self, tag: str) -> None:
        if self.done or tag not in self.open:
            return
        while self.open and self.open.pop() != tag:
            pass  # an element left open inside this one ends with it
        if tag == "p" and self.inside:
            self.inside = False
            text = " ".join("".join(self.parts).split())
            if text and not text.endswith(":"):
                self.found, self.done = text, True
            elif text and self.lead_in is None:
                self.lead_in = text

    def handle_data(self, data: str) -> None:
        if self.inside and not self.done:
            self.parts.append(data)


def first_paragraph(page_html: str) -> str | None:
    """The page's first paragraph of its own text, as plain text, or None.

    One that ends with ":" (it leads into a table or a list) gives way to the
    next paragraph before the page's next heading that does not; without one,
    it is the description with its colon made an ending (``_without_colon``).
    """
    parser = _FirstParagraph()
    # Fed a paragraph at a time, and no further than the one it takes: a long page
    # costs no more than its start (the build runs this for every page).
    start = 0
    while not parser.done and start < len(page_html):
        end = page_html.find("</p>", start)
        end = len(page_html) if end < 0 else end + len("</p>")
        parser.feed(page_html[start:end])
        start = end
    parser.close()
    if parser.found is not None:
        return parser.found
    return _without_colon(parser.lead_in) if parser.lead_in is not None else None


def _without_colon(text: str) -> str:
    """A lead-in ending with its colon made an ending: "The fees are as listed:" ->
    "The fees are as listed.", and "…" after a word no sentence ends on: "such as…"."""
    words = text.rstrip(":").rstrip().split()
    if not words:
        return ""
    last = words[-1].lower().strip("\"'’”)")
    ending = ELLIPSIS if _HANGING.fullmatch(last) else "."
    return " ".join(words).rstrip(" ,;:–—-") + ending


def trimmed(text: str, limit: int = DESCRIPTION_LIMIT) -> str:
    """``text`` on one line, cut after its last whole word that fits in ``limit``
    characters with an ellipsis; as it is when it fits."""
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    cut = text[: limit - len(ELLIPSIS) + 1]  # one more: a word that ends just there fits
    space = cut.rfind(" ")
    cut = cut[:space] if space > 0 else cut[: limit - len(ELLIPSIS)]
    return cut.rstrip(" ,;:–—-") + ELLIPSIS


def description(front_matter: object, page_html: str) -> str | None:
    """The page's description: its front matter's (with its placeholders filled,
    whose text comes as character references), or its first paragraph; trimmed."""
    given = html.unescape(front_matter).strip() if isinstance(front_matter, str) else ""
    text = given or first_paragraph(page_html)
    return trimmed(text) if text else None


@dataclass(frozen=True)
class History:
    """When each file was last committed, as git's history says (empty outside git)."""

    changed: Mapping[Path, datetime] = field(default_factory=dict)

    def latest(self, places: Iterable[Path]) -> datetime | None:
        """The latest commit time of any of ``places`` (files, or folders: any file
        in them), or None if git knows none of them."""
        roots = [place.resolve() for place in places]
        times = [
            when
            for path, when in self.changed.items()
            if any(path == root or root in path.parents for root in roots)
        ]
        return max(times, default=None)


def git_history(folders: Iterable[Path]) -> History:
    """The commit times of the files in ``folders`` (all in one repository), or an
    empty history outside git, in a shallow clone, or without git."""
    folders = [folder.resolve() for folder in folders]
    if not folders:
        return History()
    where = git_output(folders[0], "rev-parse", "--is-shallow-repository", "--show-toplevel")
    lines = where.splitlines() if where is not None else []
    if len(lines) != 2 or lines[0] != "false":
        return History()
    top = Path(lines[1]).resolve()
    # Committer dates, newest commit first; each commit as a NUL, its date, then the
    # files it touched (renames as a deletion and an addition: both names count).
    log = git_output(
        top,
        "-c",
        "core.quotePath=false",
        "log",
        "--no-renames",
        "--format=%x00%cI",
        "--name-only",
        "--",
        *(str(folder) for folder in folders),
    )
    changed: dict[Path, datetime] = {}
    for commit in (log or "").split("\0")[1:]:
        date_line, *names = commit.split("\n")
        when = datetime.fromisoformat(date_line.strip())
        for name in filter(None, names):
            changed.setdefault((top / name).resolve(), when)
    return History(changed)


def front_matter_problems(text: str, shown: str) -> list[Problem]:
    """What is wrong with a page's front matter, for the one check (helpcenter.pipeline):
    a ``structured_data:`` kind there is none of (helpcenter.jsonld), at its line."""
    _, meta = get_data(text)
    try:
        page_kinds(meta)
    except UnknownKind as error:
        prefix = f"{FRONT_MATTER_KEY}:"
        line = next((n for n, row in enumerate(text.splitlines(), 1) if row.startswith(prefix)), 1)
        return [Problem("structured-data", Position(shown, line, 1), str(error))]
    return []
