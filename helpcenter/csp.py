"""The Content-Security-Policy of a built site, computed from its pages.

No inline code runs unless the policy names it: every distinct inline script
of every built page is allowed by its SHA-256 hash, never by
``'unsafe-inline'``. One policy covers the whole site, because Material's
instant navigation runs the next page's inline scripts inside the page the
visitor opened first, under that first page's policy.

What each directive allows, and why:

- ``script-src 'self' 'wasm-unsafe-eval'`` and the hashes: the site's own
  files; Pyodide compiles its interpreter from WebAssembly (the worker gets
  this policy with its own response, so it must say so too); Material's small
  inline scripts (the palette, the search scope) by hash. Event-handler
  attributes (``onclick="…"``), should a template write one, are allowed by
  hash with ``'unsafe-hashes'``, which is added only then.
- ``style-src 'self'``: measured in Chromium over every page and answer,
  Material 9 and the runtime set styles through ``element.style`` (which a
  policy does not restrict) and write no ``style`` attribute or ``<style>``
  element, so styles need no ``'unsafe-inline'``. Any that a page does have
  are allowed by hash, attributes with ``'unsafe-hashes'``.
- ``worker-src``, ``connect-src 'self'``: the calculators' worker, Material's
  search worker, and every fetch (manifest, archives, tables, Pyodide) are
  the site's own. A store's product page on another origin reading
  ``delivery-line.js`` and the tables is CORS (``helpcenter.headers``) and
  that page's own policy, not this one.
- ``img-src 'self' data:``: Material's icons are data: URLs in its CSS.
- ``object-src``, ``base-uri``, ``frame-ancestors 'none'``, ``form-action
  'self'``: nothing to embed, no ``<base>``, no framing by other sites, and
  forms post nowhere else (the calculators' forms never leave the page).
"""

from __future__ import annotations

import base64
import hashlib
import html
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urlsplit

# A <script> whose type is missing, empty, one of these (the HTML standard's
# JavaScript MIME types) or "module" runs; import maps and speculation rules
# do not run but script-src governs them all the same. Any other type
# (application/ld+json, Material's application/json config) is a data block,
# which no policy restricts.
JAVASCRIPT_TYPES = frozenset(
    {
        "application/ecmascript",
        "application/javascript",
        "application/x-ecmascript",
        "application/x-javascript",
        "text/ecmascript",
        "text/javascript",
        "text/javascript1.0",
        "text/javascript1.1",
        "text/javascript1.2",
        "text/javascript1.3",
        "text/javascript1.4",
        "text/javascript1.5",
        "text/jscript",
        "text/livescript",
        "text/x-ecmascript",
        "text/x-javascript",
    }
)
SCRIPT_SRC_TYPES = JAVASCRIPT_TYPES | {"", "module", "importmap", "speculationrules"}

WASM = "'wasm-unsafe-eval'"
UNSAFE_HASHES = "'unsafe-hashes'"


@dataclass
class InlineCode:
    """The inline code of some pages, each distinct text once."""

    scripts: set[str] = field(default_factory=set)  # <script> elements that script-src governs
    handlers: set[str] = field(default_factory=set)  # onclick="…" and the like
    styles: set[str] = field(default_factory=set)  # <style> elements
    style_attributes: set[str] = field(default_factory=set)  # style="…"
    # Other origins a page sends to: the "Was this page helpful?" box's address
    # (mkdocs.yml extra.feedback_url, its data-url), which sendBeacon posts to.
    connect_origins: set[str] = field(default_factory=set)


class _InlineCodeFinder(HTMLParser):
    """Collects a page's inline code into ``found`` (the parser keeps script text raw)."""

    def __init__(self, found: InlineCode) -> None:
        super().__init__(convert_charrefs=True)
        self.found = found
        self.open: str | None = None  # "script" or "style" while one collects text
        self.text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes: dict[str, str] = {}
        valueless: set[str] = set()
        for name, value in attrs:  # a repeated attribute: the first counts, as in browsers
            if name not in attributes and value is None:
                valueless.add(name)
            attributes.setdefault(name, value or "")
        # A handler or style written without a value (<p onclick>) has nothing to
        # run or apply: no hash for it (the browser notes the empty one it blocks).
        for name, value in attributes.items():
            if name.startswith("on") and name not in valueless:
                self.found.handlers.add(value)
        if "style" in attributes and "style" not in valueless:
            self.found.style_attributes.add(attributes["style"])
        if "data-hc-feedback" in attributes and attributes.get("data-url"):
            origin = _origin(attributes["data-url"])
            if origin:
                self.found.connect_origins.add(origin)
        kind = attributes.get("type", "").strip().lower()
        if tag == "script" and "src" not in attributes and kind in SCRIPT_SRC_TYPES:
            self.open, self.text = "script", []
        elif tag == "style":
            self.open, self.text = "style", []

    def handle_data(self, data: str) -> None:
        if self.open is not None:
            self.text.append(data)

    def handle_endtag(self, tag: str) -> None:
        if tag != self.open:
            return
        target = self.found.scripts if tag == "script" else self.found.styles
        target.add("".join(self.text))
        self.open = None


