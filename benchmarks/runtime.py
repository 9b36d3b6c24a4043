"""The help center's calculators in the browser, against stock Pyodide, in one run.

Builds both stores, a Shipping page without its calculators and stock
Pyodide's baseline page (benchmarks/sites.py, benchmarks/stock.py), serves
each on 127.0.0.1 with helpcenter.preview.serve (the same host rules for all:
brotli as a CDN sends it, a year's caching for versioned files) and runs N
rounds in Debian's Chromium. In each round, ours and stock alternate (who goes
first alternates too), each visit in a fresh browser context:

- instant answer: ms from the load event to the delivery widget's answer on
  the Shipping page, and to every [data-delivery-line] of a store page filled
  in; both stores; no Python (goal <= 50 ms);
- what-if after 3 s: load the Shipping page, touch nothing for 3 s, then ask
  the shipping cost calculator (Python): click -> answer (goal <= 100 ms);
- cold: an empty cache, click as soon as the page has loaded: click -> answer,
  ours / stock (goal <= 0.5);
- warm: the same context, a new page (a returning visitor, HTTP cache warm),
  click at once: ours / stock (goal <= 0.35). The first visit stays open
  FIRST_VISIT_READS_MS after its answer, as a shopper reads it, for both
  sides: it is when the help center keeps this browser's snapshot of the
  interpreter (~0.3 s to store), which the return visit restores;
- bytes before the shopper touches a calculator: ours = what the server sent
  under assets/helpcenter/ in the what-if visit, up to the worker's "ready";
  stock = what its click fetched; as sent (brotli), ours / stock (goal <= 0.65);
- page weight: bytes of the requests the Shipping page started up to load +
  0.5 s, with the help center's worker not created (so nothing the runtime's
  start fetches counts), minus the same for the page without its calculators
  (goal <= 20 KB).

Stock gets no precompressed copies unless --stock-precompressed (they are one
of the help center's own levers; benchmarks/stock.py says why). Timings are
the page's own clock (performance.now(): a click listener and a
MutationObserver, benchmarks/probe.js). Prints each round, the worker's own
boot marks, how each side was served, and the table of targets (median of the
rounds, min, max). 1 KB = 1,000 bytes.

Run: .venv/bin/python benchmarks/runtime.py [--rounds 5] [--results FILE]
     [--stock-precompressed]
"""

from __future__ import annotations

import argparse
import math
import statistics
import sys
import tempfile
import time
from collections import defaultdict
from collections.abc import Callable
from contextlib import ExitStack
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path
from typing import Any, TypeVar

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from playwright.sync_api import Browser, sync_playwright  # noqa: E402
from playwright.sync_api import Error as PlaywrightError  # noqa: E402

from benchmarks import browser_runs as runs  # noqa: E402
from benchmarks.results import Row, append_rows, format_table, summary  # noqa: E402
from benchmarks.sites import BenchSite, build_all  # noqa: E402
from helpcenter.preview import CHROMIUM, CHROMIUM_ARGS, serve  # noqa: E402

GOAL_INSTANT_MS = 50
GOAL_WHAT_IF_MS = 100
GOAL_COLD_RATIO = 0.5
GOAL_WARM_RATIO = 0.35
GOAL_BYTES_RATIO = 0.65
GOAL_EXTRA_KB = 20
KB = 1000
T = TypeVar("T")


@dataclass
class Findings:
    """Everything the rounds measured: samples per figure, and what explains them."""

    samples: defaultdict[str, list[float]] = field(default_factory=lambda: defaultdict(list))
    marks: defaultdict[str, list[dict[str, Any]]] = field(
        default_factory=lambda: defaultdict(list)
    )  # "cold"/"warm" -> the worker's boot marks of each round
    interpreters: defaultdict[str, list[str]] = field(
        default_factory=lambda: defaultdict(list)
    )  # "cold"/"warm" -> how ours had its interpreter each round: "started" or "restored"
    what_if_states: list[str] = field(default_factory=list)
    instant_notes: set[str] = field(default_factory=set)
    weight_files: dict[str, list[tuple[str, int]]] = field(default_factory=dict)
    served: runs.Served = field(default_factory=runs.Served)
    failures: list[str] = field(default_factory=list)
    warm_bytes: defaultdict[str, list[int]] = field(default_factory=lambda: defaultdict(list))
    runtime_starts: list[float] = field(default_factory=list)  # ms after load (page weight runs)

    def last(self, key: str) -> float:
        values = self.samples.get(key)
        return values[-1] if values else math.nan


