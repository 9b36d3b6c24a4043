"""How long one calculator answer takes in CPython, through the same door as the browser.

Each calculator answers a typical case (the CLI table's cases) many times;
the table shows the median time per answer against a target of 1 ms, which
keeps a widget's reply instant once Pyodide is up (Pyodide runs the same code
a few times slower than CPython).

Run: .venv/bin/python benchmarks/calculators.py [--repeat 200] [--results FILE]
(--results appends the slowest calculator's median to scripts/bench's table.)
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from benchmarks.results import append_rows, summary  # noqa: E402
from calculators import web  # noqa: E402
from helpcenter.load import load_policy  # noqa: E402

TARGET_MS = 1.0
CASES = {
    "delivery": {
        "method": "standard",
        "ordered_at": "2026-11-28T10:00:00-05:00",
        "now": "2026-11-28T09:00:00-05:00",
    },
    "shipping_cost": {"subtotal": "46.99", "method": "standard"},
    "change_cancel": {
        "ordered_at": "2026-11-22T10:00:00-05:00",
        "artwork_started": "no",
        "shipped": "no",
        "now": "2026-11-22T10:30:00-05:00",
    },
    "returns": {
        "delivered_on": "2026-12-01",
        "item": "standard",
        "reason": "defective",
        "as_new": "no",
        "now": "2026-12-03T12:00:00-05:00",
    },
    "destination": {"country": "UA", "region": "UA-43"},
    "holiday_deadline": {
        "deliver_by": "2026-12-24",
        "method": "standard",
        "now": "2026-11-22T12:00:00-05:00",
    },
    "late_order": {
        "ordered_at": "2026-11-10T10:00:00-05:00",
        "method": "standard",
        "status": "shipped",
        "last_update": "2026-11-16T09:00:00-05:00",
        "now": "2026-11-22T10:00:00-05:00",
    },
}


def main() -> int:
    options = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    options.add_argument("--repeat", type=int, default=200)
    options.add_argument("--results", type=Path, help="append the target to this JSON-lines file")
    arguments = options.parse_args()
    repeat = arguments.repeat
    policy = load_policy(ROOT / "policy")
    print(f"{'calculator':<18} {'median ms':>10} {'target ms':>10} {'ratio':>7}")
    worst = 0.0
    slowest = ""
    for name, inputs in CASES.items():
        text = json.dumps(inputs)
        assert json.loads(web.answer(policy, name, text))["ok"], name
        samples = []
        for _ in range(repeat):
            start = time.perf_counter()
            web.answer(policy, name, text)
            samples.append((time.perf_counter() - start) * 1000)
        median = statistics.median(samples)
        if median > worst:
            worst, slowest = median, name
        print(f"{name:<18} {median:>10.3f} {TARGET_MS:>10.1f} {median / TARGET_MS:>7.2f}")
    if arguments.results:
        row = summary(f"one answer in CPython, slowest: {slowest}", "ms", TARGET_MS, [worst])
        append_rows(arguments.results, [row])
    return 0 if worst <= TARGET_MS else 1


if __name__ == "__main__":
    sys.exit(main())
