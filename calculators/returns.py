"""Can I return it, or report a problem, and until when?

Routes (``policy/returns.yml``) by the shopper's reason:
- defective or damaged: a problem report, and a warranty claim as the
  alternative (a damaged or faulty item is what a warranty covers);
- wrong item: a problem report (nothing is wrong with the item itself, so no
  warranty claim);
- changed mind: a change-of-mind return;
- warranty: a warranty claim.
A route the policy leaves out is not offered, and the answer says so.

Deadlines: "within N days of delivery" counts calendar days and includes day N
up to its last moment in the store's time zone. Delivered Mon Jun 1, "within 3
days" ends at the end of Thu Jun 4; a request on Fri Jun 5 is too late.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime
from typing import Literal

from calculators.answers import DatePart, EmailPart, Sentence, words
from calculators.coverage import answers_within_coverage
from calculators.delivery import require_aware
from calculators.forms import NOW, Field, Form, options
from calculators.inputs import Answer, FormReader, zone_name
from calculators.moments import last_day_within, local_day, still_on_or_before
from calculators.policy import ChangeOfMind, Payer, Policy, ProblemReports, Warranty
from calculators.text import join_words

RouteName = Literal["problem_report", "change_of_mind", "warranty"]
Reason = Literal["changed_mind", "defective", "damaged", "wrong_item", "warranty"]
Item = Literal["custom", "standard"]
ClosedBecause = Literal["custom_item", "window_ended", "not_as_new"]
WHY: tuple[ClosedBecause, ...] = ("custom_item", "window_ended", "not_as_new")  # worded in order

ROUTES_FOR: dict[Reason, tuple[RouteName, ...]] = {
    "changed_mind": ("change_of_mind",),
    "defective": ("problem_report", "warranty"),
    "damaged": ("problem_report", "warranty"),
    "wrong_item": ("problem_report",),
    "warranty": ("warranty",),
}
REASONS: tuple[tuple[Reason, str], ...] = (
    ("changed_mind", "I changed my mind"),
    ("defective", "It is defective (a printing error or a manufacturing flaw)"),
    ("damaged", "It arrived damaged"),
    ("wrong_item", "I received the wrong item"),
    ("warranty", "A fault showed up later (a warranty claim)"),
)
ITEMS: tuple[tuple[Item, str], ...] = (
    ("custom", "Custom-made for me (personalized)"),
    ("standard", "A standard item (not personalized)"),
)
GOODS_REFUND = "a refund of the value of the goods"


@dataclass(frozen=True)
class Route:
    route: RouteName
    within_days: int
    deadline: date  # the last day to ask, in the store's time zone
    return_shipping: Payer
    remedies: tuple[str, ...]
    refunds_shipping_cost: bool | None  # only a change-of-mind return says
    closed_because: tuple[ClosedBecause, ...]

    @property
    def open(self) -> bool:
        return not self.closed_because


@dataclass(frozen=True)
class ReturnOptions:
    delivered_on: date
    today: date  # in the store's time zone
    routes: tuple[Route, ...]
    not_offered: tuple[RouteName, ...]  # routes the reason calls for that the store leaves out

    @property
    def delivered(self) -> bool:
        return self.delivered_on <= self.today


@dataclass(frozen=True)
class Case:
    """The shopper's side: when it arrived, what it is, and its state."""

    delivered_on: date
    now: datetime
    item: Item
    as_new: bool


def window_ended(policy: Policy, case: Case, deadline: date) -> tuple[ClosedBecause, ...]:
    zone = policy.calendar.time_zone.zone
    return () if still_on_or_before(case.now, deadline, zone) else ("window_ended",)


def timed_route(
    policy: Policy,
    case: Case,
    name: RouteName,
    rules: ProblemReports | ChangeOfMind | Warranty,
    remedies: tuple[str, ...],
    refunds_shipping_cost: bool | None = None,
    also_closed_because: tuple[ClosedBecause, ...] = (),
) -> Route:
    """A route open for ``rules.within_days`` calendar days after delivery."""
    deadline = last_day_within(case.delivered_on, rules.within_days)
    return Route(
        route=name,
        within_days=rules.within_days,
        deadline=deadline,
        return_shipping=rules.return_shipping,
        remedies=remedies,
        refunds_shipping_cost=refunds_shipping_cost,
        closed_because=tuple(
            sorted((*window_ended(policy, case, deadline), *also_closed_because), key=WHY.index)
        ),
    )


