"""The JSON Schema for editors agrees with the loader, because both come from the model."""

from __future__ import annotations

from pathlib import Path

import jsonschema
import pytest

from helpcenter.schema import file_schemas
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
