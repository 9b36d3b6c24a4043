"""The deploy kit in Chromium: the site runs under exactly the Content-Security-Policy its
build computed (no 'unsafe-inline' for scripts), at its root and under a path (/help/),
and a host that refuses WebAssembly gets the shopper's message at once.

The answers are the main store's (policy/): a cut-off at midnight New York time,
handling Mon-Sat in 3-5 days (processing 1-2 and production 2-3), closed on
Thanksgiving (Thu Nov 26, 2026); standard transit 4-7 carrier days, Mon-Sat.
"""

from __future__ import annotations

import re
import time
import urllib.request
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo

import pytest

from helpcenter.csp import inline_code, policy_for, site_policy, source_hash

pytestmark = pytest.mark.browser

NEW_YORK = ZoneInfo("America/New_York")
# The shopper's clock: Tuesday Nov 24, 2026, 11:20:30 in New York (after the build day the
# tests pin, Nov 22, where the order-now table starts).
TUESDAY_MORNING = datetime(2026, 11, 24, 11, 20, 30, tzinfo=NEW_YORK)
WAIT_MS = 10_000  # a page, a file, on a machine shared with other work
BOOT_WAIT_MS = 60_000  # Pyodide's first start in a context
ORDER_TIME_LABEL = "When did you (or will you) place the order?"

# Ordered now (Tue Nov 24, 11:20:30): the order counts from Tue Nov 24. Handling 3-5 days
# from it, skipping Thanksgiving and Sunday: Wed 25 (1), Fri 27 (2), Sat 28 (3) ... Mon 30
# (4), Tue Dec 1 (5). Transit 4 days from Sat 28: Mon 30, Tue 1, Wed 2, Thu Dec 3; 7 days
# from Tue Dec 1: Wed 2, Thu 3, Fri 4, Sat 5, Mon 7, Tue 8, Wed Dec 9. Midnight is
# 12 h 39 min 30 s away, shown rounded down.
ORDER_NOW = [
    "Ships between Sat Nov 28 and Tue Dec 1, arrives between Thu Dec 3 and Wed Dec 9.",
    "Counted from Tue Nov 24, the first handling day your order counts from.",
    "Order within 12 h 39 min (before midnight Eastern Time at the end of Tue Nov 24) and "
    "your order counts from today.",
]
# Ordered Sat Nov 28, 10:00 (a handling day): Mon 30 (1), Tue 1 (2), Wed Dec 2 (3) ...
# Thu 3 (4), Fri Dec 4 (5); transit from Wed 2: Thu 3, Fri 4, Sat 5, Mon Dec 7 (4); from
# Fri 4: Sat 5, Mon 7, Tue 8, Wed 9, Thu 10, Fri 11, Sat Dec 12 (7).
SATURDAY_ORDER = [
    "Ships between Wed Dec 2 and Fri Dec 4, arrives between Mon Dec 7 and Sat Dec 12.",
    "Counted from Sat Nov 28, the first handling day your order counts from.",
]
# answers.js's sentence, with the address of policy/store.yml.
COULD_NOT_START = (
    "Sorry, the calculator could not start in this browser. Please reload the page to try "
    "again, or write to support@jetoyusa.com and we will work it out for you."
)
NO_WASM_CONSOLE_LINE = (
    "helpcenter: the calculators cannot start: this site's Content-Security-Policy does not "
    "allow WebAssembly. Add 'wasm-unsafe-eval' to its script-src directive (`helpcenter "
    "headers` prints the policy the build made for the site)."
)


def served_headers(url: str):
    with urllib.request.urlopen(url, timeout=10) as response:
        return response.headers


def headers_file_policy(site: Path) -> str:
    """The policy the site's _headers file gives every path ("/*")."""
    block = (site / "_headers").read_text(encoding="utf-8").split("\n/", 1)[0]
    assert block.startswith("/*\n"), block
    return re.search(r"Content-Security-Policy: (.*)", block)[1]  # type: ignore[index]


# -- the policy of the built site ------------------------------------------------------------


def test_every_page_is_served_with_the_policy_of_its_headers_file(site):
    folder, url = site
    policy = headers_file_policy(folder)
    assert policy == site_policy(folder)
    script_src = next(d for d in policy.split("; ") if d.startswith("script-src "))
    assert "'unsafe-inline'" not in script_src
    # Within what Cloudflare Pages reads of a _headers file: 100 rules, 2,000 characters a line.
    lines = (folder / "_headers").read_text(encoding="utf-8").splitlines()
    assert len([line for line in lines if line.startswith("/")]) <= 100
    assert max(map(len, lines)) <= 2_000
    pages = sorted(folder.rglob("*.html"))
    assert len(pages) >= 10
    for page in pages:
        path = page.relative_to(folder).as_posix().removesuffix("index.html")
        headers = served_headers(url + path)
        assert headers["Content-Security-Policy"] == policy, path
        assert headers["X-Content-Type-Options"] == "nosniff"
        assert headers["Referrer-Policy"] == "strict-origin-when-cross-origin"
        # Each of Material's inline scripts (no type attribute), hashed here on its own.
        for script in re.findall(r"<script>(.*?)</script>", page.read_text("utf-8"), re.S):
            assert source_hash(script) in script_src, (path, script[:60])


# (what the page writes, whether Chromium runs it under the policy computed from it)
INLINE_CODE = [
    ('<script>document.body.dataset.classic = "ran"</script>', "classic", True),
    ('<script type="module">document.body.dataset.module = "ran"</script>', "module", True),
    (
        '<script type=" Text/JavaScript ">document.body.dataset.spaced = "ran"</script>',
        "spaced",
        True,
    ),
    # Not a JavaScript type (it has parameters): a data block the browser never runs.
    (
        '<script type="text/javascript; charset=utf-8">document.body.dataset.params = "ran"'
        "</script>",
        "params",
        False,
    ),
    (
        "<button id=b onclick=\"document.body.dataset.handler = 'ran'\">b</button>"
        "<script>document.getElementById('b').click()</script>",
        "handler",
        True,
    ),
]


