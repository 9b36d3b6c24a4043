"""The six widgets other than delivery, on the built pages, in Chromium, against CPython.

A shopper in New York (clock stopped at ``SHOPPERS_NOW``, Fri Nov 20 2026,
3:00 PM EST) fills each form the way people do: through its visible labels,
choosing options by their words and clicking Yes or No. Every answer the page
shows must be the very answer ``calculators.web.answer`` gives in CPython for
the same inputs and the same now: the same sentences, word for word, and the
same dates. A form left incomplete must say what is missing next to the field,
in CPython's words. The visit is a return visit, so every answer here comes
from an interpreter restored from this browser's snapshot.

Labels, option words and button words come from each calculator's own form
(``CALCULATORS[name].form(policy)``), so nothing the site declares is typed
again here. Which page holds a widget comes from the ``{{ calculator.NAME }}``
placeholders in docs/. The whole module is one visit: the first page is loaded,
the others are reached through the site's navigation, so Pyodide starts once.

Each case also names what CPython's ``data`` must hold for it, so a case that
no longer exercises the rule its id names fails instead of passing quietly.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from datetime import datetime
from functools import cache
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from mkdocs.config import load_config

from calculators import web
from calculators.forms import Field, Form
from calculators.policy import Policy
from calculators.web import CALCULATORS, reply_paragraphs, reply_times
from helpcenter.widgets import field_id

pytestmark = pytest.mark.browser

ROOT = Path(__file__).resolve().parents[2]
NEW_YORK = ZoneInfo("America/New_York")
# The first answer of the visit waits for Pyodide to boot (2-3 s here).
ANSWER_WAIT_MS = 30_000
# The words of the two radio buttons every yes/no question has (helpcenter/widgets.py).
YES_NO = {"yes": "Yes", "no": "No"}

# Every case names every field the shopper sees: the page keeps what an earlier
# case entered, and a radio button once answered cannot be unanswered.
# Moments are what the shopper types into a date-and-time field, on their own
# (New York) clock; choices and yes/no answers are given by value and chosen
# by their words. Each case: (calculator, inputs, what CPython's data holds).

SHIPPING_COST_CASES = [
    # Standard: $6.99 below $59.00, free from $59.00 (the threshold itself included).
    pytest.param(
        "shipping_cost",
        {"subtotal": "58.99", "method": "standard"},
        {"fee": "6.99", "free": False, "short_by": "0.01"},
        id="shipping_cost-a-cent-below-free",
    ),
    pytest.param(
        "shipping_cost",
        {"subtotal": "59.00", "method": "standard"},
        {"fee": "0.00", "free": True, "free_from": "59.00"},
        id="shipping_cost-at-the-free-threshold",
    ),
    pytest.param(
        "shipping_cost",
        {"subtotal": "75.50", "method": "standard"},
        {"fee": "0.00", "free": True, "total": "75.50"},
        id="shipping_cost-above-the-free-threshold",
    ),
    # Expedited is a flat fee, never free; typed the way people write amounts.
    pytest.param(
        "shipping_cost",
        {"subtotal": "$1,250.00", "method": "expedited"},
        {"fee": "16.99", "free": False, "free_from": None},
        id="shipping_cost-expedited-above-the-threshold-still-pays",
    ),
]

CHANGE_CANCEL_CASES = [
    # Ordered 30 minutes before now: inside the free hour (to 3:30 PM).
    pytest.param(
        "change_cancel",
        {"ordered_at": "2026-11-20T14:30", "artwork_started": "no", "shipped": "no"},
        {"cancel": "free", "free_cancel_until": "2026-11-20T15:30-05:00", "change": "guaranteed"},
        id="change_cancel-within-the-free-hour",
    ),
    # Ordered at 9:00: the free hour ended at 10:00; changes stay guaranteed 24 h.
    pytest.param(
        "change_cancel",
        {"ordered_at": "2026-11-20T09:00", "artwork_started": "no", "shipped": "no"},
        {"cancel": "with_fee", "free_cancel_until": "2026-11-20T10:00-05:00"},
        id="change_cancel-after-the-free-hour",
    ),
    pytest.param(
        "change_cancel",
        {"ordered_at": "2026-11-12T10:00", "artwork_started": "yes", "shipped": "yes"},
        {"cancel": "closed", "change": "closed", "refund_route": True},
        id="change_cancel-shipped",
    ),
]

RETURNS_CASES = [
    # Delivered yesterday, unused: within the 3-day window, but custom items never go back.
    pytest.param(
        "returns",
        {"delivered_on": "2026-11-19", "reason": "changed_mind", "item": "custom", "as_new": "yes"},
        {"routes": [{"route": "change_of_mind", "open": False, "deadline": "2026-11-22"}]},
        id="returns-change-of-mind-custom-item",
    ),
    pytest.param(
        "returns",
        {
            "delivered_on": "2026-11-19",
            "reason": "changed_mind",
            "item": "standard",
            "as_new": "yes",
        },
        {"routes": [{"route": "change_of_mind", "open": True, "deadline": "2026-11-22"}]},
        id="returns-change-of-mind-standard-item",
    ),
    # Delivered Nov 1: day 19 of 30 for a problem report; the warranty runs 90 days.
    # (The item's state is asked for a change of mind only; the answer left
    # from the case before is sent and ignored.)
    pytest.param(
        "returns",
        {"delivered_on": "2026-11-01", "reason": "defective", "item": "custom", "as_new": "yes"},
        {
            "routes": [
                {"route": "problem_report", "open": True, "deadline": "2026-12-01"},
                {"route": "warranty", "open": True, "deadline": "2027-01-30"},
            ]
        },
        id="returns-defective-within-30-days",
    ),
]

DESTINATION_CASES = [
    pytest.param(
        "destination",
        {"country": "UA", "region": "UA-43"},
        {"ships": False, "restricted_name": "Crimea"},
        id="destination-crimea",
    ),
    pytest.param(
        "destination",
        {"country": "CU", "region": ""},
        {"ships": False, "restricted_name": "Cuba"},
        id="destination-cuba",
    ),
    pytest.param(
        "destination",
        {"country": "FR", "region": ""},
        {"ships": True, "international": True},
        id="destination-france-customs",
    ),
    pytest.param(
        "destination",
        {"country": "US", "region": ""},
        {"ships": True, "international": False},
        id="destination-home",
    ),
]

HOLIDAY_DEADLINE_CASES = [
    pytest.param(
        "holiday_deadline",
        {"deliver_by": "2026-12-24", "method": "standard"},
        {"order_day": "2026-12-10", "stated": ["2026-12-08"]},
        id="holiday_deadline-christmas-standard",
    ),
    pytest.param(
        "holiday_deadline",
        {"deliver_by": "2026-12-24", "method": "expedited"},
        {"order_day": "2026-12-15", "stated": ["2026-12-15"]},
        id="holiday_deadline-christmas-expedited",
    ),
    # Next Monday by standard: the last order day (Nov 9) is already behind now.
    pytest.param(
        "holiday_deadline",
        {"deliver_by": "2026-11-23", "method": "standard"},
        {"order_day": "2026-11-09"},
        id="holiday_deadline-already-passed",
    ),
]

LATE_ORDER_CASES = [
    pytest.param(
        "late_order",
        {
            "ordered_at": "2026-11-13T10:00",
            "method": "standard",
            "status": "shipped",
            "last_update": "2026-11-19T10:00",
        },
        {"expected_stage": "in_transit", "late": False},
        id="late_order-in-transit",
    ),
    pytest.param(
        "late_order",
        {
            "ordered_at": "2026-10-26T10:00",
            "method": "standard",
            "status": "shipped",
            "last_update": "2026-11-02T10:00",
        },
        {"expected_stage": "delivered", "late": True},
        id="late_order-late-and-tracking-stalled",
    ),
    # Not shipped yet: the tracking time is left empty, as the hint says.
    pytest.param(
        "late_order",
        {
            "ordered_at": "2026-11-10T10:00",
            "method": "expedited",
            "status": "in_production",
            "last_update": "",
        },
        {"expected_stage": "delivered", "late": True},
        id="late_order-late-still-in-production",
    ),
]

# Ordered by page, so the visit goes through each page once.
ANSWER_CASES = [
    *SHIPPING_COST_CASES,
    *RETURNS_CASES,
    *CHANGE_CANCEL_CASES,
    *DESTINATION_CASES,
    *HOLIDAY_DEADLINE_CASES,
    *LATE_ORDER_CASES,
]

# (calculator, inputs with one mistake, the field CPython blames)
MISTAKE_CASES = [
    pytest.param(
        "shipping_cost",
        {"subtotal": "", "method": "standard"},
        "subtotal",
        id="shipping_cost-no-subtotal",
    ),
    pytest.param(
        "returns",
        {"delivered_on": "", "reason": "defective", "item": "custom", "as_new": "no"},
        "delivered_on",
        id="returns-no-delivery-date",
    ),
    pytest.param(
        "change_cancel",
        {"ordered_at": "", "artwork_started": "no", "shipped": "no"},
        "ordered_at",
        id="change_cancel-no-order-time",
    ),
    # The region list offers only the chosen country's regions; the mistake left
    # is a name the searchable country list does not know, typed and never chosen.
    pytest.param(
        "destination",
        {"country": "Atlantis", "region": ""},
        "country",
        id="destination-unknown-place",
    ),
    pytest.param(
        "holiday_deadline",
        {"deliver_by": "", "method": "expedited"},
        "deliver_by",
        id="holiday_deadline-no-date",
    ),
    pytest.param(
        "late_order",
        {"ordered_at": "", "method": "standard", "status": "processing", "last_update": ""},
        "ordered_at",
        id="late_order-no-order-time",
    ),
]


# -- where each widget is -------------------------------------------------------------


@cache
def page_of(calculator: str) -> str:
    """The page path ("returns/") whose Markdown holds ``{{ calculator.NAME }}``."""
    placeholder = re.compile(r"\{\{\s*calculator\." + re.escape(calculator) + r"\s*\}\}")
    pages = [p for p in sorted((ROOT / "docs").glob("*.md")) if placeholder.search(p.read_text())]
    assert len(pages) == 1, f"expected one page with the {calculator} widget, found {pages}"
    return f"{pages[0].stem}/"


@cache
def nav_titles() -> dict[str, str]:
    """Page path -> the title the site's navigation shows for it (mkdocs.yml)."""
    nav = load_config(str(ROOT / "mkdocs.yml"))["nav"]
    return {file.removesuffix(".md") + "/": title for entry in nav for title, file in entry.items()}


