"""Build-time checks of holiday dates, on the workshop with its season set by each test.

The guarantees come from tests/unit/test_holiday_deadline.py, counted there by hand:
for delivery by Thu Dec 24, 2026 the workshop (cut-off 14:00) takes standard orders
before Wed Dec 9 14:00 EST and expedited ones before Mon Dec 14 14:00 EST. A stated
date promises the whole day, so the latest a policy may state is the day before the
cut-off's day: Tue Dec 8 (standard) and Sun Dec 13 (expedited). With the store's
rules (handling Mon-Sat, cut-off 24:00) expedited orders count from Tue Dec 15 until
the midnight that ends it, so Dec 15 itself may be stated.
"""

from __future__ import annotations

import dataclasses
from datetime import date

import pytest

from calculators.policy import DayRange, HolidayOrders, Sale, Season, StatedDeadline
from calculators.shape import PathProblem
from helpcenter.checks import check_policy

D = date.fromisoformat
BLACK_FRIDAY = (Sale("Black Friday", D("2026-11-27"), D("2026-11-27"), "Christmas"),)
TODAY = D("2026-11-22")
SEASON = ("holidays", "seasons", 0)


def _season(policy, deliver_by: str, standard: str, expedited: str):
    deadlines = (
        StatedDeadline("standard", D(standard)),
        StatedDeadline("expedited", D(expedited)),
    )
    season = Season("Christmas", D(deliver_by), deadlines)
    return dataclasses.replace(policy, holidays=HolidayOrders((season,), BLACK_FRIDAY))


def _order_by(j: int) -> tuple[str | int, ...]:
    return (*SEASON, "deadlines", j, "order_by")


def error(rule: str, path: tuple[str | int, ...], message: str):
    return ("error", PathProblem(rule, path, message))


def _found(policy, today):
    return check_policy(policy, today)[0]


# (case, today, deliver_by, standard, expedited, problems)
CASES = [
    ("the latest dates allowed", TODAY, "2026-12-24", "2026-12-08", "2026-12-13", []),
    ("a deadline today is not past", D("2026-12-08"), "2026-12-24", "2026-12-08", "2026-12-13", []),
    (
        "expedited a day too late",
        TODAY,
        "2026-12-24",
        "2026-12-08",
        "2026-12-14",
        [
            error(
                "deadline-unguaranteed",
                _order_by(1),
                "Expected an order-by date on or before 2026-12-13 but received 2026-12-14: "
                "the policy's windows deliver expedited orders by 2026-12-24 only when placed "
                "before 2026-12-14 14:00 (America/New_York).",
            )
        ],
    ),
    (
        "standard on the cut-off's own day",
        TODAY,
        "2026-12-24",
        "2026-12-09",
        "2026-12-13",
        [
            error(
                "deadline-unguaranteed",
                _order_by(0),
                "Expected an order-by date on or before 2026-12-08 but received 2026-12-09: "
                "the policy's windows deliver standard orders by 2026-12-24 only when placed "
                "before 2026-12-09 14:00 (America/New_York).",
            )
        ],
    ),
    # The seed's own deadline: November 20th, 2024. For Tue Dec 24, 2024 the standard
    # guarantee is Mon Dec 9, 2024, 14:00 (ship by Mon Dec 16: 17..21, 23, 24; D + 5 = Dec 16:
    # D = Dec 9). Expedited: ship by Fri Dec 20 (21, 23, 24); D + 5 = Dec 20: D = Fri Dec 13,
    # 14:00, so Thu Dec 12 may be stated. Only the past dates are wrong.
    (
        "last year's dates",
        TODAY,
        "2024-12-24",
        "2024-11-20",
        "2024-12-12",
        [
            (
                "warning",
                PathProblem(
                    "stale-season",
                    (*SEASON, "deliver_by"),
                    "Christmas was delivered by 2024-12-24, before today (2026-11-22): the "
                    "pages leave this season out. Set this year's dates or remove it.",
                ),
            ),
        ],
    ),
    (
        # While the season runs, a passed deadline is news for shoppers, not a stale policy:
        # the holiday page says it has passed. Only a season that is over is stale.
        "a deadline passed during the season",
        D("2026-12-10"),
        "2026-12-24",
        "2026-12-08",
        "2026-12-13",
        [],
    ),
    (
        # The seed's "November 20th, 2024" kept beside this year's Christmas.
        "a deadline from an earlier year",
        D("2026-11-22"),
        "2026-12-24",
        "2024-11-20",
        "2026-12-13",
        [
            error(
                "earlier-season",
                _order_by(0),
                "Expected an order-by date in the year before 2026-12-24 but received "
                "2024-11-20: it belongs to an earlier season.",
            )
        ],
    ),
]


@pytest.mark.parametrize(
    ("case", "today", "deliver_by", "standard", "expedited", "problems"),
    CASES,
    ids=[c[0] for c in CASES],
)
def test_check_policy(workshop, case, today, deliver_by, standard, expedited, problems):
    policy = _season(workshop, deliver_by, standard, expedited)
    assert _found(policy, today) == problems


