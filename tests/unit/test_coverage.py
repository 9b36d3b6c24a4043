"""The period the site answers for: calendar.coverage, its rules, and the words outside it.

The test workshop (tests/fixtures/workshop/policy) covers Thu Jan 1, 2026 to
Fri Dec 31, 2027 and states no closure in 2027. Dates below are counted by
hand on that calendar: handling Mon-Fri, carrier Mon-Sat, cut-off 14:00 New
York, 3-5 handling days, expedited 2-3 carrier days. December 2027: Mon 20,
Tue 21, Wed 22, Thu 23, Fri 24, Sat 25, Mon 27 ... Fri 31; Jan 1, 2028 is a
Saturday.
"""

from __future__ import annotations

import dataclasses
import json
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from calculators import web
from calculators.calendar import BusinessCalendar, OutsideCoverageError
from calculators.policy import Coverage, HolidayOrders, Policy, Schedule, Season, StatedDeadline
from calculators.shape import ShapeError, dump, read
from helpcenter.load import load_policy

ROOT = Path(__file__).parent.parent.parent
D = date.fromisoformat
COVERAGE = Coverage(D("2026-01-01"), D("2027-12-31"))
EMAIL = "help@workshop.test"


def _calendar(**changes: object) -> dict:
    plain = {
        "time_zone": "America/New_York",
        "order_cutoff": "14:00",
        "working_weeks": {"handling": ["Mon"], "carrier": ["Mon"], "support": ["Mon"]},
        "coverage": {"first_day": "2026-01-01", "last_day": "2027-12-31"},
    }
    return plain | changes


def _source(years: list[str]) -> dict:
    return {"provider": "holidays", "country": "US", "years": years, "applies_to": ["carrier"]}


# (case, calendar data, expected problems as (rule, path, sentence))
RULES = [
    ("whole years with their holidays", _calendar(holidays=_source(["2026", "2027"])), []),
    (
        "the days the wrong way round",
        _calendar(coverage={"first_day": "2027-12-31", "last_day": "2026-01-01"}),
        [
            (
                "coverage-order",
                ("coverage", "last_day"),
                "Expected last_day to be on or after first_day (2027-12-31) but received "
                "2026-01-01.",
            )
        ],
    ),
    (
        "a year of the coverage without its holidays",
        _calendar(holidays=_source(["2026"])),
        [
            (
                "holiday-years",
                ("holidays", "years"),
                "Expected every year of the coverage (2026 to 2027) but 2027 is missing: its "
                "public holidays would count as working days.",
            )
        ],
    ),
    (
        "two years missing",
        _calendar(
            coverage={"first_day": "2026-01-01", "last_day": "2028-06-30"},
            holidays=_source(["2026"]),
        ),
        [
            (
                "holiday-years",
                ("holidays", "years"),
                "Expected every year of the coverage (2026 to 2028) but 2027 and 2028 are "
                "missing: their public holidays would count as working days.",
            )
        ],
    ),
    (
        "a year outside the coverage",
        _calendar(holidays=_source(["2025", "2026", "2027"])),
        [
            (
                "holiday-years",
                ("holidays", "years", 0),
                "Expected a year of the coverage (2026 to 2027) but received 2025: extend "
                "calendar.coverage to it or leave it out.",
            )
        ],
    ),
    (
        "a closure after the last day",
        _calendar(
            closures=[{"date": "2027-12-31", "name": "A"}, {"date": "2028-01-01", "name": "B"}]
        ),
        [
            (
                "coverage",
                ("closures", 1, "date"),
                "Expected a date within the coverage (2026-01-01 to 2027-12-31) but received "
                "2028-01-01: correct the date or extend calendar.coverage.",
            )
        ],
    ),
]


@pytest.mark.parametrize(("case", "data", "expected"), RULES, ids=[c[0] for c in RULES])
def test_coverage_rules(case, data, expected):
    try:
        read(Schedule, data)
        found = []
    except ShapeError as error:
        found = [(p.rule, p.path, p.message) for p in error.problems]
    assert found == expected


def test_holiday_dates_fall_inside_the_coverage(workshop):
    season = Season("New Year", D("2028-01-03"), (StatedDeadline("standard", D("2025-12-20")),))
    policy = dataclasses.replace(workshop, holidays=HolidayOrders((season,)))
    assert list(policy.problems()) == [
        (
            "coverage",
            ("holidays", "seasons", 0, "deliver_by"),
            "Expected a date within the coverage (2026-01-01 to 2027-12-31) but received "
            "2028-01-03: correct the date or extend calendar.coverage.",
        ),
        (
            "coverage",
            ("holidays", "seasons", 0, "deadlines", 0, "order_by"),
            "Expected a date within the coverage (2026-01-01 to 2027-12-31) but received "
            "2025-12-20: correct the date or extend calendar.coverage.",
        ),
    ]


