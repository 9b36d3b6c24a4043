"""Generated tables: the exact Markdown each one writes for the test workshop.

Every expected cell is read off tests/fixtures/workshop/policy/*.yml by hand;
the comments say which value it comes from. Variants of the workshop (made
with dataclasses.replace) cover the branches its own values do not take.

Cells are text, escaped by helpcenter.escaping: parentheses, apostrophes and
pipes are written as character references (``(`` is ``&#40;``, ``)`` is
``&#41;``, ``'`` is ``&#39;``, ``|`` is ``&#124;``), which the page shows as the
characters themselves; tests/unit/test_escaping.py covers hostile values.
"""

from __future__ import annotations

import dataclasses
from datetime import date

import pytest

from calculators.policy import StatedDeadline
from calculators.schedule import Closure
from calculators.values import Money
from helpcenter.tables import TABLES, closures

# -- the workshop's own values -------------------------------------------------------

WORKSHOP = {
    # fulfilment.yml: processing 1-2, production 2-3 business days, with their summaries.
    "stages": """\
| Stage | Takes | What happens |
| --- | --- | --- |
| Processing | 1–2 business days | Checked and prepared. |
| In production | 2–3 business days | Printed and packed. |""",
    # shipping.yml: standard 4-7 days, $6.99 below $59 then free; expedited 2-3, $16.99 flat.
    "methods": """\
| Method | Transit after shipping | Fee by order subtotal |
| --- | --- | --- |
| Standard | 4–7 carrier days | $6.99 below $59; free from $59 |
| Expedited | 2–3 carrier days | $16.99 |""",
    # calendar.yml closures from the build day on (tests/conftest.py pins Sun Nov 22, 2026:
    # the two July closures are past); Nov 26 and Dec 25 leave applies_to out (all three).
    "closures": """\
| Date | Closed for | What is closed |
| --- | --- | --- |
| Thursday, November 26, 2026 | Thanksgiving Day | our workshop, the carrier and customer support |
| Friday, December 25, 2026 | Christmas Day | our workshop, the carrier and customer support |

On a closed day: our workshop makes, packs and ships no orders; \
the carrier picks up and delivers no parcels; \
customer support answers e-mails on its next working day.""",
    # orders.yml: changes guaranteed 24 h, best effort until shipped; free cancel 60 min
    # (= 1 hour), then $25; re-shipping fee may apply.
    "order_changes": """\
| What you want | When | Cost |
| --- | --- | --- |
| Correct your address or design | within 24 hours of ordering | guaranteed, free |
| Correct your address or design | after that, until the order ships | \
we try, but cannot guarantee it |
| Cancel your order | within 1 hour of ordering, if the artwork has not been started | free |
| Cancel your order | later, or once the artwork has been started, until the order ships | \
$25 cancellation fee |
| Cancel your order | after it has shipped | not possible: see returns and refunds |
| Have an order re-sent | after it came back to us for a wrong address | \
a re-shipping fee may apply |""",
    # returns.yml defects, in their order.
    "defects": """\
- Printing errors &#40;blurry, misaligned, wrong design&#41;
- Manufacturing flaws &#40;seam issues, fabric defects&#41;
- Physical damage that occurred before delivery
- An incorrect item shipped due to our error""",
    # returns.yml: problem reports 30 days, store pays, remedies with commas -> "; ";
    # change of mind 3 days, not custom, customer pays, shipping not refunded;
    # warranty 90 days, customer_reimbursed, remedies without commas -> "a, b or c".
    "return_routes": """\
| Reason | Ask us within | The item must be | Return shipping | You receive |
| --- | --- | --- | --- | --- |
| Defective, damaged or wrong item | 30 days of delivery | — | paid by us | \
a replacement, if available; a refund, if a replacement is not possible |
| Change of mind &#40;standard, non-custom items&#41; | 3 days of delivery | \
in its original packaging, unused and in resellable condition | paid by you | \
a refund of the item&#39;s price, not of the shipping cost |
| Warranty claim | 90 days of delivery | — | \
paid by you, and paid back once the claim is confirmed | \
a refund, store credit or a replacement &#40;if available&#41; |""",
    # destinations.yml: seven whole countries, then Crimea with two regions of UA
    # (country name "Ukraine" from ISO 3166-1, resolved at load time).
    "restricted": """\
| Place | Where we do not ship | ISO code |
| --- | --- | --- |
| Cuba | the whole country | CU |
| Iran | the whole country | IR |
| North Korea | the whole country | KP |
| Sierra Leone | the whole country | SL |
| Palestinian Territories | the whole country | PS |
| South Sudan | the whole country | SS |
| Myanmar | the whole country | MM |
| Crimea | Crimea and Sevastopol, in Ukraine | UA-43, UA-40 |""",
    # holidays.yml: Christmas (its own heading), deliver by Thu Dec 24 2026; standard
    # by Tue Dec 8, expedited by Sun Dec 13; method labels from shipping.yml.
    "holiday_deadlines": """\
### Christmas deadlines

| Shipping method | Order by the end of | Delivered by |
| --- | --- | --- |
| Standard | Tuesday, December 8, 2026 | Thursday, December 24, 2026 |
| Expedited | Sunday, December 13, 2026 | Thursday, December 24, 2026 |""",
    # support.yml: 3 business days, 1 extra day, 48 h past due, 24 h after the
    # delivered scan, refund after 21 days; orders.yml 24 h; returns.yml 30 days.
    "when_to_contact": """\
| Situation | When to contact us |
| --- | --- |
| Wrong address or design on your order | \
right away: changes are guaranteed within 24 hours of ordering |
| Tracking has not updated | when it has not moved for 3 business days |
| Your delivery is late | when it has not arrived 48 hours after the estimated delivery date \
&#40;allow 1 extra business day first&#41; |
| Marked delivered but not received | \
24 hours after the delivery scan, once you have looked around |
| Damaged, defective or wrong item | within 30 days of delivery |
| Lost parcel that cannot be traced | a refund may be possible 21 days after you ordered |""",
    # payments.yml methods, in their order.
    "payment_methods": """\
- a PayPal account &#40;balance, linked bank or saved cards&#41;
- PayPal guest checkout &#40;any debit or credit card, no account needed&#41;""",
}


