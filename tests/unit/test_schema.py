"""The JSON Schema for editors agrees with the loader, because both come from the model."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Literal

import jsonschema
import pytest

from calculators.policy import Destinations, HolidaySource, Restriction, Shipping, StatedDeadline
from calculators.shape import hints_of, kind_of
from calculators.values import CountryCode, MethodKey
from helpcenter.load import load_policy
from helpcenter.schema import ClosedSets, file_schemas, schema_for
from helpcenter.yamlsource import read_document

ROOT = Path(__file__).parent.parent.parent
POLICY_FILES = sorted((ROOT / "policy").glob("*.yml")) + sorted(
    (ROOT / "tests" / "fixtures" / "workshop" / "policy").glob("*.yml")
)


@pytest.mark.parametrize("path", POLICY_FILES, ids=lambda p: f"{p.parent.parent.name}/{p.name}")
def test_real_policy_files_validate(path):
    schema = file_schemas()[path.name.replace(".yml", ".schema.json")]
    jsonschema.validate(read_document(path, path.name).data, schema)


@pytest.mark.parametrize(
    ("document", "message"),
    [
        (
            {
                "name": "S",
                "website": "s.test",
                "support_email": "a@s.test",
                "support_reply_business_days": 1,
                "phone": "1",
            },
            "Additional properties are not allowed ('phone' was unexpected)",
        ),
        (
            {"name": "S", "website": "s.test", "support_email": "a@s.test"},
            "'support_reply_business_days' is a required property",
        ),
        (
            {
                "name": "S",
                "website": "s.test",
                "support_email": "a@s.test",
                "support_reply_business_days": 0,
            },
            "0 is less than the minimum of 1",
        ),
    ],
)
def test_store_schema_refuses_what_the_loader_refuses(document, message):
    with pytest.raises(jsonschema.ValidationError) as caught:
        jsonschema.validate(document, file_schemas()["store.schema.json"])
    assert caught.value.message == message


def test_one_schema_per_policy_file_with_descriptions():
    schemas = file_schemas()
    assert sorted(schemas) == sorted(
        f"{name}.schema.json"
        for name in (
            "store",
            "calendar",
            "fulfilment",
            "shipping",
            "orders",
            "returns",
            "destinations",
            "holidays",
            "support",
            "payments",
            "samples",
        )
    )
    cutoff = schemas["calendar.schema.json"]["properties"]["order_cutoff"]
    assert cutoff["pattern"] == r"^([01]\d|2[0-3]):[0-5]\d$|^24:00$"
    assert cutoff["description"].startswith("orders before this local time count from that day")


STORE = {
    "name": "S",
    "website": "s.test",
    "support_email": "a@s.test",
    "support_reply_business_days": 1,
}


# (file, key path to change, value, the schema keyword that refuses it). The limits are
# the model's (calculators/policy.py, schedule.py, values.py), so the editor's schema
# refuses what the loader refuses.
REFUSED = [
    ("store", ("name",), "x" * 81, "maxLength"),
    ("store", ("name",), "Line\nbreak", "pattern"),
    ("store", ("website",), "https://s.test", "pattern"),
    ("store", ("website",), "S.test", "pattern"),
    ("store", ("support_email",), "a@x.test?b=.s.test", "pattern"),
    ("store", ("support_email",), "a@s.test, b@s.test", "pattern"),
    ("store", ("support_reply_business_days",), 31, "maximum"),
    ("returns", ("warranty", "within_days"), 3651, "maximum"),
    ("support", ("lost_refund_after_days",), -21, "minimum"),
    ("calendar", ("holidays", "years", 0), 0, "minimum"),
    ("calendar", ("holidays", "years", 0), "0", "pattern"),
    ("calendar", ("coverage", "last_day"), "9999-12-31", "pattern"),
    ("shipping", ("methods", "standard", "fees", 0, "fee"), 100000.01, "maximum"),
    ("shipping", ("methods", "standard", "fees", 0, "fee"), "1000000", "pattern"),
    ("calendar", ("closures",), [{"date": "2026-01-01", "name": "A"}] * 2001, "maxItems"),
    ("shipping", ("methods", "x" * 41), {}, "pattern"),
    ("calendar", ("holidays", "applies_to"), "everything", "type"),
]


def _policy_document(name: str) -> dict:
    path = ROOT / "policy" / f"{name}.yml"
    return read_document(path, path.name).data


def _set(document: dict, path: tuple, value: object) -> dict:
    target = document
    for key in path[:-1]:
        target = target[key]
    target[path[-1]] = value
    return document


@pytest.mark.parametrize(("file", "path", "value", "keyword"), REFUSED)
def test_the_schema_carries_the_model_s_limits(file, path, value, keyword):
    document = STORE.copy() if file == "store" else _policy_document(file)
    with pytest.raises(jsonschema.ValidationError) as caught:
        jsonschema.validate(_set(document, path, value), file_schemas()[f"{file}.schema.json"])
    assert caught.value.validator == keyword


def test_the_schema_accepts_the_limits_themselves():
    schemas = file_schemas()
    jsonschema.validate(
        _set(STORE.copy(), ("name",), "x" * 80) | {"support_reply_business_days": 30},
        schemas["store.schema.json"],
    )
    fees = ("methods", "standard", "fees", 0, "fee")
    for fee in (100000, "100000.00", "99999.99"):
        document = _set(_policy_document("shipping"), fees, fee)
        jsonschema.validate(document, schemas["shipping.schema.json"])


# -- closed sets: enums with a description of each value -------------------------------


@pytest.fixture(scope="module")
def jetoyusa_schemas() -> dict[str, dict]:
    """The root store's own schemas: its methods are standard and expedited."""
    return file_schemas(load_policy(ROOT / "policy"))


