"""Is my order late? Stages, lateness and support moments counted by hand on 2026.

Workshop rules (tests/fixtures/workshop/policy): handling Mon-Fri, carrier
Mon-Sat, support Mon-Fri, cut-off 14:00 America/New_York; 3-5 handling days,
standard 4-7 carrier days; Nov 26 and Dec 25 closed. Support: no tracking update
for 3 carrier days; 1 extra carrier day, then 48 hours past due; 24 hours after a
"delivered" scan; refund for an untraceable parcel after 21 days; replies within 1
support day.

Order A: Thu Nov 26 09:00 EST, standard (test_delivery's "holiday order"): counts
from Fri Nov 27, ships Wed Dec 2 - Fri Dec 4, arrives Mon Dec 7 - Sat Dec 12.
Due = the end of Sat Dec 12 = Sun Dec 13 00:00 EST. One extra carrier day beyond
Dec 12: Mon Dec 14, which ends Tue Dec 15 00:00; 48 h after the due date is also
Tue Dec 15 00:00 EST, so the past-due moment is Tue Dec 15 00:00 EST. A message
then is answered by the end of the next support day, Wed Dec 16.
"""

from __future__ import annotations

import dataclasses
import json
from datetime import UTC, datetime, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from calculators import late_order, web
from calculators.inputs import InputError

A = {"ordered_at": "2026-11-26T09:00:00-05:00", "method": "standard"}
# Order B: Mon Oct 26 10:00 EDT, before the cut-off: counts from Oct 26. Ship +3: 27, 28, 29
# -> Thu Oct 29; +5: 27..30, Nov 2 -> Mon Nov 2. Arrive Oct 29 +4 carrier: 30, 31, Nov 2, 3
# -> Tue Nov 3; Nov 2 +7: 3, 4, 5, 6, 7, 9, 10 -> Tue Nov 10.
B = {"ordered_at": "2026-10-26T10:00:00-04:00", "method": "standard"}
# Order C: Fri Oct 16 10:00 EDT: counts from Oct 16; ship by +5: 19..23 -> Fri Oct 23;
# arrive by +7 carrier: 24, 26, 27, 28, 29, 30, 31 -> Sat Oct 31, the eve of fall back.
C = {"ordered_at": "2026-10-16T10:00:00-04:00", "method": "standard"}

