"""The order-now table against the delivery calculator it is computed with.

The table (``calculators.order_now``) promises: for every instant t of an interval,
``web.answer`` for an order placed at t (its "now" too) says the interval's
sentences, each countdown's words said for t. Hypothesis checks that over random
instants and instants next to every boundary, on both stores and the test workshop;
a few rows are derived by hand below.

The stores' rules (policy/*.yml, examples/patch-and-pops/policy/*.yml), used by the
hand-derived rows: handling Mon-Sat (closed Thanksgiving, Dec 25, and for the main
store Jan 1, 2027), carrier Mon-Sat without US federal holidays, cut-off 24:00 New
York (the midnight that ends the day). Main store: stages 1-2 + 2-3 = 3-5 handling
days, standard transit 4-7 carrier days. Black Friday (Fri Nov 27, 2026) orders
arrive after Christmas (Thu Dec 24, 2026).
"""

from __future__ import annotations

import itertools
import json
from datetime import UTC, date, datetime, timedelta, timezone
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from calculators import delivery, order_now, web
from calculators.answers import CountdownPart, plain_sentences
from calculators.policy import Policy
from calculators.text import time_left
from helpcenter import bundle, order_now_files
from helpcenter.load import load_policy

ROOT = Path(__file__).parent.parent.parent
FIXTURES = ROOT / "tests" / "fixtures"
BUILD_DAY = date(2026, 11, 27)  # the build day: Black Friday
STORES = {
    "main": ROOT / "policy",
    "patch-and-pops": ROOT / "examples" / "patch-and-pops" / "policy",
    "workshop": FIXTURES / "workshop" / "policy",
}


def ms(iso: str) -> int:
    """Epoch milliseconds of an ISO moment written with its offset."""
    return order_now.epoch_ms(datetime.fromisoformat(iso))


@pytest.fixture(scope="module")
def policies() -> dict[str, Policy]:
    return {name: load_policy(folder) for name, folder in STORES.items()}


@pytest.fixture(scope="module")
def tables(policies) -> dict[str, dict[str, list[dict]]]:
    """Each store's rows from the start of the build day to the end of its coverage; the
    workshop's over its whole coverage (two DST springs and falls, a 14:00 cut-off)."""
    out = {}
    for name, policy in policies.items():
        day = date(2026, 1, 1) if name == "workshop" else BUILD_DAY
        start = order_now_files.span_start(policy, day)
        found = order_now.tables(policy, policy.shipping.methods, start, order_now.span_end(policy))
        out[name] = {method: [i.row() for i in rows] for method, rows in found.items()}
    return out


def row_at(rows: list[dict], instant: int) -> dict | None:
    """The page's lookup: the row whose [from, until) holds ``instant``."""
    return next((r for r in rows if r["from"] <= instant < r["until"]), None)


def said_at(parts_list: list[list[dict]], moment: datetime) -> list[list[dict]]:
    """The rows' sentences with each countdown's words said for ``moment``, as the page does."""
    return [
        [
            {**part, "text": time_left(datetime.fromisoformat(part["countdown"]) - moment)}
            if "countdown" in part
            else part
            for part in sentence
        ]
        for sentence in parts_list
    ]


def words(parts_list: list[list[dict]]) -> list[str]:
    return ["".join(part["text"] for part in sentence) for sentence in parts_list]


# -- the table says what the calculator says, at any instant ---------------------------------

OFFSETS = [timedelta(0), timedelta(hours=-5), timedelta(hours=9, minutes=30)]


@st.composite
def instants(draw, tables):
    """(store, method, epoch ms): anywhere in the span and a day around it, or within two
    seconds of a row's ends (midnights, cut-offs, DST changes, sale starts)."""
    store = draw(st.sampled_from(sorted(STORES)))
    method = draw(st.sampled_from(["standard", "expedited"]))
    rows = tables[store][method]
    low, high = rows[0]["from"] - 86_400_000, rows[-1]["until"] + 86_400_000
    if draw(st.booleans()):
        return store, method, draw(st.integers(low, high))
    edge = draw(st.sampled_from(rows))[draw(st.sampled_from(["from", "until"]))]
    return store, method, edge + draw(st.integers(-2000, 2000))


