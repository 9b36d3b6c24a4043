"""Returns, problem reports and warranty claims, against deadlines counted by hand.

Workshop (tests/fixtures/workshop/policy/returns.yml): problem reports within
30 days, store pays return shipping; change of mind within 3 days, standard
items only, in its original packaging, unused and in resellable condition,
customer pays, shipping not refunded; warranty within 90 days, customer pays up
front and is reimbursed. Store zone America/New_York.

"Within N days of delivery" includes day N up to its end in New York: delivered
Mon Jun 1, 3 days: Jun 2, 3, 4 -> the end of Thu Jun 4. 30 days: June has 30
days, so Jun 1 + 30 -> Wed Jul 1. 90 days: 29 more in June (2..30), 31 in July
(60), 30 in August (90) -> Sun Aug 30.
"""

from __future__ import annotations

import dataclasses
import json
from datetime import UTC, date, datetime, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from calculators import returns, web
from calculators.answers import words
from calculators.delivery import NaiveTimeError
from calculators.policy import Policy

D = date.fromisoformat
T = datetime.fromisoformat
MON_JUN_1 = "2026-06-01"


def routes_of(policy, delivered_on, now, item="custom", reason="defective", as_new=True):
    result = returns.return_options(
        policy, D(delivered_on), T(now), item=item, reason=reason, as_new=as_new
    )
    return [(r.route, r.open, r.deadline.isoformat(), r.closed_because) for r in result.routes]


# (case, delivered_on, now, item, reason, as_new, expected routes: (route, open, deadline, why))
CASES = [
    # Thu Jun 4 23:59 EDT is still day 3.
    (
        "change of mind, last minute of day 3",
        MON_JUN_1,
        "2026-06-04T23:59:00-04:00",
        "standard",
        "changed_mind",
        True,
        [("change_of_mind", True, "2026-06-04", ())],
    ),
    # 03:59Z on Jun 5 is 23:59 EDT on Jun 4: still open, though the UTC date is Jun 5.
    (
        "change of mind, day 3 in New York, day 4 in UTC",
        MON_JUN_1,
        "2026-06-05T03:59:00Z",
        "standard",
        "changed_mind",
        True,
        [("change_of_mind", True, "2026-06-04", ())],
    ),
    # Fri Jun 5 00:00 EDT is the first moment after the window.
    (
        "change of mind, midnight after day 3",
        MON_JUN_1,
        "2026-06-05T00:00:00-04:00",
        "standard",
        "changed_mind",
        True,
        [("change_of_mind", False, "2026-06-04", ("window_ended",))],
    ),
    (
        "change of mind, custom item",
        MON_JUN_1,
        "2026-06-02T10:00:00-04:00",
        "custom",
        "changed_mind",
        True,
        [("change_of_mind", False, "2026-06-04", ("custom_item",))],
    ),
    (
        "change of mind, used",
        MON_JUN_1,
        "2026-06-02T10:00:00-04:00",
        "standard",
        "changed_mind",
        False,
        [("change_of_mind", False, "2026-06-04", ("not_as_new",))],
    ),
    (
        "change of mind, every reason at once",
        MON_JUN_1,
        "2026-06-10T10:00:00-04:00",
        "custom",
        "changed_mind",
        False,
        [("change_of_mind", False, "2026-06-04", ("custom_item", "window_ended", "not_as_new"))],
    ),
    # Defective on day 9: a problem report (to Jul 1) or a warranty claim (to Aug 30).
    (
        "defective, both routes open",
        MON_JUN_1,
        "2026-06-10T10:00:00-04:00",
        "custom",
        "defective",
        False,
        [("problem_report", True, "2026-07-01", ()), ("warranty", True, "2026-08-30", ())],
    ),
    (
        "damaged, last minute of day 30",
        MON_JUN_1,
        "2026-07-01T23:59:00-04:00",
        "custom",
        "damaged",
        True,
        [("problem_report", True, "2026-07-01", ()), ("warranty", True, "2026-08-30", ())],
    ),
    # Thu Jul 2 00:00: problem reports closed, the warranty still open.
    (
        "damaged, after day 30",
        MON_JUN_1,
        "2026-07-02T00:00:00-04:00",
        "custom",
        "damaged",
        True,
        [
            ("problem_report", False, "2026-07-01", ("window_ended",)),
            ("warranty", True, "2026-08-30", ()),
        ],
    ),
    # A wrong item is no warranty matter: problem reports only.
    (
        "wrong item",
        MON_JUN_1,
        "2026-06-10T10:00:00-04:00",
        "standard",
        "wrong_item",
        True,
        [("problem_report", True, "2026-07-01", ())],
    ),
    (
        "warranty, last minute of day 90",
        MON_JUN_1,
        "2026-08-30T23:59:00-04:00",
        "custom",
        "warranty",
        True,
        [("warranty", True, "2026-08-30", ())],
    ),
    (
        "warranty, after day 90",
        MON_JUN_1,
        "2026-08-31T00:00:00-04:00",
        "custom",
        "warranty",
        True,
        [("warranty", False, "2026-08-30", ("window_ended",))],
    ),
    # Fall back: delivered Fri Oct 30, 3 days: Oct 31, Nov 1, Nov 2 -> Mon Nov 2, which ends at
    # Tue Nov 3 00:00 EST = 05:00Z. 04:59Z is 23:59 EST on Nov 2 (read as EDT it would be
    # 00:59 on Nov 3, too late).
    (
        "after fall back, last minute",
        "2026-10-30",
        "2026-11-03T04:59:00Z",
        "standard",
        "changed_mind",
        True,
        [("change_of_mind", True, "2026-11-02", ())],
    ),
    (
        "after fall back, midnight",
        "2026-10-30",
        "2026-11-03T05:00:00Z",
        "standard",
        "changed_mind",
        True,
        [("change_of_mind", False, "2026-11-02", ("window_ended",))],
    ),
]


