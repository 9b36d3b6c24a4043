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
