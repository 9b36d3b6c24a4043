"""The policy as schema.org structured data (JSON-LD), for search engines.

Two kinds, each from the loaded Policy and nothing else:

- ``returns``: the store's ``MerchantReturnPolicy``, under ``hasMerchantReturnPolicy``;
- ``shipping``: one ``ShippingService`` per shipping method, under ``hasShippingService``.

Both hang from the store itself, an ``OnlineStore`` (a subtype of
``Organization``): Google Search reads a store's standard return and shipping
policies there (Search Central, "Merchant return policy (MerchantReturnPolicy)
structured data" and "Merchant shipping policy (ShippingService) structured
data": "nested under the Organization structured data type using the
hasMerchantReturnPolicy / hasShippingService property"). The per-product
alternatives (``Offer.shippingDetails`` with ``OfferShippingDetails``, and a
free-shipping ``eligibleTransactionVolume``) belong to product pages, which the
help center does not have. Each block carries the same ``@id``, so the blocks of
different pages (and a store theme's own) describe one organization.

A page asks for a kind in its front matter (``structured_data: returns``); the
plugin puts the block in the page's head (``overrides/main.html``), and
``helpcenter jsonld`` prints it for the store's own theme.

What the policy does not say is left out rather than guessed; each omission
is named where it would go.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from datetime import date, datetime, time, tzinfo
from typing import Any
from urllib.parse import urlsplit

from calculators.model import DayRange
from calculators.policy import Payer, Policy, Returns
from calculators.shipping_methods import FeeTier, Method
from calculators.values import Clock, Money, Weekday

KINDS = ("returns", "shipping")
# The front matter key a page names its kinds with.
FRONT_MATTER_KEY = "structured_data"
SCHEMA = "https://schema.org/"
# calculators.values.Money is "an amount in US dollars"; schema.org wants ISO 4217.
CURRENCY = "USD"
# UN/CEFACT Common Code for a day, the unitCode Google's merchant examples use for
# handling and transit times; schema.org says such day counts are business days
# "by common convention", and businessDays says which days those are.
DAY_UNIT = "DAY"

JsonObject = dict[str, Any]

# Who pays return shipping (calculators.policy.Payer) as schema.org return fees
# (ReturnFeesEnumeration) and label source (ReturnLabelSourceEnumeration).
# "customer_reimbursed" is a return the shopper pays first and is paid back for
# once the claim is confirmed: free in the end (FreeReturn), but the shopper
# sends it (ReturnLabelCustomerResponsibility). When the store pays, the policy
# does not say how its label reaches the shopper, so no label source is given.
_RETURN_FEES: Mapping[Payer, str] = {
    "store": "FreeReturn",
    "customer": "ReturnFeesCustomerResponsibility",
    "customer_reimbursed": "FreeReturn",
}
_LABEL_SOURCE: Mapping[Payer, str | None] = {
    "store": None,
    "customer": "ReturnLabelCustomerResponsibility",
    "customer_reimbursed": "ReturnLabelCustomerResponsibility",
}


class UnknownKind(ValueError):
    """A page's front matter names a kind of structured data that does not exist."""


def page_kinds(meta: Mapping[str, object]) -> tuple[str, ...]:
    """The kinds a page's front matter asks for: ``structured_data: returns`` or a list.

    UnknownKind (with a sentence for the editor) for anything else.
    """
    value = meta.get(FRONT_MATTER_KEY)
    if value is None:
        return ()
    names = value if isinstance(value, list) else [value]
    unknown = [name for name in names if name not in KINDS]
    if unknown:
        raise UnknownKind(
            f"Expected {FRONT_MATTER_KEY} to be one of {', '.join(KINDS)} (or a list of them) "
            f"but received {unknown[0]!r}."
        )
    return tuple(dict.fromkeys(str(name) for name in names))


