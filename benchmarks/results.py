"""One table for every benchmark's targets: each script adds its rows, scripts/bench prints them.

A benchmark given ``--results FILE`` appends one JSON object per target to
FILE (JSON lines); ``python benchmarks/results.py FILE`` prints the table of
all of them. A row says what was measured, the goal, the median/min/max over
the rounds, and the median divided by the goal (<= 1 is on target).

Every goal here is an upper bound ("<= 50 ms", "<= 0.5 x stock"); a row with
no goal is shown for context only.
"""

from __future__ import annotations

import json
import math
import statistics
import sys
from collections.abc import Iterable, Sequence
from dataclasses import asdict, dataclass
from pathlib import Path


@dataclass(frozen=True)
class Row:
    """One target (or a figure shown beside one) over all rounds."""

    target: str  # what was measured, e.g. "cold click→answer, ours / stock"
    unit: str  # "ms", "x" (a ratio), "KB", "s"
    goal: float | None  # the upper bound the median must stay under; None: context only
    median: float | None  # None: not available (the note says why)
    low: float | None = None
    high: float | None = None
    rounds: int = 0
    note: str = ""

    @property
    def ratio(self) -> float | None:
        """The median against the goal: <= 1 is on target."""
        if self.goal is None or self.median is None or self.goal == 0:
            return None
        return self.median / self.goal

    @property
    def verdict(self) -> str:
        if self.median is None:
            return "n/a"
        if self.ratio is None:
            return ""
        return "pass" if self.ratio <= 1 else "MISS"


def summary(
    target: str, unit: str, goal: float | None, samples: Sequence[float], note: str = ""
) -> Row:
    """The row of ``samples`` (one per round); none at all reads "not available"."""
    values = [s for s in samples if not math.isnan(s)]
    if not values:
        return Row(target, unit, goal, None, note=note or "not available")
    return Row(
        target,
        unit,
        goal,
        statistics.median(values),
        min(values),
        max(values),
        len(values),
        note,
    )


def missing(target: str, unit: str, goal: float | None, why: str) -> Row:
    return Row(target, unit, goal, None, note=why)


def append_rows(path: Path, rows: Iterable[Row]) -> None:
    with path.open("a", encoding="utf-8") as out:
        for row in rows:
            out.write(json.dumps(asdict(row), ensure_ascii=False) + "\n")


def read_rows(path: Path) -> list[Row]:
    lines = path.read_text(encoding="utf-8").splitlines() if path.is_file() else []
    return [Row(**json.loads(line)) for line in lines if line.strip()]


def _number(value: float | None, unit: str) -> str:
    if value is None:
        return "-"
    if unit == "x":
        return f"{value:.2f}"
    if unit == "s" or abs(value) < 10:
        return f"{value:.1f}"
    return f"{value:,.0f}"


def format_table(rows: Sequence[Row]) -> str:
    """The rows as aligned text: target, goal, median, min, max, ratio, result."""
    header = ("target", "goal", "median", "min", "max", "n", "ratio", "result")
    cells = [header]
    for row in rows:
        goal = f"<= {_number(row.goal, row.unit)}" if row.goal is not None else ""
        cells.append(
            (
                row.target,
                f"{goal} {row.unit}".strip() if goal else row.unit,
                _number(row.median, row.unit),
                _number(row.low, row.unit),
                _number(row.high, row.unit),
                str(row.rounds) if row.rounds else "",
                f"{row.ratio:.2f}" if row.ratio is not None else "",
                row.verdict,
            )
        )
    widths = [max(len(line[i]) for line in cells) for i in range(len(header))]
    lines = []
    for number, line in enumerate(cells):
        text = "  ".join(
            cell.ljust(width) if i == 0 else cell.rjust(width)
            for i, (cell, width) in enumerate(zip(line, widths, strict=True))
        )
        lines.append(text.rstrip())
        if number == 0:
            lines.append("-" * len(lines[0]))
    notes = [f"  {row.target}: {row.note}" for row in rows if row.note]
    footer = [
        "ratio = median / goal (<= 1 is on target); result compares the median.",
        *(["notes:", *notes] if notes else []),
    ]
    return "\n".join([*lines, "", *footer])


def main(argv: list[str]) -> int:
    if len(argv) != 1:
        print("usage: python benchmarks/results.py RESULTS.jsonl", file=sys.stderr)
        return 2
    rows = read_rows(Path(argv[0]))
    print(format_table(rows) if rows else "no results were written")
    return 0 if all(row.verdict != "MISS" for row in rows) else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