# (case, inputs, expected_stage, late, contact_from, reply_by)
CASES = [
    # Tue Dec 1 is before the latest ship day (Dec 4): being made, not late.
    (
        "A, processing, on time",
        {**A, "status": "processing", "now": "2026-12-01T10:00:00-05:00"},
        "processing_or_production",
        False,
        "2026-12-15T00:00:00-05:00",
        "2026-12-16",
    ),
    # Sat Dec 5 is after Fri Dec 4: it should have shipped; still processing is late.
    (
        "A, processing after the latest ship day",
        {**A, "status": "processing", "now": "2026-12-05T10:00:00-05:00"},
        "in_transit",
        True,
        "2026-12-15T00:00:00-05:00",
        "2026-12-16",
    ),
    (
        "A, shipped and in transit",
        {**A, "status": "shipped", "now": "2026-12-05T10:00:00-05:00"},
        "in_transit",
        False,
        "2026-12-15T00:00:00-05:00",
        "2026-12-16",
    ),
    # Sun Dec 13 is past Sat Dec 12: not delivered, so late; support from Tue Dec 15.
    (
        "A, shipped, past the latest arrival",
        {**A, "status": "shipped", "now": "2026-12-13T10:00:00-05:00"},
        "delivered",
        True,
        "2026-12-15T00:00:00-05:00",
        "2026-12-16",
    ),
    # Tracking last moved Sat Dec 5 10:00 EST; +3 carrier days: Mon 7, Tue 8, Wed 9 -> Wed Dec 9
    # 10:00 EST, before the past-due moment. Both passed by Mon Dec 21: write now (Monday),
    # answered by the end of Tue Dec 22.
    (
        "A, tracking stuck, long past due",
        {
            **A,
            "status": "shipped",
            "last_update": "2026-12-05T10:00:00-05:00",
            "now": "2026-12-21T10:00:00-05:00",
        },
        "delivered",
        True,
        "2026-12-09T10:00:00-05:00",
        "2026-12-22",
    ),
    # Marked delivered Thu Dec 10 15:00 EST; +24 h -> Fri Dec 11 15:00 EST. A message then
    # (Friday) is answered by the end of the next support day, Mon Dec 14.
    (
        "A, delivered but not received",
        {
            **A,
            "status": "delivered",
            "last_update": "2026-12-10T15:00:00-05:00",
            "now": "2026-12-11T10:00:00-05:00",
        },
        "in_transit",
        False,
        "2026-12-11T15:00:00-05:00",
        "2026-12-14",
    ),
    # Delivered without the scan's time: nothing to count from.
    (
        "A, delivered, no scan time",
        {**A, "status": "delivered", "now": "2026-12-11T10:00:00-05:00"},
        "in_transit",
        False,
        None,
        None,
    ),
    # A tracking update left in the form is ignored while the order is not yet shipped.
    (
        "A, processing ignores last_update",
        {
            **A,
            "status": "processing",
            "last_update": "not a moment",
            "now": "2026-12-01T10:00:00-05:00",
        },
        "processing_or_production",
        False,
        "2026-12-15T00:00:00-05:00",
        "2026-12-16",
    ),
    # DST: tracking last moved Sat Oct 31 10:00 EDT (14:00Z). +3 carrier days skip Sun Nov 1:
    # Mon 2, Tue 3, Wed 4 -> Wed Nov 4 10:00 EST (15:00Z): the same clock time, 4 days and 1
    # hour of real time. Past due for B: the end of Tue Nov 10 (Wed Nov 11 00:00), one extra
    # carrier day (Wed Nov 11, ends Thu Nov 12 00:00), 48 h -> Fri Nov 13 00:00 EST: later.
    # Mon Nov 2 is B's latest ship day: being made by the estimate.
    # A message on Wed Nov 4 is answered by the end of Thu Nov 5.
    (
        "B, tracking update across fall back",
        {
            **B,
            "status": "shipped",
            "last_update": "2026-10-31T10:00:00-04:00",
            "now": "2026-11-02T12:00:00-05:00",
        },
        "processing_or_production",
        False,
        "2026-11-04T10:00:00-05:00",
        "2026-11-05",
    ),
    # DST: C is due at the end of Sat Oct 31 = Sun Nov 1 00:00 EDT (04:00Z). 48 real hours
    # later is Tue Nov 3 04:00Z = Mon Nov 2 23:00 EST; the extra carrier day (Sun is none:
    # Mon Nov 2) ends Tue Nov 3 00:00 EST (05:00Z), an hour later, so that one holds.
    # A message on Tue Nov 3 is answered by the end of Wed Nov 4.
    (
        "C, past due across fall back",
        {**C, "status": "shipped", "now": "2026-11-02T10:00:00-05:00"},
        "delivered",
        True,
        "2026-11-03T00:00:00-05:00",
        "2026-11-04",
    ),
    # DST: marked delivered Sat Oct 31 10:00 EDT (14:00Z) + 24 real hours = Sun Nov 1 14:00Z
    # = 09:00 EST, not 10:00. Written on a Sunday: answered by the end of Mon Nov 2.
    (
        "C, delivered scan across fall back",
        {
            **C,
            "status": "delivered",
            "last_update": "2026-10-31T10:00:00-04:00",
            "now": "2026-10-31T12:00:00-04:00",
        },
        "in_transit",
        False,
        "2026-11-01T09:00:00-05:00",
        "2026-11-02",
    ),
]


@pytest.mark.parametrize(
    ("case", "inputs", "stage", "late", "contact_from", "reply_by"),
    CASES,
    ids=[c[0] for c in CASES],
)
def test_late_order(workshop, case, inputs, stage, late, contact_from, reply_by):
    assert late_order.answer(workshop, inputs).data == {
        "expected_stage": stage,
        "late": late,
        "contact_from": contact_from,
        "reply_by": reply_by,
    }


def test_past_due_hours_alone_keep_real_time_across_fall_back(workshop):
    # Without the extra day, C's support moment is 48 real hours after Sun Nov 1 00:00 EDT:
    # Mon Nov 2 23:00 EST (on the wall clock that is 47 hours).
    support = dataclasses.replace(workshop.support, extra_wait_business_days=0)
    policy = dataclasses.replace(workshop, support=support)
    data = late_order.answer(policy, {**C, "status": "shipped", "now": "2026-11-02T10:00-05:00"})
    assert data.data["contact_from"] == "2026-11-02T23:00:00-05:00"


def test_no_update_moment_keeps_the_clock_time_across_fall_back(workshop):
    update = datetime.fromisoformat("2026-10-31T10:00:00-04:00")
    moment = late_order.no_update_contact(workshop, update)
    assert moment.isoformat() == "2026-11-04T10:00:00-05:00"
    assert moment.astimezone(UTC) - update.astimezone(UTC) == timedelta(days=4, hours=1)