def store_data(
    policy: Policy,
    kinds: tuple[str, ...] = KINDS,
    *,
    today: date,
    returns_page: str | None = None,
) -> JsonObject:
    """The store as an ``OnlineStore`` with the parts ``kinds`` name.

    ``today`` fixes the cut-off's UTC offset (the zone's offset that day:
    ``cutoff_time``); ``returns_page`` is the absolute http(s) address of the
    page that explains returns, if known (``merchantReturnLink``).
    """
    store = policy.store
    home = f"https://{store.website}/"
    data: JsonObject = {
        "@context": "https://schema.org",
        "@type": "OnlineStore",
        "@id": f"{home}#organization",
        "name": store.name,
        "url": home,
        "email": str(store.support_email),
    }
    if "returns" in kinds:
        data["hasMerchantReturnPolicy"] = return_policy(policy, returns_page)
    if "shipping" in kinds:
        data["hasShippingService"] = shipping_services(policy, today)
    return data


def _home_countries(policy: Policy) -> list[str]:
    """The home country and the territories that ship as home (ISO 3166-1 codes)."""
    destinations = policy.destinations
    return list(dict.fromkeys([destinations.home_country, *destinations.domestic]))


def return_policy(policy: Policy, returns_page: str | None = None) -> JsonObject:
    """The store's ``MerchantReturnPolicy``.

    Properties, as Google's return-policy documentation lists them:
    ``applicableCountry`` (required; the countries it sells in as home, at most
    50 of them for Google, so not every country the store ships to),
    ``returnPolicyCategory`` (required), the fees and label source by reason
    (``customerRemorse…``, ``itemDefect…``: this policy's payer differs by
    reason, so the any-reason ``returnFees`` would say too little) and
    ``merchantReturnLink`` (an http(s) address only).

    A store that takes change-of-mind returns (``change_of_mind``) has
    ``MerchantReturnFiniteReturnWindow`` with ``merchantReturnDays``, the days
    after delivery such a return may be asked for, ``returnMethod``
    ``ReturnByMail`` (every route of the policy sends the item back) and
    ``refundType`` ``FullRefund`` (a change-of-mind return refunds the goods).

    A store that takes back only defective or wrong items has
    ``MerchantReturnNotPermitted`` and its ``itemDefect…`` fees and label
    source, nothing else. Google Search Central, "Merchant return policy
    (MerchantReturnPolicy) structured data": returnPolicyCategory
    "MerchantReturnNotPermitted: Returns aren't permitted", merchantReturnDays
    is required with MerchantReturnFiniteReturnWindow, and returnMethod is
    recommended only with a finite or unlimited window. A finite window of the
    defect-report days (what this wrote before) reads as "returns accepted for
    30 days". schema.org has no "defective only" category (Google's Merchant
    API has ``acceptDefectiveOnly``, schema.org no such term); its
    ``itemDefectReturnFees`` is "the type of return fees for returns of defect
    products", a property of that one reason, so it says how a defect goes
    back without claiming a window for any other return.

    Left out: ``returnShippingFeesAmount`` (the policy names who pays return
    shipping, never an amount), ``itemCondition`` (the state an item must come
    back in is written in words, ``change_of_mind.conditions``, that no code
    should read as NewCondition or UsedCondition), ``returnPolicyCountry`` (the
    policy does not say where returns go), the days to report a defect (no
    schema.org property holds a window for one reason), and the warranty
    (schema.org has no return-policy property for it).
    """
    returns: Returns = policy.returns
    remorse = returns.change_of_mind
    defects = returns.problem_reports
    data: JsonObject = {
        "@type": "MerchantReturnPolicy",
        "applicableCountry": _home_countries(policy),
    }
    if remorse is None:
        data["returnPolicyCategory"] = SCHEMA + "MerchantReturnNotPermitted"
    else:
        data["returnPolicyCategory"] = SCHEMA + "MerchantReturnFiniteReturnWindow"
        data["merchantReturnDays"] = remorse.within_days
        data["returnMethod"] = SCHEMA + "ReturnByMail"
        data["customerRemorseReturnFees"] = SCHEMA + _RETURN_FEES[remorse.return_shipping]
        _label_source(data, "customerRemorseReturnLabelSource", remorse.return_shipping)
        data["refundType"] = SCHEMA + "FullRefund"
    data["itemDefectReturnFees"] = SCHEMA + _RETURN_FEES[defects.return_shipping]
    _label_source(data, "itemDefectReturnLabelSource", defects.return_shipping)
    # Only a web address is a link a search engine (or a shopper) can follow; the
    # command checks the one it is given (web_address), the build passes the page's
    # canonical address.
    if returns_page and web_address(returns_page):
        data["merchantReturnLink"] = returns_page
    return data