# (file, key path to change, a value outside the closed set). Each set is the model's:
# the weekdays of calculators/values.py, ISO 3166-1 (pycountry), the store's methods.
OUTSIDE_THE_SET = [
    ("calendar", ("working_weeks", "handling", 0), "Monday"),
    ("calendar", ("working_weeks", "support", 4), "Fr"),
    ("calendar", ("holidays", "country"), "XX"),
    ("destinations", ("home_country",), "USA"),
    ("destinations", ("domestic", 0), "ZZ"),
    ("destinations", ("restricted", 0, "country"), "Cuba"),
    ("holidays", ("seasons", 0, "deadlines", 0, "method"), "express"),
    ("shipping", ("default_method",), "overnight"),
]


@pytest.mark.parametrize(("file", "path", "value"), OUTSIDE_THE_SET)
def test_a_value_outside_its_closed_set_is_refused(jetoyusa_schemas, file, path, value):
    document = _set(_policy_document(file), path, value)
    with pytest.raises(jsonschema.ValidationError) as caught:
        jsonschema.validate(document, jetoyusa_schemas[f"{file}.schema.json"])
    assert caught.value.validator == "enum"


def test_each_value_of_a_closed_set_says_what_it_means(jetoyusa_schemas):
    calendar = jetoyusa_schemas["calendar.schema.json"]
    weekday = calendar["properties"]["working_weeks"]["properties"]["carrier"]["items"]
    assert weekday["enum"] == ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"]
    assert weekday["enumDescriptions"] == [
        "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"
    ]  # fmt: skip
    countries = jetoyusa_schemas["destinations.schema.json"]["definitions"]["country_code"]
    # ISO 3166-1 lists 249 countries (pycountry 26.2.16), by code: AD Andorra first.
    assert len(countries["enum"]) == 249
    assert (countries["enum"][0], countries["enumDescriptions"][0]) == ("AD", "Andorra")
    described = dict(zip(countries["enum"], countries["enumDescriptions"], strict=True))
    assert described["US"] == "United States"
    # The methods and their labels, as policy/shipping.yml names them, cheapest first.
    methods = jetoyusa_schemas["holidays.schema.json"]["definitions"]["method_key"]
    assert methods == {
        "type": "string",
        "enum": ["standard", "expedited"],
        "enumDescriptions": ["Standard shipping", "Expedited shipping"],
    }
    assert jetoyusa_schemas["shipping.schema.json"]["definitions"] == {"method_key": methods}


