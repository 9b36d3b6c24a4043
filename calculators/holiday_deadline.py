"""When must I order to have it by a holiday? The store's promise, and what its windows allow.

The guarantee is the delivery estimator run backward: the latest order day D
(a handling day) whose latest arrival (``delivery.windows(...).arrive_latest``
for an order counted from D) is on or before the wanted day. An order counts
from D until D's cut-off (``delivery.cutoff_on``), so that cut-off is the last
moment to order. The store's stated deadlines (``policy.holidays``) are shown
beside it; the build refuses a stated date later than the guarantee
(``helpcenter.checks``).

The answer leads with the promise (``promised_order_by``): the store's stated
deadline for the method where one covers the wanted day, else the windows'
guarantee, whichever is earlier. Where the windows allow later orders, that
comes second and is called what it is: possible, not guaranteed. Sales whose
orders miss the wanted day (``policy.holidays.sales``) are holes in the
promise: named as exceptions, and an answer asked during one says so first
and promises nothing for an order placed now.

The walk backward stops at the coverage's first day (``calendar.coverage``):
before it the closures are not known. An order day whose window runs past the
coverage's last day arrives after it, so after any wanted day inside it: too late.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta

from calculators import delivery
from calculators.answers import DatePart, MomentPart, Sentence
from calculators.calendar import BusinessCalendar, OutsideCoverageError
from calculators.coverage import answers_within_coverage
from calculators.forms import NOW, Field, Form, method_field
from calculators.inputs import Answer, FormReader, zone_name
from calculators.moments import before, end_of_day
from calculators.policy import Policy, Sale, Season, StatedDeadline
from calculators.text import duration

# The longest windows a sane policy has are a few weeks; two years of days is a
# guard against a broken calendar, not a limit a real policy reaches.
SEARCH_DAYS = 731


class NoGuaranteeError(ValueError):
    """No order day from ``searched_from`` on arrives by the wanted day."""

    def __init__(self, message: str, searched_from: date):
        super().__init__(message)
        self.searched_from = searched_from


@dataclass(frozen=True)
class GuaranteedDeadline:
    """Orders placed before ``order_before`` count from ``order_day`` and arrive in time."""

    order_day: date
    order_before: datetime  # the cut-off on order_day, in the store's time zone

    @property
    def last_whole_day(self) -> date:
        """The last day all of whose orders (to the end of the day, store time) are in time.

        Orders up to the midnight that ends this day come before ``order_before``.
        With a 24:00 cut-off that is ``order_day`` itself; with an earlier cut-off
        the order day's evening is too late, so it is the day before.
        """
        return self.order_before.date() - timedelta(days=1)


def last_order_of(policy: Policy, day: date) -> datetime:
    """The last moment (to the microsecond, store time) that still counts from ``day``."""
    deadline = delivery.cutoff_on(policy, day).astimezone(UTC)
    return (deadline - timedelta(microseconds=1)).astimezone(policy.calendar.time_zone.zone)


def guaranteed_order_by(policy: Policy, method: str, deliver_by: date) -> GuaranteedDeadline:
    """The latest order the policy's windows deliver by the end of ``deliver_by``."""
    handling = BusinessCalendar.of(policy.calendar, "handling")
    first = max(deliver_by - timedelta(days=SEARCH_DAYS - 1), policy.calendar.coverage.first_day)
    day = deliver_by
    while day >= first:
        if handling.is_open(day) and _arrives_by(policy, method, day, deliver_by):
            return GuaranteedDeadline(day, delivery.cutoff_on(policy, day))
        day -= timedelta(days=1)
    raise NoGuaranteeError(
        f"no {method} order placed from {first.isoformat()} to {deliver_by.isoformat()} "
        "is guaranteed to arrive by then",
        first,
    )


def _arrives_by(policy: Policy, method: str, day: date, deliver_by: date) -> bool:
    """Whether the last order counted from ``day`` arrives by the end of ``deliver_by``.

    Windows only grow later with a later order day, so the first fit walking
    backward is the latest.
    """
    try:
        window = delivery.windows(policy, method, last_order_of(policy, day))
    except OutsideCoverageError as error:
        if not error.after:
            raise
        return False  # it arrives after the coverage ends, so after deliver_by
    return window.arrive_latest <= deliver_by


def stated_deadlines(policy: Policy, method: str) -> tuple[tuple[Season, StatedDeadline], ...]:
    """The store's own order-by dates for ``method``, each with its season."""
    return tuple(
        (season, deadline)
        for season in policy.holidays.seasons
        for deadline in season.deadlines
        if deadline.method == method
    )


