"""Reading what a shopper typed: one rule for amounts, the year as typed, plain sentences.

Every expected sentence below is written out by hand from the rule it tests (the
workshop's coverage is Thu Jan 1, 2026 to Fri Dec 31, 2027; its zone reads "Eastern
Time"), not copied from the code's output. The last part walks every calculator's form
with a corpus of bad inputs and checks that whatever comes back reads as a sentence for
a shopper, never as a message for a developer.
"""

from __future__ import annotations

import json
import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from calculators import web
from calculators.inputs import FormReader, read_amount
from calculators.values import Money
from calculators.web import CALCULATORS

UNREADABLE = "Please enter the amount in dollars and cents, like 46.98 or 1,250.00."
NEGATIVE = "Please enter the amount without a minus sign, like 46.98."
TOO_MUCH = "Please enter an amount up to $100,000."

# -- amounts: one rule ---------------------------------------------------------------------
#
# Digits, with an optional "$"; commas only between groups of three digits; a dot before
# at most two digits of cents. Amounts in cents, derived by reading the digits.
READ = [
    ("46.98", 4698),
    ("46", 4600),
    ("46.9", 4690),  # one digit of cents is tens of cents
    ("$46.98", 4698),
    ("$ 46.98", 4698),
    ("  46.98  ", 4698),
    ("1,234.56", 123456),
    ("$1,250.00", 125000),
    ("1,234", 123400),  # groups of three: thousands, never cents
    ("12,345", 1234500),
    ("0046.98", 4698),
    ("0", 0),
    ("100000", 10000000),  # the maximum itself
    ("100,000.00", 10000000),
]
# Read one way in another convention: asked about with the amount it would be, never taken.
ASKED = [
    ("46,98", "Did you mean $46.98? If so, please type 46.98."),
    ("$46,98", "Did you mean $46.98? If so, please type 46.98."),
    ("46,9", "Did you mean $46.90? If so, please type 46.90."),
    ("1.234,56", "Did you mean $1,234.56? If so, please type 1,234.56."),
    ("1.234", "Did you mean $1,234? If so, please type 1,234.00."),  # dots between thousands
    ("1 234,56", "Did you mean $1,234.56? If so, please type 1,234.56."),
    ("1 234.56", "Did you mean $1,234.56? If so, please type 1,234.56."),
    ("12.345.678,00", TOO_MUCH),  # $12,345,678 would be past the maximum
]
REFUSED = [
    ("1,,,0", UNREADABLE),
    ("1,23,456", UNREADABLE),  # commas not between groups of three
    ("1,2345", UNREADABLE),
    ("4 6", UNREADABLE),
    ("abc", UNREADABLE),
    ("46.", UNREADABLE),
    (".98", UNREADABLE),
    ("46.98 USD", UNREADABLE),
    ("1e3", UNREADABLE),
    ("٤٦", UNREADABLE),  # Arabic-Indic digits: the rule's digits are 0-9
    ("-5", NEGATIVE),
    ("$-5", NEGATIVE),
    ("-$5.00", NEGATIVE),
    ("\u22125", NEGATIVE),  # the minus sign, as some keyboards type it
    ("100000.01", TOO_MUCH),
    ("9" * 5000, TOO_MUCH),  # never converted: Python refuses ints of that many digits
]


@pytest.mark.parametrize(("typed", "cents"), READ, ids=[r[0] for r in READ])
def test_amounts_read_by_the_rule(typed, cents):
    assert read_amount(typed) == Money(cents)


@pytest.mark.parametrize(
    ("typed", "sentence"), ASKED + REFUSED, ids=[r[0] for r in ASKED + REFUSED]
)
def test_amounts_outside_the_rule_get_a_sentence(typed, sentence):
    assert read_amount(typed) == sentence


def test_the_widget_and_the_cli_share_the_reader(workshop):
    # Both go through calculators.web (the CLI passes its options as the same JSON).
    reply = json.loads(
        web.answer(
            workshop, "shipping_cost", json.dumps({"subtotal": "46,98", "method": "standard"})
        )
    )
    assert reply["problems"] == [
        {"field": "subtotal", "message": "Did you mean $46.98? If so, please type 46.98."}
    ]


# -- years: as typed ------------------------------------------------------------------------

