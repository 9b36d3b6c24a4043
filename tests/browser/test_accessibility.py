"""Both stores' built pages under axe-core, in Chromium: no serious or critical violation.

Every page of each store (its nav, checked against its sitemap, and the 404
page) is audited in the light and the dark scheme, as the visitor's system asks
for them (the palette follows ``prefers-color-scheme``), and once more after a
shopper has been answered: the delivery calculator's problem message, then its
answer, each with the form's button focused (as a keyboard user leaves it).

axe-core is the version package-lock.json pins (``npm ci``), read from
node_modules and evaluated through the DevTools protocol, which the site's
Content Security Policy (no inline scripts) does not govern; the pages are
served with that policy, as in the other browser tests.

The stores are opened here (``open_store``, which test_phone_layout.py uses
too): each is built and served once a session, kept in pytest's stash however
many modules ask for it; JetoyUSA is the site tests/browser/conftest.py builds.
"""

from __future__ import annotations

import xml.etree.ElementTree as ElementTree
from contextlib import ExitStack
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from mkdocs.commands.build import build
from mkdocs.config import load_config
from mkdocs.utils.yaml import yaml_load

from calculators.policy import Policy
from helpcenter.load import load_policy
from helpcenter.preview import serve

pytestmark = pytest.mark.browser

ROOT = Path(__file__).resolve().parents[2]
AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
# Material picks the scheme in its JavaScript, after the page has loaded.
SCHEME_WAIT_MS = 5_000
MATERIAL_SCHEMES = {"light": "default", "dark": "slate"}


# -- the stores, built and served once a session -------------------------------------


@dataclass(frozen=True)
class Store:
    name: str
    url: str  # where it is served, ending in /
    folder: Path  # the built site
    pages: tuple[str, ...]  # paths from the site's root: "", "shipping/", …, "404.html"
    policy: Policy


STORES = {"jetoyusa": ROOT, "patch-and-pops": ROOT / "examples" / "patch-and-pops"}
_BUILT = pytest.StashKey[dict[str, Store]]()
_SERVERS = pytest.StashKey[ExitStack]()


def nav_pages(config_file: Path) -> list[str]:
    """The page paths the store's nav lists, as MkDocs serves them (use_directory_urls)."""

    def files(items: list) -> list[str]:
        found = []
        for item in items:
            value = next(iter(item.values())) if isinstance(item, dict) else item
            found += files(value) if isinstance(value, list) else [value]
        return found

    nav = yaml_load(config_file.read_text(encoding="utf-8"))["nav"]  # as MkDocs reads it (!ENV)
    return ["" if f == "index.md" else f.removesuffix(".md") + "/" for f in files(nav)]


def sitemap_pages(folder: Path, url: str) -> list[str]:
    tree = ElementTree.parse(folder / "sitemap.xml")
    names = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}
    return [loc.text.removeprefix(url) for loc in tree.iterfind("s:url/s:loc", names) if loc.text]


def open_store(request: pytest.FixtureRequest, name: str) -> Store:
    built = request.config.stash.setdefault(_BUILT, {})
    if name in built:
        return built[name]
    root = STORES[name]
    if name == "jetoyusa":  # the site every browser test uses (tests/browser/conftest.py)
        folder, url = request.getfixturevalue("site")
    else:
        if _SERVERS not in request.config.stash:  # the servers stop when the session ends
            request.config.stash[_SERVERS] = servers = ExitStack()
            request.config.add_cleanup(servers.close)
        folder = request.getfixturevalue("tmp_path_factory").mktemp(name)
        url = request.config.stash[_SERVERS].enter_context(serve(folder))
        # Built for the address it is served at, as tests/browser/conftest.py explains.
        build(load_config(str(root / "mkdocs.yml"), site_dir=str(folder), site_url=url))
    pages = nav_pages(root / "mkdocs.yml")
    assert sorted(sitemap_pages(folder, url)) == sorted(pages), "a page is not in the nav"
    built[name] = Store(name, url, folder, (*pages, "404.html"), load_policy(root / "policy"))
    return built[name]


@pytest.fixture(scope="session", params=sorted(STORES))
def store(request: pytest.FixtureRequest) -> Store:
    """Each store in turn, built and served once a session."""
    return open_store(request, request.param)


# -- axe ----------------------------------------------------------------------------------

RUN_AXE = """async (rules) => {
  const options = { resultTypes: ["violations"] };
  if (rules) options.runOnly = { type: "rule", values: rules };
  const result = await axe.run(document, options);
  return result.violations
    .filter((rule) => rule.impact === "serious" || rule.impact === "critical")
    .map((rule) => ({
      id: rule.id,
      impact: rule.impact,
      help: rule.help,
      nodes: rule.nodes.map((node) => ({
        target: node.target.join(" "),
        why: node.failureSummary,
      })),
    }));
}"""
# A scheme changes colours only: in the second one, the rules that judge colours (and
# the page's structure is not checked twice, which halves the time the audit takes).
COLOUR_RULES = ["color-contrast", "link-in-text-block"]  # axe's "cat.color" rules at AA


def serious_violations(page, rules: list[str] | None = None) -> list[dict]:
    if not page.evaluate("() => typeof axe === 'object'"):
        page.evaluate(AXE.read_text(encoding="utf-8"))
    return page.evaluate(RUN_AXE, rules)