@pytest.mark.parametrize("name", sorted(WORKSHOP))
def test_table_for_the_workshop(workshop, name):
    assert TABLES[name](workshop) == WORKSHOP[name]


def test_every_table_is_tested():
    assert sorted(TABLES) == sorted(WORKSHOP)


# -- branches the workshop does not take --------------------------------------------


def _with(policy, path: str, **changes):
    """The policy with the record at ``path`` (dotted) replaced by a changed copy."""
    names = path.split(".")
    records = [policy]
    for name in names:
        records.append(getattr(records[-1], name))
    changed = dataclasses.replace(records[-1], **changes)
    for record, name in zip(reversed(records[:-1]), reversed(names), strict=True):
        changed = dataclasses.replace(record, **{name: changed})
    return changed


def test_order_changes_when_nothing_can_change_once_submitted(workshop):
    # No guaranteed window and no best effort; cancelling free for 90 minutes (not
    # whole hours, so said in minutes); no re-shipping fee.
    policy = _with(workshop, "orders.changes", guaranteed_within_hours=0)
    policy = _with(policy, "orders.changes", best_effort_until_shipped=False)
    policy = _with(policy, "orders.cancellation", free_within_minutes=90)
    policy = _with(policy, "orders", reship_fee_may_apply=False)
    assert TABLES["order_changes"](policy) == (
        "| What you want | When | Cost |\n"
        "| --- | --- | --- |\n"
        "| Correct your address or design | once the order is submitted | not possible |\n"
        "| Cancel your order | within 90 minutes of ordering, "
        "if the artwork has not been started | free |\n"
        "| Cancel your order | later, or once the artwork has been started, "
        "until the order ships | $25 cancellation fee |\n"
        "| Cancel your order | after it has shipped | not possible: see returns and refunds |\n"
        "| Have an order re-sent | after it came back to us for a wrong address | "
        "no extra fee |"
    )