def test_the_computed_policy_lets_the_pages_inline_code_run_and_nothing_else(
    browser, site_url, contexts
):
    page_html = "<!doctype html><body>" + "".join(html for html, _, _ in INLINE_CODE)
    policy = policy_for(inline_code([page_html]))
    context = browser.new_context()
    contexts.append(context)
    page = context.new_page()
    refused: list[str] = []
    page.on("console", lambda message: refused.append(message.text))
    test_url = site_url + "inline-code.html"
    page.route(
        test_url,
        lambda route: route.fulfill(
            body=page_html,
            headers={"Content-Type": "text/html", "Content-Security-Policy": policy},
        ),
    )
    page.goto(test_url)
    ran = page.evaluate("() => ({...document.body.dataset})")
    assert ran == {name: "ran" for _, name, runs in INLINE_CODE if runs}
    assert refused == []
    # A script the pages do not have is refused.
    page.evaluate(
        """() => { const s = document.createElement("script");
                   s.textContent = "document.body.dataset.injected = 'ran'";
                   document.body.append(s); }"""
    )
    assert page.evaluate("() => document.body.dataset.injected") is None
    assert any("Content Security Policy" in text for text in refused)


# -- a host that refuses WebAssembly -------------------------------------------------------


def test_a_host_that_refuses_webassembly_gets_the_message_within_2_s_of_the_click(
    shopper_factory, site_url_without_wasm
):
    shopper = shopper_factory(site_url_without_wasm)
    console: list[str] = []
    shopper.page.context.on("console", lambda message: console.append(message.text))
    shopper.open()
    shopper.widget.get_by_label(ORDER_TIME_LABEL).fill("2026-11-28T10:00")
    shopper.widget.get_by_label("Shipping method").select_option(label="Standard shipping")
    clicked = time.monotonic()
    shopper.widget.get_by_role("button", name="Estimate delivery dates").click()
    shopper.status.locator("p", has_text="could not start").wait_for(timeout=2_000)
    assert time.monotonic() - clicked < 2.0
    assert shopper.shown_paragraphs() == [COULD_NOT_START]
    assert (shopper.runtime()["state"], shopper.runtime()["failure"]) == (
        "failed",
        "webassembly",
    )
    assert console.count(NO_WASM_CONSOLE_LINE) == 1
    assert shopper.page_errors == []


# -- under a path: /help/ ----------------------------------------------------------------------


@pytest.fixture(scope="module")
def help_shopper(browser, new_shopper, sub_path_site) -> Iterator:
    """One visit to the site served under /help/, built for that address, on Tuesday morning."""
    url = sub_path_site[1]
    assert urlsplit(url).path == "/help/"
    context, shopper = new_shopper(browser, url, "America/New_York")
    context.clock.set_fixed_time(TUESDAY_MORNING)
    shopper.open()
    yield shopper
    context.close()


def assert_clean(shopper) -> None:
    """No refusal by the policy, no uncaught exception, no error in the console, and
    nothing asked of the server outside /help/."""
    assert shopper.csp_violations == []
    assert shopper.page_errors == []
    assert shopper.console_errors == []
    assert {urlsplit(r.url).path.startswith("/help/") for r in shopper.requests} == {True}


def test_under_a_path_the_instant_answer_is_shown(help_shopper, sub_path_site):
    folder, url = sub_path_site
    assert served_headers(url + "shipping/")["Content-Security-Policy"] == site_policy(folder)
    help_shopper.status.locator("p").first.wait_for(timeout=WAIT_MS)
    assert help_shopper.shown_paragraphs() == ORDER_NOW
    assert_clean(help_shopper)


def test_under_a_path_a_what_if_question_is_answered_by_python(help_shopper):
    widget = help_shopper.widget
    widget.get_by_label(ORDER_TIME_LABEL).fill("2026-11-28T10:00")
    widget.get_by_label("Shipping method").select_option(label="Standard shipping")
    widget.get_by_role("button", name="Estimate delivery dates").click()
    widget.locator('[role="status"][aria-busy="false"]').wait_for(timeout=BOOT_WAIT_MS)
    assert help_shopper.shown_paragraphs() == SATURDAY_ORDER
    assert help_shopper.runtime()["state"] == "ready"
    assert_clean(help_shopper)


def test_under_a_path_navigation_keeps_the_page_and_its_python(help_shopper, sub_path_site):
    page, url = help_shopper.page, sub_path_site[1]
    page.evaluate("() => { window.helpcenterSameVisit = true; }")  # gone on a full load
    nav = page.locator("nav.md-nav--primary")
    for label, path in [
        ("Returns, refunds and warranty", "returns/"),
        ("Shipping and delivery", "shipping/"),
    ]:
        nav.get_by_role("link", name=label, exact=True).first.click()
        page.wait_for_url(url + path, timeout=WAIT_MS)
        assert page.evaluate("() => window.helpcenterSameVisit") is True, path
    # Back on Shipping: its widget answers again, from the same worker.
    help_shopper.status.locator("p").first.wait_for(timeout=WAIT_MS)
    assert help_shopper.shown_paragraphs() == ORDER_NOW
    assert (help_shopper.runtime()["workerStarts"], help_shopper.runtime()["state"]) == (1, "ready")
    assert_clean(help_shopper)
