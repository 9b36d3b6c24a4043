"""JSON Schema for editors, written from the same model the loader reads.

Editors' YAML extensions (yaml-language-server) use it for completion and
inline errors; the loader stays the authority, with positions and sentences.
"""

from __future__ import annotations

import dataclasses
from types import MappingProxyType
from typing import Any, Protocol

from calculators.limits import CONTROL_CHARACTERS, Meta, text_limit
from calculators.policy import Policy
from calculators.shape import hints_of, item_meta, key_rule, kind_of

DIALECT = "https://json-schema.org/draft/2020-12/schema"
_NO_LIMITS: Meta = MappingProxyType({})


def schema_for(hint: Any, doc: str | None = None, meta: Meta = _NO_LIMITS) -> dict[str, Any]:
    """The schema of a value of type ``hint`` under a field's limits (``meta``), as the
    reader applies them: a field's limits reach its optional value and list items."""
    kind = kind_of(hint)
    schema: dict[str, Any]
    if kind.name == "record":
        schema = _record(hint)
    elif kind.name == "mapping":
        schema = {
            "type": "object",
            "propertyNames": {"pattern": key_rule(kind)[0]},
            "additionalProperties": schema_for(kind.args[0], meta=item_meta(meta)),
        }
        schema.update(_counts(meta, "minProperties", "maxProperties"))
    elif kind.name == "sequence":
        schema = {"type": "array", "items": schema_for(kind.args[0], meta=item_meta(meta))}
        schema.update(_counts(meta, "minItems", "maxItems"))
    elif kind.name == "optional":
        schema = {"anyOf": [schema_for(kind.args[0], meta=meta), {"type": "null"}]}
    elif kind.name == "choice":
        schema = {"enum": list(kind.args)}
    elif kind.name == "text_type":
        schema = _text_type(kind.hint)
    elif kind.name == "int":
        # The loader keeps YAML scalars as text, so a number may come as digits too;
        # minimum and maximum bind the numbers (a schema cannot compare digit strings).
        schema = {"type": ["integer", "string"], "pattern": r"^-?\d+$"}
        schema.update({key: meta[key] for key in ("minimum", "maximum") if key in meta})
    elif kind.name == "bool":
        schema = {"type": "boolean"}
    else:
        schema = {
            "type": "string",
            "minLength": 1,
            "maxLength": text_limit(meta),
            "pattern": f"^[^{CONTROL_CHARACTERS}]*$",
        }
    if doc:
        schema["description"] = doc
    return schema


class _TextType(Protocol):
    """A value type of ``calculators.values`` (the class itself), as the schema reads it."""

    PATTERN: str
    EXPECTS: str


def _text_type(value_type: _TextType) -> dict[str, Any]:
    # Unquoted amounts and years are numbers to a YAML editor; the loader reads both.
    schema: dict[str, Any] = {
        "type": list(getattr(value_type, "JSON_TYPES", ["string"])),
        "pattern": value_type.PATTERN,
        "description": "Expected " + value_type.EXPECTS,
    }
    for attribute, key in (("MAX_LENGTH", "maxLength"), ("MINIMUM", "minimum")):
        if hasattr(value_type, attribute):
            schema[key] = getattr(value_type, attribute)
    if hasattr(value_type, "MAXIMUM"):
        schema["maximum"] = value_type.MAXIMUM
    return schema


def _counts(meta: Meta, low: str, high: str) -> dict[str, int]:
    """A list's or a mapping's min_items and max_items, under the schema's own names."""
    names = {"min_items": low, "max_items": high}
    return {names[key]: meta[key] for key in names if key in meta}


def _record(record: type) -> dict[str, Any]:
    hints = hints_of(record)
    properties = {}
    required = []
    for field in dataclasses.fields(record):
        properties[field.name] = schema_for(
            hints[field.name], field.metadata.get("doc"), field.metadata
        )
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