@pytest.mark.parametrize(
    ("case", "delivered_on", "now", "item", "reason", "as_new", "expected"),
    CASES,
    ids=[c[0] for c in CASES],
)
def test_workshop_routes(workshop, case, delivered_on, now, item, reason, as_new, expected):
    assert routes_of(workshop, delivered_on, now, item, reason, as_new) == expected


def test_who_pays_and_what_is_offered(workshop):
    result = returns.return_options(
        workshop, D(MON_JUN_1), T("2026-06-02T10:00:00-04:00"), item="standard",
        reason="defective", as_new=True,
    )  # fmt: skip
    report, warranty = result.routes
    assert report.return_shipping == "store"
    assert report.remedies == (
        "a replacement, if available",
        "a refund, if a replacement is not possible",
    )
    assert warranty.return_shipping == "customer_reimbursed"
    assert warranty.remedies == ("a refund", "store credit", "a replacement (if available)")
    change = returns.return_options(
        workshop, D(MON_JUN_1), T("2026-06-02T10:00:00-04:00"), item="standard",
        reason="changed_mind", as_new=True,
    ).routes[0]  # fmt: skip
    assert (change.return_shipping, change.refunds_shipping_cost) == ("customer", False)


def test_a_time_without_offset_is_refused(workshop):
    with pytest.raises(NaiveTimeError):
        returns.return_options(
            workshop, D(MON_JUN_1), datetime(2026, 6, 2, 10), item="custom",
            reason="defective", as_new=True,
        )  # fmt: skip


def with_returns(policy: Policy, **changes) -> Policy:
    return dataclasses.replace(policy, returns=dataclasses.replace(policy.returns, **changes))


def test_a_store_without_change_of_mind_returns_says_so(workshop):
    policy = with_returns(workshop, change_of_mind=None)
    inputs = {
        "delivered_on": MON_JUN_1,
        "now": "2026-06-02T10:00-04:00",
        "item": "standard",
        "reason": "changed_mind",
        "as_new": "yes",
    }
    result = returns.answer(policy, inputs)
    assert result.data == {"routes": []}
    assert [words(s) for s in result.sentences] == ["We do not offer change-of-mind returns."]
    # The form still asks about the item's state, in plain words.
    assert returns.form(policy).fields[3].label == (
        "Is the item unused and in its original packaging?"
    )


def test_a_store_without_warranty_offers_problem_reports_only(workshop):
    policy = with_returns(workshop, warranty=None)
    assert routes_of(policy, MON_JUN_1, "2026-06-10T10:00:00-04:00") == [
        ("problem_report", True, "2026-07-01", ())
    ]
    inputs = {
        "delivered_on": MON_JUN_1,
        "now": "2026-06-10T10:00-04:00",
        "item": "custom",
        "reason": "warranty",
    }
    result = returns.answer(policy, inputs)
    assert result.data == {"routes": []}
    assert [words(s) for s in result.sentences] == ["We do not offer warranty claims."]


def test_custom_items_and_shipping_refunds_when_the_policy_allows(workshop):
    rules = dataclasses.replace(
        workshop.returns.change_of_mind, custom_items=True, refunds_shipping_cost=True
    )
    policy = with_returns(workshop, change_of_mind=rules)
    inputs = {
        "delivered_on": MON_JUN_1,
        "now": "2026-06-02T10:00-04:00",
        "item": "custom",
        "reason": "changed_mind",
        "as_new": "yes",
    }
    result = returns.answer(policy, inputs)
    assert result.data["routes"][0]["open"] is True
    assert words(result.sentences[0]).endswith(
        "You pay the return shipping; we refund the value of the goods and the original "
        "shipping cost."
    )