@dataclass(frozen=True)
class Promise:
    """What the store promises for delivery by ``deliver_by`` with one method."""

    deliver_by: date
    order_before: datetime  # the first moment no longer promised, in the store's zone
    stated: tuple[Season, StatedDeadline] | None  # the stated deadline it is, if it is one
    guarantee: GuaranteedDeadline  # what the policy's windows alone deliver in time
    exceptions: tuple[Sale, ...]  # sales before the windows' moment whose orders miss it

    @property
    def excepted(self) -> tuple[Sale, ...]:
        """The exceptions that start before the promise itself ends."""
        zone = self.order_before.tzinfo
        starts = (datetime.combine(s.first_day, time(0), zone) for s in self.exceptions)
        return tuple(
            s for s, t in zip(self.exceptions, starts, strict=True) if before(t, self.order_before)
        )

    @property
    def whole_day(self) -> date | None:
        """The last day promised to its end (a midnight ``order_before``), else None."""
        return _whole_day(self.order_before)


def _whole_day(moment: datetime) -> date | None:
    return moment.date() - timedelta(days=1) if (moment.hour, moment.minute) == (0, 0) else None


def promised_order_by(policy: Policy, method: str, deliver_by: date) -> Promise:
    """The store's promise for ``deliver_by``: the earliest of the windows' guarantee and
    the stated deadlines of seasons delivering on or after it (a stated deadline for
    Christmas Eve caps every earlier day too), moved before a sale it would fall in."""
    zone = policy.calendar.time_zone.zone
    guarantee = guaranteed_order_by(policy, method, deliver_by)
    moment, stated = guarantee.order_before, None
    for season, deadline in stated_deadlines(policy, method):
        end = end_of_day(deadline.order_by, zone)
        if season.deliver_by >= deliver_by and not before(moment, end):
            moment, stated = end, (season, deadline)
    missing = tuple(s for s in policy.holidays.sales if _misses(policy, method, s, deliver_by))
    last_day = (moment.astimezone(UTC) - timedelta(microseconds=1)).astimezone(zone).date()
    sale = _on(missing, last_day)
    while sale is not None:  # the promise ends where the sale begins
        moment, stated = end_of_day(sale.first_day - timedelta(days=1), zone), None
        sale = _on(missing, sale.first_day - timedelta(days=1))
    start = guarantee.order_before.astimezone(UTC)
    exceptions = tuple(s for s in missing if _sale_start(policy, s).astimezone(UTC) < start)
    return Promise(deliver_by, moment, stated, guarantee, exceptions)


def _on(sales: tuple[Sale, ...], day: date) -> Sale | None:
    return next((s for s in sales if s.first_day <= day <= s.last_day), None)


def _sale_start(policy: Policy, sale: Sale) -> datetime:
    return end_of_day(sale.first_day - timedelta(days=1), policy.calendar.time_zone.zone)


def _misses(policy: Policy, method: str, sale: Sale, deliver_by: date) -> bool:
    """Whether orders of ``sale`` may arrive after ``deliver_by`` (``delivery.estimate``)."""
    season = next((s for s in policy.holidays.seasons if s.name == sale.delivered_after), None)
    if season is None:
        return False
    if deliver_by <= season.deliver_by:
        return True
    try:
        window = delivery.estimate(policy, method, last_order_of(policy, sale.last_day))
    except OutsideCoverageError as error:
        if not error.after:
            raise
        return True
    return window.arrive_latest > deliver_by


def form(policy: Policy) -> Form:
    seasons = policy.holidays.seasons
    return Form(
        title="When must I order to have it in time?",
        fields=(
            Field(
                "deliver_by",
                "I need it by",
                "date",
                default=seasons[0].deliver_by.isoformat() if seasons else "",
            ),
            method_field(policy),
            NOW,
        ),
        submit="Find the last order time",
    )


def _by(policy: Policy, moment: datetime, whole: str, part: str) -> Sentence:
    """'<whole>the end of Tue Dec 8 (Eastern Time)' for a midnight, else '<part><moment>'."""
    day = _whole_day(moment)
    if day is None:
        return (part, MomentPart(moment))
    return (f"{whole}the end of ", DatePart(day), f" ({zone_name(policy)})")


def _left(span: timedelta) -> str:
    return "less than a minute" if span < timedelta(minutes=1) else duration(span)


def _sale_days(sale: Sale) -> Sentence:
    if sale.first_day == sale.last_day:
        return (DatePart(sale.first_day),)
    return (DatePart(sale.first_day), " to ", DatePart(sale.last_day))