def go_to(shopper, path: str) -> None:
    """Follow the site's navigation to ``path``, as a shopper does (no new document)."""
    if shopper.page.url == shopper.base_url + path:
        return
    nav = shopper.page.locator(".md-nav--primary")
    nav.get_by_role("link", name=nav_titles()[path], exact=True).click()
    shopper.page.wait_for_url(shopper.base_url + path)


# -- one widget, driven through what it shows --------------------------------------------


@dataclass
class Widget:
    shopper: object  # conftest.Shopper
    name: str
    form: Form

    @property
    def root(self):
        return self.shopper.page.locator(f'[data-calculator="{self.name}"]')

    @property
    def status(self):
        return self.root.get_by_role("status")

    def open(self) -> None:
        go_to(self.shopper, page_of(self.name))
        # Until loader.js has wired it, a submit would send the form away.
        self.shopper.page.locator(f'[data-calculator="{self.name}"][data-wired]').wait_for()

    def control(self, field: Field):
        # A long list is a searchable combobox (combobox.js), named by the same label.
        combobox = self.root.get_by_role("combobox", name=field.label)
        return combobox if combobox.count() else self.root.get_by_label(field.label)

    def enter(self, field: Field, value: str) -> None:
        words = next((o.label for o in field.options if o.value == value), value)
        control = self.control(field)
        if field.kind == "choice" and control.get_attribute("role") == "combobox":
            control.fill(words)  # typed, then chosen from the list when it lists it
            if self.root.get_by_role("listbox").is_visible():
                control.press("Enter")
        elif field.kind == "choice" and not control.is_visible():
            # The region list of a country with no restricted region is not shown.
            assert value == "", f"{field.name} is not shown, so it stays empty"
        elif field.kind == "choice":
            control.select_option(label=words)
        elif field.kind == "yesno":
            group = self.root.get_by_role("group", name=field.label)
            group.get_by_label(YES_NO[value], exact=True).click()
        else:  # moment, date, money: typed (an empty value clears the field)
            self.control(field).fill(value)

    def ask(self, inputs: dict[str, str]) -> None:
        """Fill in every field the shopper sees, in order, submit, and wait for the answer."""
        shown = [f for f in self.form.fields if f.kind != "now"]
        assert set(inputs) == {f.name for f in shown}, "a case names every field it shows"
        for field in shown:
            self.enter(field, inputs[field.name])
        self.root.get_by_role("button", name=self.form.submit).click()
        # The loader marks the region busy from the submit until the answer is in.
        self.root.locator('[role="status"][aria-busy="false"]').wait_for(timeout=ANSWER_WAIT_MS)

    def shown_paragraphs(self) -> list[str]:
        return self.status.locator("p").all_text_contents()

    def shown_dates(self) -> list[tuple[str | None, str]]:
        return [
            (time.get_attribute("datetime"), time.text_content())
            for time in self.status.locator("time").all()
        ]


