"""Tables of policy values, generated so no page lists a value by hand."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence

from calculators.policy import Policy
from calculators.text import day_range, join_words, long_date


def markdown_table(header: Sequence[str], rows: Iterable[Sequence[object]]) -> str:
    def cells(values: Sequence[object]) -> str:
        return "| " + " | ".join(str(v).replace("|", "\\|") for v in values) + " |"

    lines = [cells(header), "|" + "|".join(" --- " for _ in header) + "|"]
    lines += [cells(row) for row in rows]
    return "\n".join(lines)


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


def _fees(method) -> str:
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


def closures(policy: Policy) -> str:
    rows = [
        (long_date(c.date), c.name, join_words(c.applies_to), c.source)
        for c in sorted(policy.calendar.closures, key=lambda c: (c.date, c.name))
    ]
    return markdown_table(("Date", "Closed for", "Closes", "Source"), rows)


TABLES: dict[str, Callable[[Policy], str]] = {
    "stages": stages,
    "methods": methods,
    "closures": closures,
}