@settings(max_examples=400, deadline=None)
@given(data=st.data())
def test_a_row_says_what_the_calculator_says_for_any_instant_in_it(policies, tables, data):
    store, method, instant = data.draw(instants(tables))
    offset = data.draw(st.sampled_from(OFFSETS))
    policy = policies[store]
    epoch = datetime(1970, 1, 1, tzinfo=UTC)
    moment = (epoch + timedelta(milliseconds=instant)).astimezone(timezone(offset))
    inputs = {"method": method, "ordered_at": moment.isoformat(), "now": moment.isoformat()}
    reply = json.loads(web.answer(policy, "delivery", json.dumps(inputs)))
    row = row_at(tables[store][method], instant)
    if row is None:
        # Outside the table's span, or an instant the calculator gives no dates for.
        first, last = tables[store][method][0]["from"], tables[store][method][-1]["until"]
        inside = first <= instant < last
        assert not inside or not reply["ok"] or "outside_coverage" in reply["data"]
        return
    assert reply["ok"] and "outside_coverage" not in reply["data"]
    assert said_at(row["sentences"], moment) == reply["sentences"]
    # The line is the store page's sentence for that instant, countdown and all.
    window = delivery.estimate(policy, method, moment)
    line = plain_sentences((delivery.store_line(policy, window, moment),))[0]
    assert said_at([row["line"]], moment) == [line]


@pytest.mark.parametrize("store", sorted(STORES))
def test_rows_are_sorted_disjoint_and_each_differs_from_the_next(tables, store):
    for rows in tables[store].values():
        for row, following in itertools.pairwise(rows):
            assert row["from"] < row["until"] <= following["from"]
            if row["until"] == following["from"]:  # adjacent rows were not merged: they differ
                assert without_countdown_words(row) != without_countdown_words(following)


def without_countdown_words(row: dict) -> object:
    parts = [*row["sentences"], row["line"]]
    return [
        [{k: v for k, v in p.items() if k != "text" or "countdown" not in p} for p in s]
        for s in parts
    ]


# -- rows derived by hand ---------------------------------------------------------------------


def test_a_weekday_on_the_main_store(tables):
    # Tue Dec 1, 2026 counts from itself (handling day, before the midnight cut-off) until
    # the midnight that ends it; Mon Nov 30 and Wed Dec 2 count from themselves: the row is
    # the day. Ship +3 handling: Dec 2, 3, 4 -> Fri Dec 4; +5: Sat 5, Mon 7 -> Mon Dec 7.
    # Arrive (carrier Mon-Sat, no federal holiday before Dec 25) Dec 4 +4: 5, 7, 8, 9 -> Wed
    # Dec 9; Dec 7 +7: 8, 9, 10, 11, 12, 14, 15 -> Tue Dec 15. At the row's start, 24 h left.
    row = row_at(tables["main"]["standard"], ms("2026-12-01T10:00-05:00"))
    assert row is not None
    assert (row["from"], row["until"]) == (
        ms("2026-12-01T00:00-05:00"),
        ms("2026-12-02T00:00-05:00"),
    )
    assert words(row["sentences"]) == [
        "Ships between Fri Dec 4 and Mon Dec 7, arrives between Wed Dec 9 and Tue Dec 15.",
        "Counted from Tue Dec 1, the first handling day your order counts from.",
        "Order within 1 day (before midnight Eastern Time at the end of Tue Dec 1) and your "
        "order counts from today.",
    ]
    assert row["line"] == [
        {"text": "Order "},
        {"countdown": "2026-12-02T00:00-05:00", "text": "within 1 day"},
        {"text": ", get it by "},
        {"date": "2026-12-15", "text": "Tue Dec 15"},
        {"text": "."},
    ]


def test_black_friday_has_no_countdown(tables):
    # The whole of Fri Nov 27, 2026 (New York) is the sale. Counts from Fri Nov 27; ships from
    # +3 handling: Sat 28, Mon 30, Tue Dec 1. Latest: from the first handling day after Thu
    # Dec 24 (Dec 25 closed): Sat Dec 26; +5: Dec 28, 29, 30, 31, (Jan 1 closed) Sat Jan 2;
    # +7 carrier: Jan 4, 5, 6, 7, 8, 9, 11 -> Mon Jan 11, 2027. Two years: dates say theirs.
    row = tables["main"]["standard"][0]
    assert (row["from"], row["until"]) == (
        ms("2026-11-27T00:00-05:00"),
        ms("2026-11-28T00:00-05:00"),
    )
    assert words(row["sentences"]) == [
        "Black Friday orders are delivered after Christmas (Thu Dec 24, 2026): yours ships "
        "from Tue Dec 1, 2026 and arrives after Thu Dec 24, 2026, by Mon Jan 11, 2027 at the "
        "latest."
    ]
    assert words([row["line"]]) == [
        "Black Friday orders are delivered after Christmas (Thu Dec 24, 2026), by Mon Jan 11, "
        "2027 at the latest."
    ]
    parts = [p for s in [*row["sentences"], row["line"]] for p in s]
    assert not any("countdown" in p for p in parts)


