"""Can I still change or cancel my order, and until when?

Rules (``policy/orders.yml``), every window counted in real elapsed time from
the order and shown to the minute in the store's time zone:
1. Changes are guaranteed from the order until ``guaranteed_within_hours``
   later (0: no guaranteed changes once submitted); after that the store tries
   until the order ships if ``best_effort_until_shipped``; then they are closed.
2. Cancelling is free from the order until ``free_within_minutes`` later,
   unless artwork has started; after that it costs the cancellation fee until
   the order ships. A shipped order cannot be cancelled: the Returns page
   applies (and for a wrong address, redelivery or re-shipping).
Windows are half-open: "within the first hour" is [ordered_at, ordered_at + 60 min),
so at exactly ordered_at + 60 min free cancellation has ended. The same holds
for the guaranteed-changes window.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Literal

from calculators.answers import EmailPart, MomentPart, Sentence
from calculators.coverage import answers_within_coverage
from calculators.delivery import require_aware
from calculators.forms import NOW, Field, Form, ordered_at_field
from calculators.inputs import Answer, FormReader
from calculators.moments import before, elapsed_after
from calculators.policy import Policy
from calculators.values import Money

ChangeState = Literal["guaranteed", "best_effort", "closed"]
CancelState = Literal["free", "with_fee", "closed"]


@dataclass(frozen=True)
class OrderOptions:
    """What a shopper may still do with an order; moments in the store's time zone."""

    ordered_at: datetime
    placed: bool  # False when the order time is still ahead of ``now``
    change: ChangeState
    change_guaranteed_until: datetime | None  # this order's window, open or ended; None: none
    cancel: CancelState
    free_cancel_until: datetime | None  # this order's free window, open or ended; None: none
    cancel_fee: Money
    artwork_started: bool
    shipped: bool

    @property
    def refund_route(self) -> bool:
        """A shipped order goes the Returns way instead of being cancelled."""
        return self.shipped


def window_end(policy: Policy, ordered_at: datetime, span: timedelta) -> datetime | None:
    """The end of a window of ``span`` after the order; None for an empty window."""
    if not span:
        return None
    return elapsed_after(ordered_at, span, policy.calendar.time_zone.zone)


def open_at(now: datetime, until: datetime | None) -> bool:
    return until is not None and before(now, until)


def change_state(
    now: datetime, until: datetime | None, best_effort: bool, shipped: bool
) -> ChangeState:
    if shipped:
        return "closed"
    if open_at(now, until):
        return "guaranteed"
    return "best_effort" if best_effort else "closed"


def cancel_state(
    now: datetime, until: datetime | None, fee: Money, artwork_started: bool, shipped: bool
) -> CancelState:
    if shipped:
        return "closed"
    # A zero fee makes every cancellation before shipping free.
    if fee.cents == 0 or (open_at(now, until) and not artwork_started):
        return "free"
    return "with_fee"


def order_options(
    policy: Policy, ordered_at: datetime, now: datetime, *, artwork_started: bool, shipped: bool
) -> OrderOptions:
    """Change and cancel options at ``now`` for an order placed at ``ordered_at``."""
    require_aware(ordered_at, "ordered_at")
    require_aware(now, "now")
    orders = policy.orders
    placed = not before(now, ordered_at)
    at = now if placed else ordered_at  # an order still ahead: as of the moment it is placed
    change_until = window_end(
        policy, ordered_at, timedelta(hours=orders.changes.guaranteed_within_hours)
    )
    free_until = window_end(
        policy, ordered_at, timedelta(minutes=orders.cancellation.free_within_minutes)
    )
    fee = orders.cancellation.fee
    return OrderOptions(
        ordered_at=ordered_at.astimezone(policy.calendar.time_zone.zone),
        placed=placed,
        change=change_state(at, change_until, orders.changes.best_effort_until_shipped, shipped),
        change_guaranteed_until=change_until,
        cancel=cancel_state(at, free_until, fee, artwork_started, shipped),
        free_cancel_until=free_until,
        cancel_fee=fee,
        artwork_started=artwork_started,
        shipped=shipped,
    )