def promise_sentences(
    policy: Policy, method: str, promise: Promise, now: datetime | None
) -> tuple[Sentence, ...]:
    """The promise first; what the windows allow beyond it second, as not guaranteed."""
    wanted = DatePart(promise.deliver_by)
    said: list[Sentence] = [
        (
            *_by(policy, promise.order_before, "Order by ", "Order before "),
            " for delivery by ",
            wanted,
            ": that is our promise.",
        )
    ]
    allowed = promise.guarantee.order_before
    if before(promise.order_before, allowed) and (now is None or before(now, allowed)):
        day = _whole_day(allowed)
        until: Sentence = (
            ("Orders placed before ", MomentPart(allowed))
            if day is None
            else ("Orders placed until ", DatePart(day))
        )
        said.append((*until, " may still arrive in time, but that is not guaranteed."))
    last = (promise.order_before.astimezone(UTC) - timedelta(microseconds=1)).astimezone(
        policy.calendar.time_zone.zone
    )
    window = delivery.windows(policy, method, last)
    said.append(
        (
            "An order placed by our deadline ships by ",
            DatePart(window.ship_latest),
            " and arrives by ",
            DatePart(window.arrive_latest),
            " at the latest.",
        )
    )
    for sale in promise.exceptions:
        if now is None or before(now, end_of_day(sale.last_day, policy.calendar.time_zone.zone)):
            said.append(
                (
                    f"This does not cover {sale.name} orders (placed ",
                    *_sale_days(sale),
                    f"): they are delivered after {sale.delivered_after}.",
                )
            )
    if now is not None:
        left = promise.order_before.astimezone(UTC) - now.astimezone(UTC)
        if left > timedelta(0):
            said.append((f"Our deadline is {_left(left)} away.",))
        else:
            said.append(
                (
                    "Our deadline has passed: an order placed now is not guaranteed to arrive by ",
                    wanted,
                    ".",
                )
            )
    return tuple(said)


def _sale_now(policy: Policy, method: str, promise: Promise, now: datetime | None) -> Sale | None:
    """The sale running at ``now`` (the store's day) whose orders miss the wanted day."""
    if now is None:
        return None
    sale = policy.holidays.sale_on(now.astimezone(policy.calendar.time_zone.zone).date())
    if sale is None or not _misses(policy, method, sale, promise.deliver_by):
        return None
    return sale


def sale_sentences(policy: Policy, sale: Sale, promise: Promise) -> tuple[Sentence, ...]:
    """Asked during a sale that misses the wanted day: that first, and no promise for
    an order placed now; the deadline after it, for orders placed after the sale."""
    season = next(s for s in policy.holidays.seasons if s.name == sale.delivered_after)
    wanted = DatePart(promise.deliver_by)
    fate: Sentence = (
        ("arrives after ", wanted)
        if promise.deliver_by <= season.deliver_by
        else ("is not promised by ", wanted)
    )
    said: list[Sentence] = [
        (
            f"{sale.name} orders are delivered after {season.name} (",
            DatePart(season.deliver_by),
            "): an order placed now, during the sale, ",
            *fate,
            ".",
        )
    ]
    sale_end = end_of_day(sale.last_day, policy.calendar.time_zone.zone)
    if before(sale_end, promise.order_before):
        said.append(
            (
                *_by(policy, promise.order_before, "Our deadline, ", "Our deadline, before "),
                ", is for orders placed after the sale.",
            )
        )
    return tuple(said)


def _read(policy: Policy, inputs: Mapping[str, object]) -> tuple[date, str, datetime | None]:
    read = FormReader(inputs, policy)
    deliver_by = read.day("deliver_by", "delivery dates")
    method = read.choice("method", policy.shipping.methods)
    now = read.now(optional=True)
    return (*read.checked(deliver_by, method), now)


@answers_within_coverage
def answer(policy: Policy, inputs: Mapping[str, object]) -> Answer:
    """deliver_by, method, optional now (to say how long is left)."""
    deliver_by, method, now = _read(policy, inputs)
    stated = [deadline.order_by.isoformat() for _, deadline in stated_deadlines(policy, method)]
    try:
        promise = promised_order_by(policy, method, deliver_by)
    except NoGuaranteeError as error:
        label = policy.shipping.methods[method].label
        return Answer(
            data={
                "order_day": None,
                "order_before": None,
                "stated": stated,
                "promised_before": None,
                "sale": None,
            },
            sentences=(
                (
                    f"No {label} order placed from ",
                    DatePart(error.searched_from),
                    " on is guaranteed to arrive by ",
                    DatePart(deliver_by),
                    ".",
                ),
            ),
        )
    sale = _sale_now(policy, method, promise, now)
    said = (
        sale_sentences(policy, sale, promise)
        if sale is not None
        else promise_sentences(policy, method, promise, now)
    )
    return Answer(
        data={
            "order_day": promise.guarantee.order_day.isoformat(),
            "order_before": promise.guarantee.order_before.isoformat(),
            "stated": stated,
            # The promise the answer leads with: orders before this moment arrive in time.
            "promised_before": promise.order_before.isoformat(),
            # The sale running now whose orders miss the day, if any.
            "sale": sale.name if sale is not None else None,
        },
        sentences=said,
    )