COVERAGE = "from Thu Jan 1, 2026 to Fri Dec 31, 2027"
ASK_2026 = " Did you mean 2026? If so, please enter the year in full."
# (what the field holds, the sentence). A year of fewer than four digits is named as a year
# ("the year 26"), since "Wed Nov 18, 26" reads like our typo; 26 is asked about as 2026
# because 2026 is covered; 1 is not asked about, as 2001 is not.
DELIVERED_ON = [
    ("0026-11-18", f"not the year 26.{ASK_2026}"),
    ("0027-01-05", "not the year 27. Did you mean 2027? If so, please enter the year in full."),
    ("0028-01-05", "not the year 28."),  # 2028 is not covered: nothing to ask
    ("1926-11-18", "not Thu Nov 18, 1926."),
    ("9999-12-31", "not Fri Dec 31, 9999."),
    ("0001-01-01", "not the year 1."),
    # Python's calendar has no year 0 nor 10000; the browser can send both.
    ("0000-11-18", "not the year 0."),
    ("10000-01-01", "not the year 10000."),
    ("2028-01-03", "not Mon Jan 3, 2028."),
]
ORDERED_AT = [
    # The page sends the year 26 as typed, with the local mean time Chromium gives it.
    ("0026-11-18T10:00:00-04:56:02", f"not the year 26.{ASK_2026}"),
    ("0026-11-18T10:00:00-04:56", f"not the year 26.{ASK_2026}"),
    ("1926-11-18T10:00:00-05:00", "not Thu Nov 18, 1926."),
    # Converting to New York overflows past 9999 and before year 1: the typed day is used.
    ("9999-12-31T23:00:00-05:00", "not Fri Dec 31, 9999."),
    ("9999-12-31T23:59:59-23:59", "not Fri Dec 31, 9999."),
    ("0001-01-01T00:00:00+23:59", "not the year 1."),
    ("0000-11-18T10:00:00-04:56", "not the year 0."),
    ("275760-09-13T00:00", "not the year 275760."),  # JavaScript's last year, sent unzoned
    # 23:30 on Dec 31, 2027 in Los Angeles is Sat Jan 1, 2028 in New York: the zone's name
    # says which day is meant.
    ("2027-12-31T23:30:00-08:00", "not Sat Jan 1, 2028 (Eastern Time)."),
]


@pytest.mark.parametrize(("typed", "ending"), DELIVERED_ON, ids=[d[0] for d in DELIVERED_ON])
def test_a_date_keeps_its_year(workshop, typed, ending):
    read = FormReader({"delivered_on": typed}, workshop)
    assert read.day("delivered_on", "deliveries") is None
    (problem,) = read.problems
    assert (
        problem.message
        == f"Please check the year: we can answer for deliveries {COVERAGE}, {ending}"
    )


@pytest.mark.parametrize(("typed", "ending"), ORDERED_AT, ids=[d[0] for d in ORDERED_AT])
def test_a_moment_keeps_its_year(workshop, typed, ending):
    read = FormReader({"ordered_at": typed}, workshop)
    assert read.moment("ordered_at", "orders placed") is None
    (problem,) = read.problems
    assert problem.message == (
        f"Please check the year: we can answer for orders placed {COVERAGE}, {ending}"
    )


# -- values that are no text at all (JSON from a page that is not ours) ---------------------

# (kind, the reader, the sentence for a number, a list or an object in the JSON)
WRONG_TYPES = [
    ("moment", lambda r: r.moment("x"), "Please enter a date and time like 2026-11-28 10:00."),
    ("date", lambda r: r.day("x"), "Please enter a date like 2026-12-07."),
    ("money", lambda r: r.money("x"), UNREADABLE),
    ("choice", lambda r: r.choice("x", ["a", "b"]), "Please choose one of these: a or b."),
    ("yesno", lambda r: r.yesno("x"), "Please answer yes or no."),
]


@pytest.mark.parametrize(
    ("kind", "read_it", "sentence"), WRONG_TYPES, ids=[w[0] for w in WRONG_TYPES]
)
@pytest.mark.parametrize("value", [5, 46.98, [], ["2026-06-01"], {"a": 1}])
def test_a_value_of_the_wrong_type_gets_the_fields_sentence(
    workshop, kind, read_it, sentence, value
):
    read = FormReader({"x": value}, workshop)
    assert read_it(read) is None
    assert [p.message for p in read.problems] == [sentence]


def test_the_devices_clock_is_never_asked_about_as_a_typed_year(workshop):
    for clock in ["", "soon", "2026-06-02T10:00", "0000-01-01T00:00:00+00:00", 5]:
        read = FormReader({"now": clock}, workshop)
        assert read.now() is None
        assert [p.message for p in read.problems] == [
            "Please check your device's date and time: we could not read them."
        ]


# -- every form, every field, a corpus of bad inputs ---------------------------------------