# (case, inputs, expected sentences as words)
SENTENCES = [
    (
        "change of mind, open",
        {
            "delivered_on": MON_JUN_1,
            "now": "2026-06-02T10:00-04:00",
            "item": "standard",
            "reason": "changed_mind",
            "as_new": "yes",
        },
        [
            "You can ask for a change-of-mind return until the end of Thu Jun 4 "
            "(Eastern Time), 3 days after delivery: write to help@workshop.test with "
            "your order number. You pay the return shipping; we refund the value of the goods "
            "but not the original shipping cost."
        ],
    ),
    (
        "change of mind, closed for every reason",
        {
            "delivered_on": MON_JUN_1,
            "now": "2026-06-10T10:00-04:00",
            "item": "custom",
            "reason": "changed_mind",
            "as_new": "no",
        },
        [
            "A change-of-mind return is not possible: custom items cannot be returned for a "
            "change of mind, the 3-day window ended on Thu Jun 4 and the item must be in its "
            "original packaging, unused and in resellable condition."
        ],
    ),
    (
        "defective, both open",
        {
            "delivered_on": MON_JUN_1,
            "now": "2026-06-10T10:00-04:00",
            "item": "custom",
            "reason": "defective",
        },
        [
            "You can report the problem until the end of Wed Jul 1 (Eastern Time), "
            "30 days after delivery: write to help@workshop.test with your order number and "
            "photos of the problem. We pay the return shipping; we offer a replacement, if "
            "available, or a refund, if a replacement is not possible.",
            "Alternatively, you can make a warranty claim until the end of Sun Aug 30 "
            "(Eastern Time), 90 days after delivery: write to help@workshop.test with "
            "your order number and photos of the fault. You pay the return shipping up front "
            "and we reimburse you once the claim is confirmed; we offer a refund, store credit "
            "or a replacement (if available).",
        ],
    ),
    (
        "damaged after day 30",
        {
            "delivered_on": MON_JUN_1,
            "now": "2026-07-02T00:00-04:00",
            "item": "custom",
            "reason": "damaged",
            "as_new": "",
        },
        [
            "A problem report is not possible: the 30-day window ended on Wed Jul 1.",
            "You can make a warranty claim until the end of Sun Aug 30 (Eastern "
            "Time), 90 days after delivery: write to help@workshop.test with your order number "
            "and photos of the fault. You pay the return shipping up front and we reimburse you "
            "once the claim is confirmed; we offer a refund, store credit or a replacement (if "
            "available).",
        ],
    ),
    # Delivered Wed Jun 10, asked on Fri Jun 5: the windows still count from Jun 10
    # (+30: 20 more in June, 10 in July -> Fri Jul 10).
    (
        "delivery still ahead",
        {
            "delivered_on": "2026-06-10",
            "now": "2026-06-05T09:00-04:00",
            "item": "custom",
            "reason": "wrong_item",
        },
        [
            "Your delivery date, Wed Jun 10, is still ahead (today is Fri Jun 5, Eastern "
            "Time); the windows count from that day.",
            "You can report the problem until the end of Fri Jul 10 (Eastern Time), "
            "30 days after delivery: write to help@workshop.test with your order number and "
            "photos of the problem. We pay the return shipping; we offer a replacement, if "
            "available, or a refund, if a replacement is not possible.",
        ],
    ),
]


@pytest.mark.parametrize(("case", "inputs", "expected"), SENTENCES, ids=[c[0] for c in SENTENCES])
def test_sentences(workshop, case, inputs, expected):
    assert [words(s) for s in returns.answer(workshop, inputs).sentences] == expected


