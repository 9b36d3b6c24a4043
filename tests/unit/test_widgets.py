"""Widgets without JavaScript: a worked example answered at build time; and the
searchable country list's data.

The workshop (tests/fixtures/workshop/policy): handling Mon-Fri, carrier Mon-Sat,
both closed on Thanksgiving (Thu Nov 26, 2026); cut-off 2:00 PM New York time;
fulfilment 1-2 + 2-3 = 3-5 handling days; Standard 4-7 carrier days, $6.99 below
$59 and free from $59. The build day is pinned to Sun Nov 22, 2026 (tests/conftest.py,
through SOURCE_DATE_EPOCH), so the example moment is 10:00 AM on Mon Nov 23.
"""

from __future__ import annotations

import json
import re
from datetime import date, datetime
from html.parser import HTMLParser
from zoneinfo import ZoneInfo

import markdown
import pytest

from calculators.web import CALCULATORS
from helpcenter.widgets import example_html, example_moment, render_widget

BUILD_DAY = date(2026, 11, 22)  # a Sunday
NEW_YORK = ZoneInfo("America/New_York")
ORDERED = '<time datetime="2026-11-23T10:00-05:00">10:00 AM Eastern Time on Mon Nov 23, 2026</time>'


def example(policy, name: str, today: date = BUILD_DAY) -> str:
    return example_html(name, CALCULATORS[name].form(policy), policy, today)


# -- the worked example, word for word ----------------------------------------------------


def test_delivery_example(workshop):
    # Ordered Mon Nov 23, 10:00 AM, before the 2:00 PM cut-off: counts from Nov 23.
    # Handling days after it: Tue 24 (1), Wed 25 (2), Fri 27 (3; Thu 26 is closed),
    # Mon 30 (4), Tue Dec 1 (5). Carrier days after Fri Nov 27: Sat 28, Mon 30,
    # Tue Dec 1, Wed Dec 2 (4); after Tue Dec 1: Wed 2 ... Sat 5 (4), Mon 7, Tue 8,
    # Wed 9 (7). "Now" is left out: the cut-off countdown is about the shopper's clock.
    assert example(workshop, "delivery") == "\n".join(
        [
            '<div class="hc-calculator__example">',
            '<p class="hc-calculator__example-title">For example:</p>',
            '<dl class="hc-calculator__example-inputs">',
            f"<dt>When did you (or will you) place the order?</dt><dd>{ORDERED}</dd>",
            "<dt>Shipping method</dt><dd>Standard</dd>",
            "</dl>",
            '<p>Ships between <time datetime="2026-11-27">Fri Nov 27</time> and '
            '<time datetime="2026-12-01">Tue Dec 1</time>, arrives between '
            '<time datetime="2026-12-02">Wed Dec 2</time> and '
            '<time datetime="2026-12-09">Wed Dec 9</time>.</p>',
            '<p>Counted from <time datetime="2026-11-23">Mon Nov 23</time>, the first handling '
            "day your order counts from.</p>",
            "</div>",
        ]
    )


def test_shipping_cost_example(workshop):
    # $10 below the $59 where Standard ships free.
    assert example(workshop, "shipping_cost") == "\n".join(
        [
            '<div class="hc-calculator__example">',
            '<p class="hc-calculator__example-title">For example:</p>',
            '<dl class="hc-calculator__example-inputs">',
            "<dt>Order subtotal (items only, before shipping)</dt><dd>$49</dd>",
            "<dt>Shipping method</dt><dd>Standard</dd>",
            "</dl>",
            "<p>Standard costs $6.99 on a subtotal of $49: $55.99 in all.</p>",
            "<p>Add $10 more to ship free with Standard: subtotals of $59 or more ship free, "
            "$59 itself included.</p>",
            "</div>",
        ]
    )


def test_destination_example(workshop):
    # The country with closed regions: the answer names them and the customs rule.
    assert example(workshop, "destination") == "\n".join(
        [
            '<div class="hc-calculator__example">',
            '<p class="hc-calculator__example-title">For example:</p>',
            '<dl class="hc-calculator__example-inputs">',
            "<dt>Country the parcel goes to</dt><dd>Ukraine</dd>",
            "</dl>",
            "<p>We ship to Ukraine except Crimea and Sevastopol, because of adverse politics "
            "and/or pandemic status.</p>",
            "<p>Shipping to Ukraine is international: import duties, taxes and charges are not "
            "included in the item price or the shipping cost; they vary from country to country "
            "and the buyer pays them.</p>",
            "<p>Check with your country&#x27;s customs office what they will be.</p>",
            "</div>",
        ]
    )


