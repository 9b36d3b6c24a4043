"""Build-time checks of policy values against the day of the build and the policy's own windows.

The shape and cross-field rules (``calculators.policy``) hold on any day; these
depend on ``today``: a holiday date already past is last year's, left in by
mistake. A stated order-by date must also be one the policy's own windows
deliver in time (``calculators.holiday_deadline``), or the help center would
promise what its calculators deny.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator
from datetime import date, timedelta
from typing import Literal

from calculators.holiday_deadline import NoGuaranteeError, guaranteed_order_by
from calculators.policy import Policy, Season, StatedDeadline
from calculators.shape import PathProblem
from helpcenter.diff_samples import sample_problems

_SEASONS = ("holidays", "seasons")
Found = tuple[Literal["error", "warning"], PathProblem]
_SEASON_LENGTH = timedelta(days=366)


def check_policy(policy: Policy, today: date) -> tuple[list[Found], Policy]:
    """Every problem found, in the order of the policy's keys, and the policy to publish.

    A season that is over is a warning, not an error: it no longer promises
    anything, so it is left out of what the site publishes instead of failing
    every unrelated change until someone removes it.
    """
    found: list[Found] = list(_coverage(policy, today))
    live = []
    for i, season in enumerate(policy.holidays.seasons):
        at = (*_SEASONS, i)
        if season.deliver_by < today:
            found.append(
                (
                    "warning",
                    PathProblem(
                        "stale-season",
                        (*at, "deliver_by"),
                        (
                            f"{season.name} was delivered by {season.deliver_by.isoformat()}, "
                            f"before today ({today.isoformat()}): the pages leave this season "
                            "out. Set this year's dates or remove it."
                        ),
                    ),
                )
            )
            continue
        live.append(season)
        for j, deadline in enumerate(season.deadlines):
            where = (*at, "deadlines", j, "order_by")
            found += [
                ("error", PathProblem(rule, where, message))
                for rule, message in _deadline(policy, season, deadline)
            ]
    # A sale whose holiday is over promises nothing more either.
    names = {season.name for season in live}
    sales = tuple(sale for sale in policy.holidays.sales if sale.delivered_after in names)
    holidays = dataclasses.replace(policy.holidays, seasons=tuple(live), sales=sales)
    published = dataclasses.replace(policy, holidays=holidays)
    # The store's sample orders (samples.yml, for helpcenter diff), asked of the
    # calculators they name: a bad one fails the check and the build, not only diff.
    found += [("error", problem) for problem in sample_problems(published)]
    return found, published


# Warn this long before the calculators run out of days to answer for: enough for
# a store to look up next year's closures and holiday dates.
COVERAGE_WARNING_DAYS = 60


def _coverage(policy: Policy, today: date) -> Iterator[Found]:
    last_day = policy.calendar.coverage.last_day
    at = ("calendar", "coverage", "last_day")
    left = (last_day - today).days
    if left < 0:
        yield (
            "error",
            PathProblem(
                "coverage-ended",
                at,
                f"Expected a last day on or after today ({today.isoformat()}) but received "
                f"{last_day.isoformat()}: the calculators answer no order placed today. Set a "
                "later last_day, with the holiday years and closures it needs.",
            ),
        )
    elif left < COVERAGE_WARNING_DAYS:
        yield (
            "warning",
            PathProblem(
                "coverage-ending",
                at,
                f"The calculators answer for days up to {last_day.isoformat()}, "
                f"{left} {'day' if left == 1 else 'days'} after today ({today.isoformat()}). "
                "Extend calendar.coverage, with the holiday years and closures it needs, "
                "before then.",
            ),
        )


def _deadline(
    policy: Policy, season: Season, deadline: StatedDeadline
) -> Iterator[tuple[str, str]]:
    # A deadline that passed while its season still runs is normal (the holiday
    # page says so); one from an earlier year is a stale promise.
    if deadline.order_by < season.deliver_by - _SEASON_LENGTH:
        yield (
            "earlier-season",
            (
                f"Expected an order-by date in the year before {season.deliver_by.isoformat()} "
                f"but received {deadline.order_by.isoformat()}: it belongs to an earlier season."
            ),
        )
    if deadline.method not in policy.shipping.methods:
        return  # Policy.problems names the unknown method
    try:
        guarantee = guaranteed_order_by(policy, deadline.method, season.deliver_by)
    except NoGuaranteeError as error:
        yield (
            "deadline-unguaranteed",
            (
                f"Expected an order-by date that the policy's windows deliver by "
                f"{season.deliver_by.isoformat()}, but no {deadline.method} order placed from "
                f"{error.searched_from.isoformat()} on arrives in time."
            ),
        )
        return
    if deadline.order_by > guarantee.last_whole_day:
        cutoff = guarantee.order_before
        yield (
            "deadline-unguaranteed",
            (
                f"Expected an order-by date on or before {guarantee.last_whole_day.isoformat()} "
                f"but received {deadline.order_by.isoformat()}: the policy's windows deliver "
                f"{deadline.method} orders by {season.deliver_by.isoformat()} only when placed "
                f"before {cutoff:%Y-%m-%d %H:%M} ({policy.calendar.time_zone.key})."
            ),
        )