# What a developer writes and a shopper should never read.
DEVELOPER_WORDS = [
    re.compile(pattern)
    for pattern in (
        r"\bExpected\b",
        r"\breceived\b",
        r"\bUTC\b",
        r"[+-]\d{2}:\d{2}\b",  # an offset
        r"\d{4}-\d{2}-\d{2}T",  # an ISO moment
        r"\b[A-Z][A-Za-z_]+/[A-Z][A-Za-z_]+",  # a zone identifier: America/New_York
        r"\bNone\b",
        r"\bTraceback\b",
        r"Error\b",
        # A quote not inside a word: Python's repr ('soon'); "device's" is English.
        r"(?<![A-Za-z])'|'(?![A-Za-z])",
        r"[\[\]{}<>]",  # a list, a dict or a tuple's brackets, markup
        r"\(\d+, ",  # a tuple
    )
]
BAD_VALUES = [
    None,
    "",
    "   ",
    "garbage",
    "<b>bold</b>",
    "\u202e\x00",
    5,
    46.98,
    -1,
    True,
    [],
    ["standard"],
    {"a": 1},
    "9" * 5000,
    "x" * 10_000,
    "-5",
    "46,98",
    "1,,,0",
    "0000-01-01",
    "0001-01-01",
    "0026-11-18",
    "9999-12-31",
    "10000-01-01",
    "2026-02-30",
    "0001-01-01T00:00:00+23:59",
    "9999-12-31T23:59:59-23:59",
    "0026-11-18T10:00:00-04:56:02",
    "2026-11-28T10:00",  # no offset
    "2026-11-28T10:00+14:00",
    "2026-11-28T10:00Z",
    "2028-01-03T10:00-05:00",
]


def good_inputs(calculator: str, policy) -> dict[str, object]:
    """Inputs every form accepts (a summer Tuesday inside the coverage), to spoil one by one."""
    inputs: dict[str, object] = {}
    for field in CALCULATORS[calculator].form(policy).fields:
        inputs[field.name] = {
            "moment": "2026-06-02T10:00:00-04:00",
            "now": "2026-06-02T12:00:00-04:00",
            "date": "2026-06-01",
            "money": "46.98",
            "yesno": field.default or "no",
            "choice": field.default or (field.options[0].value if field.options else ""),
        }[field.kind]
    return inputs


def shopper_words_problems(reply: dict) -> list[str]:
    """What in a reply would not read as a shopper's sentence."""
    said = [p["message"] for p in reply["problems"]] if not reply["ok"] else []
    if reply["ok"]:
        said = web.reply_paragraphs(reply)
    wrong = [s for s in said if not s.endswith(".")]
    wrong += [s for s in said for p in DEVELOPER_WORDS if p.search(s)]
    return wrong


@pytest.mark.parametrize("calculator", list(CALCULATORS))
def test_every_field_answers_bad_inputs_in_a_shoppers_words(workshop, calculator):
    good = good_inputs(calculator, workshop)
    assert json.loads(web.answer(workshop, calculator, json.dumps(good)))["ok"], "a good base"
    wrong = {}
    for name in good:
        for value in BAD_VALUES:
            reply = json.loads(web.answer(workshop, calculator, json.dumps({**good, name: value})))
            if not reply["ok"]:
                assert reply["problems"], (name, value)
            if shopper_words_problems(reply):
                wrong[(name, repr(value)[:40])] = shopper_words_problems(reply)
    assert wrong == {}


# Any JSON value at all, in any field: text (dates with odd years and offsets among it),
# numbers, lists and objects.
json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=40),
    lambda inner: (
        st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=5), inner, max_size=3)
    ),
    max_leaves=6,
)
moment_like = st.builds(
    "{:04d}-{:02d}-{:02d}T{:02d}:{:02d}{}".format,
    st.integers(0, 10_000),
    st.integers(0, 13),
    st.integers(0, 32),
    st.integers(0, 24),
    st.integers(0, 60),
    st.sampled_from(["", "Z", "+23:59", "-23:59", "-04:56:02", "+05:30"]),
)
date_like = st.builds(
    "{:04d}-{:02d}-{:02d}".format, st.integers(0, 10_000), st.integers(0, 13), st.integers(0, 32)
)
amount_like = st.from_regex(r"\A[-$ ]?[0-9., ]{0,12}\Z")


@pytest.mark.parametrize("calculator", list(CALCULATORS))
@settings(max_examples=150, deadline=None)
@given(data=st.data())
def test_web_answer_never_raises_and_always_says_a_sentence(workshop, calculator, data):
    inputs = good_inputs(calculator, workshop)
    for name in data.draw(st.lists(st.sampled_from(list(inputs)), min_size=1, max_size=3)):
        inputs[name] = data.draw(json_values | moment_like | date_like | amount_like)
    reply = json.loads(web.answer(workshop, calculator, json.dumps(inputs)))
    assert reply["ok"] or reply["problems"]
    assert shopper_words_problems(reply) == []
