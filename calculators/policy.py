"""The store's policy: the one declaration of its shape.

Each top-level field of ``Policy`` is one file in ``policy/`` (``store.yml``,
``calendar.yml`` ...). The YAML loader, the JSON Schema for editors and the
browser all read this declaration; nothing else describes the policy's shape.
Field ``doc`` texts become the schema's descriptions and the "Missing key"
messages. Cross-field rules live in each record's ``problems`` method and
yield (rule id, key path, sentence) triples.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from datetime import date
from types import MappingProxyType
from typing import Literal

from calculators.values import Clock, CountryCode, Money, TimeZone, Weekday

CalendarName = Literal["handling", "carrier", "support"]
ALL_CALENDARS: tuple[CalendarName, ...] = ("handling", "carrier", "support")
Problems = Iterator[tuple[str, tuple[str | int, ...], str]]


def doc(text: str, default: object = ..., **bounds: int) -> object:
    """A field with its description (and optional minimum/maximum)."""
    metadata = {"doc": text, **bounds}
    if default is ...:
        return field(metadata=metadata)
    if isinstance(default, MappingProxyType):  # unhashable, so dataclasses want a factory
        return field(default_factory=lambda: default, metadata=metadata)
    return field(default=default, metadata=metadata)


@dataclass(frozen=True)
class DayRange:
    min: int = doc("the fewest days", minimum=0, maximum=365)
    max: int = doc("the most days", minimum=0, maximum=365)

    def problems(self) -> Problems:
        if self.min > self.max:
            yield (
                "day-range",
                ("min",),
                (f"Expected min to be at most max ({self.max}) but received {self.min}."),
            )

    def __str__(self) -> str:
        return str(self.min) if self.min == self.max else f"{self.min}–{self.max}"


@dataclass(frozen=True)
class Store:
    name: str = doc("the store's name as shoppers know it")
    website: str = doc("the store's web domain, like example.com")
    support_email: str = doc("the address shoppers write to, at the store's domain")
    support_reply_business_days: int = doc(
        "support answers within this many support days", minimum=1, maximum=30
    )

    def problems(self) -> Problems:
        local, at, domain = self.support_email.partition("@")
        if not (local and at and "." in domain):
            yield (
                "email-address",
                ("support_email",),
                (
                    f"Expected an e-mail address like help@example.com "
                    f"but received {self.support_email!r}."
                ),
            )
        elif domain.lower() != self.website.lower() and not domain.lower().endswith(
            "." + self.website.lower()
        ):
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
class WorkingWeeks:
    handling: tuple[Weekday, ...] = doc("days the workshop processes and ships orders", minimum=1)
    carrier: tuple[Weekday, ...] = doc("days the carrier moves parcels", minimum=1)
    support: tuple[Weekday, ...] = doc("days support answers e-mail", minimum=1)


@dataclass(frozen=True)
class HolidaySource:
    provider: Literal["holidays"] = doc("the python-holidays package, resolved at build time")
    country: str = doc("ISO 3166 country code, like US")
    years: tuple[int, ...] = doc("the years to take holidays for", minimum=1)
    applies_to: tuple[CalendarName, ...] = doc("the calendars these holidays close", minimum=1)
    only: tuple[str, ...] = doc("holiday names to keep; empty keeps every one", ())


@dataclass(frozen=True)
class Closure:
    date: date = doc("the closed day, YYYY-MM-DD")
    name: str = doc("why it is closed, shown to shoppers")
    applies_to: tuple[CalendarName, ...] = doc("the calendars it closes", ALL_CALENDARS)
    source: str = doc("where the date comes from", "policy/calendar.yml")


@dataclass(frozen=True)
class Schedule:
    time_zone: TimeZone = doc("the store's IANA time zone; every order time is read in it")
    order_cutoff: Clock = doc(
        'orders before this local time count from that day; "24:00" = midnight'
    )
    working_weeks: WorkingWeeks = doc("the working days of each calendar")
    holidays: HolidaySource | None = doc("public holidays resolved from a named source", None)
    closures: tuple[Closure, ...] = doc("extra closed days", ())

    def closed_days(self, calendar: CalendarName) -> frozenset[date]:
        return frozenset(c.date for c in self.closures if calendar in c.applies_to)


@dataclass(frozen=True)
class Stage:
    label: str = doc("the stage's name as the order status shows it")
    business_days: DayRange = doc("handling days the stage takes")
    summary: str = doc("one sentence on what happens in this stage")


@dataclass(frozen=True)
class Fulfilment:
    stages: Mapping[str, Stage] = doc("stages between payment and hand-over, in order")
    tracking_active_hours: DayRange = doc("hours after shipping until tracking shows movement")

    def handling_days(self) -> DayRange:
        stages = self.stages.values()
        return DayRange(
            sum(s.business_days.min for s in stages), sum(s.business_days.max for s in stages)
        )


@dataclass(frozen=True)
class FeeTier:
    subtotal_from: Money = doc("the smallest order subtotal this fee applies to")
    fee: Money = doc("the shipping fee for this tier")
    subtotal_below: Money | None = doc(
        "the tier ends below this subtotal; omit on the last tier", None
    )


@dataclass(frozen=True)
class Method:
    label: str = doc("the method's name at checkout")
    transit_days: DayRange = doc("carrier days from hand-over to delivery")
    fees: tuple[FeeTier, ...] = doc("fee tiers by order subtotal, lowest first", minimum=1)

    def problems(self) -> Problems:
        expected_from = Money(0)
        for i, tier in enumerate(self.fees):
            if tier.subtotal_from != expected_from:
                gap = "a gap" if tier.subtotal_from > expected_from else "an overlap"
                yield (
                    "fee-tiers",
                    ("fees", i, "subtotal_from"),
                    (
                        f"Expected subtotal_from to be {expected_from.dump()} (where the tier "
                        f"before ends) but received {tier.subtotal_from.dump()}: "
                        f"that leaves {gap}."
                    ),
                )
            last = i == len(self.fees) - 1
            if tier.subtotal_below is None:
                if not last:
                    yield (
                        "fee-tiers",
                        ("fees", i),
                        "Only the last tier may leave out subtotal_below.",
                    )
                break
            if tier.subtotal_below <= tier.subtotal_from:
                yield (
                    "fee-tiers",
                    ("fees", i, "subtotal_below"),
                    (
                        f"Expected subtotal_below to be above subtotal_from "
                        f"({tier.subtotal_from.dump()}) but received {tier.subtotal_below.dump()}."
                    ),
                )
            if last:
                yield (
                    "fee-tiers",
                    ("fees", i, "subtotal_below"),
                    ("The last tier must leave out subtotal_below, so every subtotal has a fee."),
                )
            expected_from = tier.subtotal_below

    def fee_for(self, subtotal: Money) -> Money:
        for tier in self.fees:
            if tier.subtotal_from <= subtotal and (
                tier.subtotal_below is None or subtotal < tier.subtotal_below
            ):
                return tier.fee
        return self.fees[-1].fee

    @property
    def free_from(self) -> Money | None:
        """The smallest subtotal that ships free, if any tier is free."""
        return next((t.subtotal_from for t in self.fees if t.fee.cents == 0), None)


@dataclass(frozen=True)
class Protection:
    provider: str = doc("the shipping-protection service, like Route")
    added_by_default: bool = doc("whether checkout adds it until the shopper unticks it")
    carriers: tuple[str, ...] = doc(
        "carriers whose losses the store does not cover when protection is declined", minimum=1
    )


@dataclass(frozen=True)
class Shipping:
    methods: Mapping[str, Method] = doc("shipping methods offered at checkout, cheapest first")
    default_method: str = doc("the method a calculator starts with")
    protection: Protection | None = doc("paid shipping protection; leave out if none", None)
    untracked_services: tuple[str, ...] = doc(
        "delivery services that are not always tracked, like Royal Mail", ()
    )

    def problems(self) -> Problems:
        if self.default_method not in self.methods:
            yield (
                "default-method",
                ("default_method",),
                (
                    f"Expected one of the methods ({', '.join(self.methods)}) "
                    f"but received {self.default_method!r}."
                ),
            )

    @property
    def free_shipping_from(self) -> Money | None:
        """The lowest subtotal from which some method ships free."""
        free = [m.free_from for m in self.methods.values() if m.free_from is not None]
        return min(free) if free else None


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
    within_days: int = doc("days after delivery to report a defect or wrong item", minimum=1)
    return_shipping: Payer = doc("who pays to send a defective or wrong item back")
    remedies: tuple[str, ...] = doc("what the store offers, in order", minimum=1)


@dataclass(frozen=True)
class ChangeOfMind:
    within_days: int = doc("days after delivery to ask for a change-of-mind return", minimum=1)
    custom_items: bool = doc("whether custom-made items can be returned for a change of mind")
    conditions: tuple[str, ...] = doc("the state the item must come back in", minimum=1)
    return_shipping: Payer = doc("who pays to send it back")
    refunds_shipping_cost: bool = doc("whether the original shipping cost is refunded")


@dataclass(frozen=True)
class Warranty:
    within_days: int = doc("days after delivery a warranty claim is valid", minimum=1)
    return_shipping: Payer = doc("who pays to send it back")
    remedies: tuple[str, ...] = doc("what a confirmed claim gives", minimum=1)


@dataclass(frozen=True)
class Returns:
    defects: tuple[str, ...] = doc("what counts as defective", minimum=1)
    problem_reports: ProblemReports = doc("defective, damaged or wrong items")
    change_of_mind: ChangeOfMind | None = doc("returns without a defect; leave out if none", None)
    warranty: Warranty | None = doc("warranty claims; leave out if none", None)


@dataclass(frozen=True)
class Region:
    code: str = doc("ISO 3166-2 code, like UA-43")
    name: str = doc("the region's name")


@dataclass(frozen=True)
class Restriction:
    country: str = doc("ISO 3166-1 alpha-2 code, like CU")
    name: str = doc("how shoppers name the place")
    regions: tuple[Region, ...] = doc("only these regions; leave out for the whole country", ())

    def problems(self) -> Problems:
        if len(self.country) != 2 or not self.country.isupper():
            yield (
                "country-code",
                ("country",),
                f"Expected a two-letter country code like CU but received {self.country!r}.",
            )
        for i, region in enumerate(self.regions):
            if not region.code.startswith(self.country + "-"):
                yield (
                    "region-code",
                    ("regions", i, "code"),
                    (
                        f"Expected a region code of {self.country} (like {self.country}-43) "
                        f"but received {region.code!r}."
                    ),
                )


@dataclass(frozen=True)
class Destinations:
    home_country: str = doc("where the store ships from; orders elsewhere are international")
    restricted: tuple[Restriction, ...] = doc("places the store does not ship to")
    restriction_reason: str = doc("why, in one phrase")
    duties_paid_by: Literal["buyer", "store"] = doc("who pays import duties and taxes")
    country_names: Mapping[CountryCode, str] = doc(
        "filled at build time from ISO 3166-1 (pycountry); leave out", MappingProxyType({})
    )

    def problems(self) -> Problems:
        seen: dict[tuple[str, str], int] = {}
        for i, restriction in enumerate(self.restricted):
            for code in [r.code for r in restriction.regions] or [""]:
                key = (restriction.country, code)
                if key in seen:
                    yield (
                        "duplicate-place",
                        ("restricted", i),
                        f"{restriction.name} repeats restricted[{seen[key]}].",
                    )
                seen[key] = i


@dataclass(frozen=True)
class StatedDeadline:
    method: str = doc("the shipping method this deadline is for")
    order_by: date = doc("orders placed by the end of this day (store time) arrive in time")


@dataclass(frozen=True)
class Season:
    name: str = doc("the holiday, like Christmas")
    deliver_by: date = doc("the last day a parcel may arrive to count as in time")
    deadlines: tuple[StatedDeadline, ...] = doc("the order-by dates the store states")


@dataclass(frozen=True)
class HolidayOrders:
    seasons: tuple[Season, ...] = doc("holiday seasons with their deadlines")
    sale_orders_after_holiday: tuple[str, ...] = doc(
        "sales whose orders are delivered after the holiday, like Black Friday", ()
    )


@dataclass(frozen=True)
class Support:
    no_tracking_update_business_days: int = doc(
        "contact support when tracking has not moved for this many carrier days", minimum=1
    )
    extra_wait_business_days: int = doc(
        "carrier days to allow beyond the estimated delivery before worrying", minimum=0
    )
    past_due_hours: int = doc("contact support this many hours after the due date", minimum=1)
    delivered_not_received_hours: int = doc(
        "wait this many hours after a 'delivered' scan before reporting it missing", minimum=1
    )
    lost_refund_after_days: int | None = doc(
        "days after the order when a refund may be given for an untraceable parcel", None
    )


@dataclass(frozen=True)
class Payments:
    methods: tuple[str, ...] = doc("how shoppers can pay", minimum=1)
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

    def problems(self) -> Problems:
        for i, season in enumerate(self.holidays.seasons):
            for j, deadline in enumerate(season.deadlines):
                if deadline.method not in self.shipping.methods:
                    yield (
                        "holiday-method",
                        ("holidays", "seasons", i, "deadlines", j, "method"),
                        (
                            f"Expected one of the methods ({', '.join(self.shipping.methods)}) "
                            f"but received {deadline.method!r}."
                        ),
                    )
