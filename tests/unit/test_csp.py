"""The Content-Security-Policy computed from the built pages, and the preview server sending it."""

from __future__ import annotations

import urllib.error
import urllib.request
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from helpcenter.csp import (
    InlineCode,
    _InlineCodeFinder,
    inline_code,
    policy_for,
    site_policy,
    source_hash,
)
from helpcenter.preview import serve

# The directives after script-src and style-src, the same for every site.
REST = (
    "img-src 'self' data:; connect-src 'self'; worker-src 'self'; object-src 'none'; "
    "base-uri 'none'; form-action 'self'; frame-ancestors 'none'"
)
# SHA-256 of the empty text, and of the CSP specification's own example script
# "alert('Hello, world.');" (both published values, base64 of the digest).
EMPTY = "'sha256-47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU='"
HELLO = "'sha256-qznLcsROx4GACP2dm0UCKCzCG+HiZ1guq6ZZDob/Tng='"
HELLO_SCRIPT = "alert('Hello, world.');"


@pytest.mark.parametrize(("text", "expected"), [("", EMPTY), (HELLO_SCRIPT, HELLO)])
def test_source_hash(text: str, expected: str) -> None:
    assert source_hash(text) == expected


# (a page, what script-src and style-src must allow of it). The HTML standard runs a
# script whose type is missing, empty, a JavaScript type (trimmed, any case) or
# "module"; script-src governs import maps too. A type with parameters is not a
# JavaScript type: the browser neither runs it nor needs its hash (checked in
# Chromium: tests/browser/test_deploy_kit.py).
CASES = [
    ("<script>a()</script>", InlineCode(scripts={"a()"})),
    ('<script type="">a()</script>', InlineCode(scripts={"a()"})),
    ('<script type=" Text/JavaScript ">a()</script>', InlineCode(scripts={"a()"})),
    ('<script type="module">m()</script>', InlineCode(scripts={"m()"})),
    ('<script type="importmap">{"imports": {}}</script>', InlineCode(scripts={'{"imports": {}}'})),
    # Data blocks: JSON-LD, Material's configuration, anything that is not a script.
    ('<script type="application/ld+json">{"@type": "Store"}</script>', InlineCode()),
    ('<script id="__config" type="application/json">{"base": "."}</script>', InlineCode()),
    ('<script type="text/javascript; charset=utf-8">a()</script>', InlineCode()),
    ('<script type="text/template"><p>x</p></script>', InlineCode()),
    # A script with src is a file of the site ('self'), whatever it holds inline.
    ('<script src="a.js"></script><script src="b.js">ignored()</script>', InlineCode()),
    # Script text is raw: an entity is hashed as written, "<" is no tag.
    ("<script>a &amp;&amp; b < c</script>", InlineCode(scripts={"a &amp;&amp; b < c"})),
    ("<script>\n  x()\n</script>", InlineCode(scripts={"\n  x()\n"})),
    ("<script></script>", InlineCode(scripts={""})),
    # Handlers and styles: attribute values are read as the browser reads them.
    ('<button onclick="go(&quot;x&quot;)">', InlineCode(handlers={'go("x")'})),
    ("<style>p { color: red }</style>", InlineCode(styles={"p { color: red }"})),
    ('<p style="color: red">x</p>', InlineCode(style_attributes={"color: red"})),
    # The same script on two pages (or twice on one) is one text.
    ("<script>a()</script><p>x</p><script>a()</script>", InlineCode(scripts={"a()"})),
    # The feedback box's address (extra.feedback_url): its origin, no path, query or
    # user; a path on the site itself is 'self' already, and so is no address.
    (
        '<section data-hc-feedback data-url="https://u:p@fb.example.com:8443/h?p=1">',
        InlineCode(connect_origins={"https://fb.example.com:8443"}),
    ),
    ('<section data-hc-feedback data-url="/feedback">', InlineCode()),
    ("<section data-hc-feedback>", InlineCode()),
    # Written without a value: nothing to run or apply, so nothing to allow.
    ("<p onclick style>x</p>", InlineCode()),
    ('<p onclick=" " style>x</p>', InlineCode(handlers={" "})),
    ('<a data-url="https://elsewhere.example">', InlineCode()),  # not the box
]


# Pages the regular expressions read (csp._read_quickly) and pages they leave to
# the parser: the same result either way.
QUICK_OR_NOT = [
    '<script type="module" src="a.js"></script><script>a()</script><p>x</p>',
    '<SCRIPT TYPE="MODULE">m()</Script >',
    '<script type="text/javascript" type="application/json">a()</script>',  # first type
    '<script type="application/json" type="text/javascript">{}</script>',
    '<script type="&#109;odule">m()</script>',  # a reference in the type
    "<!-- <script>hidden()</script> --><script>a()</script>",
    '<script>a()</script><p onclick="b()">x</p>',
    '<script data-x=">">a()</script>',
    "<script>never closed",
    '<section class="hc-feedback" data-hc-feedback data-url="https://fb.example/x">',
    "<section data-hc-feedback data-url='https://fb.example/x'>",
    # The words in a page's text, not a tag: no address to allow.
    '<p>data-hc-feedback data-url="https://fb.example/x"</p>',
]


@pytest.mark.parametrize(("page", "expected"), CASES)
def test_inline_code(page: str, expected: InlineCode) -> None:
    assert inline_code([page]) == expected


