"""Every field of the model has limits, and the reader refuses what lies beyond them.

The first tests walk the model itself (``calculators.policy.Policy`` and every
record it reaches), so a field added later is covered without a new test: a
whole number without a minimum and a maximum, a list without a maximum
number of items, fails here. The tables below them replay what a tester
found, with each expected sentence written out by hand from the limit
declared beside the field.
"""

from __future__ import annotations

import dataclasses
import json
import re
from collections.abc import Iterator
from datetime import date
from typing import Any

import markdown
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from calculators.limits import TEXT_MAX_LENGTH, text_limit
from calculators.policy import Policy
from calculators.shape import ShapeError, dump, hints_of, key_rule, kind_of, read
from calculators.values import TEXT_TYPES, DomainName, EmailAddress, Money, TimeZone, Year


@dataclasses.dataclass(frozen=True)
class FieldAt:
    """One field of the model: where it is, its type hint and its declared limits."""

    where: str  # like "Support.lost_refund_after_days"
    hint: Any
    meta: Any


def model_fields(record: type = Policy, seen: set | None = None) -> Iterator[FieldAt]:
    """Every field of every record reachable from ``record``, once each."""
    seen = set() if seen is None else seen
    if record in seen:
        return
    seen.add(record)
    for field in dataclasses.fields(record):
        hint = hints_of(record)[field.name]
        yield FieldAt(f"{record.__name__}.{field.name}", hint, field.metadata)
        for inner in _records_in(hint):
            yield from model_fields(inner, seen)


def _records_in(hint: Any) -> Iterator[type]:
    kind = kind_of(hint)
    if kind.name == "record":
        yield kind.hint
    elif kind.name in ("optional", "sequence", "mapping"):
        yield from _records_in(kind.args[0])


def _leaf(hint: Any) -> str:
    """The kind of value a field finally holds, through optional and list: 'int', 'str' ..."""
    kind = kind_of(hint)
    while kind.name in ("optional", "sequence", "mapping"):
        kind = kind_of(kind.args[0])
    return kind.name


FIELDS = list(model_fields())
INT_FIELDS = [f for f in FIELDS if _leaf(f.hint) == "int"]
STR_FIELDS = [f for f in FIELDS if _leaf(f.hint) == "str"]
LIST_FIELDS = [
    f for f in FIELDS if kind_of(f.hint).name in ("sequence", "mapping")
] + [  # an optional list is a list too
    f
    for f in FIELDS
    if kind_of(f.hint).name == "optional"
    and kind_of(kind_of(f.hint).args[0]).name in ("sequence", "mapping")
]
ids = [f.where for f in FIELDS]


def _problems(hint: Any, data: object, meta: Any) -> list[tuple[str, str]]:
    try:
        read(hint, data, meta)
    except ShapeError as error:
        return [(p.rule, p.message) for p in error.problems]
    return []


def test_the_walk_finds_the_fields_a_tester_named():
    # A guard on the walk itself: these must be among what the meta-tests check.
    names = {f.where for f in FIELDS}
    assert {
        "ProblemReports.within_days",
        "Support.lost_refund_after_days",  # an optional int
        "Store.name",
        "Region.code",  # a record inside a list inside a list
        "Schedule.closures",
        "Coverage.first_day",
    } <= names
    assert len(INT_FIELDS) == 13


@pytest.mark.parametrize("at", INT_FIELDS, ids=[f.where for f in INT_FIELDS])
def test_every_whole_number_declares_both_bounds_and_keeps_them(at):
    low, high = at.meta.get("minimum"), at.meta.get("maximum")
    assert low is not None and high is not None, f"{at.where} needs a minimum and a maximum"
    assert 0 <= low <= high
    for inside in (low, high, str(low), str(high)):
        assert _problems(at.hint, inside, at.meta) == []
    for outside in (low - 1, high + 1, str(high + 1)):
        assert _problems(at.hint, outside, at.meta) == [
            (
                "out-of-range",
                f"Expected a whole number from {low} to {high} but received {outside}.",
            )
        ]


@settings(max_examples=300, deadline=None)
@given(
    at=st.sampled_from(INT_FIELDS),
    beyond=st.integers(min_value=1, max_value=10**40),
    below=st.booleans(),
    as_text=st.booleans(),
)
def test_any_whole_number_outside_its_bounds_is_refused_naming_them(at, beyond, below, as_text):
    low, high = at.meta["minimum"], at.meta["maximum"]
    value = low - beyond if below else high + beyond
    problems = _problems(at.hint, str(value) if as_text else value, at.meta)
    assert [rule for rule, _ in problems] == ["out-of-range"]
    assert f"from {low} to {high}" in problems[0][1]