def _origin(address: str) -> str | None:
    """``https://example.com:8443`` of an absolute address; None for a same-site path."""
    parts = urlsplit(address.strip())
    if parts.scheme not in ("http", "https") or not parts.netloc:
        return None
    return f"{parts.scheme}://{parts.netloc.rsplit('@', 1)[-1]}"


def inline_code(pages: Iterable[str | bytes]) -> InlineCode:
    """The inline code of ``pages`` (HTML, as text or as the UTF-8 a site holds)."""
    found = InlineCode()
    # Pieces of earlier pages that hold no code besides scripts: each page repeats
    # the whole navigation, so without this the reading grows with pages squared.
    seen = _SafePieces()
    for page in pages:
        data = page.encode("utf-8") if isinstance(page, str) else page
        if not _read_quickly(data, found, seen):
            finder = _InlineCodeFinder(found)
            finder.feed(data.decode("utf-8", errors="replace"))
            finder.close()
    return found


@dataclass
class _SafePieces:
    """Pieces of pages read before and found free of code besides scripts: first
    the stretches between ``</li>`` (the navigation, nearly all of every page, in a
    few hundred pieces, so a page already seen costs little more than its
    splitting), then, within a new stretch, its lines."""

    stretches: set[bytes] = field(default_factory=set)
    lines: set[bytes] = field(default_factory=set)
    scripts: set[bytes] = field(default_factory=set)  # texts the parser ends where we do


# The parser reads about 4 MB a second, and every page lists every other in its
# navigation, so a site of 1,000 pages is hundreds of MB. A page whose only inline
# code is <script> elements (every page Material and these templates write) is
# read by regular expressions instead, to the same result; a page with anything
# else that might be code (a comment, an on…= or style= attribute, a <style>),
# or that they might misread, goes to the parser. They read the page's UTF-8, not
# its text: about twice as fast (a page with one "→" is stored two bytes a
# character as text), and the markup they look for is ASCII.
# A script as the parser reads one: the tag's name ends where its does ("<scripté"
# or "<script\v" is another element), and the text at the first "</script>"
# (one the parser would end sooner, "</ script>", sends the page to it).
_SCRIPT = re.compile(
    rb"<script(?=[\t\n\r\f />\x00])([^<>]*)>(.*?)</script\s*>", re.IGNORECASE | re.DOTALL
)
_PARSERS_SCRIPT_END = re.compile(r"</\s*script\s*>", re.IGNORECASE)  # html.parser's, as text
# Read in the page lowered (a case-insensitive expression is several times slower).
_MARKUP_FOR_THE_PARSER = re.compile(rb"<!--|<style|<script")
# onclick=, style=: a name as the parser reads one (anything up to a space, "/",
# "=" or ">"), so "oné=" and "onclick<=" count too.
_MAYBE_CODE_ATTRIBUTE = re.compile(rb"(?:on[^\s/=>]*|style)\s*=")
# Space to the parser, which reads text: ASCII's, \x1c-\x1f, and (counted as
# such here, to be safe) any byte of a character beyond ASCII.
_SPACE = rb"\s\x1c-\x1f\x80-\xff"
# A line that starts with "=": the value of a name at an earlier line's end.
_VALUE_ON_NEXT_LINE = re.compile(rb"\n[" + _SPACE + rb"]*=")
_NAME_AT_LINE_END = re.compile(rb"(?:on[^\s/=>]*|style)[" + _SPACE + rb"]*$")
_BEFORE_AN_ATTRIBUTE = frozenset(b" \t\n\r\f\v\x1c\x1d\x1e\x1f\"'/") | frozenset(range(0x80, 0x100))
_ATTRIBUTE = re.compile(r"""([^\s"'<>/=]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'=<>`]+)))?""")
_FEEDBACK_BOX = b"data-hc-feedback"
# No code attribute or markup for the parser spans it ("/" and ">" end a name).
_STRETCH_END = b"</li>"


def _read_quickly(page: bytes, found: InlineCode, seen: _SafePieces) -> bool:
    """``page``'s scripts and feedback address into ``found``, if expressions can read
    them exactly as the parser would; False (``found`` untouched) if not."""
    matches = list(_SCRIPT.finditer(page))
    ends = [0, *(at for m in matches for at in m.span()), len(page)]
    outside_scripts = b"".join(page[ends[i] : ends[i + 1]] for i in range(0, len(ends), 2))
    if _needs_the_parser(outside_scripts, seen):
        return False
    tags = [(match[1], match[2]) for match in matches]
    if any(_ends_sooner(text, seen) for _, text in tags):
        return False
    # A quote left open: a ">" inside an attribute's value ended the tag too soon.
    if any(attributes.count(b'"') % 2 or attributes.count(b"'") % 2 for attributes, _ in tags):
        return False
    # "<script" inside another tag's text (<p a<script>) is no element to the parser.
    if any(page.rfind(b"<", 0, m.start()) > page.rfind(b">", 0, m.start()) for m in matches):
        return False
    feedback_tags = _tags_holding(outside_scripts, _FEEDBACK_BOX)
    if feedback_tags is None:
        return False
    scripts = [
        _text(text)
        for attributes, text in tags
        if "src" not in (named := _attributes(_text(attributes)))
        and named.get("type", "").strip().lower() in SCRIPT_SRC_TYPES
    ]
    origins = [
        origin for tag in feedback_tags if (origin := _origin(_attributes(tag).get("data-url", "")))
    ]
    found.scripts.update(scripts)
    found.connect_origins.update(origins)
    return True