def said(policy, inputs: dict) -> list[str]:
    """The answer's paragraphs as the widget and the CLI show them (through calculators.web)."""
    reply = json.loads(web.answer(policy, "late_order", json.dumps(inputs)))
    assert reply["ok"] is True, reply
    return web.reply_paragraphs(reply)


# Every status against each stage of order A, whose estimate ships Wed Dec 2 - Fri Dec 4 and
# arrives Mon Dec 7 - Sat Dec 12: "early" is Tue Dec 1 (before the latest ship day), "in
# transit" Sat Dec 5 (after it, before the latest arrival day), "past" Mon Dec 21 (after
# both). Each sentence is written from the status the shopper chose: a parcel marked
# delivered is never "on its way" nor judged late (its delivery day is not asked).
EARLY, IN_TRANSIT, PAST = (
    "2026-12-01T10:00:00-05:00",
    "2026-12-05T10:00:00-05:00",
    "2026-12-21T10:00:00-05:00",
)
STAGE_NAMES = {EARLY: "early", IN_TRANSIT: "in transit", PAST: "past"}
BEING_MADE = (
    "By our estimate your order is being processed or made now: it ships between Wed Dec 2 "
    "and Fri Dec 4 and arrives between Mon Dec 7 and Sat Dec 12."
)
SHOULD_HAVE_SHIPPED = (
    "By our estimate your order should have shipped by the end of Fri Dec 4, to arrive "
    "between Mon Dec 7 and Sat Dec 12."
)
SHOULD_HAVE_ARRIVED = (
    "By our estimate your order should have shipped by the end of Fri Dec 4 and arrived by "
    "the end of Sat Dec 12."
)
MARKED_DELIVERED = [
    "Your order is marked delivered.",
    "Not received? Wait 24 hours after the delivery scan, then contact us at "
    "help@workshop.test. Enter when tracking last changed (the time of that scan) to see "
    "when that is.",
]
# (status, now, expected stage, late, the answer's first sentences)
STATUS_CASES = [
    ("processing", EARLY, "processing_or_production", False, [BEING_MADE, "It is not late."]),
    (
        "processing",
        IN_TRANSIT,
        "in_transit",
        True,
        [SHOULD_HAVE_SHIPPED, "It is late: the status still says Processing."],
    ),
    (
        "processing",
        PAST,
        "delivered",
        True,
        [SHOULD_HAVE_ARRIVED, "It is late: the status still says Processing."],
    ),
    ("in_production", EARLY, "processing_or_production", False, [BEING_MADE, "It is not late."]),
    (
        "in_production",
        IN_TRANSIT,
        "in_transit",
        True,
        [SHOULD_HAVE_SHIPPED, "It is late: the status still says In production."],
    ),
    (
        "in_production",
        PAST,
        "delivered",
        True,
        [SHOULD_HAVE_ARRIVED, "It is late: the status still says In production."],
    ),
    # Shipped before the latest ship day: only the latest arrival day still holds.
    (
        "shipped",
        EARLY,
        "processing_or_production",
        False,
        [
            "Your order has shipped; by our estimate it arrives by the end of Sat Dec 12 at the "
            "latest.",
            "It is not late.",
        ],
    ),
    (
        "shipped",
        IN_TRANSIT,
        "in_transit",
        False,
        [
            "Your order has shipped; by our estimate it arrives between Mon Dec 7 and Sat Dec 12.",
            "It is not late.",
        ],
    ),
    (
        "shipped",
        PAST,
        "delivered",
        True,
        [
            "Your order has shipped; by our estimate it should have arrived by the end of "
            "Sat Dec 12.",
            "It is late: the status still says Shipped, not Delivered.",
        ],
    ),
    ("delivered", EARLY, "processing_or_production", False, MARKED_DELIVERED),
    ("delivered", IN_TRANSIT, "in_transit", False, MARKED_DELIVERED),
    # Past the 24 hours? Without the scan's time nobody can tell, so the same words.
    ("delivered", PAST, "delivered", False, MARKED_DELIVERED),
]


@pytest.mark.parametrize(
    ("status", "now", "stage", "late", "expected"),
    STATUS_CASES,
    ids=[f"{c[0]}, {STAGE_NAMES[c[1]]}" for c in STATUS_CASES],
)
def test_each_status_reads_right_for_each_stage(workshop, status, now, stage, late, expected):
    inputs = {**A, "status": status, "now": now}
    data = late_order.answer(workshop, inputs).data
    assert (data["expected_stage"], data["late"]) == (stage, late)  # the case is the stage it names
    assert said(workshop, inputs)[: len(expected)] == expected


