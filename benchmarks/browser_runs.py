"""One measurement each: what a shopper's browser does, timed on the page's own clock.

Every run is a fresh browser context (an empty HTTP cache: a first visit)
unless it says otherwise, with benchmarks/probe.js installed before the page's
scripts. Byte counts come from the server (helpcenter.preview.SiteHandler.sent:
the bodies it sent, compressed as it sent them) or, for one page load, from
the browser (Playwright's responseBodySize: the body as it came over the wire,
workers' requests included). Every wait is bounded; a run that goes wrong
raises MeasurementFailed.
"""

from __future__ import annotations

import json
import math
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from playwright.sync_api import Browser, BrowserContext, Page, ViewportSize
from playwright.sync_api import TimeoutError as PlaywrightTimeout

from helpcenter.preview import SiteHandler

PROBE = Path(__file__).with_name("probe.js")
VIEWPORT: ViewportSize = {"width": 1280, "height": 800}
# What Chromium sends on HTTPS, where real hosts serve the help center; sent
# here explicitly so brotli is offered on http://127.0.0.1 too.
ACCEPT_ENCODING = "gzip, deflate, br, zstd"
LOAD_WAIT_MS = 30_000
ANSWER_WAIT_MS = 60_000  # a cold Pyodide boot on a busy machine
# How long a first visit stays after its answer, as its shopper reads it, before
# the return visit (the help center keeps its interpreter's snapshot then).
FIRST_VISIT_READS_MS = 2_000
INSTANT_WAIT_MS = 5_000  # an instant answer later than this is not one
WHAT_IF_AFTER_MS = 3_000  # how long the shopper has been on the page
WEIGHT_SETTLE_MS = 500  # requests a page starts up to this long after load are its weight
# The answer a what-if question gets: the shipping cost of this subtotal
# (Python on both sides; no table answers it).
SUBTOTAL = "46.99"
ANSWER_MENTIONS = "$46.99"


class MeasurementFailed(Exception):
    """One run could not measure what it should (no answer, a wrong answer ...)."""


@dataclass(frozen=True)
class Side:
    """A page with a button whose answer needs Python, and how to ask it."""

    name: str
    url: str  # the page
    status: str  # where the answer appears
    button: str
    bytes_prefix: str  # what the server sent under this path is this side's runtime
    subtotal: str | None = None  # an input to fill (without events) before the click


def ours(shipping_url: str, runtime_path: str) -> Side:
    widget = '[data-calculator="shipping_cost"]'
    return Side(
        "ours",
        shipping_url,
        f'{widget} [role="status"]',
        f'{widget} button[type="submit"]',
        runtime_path,
        f'{widget} input[name="subtotal"]',
    )


def stock(page_url: str) -> Side:
    # Everything the click fetches is in the page's own folder.
    return Side("stock", page_url, "#answer", "#ask", urlsplit(page_url).path)


@dataclass
class Answer:
    """One click and its answer."""

    ms: float  # click to answer shown, page clock
    state: str | None  # the help center's runtime state at the answer (None: stock)
    runtime: dict[str, Any] | None  # globalThis.helpcenterRuntime after the answer
    bytes: int  # what the server sent for this side's runtime from load to answer
    visit_bytes: int  # ... from the start of the visit to the answer


@dataclass
class Served:
    """How the server sent the biggest files, per side (for the fairness note)."""

    headers: dict[str, dict[str, str]] = field(default_factory=dict)

    def watch(self, context: BrowserContext, side: str) -> None:
        wanted = ("content-encoding", "cache-control", "content-length")

        def record(response: Any) -> None:
            name = urlsplit(response.url).path.rsplit("/", 1)[-1]
            # The interpreter, its JavaScript and the standard library (trimmed or not).
            if name in ("pyodide.asm.wasm", "pyodide.asm.mjs") or "stdlib" in name:
                found = response.headers
                self.headers[f"{side} {name}"] = {k: found.get(k, "-") for k in wanted}

        context.on("response", record)