def web_address(text: str) -> bool:
    """Whether ``text`` is an absolute http(s) address with a host, on one line and
    without spaces: the only links the structured data carries (never
    ``javascript:`` or ``data:``, which would run or show something else)."""
    if not _one_word(text):
        return False
    try:
        parts = urlsplit(text)
        host = parts.hostname
    except ValueError:  # an unclosed "[" of an IPv6 host
        return False
    return parts.scheme.lower() in ("http", "https") and bool(host)


def site_path(text: str) -> bool:
    """Whether ``text`` is a path inside the site, like ``/returns/``: it starts with
    one "/" ("//host" would name another host), on one line, without spaces or "\\"."""
    return (
        text.startswith("/") and not text.startswith("//") and _one_word(text) and "\\" not in text
    )


def _one_word(text: str) -> bool:
    return text.isprintable() and not any(character.isspace() for character in text)


def _label_source(data: JsonObject, key: str, payer: Payer) -> None:
    source = _LABEL_SOURCE[payer]
    if source is not None:
        data[key] = SCHEMA + source


def shipping_services(policy: Policy, today: date) -> list[JsonObject]:
    """One ``ShippingService`` per shipping method (schema.org ``ShippingService``,
    Google's shipping-policy documentation).

    ``handlingTime`` is a ``ServicePeriod`` (the form schema.org asks for in a
    ShippingService): the policy's handling days as a ``QuantitativeValue``, the
    workshop's week as ``businessDays`` (``DayOfWeek`` members) and the order
    cut-off as ``cutoffTime``. Each fee tier is one ``ShippingConditions``: where
    (``shippingDestination``, a ``DefinedRegion`` per home country), for which
    order subtotals (``orderValue``, a ``MonetaryAmount`` with minValue and,
    but for the last tier, maxValue), at what fee (``shippingRate``) and how
    long in transit (``transitTime``, a ``ServicePeriod`` on the carrier's week).
    A free tier is the free-shipping threshold: rate 0 from its minValue on.
    The places the store does not ship to are one more condition with
    ``doesNotShip``. Closures and holidays are left out: a ServicePeriod has no
    way to say them (the pages list them).
    """
    handling = policy.fulfilment.handling_days()
    calendar = policy.calendar
    handling_time: JsonObject = {
        "@type": "ServicePeriod",
        "duration": _days(handling),
        "businessDays": _weekdays(calendar.working_weeks.handling),
        "cutoffTime": cutoff_time(calendar.order_cutoff, calendar.time_zone.zone, today),
    }
    destinations = [_region(code) for code in _home_countries(policy)]
    not_shipped = _not_shipped(policy)
    return [
        {
            "@type": "ShippingService",
            "name": method.label,
            "fulfillmentType": SCHEMA + "FulfillmentTypeDelivery",
            "handlingTime": handling_time,
            "shippingConditions": [
                *(_tier(tier, method, destinations, policy) for tier in method.fees),
                *not_shipped,
            ],
        }
        for method in policy.shipping.methods.values()
    ]