# Sundays of the DST changes of 2027 (Mar 14, Nov 7), main store, standard: no handling on
# Sunday, so the day counts from Monday and its row is the Sunday, 23 h in spring, 25 h in
# fall; Monday counts "from today". The countdown runs to the midnight ending Monday, in
# real hours: spring 00:00 EST Sun (05:00Z) to 00:00 EDT Tue (04:00Z) = 47 h; fall
# 00:00 EDT Sun (04:00Z) to 00:00 EST Tue (05:00Z) = 49 h.
# Spring: ship Mar 16, 17, 18 -> Thu Mar 18; +5: 19, 20 -> Sat Mar 20. Arrive Mar 18 +4:
# 19, 20, 22, 23 -> Tue Mar 23; Mar 20 +7: 22, 23, 24, 25, 26, 27, 29 -> Mon Mar 29.
# Fall: ship Nov 9, 10, 11 -> Thu Nov 11; +5: 12, 13 -> Sat Nov 13. Arrive (Veterans Day,
# Thu Nov 11, is a carrier holiday but only the start) Nov 11 +4: 12, 13, 15, 16 -> Tue Nov
# 16; Nov 13 +7: 15, 16, 17, 18, 19, 20, 22 -> Mon Nov 22.
DST_ROWS = [
    (
        "spring forward",
        "2027-03-14T00:00-05:00",
        "2027-03-15T00:00-04:00",
        "Ships between Thu Mar 18 and Sat Mar 20, arrives between Tue Mar 23 and Mon Mar 29.",
        "Counted from Mon Mar 15, the first handling day your order counts from.",
        "An order placed now counts from Mon Mar 15; order within 1 day 23 h (before midnight "
        "Eastern Time at the end of Mon Mar 15) to be counted from that day.",
        "Order within 1 day 23 h, get it by Mon Mar 29.",
    ),
    (
        "fall back",
        "2027-11-07T00:00-04:00",
        "2027-11-08T00:00-05:00",
        "Ships between Thu Nov 11 and Sat Nov 13, arrives between Tue Nov 16 and Mon Nov 22.",
        "Counted from Mon Nov 8, the first handling day your order counts from.",
        "An order placed now counts from Mon Nov 8; order within 2 days 1 h (before midnight "
        "Eastern Time at the end of Mon Nov 8) to be counted from that day.",
        "Order within 2 days 1 h, get it by Mon Nov 22.",
    ),
]


@pytest.mark.parametrize(
    ("case", "start", "until", "windows", "counted", "countdown", "line"),
    DST_ROWS,
    ids=[c[0] for c in DST_ROWS],
)
def test_a_dst_change_moves_the_rows_ends(
    tables, case, start, until, windows, counted, countdown, line
):
    row = row_at(tables["main"]["standard"], ms(start) + 3_600_000 * 12)
    assert row is not None
    assert (row["from"], row["until"]) == (ms(start), ms(until))
    assert (row["until"] - row["from"]) // 3_600_000 == (23 if case == "spring forward" else 25)
    assert words(row["sentences"]) == [windows, counted, countdown]
    assert words([row["line"]]) == [line]


