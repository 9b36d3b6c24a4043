"""delivery-line.js on a store's own product page, on another origin, in Chromium.

The page is what the README tells a store to add: an element per method and
the script from the help center, served from another 127.0.0.1 port, so every
file the script reads crosses origins (runtime.json and the order-now tables
say Access-Control-Allow-Origin: helpcenter/headers.py, which the preview
server applies). Each line must say what Python says for an order placed at
the page's own Date.now(): ``calculators.order_now.answer_at``, the function the
build writes the table from, asked at that very instant. Whatever goes wrong,
the store's own text stays and the console says why, once.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from test_accessibility import Store, open_store

from calculators.answers import plain_sentences
from calculators.inputs import zone_name
from calculators.order_now import answer_at
from calculators.web import reply_times
from helpcenter.preview import serve

pytestmark = pytest.mark.browser

NEW_YORK = ZoneInfo("America/New_York")
# After the build day the tests pin (Sun Nov 22, 2026), inside the table.
TUESDAY_MORNING = datetime(2026, 11, 24, 11, 20, 30, tzinfo=NEW_YORK)
# After the end of the store's coverage (Dec 31, 2027): its month file is empty.
AFTER_COVERAGE = datetime(2028, 1, 5, 12, 0, tzinfo=NEW_YORK)
# The store's own words, for when the help center has no answer.
FALLBACK = "Ships in 1-2 business days."
WAIT_MS = 10_000

PRODUCT_PAGE = """<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><title>Wooden train set</title></head>
<body>
<h1>Wooden train set</h1>
{lines}
<script src="{help}assets/helpcenter/delivery-line.js" defer></script>
</body>
</html>
"""


@pytest.fixture(scope="module")
def jetoyusa(request: pytest.FixtureRequest) -> Store:
    return open_store(request, "jetoyusa")


@contextmanager
def product_page(tmp_path: Path, help_url: str, methods: list[str]) -> Iterator[str]:
    """A store's product page with a delivery line per method, on a port of its own."""
    lines = "\n".join(f'<div data-delivery-line="{m}">{FALLBACK}</div>' for m in methods)
    (tmp_path / "index.html").write_text(PRODUCT_PAGE.format(lines=lines, help=help_url))
    # The store's own Content Security Policy, as the README asks of a product page
    # that has one: the help center's origin allowed for the script and its reads.
    help_origin = help_url.rstrip("/")
    csp = f"default-src 'self'; script-src 'self' {help_origin}; connect-src 'self' {help_origin}"
    with serve(tmp_path, csp=csp) as url:
        yield url


class Shopper:
    def __init__(self, browser, contexts: list):
        context = browser.new_context(timezone_id="America/New_York", locale="en-US")
        contexts.append(context)
        self.page = context.new_page()
        self.warnings: list[str] = []
        self.page.on("console", lambda m: m.type == "warning" and self.warnings.append(m.text))
        self.errors: list = []
        self.page.on("pageerror", lambda error: self.errors.append(error))

    def line(self, method: str):
        return self.page.locator(f'[data-delivery-line="{method}"]')

    def shown(self, method: str) -> tuple[str, list[tuple[str | None, str]]]:
        line = self.line(method)
        times = [
            (time.get_attribute("datetime"), time.text_content())
            for time in line.locator("time").all()
        ]
        return line.text_content() or "", times


def python_line(store: Store, method: str, instant: datetime) -> tuple[str, list[tuple[str, str]]]:
    """The line the calculators write for an order placed at ``instant``: words, dates."""
    said = answer_at(store.policy, method, instant)
    assert said is not None
    (parts,) = plain_sentences((said[1],), zone_name(store.policy))
    return "".join(p["text"] for p in parts), reply_times({"sentences": [parts]})


def test_a_product_page_on_another_origin_shows_the_line(browser, jetoyusa, contexts, tmp_path):
    methods = ["standard", "expedited"]
    with product_page(tmp_path, jetoyusa.url, methods) as store_page:
        assert store_page != jetoyusa.url  # two origins: the files cross
        shopper = Shopper(browser, contexts)
        # Installed earlier: the clock runs until paused, and cannot go back.
        shopper.page.clock.install(time=TUESDAY_MORNING - timedelta(hours=1))
        shopper.page.clock.pause_at(TUESDAY_MORNING)
        shopper.page.goto(store_page)
        for method in methods:
            shopper.line(method).locator("time").first.wait_for(timeout=WAIT_MS)
            assert shopper.shown(method) == python_line(jetoyusa, method, TUESDAY_MORNING)
        # "Order within 12 h 39 min, get it by Wed Dec 9." (derived by hand: 12 h 39 min
        # 30 s to the midnight cut-off, rounded down; the dates are the calculator's.)
        assert shopper.line("standard").text_content().startswith("Order within 12 h 39 min, ")

        # A minute later (and a second, past the whole minute) the countdown says so.
        shopper.page.clock.run_for(31_000)
        later = TUESDAY_MORNING + timedelta(seconds=31)
        for method in methods:
            assert shopper.shown(method) == python_line(jetoyusa, method, later)
        assert shopper.warnings == []
        assert shopper.errors == []


# (what is wrong, the method the element names, the clock, files the page cannot get)
FALLBACK_CASES = [
    pytest.param(
        "an unknown method",
        "teleport",
        TUESDAY_MORNING,
        None,
        'Delivery line: there is no shipping method "teleport" (known: standard, '
        "expedited); the text already on the page stays.",
        id="unknown-method",
    ),
    pytest.param(
        "after the coverage",
        "standard",
        AFTER_COVERAGE,
        None,
        "Delivery line: the help center has no delivery answer for now (a new build "
        "extends it); the text already on the page stays.",
        id="after-coverage",
    ),
    pytest.param(
        "no table",
        "standard",
        TUESDAY_MORNING,
        "**/order-now-*.json",
        # Tuesday Nov 24, 2026, 11:20 in New York is 16:20 UTC: November's table.
        "Delivery line: could not read the help center's delivery answers "
        "({help}assets/helpcenter/order-now-2026-11.json: Failed to fetch); the text "
        "already on the page stays.",
        id="table-unreachable",
    ),
]


@pytest.mark.parametrize(("case", "method", "clock", "blocked", "warning"), FALLBACK_CASES)
def test_the_stores_own_text_stays_when_there_is_no_answer(
    browser, jetoyusa, contexts, tmp_path, case, method, clock, blocked, warning
):
    with product_page(tmp_path, jetoyusa.url, [method]) as store_page:
        shopper = Shopper(browser, contexts)
        if blocked:
            shopper.page.route(blocked, lambda route: route.abort())
        shopper.page.clock.set_fixed_time(clock)
        with shopper.page.expect_console_message(lambda m: m.type == "warning", timeout=WAIT_MS):
            shopper.page.goto(store_page)
        shopper.page.wait_for_timeout(200)  # time for a second warning, were there one
        assert shopper.line(method).text_content() == FALLBACK, case
        assert shopper.warnings == [warning.format(help=jetoyusa.url)]
        assert shopper.errors == []