def test_a_number_too_long_to_quote_is_refused_unread():
    meta = {"minimum": 1, "maximum": 365}
    # 5000 digits: past what Python converts at all (4300), so it must not be converted.
    assert _problems(int, "9" * 5000, meta) == [
        (
            "out-of-range",
            "Expected a whole number from 1 to 365 but received a number of 5000 digits.",
        )
    ]


@pytest.mark.parametrize("at", STR_FIELDS, ids=[f.where for f in STR_FIELDS])
def test_every_text_field_has_a_length_limit_and_one_line(at):
    limit = text_limit(at.meta)
    assert 1 <= limit <= 300
    # A list of text gets its limit per item; a mapping of text per value.
    wrap = _wrapper(at.hint)
    assert _problems(at.hint, wrap("x" * limit), at.meta) == []
    assert _problems(at.hint, wrap("x" * (limit + 1)), at.meta) == [
        (
            "text-too-long",
            f"Expected at most {limit} characters but received {limit + 1} characters.",
        )
    ]
    # Three characters: the shortest limit (a country code) holds them.
    assert _problems(at.hint, wrap("A\tB"), at.meta) == [
        (
            "control-character",
            "Expected text on one line without control characters but received a tab "
            "(U+0009) at character 2 of 'A\\tB'.",
        )
    ]
    for separator in ("\n", "\r", "\x85", "\u2028", "\u2029", "\x00"):
        assert [rule for rule, _ in _problems(at.hint, wrap(f"A{separator}B"), at.meta)] == [
            "control-character"
        ]


def _wrapper(hint: Any):
    kind = kind_of(hint)
    if kind.name == "sequence":
        return lambda text: [text]
    if kind.name == "mapping":
        # A key its mapping takes: a country code ("US") or a name ("us").
        key = next(k for k in ("US", "us") if re.fullmatch(key_rule(kind)[0], k))
        return lambda text: {key: text}
    return lambda text: text


@pytest.mark.parametrize("at", LIST_FIELDS, ids=[f.where for f in LIST_FIELDS])
def test_every_list_and_mapping_declares_its_most_items_and_counts_first(at):
    high = at.meta.get("max_items")
    assert high is not None, f"{at.where} needs max_items"
    is_mapping = "mapping" in (kind_of(at.hint).name, kind_of(kind_of(at.hint).args[0]).name)
    # Entries that are not even of the right type: the count is refused before any is read.
    too_many: object = (
        {f"k{i}": None for i in range(high + 1)} if is_mapping else [None] * (high + 1)
    )
    noun = "entries" if is_mapping else "items"
    assert _problems(at.hint, too_many, at.meta) == [
        ("too-many-items", f"Expected at most {high} {noun} but received {high + 1}.")
    ]


# (value type, as written, rule, sentence): each range is the type's own (values.py).
VALUES = [
    (Money, "100000.00", None, None),
    (Money, "100000.01", "out-of-range", "from 0.00 to 100000.00 but received 100000.01."),
    (Money, "-5", "out-of-range", "from 0.00 to 100000.00 but received -5."),
    (Money, "9" * 5000, "out-of-range", f"from 0.00 to 100000.00 but received {'9' * 60!r}…"),
    (Year, "2099", None, None),
    (Year, "1999", "out-of-range", "Expected a year from 2000 to 2099 but received 1999."),
    (Year, "9" * 20, "out-of-range", f"Expected a year from 2000 to 2099 but received {'9' * 20}."),
    (Year, "26", "out-of-range", "Expected a year from 2000 to 2099 but received 26."),
    (date, "2000-01-01", None, None),
    (date, "1999-12-31", "out-of-range", "to 2099-12-31 but received 1999-12-31."),
    # The machine's own zone files know "localtime"; the browser's tzdata does not.
    (TimeZone, "localtime", "wrong-type", "but received 'localtime'."),
    (TimeZone, "posix/America/New_York", "wrong-type", "but received 'posix/America/New_York'."),
    (TimeZone, "UTC", None, None),
    (DomainName, "a" * 250 + ".com", "text-too-long", "at most 253 characters but received 254 "),
    (EmailAddress, "a@" + "b" * 250 + ".com", "text-too-long", "received 256 characters."),
]


@pytest.mark.parametrize(("value_type", "text", "rule", "ends"), VALUES)
def test_value_types_name_their_range(value_type, text, rule, ends):
    problems = _problems(value_type, text, {})
    if rule is None:
        assert problems == []
    else:
        assert [r for r, _ in problems] == [rule]
        assert ends in problems[0][1]


