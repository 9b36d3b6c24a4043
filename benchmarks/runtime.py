"""How fast the first calculator answer comes, and how much the runtime weighs.

Builds the site, serves it on 127.0.0.1 and, N times in a fresh browser
context (an empty cache: a first visit), clicks "Estimate delivery dates" on
the Shipping page before the calculator has started, then prints:

- first answer: from the click to the answer on the page (cold: includes the
  whole Pyodide boot), measured by the test's clock and by the page's;
- boot: from starting the runtime to the worker's "ready";
- runtime bytes: what the server sent for assets/helpcenter/ (uncompressed:
  this server does not compress; a real host's gzip/brotli sends less);
- tzdata: the trimmed archive against the whole package.

Run: .venv/bin/python benchmarks/runtime.py [--runs 3]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from mkdocs.commands.build import build  # noqa: E402
from mkdocs.config import load_config  # noqa: E402
from playwright.sync_api import Browser, ViewportSize, sync_playwright  # noqa: E402

from helpcenter import bundle  # noqa: E402
from helpcenter.load import load_policy  # noqa: E402
from helpcenter.preview import CHROMIUM, CHROMIUM_ARGS, SiteHandler, serve  # noqa: E402

TARGET_FIRST_ANSWER_MS = 5000
TARGET_RUNTIME_BYTES = 14_000_000  # 14 MB, decimal
RUNTIME_PATH = "/assets/helpcenter/"
# Short enough that the calculator starts below the fold: nothing boots
# until the click, so the first answer is really cold.
VIEWPORT: ViewportSize = {"width": 1280, "height": 400}


def one_cold_run(browser: Browser, base_url: str) -> dict[str, float]:
    SiteHandler.sent.clear()
    context = browser.new_context(viewport=VIEWPORT, timezone_id="America/New_York")
    try:
        page = context.new_page()
        page.goto(base_url + "shipping/")
        widget = page.locator('[data-calculator="delivery"]')
        state = page.evaluate("() => globalThis.helpcenterRuntime.state")
        if state != "idle":
            raise SystemExit(f"The runtime started before the click ({state}): not a cold run.")
        started = time.perf_counter()
        widget.get_by_role("button", name="Estimate delivery dates").click()
        widget.locator('[role="status"][aria-busy="false"]').wait_for(timeout=60_000)
        wall_ms = (time.perf_counter() - started) * 1000
        runtime = page.evaluate("() => globalThis.helpcenterRuntime")
        if runtime["state"] != "ready" or not widget.locator('[role="status"] time').count():
            raise SystemExit(f"No answer on the page: {widget.text_content()!r}")
    finally:
        context.close()
    sent = SiteHandler.sent.items()
    runtime_bytes = sum(n for path, n in sent if path.startswith(RUNTIME_PATH))
    return {
        "first_answer_ms": wall_ms,
        "page_first_answer_ms": runtime["lastAnswerMs"],
        "boot_ms": runtime["bootMs"],
        "runtime_bytes": runtime_bytes,
        "marks": runtime["marks"],  # the worker's own timings, ms after it got "boot"
    }


def print_table(runs: list[dict]) -> None:
    print(
        f"{'run':>6} {'first answer ms':>16} {'(page clock)':>13} {'boot ms':>9} "
        f"{'runtime bytes':>14}"
    )
    for i, run in enumerate(runs, 1):
        print(
            f"{i:>6} {run['first_answer_ms']:>16.0f} {run['page_first_answer_ms']:>13.0f} "
            f"{run['boot_ms']:>9.0f} {run['runtime_bytes']:>14,}"
        )
    median = {key: statistics.median(r[key] for r in runs) for key in runs[0] if key != "marks"}
    print(
        f"{'median':>6} {median['first_answer_ms']:>16.0f} {median['page_first_answer_ms']:>13.0f} "
        f"{median['boot_ms']:>9.0f} {median['runtime_bytes']:>14,.0f}"
    )
    marks = {name: statistics.median(r["marks"][name] for r in runs) for name in runs[0]["marks"]}
    print(
        "worker boot, median ms after it was asked: "
        + ", ".join(f"{name} {ms:.0f}" for name, ms in marks.items())
    )
    print()
    worst_answer = max(r["first_answer_ms"] for r in runs)
    worst_bytes = max(r["runtime_bytes"] for r in runs)
    print(
        f"first answer (cold, worst of {len(runs)}): {worst_answer:.0f} ms / target "
        f"{TARGET_FIRST_ANSWER_MS} ms = {worst_answer / TARGET_FIRST_ANSWER_MS:.2f}"
    )
    print(
        f"runtime bytes (worst of {len(runs)}): {worst_bytes:,} / target "
        f"{TARGET_RUNTIME_BYTES:,} = {worst_bytes / TARGET_RUNTIME_BYTES:.2f}"
    )


def print_tzdata(policy_zone: str) -> None:
    zones = (policy_zone, *bundle.ALWAYS_ZONES)
    trimmed = len(bundle.tzdata_zip(zones))
    full = len(bundle.full_tzdata_zip())
    print(
        f"tzdata {bundle.tzdata_version()} for {', '.join(zones)}: {trimmed:,} bytes zipped; "
        f"the whole package zipped: {full:,} bytes ({trimmed / full:.1%})"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        site = Path(folder)
        with serve(site) as base_url:
            config = load_config(str(ROOT / "mkdocs.yml"), site_dir=str(site), site_url=base_url)
            build(config)
            with sync_playwright() as playwright:
                browser = playwright.chromium.launch(
                    executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS
                )
                runs = [one_cold_run(browser, base_url) for _ in range(args.runs)]
                browser.close()
    print_table(runs)
    print_tzdata(load_policy(ROOT / "policy").calendar.time_zone.key)


if __name__ == "__main__":
    main()