def test_order_changes_best_effort_without_a_guaranteed_window(workshop):
    # No window but best effort; no free cancelling at all; fee changed to $30.
    policy = _with(workshop, "orders.changes", guaranteed_within_hours=0)
    policy = _with(policy, "orders.cancellation", free_within_minutes=0, fee=Money(3000))
    assert TABLES["order_changes"](policy).split("\n")[2:6] == [
        "| Correct your address or design | once the order is submitted | not possible |",
        "| Correct your address or design | until the order ships | "
        "we try, but cannot guarantee it |",
        "| Cancel your order | later, or once the artwork has been started, "
        "until the order ships | $30 cancellation fee |",
        "| Cancel your order | after it has shipped | not possible: see returns and refunds |",
    ]


def test_return_routes_without_change_of_mind_or_warranty(workshop):
    policy = _with(workshop, "returns", change_of_mind=None, warranty=None)
    assert TABLES["return_routes"](policy).split("\n")[2:] == [
        "| Defective, damaged or wrong item | 30 days of delivery | — | paid by us | "
        "a replacement, if available; a refund, if a replacement is not possible |"
    ]


def test_return_routes_for_custom_items_with_shipping_refunded(workshop):
    policy = _with(workshop, "returns.change_of_mind", custom_items=True)
    policy = _with(policy, "returns.change_of_mind", refunds_shipping_cost=True)
    assert TABLES["return_routes"](policy).split("\n")[3] == (
        "| Change of mind | 3 days of delivery | "
        "in its original packaging, unused and in resellable condition | paid by you | "
        "a refund of the item&#39;s price |"
    )


def test_when_to_contact_without_window_extra_wait_or_lost_refund(workshop):
    # No change window (row left out), no extra day to allow, no lost-parcel refund.
    policy = _with(workshop, "orders.changes", guaranteed_within_hours=0)
    policy = _with(policy, "support", extra_wait_business_days=0, lost_refund_after_days=None)
    assert TABLES["when_to_contact"](policy).split("\n")[2:] == [
        "| Tracking has not updated | when it has not moved for 3 business days |",
        "| Your delivery is late | "
        "when it has not arrived 48 hours after the estimated delivery date |",
        "| Marked delivered but not received | "
        "24 hours after the delivery scan, once you have looked around |",
        "| Damaged, defective or wrong item | within 30 days of delivery |",
    ]


def test_holiday_deadlines_are_listed_earliest_first(workshop):
    season = workshop.holidays.seasons[0]
    reversed_season = dataclasses.replace(season, deadlines=season.deadlines[::-1])
    policy = _with(workshop, "holidays", seasons=(reversed_season,))
    assert TABLES["holiday_deadlines"](policy) == WORKSHOP["holiday_deadlines"]


def test_holiday_deadlines_give_each_season_its_heading(workshop):
    # A second season, Mother's Day: deliver by Sun May 9 2027, standard by Mon Apr 26.
    christmas = workshop.holidays.seasons[0]
    mothers_day = dataclasses.replace(
        christmas,
        name="Mother's Day",
        deliver_by=date(2027, 5, 9),
        deadlines=(StatedDeadline("standard", date(2027, 4, 26)),),
    )
    policy = _with(workshop, "holidays", seasons=(christmas, mothers_day))
    assert TABLES["holiday_deadlines"](policy) == (
        WORKSHOP["holiday_deadlines"] + "\n\n"
        "### Mother&#39;s Day deadlines\n\n"
        "| Shipping method | Order by the end of | Delivered by |\n"
        "| --- | --- | --- |\n"
        "| Standard | Monday, April 26, 2027 | Sunday, May 9, 2027 |"
    )


def test_a_pipe_in_a_value_does_not_split_its_cell(workshop):
    # The pipe is written as its character reference, which no table reads as a border.
    policy = _with(workshop, "destinations", restriction_reason="x")
    crimea = policy.destinations.restricted[-1]
    piped = dataclasses.replace(crimea, name="Crimea | Sevastopol")
    policy = _with(policy, "destinations", restricted=(*policy.destinations.restricted[:-1], piped))
    assert TABLES["restricted"](policy).split("\n")[-1] == (
        "| Crimea &#124; Sevastopol | Crimea and Sevastopol, in Ukraine | UA-43, UA-40 |"
    )


