"""When must I order to have it by a holiday? The deadline the policy's own windows guarantee.

The guarantee is the delivery estimator run backward: the latest order day D
(a handling day) whose latest arrival (``delivery.estimate(...).arrive_latest``
for an order counted from D) is on or before the wanted day. An order counts
from D until D's cut-off (``delivery.cutoff_on``), so that cut-off is the last
moment to order. The store's stated deadlines (``policy.holidays``) are shown
beside it; the build refuses a stated date later than the guarantee
(``helpcenter.checks``).

The walk backward stops at the coverage's first day (``calendar.coverage``):
before it the closures are not known. An order day whose window runs past the
coverage's last day arrives after it, so after any wanted day inside it: too late.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta

from calculators import delivery
from calculators.answers import DatePart, MomentPart, Sentence
from calculators.calendar import BusinessCalendar, OutsideCoverageError
from calculators.coverage import answers_within_coverage
from calculators.forms import NOW, Field, Form, method_field
from calculators.inputs import Answer, FormReader
from calculators.policy import Policy, Season, StatedDeadline
from calculators.text import duration, join_words

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
        window = delivery.estimate(policy, method, last_order_of(policy, day))
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


def sale_sentence(policy: Policy) -> Sentence:
    """'Black Friday orders are delivered after Christmas.'"""
    holidays = policy.holidays
    after = join_words((s.name for s in holidays.seasons), "or") or "the holidays"
    return (f"{join_words(holidays.sale_names)} orders are delivered after {after}.",)


def _deadline_sentences(
    policy: Policy, method: str, deliver_by: date, now: datetime | None
) -> tuple[GuaranteedDeadline | None, tuple[Sentence, ...]]:
    label = policy.shipping.methods[method].label
    try:
        guarantee = guaranteed_order_by(policy, method, deliver_by)
    except NoGuaranteeError as error:
        return None, (
            (
                f"No {label} order placed from ",
                DatePart(error.searched_from),
                " on is guaranteed to arrive by ",
                DatePart(deliver_by),
                ".",
            ),
        )
    window = delivery.estimate(policy, method, last_order_of(policy, guarantee.order_day))
    said: list[Sentence] = [
        (
            "To have it by the end of ",
            DatePart(deliver_by),
            f" with {label}, order before ",
            MomentPart(guarantee.order_before),
            ".",
        ),
        (
            "Such an order counts from ",
            DatePart(guarantee.order_day),
            ", ships by ",
            DatePart(window.ship_latest),
            " and arrives by ",
            DatePart(window.arrive_latest),
            " at the latest.",
        ),
    ]
    if now is not None:
        left = guarantee.order_before.astimezone(UTC) - now.astimezone(UTC)
        if left > timedelta(0):
            said.append((f"That is {duration(left)} from now.",))
        else:
            said.append(("That moment has passed: an order placed now may arrive later.",))
    return guarantee, tuple(said)


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
    guarantee, said = _deadline_sentences(policy, method, deliver_by, now)
    stated = stated_deadlines(policy, method)
    label = policy.shipping.methods[method].label
    stated_said = tuple(
        (
            f"Our stated {season.name} deadline for {label}: order by the end of ",
            DatePart(deadline.order_by),
            " for delivery by ",
            DatePart(season.deliver_by),
            ".",
        )
        for season, deadline in stated
    )
    sales = (sale_sentence(policy),) if policy.holidays.sales else ()
    return Answer(
        data={
            "order_day": guarantee.order_day.isoformat() if guarantee else None,
            "order_before": guarantee.order_before.isoformat() if guarantee else None,
            "stated": [deadline.order_by.isoformat() for _, deadline in stated],
        },
        sentences=(*said, *stated_said, *sales),
    )