def attempt(found: Findings, what: str, run: Callable[[], T]) -> T | None:
    """``run()``, or None when it could not measure (said at once, and under the table)."""
    try:
        return run()
    except (runs.MeasurementFailed, PlaywrightError) as error:
        message = str(error).strip().splitlines()[0] if str(error).strip() else repr(error)
        found.failures.append(f"{what}: {message}")
        print(f"  {what}: could not measure: {message}", flush=True)
        return None


def one_round(browser: Browser, site: BenchSite, number: int, found: Findings) -> None:
    samples = found.samples
    main = site.stores[0]
    ours_side = runs.ours(main.shipping, main.runtime_path)
    stock_side = runs.stock(site.stock_page)
    # Cold then warm, for each side; who goes first alternates by round.
    first, second = (stock_side, ours_side) if number % 2 == 0 else (ours_side, stock_side)
    for side in (first, second):
        visits = attempt(
            found,
            f"cold and warm, {side.name}",
            partial(runs.cold_and_warm, browser, side, found.served),
        )
        for phase, answer in zip(("cold", "warm"), visits or (None, None), strict=True):
            samples[f"{phase} {side.name}"].append(math.nan if answer is None else answer.ms)
            if answer and answer.runtime and answer.runtime.get("marks"):
                marks = {"boot": answer.runtime.get("bootMs"), **answer.runtime["marks"]}
                found.marks[phase].append(marks)
                found.interpreters[phase].append(str(answer.runtime.get("interpreter")))
        if side.name == "stock":
            samples["bytes stock"].append(math.nan if visits is None else visits[0].bytes)
        if visits is not None:
            found.warm_bytes[side.name].append(visits[1].visit_bytes)
    for phase in ("cold", "warm"):
        samples[f"{phase} ratio"].append(found.last(f"{phase} ours") / found.last(f"{phase} stock"))

    asked = attempt(found, "what-if", lambda: runs.what_if(browser, ours_side))
    samples["what-if"].append(math.nan if asked is None else asked.ms)
    samples["bytes ours"].append(math.nan if asked is None else asked.runtime_bytes)
    samples["bytes ratio"].append(found.last("bytes ours") / found.last("bytes stock"))
    if asked is not None:
        found.what_if_states.append(f"{asked.state_before} (started by {asked.started_by})")

    for store in site.stores:
        for watcher, page in (("widget", store.shipping), ("lines", store.product)):
            key = f"instant {store.name} {watcher}"
            shown = None
            if page is not None:
                shown = attempt(found, key, partial(runs.instant, browser, page, watcher))
            samples[key].append(math.nan if shown is None else shown.ms)
            if shown and shown.state not in (None, "idle"):
                found.instant_notes.add(f"{key}: the runtime was {shown.state!r} then")

    pages = [("shipping", main.shipping), ("control", main.control)]
    for name, page in pages if number % 2 == 0 else reversed(pages):
        if page is None:
            continue
        weight = attempt(found, f"page weight, {name}", partial(runs.page_weight, browser, page))
        samples[f"weight {name}"].append(math.nan if weight is None else weight.bytes / KB)
        if weight is not None:
            found.weight_files[name] = weight.files
            if weight.runtime_start_ms is not None:
                found.runtime_starts.append(weight.runtime_start_ms)
    if main.control is not None:
        samples["weight extra"].append(found.last("weight shipping") - found.last("weight control"))


def print_round(number: int, found: Findings, seconds: float) -> None:
    last = found.last
    figures = [
        ("cold ours/stock ms", f"{last('cold ours'):.0f}/{last('cold stock'):.0f}"),
        ("warm", f"{last('warm ours'):.0f}/{last('warm stock'):.0f}"),
        ("what-if ms", f"{last('what-if'):.0f}"),
        ("bytes ours/stock KB", f"{last('bytes ours') / KB:,.0f}/{last('bytes stock') / KB:,.0f}"),
        ("extra KB", f"{last('weight extra'):.1f}"),
    ]
    instant = [
        f"{key[len('instant ') :]} {values[-1]:.0f}"
        for key, values in found.samples.items()
        if key.startswith("instant ")
    ]
    text = ", ".join(f"{name} {value}" for name, value in figures)
    print(f"round {number}: {text}; instant ms: {', '.join(instant)} ({seconds:.0f} s)", flush=True)


