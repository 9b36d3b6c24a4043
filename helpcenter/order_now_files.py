"""Write the order-now table (``calculators.order_now``) as one file per UTC month.

The page that answers "if I order now, when does it arrive?" on load fetches the
file of its clock's UTC month and looks up the interval holding its clock: it
computes nothing.

    order-now-YYYY-MM.json   {"month": "YYYY-MM", "methods": {method: [row, ...]}}

The names stay from build to build (the host revalidates them, helpcenter/headers.py):
a page computes the name from its clock and asks for it at once, without first
reading runtime.json, which lists them too (``order_now``). Every shipping method
has its list in every file, empty when it has no answer that month, so a file
alone says which methods there are; a month without a file has no answers.

A month file holds every interval that overlaps its month, whole (an interval
across a month's end is in both files), so a page needs one file only. The
months run from the build day's (the first instant of the build day in the
store's zone, in UTC) to the one holding the end of ``calendar.coverage.last_day``;
none once the coverage is over.
The files are compact JSON built only from the policy and the build day; the
per-user cache of helpcenter/compress.py keeps them under that key (with the
calculators' sources, this module and the zone rules' version), since making
them is most of what a small site's build adds to Material's.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, date, datetime, time
from pathlib import Path

from calculators.order_now import Interval, span_end, tables
from calculators.policy import Policy
from helpcenter import compress
from helpcenter.bundle import calculators_sources, policy_json, tzdata_version
from helpcenter.load import build_day

FILE_STEM = "order-now"


@dataclass(frozen=True)
class MonthFile:
    """One month's file: its name's month and its bytes."""

    month: str  # "2026-11"
    content: bytes


def write_months(folder: Path, policy: Policy, today: date | None = None) -> dict[str, object]:
    """Write the month files into ``folder`` (the runtime folder); runtime.json's
    ``order_now`` entry. ``today`` is the build day (``build_day`` unless a test says)."""
    day = today if today is not None else build_day(policy.calendar.time_zone.zone)
    months = {}
    folder.mkdir(parents=True, exist_ok=True)
    for month in month_files(policy, day):
        name = file_name(month.month)
        (folder / name).write_bytes(month.content)
        months[month.month] = name
    return manifest_entry(policy, months)


def file_name(month: str) -> str:
    """``2026-11`` -> ``order-now-2026-11.json``: the name delivery-line.js asks for."""
    return f"{FILE_STEM}-{month}.json"


def span_start(policy: Policy, today: date) -> datetime:
    """The first instant of ``today`` (the build day) in the store's zone, in UTC; of the
    coverage's first day if that is later (a build dated years back writes no empty
    months for the years the calculators refuse)."""
    first = max(today, policy.calendar.coverage.first_day)
    return datetime.combine(first, time(0), policy.calendar.time_zone.zone).astimezone(UTC)


def month_files(policy: Policy, today: date) -> list[MonthFile]:
    """The table from the start of ``today`` to the end of the coverage, by UTC month;
    from the cache when the same inputs made it before."""
    inputs = (
        policy_json(policy),
        today.isoformat().encode(),
        # The sources themselves: zipping them costs more than hashing them.
        b"\0".join(
            name.encode() + b"\0" + code for name, code in sorted(calculators_sources().items())
        ),
        Path(__file__).read_bytes(),
        tzdata_version().encode(),
    )
    key = b"\0".join(hashlib.sha256(part).digest() for part in inputs)
    made = compress.cached(key, "order-now", lambda: _encoded(made_month_files(policy, today)))
    return [MonthFile(month, content.encode("utf-8")) for month, content in json.loads(made)]


def _encoded(files: list[MonthFile]) -> bytes:
    return json.dumps([[f.month, f.content.decode("utf-8")] for f in files]).encode("utf-8")


def made_month_files(policy: Policy, today: date) -> list[MonthFile]:
    """``month_files`` made now, with the calculators."""
    start, end = span_start(policy, today), span_end(policy)
    if start >= end:
        return []
    methods = tables(policy, policy.shipping.methods, start, end)
    files = []
    for month_start, month_end in utc_months(start, end):
        rows = {
            method: [i.row() for i in intervals if overlaps(i, month_start, month_end)]
            for method, intervals in methods.items()
        }
        document = {"month": month_start.strftime("%Y-%m"), "methods": rows}
        content = json.dumps(document, separators=(",", ":"), ensure_ascii=False)
        files.append(MonthFile(month_start.strftime("%Y-%m"), content.encode("utf-8")))
    return files


def overlaps(interval: Interval, start: datetime, end: datetime) -> bool:
    return interval.start < end and start < interval.end


def utc_months(start: datetime, end: datetime) -> Iterator[tuple[datetime, datetime]]:
    """Each UTC calendar month overlapping [start, end), as [its first instant, the next's)."""
    month = datetime(start.year, start.month, 1, tzinfo=UTC)
    while month < end:
        following = datetime(month.year + month.month // 12, month.month % 12 + 1, 1, tzinfo=UTC)
        yield month, following
        month = following


def manifest_entry(policy: Policy, months: dict[str, str]) -> dict[str, object]:
    """runtime.json's ``order_now``: each method's label, and each month's file name."""
    return {
        "methods": {key: method.label for key, method in policy.shipping.methods.items()},
        "months": months,
    }