SENTENCES = [
    (
        "A, processing, on time",
        {**A, "status": "processing", "now": "2026-12-01T10:00:00-05:00"},
        [
            BEING_MADE,
            "It is not late.",
            "Allow 1 more carrier day beyond Sat Dec 12.",
            "If it has still not arrived by midnight Eastern Time at the end of Mon Dec 14 (at "
            "least 48 hours past the end of Sat Dec 12), contact us at help@workshop.test.",
            "If you write then, expect a reply by the end of Wed Dec 16.",
        ],
    ),
    (
        # Mon Dec 21 is 25 days after Nov 26 09:00; the refund is possible from Dec 17 09:00.
        "A, tracking stuck, long past due",
        {
            **A,
            "status": "shipped",
            "last_update": "2026-12-05T10:00:00-05:00",
            "now": "2026-12-21T10:00:00-05:00",
        },
        [
            "Your order has shipped; by our estimate it should have arrived by the end of "
            "Sat Dec 12.",
            "It is late: the status still says Shipped, not Delivered.",
            "Tracking has not moved for 3 carrier days (since 10:00 AM Eastern Time on Sat Dec 5): "
            "contact us at help@workshop.test.",
            "It is more than 48 hours past its due date (the end of Sat Dec 12): "
            "contact us at help@workshop.test.",
            "Write now and expect a reply by the end of Tue Dec 22.",
            "Your order is more than 21 days old: if the parcel cannot be traced, "
            "a refund may be given.",
        ],
    ),
    (
        # Mon Nov 2 is B's latest ship day: shipped already, so only Tue Nov 10 holds. Both
        # tracking moments read 10:00 AM on the wall clock, EDT before the fall back, EST after.
        "B, tracking update across fall back",
        {
            **B,
            "status": "shipped",
            "last_update": "2026-10-31T10:00:00-04:00",
            "now": "2026-11-02T12:00:00-05:00",
        },
        [
            "Your order has shipped; by our estimate it arrives by the end of Tue Nov 10 at the "
            "latest.",
            "It is not late.",
            "If tracking has not moved by 10:00 AM Eastern Time on Wed Nov 4 (3 carrier days "
            "after its update of 10:00 AM on Sat Oct 31), contact us at help@workshop.test.",
            "Allow 1 more carrier day beyond Tue Nov 10.",
            "If it has still not arrived by midnight Eastern Time at the end of Thu Nov 12 (at "
            "least 48 hours past the end of Tue Nov 10), contact us at help@workshop.test.",
            "If you write then, expect a reply by the end of Thu Nov 5.",
        ],
    ),
    (
        "A, delivered but not received",
        {
            **A,
            "status": "delivered",
            "last_update": "2026-12-10T15:00:00-05:00",
            "now": "2026-12-11T10:00:00-05:00",
        },
        [
            "Your order is marked delivered.",
            "Not received? Scans can come early: if it is still missing at 3:00 PM Eastern Time "
            "on Fri Dec 11 (24 hours after the scan), contact us at help@workshop.test.",
            "If you write then, expect a reply by the end of Mon Dec 14.",
        ],
    ),
    (
        "A, delivered, no scan time",
        {**A, "status": "delivered", "now": "2026-12-11T10:00:00-05:00"},
        MARKED_DELIVERED,
    ),
]


@pytest.mark.parametrize(("case", "inputs", "expected"), SENTENCES, ids=[c[0] for c in SENTENCES])
def test_sentences(workshop, case, inputs, expected):
    assert said(workshop, inputs) == expected


def test_web_answer(workshop):
    inputs = json.dumps({**A, "status": "shipped", "now": "2026-12-13T10:00:00-05:00"})
    reply = json.loads(web.answer(workshop, "late_order", inputs))
    assert reply["ok"] is True
    assert reply["data"] == {
        "expected_stage": "delivered",
        "late": True,
        "contact_from": "2026-12-15T00:00:00-05:00",
        "reply_by": "2026-12-16",
    }
    assert reply["sentences"][1] == [
        {"text": "It is late: the status still says Shipped, not Delivered."}
    ]
    # The support address is a part of its own: the widget makes it a mailto: link.
    # ("Allow 1 more carrier day ...", then "If it has still not arrived by ..., contact us at".)
    assert reply["sentences"][3][-2:] == [
        {"email": "help@workshop.test", "text": "help@workshop.test"},
        {"text": "."},
    ]