@pytest.mark.parametrize(
    "folder",
    ["policy", "examples/patch-and-pops/policy", "tests/fixtures/workshop/policy"],
)
def test_every_store_declares_its_coverage_and_the_browser_reads_it_back(folder):
    policy = load_policy(ROOT / folder)
    assert policy.calendar.coverage == COVERAGE
    # What the build writes for the browser (holidays resolved) reads back the same.
    assert read(Policy, json.loads(json.dumps(dump(policy)))) == policy


# -- the business-day calendar ---------------------------------------------------------------

WEEK = BusinessCalendar(frozenset(range(5)), frozenset(), COVERAGE)


def test_steps_up_to_the_last_day():
    assert WEEK.add(D("2027-12-30"), 1) == D("2027-12-31")  # Thu -> Fri, the last day


def test_a_step_past_the_last_day_raises_with_the_day():
    with pytest.raises(OutsideCoverageError) as caught:
        WEEK.add(D("2027-12-30"), 2)  # Fri 31, then Sat Jan 1, 2028: not known
    assert (caught.value.day, caught.value.after) == (D("2028-01-01"), True)
    with pytest.raises(OutsideCoverageError):
        WEEK.next_open(D("2027-12-31"))


def test_a_day_before_the_first_day_is_not_known():
    with pytest.raises(OutsideCoverageError) as caught:
        WEEK.is_open(D("2025-12-31"))
    assert (caught.value.day, caught.value.after) == (D("2025-12-31"), False)
    # Stepping from it asks only about the days stepped onto: Thu Jan 1, 2026 is open.
    assert WEEK.add(D("2025-12-31"), 1) == D("2026-01-01")


# -- calculators: inputs outside the coverage -----------------------------------------------

ORDERED = "2027-12-21T10:00:00-05:00"
PLACED = "orders placed from Thu Jan 1, 2026 to Fri Dec 31, 2027"
AFTER = (
    "Today, Mon Jan 3, 2028 (Eastern Time), is after Fri Dec 31, 2027, the last day "
    f"we can answer for: our calendar for 2028 is not published yet. Please write to {EMAIL}."
)

# (case, calculator, inputs, problems as (field, sentence))
OUTSIDE = [
    (
        "an order in 2028",
        "delivery",
        {"method": "standard", "ordered_at": "2028-01-03T10:00-05:00"},
        [
            (
                "ordered_at",
                f"Please check the year: we can answer for {PLACED}, not Mon Jan 3, 2028.",
            )
        ],
    ),
    (
        # 23:30 in Los Angeles on Dec 31 is 02:30 on Sat Jan 1, 2028 in New York.
        "an order in 2027 on the shopper's clock, 2028 on ours",
        "delivery",
        {"method": "standard", "ordered_at": "2027-12-31T23:30-08:00"},
        [
            (
                "ordered_at",
                f"Please check the year: we can answer for {PLACED}, not Sat Jan 1, 2028 "
                "(Eastern Time).",
            )
        ],
    ),
    (
        "an order the evening before the first day",
        "delivery",
        {"method": "standard", "ordered_at": "2025-12-31T23:30-05:00"},
        [
            (
                "ordered_at",
                f"Please check the year: we can answer for {PLACED}, not Wed Dec 31, 2025.",
            )
        ],
    ),
    (
        "a clock after the coverage",
        "delivery",
        {"method": "standard", "ordered_at": ORDERED, "now": "2028-01-03T09:00-05:00"},
        [("now", AFTER)],
    ),
    (
        "a clock before the coverage",
        "change_cancel",
        {
            "ordered_at": "2026-01-02T10:00-05:00",
            "artwork_started": "no",
            "shipped": "no",
            "now": "2025-12-15T09:00-05:00",
        },
        [
            (
                "now",
                "Today, Mon Dec 15, 2025 (Eastern Time), is before Thu Jan 1, 2026, the "
                "first day we can answer for: please check your device's clock, or write to "
                f"{EMAIL}.",
            )
        ],
    ),
    (
        "a delivery before the coverage",
        "returns",
        {
            "delivered_on": "2025-12-30",
            "reason": "defective",
            "item": "custom",
            "now": "2026-01-02T09:00-05:00",
        },
        [
            (
                "delivered_on",
                "Please check the year: we can answer for deliveries from Thu Jan 1, 2026 to Fri "
                "Dec 31, 2027, not Tue Dec 30, 2025.",
            )
        ],
    ),
    (
        "a holiday at the end of Python's calendar",
        "holiday_deadline",
        {"deliver_by": "9999-12-31", "method": "standard"},
        [
            (
                "deliver_by",
                "Please check the year: we can answer for delivery dates from Thu Jan 1, 2026 to "
                "Fri Dec 31, 2027, not Fri Dec 31, 9999.",
            )
        ],
    ),
    (
        "a tracking update in 2028",
        "late_order",
        {
            "ordered_at": "2027-12-20T10:00-05:00",
            "method": "standard",
            "status": "shipped",
            "last_update": "2028-01-02T08:00-05:00",
            "now": "2027-12-30T10:00-05:00",
        },
        [
            (
                "last_update",
                "Please check the year: we can answer for tracking updates from Thu Jan 1, 2026 "
                "to Fri Dec 31, 2027, not Sun Jan 2, 2028.",
            )
        ],
    ),
]


