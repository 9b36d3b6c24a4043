"""What every built page carries besides its text: a description, its structured data,
the day its policy last changed, and the feedback box.

Both stores are built with MkDocs as an editor builds them (``mkdocs build
--strict``, a subprocess), and the HTML is read back. The dates come from a
git repository each test makes in a temporary folder, with commit dates it
sets, so the expected days are known; and from the same store outside git and
in a shallow clone, where the pages show no date.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from dataclasses import dataclass, field
from datetime import date
from html.parser import HTMLParser
from pathlib import Path

import pytest

from helpcenter import jsonld, pagemeta
from helpcenter.pipeline import project_at, published_policy

ROOT = Path(__file__).resolve().parents[2]
BIN = ROOT / ".venv" / "bin"
STORES = {"jetoyusa": ROOT, "patch-and-pops": ROOT / "examples" / "patch-and-pops"}
QUIET = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
BUILD_DAY = date(2026, 11, 22)  # tests/conftest.py pins it (SOURCE_DATE_EPOCH)


@dataclass
class Page:
    """What the tests read of a built page."""

    descriptions: list[str] = field(default_factory=list)
    canonical: str | None = None
    json_ld: list[str] = field(default_factory=list)
    updated: list[tuple[str, str]] = field(default_factory=list)  # (datetime, text)
    feedback: list[dict[str, str | None]] = field(default_factory=list)


class _Reader(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.page = Page()
        self.collecting: str | None = None
        self.text = ""

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = dict(attrs)
        if tag == "meta" and found.get("name") == "description":
            self.page.descriptions.append(found.get("content") or "")
        elif tag == "link" and found.get("rel") == "canonical":
            self.page.canonical = found.get("href")
        elif tag == "script" and found.get("type") == "application/ld+json":
            self.collecting, self.text = "json", ""
        elif tag == "p" and found.get("class") == "hc-updated":
            self.collecting, self.text = "updated", ""
        elif tag == "time" and self.collecting == "updated":
            self.when = found.get("datetime") or ""
        elif tag == "section" and "data-hc-feedback" in found:
            self.page.feedback.append(found)

    def handle_data(self, data: str) -> None:
        if self.collecting:
            self.text += data

    def handle_endtag(self, tag: str) -> None:
        if tag == "script" and self.collecting == "json":
            self.page.json_ld.append(self.text)
            self.collecting = None
        elif tag == "p" and self.collecting == "updated":
            self.page.updated.append((self.when, " ".join(self.text.split())))
            self.collecting = None


def read_page(site: Path, path: str) -> Page:
    reader = _Reader()
    reader.feed((site / path / "index.html").read_text(encoding="utf-8"))
    return reader.page


def pages_of(site: Path) -> list[str]:
    return sorted(
        "" if p.parent == site else p.parent.relative_to(site).as_posix() + "/"
        for p in site.rglob("index.html")
        if "assets" not in p.parts and "search" not in p.parts
    )


def build(store: Path, site: Path) -> None:
    result = subprocess.run(
        [
            str(BIN / "mkdocs"),
            "build",
            "--strict",
            "-f",
            str(store / "mkdocs.yml"),
            "-d",
            str(site),
        ],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env=QUIET,
        timeout=600,
        check=False,
    )
    assert result.returncode == 0, f"{result.stdout}\n{result.stderr}"


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    sites = {}
    for name, store in STORES.items():
        sites[name] = tmp_path_factory.mktemp(name) / "site"
        build(store, sites[name])
    return sites


# -- the description -----------------------------------------------------------------------

DESCRIPTIONS = [
    # docs/index.md's front matter, 148 characters: as written.
    (
        "jetoyusa",
        "",
        "Help with an order you have placed: tracking, how your made-to-order item is "
        "produced, shipping, payments, returns and refunds, and how to reach us.",
    ),
    # The first paragraph, 223 characters: cut after "the", the last word that ends
    # within 154 characters, and an ellipsis (155 in all).
    (
        "jetoyusa",
        "returns/",
        "Because every item is made for your order, custom items usually cannot be "
        "returned or exchanged. We do put right every problem caused by the design or the…",
    ),
    # The first paragraph of the page's own text, 150 characters, leads into the stages
    # table with ":"; no other paragraph comes before the next heading ("When will my
    # order arrive?"), so its colon becomes a full stop.
    (
        "jetoyusa",
        "shipping/",
        "Every item is made for your order, so your estimated delivery date is the "
        "processing time (to make it) plus the delivery time (the carrier's transit).",
    ),
    # {{ policy.store.name }} filled in: exactly 155 characters, so not cut.
    (
        "patch-and-pops",
        "",
        "Welcome to the Patch&Pops help center. Every order is made for you, so here is "
        "how we process, ship and deliver it, and what to do if something goes wrong.",
    ),
]


@pytest.mark.parametrize(("name", "path", "expected"), DESCRIPTIONS)
def test_a_page_is_described_by_its_front_matter_or_first_paragraph(built, name, path, expected):
    assert read_page(built[name], path).descriptions == [expected]


# (the page's HTML, its description) for the rules the stores' pages do not show.
FIRST_PARAGRAPHS = [
    # An admonition or a widget comes first: their paragraphs are not the page's own.
    ('<div class="admonition"><p>Note</p></div><p>Own <em>text</em>.</p>', "Own text."),
    ("<h1>T</h1><p> </p><p>Second &amp; last\nline.</p>", "Second & last line."),
    ("<h1>Title only</h1><ul><li><p>an item</p></li></ul>", None),
    # 20 words of 7 letters and a space: 159 characters; 19 words (151) and "…" fit.
    ("<p>" + "abcdefg " * 20 + "</p>", "abcdefg " * 18 + "abcdefg…"),
    # One word longer than the limit is cut inside it.
    ("<p>" + "x" * 200 + "</p>", "x" * 154 + "…"),
    # A paragraph ending with ":" leads into a table or list: the next paragraph of the
    # page's opening (before its next heading) that does not end so is taken instead.
    ("<p>By total:</p><table><tr><td><p>$6.99</p></td></tr></table><p>Free.</p>", "Free."),
    ("<p>One:</p><p>Two:</p><ul><li><p>x</p></li></ul><p>Three.</p><h2>H</h2>", "Three."),
    # None before the next heading: the colon becomes "." ...
    (
        "<p>Delivery (the transit):</p><table></table><h2>H</h2><p>Later.</p>",
        "Delivery (the transit).",
    ),
    # ... or "…" after a word no sentence ends on ("include", "as", "the").
    ("<p>Defects include:</p><ul><li><p>seams</p></li></ul>", "Defects include…"),
    ("<p>Such as :</p>", "Such as…"),
    ("<p>:</p><h2>H</h2>", None),
]


@pytest.mark.parametrize(("page_html", "expected"), FIRST_PARAGRAPHS)
def test_the_first_paragraph_rules(page_html, expected):
    assert pagemeta.description(None, page_html) == expected


@pytest.mark.parametrize("name", sorted(STORES))
def test_every_page_has_one_description_of_its_own(built, name):
    described = {path: read_page(built[name], path).descriptions for path in pages_of(built[name])}
    assert all(len(found) == 1 and 0 < len(found[0]) <= 155 for found in described.values())
    texts = [found[0] for found in described.values()]
    assert len(set(texts)) == len(texts), described


# -- structured data -----------------------------------------------------------------------

KIND_OF_PAGE = {"returns/": "returns", "shipping/": "shipping"}  # their front matter


@pytest.mark.parametrize("name", sorted(STORES))
def test_the_returns_and_shipping_pages_carry_one_block_each(built, name):
    policy = published_policy(project_at(STORES[name]))
    for path in pages_of(built[name]):
        page = read_page(built[name], path)
        kind = KIND_OF_PAGE.get(path)
        assert len(page.json_ld) == (1 if kind else 0), path
        if kind is None:
            continue
        data = json.loads(page.json_ld[0])
        assert data == jsonld.store_data(
            policy, (kind,), today=BUILD_DAY, returns_page=page.canonical
        )
    # Read off policy/returns.yml (change_of_mind.within_days) and shipping.yml (first tier).
    returns = json.loads(read_page(built[name], "returns/").json_ld[0])
    assert returns["hasMerchantReturnPolicy"]["merchantReturnDays"] == 3
    assert returns["hasMerchantReturnPolicy"]["merchantReturnLink"].endswith("/returns/")
    shipping = json.loads(read_page(built[name], "shipping/").json_ld[0])
    first_tier = shipping["hasShippingService"][0]["shippingConditions"][0]
    assert first_tier["shippingRate"]["value"] == 6.99


def copy_store(name: str, into: Path) -> Path:
    """The store's pages, policy and mkdocs.yml where its mkdocs.yml expects the theme
    overrides, and the project's node_modules (Pyodide) linked in."""
    source = STORES[name]
    copy = into / source.relative_to(ROOT)
    copy.mkdir(parents=True)
    shutil.copytree(source / "docs", copy / "docs")
    shutil.copytree(source / "policy", copy / "policy")
    shutil.copy(source / "mkdocs.yml", copy / "mkdocs.yml")
    if not (into / "overrides").exists():
        (into / "overrides").symlink_to(ROOT / "overrides")
    (copy / "node_modules").symlink_to(ROOT / "node_modules")
    return copy