def test_every_value_type_says_what_it_expects_and_how_it_looks():
    for value_type in set(TEXT_TYPES.values()):
        assert value_type.PATTERN.startswith("^") and value_type.PATTERN.endswith("$")
        assert value_type.EXPECTS


# -- what a tester found, read where each value lives ---------------------------------------

SUPPORT = {
    "no_tracking_update_business_days": 3,
    "extra_wait_business_days": 1,
    "past_due_hours": 48,
    "delivered_not_received_hours": 24,
}


def _store(**changes: object) -> dict:
    return {
        "name": "S",
        "website": "jetoyusa.com",
        "support_email": "support@jetoyusa.com",
        "support_reply_business_days": 1,
    } | changes


# (case, section, data, expected problems as (rule, path, sentence)).
# Each sentence is the limit beside the field (calculators/policy.py, values.py) in words.
FOUND = [
    (
        "a within_days no calendar holds",
        "returns",
        {"within_days": "99999999999999999999"},
        [
            (
                "out-of-range",
                ("problem_reports", "within_days"),
                "Expected a whole number from 1 to 365 but received 99999999999999999999.",
            )
        ],
    ),
    (
        "a negative refund wait",
        "support",
        SUPPORT | {"lost_refund_after_days": "-21"},
        [
            (
                "out-of-range",
                ("lost_refund_after_days",),
                "Expected a whole number from 1 to 365 but received -21.",
            )
        ],
    ),
    (
        "holiday year 0",
        "calendar",
        {"years": ["2026", "0"]},
        [
            (
                "out-of-range",
                ("holidays", "years", 1),
                "Expected a year from 2000 to 2099 but received 0.",
            )
        ],
    ),
    (
        "a deliver_by at the end of Python's calendar",
        "holidays",
        {"deliver_by": "9999-12-31"},
        [
            (
                "out-of-range",
                ("seasons", 0, "deliver_by"),
                "Expected a date from 2000-01-01 to 2099-12-31 but received 9999-12-31.",
            )
        ],
    ),
    (
        "an address with a query that ends in the store's domain",
        "store",
        _store(support_email="contact@other.com?x=.jetoyusa.com"),
        [
            (
                "email-address",
                ("support_email",),
                "Expected an e-mail address like help@example.com but received "
                "'contact@other.com?x=.jetoyusa.com'.",
            )
        ],
    ),
    (
        "two addresses",
        "store",
        _store(support_email="support@jetoyusa.com, sales@jetoyusa.com"),
        [
            (
                "email-address",
                ("support_email",),
                "Expected an e-mail address like help@example.com but received "
                "'support@jetoyusa.com, sales@jetoyusa.com'.",
            )
        ],
    ),
    (
        "a website with its scheme",
        "store",
        _store(website="https://jetoyusa.com"),
        [
            (
                "website",
                ("website",),
                "Expected a domain name in lower case like example.com (no https://, no slash) "
                "but received 'https://jetoyusa.com'.",
            )
        ],
    ),
    (
        "a ten-megabyte store name",
        "store",
        _store(name="x" * 10_485_760),
        [
            (
                "text-too-long",
                ("name",),
                "Expected at most 80 characters but received 10485760 characters.",
            )
        ],
    ),
    (
        "a fee of a million dollars",
        "shipping",
        {"fee": "1000000"},
        [
            (
                "out-of-range",
                ("methods", "standard", "fees", 0, "fee"),
                "Expected an amount of money from 0.00 to 100000.00 but received 1000000.",
            )
        ],
    ),
    (
        "a method key of 41 letters",
        "shipping",
        {"key": "x" * 41},
        [
            (
                "key-name",
                ("methods", "x" * 41),
                "Expected a name of at most 40 lower case letters, digits and _ but received "
                f"'{'x' * 41}'.",
            )
        ],
    ),
]


def _section(workshop: Policy, section: str, data: dict) -> dict:
    """The workshop's own section as plain data, with the case's values put in place."""
    plain = json.loads(json.dumps(dump(getattr(workshop, section))))
    if section == "returns":
        plain["problem_reports"].update(data)
    elif section == "calendar":
        plain["closures"] = []  # resolved holidays are the build's, not the editor's
        plain["holidays"] = {"provider": "holidays", "country": "US", "applies_to": ["carrier"]}
        plain["holidays"].update(data)
    elif section == "holidays":
        plain["seasons"][0].update(data)
    elif section == "shipping" and "key" in data:
        plain["methods"][data["key"]] = plain["methods"].pop("expedited")
    elif section == "shipping":
        plain["methods"]["standard"]["fees"][0].update(data)
    else:
        plain = data
    return plain