def rows(found: Findings, site: BenchSite) -> list[Row]:
    def get(key: str) -> list[float]:
        return found.samples.get(key, [])

    def kb(key: str) -> list[float]:
        return [b / KB for b in get(key)]

    table: list[Row] = []
    for store in site.stores:
        for watcher, what in (("widget", "Shipping page widget"), ("lines", "delivery lines")):
            target = f"instant answer, {store.name} store, {what}"
            samples = get(f"instant {store.name} {watcher}")
            table.append(summary(target, "ms", GOAL_INSTANT_MS, samples))
    table.append(summary("what-if after 3 s on the page", "ms", GOAL_WHAT_IF_MS, get("what-if")))
    for phase, goal in (("cold", GOAL_COLD_RATIO), ("warm", GOAL_WARM_RATIO)):
        table += [
            summary(f"{phase} click→answer, ours", "ms", None, get(f"{phase} ours")),
            summary(f"{phase} click→answer, stock", "ms", None, get(f"{phase} stock")),
            summary(f"{phase} click→answer, ours / stock", "x", goal, get(f"{phase} ratio")),
        ]
    table += [
        summary("bytes before a touch, ours", "KB", None, kb("bytes ours")),
        summary("bytes of stock's click", "KB", None, kb("bytes stock")),
        summary("bytes before a touch, ours / stock", "x", GOAL_BYTES_RATIO, get("bytes ratio")),
        summary("Shipping page to load + 0.5 s", "KB", None, get("weight shipping")),
        summary("same page without calculators", "KB", None, get("weight control")),
        summary("page weight of the calculators", "KB", GOAL_EXTRA_KB, get("weight extra")),
    ]
    return table


def print_details(found: Findings) -> None:
    for phase, marks in found.marks.items():
        names = dict.fromkeys(name for mark in marks for name in mark)
        medians = {
            name: statistics.median(values)
            for name in names
            if (values := [m[name] for m in marks if isinstance(m.get(name), int | float)])
        }
        print(
            f"worker boot ({phase}, ours), median ms after the runtime was started: "
            + ", ".join(f"{name} {ms:.0f}" for name, ms in medians.items())
        )
    for phase, how in found.interpreters.items():
        print(f"interpreter ({phase}, ours), each round: " + ", ".join(how))
    for side, sent in found.warm_bytes.items():
        print(f"return visit, {side}: the server sent its runtime {max(sent):,} bytes at most")
    print("runtime when the what-if was asked (after 3 s): " + ", ".join(found.what_if_states))
    for note in sorted(found.instant_notes):
        print(f"instant answer (the table's, not Python's) shown while {note}")
    only = _only_in(found.weight_files, "shipping", "control")
    print(
        "page weight: requests started up to load + 0.5 s, the help center's worker not "
        "created; the Shipping page only: " + ", ".join(f"{p} {n:,} B" for p, n in only)
    )
    if found.runtime_starts:
        starts = ", ".join(f"{ms:.0f}" for ms in found.runtime_starts)
        print(f"  the Shipping page started the runtime at {starts} ms after load (not counted)")
    only = _only_in(found.weight_files, "control", "shipping")
    print("  the page without calculators only: " + ", ".join(f"{p} {n:,} B" for p, n in only))
    for failure in found.failures:
        print(f"could not measure: {failure}")
    print("how the biggest files were served (as the browser saw them):")
    for name, headers in sorted(found.served.headers.items()):
        print(f"  {name}: " + ", ".join(f"{k} {v}" for k, v in headers.items()))


def _only_in(
    files: dict[str, list[tuple[str, int]]], one: str, other: str
) -> list[tuple[str, int]]:
    others = {path for path, _ in files.get(other, [])}
    return [(path, size) for path, size in files.get(one, []) if path not in others]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--results", type=Path, help="append the targets to this JSON-lines file")
    parser.add_argument(
        "--stock-precompressed",
        action="store_true",
        help="give stock the build's precompressed .br/.gz copies too (by default a "
        "host compresses it on the fly, as a CDN does)",
    )
    args = parser.parse_args()
    if args.rounds < 1:
        parser.error("--rounds must be at least 1")
    started = time.perf_counter()
    found = Findings()
    with tempfile.TemporaryDirectory() as folder, ExitStack() as servers:
        folders = {name: Path(folder, name) for name in ("main", "second", "stock")}
        urls = {}
        for name, site_dir in folders.items():
            site_dir.mkdir()
            urls[name] = servers.enter_context(serve(site_dir))
        site = build_all(folders, urls, Path(folder, "scratch"), args.stock_precompressed)
        print(f"built the sites in {time.perf_counter() - started:.0f} s", flush=True)
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(
                executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS
            )
            try:
                for number in range(1, args.rounds + 1):
                    round_started = time.perf_counter()
                    one_round(browser, site, number, found)
                    print_round(number, found, time.perf_counter() - round_started)
            finally:
                browser.close()
    print()
    print_details(found)
    table = rows(found, site)
    print()
    print(format_table(table))
    print(f"\nthe runtime benchmark took {time.perf_counter() - started:.0f} s")
    if args.results:
        append_rows(args.results, table)


if __name__ == "__main__":
    main()