PROBLEMS = [
    (
        "nothing given",
        {},
        [
            ("ordered_at", "Please fill this in."),
            ("method", "Please fill this in."),
            ("status", "Please fill this in."),
            ("now", "Please check your device's date and time: we could not read them."),
        ],
    ),
    (
        # The page always sends the shopper's offset; none means the zone is unknown.
        "unknown status, time without offset",
        {**A, "ordered_at": "2026-11-26T09:00", "status": "lost", "now": "2026-12-01T10:00Z"},
        [
            (
                "ordered_at",
                "Please enter the date and time again: we could not tell which time zone they "
                "are in.",
            ),
            (
                "status",
                "Please choose one of these: processing, in_production, shipped or delivered.",
            ),
        ],
    ),
    (
        "ordered after now",
        {**A, "status": "processing", "now": "2026-11-25T10:00:00-05:00"},
        [
            (
                "ordered_at",
                "That is later than now (10:00 AM Eastern Time on Wed Nov 25): please check the "
                "date and time.",
            )
        ],
    ),
    (
        # 23:00Z on Nov 25 is 6:00 PM in New York, before the order at 9:00 AM on Nov 26.
        "tracking update before the order, shown in the store's zone",
        {
            **A,
            "status": "shipped",
            "last_update": "2026-11-25T23:00:00Z",
            "now": "2026-12-01T10:00:00-05:00",
        },
        [
            (
                "last_update",
                "That is before the order was placed (9:00 AM Eastern Time on Thu Nov 26): "
                "please check the date and time.",
            )
        ],
    ),
    (
        "tracking update after now",
        {
            **A,
            "status": "delivered",
            "last_update": "2026-12-02T10:00:00-05:00",
            "now": "2026-12-01T10:00:00-05:00",
        },
        [
            (
                "last_update",
                "That is later than now (10:00 AM Eastern Time on Tue Dec 1): please check the "
                "date and time.",
            )
        ],
    ),
]


@pytest.mark.parametrize(("case", "inputs", "expected"), PROBLEMS, ids=[c[0] for c in PROBLEMS])
def test_input_problems(workshop, case, inputs, expected):
    with pytest.raises(InputError) as caught:
        late_order.answer(workshop, inputs)
    assert [(p.field, p.message) for p in caught.value.problems] == expected


def test_web_problems_are_data(workshop):
    inputs = json.dumps({**A, "status": "processing", "now": "2026-11-25T10:00:00-05:00"})
    reply = json.loads(web.answer(workshop, "late_order", inputs))
    assert reply["ok"] is False
    assert [p["field"] for p in reply["problems"]] == ["ordered_at"]


# -- properties ---------------------------------------------------------------------------

# From the workshop's first moment (midnight of Jan 1, 2026 in New York, 05:00 UTC),
# to Aug 1, 2027: two spans of 60 days and the windows still end in its coverage
# (to Dec 31, 2027).
moments = st.datetimes(
    min_value=datetime(2026, 1, 1, 5), max_value=datetime(2027, 8, 1), timezones=st.just(UTC)
)
spans = st.timedeltas(min_value=timedelta(0), max_value=timedelta(days=60))
statuses = st.sampled_from(list(late_order.STATUSES))
methods = st.sampled_from(["standard", "expedited"])


@settings(max_examples=300, deadline=None)
@given(ordered_at=moments, to_update=spans, to_now=spans, status=statuses, method=methods)
def test_contact_is_never_before_the_order(workshop, ordered_at, to_update, to_now, status, method):
    last_update = ordered_at + to_update
    now = last_update + to_now
    result = late_order.check(workshop, method, ordered_at, status, now, last_update)
    if result.contact_from is not None:
        assert result.contact_from.astimezone(UTC) >= ordered_at
        assert result.reply_by >= result.contact_from.date()
    for contact in result.contacts:
        assert contact.at.tzinfo is workshop.calendar.time_zone.zone


@settings(max_examples=300, deadline=None)
@given(ordered_at=moments, to_now=spans, later_by=spans, status=statuses, method=methods)
def test_a_late_order_stays_late(workshop, ordered_at, to_now, later_by, status, method):
    now = ordered_at + to_now
    first = late_order.check(workshop, method, ordered_at, status, now)
    second = late_order.check(workshop, method, ordered_at, status, now + later_by)
    assert not first.late or second.late
    stages = ["processing_or_production", "in_transit", "delivered"]
    assert stages.index(first.expected_stage) <= stages.index(second.expected_stage)
