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

5. Sales (``policy.holidays.sales``): an order placed, on the store's calendar,
   on a day of a sale is delivered after its season's ``deliver_by`` ("Black
   Friday orders are delivered after Christmas"), never promised before it
   (``after_holiday`` says which dates are shown, and why). ``windows`` gives
   the policy's windows alone, without that rule: the holiday calculator walks
   them backward and names the sales as exceptions itself.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Hashable, Mapping
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from typing import TypeVar, cast

from calculators.answers import CountdownPart, DatePart, MomentPart, Sentence
from calculators.calendar import BusinessCalendar
from calculators.coverage import answers_within_coverage
from calculators.forms import NOW, Form, method_field, ordered_at_field
from calculators.inputs import Answer, FormReader
from calculators.moments import before, end_of_day
from calculators.policy import Policy, Sale, Season
from calculators.schedule import CalendarName
from calculators.text import time_left as time_left  # where it was, for callers

_T = TypeVar("_T")


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
    # The sale the order was placed in and the season whose deliver_by its
    # orders miss; None for an order outside every sale.
    sale: Sale | None = None
    season: Season | None = None

    @property
    def holiday(self) -> date | None:
        """The day the sale's orders arrive after: its season's ``deliver_by``."""
        return self.season.deliver_by if self.season else None


@dataclass(frozen=True)
class Cutoff:
    """Orders placed before ``deadline`` count from ``order_day``."""

    order_day: date
    deadline: datetime  # in the store's time zone
    remaining: timedelta  # real elapsed time, across daylight-saving changes


# Per policy (held in the entry, so no other policy takes its id while it is there):
# calendars, windows counted from a day, the next deadline of a moment. The order-now
# table (``calculators.order_now``) asks for them at every midnight and cut-off of a
# year, for each method; a widget's answers reuse the calendars. Values are immutable.
_MEMOS: dict[int, tuple[Policy, dict[Hashable, object]]] = {}
_POLICIES_HELD, _VALUES_HELD = 8, 8192


def _remembered(policy: Policy, key: Hashable, compute: Callable[[], _T]) -> _T:
    held = _MEMOS.get(id(policy))
    if held is None or held[0] is not policy:
        if len(_MEMOS) >= _POLICIES_HELD:
            _MEMOS.clear()
        held = _MEMOS[id(policy)] = (policy, {})
    values = held[1]
    if key not in values:
        if len(values) >= _VALUES_HELD:
            values.clear()
        values[key] = compute()
    return cast(_T, values[key])


def _calendar(policy: Policy, name: CalendarName) -> BusinessCalendar:
    """``BusinessCalendar.of(policy.calendar, name)``, built once per policy."""
    return _remembered(
        policy, ("calendar", name), lambda: BusinessCalendar.of(policy.calendar, name)
    )


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
    handling = _calendar(policy, "handling")
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


def windows(policy: Policy, method: str, ordered_at: datetime) -> DeliveryEstimate:
    """Ship and arrival windows of the policy alone (no sale) for an order at ``ordered_at``."""
    start = order_day(policy, ordered_at)
    return _counted_from(policy, method, start)


def _counted_from(policy: Policy, method: str, start: date) -> DeliveryEstimate:
    key = ("counted", method, start)
    return _remembered(policy, key, lambda: _count_from(policy, method, start))


def _count_from(policy: Policy, method: str, start: date) -> DeliveryEstimate:
    transit = policy.shipping.methods[method].transit_days
    handling_days = policy.fulfilment.handling_days()
    handling = _calendar(policy, "handling")
    carrier = _calendar(policy, "carrier")
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


def sale_of(policy: Policy, ordered_at: datetime) -> tuple[Sale, Season] | None:
    """The sale an order placed at ``ordered_at`` belongs to (by the store's calendar
    day it was placed on, not the day it counts from), with the season it misses."""
    day = ordered_at.astimezone(policy.calendar.time_zone.zone).date()
    sale = policy.holidays.sale_on(day)
    if sale is None:
        return None
    season = next((s for s in policy.holidays.seasons if s.name == sale.delivered_after), None)
    return None if season is None else (sale, season)


