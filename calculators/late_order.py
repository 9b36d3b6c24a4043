"""Is my order late? Where it should be by the estimate, and when to contact support.

Rules (the Contact and Shipping pages state them in words):
1. By the estimate (``delivery.estimate``) an order is being processed or made
   until the end of its latest ship day, in transit until the end of its latest
   arrival day, and delivered after that.
2. It is late when its status is behind that: still processing or in production
   after the latest ship day, or not delivered by the end of the latest arrival day.
3. When to contact support, by the rule that applies:
   - shipped, with a last tracking update: when tracking has not moved for
     ``no_tracking_update_business_days`` carrier days (same clock time, store zone);
   - not delivered: past the due date (see ``past_due_contact``);
   - marked delivered but not received: ``delivered_not_received_hours`` after the scan.
   The earliest rule that applies gives ``contact_from``.
4. Support replies within ``store.support_reply_business_days`` support days.
Every moment is shown in the store's time zone; hours are real elapsed time, so
a span across a daylight-saving change keeps its length; day counts keep the
clock time.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from typing import Literal

from calculators import delivery
from calculators.answers import DatePart, MomentPart, Sentence, moment_text
from calculators.calendar import BusinessCalendar
from calculators.delivery import DeliveryEstimate
from calculators.forms import NOW, Field, Form, method_field, options, ordered_at_field
from calculators.inputs import Answer, FormReader, InputProblem
from calculators.moments import before, elapsed_after, end_of_day
from calculators.policy import Policy
from calculators.text import plural

Status = Literal["processing", "in_production", "shipped", "delivered"]
STATUSES: dict[str, str] = {
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


def _in_zone(policy: Policy, moment: datetime) -> datetime:
    return moment.astimezone(policy.calendar.time_zone.zone)


def _wall_clock(policy: Policy, day: date, clock: time) -> datetime:
    """``clock`` on ``day`` in the store zone; a time skipped by DST moves past the gap."""
    zone = policy.calendar.time_zone.zone
    return _in_zone(policy, datetime.combine(day, clock, zone).astimezone(UTC))


def expected_stage(policy: Policy, window: DeliveryEstimate, now: datetime) -> Stage:
    today = _in_zone(policy, now).date()
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
    local = _in_zone(policy, last_update)
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
    day = _in_zone(policy, written_at).date()
    return support.add(day, policy.store.support_reply_business_days)


def refund_from(policy: Policy, ordered_at: datetime) -> datetime | None:
    """``lost_refund_after_days`` calendar days after the order, same clock time."""
    days = policy.support.lost_refund_after_days
    if days is None:
        return None
    local = _in_zone(policy, ordered_at)
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


def form(policy: Policy) -> Form:
    return Form(
        title="Is my order late?",
        fields=(
            ordered_at_field(policy),
            method_field(policy),
            Field(
                "status",
                "What does the order status say?",
                "choice",
                options=options(STATUSES.items()),
                default="processing",
            ),
            Field(
                "last_update",
                "When did tracking last change?",
                "moment",
                hint="For a shipped or delivered order: the time of the latest tracking update.",
                optional=True,
            ),
            NOW,
        ),
        submit="Check my order",
    )


# -- reading the form ---------------------------------------------------------------------


def _not_after(read: FormReader, name: str, moment: datetime, limit: datetime, what: str) -> None:
    if before(limit, moment):
        read.problems.append(
            InputProblem(
                name,
                f"Expected a moment on or before {what} ({moment_text(limit)}) "
                f"but received {moment_text(moment.astimezone(limit.tzinfo))}.",
            )
        )


def _read(
    policy: Policy, inputs: Mapping[str, object]
) -> tuple[datetime, str, Status, datetime, datetime | None]:
    read = FormReader(inputs)
    ordered_at = read.moment("ordered_at")
    method = read.choice("method", policy.shipping.methods)
    status = read.choice("status", STATUSES)
    now = read.moment("now")
    # Tracking updates only matter once the order has shipped; a value left in
    # the form from an earlier question is ignored for an order not yet shipped.
    last_update = None
    if status in ("shipped", "delivered"):
        last_update = read.optional_moment("last_update")
    if ordered_at is not None and now is not None:
        _not_after(read, "ordered_at", _in_zone(policy, ordered_at), _in_zone(policy, now), "now")
    if last_update is not None:
        local = _in_zone(policy, last_update)
        if now is not None:
            _not_after(read, "last_update", local, _in_zone(policy, now), "now")
        if ordered_at is not None and before(last_update, ordered_at):
            read.problems.append(
                InputProblem(
                    "last_update",
                    f"Expected a moment on or after the order "
                    f"({moment_text(_in_zone(policy, ordered_at))}) "
                    f"but received {moment_text(local)}.",
                )
            )
    read.done()
    return ordered_at, method, status, now, last_update


# -- saying it ----------------------------------------------------------------------------


def stage_sentence(result: LateCheck) -> Sentence:
    w = result.window
    arrives = (" and arrives between ", DatePart(w.arrive_earliest), " and ")
    if result.expected_stage == "processing_or_production":
        return (
            "By our estimate your order is being processed or made now: it ships between ",
            DatePart(w.ship_earliest),
            " and ",
            DatePart(w.ship_latest),
            *arrives,
            DatePart(w.arrive_latest),
            ".",
        )
    if result.expected_stage == "in_transit":
        return (
            "By our estimate your order is on its way now: it should have shipped by ",
            DatePart(w.ship_latest),
            *arrives,
            DatePart(w.arrive_latest),
            ".",
        )
    return (
        "By our estimate your order should have arrived by the end of ",
        DatePart(w.arrive_latest),
        ".",
    )


def late_sentence(result: LateCheck, status: Status) -> Sentence:
    w = result.window
    if status == "delivered":
        return ("Your order is marked delivered.",)
    if not result.late:
        return ("It is not late.",)
    if result.expected_stage == "in_transit":
        return (
            f"It is late: the status still says {STATUSES[status]}, but it should have shipped "
            "by the end of ",
            DatePart(w.ship_latest),
            ".",
        )
    return (f"It is late: the status still says {STATUSES[status]}, not Delivered.",)


def _no_update_sentences(
    policy: Policy, contact: ContactMoment, passed: bool, last_update: datetime
) -> tuple[Sentence, ...]:
    days = plural(policy.support.no_tracking_update_business_days, "carrier day")
    email = policy.store.support_email
    last = MomentPart(_in_zone(policy, last_update))
    if passed:
        return ((f"Tracking has not moved for {days} (since ", last, f"): contact us at {email}."),)
    return (
        (
            "If tracking has not moved by ",
            MomentPart(contact.at),
            f" ({days} after its update of ",
            last,
            f"), contact us at {email}.",
        ),
    )


def _past_due_sentences(
    policy: Policy, result: LateCheck, contact: ContactMoment, passed: bool
) -> tuple[Sentence, ...]:
    support = policy.support
    email = policy.store.support_email
    arrive_latest = DatePart(result.window.arrive_latest)
    hours = plural(support.past_due_hours, "hour")
    if passed:
        return (
            (
                f"It is more than {hours} past its due date (the end of ",
                arrive_latest,
                f"): contact us at {email}.",
            ),
        )
    extra = support.extra_wait_business_days
    allow = (
        ((f"Allow {plural(extra, 'more carrier day')} beyond ", arrive_latest, "."),)
        if extra
        else ()
    )
    return (
        *allow,
        (
            "If it has still not arrived by ",
            MomentPart(contact.at),
            f" (at least {hours} past the end of ",
            arrive_latest,
            f"), contact us at {email}.",
        ),
    )


def _delivered_sentences(
    policy: Policy, contact: ContactMoment | None, passed: bool
) -> tuple[Sentence, ...]:
    hours = plural(policy.support.delivered_not_received_hours, "hour")
    email = policy.store.support_email
    if contact is None:
        return (
            (
                f"Marked delivered but not received? Wait {hours} after the delivery scan, "
                f"then contact us at {email}; enter the scan's time to see the moment.",
            ),
        )
    if passed:
        return (
            (
                f"It was marked delivered more than {hours} ago: if you have not received it, "
                f"contact us at {email}.",
            ),
        )
    return (
        (
            "Marked delivered but not received? Scans can come early: if it is still missing at ",
            MomentPart(contact.at),
            f" ({hours} after the scan), contact us at {email}.",
        ),
    )


def contact_sentences(
    policy: Policy,
    result: LateCheck,
    status: Status,
    now: datetime,
    last_update: datetime | None,
) -> tuple[Sentence, ...]:
    said: list[Sentence] = []
    if status == "delivered" and not result.contacts:
        said += _delivered_sentences(policy, None, False)
    for contact in result.contacts:
        passed = not before(now, contact.at)
        if contact.reason == "no_tracking_update":
            said += _no_update_sentences(policy, contact, passed, last_update)
        elif contact.reason == "past_due":
            said += _past_due_sentences(policy, result, contact, passed)
        else:
            said += _delivered_sentences(policy, contact, passed)
    if result.reply_by is not None:
        write = (
            "Write now and expect"
            if not before(now, result.contact_from)
            else "If you write then, expect"
        )
        said.append((f"{write} a reply by the end of ", DatePart(result.reply_by), "."))
    if result.refund_from is not None and not before(now, result.refund_from):
        days = plural(policy.support.lost_refund_after_days, "day")
        said.append(
            (
                f"Your order is more than {days} old: if the parcel cannot be traced, "
                "a refund may be given.",
            )
        )
    return tuple(said)


def answer(policy: Policy, inputs: Mapping[str, object]) -> Answer:
    """ordered_at, method, status, optional last_update, now."""
    ordered_at, method, status, now, last_update = _read(policy, inputs)
    result = check(policy, method, ordered_at, status, now, last_update)
    contact_from = result.contact_from
    return Answer(
        data={
            "expected_stage": result.expected_stage,
            "late": result.late,
            "contact_from": contact_from.isoformat() if contact_from else None,
            "reply_by": result.reply_by.isoformat() if result.reply_by else None,
        },
        sentences=(
            stage_sentence(result),
            late_sentence(result, status),
            *contact_sentences(policy, result, status, now, last_update),
        ),
    )
