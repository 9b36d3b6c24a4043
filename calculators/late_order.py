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
from datetime import datetime

from calculators.answers import DatePart, EmailPart, MomentPart, Sentence, moment_text
from calculators.coverage import answers_within_coverage
from calculators.forms import NOW, Field, Form, method_field, options, ordered_at_field
from calculators.inputs import Answer, FormReader, InputProblem, zone_name
from calculators.lateness import (
    BEFORE_SHIPPING,
    STATUSES,
    ContactMoment,
    LateCheck,
    Stage,
    Status,
    check,
    expected_stage,
    in_zone,
    is_late,
    no_update_contact,
    past_due_contact,
    refund_from,
    reply_by,
)
from calculators.moments import before
from calculators.policy import Policy
from calculators.text import plural

# The arithmetic lives in calculators.lateness; its names stay importable from here.
__all__ = [
    "BEFORE_SHIPPING",
    "STATUSES",
    "ContactMoment",
    "LateCheck",
    "Stage",
    "Status",
    "answer",
    "check",
    "expected_stage",
    "form",
    "is_late",
    "no_update_contact",
    "past_due_contact",
    "refund_from",
    "reply_by",
]


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


def _not_after(read: FormReader, name: str, moment: datetime, limit: datetime, zone: str) -> None:
    if before(limit, moment):
        now = moment_text(limit, zone_name=zone)
        read.problems.append(
            InputProblem(name, f"That is later than now ({now}): please check the date and time.")
        )


def _read(
    policy: Policy, inputs: Mapping[str, object]
) -> tuple[tuple[datetime, str, Status, datetime], datetime | None]:
    """The required fields (ordered_at, method, status, now), checked; the optional last_update."""
    read = FormReader(inputs, policy)
    ordered_at = read.moment("ordered_at", "orders placed")
    method = read.choice("method", policy.shipping.methods)
    status = read.choice("status", STATUSES)
    now = read.now()
    # Tracking updates only matter once the order has shipped; a value left in
    # the form from an earlier question is ignored for an order not yet shipped.
    last_update = None
    if status in ("shipped", "delivered"):
        last_update = read.optional_moment("last_update", "tracking updates")
    zone = zone_name(policy)
    if ordered_at is not None and now is not None:
        _not_after(read, "ordered_at", ordered_at, in_zone(policy, now), zone)
    if last_update is not None:
        if now is not None:
            _not_after(read, "last_update", last_update, in_zone(policy, now), zone)
        if ordered_at is not None and before(last_update, ordered_at):
            placed = moment_text(in_zone(policy, ordered_at), zone_name=zone)
            read.problems.append(
                InputProblem(
                    "last_update",
                    f"That is before the order was placed ({placed}): "
                    "please check the date and time.",
                )
            )
    return read.checked(ordered_at, method, status, now), last_update


# -- saying it ----------------------------------------------------------------------------
#
# The first two sentences say where the order should be by the estimate, in the words of
# the status the shopper chose (a parcel marked delivered is never "on its way"), and
# whether that makes it late. Stages: "processing_or_production" up to the latest ship
# day, "in_transit" up to the latest arrival day, "delivered" after it.


def stage_sentence(result: LateCheck, status: Status) -> Sentence:
    w, stage = result.window, result.expected_stage
    ship_latest, arrive_latest = DatePart(w.ship_latest), DatePart(w.arrive_latest)
    if status == "delivered":
        return ("Your order is marked delivered.",)
    if status == "shipped":
        if stage == "delivered":
            return (
                "Your order has shipped; by our estimate it should have arrived by the end of ",
                arrive_latest,
                ".",
            )
        if stage == "in_transit":
            return (
                "Your order has shipped; by our estimate it arrives between ",
                DatePart(w.arrive_earliest),
                " and ",
                arrive_latest,
                ".",
            )
        # Shipped before the estimate's last ship day: only the latest arrival still holds.
        return (
            "Your order has shipped; by our estimate it arrives by the end of ",
            arrive_latest,
            " at the latest.",
        )
    if stage == "processing_or_production":
        return (
            "By our estimate your order is being processed or made now: it ships between ",
            DatePart(w.ship_earliest),
            " and ",
            ship_latest,
            " and arrives between ",
            DatePart(w.arrive_earliest),
            " and ",
            arrive_latest,
            ".",
        )
    if stage == "in_transit":
        return (
            "By our estimate your order should have shipped by the end of ",
            ship_latest,
            ", to arrive between ",
            DatePart(w.arrive_earliest),
            " and ",
            arrive_latest,
            ".",
        )
    return (
        "By our estimate your order should have shipped by the end of ",
        ship_latest,
        " and arrived by the end of ",
        arrive_latest,
        ".",
    )