def form(policy: Policy) -> Form:
    return Form(
        title="Can I still change or cancel my order?",
        fields=(
            ordered_at_field(policy),
            Field("artwork_started", "Has work on your artwork started?", "yesno"),
            Field("shipped", "Has your order shipped?", "yesno"),
            NOW,
        ),
        submit="Check my options",
    )


# -- words ----------------------------------------------------------------------------


def future_sentence(options: OrderOptions) -> Sentence:
    return (
        "That order time (",
        MomentPart(options.ordered_at),
        ") is still ahead, so this is what will apply once the order is placed.",
    )


def change_sentence(policy: Policy, options: OrderOptions) -> Sentence:
    until = options.change_guaranteed_until
    email = EmailPart(policy.store.support_email)
    best_effort = policy.orders.changes.best_effort_until_shipped
    if options.change == "guaranteed":
        assert until is not None  # a guarantee has a window (``open_at``)
        after = (
            "after that we try until it ships, but cannot promise."
            if best_effort
            else "after that it can no longer be changed."
        )
        return (
            "You can change your order (design or address) by writing to ",
            email,
            " until ",
            MomentPart(until),
            f", guaranteed; {after}",
        )
    if options.change == "best_effort":
        ended = (
            ("Guaranteed changes ended at ", MomentPart(until), "; ")
            if until
            else ("Changes are not guaranteed once an order is placed; ",)
        )
        return (
            *ended,
            "write to ",
            email,
            " now and we will try to make your change before the order ships, but cannot promise.",
        )
    if options.shipped:
        return ("Your order has shipped, so it can no longer be changed.",)
    if until is not None:
        return ("Changes were possible until ", MomentPart(until), "; not any more.")
    return ("Orders cannot be changed once placed.",)


def cancel_sentence(options: OrderOptions) -> Sentence:
    fee, until = options.cancel_fee, options.free_cancel_until
    if options.cancel == "closed":
        return (
            "Your order has shipped, so it can no longer be cancelled; "
            "see Returns for a return or a refund.",
        )
    if options.cancel == "free":
        if fee.cents == 0 or until is None:
            return ("You can cancel free of charge until your order ships.",)
        return (
            "You can cancel free of charge until ",
            MomentPart(until),
            f"; after that, cancelling costs {fee} until your order ships.",
        )
    if options.artwork_started:
        return (f"Work on your artwork has started, so cancelling costs {fee} until it ships.",)
    if until is not None:
        return (
            "Free cancellation ended at ",
            MomentPart(until),
            f"; you can still cancel for {fee} until your order ships.",
        )
    return (f"Cancelling costs {fee} until your order ships.",)


def wrong_address_sentence(policy: Policy) -> Sentence:
    fee = " (a re-shipping fee may apply)" if policy.orders.reship_fee_may_apply else ""
    return (
        "If it is on its way to a wrong address, arrange redelivery with the carrier, "
        f"or have it returned to us for re-shipping{fee}.",
    )


def iso(moment: datetime | None) -> str | None:
    return None if moment is None else moment.isoformat(timespec="minutes")


@answers_within_coverage
def answer(policy: Policy, inputs: Mapping[str, object]) -> Answer:
    """The change-or-cancel widget: ordered_at, artwork_started, shipped and now."""
    read = FormReader(inputs, policy)
    ordered_at, artwork_started, shipped, now = read.checked(
        read.moment("ordered_at", "orders placed"),
        read.yesno("artwork_started"),
        read.yesno("shipped"),
        read.now(),
    )
    options = order_options(
        policy, ordered_at, now, artwork_started=artwork_started, shipped=shipped
    )
    future = () if options.placed else (future_sentence(options),)
    address = (wrong_address_sentence(policy),) if options.refund_route else ()
    return Answer(
        data={
            "change": options.change,
            "change_guaranteed_until": iso(options.change_guaranteed_until),
            "cancel": options.cancel,
            "free_cancel_until": iso(options.free_cancel_until),
            "cancel_fee": options.cancel_fee.dump(),
            "refund_route": options.refund_route,
        },
        sentences=(
            *future,
            change_sentence(policy, options),
            cancel_sentence(options),
            *address,
        ),
    )
