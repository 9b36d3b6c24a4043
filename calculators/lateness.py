"""Is an order late? The arithmetic of ``calculators.late_order``, whose docstring states
the rules; that module reads the shopper's form and says the answer in words."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from typing import Literal

from calculators import delivery
from calculators.calendar import BusinessCalendar
from calculators.delivery import DeliveryEstimate
from calculators.moments import before, elapsed_after, end_of_day
from calculators.policy import Policy

Status = Literal["processing", "in_production", "shipped", "delivered"]
STATUSES: dict[Status, str] = {
    "processing": "Processing",
    "in_production": "In production",
    "shipped": "Shipped",
    "delivered": "Delivered",
}
BEFORE_SHIPPING = ("processing", "in_production")
Stage = Literal["processing_or_production", "in_transit", "delivered"]
Reason = Literal["no_tracking_update", "past_due", "delivered_not_received"]


@dataclass(frozen=True)
class ContactMoment:
    """From ``at`` on, ``reason`` says to contact support."""

    reason: Reason
    at: datetime  # in the store's time zone


@dataclass(frozen=True)
class LateCheck:
    window: DeliveryEstimate
    expected_stage: Stage
    late: bool
    due: datetime  # the end of the latest arrival day, store zone
    contacts: tuple[ContactMoment, ...]  # every rule that applies, earliest first
    reply_by: date | None  # for a message written at contact_from, or now if that has passed
    refund_from: datetime | None  # untraceable-parcel refund possible from; shipped orders only

    @property
    def contact_from(self) -> datetime | None:
        return self.contacts[0].at if self.contacts else None


def in_zone(policy: Policy, moment: datetime) -> datetime:
    return moment.astimezone(policy.calendar.time_zone.zone)


def _wall_clock(policy: Policy, day: date, clock: time) -> datetime:
    """``clock`` on ``day`` in the store zone; a time skipped by DST moves past the gap."""
    zone = policy.calendar.time_zone.zone
    return in_zone(policy, datetime.combine(day, clock, zone).astimezone(UTC))


def expected_stage(policy: Policy, window: DeliveryEstimate, now: datetime) -> Stage:
    today = in_zone(policy, now).date()
    if today <= window.ship_latest:
        return "processing_or_production"
    if today <= window.arrive_latest:
        return "in_transit"
    return "delivered"


def is_late(stage: Stage, status: Status) -> bool:
    if status == "delivered":
        return False
    return stage == "delivered" or (stage == "in_transit" and status in BEFORE_SHIPPING)


def no_update_contact(policy: Policy, last_update: datetime) -> datetime:
    """``no_tracking_update_business_days`` carrier days after the update, same clock time."""
    carrier = BusinessCalendar.of(policy.calendar, "carrier")
    local = in_zone(policy, last_update)
    day = carrier.add(local.date(), policy.support.no_tracking_update_business_days)
    return _wall_clock(policy, day, local.time())


def past_due_contact(policy: Policy, window: DeliveryEstimate) -> datetime:
    """When a parcel not yet delivered is worth a message to support.

    The help page says: "Allow 1 additional business day beyond the estimated
    delivery ... If still delayed after 48 hours past due date, contact support".
    Read here as: the due date ends at the end of the latest arrival day (store
    zone); the shopper first allows ``extra_wait_business_days`` carrier days
    beyond it, and contacts support once ``past_due_hours`` have passed since
    the due date. Both conditions must hold, so it is the later of the two.
    """
    carrier = BusinessCalendar.of(policy.calendar, "carrier")
    due = end_of_day(window.arrive_latest, policy.calendar.time_zone.zone)
    extra_wait_ends = end_of_day(
        carrier.add(window.arrive_latest, policy.support.extra_wait_business_days),
        policy.calendar.time_zone.zone,
    )
    hours_past_due = elapsed_after(
        due, timedelta(hours=policy.support.past_due_hours), policy.calendar.time_zone.zone
    )
    return hours_past_due if before(extra_wait_ends, hours_past_due) else extra_wait_ends


def delivered_contact(policy: Policy, delivered_at: datetime) -> datetime:
    """``delivered_not_received_hours`` of real time after the 'delivered' scan."""
    hours = policy.support.delivered_not_received_hours
    return elapsed_after(delivered_at, timedelta(hours=hours), policy.calendar.time_zone.zone)


def reply_by(policy: Policy, written_at: datetime) -> date:
    """The support day by whose end a message written at ``written_at`` is answered."""
    support = BusinessCalendar.of(policy.calendar, "support")
    day = in_zone(policy, written_at).date()
    return support.add(day, policy.store.support_reply_business_days)


def refund_from(policy: Policy, ordered_at: datetime) -> datetime | None:
    """``lost_refund_after_days`` calendar days after the order, same clock time."""
    days = policy.support.lost_refund_after_days
    if days is None:
        return None
    local = in_zone(policy, ordered_at)
    return _wall_clock(policy, local.date() + timedelta(days=days), local.time())


def check(
    policy: Policy,
    method: str,
    ordered_at: datetime,
    status: Status,
    now: datetime,
    last_update: datetime | None = None,
) -> LateCheck:
    """Where an order should be at ``now``, whether it is late, and when to contact support."""
    window = delivery.estimate(policy, method, ordered_at)
    stage = expected_stage(policy, window, now)
    contacts: list[ContactMoment] = []
    if status == "delivered":
        if last_update is not None:
            contacts.append(
                ContactMoment("delivered_not_received", delivered_contact(policy, last_update))
            )
    else:
        contacts.append(ContactMoment("past_due", past_due_contact(policy, window)))
        if status == "shipped" and last_update is not None:
            contacts.append(
                ContactMoment("no_tracking_update", no_update_contact(policy, last_update))
            )
    contacts.sort(key=lambda c: c.at.astimezone(UTC))
    written_at = None
    if contacts:
        first = contacts[0].at
        written_at = now if before(first, now) else first
    refund = refund_from(policy, ordered_at) if status == "shipped" else None
    return LateCheck(
        window=window,
        expected_stage=stage,
        late=is_late(stage, status),
        due=end_of_day(window.arrive_latest, policy.calendar.time_zone.zone),
        contacts=tuple(contacts),
        reply_by=None if written_at is None else reply_by(policy, written_at),
        refund_from=refund,
    )
