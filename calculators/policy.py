"""The store's policy: the one declaration of its shape.

Each top-level field of ``Policy`` is one file in ``policy/`` (``store.yml``,
``calendar.yml`` ...). The YAML loader, the JSON Schema for editors and the
browser all read this declaration; nothing else describes the policy's shape.
Field ``doc`` texts become the schema's descriptions and the "Missing key"
messages; the limits declared beside a field (``calculators.model.doc``) bound
what the reader accepts. Cross-field rules live in each record's ``problems``
method and yield (rule id, key path, sentence) triples.

The calendar part (``calculators.schedule``), the shipping part
(``calculators.shipping_methods``), the destinations part (``calculators.places``)
and the shared pieces (``calculators.model``) are declared in their own modules
and importable from this one.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from typing import Annotated, Literal

from calculators.model import DayRange, Problems, doc
from calculators.places import Destinations, PlaceAlias, Region, Restriction
from calculators.samples import Samples
from calculators.schedule import (
    ALL_CALENDARS,
    CalendarName,
    Closure,
    Coverage,
    HolidaySource,
    Schedule,
    WorkingWeeks,
)
from calculators.shipping_methods import FeeTier, Method, Protection, Shipping
from calculators.values import (
    AssetPath,
    DomainName,
    EmailAddress,
    MethodKey,
    Money,
    WebAddress,
)

# The records of other modules are part of this declaration, and importable from it.
__all__ = [
    "ALL_CALENDARS",
    "CalendarName",
    "Closure",
    "Coverage",
    "DayRange",
    "Destinations",
    "FeeTier",
    "HolidaySource",
    "Method",
    "PlaceAlias",
    "Policy",
    "Problems",
    "Protection",
    "Region",
    "Restriction",
    "Schedule",
    "Shipping",
    "WorkingWeeks",
    "doc",
]


@dataclass(frozen=True)
class Store:
    # Short enough for a browser tab and the site's title bar.
    name: str = doc("the store's name as shoppers know it", max_length=80)
    website: DomainName = doc("the store's web domain, like example.com")
    support_email: EmailAddress = doc("the address shoppers write to, at the store's domain")
    support_reply_business_days: int = doc(
        "support answers within this many support days", minimum=1, maximum=30
    )
    tracking_page: WebAddress | None = doc(
        "the web address of the store's order tracking page; leave out if it has none", None
    )
    logo: AssetPath | None = doc(
        "the store's logo, a file in docs/ like assets/logo.svg; leave out for the store's name",
        None,
    )

    def problems(self) -> Problems:
        # The address's own shape is its type's (EmailAddress); here, whose it is.
        domain = EmailAddress(self.support_email).domain
        # A website written with www. is the same store as the bare domain's mail.
        site = self.website.removeprefix("www.")
        if domain != site and not domain.endswith("." + site):
            # Catches another store's address pasted into this policy.
            yield (
                "email-domain",
                ("support_email",),
                (
                    f"Expected an address at {self.website} (the store's website) "
                    f"but received {self.support_email!r}."
                ),
            )


@dataclass(frozen=True)
class Stage:
    label: str = doc("the stage's name as the order status shows it", max_length=60)
    business_days: DayRange = doc("handling days the stage takes")
    summary: str = doc("one sentence on what happens in this stage", max_length=300)


@dataclass(frozen=True)
class Fulfilment:
    stages: Mapping[str, Stage] = doc(
        "stages between payment and hand-over, in order", max_items=10
    )
    tracking_active_hours: DayRange = doc("hours after shipping until tracking shows movement")

    def handling_days(self) -> DayRange:
        stages = self.stages.values()
        return DayRange(
            sum(s.business_days.min for s in stages), sum(s.business_days.max for s in stages)
        )


@dataclass(frozen=True)
class Changes:
    guaranteed_within_hours: int = doc(
        "hours after the order in which changes are guaranteed; 0 = none once submitted",
        minimum=0,
        maximum=720,
    )
    best_effort_until_shipped: bool = doc("after that, the store tries until the order ships")


@dataclass(frozen=True)
class Cancellation:
    free_within_minutes: int = doc(
        "minutes after the order in which cancelling is free (unless artwork started)",
        minimum=0,
        maximum=10080,
    )
    fee: Money = doc("the fee for cancelling later (or once artwork started), until it ships")


@dataclass(frozen=True)
class Orders:
    changes: Changes = doc("changing an order (design, address)")
    cancellation: Cancellation = doc("cancelling an order before it ships")
    reship_fee_may_apply: bool = doc(
        "orders returned for a wrong address may need a re-shipping fee"
    )


Payer = Literal["store", "customer", "customer_reimbursed"]


@dataclass(frozen=True)
class ProblemReports:
    within_days: int = doc(
        "days after delivery to report a defect or wrong item", minimum=1, maximum=365
    )
    return_shipping: Payer = doc("who pays to send a defective or wrong item back")
    remedies: tuple[str, ...] = doc("what the store offers, in order", min_items=1, max_items=10)


@dataclass(frozen=True)
class ChangeOfMind:
    within_days: int = doc(
        "days after delivery to ask for a change-of-mind return", minimum=1, maximum=365
    )
    custom_items: bool = doc("whether custom-made items can be returned for a change of mind")
    conditions: tuple[str, ...] = doc(
        "the state the item must come back in", min_items=1, max_items=10
    )
    return_shipping: Payer = doc("who pays to send it back")
    refunds_shipping_cost: bool = doc("whether the original shipping cost is refunded")


@dataclass(frozen=True)
class Warranty:
    # Warranties run for years where returns run for days: up to ten years.
    within_days: int = doc("days after delivery a warranty claim is valid", minimum=1, maximum=3650)
    return_shipping: Payer = doc("who pays to send it back")
    remedies: tuple[str, ...] = doc("what a confirmed claim gives", min_items=1, max_items=10)


@dataclass(frozen=True)
class Returns:
    defects: tuple[str, ...] = doc("what counts as defective", min_items=1, max_items=20)
    problem_reports: ProblemReports = doc("defective, damaged or wrong items")
    change_of_mind: ChangeOfMind | None = doc("returns without a defect; leave out if none", None)
    warranty: Warranty | None = doc("warranty claims; leave out if none", None)


@dataclass(frozen=True)
class StatedDeadline:
    method: Annotated[str, MethodKey] = doc(
        "the shipping method this deadline is for", max_length=40
    )
    order_by: date = doc("orders placed by the end of this day (store time) arrive in time")


@dataclass(frozen=True)
class Season:
    name: str = doc("the holiday, like Christmas", max_length=100)
    deliver_by: date = doc("the last day a parcel may arrive to count as in time")
    deadlines: tuple[StatedDeadline, ...] = doc("the order-by dates the store states", max_items=10)


@dataclass(frozen=True)
class Sale:
    """A sale whose orders are delivered after a holiday, not before it."""

    name: str = doc("the sale, like Black Friday", max_length=100)
    first_day: date = doc("the sale's first day, in the store's time zone")
    last_day: date = doc("the sale's last day, included")
    delivered_after: str = doc(
        "the holiday season its orders miss, by name, like Christmas", max_length=100
    )

    def problems(self) -> Problems:
        if self.first_day > self.last_day:
            yield (
                "sale-days",
                ("last_day",),
                f"Expected last_day to be on or after first_day ({self.first_day.isoformat()}) "
                f"but received {self.last_day.isoformat()}.",
            )


@dataclass(frozen=True)
class HolidayOrders:
    seasons: tuple[Season, ...] = doc("holiday seasons with their deadlines", max_items=10)
    sales: tuple[Sale, ...] = doc(
        "sales whose orders are delivered after a holiday, with their days", (), max_items=10
    )

    @property
    def sale_names(self) -> tuple[str, ...]:
        return tuple(sale.name for sale in self.sales)

    def sale_on(self, day: date) -> Sale | None:
        """The sale running on ``day`` (the store's calendar day), if any."""
        return next((s for s in self.sales if s.first_day <= day <= s.last_day), None)


@dataclass(frozen=True)
class Support:
    # Waits of more than a month (30 days, 720 hours) would leave a shopper
    # without an answer for longer than any carrier takes.
    no_tracking_update_business_days: int = doc(
        "contact support when tracking has not moved for this many carrier days",
        minimum=1,
        maximum=30,
    )
    extra_wait_business_days: int = doc(
        "carrier days to allow beyond the estimated delivery before worrying",
        minimum=0,
        maximum=30,
    )
    past_due_hours: int = doc(
        "contact support this many hours after the due date", minimum=1, maximum=720
    )
    delivered_not_received_hours: int = doc(
        "wait this many hours after a 'delivered' scan before reporting it missing",
        minimum=1,
        maximum=720,
    )
    lost_refund_after_days: int | None = doc(
        "days after the order when a refund may be given for an untraceable parcel",
        None,
        minimum=1,
        maximum=365,
    )


@dataclass(frozen=True)
class Payments:
    methods: tuple[str, ...] = doc("how shoppers can pay", min_items=1, max_items=20)
    statement_descriptor: str = doc("how the charge reads on a card statement")
    pending_release_days: DayRange = doc("days until a pending hold completes or is released")


@dataclass(frozen=True)
class Policy:
    store: Store = doc("policy/store.yml: who the store is and how to reach it")
    calendar: Schedule = doc("policy/calendar.yml: time zone, cut-off, working weeks, closures")
    fulfilment: Fulfilment = doc("policy/fulfilment.yml: what happens between payment and shipping")
    shipping: Shipping = doc("policy/shipping.yml: methods, transit times and fees")
    orders: Orders = doc("policy/orders.yml: changes and cancellations")
    returns: Returns = doc("policy/returns.yml: defects, returns, warranty")
    destinations: Destinations = doc("policy/destinations.yml: where the store ships")
    holidays: HolidayOrders = doc("policy/holidays.yml: holiday delivery deadlines")
    support: Support = doc("policy/support.yml: when to contact support")
    payments: Payments | None = doc(
        "policy/payments.yml: payment methods and charges (optional)", None
    )
    samples: Samples | None = doc("policy/samples.yml: orders helpcenter diff answers", None)

    def problems(self) -> Problems:
        coverage = self.calendar.coverage
        seasons = [season.name for season in self.holidays.seasons]
        for i, sale in enumerate(self.holidays.sales):
            at = ("holidays", "sales", i)
            yield from coverage.outside(sale.first_day, (*at, "first_day"))
            yield from coverage.outside(sale.last_day, (*at, "last_day"))
            if sale.delivered_after not in seasons:
                yield (
                    "sale-season",
                    (*at, "delivered_after"),
                    f"Expected one of the seasons ({', '.join(seasons) or 'none is set'}) "
                    f"but received {sale.delivered_after!r}.",
                )
        for i, season in enumerate(self.holidays.seasons):
            at = ("holidays", "seasons", i)
            # A holiday date the calculators cannot count to would be promised
            # on the pages and refused by the holiday-deadline calculator.
            yield from coverage.outside(season.deliver_by, (*at, "deliver_by"))
            for j, deadline in enumerate(season.deadlines):
                yield from coverage.outside(deadline.order_by, (*at, "deadlines", j, "order_by"))
                if deadline.method not in self.shipping.methods:
                    yield (
                        "holiday-method",
                        ("holidays", "seasons", i, "deadlines", j, "method"),
                        (
                            f"Expected one of the methods ({', '.join(self.shipping.methods)}) "
                            f"but received {deadline.method!r}."
                        ),
                    )