def problem_report_route(policy: Policy, case: Case) -> Route:
    reports = policy.returns.problem_reports
    return timed_route(policy, case, "problem_report", reports, reports.remedies)


def warranty_route(policy: Policy, case: Case) -> Route | None:
    warranty = policy.returns.warranty
    if warranty is None:
        return None
    return timed_route(policy, case, "warranty", warranty, warranty.remedies)


def change_of_mind_route(policy: Policy, case: Case) -> Route | None:
    rules = policy.returns.change_of_mind
    if rules is None:
        return None
    item_allowed = rules.custom_items or case.item == "standard"
    return timed_route(
        policy,
        case,
        "change_of_mind",
        rules,
        (GOODS_REFUND,),
        rules.refunds_shipping_cost,
        (*(() if item_allowed else ("custom_item",)), *(() if case.as_new else ("not_as_new",))),
    )


ROUTE_BUILDERS = {
    "problem_report": problem_report_route,
    "change_of_mind": change_of_mind_route,
    "warranty": warranty_route,
}


def return_options(
    policy: Policy,
    delivered_on: date,
    now: datetime,
    *,
    item: Item,
    reason: Reason,
    as_new: bool,
) -> ReturnOptions:
    """Every route the reason calls for, open with its deadline or closed with why."""
    require_aware(now, "now")
    case = Case(delivered_on, now, item, as_new)
    built = {name: ROUTE_BUILDERS[name](policy, case) for name in ROUTES_FOR[reason]}
    return ReturnOptions(
        delivered_on=delivered_on,
        today=local_day(now, policy.calendar.time_zone.zone),
        routes=tuple(route for route in built.values() if route is not None),
        not_offered=tuple(name for name, route in built.items() if route is None),
    )


def form(policy: Policy) -> Form:
    rules = policy.returns.change_of_mind
    state = join_words(rules.conditions) if rules else "unused and in its original packaging"
    return Form(
        title="Can I return it or report a problem?",
        fields=(
            Field(
                "delivered_on",
                "When was it delivered?",
                "date",
                hint="The day the carrier marked it delivered.",
            ),
            Field(
                "reason", "What happened?", "choice", options=options(REASONS), default="defective"
            ),
            Field(
                "item",
                "What kind of item is it?",
                "choice",
                options=options(ITEMS),
                default="custom",
            ),
            Field(
                "as_new",
                f"Is the item {state}?",
                "yesno",
                hint="Needed for a change of mind only.",
                optional=True,
            ),
            NOW,
        ),
        submit="Check my options",
    )


# -- words ----------------------------------------------------------------------------

ACTIONS: dict[str, tuple[str, str]] = {
    # route: (what the shopper does, what to send)
    "problem_report": ("report the problem", "your order number and photos of the problem"),
    "change_of_mind": ("ask for a change-of-mind return", "your order number"),
    "warranty": ("make a warranty claim", "your order number and photos of the fault"),
}
NAMES = {
    "problem_report": "A problem report",
    "change_of_mind": "A change-of-mind return",
    "warranty": "A warranty claim",
}
NOT_OFFERED = {
    "change_of_mind": "We do not offer change-of-mind returns.",
    "warranty": "We do not offer warranty claims.",
}
PAYERS = {
    "store": "We pay the return shipping",
    "customer": "You pay the return shipping",
    "customer_reimbursed": (
        "You pay the return shipping up front and we reimburse you once the claim is confirmed"
    ),
}


def closed_reason(policy: Policy, route: Route, because: ClosedBecause) -> Sentence:
    if because == "custom_item":
        return ("custom items cannot be returned for a change of mind",)
    if because == "window_ended":
        return (f"the {route.within_days}-day window ended on ", DatePart(route.deadline))
    rules = policy.returns.change_of_mind
    assert rules is not None  # only a change-of-mind return asks for the item as new
    return (f"the item must be {join_words(rules.conditions)}",)