@pytest.mark.parametrize("page", [page for page, _ in CASES] + QUICK_OR_NOT)
def test_the_quick_reading_agrees_with_the_parser(page: str) -> None:
    parsed = InlineCode()
    parser = _InlineCodeFinder(parsed)
    parser.feed(page)
    parser.close()
    assert inline_code([page]) == parsed


@pytest.mark.parametrize(
    ("found", "script_src", "style_src"),
    [
        (InlineCode(), "'self' 'wasm-unsafe-eval'", "'self'"),
        # Hashes sorted by their text: "'sha256-4" before "'sha256-q".
        (
            InlineCode(scripts={HELLO_SCRIPT, ""}),
            f"'self' 'wasm-unsafe-eval' {EMPTY} {HELLO}",
            "'self'",
        ),
        # A handler needs 'unsafe-hashes' (scripts and handlers share the hashes).
        (
            InlineCode(handlers={HELLO_SCRIPT}),
            f"'self' 'wasm-unsafe-eval' 'unsafe-hashes' {HELLO}",
            "'self'",
        ),
        (InlineCode(styles={""}), "'self' 'wasm-unsafe-eval'", f"'self' {EMPTY}"),
        (
            InlineCode(style_attributes={""}),
            "'self' 'wasm-unsafe-eval'",
            f"'self' 'unsafe-hashes' {EMPTY}",
        ),
    ],
)
def test_policy_for(found: InlineCode, script_src: str, style_src: str) -> None:
    assert policy_for(found) == (
        f"default-src 'self'; script-src {script_src}; style-src {style_src}; {REST}"
    )


def _site(tmp_path: Path, pages: dict[str, str]) -> Path:
    for name, text in pages.items():
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text(text, encoding="utf-8")
    return tmp_path


def test_site_policy_covers_every_page(tmp_path: Path) -> None:
    # One policy for the whole site: instant navigation runs the next page's
    # scripts under the first page's policy.
    site = _site(
        tmp_path,
        {
            "index.html": f"<script>{HELLO_SCRIPT}</script>",
            "shipping/index.html": "<script></script><script type=application/ld+json>{}</script>",
            "assets/not-a-page.js": "<script>ignored()</script>",
        },
    )
    assert site_policy(site) == (
        f"default-src 'self'; script-src 'self' 'wasm-unsafe-eval' {EMPTY} {HELLO}; "
        f"style-src 'self'; {REST}"
    )


def _policy_served(url: str) -> str:
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            return response.headers["Content-Security-Policy"]
    except urllib.error.HTTPError as error:  # a 404 carries the policy too
        return error.headers["Content-Security-Policy"]


def test_the_preview_sends_the_sites_own_policy_and_follows_a_new_build(tmp_path: Path) -> None:
    site = _site(tmp_path, {"index.html": "<p>no script yet</p>"})
    with serve(site) as url:
        assert _policy_served(url) == (
            f"default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; {REST}"
        )
        (site / "index.html").write_text(f"<script>{HELLO_SCRIPT}</script>", encoding="utf-8")
        # Every response, not only pages: a worker's script gets its policy from its own.
        assert _policy_served(url + "missing.js") == site_policy(site)
        assert HELLO in site_policy(site)
    with serve(site, csp="default-src 'none'") as url:  # a host that sends another policy
        assert _policy_served(url) == "default-src 'none'"


def test_the_feedback_address_may_be_posted_to() -> None:
    found = InlineCode(connect_origins={"https://b.example", "https://a.example"})
    assert "; connect-src 'self' https://a.example https://b.example; " in policy_for(found)


# Pieces of markup, joined at random: the quick reading must agree with the parser
# on whatever they make (or leave the page to it).
PIECES = [
    "<script>",
    "</script>",
    "</SCRIPT >",
    '<script type="module">',
    '<script type="application/json">',
    '<script src="a.js">',
    "a()",
    "<p>",
    "</p>",
    ' onclick="b()"',
    ' style="c"',
    "<!--",
    "-->",
    '"',
    "'",
    ">",
    "<",
    " ",
    "<section data-hc-feedback",
    ' data-url="https://fb.example/x"',
    "<style>",
    # Where the quick reading splits a page (csp._STRETCH_END), and names cut short
    # or run on: the parser reads "onclick</li>" as one name.
    "</li>",
    " onclick",
    " oné",
    "=",
    "\n",
    # Where bytes and text differ: a letter beyond ASCII after "<script", and
    # spaces the parser (reading text) sees that ASCII does not.
    "é",
    "\x0b",
    "\x1c",
    "\xa0",
    "</ script>",
    "<section DATA-HC-FEEDBACK",
]


@settings(max_examples=500, deadline=None)
@given(st.lists(st.sampled_from(PIECES), max_size=12))
def test_any_markup_reads_the_same_quickly_or_parsed(pieces: list[str]) -> None:
    page = "".join(pieces)
    parsed = InlineCode()
    parser = _InlineCodeFinder(parsed)
    parser.feed(page)
    parser.close()
    assert inline_code([page]) == parsed


@settings(max_examples=300, deadline=None)
@given(
    st.lists(
        st.lists(st.sampled_from([*PIECES, "\n", "\n"]), max_size=10).map("".join),
        min_size=2,
        max_size=4,
    )
)
def test_pages_read_together_read_as_each_alone(pages: list[str]) -> None:
    # A stretch or a line found safe on one page is skipped on the next
    # (csp._needs_the_parser): the result is still the parser's over every page,
    # lines and stretches split anywhere.
    parsed = InlineCode()
    for page in pages:
        parser = _InlineCodeFinder(parsed)
        parser.feed(page)
        parser.close()
    assert inline_code(pages) == parsed