# (U+2028, which would end a line of JavaScript, is refused by the policy check itself:
# test_jsonld.py shows the escape.)
HOSTILE_NAME = "Pops </script><script>alert(1)</script><!-- &amp;"


def test_a_store_name_cannot_end_the_script_element(tmp_path):
    store = copy_store("patch-and-pops", tmp_path / "project")
    store_yml = store / "policy" / "store.yml"
    text = store_yml.read_text(encoding="utf-8").replace(
        "\nname: Patch&Pops\n", f"\nname: {json.dumps(HOSTILE_NAME)}\n"
    )
    assert HOSTILE_NAME.split()[0] in text
    store_yml.write_text(text, encoding="utf-8")
    build(store, tmp_path / "site")
    html = (tmp_path / "site" / "returns" / "index.html").read_text(encoding="utf-8")
    assert "<script>alert(1)" not in html
    page = read_page(tmp_path / "site", "returns/")
    assert len(page.json_ld) == 1
    assert json.loads(page.json_ld[0])["name"] == HOSTILE_NAME


def test_an_unknown_kind_stops_the_build_with_one_plain_sentence(tmp_path):
    store = copy_store("patch-and-pops", tmp_path / "project")
    page = store / "docs" / "returns.md"
    page.write_text(
        page.read_text(encoding="utf-8").replace(
            "structured_data: returns", "structured_data: refunds"
        ),
        encoding="utf-8",
    )
    result = subprocess.run(
        [
            str(BIN / "mkdocs"),
            "build",
            "-f",
            str(store / "mkdocs.yml"),
            "-d",
            str(tmp_path / "site"),
        ],
        capture_output=True,
        text=True,
        env=QUIET,
        timeout=600,
        check=False,
    )
    assert result.returncode == 1
    # The one check's problem (helpcenter.pagemeta), at the key's line: the page's front
    # matter has `structured_data:` on line 4, under three lines of comment.
    assert (
        "docs/returns.md:4:1: [error] Expected structured_data to be one of returns, shipping "
        "(or a list of them) but received 'refunds'. (structured-data)" in result.stderr
    )
    assert "Traceback" not in result.stderr