def test_a_weekend_after_the_cut_off_is_one_row_on_the_workshop(tables):
    # Workshop: handling Mon-Fri, cut-off 14:00 New York. From Fri Jun 5, 2026 14:00 EDT to
    # Mon Jun 8 00:00 an order counts from Mon Jun 8 (dates as tests/unit/test_delivery.py
    # counts them for a Saturday order: ship Jun 11-15, arrive Jun 16-23); the countdown to
    # Mon 14:00 is 72 h at the row's start. Monday from midnight counts "from today".
    row = row_at(tables["workshop"]["standard"], ms("2026-06-06T12:00-04:00"))
    assert row is not None
    assert (row["from"], row["until"]) == (
        ms("2026-06-05T14:00-04:00"),
        ms("2026-06-08T00:00-04:00"),
    )
    assert words(row["sentences"]) == [
        "Ships between Thu Jun 11 and Mon Jun 15, arrives between Tue Jun 16 and Tue Jun 23.",
        "Counted from Mon Jun 8, the first handling day your order counts from.",
        "An order placed now counts from Mon Jun 8; order within 3 days (before 2:00 PM Eastern "
        "Time on Mon Jun 8) to be counted from that day.",
    ]
    assert words([row["line"]]) == ["Order within 3 days, get it by Tue Jun 23."]


def test_no_row_where_the_dates_would_leave_the_coverage(tables):
    # Coverage ends Fri Dec 31, 2027: an order of Thu Dec 30 would ship into 2028 (Sat Jan
    # 1 onward is unknown), so the calculator says it cannot give dates, and there is no row.
    rows = tables["main"]["standard"]
    assert row_at(rows, ms("2027-12-30T12:00-05:00")) is None
    assert rows[-1]["until"] <= ms("2028-01-01T00:00-05:00")


def test_a_countdown_part_reads_the_time_left_from_its_now():
    deadline = datetime.fromisoformat("2026-12-02T00:00-05:00")
    part = CountdownPart(deadline, deadline - timedelta(hours=3, minutes=20, seconds=30))
    assert plain_sentences((("Order ", part, "."),)) == [
        [
            {"text": "Order "},
            {"countdown": "2026-12-02T00:00-05:00", "text": "within 3 h 20 min"},
            {"text": "."},
        ]
    ]


# -- the month files --------------------------------------------------------------------------


def test_month_files_cover_their_months(policies, tables, tmp_path):
    policy = policies["main"]
    entry = order_now_files.write_months(tmp_path, policy, BUILD_DAY)
    # From the build day's UTC month (Nov 27 00:00 New York is 05:00 UTC, in November) to
    # the month holding the end of Dec 31, 2027 in New York (Jan 1, 2028 05:00 UTC).
    months = [f"2026-{m}" for m in ("11", "12")] + [f"2027-{m:02d}" for m in range(1, 13)]
    assert entry["methods"] == {"standard": "Standard shipping", "expedited": "Expedited shipping"}
    assert list(entry["months"]) == [*months, "2028-01"]
    seen: dict[str, list[dict]] = {"standard": [], "expedited": []}
    for month, name in entry["months"].items():
        assert name == f"order-now-{month}.json"  # the name a page makes from its clock
        content = (tmp_path / name).read_bytes()
        document = json.loads(content)
        assert json.dumps(document, separators=(",", ":"), ensure_ascii=False).encode() == content
        assert document["month"] == month
        first = datetime.fromisoformat(f"{month}-01T00:00+00:00")
        after = (first + timedelta(days=32)).replace(day=1)
        for method, rows in document["methods"].items():
            expected = [
                r
                for r in tables["main"][method]
                if r["from"] < order_now.epoch_ms(after) and order_now.epoch_ms(first) < r["until"]
            ]
            assert rows == expected
            seen[method] += [r for r in rows if r not in seen[method]]
    assert seen == tables["main"]
    # The same policy and day write the same names.
    assert order_now_files.write_months(tmp_path / "again", policy, BUILD_DAY) == entry


def test_an_earlier_builds_month_files_are_removed(tmp_path):
    (tmp_path / "order-now-2026-10.json").write_text("{}")
    (tmp_path / "runtime.json").write_text("{}")
    bundle.remove_earlier_runtime(tmp_path)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["runtime.json"]


@pytest.mark.parametrize(
    ("today", "months"),
    [
        # Dated before the coverage (Jan 1, 2026): from its first day, not from 1999.
        (date(1999, 5, 1), 25),
        # After its last day (Dec 31, 2027): nothing to look up.
        (date(2028, 1, 1), 0),
    ],
)
def test_the_months_stay_within_the_coverage(policies, tmp_path, today, months):
    entry = order_now_files.write_months(tmp_path, policies["workshop"], today)
    assert len(entry["months"]) == months
    assert (next(iter(entry["months"]), None)) == ("2026-01" if months else None)