@pytest.fixture(scope="module")
def returning_shopper(browser, new_shopper, site_url: str):
    """A New York shopper back for a second visit: every answer in this module comes
    from the interpreter restored from the snapshot the first visit kept (snapshot.js),
    while test_delivery_widget.py's come from a freshly started one."""
    context, shopper = new_shopper(browser, site_url, "America/New_York")
    shopper.open()
    shopper.page.wait_for_function(
        "() => globalThis.helpcenterRuntime.snapshotKept === true", timeout=ANSWER_WAIT_MS
    )
    shopper.page.reload()  # a new document: a new worker, which finds the snapshot
    yield shopper
    context.close()


@pytest.fixture
def widget_for(returning_shopper, store_policy: Policy):
    """The named widget, on its page (reached through the site's navigation)."""

    def open_widget(name: str) -> Widget:
        widget = Widget(returning_shopper, name, CALCULATORS[name].form(store_policy))
        widget.open()
        return widget

    return open_widget


# -- what CPython says --------------------------------------------------------------------


@pytest.fixture(scope="module")
def cpython_reply(store_policy: Policy, shoppers_now: datetime):
    """CPython's reply to the inputs the page sends for the same typing, at the same now."""

    def reply(calculator: str, typed_in: dict[str, str]) -> dict:
        inputs = {}
        for field in CALCULATORS[calculator].form(store_policy).fields:
            if field.kind == "now":
                inputs[field.name] = shoppers_now.isoformat()
            elif field.kind == "moment" and typed_in[field.name]:
                local = datetime.fromisoformat(typed_in[field.name]).replace(tzinfo=NEW_YORK)
                inputs[field.name] = local.isoformat()
            else:
                inputs[field.name] = typed_in[field.name]
        return json.loads(web.answer(store_policy, calculator, json.dumps(inputs)))

    return reply


