"""The end-of-page "Was this page helpful?" box, and Material's search for a price, in Chromium.

Both stores as tests/browser/test_accessibility.py builds and serves them
(mkdocs.yml sets no feedback_url): a No offers the support address as a
mailto: link whose subject names the page. A third site, the main store built
with extra.feedback_url pointing at a server this module runs on 127.0.0.1
(and served with a Content Security Policy that lets the page reach it),
shows the POST arriving with the page and the answer. Search: typing "59" or
"$59" finds the Shipping page (it says "$59", the free-shipping threshold).
"""

from __future__ import annotations

import http.server
import json
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import quote, urlsplit

import pytest
from mkdocs.commands.build import build
from mkdocs.config import load_config
from test_accessibility import (
    AXE,
    STORES,
    Store,
    assert_no_failures,
    audit_both_schemes,
    open_store,
)

from helpcenter.csp import site_policy
from helpcenter.preview import QuietServer, serve

pytestmark = pytest.mark.browser

ROOT = Path(__file__).resolve().parents[2]
WAIT_MS = 10_000
REPORT_WAIT_S = 10.0

# (store, page, its title (the nav's), the support address in policy/store.yml)
PAGES = [
    ("jetoyusa", "shipping/", "Shipping and delivery", "support@jetoyusa.com"),
    ("patch-and-pops", "returns/", "Returns, refunds and cancellations", "contact@petscustom.com"),
]


@pytest.fixture(scope="session", params=sorted(STORES))
def store(request: pytest.FixtureRequest) -> Store:
    return open_store(request, request.param)


def feedback_box(page):
    box = page.locator("[data-hc-feedback]")
    box.wait_for(state="visible", timeout=WAIT_MS)  # feedback.js shows it
    return box


@pytest.mark.parametrize(("name", "path", "title", "email"), PAGES)
def test_no_offers_the_support_address_with_the_page_in_the_subject(
    request, browser, contexts, name, path, title, email
):
    site = open_store(request, name)
    contexts.append(context := browser.new_context(locale="en-US"))
    page = context.new_page()
    page.goto(site.url + path)
    box = feedback_box(page)
    assert box.get_by_role("heading").text_content() == "Was this page helpful?"
    # By keyboard: to the button, then Enter.
    box.get_by_role("button", name="No").focus()
    page.keyboard.press("Enter")

    status = box.get_by_role("status")
    link = status.get_by_role("link", name=email)
    link.wait_for(timeout=WAIT_MS)
    # "Help center feedback: <title>", percent-encoded (a space is %20, ":" is %3A).
    subject = quote(f"Help center feedback: {title}", safe="")
    assert link.get_attribute("href") == f"mailto:{email}?subject={subject}"
    assert status.locator("p").all_text_contents() == [
        "Thank you for telling us.",
        f"What were you looking for? Write to us at {email}.",
    ]
    assert box.get_by_role("button").count() == 0  # answered: the buttons are gone
    assert page.evaluate("() => document.activeElement.getAttribute('role')") == "status"
    assert AXE.is_file(), f"axe-core is missing at {AXE}: run npm ci"
    assert_no_failures(audit_both_schemes(page, f"{name} /{path} answered"))


def test_yes_thanks_without_asking_more(browser, contexts, site_url):
    contexts.append(context := browser.new_context(locale="en-US", has_touch=True))
    page = context.new_page()
    page.goto(site_url + "payments/")
    box = feedback_box(page)
    box.get_by_role("button", name="Yes").tap()  # on a touch screen
    status = box.get_by_role("status")
    status.locator("p").first.wait_for(timeout=WAIT_MS)
    assert status.locator("p").all_text_contents() == ["Thank you for your feedback."]
    assert status.get_by_role("link").count() == 0


def test_the_box_works_on_a_page_instant_navigation_brings(browser, contexts, site_url):
    contexts.append(context := browser.new_context(locale="en-US"))
    page = context.new_page()
    page.goto(site_url + "shipping/")
    feedback_box(page)
    page.evaluate("() => { window.sameDocument = true; }")  # gone after a full load
    page.locator(".md-nav__link", has_text="Returns, refunds and warranty").first.click()
    page.wait_for_url(site_url + "returns/")
    box = feedback_box(page)
    assert page.evaluate("() => window.sameDocument === true")  # Material swapped the page
    box.get_by_role("button", name="No").click()
    link = box.get_by_role("status").get_by_role("link", name="support@jetoyusa.com")
    subject = quote("Help center feedback: Returns, refunds and warranty", safe="")
    assert link.get_attribute("href") == f"mailto:support@jetoyusa.com?subject={subject}"


