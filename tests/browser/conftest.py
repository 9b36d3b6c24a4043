"""The built site, served on 127.0.0.1, in Debian's Chromium: real Pyodide, no mocks.

One build, one server and one browser per session; each time zone a shopper
can be in is one browser context (so one Pyodide boot) shared by the tests of
a module.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo

import pytest
from mkdocs.commands.build import build
from mkdocs.config import load_config

from calculators.policy import Policy
from helpcenter.csp import WASM, site_policy
from helpcenter.load import load_policy
from helpcenter.preview import CHROMIUM, CHROMIUM_ARGS, serve

ROOT = Path(__file__).resolve().parents[2]
# Where the sub-path tests mount the site, as a store mounts it beside its shop.
SUB_PATH = "/help/"
# Pyodide boots in about 2-3 s here; a context's first answer may take this long.
BOOT_WAIT_MS = 30_000
# Every shopper's clock is stopped at this instant (a Friday afternoon in New
# York), so the cut-off countdown the page sends "now" for is known exactly.
SHOPPERS_NOW = datetime(2026, 11, 20, 15, 0, tzinfo=ZoneInfo("America/New_York"))


# Playwright's clock (context.clock, page.clock) stands in for `performance` as
# well, and its timeline is then empty; a test that reads how long something took
# after `load` stops Date alone with this instead (freeze_date).
FREEZE_DATE = """(() => {
  const fixed = FIXED_MS;
  const RealDate = Date;
  function FrozenDate(...args) {
    if (!new.target) return new RealDate(fixed).toString();
    return args.length ? new RealDate(...args) : new RealDate(fixed);
  }
  FrozenDate.prototype = RealDate.prototype;
  FrozenDate.now = () => fixed;
  FrozenDate.parse = RealDate.parse;
  FrozenDate.UTC = RealDate.UTC;
  globalThis.Date = FrozenDate;
})();"""


def stop_date(context, instant: datetime) -> None:
    """Stop Date (only) at ``instant`` in every page of ``context``: timers, idle
    callbacks and the performance timeline run as the browser runs them."""
    fixed_ms = round(instant.timestamp() * 1000)
    context.add_init_script(FREEZE_DATE.replace("FIXED_MS", str(fixed_ms)))


@pytest.fixture(scope="session")
def freeze_date():
    """``stop_date``, for test modules (which cannot import this conftest by name)."""
    return stop_date


# -- the site and its server ------------------------------------------------------


def build_site(site: Path, site_url: str) -> None:
    # Material's instant navigation follows only links listed in sitemap.xml,
    # matched with the port of site_url, so the site is built for the address
    # it is served at (as `mkdocs serve` does).
    build(load_config(str(ROOT / "mkdocs.yml"), site_dir=str(site), site_url=site_url))


@pytest.fixture(scope="session")
def shoppers_now() -> datetime:
    """The instant every shopper's clock shows (their page sends it as "now")."""
    return SHOPPERS_NOW


@pytest.fixture(scope="session")
def store_policy() -> Policy:
    """The policy the site was built from, for the CPython answers."""
    return load_policy(ROOT / "policy")


@pytest.fixture(scope="session")
def site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Path, str]]:
    """The site, built once and served with the headers its _headers file gives a host
    (the Content-Security-Policy computed from its pages): (its folder, its URL)."""
    folder = tmp_path_factory.mktemp("site")
    with serve(folder) as url:
        build_site(folder, url)
        yield folder, url


@pytest.fixture(scope="session")
def sub_path_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Path, str]]:
    """The same site built for, and served under, a path (http://127.0.0.1:<port>/help/)."""
    folder = tmp_path_factory.mktemp("sub-path-site")
    with serve(folder, prefix=SUB_PATH) as url:
        build_site(folder, url)
        yield folder, url


@pytest.fixture(scope="session")
def site_url(site: tuple[Path, str]) -> str:
    return site[1]


@pytest.fixture(scope="session")
def site_url_without_wasm(site: tuple[Path, str]) -> Iterator[str]:
    """The same site from a host whose CSP forbids WebAssembly (the site's own without
    'wasm-unsafe-eval')."""
    own = site_policy(site[0])
    assert f" {WASM}" in own
    with serve(site[0], own.replace(f" {WASM}", "")) as url:
        yield url


# -- the browser ----------------------------------------------------------------------


@pytest.fixture(scope="session")
def browser():
    if not CHROMIUM.is_file():
        pytest.fail(
            f"The browser tests run Debian's Chromium at {CHROMIUM}: apt-get install chromium"
        )
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS
        )
        yield browser
        browser.close()


