"""When will it ship and arrive? The delivery estimator and the cut-off countdown.

Counting rules (the Shipping page states them in words):
1. The order time is read in the store's time zone.
2. An order placed on a handling day before the cut-off counts from that day;
   otherwise from the next handling day (the "order day").
3. The ship date is the Nth handling day after the order day, where N sums
   every fulfilment stage (minimums for "earliest", maximums for "latest").
4. The arrival date is the Mth carrier day after the ship date (the method's
   transit minimum or maximum).
Closures are skipped on the calendar they close.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta

from calculators.answers import DatePart, MomentPart, Sentence
from calculators.calendar import BusinessCalendar
from calculators.coverage import answers_within_coverage
from calculators.forms import NOW, Form, method_field, ordered_at_field
from calculators.inputs import Answer, FormReader
from calculators.moments import before, end_of_day
from calculators.policy import Policy
from calculators.text import duration


class NaiveTimeError(ValueError):
    """A moment without a UTC offset cannot be placed in the store's time zone."""


@dataclass(frozen=True)
class DeliveryEstimate:
    method: str
    order_day: date
    ship_earliest: date
    ship_latest: date
    arrive_earliest: date
    arrive_latest: date


@dataclass(frozen=True)
class Cutoff:
    """Orders placed before ``deadline`` count from ``order_day``."""

    order_day: date
    deadline: datetime  # in the store's time zone
    remaining: timedelta  # real elapsed time, across daylight-saving changes


def require_aware(moment: datetime, name: str) -> None:
    if moment.tzinfo is None or moment.utcoffset() is None:
        raise NaiveTimeError(f"{name} needs a UTC offset, like 2026-11-28T10:00:00-05:00")


def cutoff_on(policy: Policy, day: date) -> datetime:
    """The cut-off moment of ``day`` in the store's zone: orders before it count from ``day``."""
    zone = policy.calendar.time_zone.zone
    cutoff = policy.calendar.order_cutoff.as_time()
    if cutoff is None:  # 24:00, the midnight that ends ``day``
        return end_of_day(day, zone)
    return datetime.combine(day, cutoff, zone)


def order_day(policy: Policy, ordered_at: datetime) -> date:
    """The handling day an order placed at ``ordered_at`` counts from."""
    require_aware(ordered_at, "ordered_at")
    handling = BusinessCalendar.of(policy.calendar, "handling")
    local = ordered_at.astimezone(policy.calendar.time_zone.zone)
    day = local.date()
    if handling.is_open(day) and before(ordered_at, cutoff_on(policy, day)):
        return day
    return handling.next_open(day)


def cutoff(policy: Policy, now: datetime) -> Cutoff:
    """The next cut-off: order before it and the order counts from ``order_day``."""
    day = order_day(policy, now)
    deadline = cutoff_on(policy, day)
    return Cutoff(day, deadline, deadline.astimezone(UTC) - now.astimezone(UTC))


def estimate(policy: Policy, method: str, ordered_at: datetime) -> DeliveryEstimate:
    """Ship and arrival windows for an order placed at ``ordered_at``."""
    transit = policy.shipping.methods[method].transit_days
    handling_days = policy.fulfilment.handling_days()
    handling = BusinessCalendar.of(policy.calendar, "handling")
    carrier = BusinessCalendar.of(policy.calendar, "carrier")
    start = order_day(policy, ordered_at)
    ship_earliest = handling.add(start, handling_days.min)
    ship_latest = handling.add(start, handling_days.max)
    return DeliveryEstimate(
        method=method,
        order_day=start,
        ship_earliest=ship_earliest,
        ship_latest=ship_latest,
        arrive_earliest=carrier.add(ship_earliest, transit.min),
        arrive_latest=carrier.add(ship_latest, transit.max),
    )


def form(policy: Policy) -> Form:
    return Form(
        title="When will my order arrive?",
        fields=(
            ordered_at_field(policy, "When did you (or will you) place the order?"),
            method_field(policy),
            NOW,  # for the cut-off countdown
        ),
        submit="Estimate delivery dates",
    )


def countdown_sentence(policy: Policy, now: datetime) -> Sentence:
    """'Order within 3 h 20 min (before Sat Nov 28, 2:00 PM EST) to be counted from today.'"""
    cut = cutoff(policy, now)
    local_today = now.astimezone(policy.calendar.time_zone.zone).date()
    if cut.order_day == local_today:
        return (
            f"Order within {duration(cut.remaining)} (before ",
            MomentPart(cut.deadline),
            ") and your order counts from today.",
        )
    return (
        "An order placed now counts from ",
        DatePart(cut.order_day),
        f"; order within {duration(cut.remaining)} (before ",
        MomentPart(cut.deadline),
        ") to be counted from that day.",
    )


def _read(policy: Policy, inputs: Mapping[str, object]) -> tuple[str, datetime, datetime | None]:
    read = FormReader(inputs, policy)
    method = read.choice("method", policy.shipping.methods)
    ordered_at = read.moment("ordered_at", "orders placed")
    now = read.now(optional=True)
    return (*read.checked(method, ordered_at), now)


@answers_within_coverage
def answer(policy: Policy, inputs: Mapping[str, object]) -> Answer:
    """The estimator widget and ``helpcenter estimate``: method, ordered_at, optional now."""
    method, ordered_at, now = _read(policy, inputs)
    window = estimate(policy, method, ordered_at)
    window_sentence = (
        "Ships between ",
        DatePart(window.ship_earliest),
        " and ",
        DatePart(window.ship_latest),
        ", arrives between ",
        DatePart(window.arrive_earliest),
        " and ",
        DatePart(window.arrive_latest),
        ".",
    )
    counted_from = (
        "Counted from ",
        DatePart(window.order_day),
        ", the first handling day your order counts from.",
    )
    countdown = () if now is None else (countdown_sentence(policy, now),)
    return Answer(
        data={
            "order_day": window.order_day.isoformat(),
            "ship_earliest": window.ship_earliest.isoformat(),
            "ship_latest": window.ship_latest.isoformat(),
            "arrive_earliest": window.arrive_earliest.isoformat(),
            "arrive_latest": window.arrive_latest.isoformat(),
        },
        sentences=(window_sentence, counted_from, *countdown),
    )