def holds(data: object, expected: object) -> bool:
    """Whether ``data`` holds ``expected``: dicts by their given keys, lists item by item."""
    if isinstance(expected, dict):
        return isinstance(data, dict) and all(
            key in data and holds(data[key], value) for key, value in expected.items()
        )
    if isinstance(expected, list):
        return (
            isinstance(data, list)
            and len(data) == len(expected)
            and all(holds(d, e) for d, e in zip(data, expected, strict=True))
        )
    return data == expected


def assert_nothing_broke(widget: Widget) -> None:
    assert "Traceback" not in widget.root.text_content()
    assert "Error" not in widget.status.text_content()
    assert widget.shopper.page_errors == []
    assert widget.shopper.runtime()["interpreter"] == "restored"


# -- the answers --------------------------------------------------------------------------


@pytest.mark.parametrize(("calculator", "inputs", "covers"), ANSWER_CASES)
def test_the_page_answers_as_cpython(widget_for, cpython_reply, calculator, inputs, covers):
    expected = cpython_reply(calculator, inputs)
    assert expected["ok"] is True, expected
    assert holds(expected["data"], covers), expected["data"]  # the case tests its rule

    widget = widget_for(calculator)
    widget.ask(inputs)

    assert widget.shown_paragraphs() == reply_paragraphs(expected)
    assert widget.shown_dates() == reply_times(expected)
    assert widget.status.text_content() == "".join(reply_paragraphs(expected))
    assert widget.root.locator('[aria-invalid="true"]').count() == 0
    assert_nothing_broke(widget)


# -- a mistake in the form ------------------------------------------------------------------


@pytest.mark.parametrize(("calculator", "inputs", "field_name"), MISTAKE_CASES)
def test_a_mistake_is_explained_next_to_its_field(
    widget_for, cpython_reply, calculator, inputs, field_name
):
    expected = cpython_reply(calculator, inputs)
    assert expected["ok"] is False, expected
    (problem,) = expected["problems"]
    assert problem["field"] == field_name

    widget = widget_for(calculator)
    widget.ask(inputs)

    field = next(f for f in widget.form.fields if f.name == field_name)
    control = widget.control(field)
    control_id = field_id(calculator, field_name)
    slot = widget.root.locator(f"#{control_id}-problem")
    assert slot.is_visible()
    assert slot.text_content() == problem["message"]
    assert control.get_attribute("aria-invalid") == "true"
    assert slot.get_attribute("id") in control.get_attribute("aria-describedby").split()
    # Only the field at fault is marked.
    assert widget.root.locator('[aria-invalid="true"]').count() == 1
    # The status region says it too, after the field's label as the page shows it.
    label = widget.root.locator(f'label[for="{control_id}"]').text_content()
    joiner = " " if label.endswith(("?", ":", ".")) else ": "
    assert widget.shown_paragraphs() == [f"{label}{joiner}{problem['message']}"]
    assert_nothing_broke(widget)