@pytest.mark.parametrize("name", sorted(CALCULATORS))
def test_every_widget_has_an_example_with_its_dates_as_time_elements(workshop, name):
    html = example(workshop, name)
    assert html.startswith('<div class="hc-calculator__example">')
    for value in re.findall(r'<time datetime="([^"]+)">', html):
        assert re.fullmatch(r"\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}[+-]\d{2}:\d{2})?", value)
    if any(f.kind in ("moment", "date", "now") for f in CALCULATORS[name].form(workshop).fields):
        assert "<time" in html


@pytest.mark.parametrize(
    ("today", "moment"),
    [
        (date(2026, 11, 22), datetime(2026, 11, 23, 10, tzinfo=NEW_YORK)),  # Sunday
        (date(2026, 11, 23), datetime(2026, 11, 30, 10, tzinfo=NEW_YORK)),  # Monday: next one
        (date(2026, 11, 28), datetime(2026, 11, 30, 10, tzinfo=NEW_YORK)),  # Saturday
        # Built before the coverage starts (Thu Jan 1, 2026): its first Monday.
        (date(2025, 6, 1), datetime(2026, 1, 5, 10, tzinfo=NEW_YORK)),
    ],
)
def test_the_example_moment_follows_the_build_day(workshop, today, moment):
    assert example_moment(workshop, today) == moment


def test_no_example_past_the_coverage(workshop):
    # Built on Tue Dec 28, 2027: Mon Jan 3, 2028 is past the last day answered for.
    assert example(workshop, "delivery", date(2027, 12, 28)) == ""
    widget = render_widget("delivery", workshop, date(2027, 12, 28))
    assert "hc-calculator__example" not in widget
    assert (
        "This calculator needs JavaScript. Write to "
        '<a href="mailto:help@workshop.test">help@workshop.test</a> with its details' in widget
    )


# -- the widget around it ------------------------------------------------------------------


class Elements(HTMLParser):
    def __init__(self, html: str):
        super().__init__()
        self.found: list[tuple[str, dict[str, str | None]]] = []
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        self.found.append((tag, dict(attrs)))


def test_the_widget_shows_the_example_after_the_note(workshop):
    widget = render_widget("delivery", workshop)  # the build day: SOURCE_DATE_EPOCH
    assert widget == render_widget("delivery", workshop, BUILD_DAY)  # reproducible
    note = widget.index("<noscript>")
    assert note < widget.index(example(workshop, "delivery")) < widget.rindex("</div>")
    assert (
        '<noscript><p class="hc-calculator__noscript">This calculator needs JavaScript, so here '
        "is an example of what it works out. For your own order, write to "
        '<a href="mailto:help@workshop.test">help@workshop.test</a> with its details, and we '
        "will work it out for you.</p></noscript>"
    ) in widget
    # One raw HTML block for Python-Markdown: no blank line, passed through whole.
    assert "\n\n" not in widget
    page = markdown.markdown(f"Before\n\n{widget}\n\nAfter", extensions=["md_in_html"])
    assert widget in page


def test_the_country_list_carries_every_other_name(workshop):
    elements = Elements(render_widget("destination", workshop))
    selects = {a["name"]: a for tag, a in elements.found if tag == "select"}
    assert "data-combobox" in selects["country"]
    assert "data-combobox" not in selects["region"]
    options = {a["value"]: a for tag, a in elements.found if tag == "option"}
    assert json.loads(options["GB"]["data-aliases"] or "")[:7] == [
        "UK",
        "Britain",
        "Great Britain",
        "England",
        "Scotland",
        "Wales",
        "Northern Ireland",
    ]
    assert json.loads(options["MM"]["data-aliases"] or "")[0] == "Burma"
    assert json.loads(options["FR"]["data-aliases"] or "") == ["French Republic"]  # ISO's
    assert "data-aliases" not in options["CA"]  # Canada has no other name
    # Each region says its country, for the region list shown after it is chosen.
    assert (options["UA-43"]["data-country"], options["UA-40"]["data-country"]) == ("UA", "UA")
    assert json.loads(options["UA-43"]["data-aliases"] or "") == [
        "Crimea",
        "Avtonomna Respublika Krym",
    ]


def test_the_region_list_has_one_empty_choice(workshop):
    widget = render_widget("destination", workshop)
    region = widget[widget.index('<select id="hc-destination-region"') :]
    region = region[: region.index("</select>")]
    assert re.findall(r'<option value=""[^>]*>[^<]*', region) == [
        '<option value="" selected>Another region, or not sure'
    ]