def test_the_schema_for_any_store_takes_any_method_name():
    # Without a store's policy its methods are unknown: a method is a name, like any text.
    schemas = file_schemas()
    holidays = _set(_policy_document("holidays"), ("seasons", 0, "deadlines", 0, "method"), "x")
    jsonschema.validate(holidays, schemas["holidays.schema.json"])
    assert "method_key" not in schemas["shipping.schema.json"].get("definitions", {})
    # Countries and weekdays are every store's: still closed.
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(
            _set(_policy_document("destinations"), ("home_country",), "XX"),
            schemas["destinations.schema.json"],
        )


@pytest.mark.parametrize(
    ("record", "name", "rule"),
    [
        # Every field that names a country or one of the store's methods (the
        # closed sets editors complete from), read off the model's files by hand.
        (Destinations, "home_country", CountryCode),
        (Destinations, "domestic", CountryCode),
        (Restriction, "country", CountryCode),
        (HolidaySource, "country", CountryCode),
        (Shipping, "default_method", MethodKey),
        (StatedDeadline, "method", MethodKey),
    ],
)
def test_fields_naming_a_closed_set_say_so_in_the_declaration(record, name, rule):
    # Declared as Annotated[str, rule] (itself, or its list's items): the schema
    # reads the set from the model, not from a second list.
    kind = kind_of(hints_of(record)[name])
    if kind.name == "sequence":
        kind = kind_of(kind.args[0])
    assert (kind.name, kind.rule) == ("str", rule)


def test_a_text_annotated_with_its_rule_lists_the_set():
    # The declaration's own way of saying it (calculators.shape.Kind.rule).
    sets = ClosedSets(countries=(("FR", "France"), ("US", "United States")))
    schema = schema_for(Annotated[str, CountryCode], "where it ships from", sets=sets)
    assert schema == {"$ref": "#/definitions/country_code", "description": "where it ships from"}


STORES = {
    "jetoyusa": ROOT,
    "patch-and-pops": ROOT / "examples" / "patch-and-pops",
    "workshop": ROOT / "tests" / "fixtures" / "workshop",
}
STORE_FILES = [
    (store, path) for store, root in STORES.items() for path in sorted(root.glob("policy/*.yml"))
]


@pytest.mark.parametrize(("store", "path"), STORE_FILES, ids=lambda x: getattr(x, "name", x))
def test_every_policy_file_validates_against_its_store_s_own_schema(store, path):
    policy = load_policy(STORES[store] / "policy")
    schema = file_schemas(policy)[path.name.replace(".yml", ".schema.json")]
    jsonschema.validate(read_document(path, path.name).data, schema)


# Hints that are equal but written differently: kind_of remembers each one's
# sorting, and must not hand one's back for the other. typing compares Literal
# as a set and Annotated metadata by ==, so each pair below is equal; the
# expected args are the literals in the order each was written.
@pytest.mark.parametrize(
    ("first", "second", "first_args", "second_args"),
    [
        (Literal["a", "b"], Literal["b", "a"], ("a", "b"), ("b", "a")),
        (Literal["x", "y", "z"], Literal["z", "x", "y"], ("x", "y", "z"), ("z", "x", "y")),
    ],
)
def test_kind_of_keeps_each_hints_own_order(first, second, first_args, second_args):
    assert first == second  # the case is one the cache could confuse
    assert kind_of(first).args == first_args
    assert kind_of(second).args == second_args


def test_kind_of_keeps_each_annotations_own_rule():
    assert Annotated[str, 1] == Annotated[str, True]
    assert kind_of(Annotated[str, 1]).rule == 1
    assert kind_of(Annotated[str, True]).rule is True