# -- a store that collects the answers --------------------------------------------------


class Collector(http.server.BaseHTTPRequestHandler):
    """Keeps every POST's content type and body; answers 204."""

    received: list[tuple[str, str | None, bytes]]

    def do_POST(self) -> None:
        length = int(self.headers.get("Content-Length") or 0)
        self.received.append((self.path, self.headers.get("Content-Type"), self.rfile.read(length)))
        self.send_response(204)
        self.send_header("Access-Control-Allow-Origin", "*")
        self.end_headers()

    def log_message(self, format: str, *args: object) -> None:
        pass


@pytest.fixture(scope="module")
def collector() -> Iterator[tuple[str, list]]:
    """A feedback endpoint on 127.0.0.1: (its address, what it received)."""
    received: list[tuple[str, str | None, bytes]] = []
    handler = type("Handler", (Collector,), {"received": received})
    server = QuietServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.1})
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_port}/feedback", received
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)


@pytest.fixture(scope="module")
def collecting_site(tmp_path_factory, collector) -> Iterator[str]:
    """The main store with extra.feedback_url set to the collector, served with the
    site's own Content-Security-Policy, which names the collector's origin in
    connect-src (helpcenter.csp reads the box's address from the pages). Built
    before it is served, for the address mkdocs.yml names: this page is opened
    directly, never navigated from."""
    endpoint, _ = collector
    folder = tmp_path_factory.mktemp("collecting")
    build(
        load_config(
            str(ROOT / "mkdocs.yml"), site_dir=str(folder), extra={"feedback_url": endpoint}
        )
    )
    origin = endpoint.removesuffix("/feedback")
    assert f"; connect-src 'self' {origin}; " in site_policy(folder)
    with serve(folder) as url:  # under that policy
        yield url


def wait_for_reports(received: list, count: int) -> list:
    deadline = time.monotonic() + REPORT_WAIT_S
    while len(received) < count and time.monotonic() < deadline:
        time.sleep(0.05)
    return received


@pytest.mark.parametrize(
    ("path", "button", "helpful"), [("shipping/", "Yes", True), ("returns/", "No", False)]
)
def test_a_configured_address_receives_the_answer(
    browser, contexts, collecting_site, collector, path, button, helpful
):
    _, received = collector
    before = len(received)
    contexts.append(context := browser.new_context(locale="en-US"))
    page = context.new_page()
    page.goto(collecting_site + path)
    feedback_box(page).get_by_role("button", name=button).click()

    reports = wait_for_reports(received, before + 1)[before:]
    assert [(p, t, json.loads(body)) for p, t, body in reports] == [
        ("/feedback", "text/plain;charset=UTF-8", {"page": f"/{path}", "helpful": helpful})
    ]
    status = feedback_box(page).get_by_role("status")
    assert status.get_by_role("link").count() == 0  # reported: no e-mail offered
    expected = "Thank you for your feedback." if helpful else "Thank you for telling us."
    assert status.locator("p").all_text_contents() == [expected]


# -- search --------------------------------------------------------------------------------


@pytest.mark.parametrize("query", ["59", "$59"])
def test_searching_the_threshold_finds_the_shipping_page(browser, contexts, store, query):
    contexts.append(context := browser.new_context(locale="en-US"))
    page = context.new_page()
    page.goto(store.url)
    search = page.locator("input.md-search__input")
    search.click()
    search.press_sequentially(query)
    results = page.locator(".md-search-result__item a.md-search-result__link")
    results.first.wait_for(timeout=WAIT_MS)
    # Material links each result with ?h=<the words to highlight>#<section>.
    pages = [urlsplit(a.get_attribute("href") or "").path for a in results.all()]
    assert pages[0] == urlsplit(store.url).path + "shipping/", pages