# -- policy last updated -------------------------------------------------------------------

GIT_ENV = {
    **QUIET,
    "GIT_CONFIG_GLOBAL": os.devnull,  # the machine's settings (signing, hooks) stay out
    "GIT_CONFIG_NOSYSTEM": "1",
    "GIT_AUTHOR_NAME": "Editor",
    "GIT_AUTHOR_EMAIL": "editor@example.com",
    "GIT_COMMITTER_NAME": "Editor",
    "GIT_COMMITTER_EMAIL": "editor@example.com",
}


def git(where: Path, *arguments: str, when: str | None = None) -> None:
    dated = {"GIT_AUTHOR_DATE": when, "GIT_COMMITTER_DATE": when} if when else {}
    subprocess.run(
        ["git", "-C", str(where), *arguments],
        env={**GIT_ENV, **dated},
        capture_output=True,
        timeout=60,
        check=True,
    )


def updated_lines(site: Path) -> dict[str, list[tuple[str, str]]]:
    return {path: read_page(site, path).updated for path in pages_of(site)}


def test_each_policy_page_shows_its_last_change_from_git(tmp_path):
    store = copy_store("patch-and-pops", tmp_path / "project")
    # A page that quotes nothing from the policy: no date.
    (store / "docs" / "about.md").write_text(
        "# About these pages\n\nThey answer questions about orders.\n", encoding="utf-8"
    )

    build(store, tmp_path / "outside")  # not in a repository yet: no date anywhere
    assert all(lines == [] for lines in updated_lines(tmp_path / "outside").values())

    git(store, "init", "-q")
    git(store, "add", "docs", "policy", "mkdocs.yml")
    git(store, "commit", "-q", "-m", "The store", when="2026-11-20T12:00:00-05:00")
    with (store / "docs" / "shipping.md").open("a", encoding="utf-8") as page:
        page.write("\nThank you for shopping with us.\n")
    git(store, "commit", "-q", "-am", "Shipping page", when="2026-12-01T23:30:00-05:00")
    with (store / "policy" / "returns.yml").open("a", encoding="utf-8") as policy:
        policy.write("# Reviewed with the store.\n")
    # The newest commit, with an older date: the latest date counts, not the last commit.
    git(store, "commit", "-q", "-am", "Returns policy", when="2026-11-25T10:00:00-05:00")
    build(store, tmp_path / "site")

    lines = updated_lines(tmp_path / "site")
    # The policy changed on Wed Nov 25; the Shipping page on Tue Dec 1, 11:30 PM in
    # New York (already Dec 2 in UTC): each page shows the later of its own and the
    # policy's, in the store's zone and words.
    assert lines["shipping/"] == [("2026-12-01", "Policy last updated: Tuesday, December 1, 2026")]
    assert lines["returns/"] == [
        ("2026-11-25", "Policy last updated: Wednesday, November 25, 2026")
    ]
    assert lines["processing/"] == lines["returns/"]
    assert lines["about/"] == []

    # A shallow clone (as CI checks out by default) has one commit that seems to touch
    # every file: no date rather than a wrong one.
    shallow = tmp_path / "shallow"
    git(tmp_path, "clone", "-q", "--depth", "1", store.as_uri(), str(shallow / "store"))
    clone = shallow / "store"
    (clone / "node_modules").symlink_to(ROOT / "node_modules")
    (shallow / "overrides").symlink_to(ROOT / "overrides")
    (clone / "mkdocs.yml").write_text(
        (clone / "mkdocs.yml")
        .read_text(encoding="utf-8")
        .replace("../../overrides", "../overrides"),
        encoding="utf-8",
    )
    build(clone, tmp_path / "shallow-site")
    assert all(lines == [] for lines in updated_lines(tmp_path / "shallow-site").values())


# -- the feedback box ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "email"),
    [("jetoyusa", "support@jetoyusa.com"), ("patch-and-pops", "contact@petscustom.com")],
)
def test_every_page_ends_with_the_feedback_box(built, name, email):
    # store.yml's support_email; mkdocs.yml sets no feedback_url, so no data-url.
    for path in pages_of(built[name]):
        boxes = read_page(built[name], path).feedback
        assert len(boxes) == 1, path
        assert boxes[0]["data-email"] == email
        assert boxes[0]["data-page"] == "/" + path
        assert "data-url" not in boxes[0]
        assert "hidden" in boxes[0]  # feedback.js shows it: without JavaScript it would not work