def open_context(browser: Browser) -> BrowserContext:
    context = browser.new_context(
        viewport=VIEWPORT,
        timezone_id="America/New_York",
        locale="en-US",
        extra_http_headers={"Accept-Encoding": ACCEPT_ENCODING},
    )
    context.add_init_script(path=str(PROBE))
    return context


def server_sent() -> Counter[str]:
    return Counter(SiteHandler.sent)


def sent_since(before: Counter[str], prefix: str) -> int:
    return sum(
        n - before.get(path, 0) for path, n in server_sent().items() if path.startswith(prefix)
    )


def runtime_of(page: Page) -> dict[str, Any] | None:
    text = page.evaluate("() => JSON.stringify(globalThis.helpcenterRuntime ?? null)")
    value = json.loads(text)
    return value if isinstance(value, dict) else None


def wait_for_answer(page: Page, side: Side) -> float:
    """Click the side's button (armed just before) and return click→answer in ms."""
    page.evaluate("(status) => { globalThis.__armed = __bench.armAnswer(status); }", side.status)
    page.click(side.button, timeout=LOAD_WAIT_MS)
    timing = page.evaluate(
        """(ms) => Promise.race([
             globalThis.__armed,
             new Promise((_, reject) => setTimeout(() => reject(new Error("no answer")), ms)),
           ])""",
        ANSWER_WAIT_MS,
    )
    shown = page.locator(side.status).text_content(timeout=LOAD_WAIT_MS) or ""
    if ANSWER_MENTIONS not in shown:
        failure = (runtime_of(page) or {}).get("failure")
        why = f" (the runtime's failure: {failure})" if failure else ""
        raise MeasurementFailed(f"the answer is not the shipping cost{why}: {shown[:80]!r}")
    return float(timing["answerAt"] - timing["clickAt"])


def fill_silently(page: Page, side: Side) -> None:
    """Type the subtotal without input or focus events, which would start the runtime early."""
    if side.subtotal is not None:
        page.eval_on_selector(side.subtotal, "(input, value) => { input.value = value; }", SUBTOTAL)


def ask(context: BrowserContext, side: Side, stay_ms: int = 0) -> Answer:
    """A new page of ``context``: load, click at once, wait for the answer, stay ``stay_ms``."""
    page = context.new_page()
    try:
        visit_started = server_sent()
        page.goto(side.url, wait_until="load", timeout=LOAD_WAIT_MS)
        fill_silently(page, side)
        before = server_sent()
        ms = wait_for_answer(page, side)
        runtime = runtime_of(page)
        page.wait_for_timeout(stay_ms)
        state = runtime.get("state") if runtime else None
        if side.name == "ours" and state != "ready":
            raise MeasurementFailed(f"ours answered with the runtime {state!r}: not Python's?")
        return Answer(
            ms,
            state,
            runtime,
            sent_since(before, side.bytes_prefix),
            sent_since(visit_started, side.bytes_prefix),
        )
    finally:
        page.close()


def cold_and_warm(browser: Browser, side: Side, served: Served) -> tuple[Answer, Answer]:
    """A first visit (empty cache), then a return visit in a new page of the same context."""
    context = open_context(browser)
    served.watch(context, side.name)
    try:
        return ask(context, side, FIRST_VISIT_READS_MS), ask(context, side)
    finally:
        context.close()


@dataclass
class WhatIf:
    ms: float
    state_before: str | None  # the runtime's state when the shopper clicked
    started_by: str | None  # what started it ("idle", "visible", ...), if the loader says
    runtime_bytes: int  # all the runtime fetched in this visit, up to "ready"


def what_if(browser: Browser, side: Side) -> WhatIf:
    """Load, stay WHAT_IF_AFTER_MS without touching anything, then ask."""
    context = open_context(browser)
    try:
        page = context.new_page()
        before = server_sent()
        page.goto(side.url, wait_until="load", timeout=LOAD_WAIT_MS)
        page.wait_for_timeout(WHAT_IF_AFTER_MS)
        runtime = runtime_of(page) or {}
        fill_silently(page, side)
        ms = wait_for_answer(page, side)
        page.wait_for_function(
            "() => globalThis.helpcenterRuntime?.state === 'ready'", timeout=ANSWER_WAIT_MS
        )
        return WhatIf(
            ms,
            runtime.get("state"),
            runtime.get("startedBy"),
            sent_since(before, side.bytes_prefix),
        )
    finally:
        context.close()