def test_midnight_cutoff_allows_the_order_day_itself(midnight_workshop):
    policy = _season(midnight_workshop, "2026-12-24", "2026-12-10", "2026-12-15")
    assert _found(policy, TODAY) == []
    late = _season(midnight_workshop, "2026-12-24", "2026-12-10", "2026-12-16")
    assert _found(late, TODAY) == [
        error(
            "deadline-unguaranteed",
            _order_by(1),
            "Expected an order-by date on or before 2026-12-15 but received 2026-12-16: "
            "the policy's windows deliver expedited orders by 2026-12-24 only when placed "
            "before 2026-12-16 00:00 (America/New_York).",
        )
    ]


def test_an_unknown_method_is_left_to_the_policy_rules(workshop):
    policy = _season(workshop, "2026-12-24", "2026-12-08", "2026-12-13")
    season = policy.holidays.seasons[0]
    odd = dataclasses.replace(season, deadlines=(StatedDeadline("rush", D("2026-12-20")),))
    policy = dataclasses.replace(policy, holidays=HolidayOrders((odd,)))
    assert _found(policy, TODAY) == []


def test_windows_too_long_for_any_guarantee(workshop):
    # Two stages of 365 handling days each: no order from the coverage's first day
    # (2026-01-01, tests/fixtures/workshop/policy/calendar.yml) arrives by Dec 24, 2026.
    stage = dataclasses.replace(
        workshop.fulfilment.stages["processing"], business_days=DayRange(365, 365)
    )
    fulfilment = dataclasses.replace(
        workshop.fulfilment, stages={"processing": stage, "production": stage}
    )
    policy = _season(workshop, "2026-12-24", "2026-12-08", "2026-12-13")
    policy = dataclasses.replace(policy, fulfilment=fulfilment)
    problems = _found(policy, TODAY)
    assert [(severity, p.path) for severity, p in problems] == [
        ("error", _order_by(0)),
        ("error", _order_by(1)),
    ]
    assert problems[1][1].message == (
        "Expected an order-by date that the policy's windows deliver by 2026-12-24, but no "
        "expedited order placed from 2026-01-01 on arrives in time."
    )


def test_a_season_that_is_over_is_left_out_of_what_is_published(workshop):
    # Two seasons: last year's Christmas (over on 2026-11-22) and this year's.
    policy = _season(workshop, "2026-12-24", "2026-12-08", "2026-12-13")
    this_year = policy.holidays.seasons[0]
    last_year = Season("Christmas", D("2025-12-24"), ())
    policy = dataclasses.replace(
        policy, holidays=dataclasses.replace(policy.holidays, seasons=(last_year, this_year))
    )
    found, published = check_policy(policy, TODAY)
    assert [(severity, p.rule, p.path) for severity, p in found] == [
        ("warning", "stale-season", (*SEASON, "deliver_by"))
    ]
    assert published.holidays.seasons == (this_year,)


# The workshop answers for 2026-01-01 to 2027-12-31. Days left = last_day - today, counted
# by hand: Nov 2 -> Dec 31 is 29 + 30 = 59 days; Nov 1 -> Dec 31 is 60.
COVERAGE_CASES = [
    ("sixty days left: quiet", D("2027-11-01"), []),
    (
        "fifty-nine days left: a warning",
        D("2027-11-02"),
        [
            (
                "warning",
                "coverage-ending",
                "The calculators answer for days up to 2027-12-31, 59 days after today "
                "(2027-11-02). Extend calendar.coverage, with the holiday years and closures it "
                "needs, before then.",
            )
        ],
    ),
    (
        "the last day itself: one day is not left",
        D("2027-12-31"),
        [
            (
                "warning",
                "coverage-ending",
                "The calculators answer for days up to 2027-12-31, 0 days after today "
                "(2027-12-31). Extend calendar.coverage, with the holiday years and closures it "
                "needs, before then.",
            )
        ],
    ),
    (
        "past the last day: an error",
        D("2028-01-01"),
        [
            (
                "error",
                "coverage-ended",
                "Expected a last day on or after today (2028-01-01) but received 2027-12-31: "
                "the calculators answer no order placed today. Set a later last_day, with the "
                "holiday years and closures it needs.",
            )
        ],
    ),
]


@pytest.mark.parametrize(
    ("case", "today", "expected"), COVERAGE_CASES, ids=[c[0] for c in COVERAGE_CASES]
)
def test_coverage_running_out(workshop, case, today, expected):
    # No season: only the coverage speaks.
    policy = dataclasses.replace(workshop, holidays=HolidayOrders(()))
    found = _found(policy, today)
    assert [(severity, p.rule, p.message) for severity, p in found] == expected
    assert all(p.path == ("calendar", "coverage", "last_day") for _, p in found)