def _reply(policy: Policy, calculator: str, inputs: dict) -> dict:
    return json.loads(web.answer(policy, calculator, json.dumps(inputs)))


@pytest.mark.parametrize(
    ("case", "calculator", "inputs", "problems"), OUTSIDE, ids=[c[0] for c in OUTSIDE]
)
def test_inputs_outside_the_coverage(workshop, case, calculator, inputs, problems):
    reply = _reply(workshop, calculator, inputs)
    assert reply == {"ok": False, "problems": [{"field": f, "message": m} for f, m in problems]}


# -- calculators: answers that would run past the last day ----------------------------------

BEYOND = [
    "We can't give dates after Fri Dec 31, 2027: our calendar for 2028 is not published yet. "
    f"Please write to {EMAIL}."
]
OUTSIDE_DATA = {
    "outside_coverage": "2028-01-01",
    "first_day": "2026-01-01",
    "last_day": "2027-12-31",
}


def test_the_last_order_whose_dates_are_all_known(workshop):
    # Tue Dec 21 before 14:00: ships Fri 24 (22, 23, 24) to Tue 28 (22, 23, 24, 27, 28),
    # arrives Mon 27 (Sat 25, Mon 27) to Fri 31 (29, 30, 31): the coverage's last day.
    reply = _reply(workshop, "delivery", {"method": "expedited", "ordered_at": ORDERED})
    # The dates only: the estimate's other data (such as a sale the order falls in) is
    # the delivery calculator's own tests' business.
    dates = ("order_day", "ship_earliest", "ship_latest", "arrive_earliest", "arrive_latest")
    assert {key: reply["data"][key] for key in dates} == {
        "order_day": "2027-12-21",
        "ship_earliest": "2027-12-24",
        "ship_latest": "2027-12-28",
        "arrive_earliest": "2027-12-27",
        "arrive_latest": "2027-12-31",
    }


@pytest.mark.parametrize(
    ("calculator", "inputs"),
    [
        # Wed Dec 22: ships by Wed 29 (23, 24, 27, 28, 29); three carrier days from it are
        # Thu 30, Fri 31 and Sat Jan 1, 2028, outside the coverage.
        ("delivery", {"method": "expedited", "ordered_at": "2027-12-22T10:00-05:00"}),
        # Tue Dec 21 after the cut-off counts from Wed Dec 22: the same.
        ("delivery", {"method": "expedited", "ordered_at": "2027-12-21T15:00-05:00"}),
        # Arrives by Fri Dec 31 at the latest; one more carrier day to wait is Jan 1, 2028.
        (
            "late_order",
            {
                "ordered_at": ORDERED,
                "method": "expedited",
                "status": "processing",
                "now": "2027-12-22T10:00-05:00",
            },
        ),
    ],
)
def test_an_answer_past_the_last_day_is_one_plain_sentence(workshop, calculator, inputs):
    reply = _reply(workshop, calculator, inputs)
    assert reply["ok"] is True
    assert reply["data"] == OUTSIDE_DATA
    assert web.reply_paragraphs(reply) == BEYOND


def test_the_holiday_deadline_walks_back_over_the_edge(workshop):
    # Orders counted from Wed Dec 22 on arrive in 2028 (above); Tue Dec 21's arrive Fri 31.
    reply = _reply(
        workshop, "holiday_deadline", {"deliver_by": "2027-12-31", "method": "expedited"}
    )
    assert reply["data"]["order_day"] == "2027-12-21"
    assert reply["data"]["order_before"] == "2027-12-21T14:00:00-05:00"


def test_no_guarantee_before_the_first_day(workshop):
    # Mon Jan 5, 2026 standard needs an order about two weeks earlier, before the coverage.
    reply = _reply(workshop, "holiday_deadline", {"deliver_by": "2026-01-05", "method": "standard"})
    assert web.reply_paragraphs(reply)[0] == (
        "No Standard order placed from Thu Jan 1 on is guaranteed to arrive by Mon Jan 5."
    )


