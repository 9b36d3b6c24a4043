"""Tables of policy values, generated so no page lists a value by hand.

Every cell, list item and heading is text, never Markdown: the helpers below
escape all of it (helpcenter.escaping), so a name or summary from the policy
shows as written and cannot become HTML, a link, a heading or a second cell.
The builders pass plain text and never escape anything themselves.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Iterable, Sequence
from datetime import date

from calculators.policy import Closure, Method, Payer, Policy
from calculators.schedule import ALL_CALENDARS, CalendarName
from calculators.text import day_range, join_words, long_date, plural
from calculators.values import Weekday
from helpcenter.escaping import markdown_text
from helpcenter.load import build_day


def bullet_list(items: Iterable[str]) -> str:
    """A Markdown list, one item a line: for values that are a list, not a table."""
    return "\n".join(f"- {markdown_text(item)}" for item in items)


def markdown_table(header: Sequence[str], rows: Iterable[Sequence[str]]) -> str:
    def cells(values: Sequence[str]) -> str:
        # markdown_text encodes "|" too, so no value splits its cell.
        return "| " + " | ".join(markdown_text(value) for value in values) + " |"

    lines = [cells(header), "|" + "|".join(" --- " for _ in header) + "|"]
    lines += [cells(row) for row in rows]
    return "\n".join(lines)


def heading(level: int, text: str) -> str:
    """A Markdown heading whose words are text."""
    return f"{'#' * level} {markdown_text(text)}"


def stages(policy: Policy) -> str:
    rows = [
        (
            stage.label,
            day_range(stage.business_days.min, stage.business_days.max, "business day"),
            stage.summary,
        )
        for stage in policy.fulfilment.stages.values()
    ]
    return markdown_table(("Stage", "Takes", "What happens"), rows)


def _fees(method: Method) -> str:
    parts = []
    for tier in method.fees:
        fee = "free" if tier.fee.cents == 0 else str(tier.fee)
        if tier.subtotal_below is None and tier.subtotal_from.cents == 0:
            parts.append(fee)
        elif tier.subtotal_below is None:
            parts.append(f"{fee} from {tier.subtotal_from}")
        else:
            parts.append(f"{fee} below {tier.subtotal_below}")
    return "; ".join(parts)


def methods(policy: Policy) -> str:
    rows = [
        (m.label, day_range(m.transit_days.min, m.transit_days.max, "carrier day"), _fees(m))
        for m in policy.shipping.methods.values()
    ]
    return markdown_table(("Method", "Transit after shipping", "Fee by order subtotal"), rows)


# What each calendar's closure stops, in the words a shopper uses: the calendars
# are the model's names (handling, carrier, support), not theirs.
_CLOSED_PARTY: dict[CalendarName, str] = {
    "handling": "our workshop",
    "carrier": "the carrier",
    "support": "customer support",
}
_CLOSED_MEANS: dict[CalendarName, str] = {
    "handling": "our workshop makes, packs and ships no orders",
    "carrier": "the carrier picks up and delivers no parcels",
    "support": "customer support answers e-mails on its next working day",
}
# The source a closure typed into calendar.yml has when it names none.
_OWN_SOURCE = next(f.default for f in dataclasses.fields(Closure) if f.name == "source")


def _source_words(source: str) -> str | None:
    """Where a closure comes from, as a shopper would say it; None for the store's own.

    Resolved holidays name the package and version ("python-holidays 0.108 (US)",
    helpcenter.holidays), which means nothing to a shopper; a closure typed into
    calendar.yml names the file, and is simply ours ("What is closed" says whose).
    """
    if source.startswith("python-holidays"):
        country = source.rpartition("(")[2].rstrip(")")
        return "US federal holiday" if country == "US" else f"public holiday in {country}"
    return None if source == _OWN_SOURCE else source


def _named(name: str, sources: Iterable[str]) -> str:
    """'Labor Day (US federal holiday)'; 'Christmas Day (observed; US federal holiday)'."""
    words = join_words(_unique(w for w in map(_source_words, sources) if w))
    if not words:
        return name
    if name.endswith(")"):
        return f"{name[:-1]}; {words})"
    return f"{name} ({words})"


def _unique(items: Iterable[str]) -> list[str]:
    return list(dict.fromkeys(items))


def closures(policy: Policy, today: date | None = None) -> str:
    """The closed days still ahead, one row a date, then what "closed" means.

    Days before the build day are left out (a shopper cannot order for them), and so
    is a calendar closed on a day it never works (Independence Day on a Sunday moves
    nothing). Same-day entries, such as the federal Thanksgiving (the carrier) and the
    store's own (workshop and support), become one row. Three columns, so the table
    still fits a phone's width as a table.
    """
    calendar = policy.calendar
    day = today or build_day(calendar.time_zone.zone)
    weeks = calendar.working_weeks
    by_date: dict[date, list[Closure]] = {}
    for closure in sorted(calendar.closures, key=lambda c: (c.date, c.name)):
        if closure.date >= day:
            by_date.setdefault(closure.date, []).append(closure)
    rows, closed = [], set()
    for when, entries in sorted(by_date.items()):
        weekday = Weekday(when.weekday())
        shut = [
            name
            for name in ALL_CALENDARS
            if weekday in getattr(weeks, name) and any(name in c.applies_to for c in entries)
        ]
        if not shut:
            continue
        closed.update(shut)
        names = _unique(c.name for c in entries)
        rows.append(
            (
                long_date(when),
                join_words(_named(n, (c.source for c in entries if c.name == n)) for n in names),
                join_words(_CLOSED_PARTY[name] for name in shut),
            )
        )
    if not rows:
        return markdown_text(
            f"No closed days are planned up to {long_date(calendar.coverage.last_day)}."
        )
    means = "; ".join(_CLOSED_MEANS[name] for name in ALL_CALENDARS if name in closed)
    table = markdown_table(("Date", "Closed for", "What is closed"), rows)
    return f"{table}\n\n{markdown_text(f'On a closed day: {means}.')}"


# -- orders: changes and cancellation -------------------------------------------


def _minutes(count: int) -> str:
    """'1 hour' for 60, '90 minutes' for 90: the unit a shopper would say."""
    return plural(count // 60, "hour") if count % 60 == 0 else plural(count, "minute")


def order_changes(policy: Policy) -> str:
    changes = policy.orders.changes
    cancellation = policy.orders.cancellation
    rows = []
    if changes.guaranteed_within_hours:
        rows.append(
            (
                "Correct your address or design",
                f"within {plural(changes.guaranteed_within_hours, 'hour')} of ordering",
                "guaranteed, free",
            )
        )
        after = "after that, until the order ships"
    else:
        rows.append(
            ("Correct your address or design", "once the order is submitted", "not possible")
        )
        after = "until the order ships"
    if changes.best_effort_until_shipped:
        rows.append(("Correct your address or design", after, "we try, but cannot guarantee it"))
    if cancellation.free_within_minutes:
        rows.append(
            (
                "Cancel your order",
                f"within {_minutes(cancellation.free_within_minutes)} of ordering, "
                "if the artwork has not been started",
                "free",
            )
        )
    rows.append(
        (
            "Cancel your order",
            "later, or once the artwork has been started, until the order ships",
            f"{cancellation.fee} cancellation fee",
        )
    )
    rows.append(
        ("Cancel your order", "after it has shipped", "not possible: see returns and refunds")
    )
    reship = "a re-shipping fee may apply" if policy.orders.reship_fee_may_apply else "no extra fee"
    rows.append(("Have an order re-sent", "after it came back to us for a wrong address", reship))
    return markdown_table(("What you want", "When", "Cost"), rows)


# -- returns, refunds and warranty -------------------------------------------------

_RETURN_SHIPPING: dict[Payer, str] = {
    "store": "paid by us",
    "customer": "paid by you",
    "customer_reimbursed": "paid by you, and paid back once the claim is confirmed",
}


def _one_of(remedies: Sequence[str]) -> str:
    """'a, b or c'; remedies with their own commas ("a replacement, if available")
    are set apart with semicolons, or the commas would run together."""
    if any("," in remedy for remedy in remedies):
        return "; ".join(remedies)
    return join_words(remedies, "or")


def defects(policy: Policy) -> str:
    return bullet_list(policy.returns.defects)


def return_routes(policy: Policy) -> str:
    returns = policy.returns
    reports = returns.problem_reports
    rows = [
        (
            "Defective, damaged or wrong item",
            plural(reports.within_days, "day") + " of delivery",
            "—",
            _RETURN_SHIPPING[reports.return_shipping],
            _one_of(reports.remedies),
        )
    ]
    mind = returns.change_of_mind
    if mind is not None:
        rows.append(
            (
                "Change of mind" + ("" if mind.custom_items else " (standard, non-custom items)"),
                plural(mind.within_days, "day") + " of delivery",
                join_words(mind.conditions),
                _RETURN_SHIPPING[mind.return_shipping],
                "a refund of the item's price"
                + ("" if mind.refunds_shipping_cost else ", not of the shipping cost"),
            )
        )
    warranty = returns.warranty
    if warranty is not None:
        rows.append(
            (
                "Warranty claim",
                plural(warranty.within_days, "day") + " of delivery",
                "—",
                _RETURN_SHIPPING[warranty.return_shipping],
                _one_of(warranty.remedies),
            )
        )
    return markdown_table(
        ("Reason", "Ask us within", "The item must be", "Return shipping", "You receive"), rows
    )


# -- destinations ------------------------------------------------------------------


def restricted(policy: Policy) -> str:
    destinations = policy.destinations
    rows = []
    for place in destinations.restricted:
        if place.regions:
            country = destinations.country_names.get(place.country, place.country)
            regions = join_words(region.name for region in place.regions)
            codes = ", ".join(region.code for region in place.regions)
            rows.append((place.name, f"{regions}, in {country}", codes))
        else:
            rows.append((place.name, "the whole country", place.country))
    return markdown_table(("Place", "Where we do not ship", "ISO code"), rows)


# -- holiday orders ----------------------------------------------------------------


def holiday_deadlines(policy: Policy) -> str:
    """One heading and table per season: the heading carries the holiday's name,
    which is what shoppers search for ("Christmas")."""
    methods = policy.shipping.methods
    blocks = []
    for season in policy.holidays.seasons:
        rows = [
            (
                methods[deadline.method].label,
                long_date(deadline.order_by),
                long_date(season.deliver_by),
            )
            for deadline in sorted(season.deadlines, key=lambda d: d.order_by)
        ]
        table = markdown_table(("Shipping method", "Order by the end of", "Delivered by"), rows)
        blocks.append(f"{heading(3, f'{season.name} deadlines')}\n\n{table}")
    return "\n\n".join(blocks)


# -- support -----------------------------------------------------------------------


def when_to_contact(policy: Policy) -> str:
    support = policy.support
    changes = policy.orders.changes
    rows = []
    if changes.guaranteed_within_hours:
        rows.append(
            (
                "Wrong address or design on your order",
                f"right away: changes are guaranteed within "
                f"{plural(changes.guaranteed_within_hours, 'hour')} of ordering",
            )
        )
    rows.append(
        (
            "Tracking has not updated",
            f"when it has not moved for "
            f"{plural(support.no_tracking_update_business_days, 'business day')}",
        )
    )
    wait = support.extra_wait_business_days
    first = f" (allow {plural(wait, 'extra business day')} first)" if wait else ""
    rows.append(
        (
            "Your delivery is late",
            f"when it has not arrived {plural(support.past_due_hours, 'hour')} "
            f"after the estimated delivery date{first}",
        )
    )
    rows.append(
        (
            "Marked delivered but not received",
            f"{plural(support.delivered_not_received_hours, 'hour')} after the delivery scan, "
            "once you have looked around",
        )
    )
    rows.append(
        (
            "Damaged, defective or wrong item",
            f"within {plural(policy.returns.problem_reports.within_days, 'day')} of delivery",
        )
    )
    if support.lost_refund_after_days is not None:
        rows.append(
            (
                "Lost parcel that cannot be traced",
                f"a refund may be possible {plural(support.lost_refund_after_days, 'day')} "
                "after you ordered",
            )
        )
    return markdown_table(("Situation", "When to contact us"), rows)


# -- payments ----------------------------------------------------------------------


def payment_methods(policy: Policy) -> str:
    if policy.payments is None:
        raise ValueError("The policy has no payments.yml, so there are no payment methods to list.")
    return bullet_list(policy.payments.methods)


TABLES: dict[str, Callable[[Policy], str]] = {
    "stages": stages,
    "methods": methods,
    "closures": closures,
    "order_changes": order_changes,
    "defects": defects,
    "return_routes": return_routes,
    "restricted": restricted,
    "holiday_deadlines": holiday_deadlines,
    "when_to_contact": when_to_contact,
    "payment_methods": payment_methods,
}