@dataclass
class Shopper:
    """One visitor: a browser context in a time zone, its page, and what it asked for."""

    page: object
    base_url: str
    requests: list = field(default_factory=list)  # every Request the context made
    page_errors: list = field(default_factory=list)  # uncaught exceptions in the page
    # What the Content-Security-Policy refused, in the page or its workers: the
    # securitypolicyviolation events and the browser's own console reports.
    csp_violations: list[str] = field(default_factory=list)
    console_errors: list[str] = field(default_factory=list)  # the page's and its workers'

    @property
    def widget(self):
        return self.page.locator('[data-calculator="delivery"]')

    @property
    def status(self):
        return self.widget.get_by_role("status")

    def open(self, path: str = "shipping/") -> None:
        self.page.goto(self.base_url + path)

    def estimate(self, local_time: str, method_label: str) -> None:
        """Fill in the form the way a shopper does and wait for the answer."""
        self.widget.get_by_label("When did you (or will you) place the order?").fill(local_time)
        self.widget.get_by_label("Shipping method").select_option(label=method_label)
        self.widget.get_by_role("button", name="Estimate delivery dates").click()
        self.wait_for_answer()

    def wait_for_answer(self) -> None:
        # The loader marks the region busy from the submit until the answer is in.
        self.widget.locator('[role="status"][aria-busy="false"]').wait_for(timeout=BOOT_WAIT_MS)

    def shown_paragraphs(self) -> list[str]:
        return self.status.locator("p").all_text_contents()

    def shown_dates(self) -> list[tuple[str | None, str]]:
        return [
            (time.get_attribute("datetime"), time.text_content())
            for time in self.status.locator("time").all()
        ]

    def runtime(self) -> dict:
        """The loader's diagnostics (worker starts, boot marks)."""
        return json.loads(self.page.evaluate("() => JSON.stringify(globalThis.helpcenterRuntime)"))

    def hosts(self) -> set[tuple[str | None, int | None]]:
        return {(urlsplit(r.url).hostname, urlsplit(r.url).port) for r in self.requests}


# Each refusal, as one console line the Shopper collects (see csp_violations).
VIOLATION_MARK = "securitypolicyviolation:"
REPORT_VIOLATIONS = f"""addEventListener("securitypolicyviolation", (event) =>
  console.error("{VIOLATION_MARK}", event.effectiveDirective, event.blockedURI,
                event.sourceFile + ":" + event.lineNumber));"""


def _is_violation(text: str) -> bool:
    return text.startswith(VIOLATION_MARK) or "Content Security Policy" in text


def open_shopper(browser, base_url: str, timezone_id: str) -> tuple[object, Shopper]:
    context = browser.new_context(timezone_id=timezone_id, locale="en-US")
    # Only Date is stopped; timers (the loader's boot timeout) run as usual.
    context.clock.set_fixed_time(SHOPPERS_NOW)
    context.add_init_script(REPORT_VIOLATIONS)
    page = context.new_page()
    shopper = Shopper(page, base_url)
    context.on("request", lambda request: shopper.requests.append(request))
    page.on("pageerror", lambda error: shopper.page_errors.append(error))
    context.on("console", lambda message: _collect(shopper, message))
    return context, shopper


def _collect(shopper: Shopper, message) -> None:
    if _is_violation(message.text):
        shopper.csp_violations.append(message.text)
    if message.type == "error":
        shopper.console_errors.append(message.text)


@pytest.fixture(scope="session")
def new_shopper():
    """``open_shopper(browser, base_url, timezone_id) -> (context, Shopper)``, for test
    modules' own fixtures (which close the context)."""
    return open_shopper


@pytest.fixture(scope="module")
def new_york_shopper(browser, site_url: str) -> Iterator[Shopper]:
    """A shopper whose computer is set to New York time, on the Shipping page."""
    context, shopper = open_shopper(browser, site_url, "America/New_York")
    shopper.open()
    yield shopper
    context.close()


@pytest.fixture
def shopper_factory(browser) -> Iterator:
    """Fresh contexts for tests that need their own (closed after the test)."""
    contexts = []

    def make(base_url: str, timezone_id: str = "America/New_York") -> Shopper:
        context, shopper = open_shopper(browser, base_url, timezone_id)
        contexts.append(context)
        return shopper

    yield make
    for context in contexts:
        context.close()


@pytest.fixture
def contexts():
    """The browser contexts a test opens, closed after it."""
    opened: list = []
    yield opened
    for context in opened:
        context.close()