def late_sentence(result: LateCheck, status: Status) -> tuple[Sentence, ...]:
    """Whether it is late; nothing for a delivered order, whose delivery day is not asked."""
    if status == "delivered":
        return ()
    if not result.late:
        return (("It is not late.",),)
    if status == "shipped":
        return (("It is late: the status still says Shipped, not Delivered.",),)
    return ((f"It is late: the status still says {STATUSES[status]}.",),)


def _no_update_sentences(
    policy: Policy, contact: ContactMoment, passed: bool, last_update: datetime
) -> tuple[Sentence, ...]:
    days = plural(policy.support.no_tracking_update_business_days, "carrier day")
    email = EmailPart(policy.store.support_email)
    last = MomentPart(in_zone(policy, last_update))
    if passed:
        return (
            (f"Tracking has not moved for {days} (since ", last, "): contact us at ", email, "."),
        )
    return (
        (
            "If tracking has not moved by ",
            MomentPart(contact.at),
            f" ({days} after its update of ",
            last,
            "), contact us at ",
            email,
            ".",
        ),
    )


def _past_due_sentences(
    policy: Policy, result: LateCheck, contact: ContactMoment, passed: bool
) -> tuple[Sentence, ...]:
    support = policy.support
    email = EmailPart(policy.store.support_email)
    arrive_latest = DatePart(result.window.arrive_latest)
    hours = plural(support.past_due_hours, "hour")
    if passed:
        return (
            (
                f"It is more than {hours} past its due date (the end of ",
                arrive_latest,
                "): contact us at ",
                email,
                ".",
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
            "), contact us at ",
            email,
            ".",
        ),
    )


def _delivered_sentences(
    policy: Policy, contact: ContactMoment | None, passed: bool
) -> tuple[Sentence, ...]:
    hours = plural(policy.support.delivered_not_received_hours, "hour")
    email = EmailPart(policy.store.support_email)
    if contact is None:
        return (
            (
                f"Not received? Wait {hours} after the delivery scan, then contact us at ",
                email,
                ". Enter when tracking last changed (the time of that scan) to see when that is.",
            ),
        )
    if passed:
        return (
            (
                f"It was marked delivered more than {hours} ago: if you have not received it, "
                "contact us at ",
                email,
                ".",
            ),
        )
    return (
        (
            "Not received? Scans can come early: if it is still missing at ",
            MomentPart(contact.at),
            f" ({hours} after the scan), contact us at ",
            email,
            ".",
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
            assert last_update is not None  # the rule counts from the last tracking update
            said += _no_update_sentences(policy, contact, passed, last_update)
        elif contact.reason == "past_due":
            said += _past_due_sentences(policy, result, contact, passed)
        else:
            said += _delivered_sentences(policy, contact, passed)
    if result.reply_by is not None:
        contact_from = result.contact_from
        assert contact_from is not None  # a reply is counted from the moment to write
        write = (
            "Write now and expect" if not before(now, contact_from) else "If you write then, expect"
        )
        said.append((f"{write} a reply by the end of ", DatePart(result.reply_by), "."))
    if result.refund_from is not None and not before(now, result.refund_from):
        refund_days = policy.support.lost_refund_after_days
        assert refund_days is not None  # refund_from is counted from it
        days = plural(refund_days, "day")
        said.append(
            (
                f"Your order is more than {days} old: if the parcel cannot be traced, "
                "a refund may be given.",
            )
        )
    return tuple(said)


@answers_within_coverage
def answer(policy: Policy, inputs: Mapping[str, object]) -> Answer:
    """ordered_at, method, status, optional last_update, now."""
    (ordered_at, method, status, now), last_update = _read(policy, inputs)
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
            stage_sentence(result, status),
            *late_sentence(result, status),
            *contact_sentences(policy, result, status, now, last_update),
        ),
    )
