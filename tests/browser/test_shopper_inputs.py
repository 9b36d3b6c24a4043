"""What a shopper types, typed as a shopper types it, on a desktop and on a 390 px phone.

Chromium's date fields take typed digits segment by segment: "11/18/26" fills month
11, day 18 and the year 26 (not 2026). The page must send that year as typed, and the
calculator must say, in a sentence, that it cannot answer for it. Amounts are typed
into a text field; the other conventions are asked about. Answers read right for the
status chosen, carry the support address as a link, and never outlive a change to the
inputs they answered.

Expected sentences are written out by hand from the store's policy: coverage Thu Jan 1,
2026 to Fri Dec 31, 2027 (policy/calendar.yml), its zone read as "Eastern Time", the
weekdays of Nov 18 from a calendar (1926 and 9999: Thursday; year 1: Sunday). Answers
that count days are compared with CPython's, as in test_calculator_widgets.py.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import datetime

import pytest

from calculators import web
from calculators.policy import Policy
from calculators.web import CALCULATORS, reply_paragraphs

pytestmark = pytest.mark.browser

# The first answer of a page waits for Pyodide to boot (2-3 s here).
BOOT_WAIT_MS = 30_000

VIEWPORTS = {"desktop": {"width": 1280, "height": 800}, "phone": {"width": 390, "height": 844}}
COVERAGE = "from Thu Jan 1, 2026 to Fri Dec 31, 2027"
ASK_2026 = " Did you mean 2026? If so, please enter the year in full."


@dataclass
class Shopper:
    page: object
    base_url: str
    page_errors: list = field(default_factory=list)  # uncaught exceptions in the page
    console: list = field(default_factory=list)  # what the page and its worker logged


@pytest.fixture(scope="module", params=list(VIEWPORTS))
def shopper(request, browser, site_url, shoppers_now):
    """A New York shopper at this viewport, their clock stopped at ``shoppers_now``."""
    context = browser.new_context(
        timezone_id="America/New_York", locale="en-US", viewport=VIEWPORTS[request.param]
    )
    context.clock.set_fixed_time(shoppers_now)
    page = context.new_page()
    shopper = Shopper(page, site_url)
    page.on("pageerror", lambda error: shopper.page_errors.append(error))
    page.on("console", lambda message: shopper.console.append(message.text))
    yield shopper
    context.close()


class Widget:
    """One calculator on its page, used through its labels and its keyboard."""

    def __init__(self, shopper, name: str, policy: Policy, path: str):
        self.shopper, self.page = shopper, shopper.page
        self.form = CALCULATORS[name].form(policy)
        if self.page.url != shopper.base_url + path:
            # Through the address bar: at 390 px the site's navigation is in a drawer.
            self.page.goto(shopper.base_url + path)
        self.root = self.page.locator(f'[data-calculator="{name}"]')
        self.page.locator(f'[data-calculator="{name}"][data-wired]').wait_for()
        self.status = self.root.get_by_role("status")

    def control(self, name: str):
        field = next(f for f in self.form.fields if f.name == name)
        return self.root.get_by_label(field.label)

    def type_date(self, name: str, keys: str, then: str = "") -> None:
        """Typed segment by segment from the first (the month), as after a click on it."""
        self.page.locator("body").focus()  # a fresh focus starts at the first segment
        self.control(name).focus()
        self.page.keyboard.type(keys)
        if then:  # the time of a date-and-time field, after moving on from the year
            self.page.keyboard.press("ArrowRight")
            self.page.keyboard.type(then)

    def submit(self) -> None:
        self.root.get_by_role("button", name=self.form.submit).click()
        self.root.locator('[role="status"][aria-busy="false"]').wait_for(timeout=BOOT_WAIT_MS)

    def problem(self, name: str) -> str:
        slot = self.root.locator(f'[data-field="{name}"] .hc-field__problem')
        assert slot.is_visible()
        return slot.text_content()

    def paragraphs(self) -> list[str]:
        return self.status.locator("p").all_text_contents()

    def assert_nothing_broke(self) -> None:
        assert "could not work that out" not in self.status.text_content()
        assert self.shopper.page_errors == []
        assert not [m for m in self.shopper.console if "Traceback" in m]
        # Nothing in the answer is wider than the widget (the phone's 390 px included).
        assert self.status.evaluate("e => e.scrollWidth <= e.clientWidth")


def cpython(policy: Policy, calculator: str, inputs: dict) -> dict:
    return json.loads(web.answer(policy, calculator, json.dumps(inputs)))


# -- years, as typed -----------------------------------------------------------------------

# (what the shopper types into the year segment, how the sentence ends)
YEARS = [
    ("26", f"not the year 26.{ASK_2026}"),
    ("1926", "not Thu Nov 18, 1926."),
    ("9999", "not Thu Nov 18, 9999."),
    ("1", "not the year 1."),
]


@pytest.mark.parametrize(("year", "ending"), YEARS, ids=[y[0] for y in YEARS])
def test_a_year_typed_in_a_date_field_is_the_year_asked_about(shopper, store_policy, year, ending):
    widget = Widget(shopper, "returns", store_policy, "returns/")
    widget.type_date("delivered_on", f"11/18/{year}")
    widget.submit()
    expected = f"Please check the year: we can answer for deliveries {COVERAGE}, {ending}"
    assert widget.problem("delivered_on") == expected
    assert widget.control("delivered_on").get_attribute("aria-invalid") == "true"
    widget.assert_nothing_broke()


@pytest.mark.parametrize(("year", "ending"), YEARS, ids=[y[0] for y in YEARS])
def test_a_year_typed_in_a_date_and_time_field_is_the_year_asked_about(
    shopper, store_policy, year, ending
):
    # Before the page kept the typed year, 26 became 1926; 9999 ended in "could not work
    # that out" (New York's 11:00 PM on Dec 31, 9999 is past Python's last UTC moment).
    widget = Widget(shopper, "change_cancel", store_policy, "returns/")
    widget.type_date("ordered_at", f"11/18/{year}", then="1000AM")
    widget.submit()
    expected = f"Please check the year: we can answer for orders placed {COVERAGE}, {ending}"
    assert widget.problem("ordered_at") == expected
    widget.assert_nothing_broke()


def test_the_last_moment_of_year_9999(shopper, store_policy):
    widget = Widget(shopper, "change_cancel", store_policy, "returns/")
    widget.type_date("ordered_at", "12/31/9999", then="1100PM")
    widget.submit()
    assert widget.problem("ordered_at") == (
        f"Please check the year: we can answer for orders placed {COVERAGE}, not Fri Dec 31, 9999."
    )
    widget.assert_nothing_broke()


def test_a_full_year_typed_answers_as_cpython(shopper, store_policy, shoppers_now):
    widget = Widget(shopper, "returns", store_policy, "returns/")
    widget.type_date("delivered_on", "11/18/2026")
    widget.submit()
    expected = cpython(
        store_policy,
        "returns",
        {
            "delivered_on": "2026-11-18",
            "reason": "defective",
            "item": "custom",
            "now": shoppers_now.isoformat(),
        },
    )
    assert widget.paragraphs() == reply_paragraphs(expected)
    widget.assert_nothing_broke()


# -- amounts -----------------------------------------------------------------------------------


def test_an_amount_in_another_convention_is_asked_about_then_read(shopper, store_policy):
    widget = Widget(shopper, "shipping_cost", store_policy, "shipping/")
    subtotal = widget.control("subtotal")
    hint = widget.root.locator('[data-field="subtotal"] .hc-field__hint')
    assert hint.text_content() == "Dollars and cents, like 46.98 or 1,250.00."
    subtotal.fill("")
    subtotal.press_sequentially("46,98")
    widget.submit()
    assert widget.problem("subtotal") == "Did you mean $46.98? If so, please type 46.98."
    assert widget.paragraphs() == [
        "Order subtotal (items only, before shipping): Did you mean $46.98? If so, please type "
        "46.98."
    ]
    # Typing again clears the question at once: it was about what the field held.
    subtotal.fill("")
    subtotal.press_sequentially("46.98")
    assert not widget.root.locator('[data-field="subtotal"] .hc-field__problem').is_visible()
    widget.submit()
    method = widget.control("method").input_value()
    expected = cpython(store_policy, "shipping_cost", {"subtotal": "46.98", "method": method})
    assert widget.paragraphs() == reply_paragraphs(expected)
    assert "$46.98" in widget.paragraphs()[0]
    widget.assert_nothing_broke()


@pytest.mark.parametrize(
    ("typed", "sentence"),
    [
        ("1,,,0", "Please enter the amount in dollars and cents, like 46.98 or 1,250.00."),
        ("-5", "Please enter the amount without a minus sign, like 46.98."),
        ("1.234,56", "Did you mean $1,234.56? If so, please type 1,234.56."),
    ],
)
def test_other_amounts_get_plain_sentences(shopper, store_policy, typed, sentence):
    widget = Widget(shopper, "shipping_cost", store_policy, "shipping/")
    widget.control("subtotal").fill(typed)
    widget.submit()
    assert widget.problem("subtotal") == sentence
    widget.assert_nothing_broke()


# -- answers ------------------------------------------------------------------------------------


def ask_late_order(widget: Widget, status_label: str) -> None:
    widget.type_date("ordered_at", "11/13/2026", then="1000AM")
    widget.control("method").select_option(index=0)
    widget.control("status").select_option(label=status_label)
    widget.control("last_update").fill("")
    widget.submit()


def late_order_reply(policy: Policy, widget: Widget, status: str, now: datetime) -> dict:
    inputs = {
        "ordered_at": "2026-11-13T10:00:00-05:00",
        "method": widget.control("method").input_value(),
        "status": status,
        "last_update": "",
        "now": now.isoformat(),
    }
    return cpython(policy, "late_order", inputs)


def test_delivered_reads_as_delivered_with_the_address_as_a_link(
    shopper, store_policy, shoppers_now
):
    widget = Widget(shopper, "late_order", store_policy, "tracking/")
    ask_late_order(widget, "Delivered")
    expected = late_order_reply(store_policy, widget, "delivered", shoppers_now)
    shown = widget.paragraphs()
    assert shown == reply_paragraphs(expected)
    assert shown[0] == "Your order is marked delivered."
    assert not [p for p in shown if "on its way" in p or "being processed" in p]
    email = store_policy.store.support_email
    link = widget.status.get_by_role("link", name=email)
    assert link.get_attribute("href") == f"mailto:{email}"
    widget.assert_nothing_broke()


def test_a_change_after_an_answer_clears_it(shopper, store_policy, shoppers_now):
    widget = Widget(shopper, "late_order", store_policy, "tracking/")
    ask_late_order(widget, "Delivered")
    assert widget.paragraphs()[0] == "Your order is marked delivered."
    # A new choice: the answer for "Delivered" goes at once, before any button is pressed.
    widget.control("status").select_option(label="Shipped")
    assert widget.paragraphs() == []
    widget.submit()
    expected = late_order_reply(store_policy, widget, "shipped", shoppers_now)
    assert widget.paragraphs() == reply_paragraphs(expected)
    assert widget.paragraphs()[0].startswith("Your order has shipped")
    # Typing in a date field clears it too.
    widget.type_date("ordered_at", "11/12/2026")
    assert widget.paragraphs() == []
    widget.assert_nothing_broke()