def test_calendar_day_and_hour_windows_may_end_after_the_coverage(workshop):
    # Calendar days need no closures: delivered Mon Dec 20, 2027, the 90-day warranty runs
    # to Sun Mar 19, 2028 (11 days to Dec 31, 31 in January, 29 in February, 19 in March).
    returns = _reply(
        workshop,
        "returns",
        {
            "delivered_on": "2027-12-20",
            "reason": "warranty",
            "item": "custom",
            "now": "2027-12-21T10:00-05:00",
        },
    )
    assert [route["deadline"] for route in returns["data"]["routes"]] == ["2028-03-19"]
    # Hours neither: free cancellation for an order at 23:30 on the last day ends at 00:30.
    cancel = _reply(
        workshop,
        "change_cancel",
        {
            "ordered_at": "2027-12-31T23:30-05:00",
            "artwork_started": "no",
            "shipped": "no",
            "now": "2027-12-31T23:31-05:00",
        },
    )
    assert cancel["data"]["free_cancel_until"] == "2028-01-01T00:30-05:00"


# -- invariants --------------------------------------------------------------------------------

# From half a year before the coverage to half a year after it, on any clock.
moments = st.datetimes(
    min_value=datetime(2025, 7, 1), max_value=datetime(2028, 7, 1), timezones=st.just(UTC)
).map(lambda moment: moment.isoformat())
days = st.dates(min_value=date(2025, 7, 1), max_value=date(2028, 7, 1)).map(date.isoformat)
junk = st.one_of(
    st.text(max_size=30),
    st.sampled_from(
        ["9999-12-31T23:59:59-23:59", "0001-01-01T00:00:00+23:59", "9999-12-31", "0001-01-01"]
    ),
)
FIELDS = {
    "delivery": {"method": st.sampled_from(["standard", "expedited"]), "ordered_at": moments},
    "change_cancel": {
        "ordered_at": moments,
        "artwork_started": st.sampled_from(["yes", "no"]),
        "shipped": st.sampled_from(["yes", "no"]),
    },
    "returns": {
        "delivered_on": days,
        "reason": st.sampled_from(
            ["changed_mind", "defective", "damaged", "wrong_item", "warranty"]
        ),
        "item": st.sampled_from(["custom", "standard"]),
        "as_new": st.sampled_from(["yes", "no"]),
    },
    "holiday_deadline": {"deliver_by": days, "method": st.sampled_from(["standard", "expedited"])},
    "late_order": {
        "ordered_at": moments,
        "method": st.sampled_from(["standard", "expedited"]),
        "status": st.sampled_from(["processing", "in_production", "shipped", "delivered"]),
        "last_update": moments,
    },
}


@st.composite
def cases(draw):
    calculator = draw(st.sampled_from(sorted(FIELDS)))
    fields = dict(FIELDS[calculator], now=moments)
    inputs = {}
    for name, values in fields.items():
        inputs[name] = draw(st.one_of(values, junk) if draw(st.integers(0, 9)) == 0 else values)
    return calculator, inputs


@settings(max_examples=400, deadline=None)
@given(case=cases())
def test_any_input_gets_an_answer_or_plain_sentences_never_an_exception(workshop, case):
    calculator, inputs = case
    reply = _reply(workshop, calculator, inputs)
    if not reply["ok"]:
        assert reply["problems"] and all(p["message"] for p in reply["problems"])
        assert not any("Traceback" in p["message"] for p in reply["problems"])
        return
    assert web.reply_paragraphs(reply)
    if calculator in ("delivery", "holiday_deadline"):
        # Business-day answers never name a day whose closures are unknown.
        for iso, _ in web.reply_times(reply):
            assert D(iso[:10]) <= COVERAGE.last_day + timedelta(days=1)  # a midnight ending it


@settings(max_examples=200, deadline=None)
@given(
    ordered_at=st.datetimes(min_value=datetime(2026, 1, 1, 5), max_value=datetime(2027, 12, 31, 23))
)
def test_any_order_inside_the_coverage_gets_dates_or_the_plain_sentence(workshop, ordered_at):
    moment = ordered_at.replace(tzinfo=workshop.calendar.time_zone.zone).isoformat()
    reply = _reply(workshop, "delivery", {"method": "standard", "ordered_at": moment})
    assert reply["ok"] is True
    if "outside_coverage" in reply["data"]:
        assert web.reply_paragraphs(reply) == BEYOND
    else:
        assert D(reply["data"]["arrive_latest"]) <= COVERAGE.last_day