def described(where: str, violations: list[dict]) -> str:
    """One line a rule, then each element it failed with axe's reason, for the failure."""
    lines = []
    for rule in violations:
        lines.append(f"{where}: {rule['id']} ({rule['impact']}): {rule['help']}")
        for node in rule["nodes"][:5]:
            why = " ".join(node["why"].split())
            lines.append(f"    {node['target']}\n        {why}")
        if len(rule["nodes"]) > 5:
            lines.append(f"    … and {len(rule['nodes']) - 5} more")
    return "\n".join(lines)


def wait_for_scheme(page, scheme: str) -> None:
    """Until Material has applied the scheme the system asks for, transitions done."""
    material = MATERIAL_SCHEMES[scheme]
    page.locator(
        f'body[data-md-color-scheme="{material}"]:not([data-md-color-switching])'
    ).wait_for(state="attached", timeout=SCHEME_WAIT_MS)


def audit_both_schemes(page, where: str) -> list[str]:
    """axe on the page as it is, light then dark (switched live, as the palette follows
    the system's setting: the colour rules only), then back to light; the failures."""
    failures = []
    for scheme, rules in (("light", None), ("dark", COLOUR_RULES)):
        page.emulate_media(color_scheme=scheme)
        wait_for_scheme(page, scheme)
        found = serious_violations(page, rules)
        if found:
            failures.append(described(f"{where} ({scheme})", found))
    page.emulate_media(color_scheme="light")
    return failures


@pytest.fixture(scope="session")
def axe_installed() -> None:
    if not AXE.is_file():
        pytest.fail(f"axe-core is missing at {AXE}: run npm ci (package-lock.json pins it)")


def assert_no_failures(failures: list[str]) -> None:
    assert not failures, "axe-core found serious or critical violations:\n" + "\n".join(failures)


# -- every page, light and dark ----------------------------------------------------------


def test_every_page_passes_axe(browser, store: Store, axe_installed) -> None:
    context = browser.new_context(color_scheme="light", locale="en-US")
    page = context.new_page()
    failures = []
    try:
        for path in store.pages:
            page.goto(store.url + path)
            failures += audit_both_schemes(page, f"{store.name} /{path}")
    finally:
        context.close()
    assert_no_failures(failures)


def test_the_palette_follows_the_system_setting(browser, store: Store) -> None:
    """Light or dark as the system says, from the first paint of a later visit too
    (Material keeps its first choice unless the palette starts in automatic mode)."""
    context = browser.new_context(color_scheme="dark")
    page = context.new_page()
    try:
        page.goto(store.url)
        wait_for_scheme(page, "dark")
        page.emulate_media(color_scheme="light")
        wait_for_scheme(page, "light")
        page.reload()
        wait_for_scheme(page, "light")
    finally:
        context.close()


# -- after a shopper's answer ------------------------------------------------------------


def test_an_answered_calculator_passes_axe(shopper_factory, store: Store, axe_installed) -> None:
    shopper = shopper_factory(store.url)
    shopper.open("shipping/")
    method = next(iter(store.policy.shipping.methods.values())).label
    failures = []
    # A problem next to the field first, then an answer; each with the button focused,
    # as a keyboard user leaves it (its focus colours were 4.26:1).
    for what, ordered_at in (("a problem", ""), ("an answer", "2026-11-23T10:00")):
        shopper.estimate(ordered_at, method)
        assert shopper.shown_paragraphs(), f"the calculator showed nothing for {what}"
        shopper.widget.locator('button[type="submit"]').focus()
        # Material eases a button's colours in; axe must see where they end.
        shopper.page.wait_for_function("() => document.activeElement.getAnimations().length === 0")
        failures += audit_both_schemes(shopper.page, f"{store.name} /shipping/ with {what}")
    assert_no_failures(failures)
    assert shopper.page_errors == []


# -- what axe does not judge: the store's own marks ---------------------------------------


def test_the_header_shows_the_store_s_logo_and_the_way_back(browser, store: Store) -> None:
    context = browser.new_context(viewport={"width": 1280, "height": 800})
    page = context.new_page()
    try:
        page.goto(store.url + "shipping/")
        logo = page.locator(".md-header .md-logo img")
        assert logo.get_attribute("src", timeout=1_000).endswith(store.policy.store.logo or "?")
        assert logo.evaluate("(image) => image.complete && image.naturalWidth > 0")
        home = f"https://{store.policy.store.website}"
        back = page.get_by_role("link", name=f"Back to {store.policy.store.website}")
        assert [link.get_attribute("href") for link in back.all()] == [home, home]  # bar, footer
        tracking = page.get_by_role("link", name="Track your order")
        if store.policy.store.tracking_page:
            assert tracking.get_attribute("href") == store.policy.store.tracking_page
        else:
            assert tracking.count() == 0
        assert "Made with" not in page.locator("footer").inner_text()
    finally:
        context.close()


def test_the_not_found_page_offers_search_home_and_support(browser, store: Store) -> None:
    context = browser.new_context()
    page = context.new_page()
    try:
        page.goto(store.url + "404.html")
        article = page.get_by_role("article")
        support = store.policy.store.support_email
        assert article.get_by_role("link", name=support).get_attribute("href") == (
            f"mailto:{support}"
        )
        article.get_by_role("link", name="Go to the help center's home page").click()
        page.wait_for_url(store.url)
        # The search form lands on the home page with Material's search open on it.
        page.goto(store.url + "404.html")
        page.get_by_role("searchbox", name="Search the help center").fill("refund")
        page.get_by_role("button", name="Search", exact=True).click()
        page.wait_for_url(f"{store.url}?q=refund")
        assert urlsplit(page.url).path == urlsplit(store.url).path
        assert page.locator(".md-search__input").input_value() == "refund"
    finally:
        context.close()