@pytest.mark.parametrize(("case", "section", "data", "expected"), FOUND, ids=[c[0] for c in FOUND])
def test_what_a_tester_found_is_refused(workshop, case, section, data, expected):
    hint = hints_of(Policy)[section]
    with pytest.raises(ShapeError) as caught:
        read(hint, _section(workshop, section, data))
    assert [(p.rule, p.path, p.message) for p in caught.value.problems] == expected


def test_the_default_text_limit_is_said_in_the_schema_too():
    from helpcenter.schema import file_schemas  # the build side, for this one check

    reason = file_schemas()["destinations.schema.json"]["properties"]["restriction_reason"]
    assert reason["maxLength"] == TEXT_MAX_LENGTH


# -- the store's address and website --------------------------------------------------------

ADDRESSES = [
    ("support@jetoyusa.com", True),
    ("first.last+orders@help.jetoyusa.com", True),
    ("a_b@jetoyusa.com", True),  # an underscore between letters
    ("Support@JetoyUSA.com", True),  # domains ignore case
    ("support@jetoyusa.com?subject=hi", False),
    ("<support@jetoyusa.com>", False),
    ("Support <support@jetoyusa.com>", False),
    ("support@@jetoyusa.com", False),
    ("sup port@jetoyusa.com", False),
    (".support@jetoyusa.com", False),
    ("+orders@jetoyusa.com", False),  # starts with a letter or digit
    ("support.@jetoyusa.com", False),
    ("sup..port@jetoyusa.com", False),
    ("_support_@jetoyusa.com", False),  # Markdown would read _support_ as emphasis
    ("a._b_@jetoyusa.com", False),  # and here _b_
    ("support@localhost", False),
    ("support@jetoyusa.com.", False),
]


@pytest.mark.parametrize(("text", "accepted"), ADDRESSES)
def test_one_plain_address(text, accepted):
    assert (_problems(EmailAddress, text, {}) == []) is accepted


@pytest.mark.parametrize(
    ("website", "email", "problems"),
    [
        ("jetoyusa.com", "support@jetoyusa.com", []),
        ("jetoyusa.com", "support@help.jetoyusa.com", []),  # a subdomain of the store's
        ("jetoyusa.com", "support@JETOYUSA.COM", []),
        ("www.jetoyusa.com", "support@jetoyusa.com", []),  # www. is the same store
        ("www.jetoyusa.com", "support@www.jetoyusa.com", []),
        (
            "www.jetoyusa.com",
            "support@notjetoyusa.com",
            [
                (
                    "email-domain",
                    "Expected an address at www.jetoyusa.com (the store's website) but "
                    "received 'support@notjetoyusa.com'.",
                )
            ],
        ),
        (
            "jetoyusa.com",
            "support@notjetoyusa.com",  # ends like it, but is another domain
            [
                (
                    "email-domain",
                    "Expected an address at jetoyusa.com (the store's website) but received "
                    "'support@notjetoyusa.com'.",
                )
            ],
        ),
    ],
)
def test_the_address_is_at_the_store_s_domain(website, email, problems):
    hint = hints_of(Policy)["store"]
    assert _problems(hint, _store(website=website, support_email=email), {}) == problems


@settings(max_examples=300, deadline=None)
@given(
    text=st.one_of(
        st.from_regex(EmailAddress.PATTERN, fullmatch=True),
        st.from_regex(DomainName.PATTERN, fullmatch=True),
    )
)
def test_addresses_and_websites_need_no_markdown_escaping(text):
    # MARKDOWN_SAFE: whatever either type accepts reads as itself in Markdown.
    assert EmailAddress.MARKDOWN_SAFE and DomainName.MARKDOWN_SAFE
    assert markdown.markdown(f"Write to {text} today.") == f"<p>Write to {text} today.</p>"


def test_value_types_stay_plain_text_and_numbers(workshop):
    store = workshop.store
    assert isinstance(store.support_email, str) and isinstance(store.website, str)
    assert f"mailto:{store.support_email}" == "mailto:help@workshop.test"
    assert json.dumps(dump(store)) == (
        '{"name": "Test Workshop", "website": "workshop.test", '
        '"support_email": "help@workshop.test", "support_reply_business_days": 1, '
        '"tracking_page": null, "logo": null}'
    )