# -- closures: the days still ahead, one row a date, in shoppers' words ---------------------

FEDERAL = "python-holidays 0.108 (US)"  # the source helpcenter.holidays gives resolved days


def _closures(policy, *entries: Closure):
    return _with(policy, "calendar", closures=entries)


def _rows(table: str) -> list[str]:
    return [line for line in table.split("\n")[2:] if line.startswith("|")]


def test_closures_from_an_earlier_build_day_include_the_summer(workshop):
    # Built on Thu Jul 2, 2026: both July closures are ahead. Jul 3 is a Friday (the
    # workshop and the carrier close); Jul 4 a Saturday, when only the carrier works.
    assert _rows(closures(workshop, today=date(2026, 7, 2)))[:2] == [
        "| Friday, July 3, 2026 | Independence Day &#40;observed&#41; | "
        "our workshop and the carrier |",
        "| Saturday, July 4, 2026 | Independence Day | the carrier |",
    ]


def test_closures_on_the_build_day_itself_are_shown(workshop):
    assert _rows(closures(workshop, today=date(2026, 12, 25))) == [
        "| Friday, December 25, 2026 | Christmas Day | "
        "our workshop, the carrier and customer support |"
    ]


def test_closures_read_the_build_day_from_source_date_epoch(workshop, monkeypatch):
    # Sat Dec 26, 2026 at noon UTC: every closure of the workshop is past.
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1798286400")
    assert closures(workshop) == "No closed days are planned up to Friday, December 31, 2027."


def test_closures_on_one_date_become_one_row(workshop):
    # The federal Thanksgiving closes the carrier, the store's own the workshop and
    # support: one row, the name once with the source a shopper knows, every calendar.
    # Different names on one day are joined, each with its own source.
    policy = _closures(
        workshop,
        Closure(date(2026, 11, 26), "Thanksgiving Day", ("handling", "support")),
        Closure(date(2026, 11, 26), "Thanksgiving Day", ("carrier",), FEDERAL),
        Closure(date(2026, 11, 27), "Day after Thanksgiving", ("handling",)),
        Closure(date(2026, 11, 27), "Inventory", ("support",), "our stocktaking plan"),
    )
    assert _rows(closures(policy)) == [
        "| Thursday, November 26, 2026 | Thanksgiving Day &#40;US federal holiday&#41; | "
        "our workshop, the carrier and customer support |",
        "| Friday, November 27, 2026 | "
        "Day after Thanksgiving and Inventory &#40;our stocktaking plan&#41; | "
        "our workshop and customer support |",
    ]


def test_closures_leave_out_calendars_that_do_not_work_that_day(workshop):
    # Sun Jul 4, 2027 closes nothing that works on a Sunday: no row. On Sat Dec 25, 2027
    # only the carrier works, so only the carrier is said to close. The key names only
    # the calendars some row closes.
    policy = _closures(
        workshop,
        Closure(date(2027, 7, 4), "Independence Day", ("carrier",), FEDERAL),
        Closure(date(2027, 12, 25), "Christmas Day", ("handling", "carrier", "support")),
    )
    assert closures(policy) == (
        "| Date | Closed for | What is closed |\n"
        "| --- | --- | --- |\n"
        "| Saturday, December 25, 2027 | Christmas Day | the carrier |\n\n"
        "On a closed day: the carrier picks up and delivers no parcels."
    )


def test_closures_say_whose_holiday_it_is(workshop):
    # An observed day keeps one pair of brackets; another country's holidays are public
    # holidays there.
    policy = _closures(
        workshop,
        Closure(date(2026, 12, 24), "Christmas Day (observed)", ("carrier",), FEDERAL),
        Closure(date(2026, 12, 28), "Boxing Day", ("carrier",), "python-holidays 1.0 (CA)"),
    )
    assert _rows(closures(policy)) == [
        "| Thursday, December 24, 2026 | "
        "Christmas Day &#40;observed; US federal holiday&#41; | the carrier |",
        "| Monday, December 28, 2026 | Boxing Day &#40;public holiday in CA&#41; | the carrier |",
    ]