def test_web_answer(workshop):
    inputs = {
        "delivered_on": MON_JUN_1,
        "now": "2026-07-02T00:00-04:00",
        "item": "custom",
        "reason": "damaged",
    }
    reply = json.loads(web.answer(workshop, "returns", json.dumps(inputs)))
    assert reply["ok"] is True
    assert reply["data"] == {
        "routes": [
            {
                "route": "problem_report",
                "open": False,
                "deadline": "2026-07-01",
                "return_shipping": "store",
                "remedies": [
                    "a replacement, if available",
                    "a refund, if a replacement is not possible",
                ],
                "refunds_shipping_cost": None,
                "reason_closed": "the 30-day window ended on Wed Jul 1",
            },
            {
                "route": "warranty",
                "open": True,
                "deadline": "2026-08-30",
                "return_shipping": "customer_reimbursed",
                "remedies": ["a refund", "store credit", "a replacement (if available)"],
                "refunds_shipping_cost": None,
                "reason_closed": None,
            },
        ]
    }
    assert reply["sentences"][0] == [
        {"text": "A problem report is not possible: the 30-day window ended on "},
        {"date": "2026-07-01", "text": "Wed Jul 1"},
        {"text": "."},
    ]
    # The address is a part of its own, which the widget makes a mailto: link.
    assert reply["sentences"][1][2:4] == [
        {"text": " (Eastern Time), 90 days after delivery: write to "},
        {"email": "help@workshop.test", "text": "help@workshop.test"},
    ]


PROBLEMS = [
    (
        "nothing filled in",
        {},
        [
            {"field": "delivered_on", "message": "Please fill this in."},
            {
                "field": "now",
                "message": "Please check your device's date and time: we could not read them.",
            },
            {"field": "item", "message": "Please fill this in."},
            {"field": "reason", "message": "Please fill this in."},
        ],
    ),
    (
        "no such day, unknown reason",
        {
            "delivered_on": "2026-02-30",
            "now": "2026-06-02T10:00-04:00",
            "item": "custom",
            "reason": "bored",
        },
        [
            {
                "field": "delivered_on",
                "message": "Please enter a date like 2026-12-07.",
            },
            {
                "field": "reason",
                "message": "Please choose one of these: changed_mind, defective, damaged, "
                "wrong_item or warranty.",
            },
        ],
    ),
    # The item's state is needed for a change of mind only.
    (
        "change of mind without the item's state",
        {
            "delivered_on": MON_JUN_1,
            "now": "2026-06-02T10:00-04:00",
            "item": "standard",
            "reason": "changed_mind",
            "as_new": "",
        },
        [{"field": "as_new", "message": "Please choose yes or no."}],
    ),
    (
        "unknown kind of item",
        {
            "delivered_on": MON_JUN_1,
            "now": "2026-06-02T10:00-04:00",
            "item": "vintage",
            "reason": "defective",
        },
        [
            {
                "field": "item",
                "message": "Please choose one of these: custom or standard.",
            }
        ],
    ),
]


@pytest.mark.parametrize(("case", "inputs", "problems"), PROBLEMS, ids=[c[0] for c in PROBLEMS])
def test_input_problems(workshop, case, inputs, problems):
    reply = json.loads(web.answer(workshop, "returns", json.dumps(inputs)))
    assert reply == {"ok": False, "problems": problems}


# -- invariants -----------------------------------------------------------------------

days = st.dates(min_value=date(2026, 1, 1), max_value=date(2027, 12, 1))
moments = st.datetimes(
    min_value=datetime(2026, 1, 1), max_value=datetime(2028, 6, 1), timezones=st.just(UTC)
)
reasons = st.sampled_from(list(returns.ROUTES_FOR))
items = st.sampled_from(["custom", "standard"])


@settings(max_examples=300, deadline=None)
@given(delivered=days, now=moments, reason=reasons, item=items, as_new=st.booleans())
def test_deadlines_never_precede_delivery(workshop, delivered, now, reason, item, as_new):
    result = returns.return_options(
        workshop, delivered, now, item=item, reason=reason, as_new=as_new
    )
    assert result.routes
    for route in result.routes:
        assert route.deadline > delivered
        assert route.open == (route.closed_because == ())


@settings(max_examples=300, deadline=None)
@given(
    delivered=days,
    now=moments,
    later_by=st.timedeltas(min_value=timedelta(0), max_value=timedelta(days=120)),
    reason=reasons,
    item=items,
    as_new=st.booleans(),
)
def test_a_later_now_never_reopens_a_route(
    workshop, delivered, now, later_by, reason, item, as_new
):
    def open_routes(moment):
        result = returns.return_options(
            workshop, delivered, moment, item=item, reason=reason, as_new=as_new
        )
        return {route.route for route in result.routes if route.open}

    assert open_routes(now + later_by) <= open_routes(now)


def test_the_form_asks_for_what_answer_reads(workshop):
    fields = returns.form(workshop).fields
    assert [(f.name, f.kind) for f in fields] == [
        ("delivered_on", "date"),
        ("reason", "choice"),
        ("item", "choice"),
        ("as_new", "yesno"),
        ("now", "now"),
    ]
    # The question quotes the policy's own conditions.
    assert fields[3].label == (
        "Is the item in its original packaging, unused and in resellable condition?"
    )
