"""JSON Schema for editors, written from the same model the loader reads.

Editors' YAML extensions (yaml-language-server) use it for completion and
inline errors; the loader stays the authority, with positions and sentences.
"""

from __future__ import annotations

import dataclasses
from typing import Any

from calculators.policy import Policy
from calculators.shape import hints_of, key_rule, kind_of

DIALECT = "https://json-schema.org/draft/2020-12/schema"


def schema_for(hint: Any, doc: str | None = None) -> dict[str, Any]:
    kind = kind_of(hint)
    schema: dict[str, Any]
    if kind.name == "record":
        schema = _record(hint)
    elif kind.name == "mapping":
        schema = {
            "type": "object",
            "propertyNames": {"pattern": key_rule(kind)[0]},
            "additionalProperties": schema_for(kind.args[0]),
        }
    elif kind.name == "sequence":
        schema = {"type": "array", "items": schema_for(kind.args[0])}
    elif kind.name == "optional":
        schema = {"anyOf": [schema_for(kind.args[0]), {"type": "null"}]}
    elif kind.name == "choice":
        schema = {"enum": list(kind.args)}
    elif kind.name == "text_type":
        # Unquoted amounts are numbers to a YAML editor; the loader reads both.
        schema = {
            "type": list(getattr(kind.hint, "JSON_TYPES", ["string"])),
            "pattern": kind.hint.PATTERN,
        }
        schema["description"] = "Expected " + kind.hint.EXPECTS
    elif kind.name == "int":
        schema = {"type": ["integer", "string"], "pattern": r"^-?\d+$"}
    elif kind.name == "bool":
        schema = {"type": "boolean"}
    else:
        schema = {"type": "string", "minLength": 1}
    if doc:
        schema["description"] = doc
    return schema


def _record(record: type) -> dict[str, Any]:
    hints = hints_of(record)
    properties = {}
    required = []
    for field in dataclasses.fields(record):
        prop = schema_for(hints[field.name], field.metadata.get("doc"))
        for bound, key in (("minimum", "minimum"), ("maximum", "maximum")):
            if bound in field.metadata:
                is_list = prop.get("type") == "array"
                prop[("minItems" if bound == "minimum" else "maxItems") if is_list else key] = (
                    field.metadata[bound]
                )
        properties[field.name] = prop
        if field.default is dataclasses.MISSING and field.default_factory is dataclasses.MISSING:
            required.append(field.name)
    schema: dict[str, Any] = {
        "type": "object",
        "properties": properties,
        "additionalProperties": False,
    }
    if required:
        schema["required"] = required
    return schema


def file_schemas() -> dict[str, dict[str, Any]]:
    """One schema per policy file, named like the file: ``store.schema.json``."""
    hints = hints_of(Policy)
    schemas = {}
    for field in dataclasses.fields(Policy):
        schema = {"$schema": DIALECT, "title": f"policy/{field.name}.yml"}
        schema.update(schema_for(hints[field.name], field.metadata["doc"]))
        schemas[f"{field.name}.schema.json"] = schema
    return schemas