def joined(parts: list[Sentence]) -> Sentence:
    """Sentence pieces joined as 'a, b and c' (``join_words`` for parts with dates),
    with neighbouring text merged so the widget gets one text part between dates."""
    out: list = []
    for i, piece in enumerate(parts):
        if i:
            out.append(" and " if i == len(parts) - 1 else ", ")
        out.extend(piece)
    return merged(out)


def merged(parts: list) -> Sentence:
    out: list = []
    for part in parts:
        if out and isinstance(part, str) and isinstance(out[-1], str):
            out[-1] += part
        else:
            out.append(part)
    return tuple(out)


def reason_closed(policy: Policy, route: Route) -> Sentence:
    return joined([closed_reason(policy, route, because) for because in route.closed_because])


def alternatives(items: tuple[str, ...]) -> str:
    """'a, b or c'; with a comma inside an item, a comma before 'or' keeps the items apart."""
    if len(items) > 1 and any("," in item for item in items):
        return f"{', '.join(items[:-1])}, or {items[-1]}"
    return join_words(items, "or")


def remedy_words(route: Route) -> str:
    if route.refunds_shipping_cost is None:
        return f"we offer {alternatives(route.remedies)}"
    shipping = "and" if route.refunds_shipping_cost else "but not"
    return f"we refund the value of the goods {shipping} the original shipping cost"


def open_sentence(policy: Policy, route: Route, alternative: bool) -> Sentence:
    action, send = ACTIONS[route.route]
    lead = "Alternatively, you" if alternative else "You"
    return (
        f"{lead} can {action} until the end of ",
        DatePart(route.deadline),
        f" ({zone_name(policy)}), {route.within_days} days after delivery: write to ",
        EmailPart(policy.store.support_email),
        f" with {send}. {PAYERS[route.return_shipping]}; {remedy_words(route)}.",
    )


def route_sentences(policy: Policy, result: ReturnOptions) -> list[Sentence]:
    sentences, any_open = [], False
    for route in result.routes:
        if route.open:
            sentences.append(open_sentence(policy, route, alternative=any_open))
            any_open = True
        else:
            why = reason_closed(policy, route)
            sentences.append(merged([f"{NAMES[route.route]} is not possible: ", *why, "."]))
    return sentences


def future_sentence(policy: Policy, result: ReturnOptions) -> Sentence:
    return (
        "Your delivery date, ",
        DatePart(result.delivered_on),
        ", is still ahead (today is ",
        DatePart(result.today),
        f", {zone_name(policy)}); the windows count from that day.",
    )


def route_data(policy: Policy, route: Route) -> dict[str, object]:
    return {
        "route": route.route,
        "open": route.open,
        "deadline": route.deadline.isoformat(),
        "return_shipping": route.return_shipping,
        "remedies": list(route.remedies),
        "refunds_shipping_cost": route.refunds_shipping_cost,
        "reason_closed": None if route.open else words(reason_closed(policy, route)),
    }


def _read(
    policy: Policy, inputs: Mapping[str, object]
) -> tuple[date, datetime, Item, Reason, bool]:
    read = FormReader(inputs, policy)
    delivered_on = read.day("delivered_on", "deliveries")
    now = read.now()
    item = read.choice("item", dict(ITEMS))
    reason = read.choice("reason", ROUTES_FOR)
    # The item's state only matters for a change of mind; elsewhere it may stay unanswered.
    as_new = read.yesno("as_new") if reason == "changed_mind" else False
    return read.checked(delivered_on, now, item, reason, as_new)


@answers_within_coverage
def answer(policy: Policy, inputs: Mapping[str, object]) -> Answer:
    """The returns widget: delivered_on, now, item, reason and (for a change of mind) as_new."""
    delivered_on, now, item, reason, as_new = _read(policy, inputs)
    result = return_options(policy, delivered_on, now, item=item, reason=reason, as_new=as_new)
    future = () if result.delivered else (future_sentence(policy, result),)
    return Answer(
        data={"routes": [route_data(policy, route) for route in result.routes]},
        sentences=(
            *future,
            *route_sentences(policy, result),
            *((NOT_OFFERED[name],) for name in result.not_offered),
        ),
    )
