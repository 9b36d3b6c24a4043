"""The delivery widget on the built Shipping page, in Chromium, against CPython.

Every answer the page shows must be the very answer ``calculators.web.answer``
gives in CPython for the same instant: the same sentences, the same dates.
"""

from __future__ import annotations

import json
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from mkdocs.config import load_config

from calculators import web
from calculators.policy import Policy
from calculators.web import reply_paragraphs, reply_times

pytestmark = pytest.mark.browser

ROOT = Path(__file__).resolve().parents[2]
NEW_YORK = ZoneInfo("America/New_York")
TOKYO = ZoneInfo("Asia/Tokyo")
ORDER_TIME_LABEL = "When did you (or will you) place the order?"

# (what the shopper types in New York, the method's label at checkout)
NEW_YORK_ORDERS = [
    pytest.param("2026-11-28T10:00", "Standard shipping", id="saturday-morning"),
    pytest.param("2026-11-29T12:00", "Expedited shipping", id="sunday-noon"),
    pytest.param("2026-11-27T23:30", "Standard shipping", id="friday-2330-before-cutoff"),
    pytest.param("2026-11-25T23:30", "Expedited shipping", id="eve-of-thanksgiving-2330"),
    pytest.param("2026-12-24T09:15", "Standard shipping", id="christmas-eve"),
]


@pytest.fixture(scope="module")
def cpython_reply(store_policy: Policy, shoppers_now: datetime):
    """What the calculator answers in CPython, asked at the shoppers' stopped clock."""

    def reply(method_label: str, ordered_at: datetime | str) -> dict:
        methods = store_policy.shipping.methods
        method = next(key for key, m in methods.items() if m.label == method_label)
        when = ordered_at.isoformat() if isinstance(ordered_at, datetime) else ordered_at
        inputs = {"method": method, "ordered_at": when, "now": shoppers_now.isoformat()}
        return json.loads(web.answer(store_policy, "delivery", json.dumps(inputs)))

    return reply


def typed(local_time: str, zone: ZoneInfo) -> datetime:
    return datetime.fromisoformat(local_time).replace(tzinfo=zone)


def assert_page_shows(shopper, reply: dict) -> None:
    assert reply["ok"] is True
    assert shopper.shown_paragraphs() == reply_paragraphs(reply)
    assert shopper.shown_dates() == reply_times(reply)
    assert shopper.status.text_content() == "".join(reply_paragraphs(reply))


# -- (a) the answers ------------------------------------------------------------------


@pytest.mark.parametrize(("local_time", "method_label"), NEW_YORK_ORDERS)
def test_answers_match_cpython_in_new_york(
    new_york_shopper, cpython_reply, local_time, method_label
):
    new_york_shopper.estimate(local_time, method_label)
    expected = cpython_reply(method_label, typed(local_time, NEW_YORK))
    assert_page_shows(new_york_shopper, expected)
    assert new_york_shopper.page_errors == []


def test_a_shopper_in_tokyo_gets_the_answer_for_the_same_instant(
    shopper_factory, site_url, cpython_reply
):
    # 13:30 Saturday in Tokyo is 23:30 Friday in New York: the order counts
    # from Friday, not from the Saturday on the shopper's own clock.
    shopper = shopper_factory(site_url, "Asia/Tokyo")
    shopper.open()
    shopper.estimate("2026-11-28T13:30", "Standard shipping")
    instant = typed("2026-11-28T13:30", TOKYO)
    expected = cpython_reply("Standard shipping", instant.astimezone(NEW_YORK))
    on_new_york_clock = cpython_reply("Standard shipping", typed("2026-11-28T13:30", NEW_YORK))
    assert expected != on_new_york_clock  # the case tells the two readings apart
    assert expected["data"]["order_day"] == "2026-11-27"
    assert_page_shows(shopper, expected)
    assert shopper.page_errors == []


# -- (d) a mistake in the form ----------------------------------------------------------


def test_an_empty_order_time_is_explained_next_to_the_field(new_york_shopper, cpython_reply):
    shopper = new_york_shopper
    order_time = shopper.widget.get_by_label(ORDER_TIME_LABEL)
    shopper.estimate("", "Standard shipping")
    expected = cpython_reply("Standard shipping", "")
    assert expected["ok"] is False
    (problem,) = expected["problems"]
    assert problem["field"] == "ordered_at"

    slot = shopper.widget.locator("#hc-delivery-ordered-at-problem")
    assert slot.is_visible()
    assert slot.text_content() == problem["message"]
    assert order_time.get_attribute("aria-invalid") == "true"
    assert order_time.get_attribute("aria-describedby") == (
        "hc-delivery-ordered-at-hint hc-delivery-ordered-at-problem"
    )
    assert shopper.shown_paragraphs() == [f"{ORDER_TIME_LABEL} {problem['message']}"]
    assert "Traceback" not in shopper.widget.text_content()

    # Putting it right clears the mark and answers.
    shopper.estimate("2026-11-28T10:00", "Standard shipping")
    assert order_time.get_attribute("aria-invalid") is None
    assert order_time.get_attribute("aria-describedby") == "hc-delivery-ordered-at-hint"
    assert not slot.is_visible()
    assert_page_shows(
        shopper, cpython_reply("Standard shipping", typed("2026-11-28T10:00", NEW_YORK))
    )
    assert shopper.page_errors == []