# -- instant answers: no click, no Python --------------------------------------------

# The delivery widget's answer, shown from the build's table (its status region
# holding a sentence with a date), and every delivery line of a store page
# filled in (each with its date).
INSTANT_WATCHERS = {
    "widget": """() => {
        const status = document.querySelector('[data-calculator="delivery"] [role="status"]');
        return !!status?.querySelector("p time");
    }""",
    "lines": """() => {
        const lines = [...document.querySelectorAll("[data-delivery-line]")];
        return lines.length > 0 && lines.every((line) => line.querySelector("time"));
    }""",
}


@dataclass
class Instant:
    ms: float  # from the load event to the answer on the page (0: before load)
    state: str | None  # the runtime's state then ("idle" or none: no Python)


def instant(browser: Browser, url: str, watcher: str) -> Instant | None:
    """Load ``url`` in a fresh context; when did the ``watcher`` answer appear, after load?"""
    context = open_context(browser)
    try:
        context.add_init_script(
            f"globalThis.__bench.watch({json.dumps(watcher)}, {INSTANT_WATCHERS[watcher]});"
        )
        page = context.new_page()
        page.goto(url, wait_until="load", timeout=LOAD_WAIT_MS)
        try:
            page.wait_for_function(
                "(name) => !!__bench.seen[name]", arg=watcher, timeout=INSTANT_WAIT_MS
            )
        except PlaywrightTimeout:
            return None
        seen = page.evaluate("(name) => ({...__bench.seen[name], load: __bench.loadAt()})", watcher)
        return Instant(max(0.0, seen["at"] - seen["load"]), seen["state"])
    finally:
        context.close()


# -- page weight -------------------------------------------------------------------------

# The help center's worker is not created in a page-weight run: what the runtime's
# start fetches (the worker's script and all it downloads) is no part of the
# page's weight, and this leaves it out whenever the runtime starts (idle, or a
# calculator in view). Other workers (Material's search) run as usual.
NO_RUNTIME_WORKER = """(() => {
  const RealWorker = globalThis.Worker;
  globalThis.Worker = new Proxy(RealWorker, {
    construct(target, args) {
      if (String(args[0]).includes("/assets/helpcenter/")) {
        globalThis.__bench.runtimeStartAt ??= performance.now();
        throw new Error("benchmark: no runtime");
      }
      return Reflect.construct(target, args);
    },
  });
})();"""


@dataclass
class Weight:
    bytes: int  # response bodies as they came (encoded), of requests started in time
    requests: int
    files: list[tuple[str, int]]
    runtime_start_ms: float | None  # when the runtime would have started, after load


def page_weight(browser: Browser, url: str) -> Weight:
    """Bytes the page fetched (workers' fetches too) from its start to load + settle."""
    context = open_context(browser)
    finished: list[Any] = []
    try:
        context.add_init_script(NO_RUNTIME_WORKER)
        context.on("requestfinished", lambda request: finished.append(request))
        page = context.new_page()
        page.goto(url, wait_until="load", timeout=LOAD_WAIT_MS)
        # Requests started before the cut-off may still be arriving: give them time.
        page.wait_for_timeout(WEIGHT_SETTLE_MS + 1_000)
        times = page.evaluate(
            """(settle) => ({
                cutoff: performance.timeOrigin + __bench.loadAt() + settle,
                runtime: (__bench.runtimeStartAt ?? NaN) - __bench.loadAt(),
            })""",
            WEIGHT_SETTLE_MS,
        )
        cutoff = times["cutoff"]
        files = [
            (urlsplit(request.url).path, int(request.sizes()["responseBodySize"]))
            for request in list(finished)
            if request.timing["startTime"] < cutoff
        ]
        runtime = times["runtime"]
        started = None if runtime is None or math.isnan(runtime) else float(runtime)
        return Weight(sum(size for _, size in files), len(files), files, started)
    finally:
        context.close()