def estimate(policy: Policy, method: str, ordered_at: datetime) -> DeliveryEstimate:
    """Ship and arrival windows for an order placed at ``ordered_at``, sales applied."""
    window = windows(policy, method, ordered_at)
    found = sale_of(policy, ordered_at)
    return window if found is None else after_holiday(policy, window, *found)


def after_holiday(
    policy: Policy, window: DeliveryEstimate, sale: Sale, season: Season
) -> DeliveryEstimate:
    """The dates shown for an order of ``sale``, which arrives after ``season.deliver_by``.

    The store promises one thing about such an order: it arrives after the
    holiday. It names no day on which it makes or ships it, so the dates are
    the bounds the policy's windows give, and no date before the holiday:
    - order_day and ship_earliest stay the order's own: it never ships sooner
      than any other order placed at that moment;
    - arrive_earliest is the first carrier day after ``deliver_by`` (or the
      window's own, if that is later): "after Christmas" is the promise;
    - ship_latest and arrive_latest are those of an order counted from the
      first handling day after ``deliver_by``: a sale order is made no later
      than an order placed right after the holiday, so the windows bound it.
    So the estimate never says a date the store did not promise, and its
    latest dates are the ones a shopper may hold the store to.
    """
    deliver_by = season.deliver_by
    handling = _calendar(policy, "handling")
    carrier = _calendar(policy, "carrier")
    held = _counted_from(
        policy, window.method, max(window.order_day, handling.next_open(deliver_by))
    )
    return dataclasses.replace(
        window,
        ship_latest=max(window.ship_latest, held.ship_latest),
        arrive_earliest=max(window.arrive_earliest, carrier.next_open(deliver_by)),
        arrive_latest=max(window.arrive_latest, held.arrive_latest),
        sale=sale,
        season=season,
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


def placed_now(ordered_at: datetime, now: datetime) -> bool:
    """Whether the order time is the shopper's now, within a minute.

    Compared to the minute: the form's order time has no seconds (the page fills
    it with the minute the shopper opened the form), the shopper's clock has.
    """
    ordered = ordered_at.astimezone(UTC).replace(second=0, microsecond=0)
    clock = now.astimezone(UTC).replace(second=0, microsecond=0)
    return abs(clock - ordered) <= timedelta(minutes=1)


def countdown_sentence(policy: Policy, now: datetime) -> Sentence:
    """'Order within 3 h 20 min (before 2:00 PM on Sat Nov 28) and your order counts from today.'

    A sale starting before the cut-off ends the countdown where it starts: an order
    placed in the sale counts from the same day, but arrives after its holiday.
    The time left is a ``CountdownPart``: a page showing this answer later (the
    order-now table) says it for its own clock.
    """
    cut = next_deadline(policy, now)
    local_today = now.astimezone(policy.calendar.time_zone.zone).date()
    if cut.order_day == local_today:
        return (
            "Order ",
            CountdownPart(cut.deadline, now),
            " (before ",
            MomentPart(cut.deadline),
            ") and your order counts from today.",
        )
    return (
        "An order placed now counts from ",
        DatePart(cut.order_day),
        "; order ",
        CountdownPart(cut.deadline, now),
        " (before ",
        MomentPart(cut.deadline),
        ") to be counted from that day.",
    )


def next_deadline(policy: Policy, now: datetime) -> Cutoff:
    """The moment until which an order placed now gets the answer it gets now: the next
    cut-off, or the start of a sale that comes first."""
    # Keyed in UTC: two moments of a repeated hour are equal on the wall clock.
    key = ("deadline", now.astimezone(UTC))
    return _remembered(policy, key, lambda: _before_sale(policy, cutoff(policy, now), now))


def store_line(policy: Policy, window: DeliveryEstimate, now: datetime) -> Sentence:
    """The one line a store's product page shows for an order placed ``now``.

    'Order within 3 h 20 min, get it by Thu Dec 10.' The date is ``arrive_latest``,
    the one a shopper may hold the store to, and the countdown runs to the moment
    until which an order still gets it (``next_deadline``), even when that is days
    away (a weekend: 'Order within 2 days 20 h, get it by ...'). A sale order gets no
    countdown (it is not counted from a day the shopper can still catch), only the
    sale's promise in the words of ``sale_sentence``:
    'Black Friday orders are delivered after Christmas (Thu Dec 24), by Mon Jan 11 at
    the latest.'
    """
    if window.sale is not None and window.season is not None:
        return (
            f"{window.sale.name} orders are delivered after {window.season.name} (",
            DatePart(window.season.deliver_by),
            "), by ",
            DatePart(window.arrive_latest),
            " at the latest.",
        )
    deadline = next_deadline(policy, now).deadline
    return (
        "Order ",
        CountdownPart(deadline, now),
        ", get it by ",
        DatePart(window.arrive_latest),
        ".",
    )


def _before_sale(policy: Policy, cut: Cutoff, now: datetime) -> Cutoff:
    """``cut``, ending at the first sale that starts between ``now`` and its deadline."""
    zone = policy.calendar.time_zone.zone
    for sale in sorted(policy.holidays.sales, key=lambda s: s.first_day):
        starts = end_of_day(sale.first_day - timedelta(days=1), zone)
        if before(now, starts) and before(starts, cut.deadline):
            return Cutoff(cut.order_day, starts, starts.astimezone(UTC) - now.astimezone(UTC))
    return cut


def sale_sentence(window: DeliveryEstimate) -> Sentence:
    """'Black Friday orders are delivered after Christmas (Thu Dec 24): yours ships from
    Tue Dec 1 and arrives after Thu Dec 24, by Mon Jan 11 at the latest.'"""
    assert window.sale is not None and window.season is not None
    holiday = DatePart(window.season.deliver_by)
    return (
        f"{window.sale.name} orders are delivered after {window.season.name} (",
        holiday,
        "): yours ships from ",
        DatePart(window.ship_earliest),
        " and arrives after ",
        holiday,
        ", by ",
        DatePart(window.arrive_latest),
        " at the latest.",
    )


def window_sentences(window: DeliveryEstimate) -> tuple[Sentence, ...]:
    if window.sale is not None:
        return (sale_sentence(window),)
    return (
        (
            "Ships between ",
            DatePart(window.ship_earliest),
            " and ",
            DatePart(window.ship_latest),
            ", arrives between ",
            DatePart(window.arrive_earliest),
            " and ",
            DatePart(window.arrive_latest),
            ".",
        ),
        (
            "Counted from ",
            DatePart(window.order_day),
            ", the first handling day your order counts from.",
        ),
    )


def _read(policy: Policy, inputs: Mapping[str, object]) -> tuple[str, datetime, datetime | None]:
    read = FormReader(inputs, policy)
    method = read.choice("method", policy.shipping.methods)
    ordered_at = read.moment("ordered_at", "orders placed")
    now = read.now(optional=True)
    return (*read.checked(method, ordered_at), now)


@answers_within_coverage
def answer(policy: Policy, inputs: Mapping[str, object]) -> Answer:
    """The estimator widget and ``helpcenter estimate``: method, ordered_at, optional now.

    The cut-off countdown is for an order placed now only (``placed_now``): for
    an order time in the past or the future, "order within ..." would be about
    another order. A sale order gets none either: it is not counted from today.
    """
    method, ordered_at, now = _read(policy, inputs)
    return estimate_answer(policy, estimate(policy, method, ordered_at), ordered_at, now)


def estimate_answer(
    policy: Policy, window: DeliveryEstimate, ordered_at: datetime, now: datetime | None
) -> Answer:
    """``answer`` once its inputs are read and the order's ``window`` is estimated: what
    the order-now table (``calculators.order_now``) calls for every order instant, so
    it says what the calculator says without reading a form each time.

    Raises ``OutsideCoverageError`` where ``answer`` says it cannot give the dates.
    """
    counting = now is not None and window.sale is None and placed_now(ordered_at, now)
    countdown = (countdown_sentence(policy, now),) if counting and now is not None else ()
    return Answer(
        data={
            "order_day": window.order_day.isoformat(),
            "ship_earliest": window.ship_earliest.isoformat(),
            "ship_latest": window.ship_latest.isoformat(),
            "arrive_earliest": window.arrive_earliest.isoformat(),
            "arrive_latest": window.arrive_latest.isoformat(),
            # The sale the order was placed in (its dates follow after_holiday), or None.
            "sale": window.sale.name if window.sale else None,
        },
        sentences=(*window_sentences(window), *countdown),
    )