def _ends_sooner(script_text: bytes, seen: _SafePieces) -> bool:
    """Whether the parser would end this script before its "</script>" does."""
    if script_text in seen.scripts:
        return False
    if _PARSERS_SCRIPT_END.search(_text(script_text)):
        return True
    seen.scripts.add(script_text)
    return False


def _text(data: bytes) -> str:
    return data.decode("utf-8", errors="replace")  # as inline_code gives the parser a page


def _needs_the_parser(outside_scripts: bytes, seen: _SafePieces) -> bool:
    """Whether a page (its scripts taken out) may hold code besides them, stretch by
    stretch and line by line: a piece said safe once is safe on every page. A
    stretch starts where an attribute's name may (the conservative reading)."""
    new_stretches = set(outside_scripts.split(_STRETCH_END)) - seen.stretches  # in C
    for stretch in new_stretches:
        for split in _VALUE_ON_NEXT_LINE.finditer(stretch):  # rare: a few a site
            before = stretch[stretch.rfind(b"\n", 0, split.start()) + 1 : split.start()]
            if _code_attribute(before.lower(), _NAME_AT_LINE_END):
                return True
        new_lines = set(stretch.split(b"\n")) - seen.lines
        for line in new_lines:
            lowered = line.lower()  # a case-insensitive expression is several times slower
            if (
                _MARKUP_FOR_THE_PARSER.search(lowered)
                or _code_attribute(lowered, _MAYBE_CODE_ATTRIBUTE)
                or (_FEEDBACK_BOX in lowered and _FEEDBACK_BOX not in line)  # DATA-HC-…
            ):
                return True
        seen.lines.update(new_lines)
    seen.stretches.update(new_stretches)
    return False


# A whole start tag, as the parser reads one: a name, then attributes with values
# quoted or not, to the ">" that ends it.
_START_TAG = re.compile(
    rb"""<[a-zA-Z][^\s/>]*(?:[\s/]+[^\s"'>/=]+(?:\s*=\s*(?:"[^"]*"|'[^']*'|[^\s"'=<>`]+))?)*[\s/]*>"""
)


def _code_attribute(lowered: bytes, name: re.Pattern[bytes]) -> bool:
    """Whether ``name`` matches where an attribute's name may start: after a space, a
    quote or a slash (or at the piece's start)."""
    return any(
        match.start() == 0 or lowered[match.start() - 1] in _BEFORE_AN_ATTRIBUTE
        for match in name.finditer(lowered)
    )


def _tags_holding(page: bytes, attribute: bytes) -> list[str] | None:
    """The text of each start tag in which ``attribute`` is written; None when one
    is not plainly such a tag (for the parser to read)."""
    tags, at = [], page.find(attribute)
    while at != -1:
        start = page.rfind(b"<", 0, at)
        tag = _START_TAG.match(page, start) if start != -1 else None
        if tag is None or tag.end() <= at:
            return None
        tags.append(_text(tag[0][1:-1]))
        at = page.find(attribute, at + len(attribute))
    return tags


def _attributes(text: str) -> dict[str, str]:
    """A start tag's attributes as the parser gives them: names in lower case, values
    with character references decoded, the first of a repeated name kept."""
    named: dict[str, str] = {}
    for name, double, single, bare in _ATTRIBUTE.findall(text):
        named.setdefault(name.lower(), html.unescape(double or single or bare))
    return named


def source_hash(text: str) -> str:
    """The source expression a policy allows ``text`` by: 'sha256-<base64>' of its UTF-8."""
    digest = hashlib.sha256(text.encode("utf-8")).digest()
    return f"'sha256-{base64.b64encode(digest).decode('ascii')}'"


def _allowing(texts: set[str], attributes: set[str]) -> list[str]:
    hashes = sorted({source_hash(text) for text in texts | attributes})
    return [UNSAFE_HASHES, *hashes] if attributes else hashes


def policy_for(found: InlineCode) -> str:
    """The policy text (one header value) that lets exactly ``found`` run."""
    directives = {
        "default-src": ["'self'"],
        "script-src": ["'self'", WASM, *_allowing(found.scripts, found.handlers)],
        "style-src": ["'self'", *_allowing(found.styles, found.style_attributes)],
        "img-src": ["'self'", "data:"],
        "connect-src": ["'self'", *sorted(found.connect_origins)],
        "worker-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'none'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    }
    return "; ".join(f"{name} {' '.join(sources)}" for name, sources in directives.items())


def site_pages(site_dir: Path) -> list[Path]:
    return sorted(site_dir.rglob("*.html"))


def site_policy(site_dir: Path) -> str:
    """The policy for every page of the site built in ``site_dir``."""
    return policy_for(inline_code(p.read_bytes() for p in site_pages(site_dir)))