def _tier(
    tier: FeeTier, method: Method, destinations: list[JsonObject], policy: Policy
) -> JsonObject:
    order_value: JsonObject = {
        "@type": "MonetaryAmount",
        "currency": CURRENCY,
        "minValue": _amount(tier.subtotal_from),
    }
    if tier.subtotal_below is not None:
        # The tier ends below subtotal_below: its largest subtotal is a cent less,
        # so no subtotal falls in two tiers.
        order_value["maxValue"] = _amount(Money(tier.subtotal_below.cents - 1))
    return {
        "@type": "ShippingConditions",
        "shippingDestination": destinations,
        "orderValue": order_value,
        "shippingRate": {
            "@type": "MonetaryAmount",
            "value": _amount(tier.fee),
            "currency": CURRENCY,
        },
        "transitTime": {
            "@type": "ServicePeriod",
            "duration": _days(method.transit_days),
            "businessDays": _weekdays(policy.calendar.working_weeks.carrier),
        },
    }


def _not_shipped(policy: Policy) -> list[JsonObject]:
    """The restricted places: whole countries, or regions (ISO 3166-2 code without
    its country prefix, as DefinedRegion.addressRegion takes it)."""
    regions: list[JsonObject] = []
    for restriction in policy.destinations.restricted:
        if not restriction.regions:
            regions.append(_region(restriction.country))
        for region in restriction.regions:
            subdivision = region.code.split("-", 1)[1]
            regions.append(_region(restriction.country) | {"addressRegion": subdivision})
    if not regions:
        return []
    return [{"@type": "ShippingConditions", "shippingDestination": regions, "doesNotShip": True}]


def _region(country: str) -> JsonObject:
    return {"@type": "DefinedRegion", "addressCountry": country}


def _days(days: DayRange) -> JsonObject:
    return {
        "@type": "QuantitativeValue",
        "minValue": days.min,
        "maxValue": days.max,
        "unitCode": DAY_UNIT,
    }


def _weekdays(days: tuple[Weekday, ...]) -> list[str]:
    return [SCHEMA + str(day) for day in sorted(days, key=lambda day: day.index)]


def _amount(money: Money) -> int | float:
    """Dollars as a JSON number: 59 and 6.99 (cents are exact below 2**53)."""
    whole, cents = divmod(money.cents, 100)
    return whole if cents == 0 else money.cents / 100


def cutoff_time(cutoff: Clock, zone: tzinfo, today: date) -> str:
    """The order cut-off as an ISO 8601 time with the store's UTC offset on ``today``:
    "14:00:00-05:00".

    The offset is the build day's. Google's shipping-policy documentation (Search
    Central, "Merchant shipping policy (ShippingService) structured data",
    cutoffTime) and schema.org's cutoffTime ask for "the ISO-8601 time format,
    for example 23:30:00-05:00": a fixed UTC offset, no zone name, and no word on
    a time without one (which would leave the zone to each reader's guess). So
    in a zone with summer time the cut-off is an hour off from the day the
    clocks change until the site is built again: the README's deploy advice
    says to rebuild then. "24:00", the midnight that ends the order day, is
    written "23:59:59": the last moment an order counts for that day, and a
    time every reader parses.
    """
    wall = cutoff.as_time() or time(23, 59, 59)
    offset = datetime.combine(today, time(12), tzinfo=zone).strftime("%z")
    return f"{wall.isoformat(timespec='seconds')}{offset[:3]}:{offset[3:]}"


def json_for_script(data: object, indent: int | None = None) -> str:
    """``data`` as JSON that cannot end or confuse the ``<script>`` element it sits in.

    ``<``, ``>`` and ``&`` become JSON escapes (so ``</script>`` and ``<!--`` in a
    store name stay text), and so do U+2028 and U+2029, which end a line in
    JavaScript. JSON parsers read the escapes back as the same characters.
    """
    compact = (",", ":") if indent is None else None  # a page's head: no bytes to spare
    text = json.dumps(data, ensure_ascii=False, indent=indent, separators=compact)
    for character in "<>&\u2028\u2029":
        text = text.replace(character, f"\\u{ord(character):04x}")
    return text


def script_element(data: object, indent: int | None = None) -> str:
    """One ``<script type="application/ld+json">`` element holding ``data``."""
    return f'<script type="application/ld+json">{json_for_script(data, indent)}</script>'