# -- (b) one worker for the whole visit ------------------------------------------------


def test_the_worker_survives_in_site_navigation(new_york_shopper, cpython_reply):
    shopper = new_york_shopper
    page = shopper.page
    shopper.estimate("2026-11-28T10:00", "Expedited shipping")  # booted before leaving
    documents_before = document_requests(shopper)

    page.locator(".md-nav--primary").get_by_role("link", name="Home", exact=True).click()
    page.wait_for_url(shopper.base_url)
    page.get_by_role("article").get_by_role("link", name="Shipping and delivery").click()
    page.wait_for_url(shopper.base_url + "shipping/")

    shopper.estimate("2026-11-29T12:00", "Standard shipping")
    assert_page_shows(
        shopper, cpython_reply("Standard shipping", typed("2026-11-29T12:00", NEW_YORK))
    )
    # Instant navigation fetched the pages, it did not load new documents ...
    assert document_requests(shopper) == documents_before
    # ... so the page kept its one worker, which fetched Pyodide once.
    assert shopper.runtime()["workerStarts"] == 1
    assert requests_for(shopper, "pyodide.asm.wasm") == 1
    assert shopper.page_errors == []


def test_the_site_declares_its_address_so_instant_navigation_works():
    # Material follows a link without reloading only if sitemap.xml lists it,
    # and MkDocs lists pages there only when mkdocs.yml has site_url. The other
    # tests build with the test server's address; this checks the real site.
    assert load_config(str(ROOT / "mkdocs.yml"))["site_url"], (
        "mkdocs.yml needs site_url, or navigation.instant reloads every page "
        "(and the calculators' worker with it)"
    )


def document_requests(shopper) -> list[str]:
    return [r.url for r in shopper.requests if r.resource_type == "document"]


def requests_for(shopper, file_name: str) -> int:
    """How many times the file was downloaded (GET; the worker's HEAD probe only asks)."""
    return sum(
        1 for r in shopper.requests if r.url.rsplit("/", 1)[-1] == file_name and r.method == "GET"
    )


# -- (c) nothing leaves the site ----------------------------------------------------------


def test_every_request_goes_to_the_site_itself(new_york_shopper):
    shopper = new_york_shopper
    shopper.estimate("2026-12-24T09:15", "Expedited shipping")
    assert requests_for(shopper, "pyodide.asm.wasm") == 1  # the runtime really loaded here
    port = int(shopper.base_url.rsplit(":", 1)[1].strip("/"))
    assert shopper.hosts() == {("127.0.0.1", port)}


# -- (e) when the runtime cannot start -----------------------------------------------------


def could_not_start(policy: Policy) -> str:
    email = policy.store.support_email
    return (
        "Sorry, the calculator could not start in this browser. Please reload the page to try "
        f"again, or write to {email} and we will work it out for you."
    )


def assert_could_not_start_is_shown(shopper, policy: Policy, failure: str) -> None:
    shopper.wait_for_answer()
    assert shopper.shown_paragraphs() == [could_not_start(policy)]
    link = shopper.status.get_by_role("link")
    assert link.get_attribute("href") == f"mailto:{policy.store.support_email}"
    assert link.text_content() == policy.store.support_email
    assert (shopper.runtime()["state"], shopper.runtime()["failure"]) == ("failed", failure)
    assert shopper.page_errors == []


def test_a_runtime_that_fails_to_download_names_the_support_address(
    shopper_factory, site_url, store_policy
):
    shopper = shopper_factory(site_url)
    shopper.page.route("**/pyodide.asm.wasm", lambda route: route.abort())
    shopper.open()
    shopper.estimate("2026-11-28T10:00", "Standard shipping")
    # At once, from the worker's "start" stage, not after the boot timeout.
    assert_could_not_start_is_shown(shopper, store_policy, failure="start")


def test_a_host_that_forbids_webassembly_gets_the_message_at_once(
    shopper_factory, site_url_without_wasm, store_policy
):
    # Without 'wasm-unsafe-eval' Pyodide would never settle; the worker compiles an
    # empty module first, and that refusal is the message (not the boot timeout's
    # wait). tests/browser/test_deploy_kit.py times it.
    shopper = shopper_factory(site_url_without_wasm)
    shopper.open()
    shopper.estimate("2026-11-28T10:00", "Standard shipping")
    assert_could_not_start_is_shown(shopper, store_policy, failure="webassembly")
