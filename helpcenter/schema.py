"""JSON Schema for editors, written from the same model the loader reads.

Editors' YAML extensions (yaml-language-server) use it for completion and
inline errors; the loader stays the authority, with positions and sentences.

A store's schema is its own: the policy names its shipping methods in other
files (a holiday deadline's method, the default method), so ``file_schemas``
given a policy lists that store's method keys; without one (a policy that does
not load) it writes the schema every store shares. ``helpcenter schema`` writes
one or the other into the store's ``schema/`` folder, which the policy files'
modelines (``# yaml-language-server: $schema=../schema/store.schema.json``)
point to.
"""

from __future__ import annotations

import dataclasses
import json
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from types import MappingProxyType
from typing import Any, Protocol

from calculators.limits import CONTROL_CHARACTERS, Meta, text_limit
from calculators.policy import Policy
from calculators.shape import hints_of, item_meta, key_rule, kind_of
from calculators.values import CountryCode, MethodKey
from helpcenter.countries import iso
from helpcenter.load import build_policy, read_policy_source
from helpcenter.pipeline import project_at

# Draft 7: the newest draft yaml-language-server (VS Code's YAML extension, and
# the editors that embed it) reads; every keyword written here is in it.
DIALECT = "http://json-schema.org/draft-07/schema#"
_NO_LIMITS: Meta = MappingProxyType({})

# Each closed set's name in a file's "definitions", where the fields refer to it.
_DEFINITIONS: Mapping[object, str] = {CountryCode: "country_code", MethodKey: "method_key"}

Members = tuple[tuple[str, str], ...]  # (the value as written, what it means)


@dataclass(frozen=True)
class ClosedSets:
    """The values each closed set allows, with what each means: a country code and
    the country's name (ISO 3166-1, from pycountry), a store's method key and its label."""

    countries: Members = ()
    methods: Members = ()  # empty: a schema for any store, whose methods are unknown

    def members(self, rule: object) -> Members:
        if rule is CountryCode:
            return self.countries
        return self.methods if rule is MethodKey else ()


def closed_sets(policy: Policy | None = None) -> ClosedSets:
    """Every country, and the methods of ``policy`` if given."""
    countries = tuple(sorted((c.alpha_2, c.name) for c in iso().countries))
    if policy is None:
        return ClosedSets(countries)
    methods = tuple((key, method.label) for key, method in policy.shipping.methods.items())
    return ClosedSets(countries, methods)


def enum_schema(members: Members) -> dict[str, Any]:
    """A closed set as an enum with a description of each value.

    ``enumDescriptions`` (VS Code's keyword, beside ``enum``) is what
    yaml-language-server shows: each value's description in completion, and the
    description of the value under the cursor on hover. Plain text, which the
    server escapes, rather than ``markdownEnumDescriptions``, which it renders:
    the descriptions are policy text (a method's label) and names, never markup.
    A ``oneOf`` of ``const`` values would complete too, but its hover shows the
    field's description only, and a wrong value gets one error per branch.
    """
    return {
        "type": "string",
        "enum": [value for value, _ in members],
        "enumDescriptions": [meaning for _, meaning in members],
    }


class _SchemaWriter:
    """Writes one file's schema; the closed sets it uses go to its ``definitions``."""

    def __init__(self, sets: ClosedSets):
        self.sets = sets
        self.definitions: dict[str, dict[str, Any]] = {}

    def value(
        self, hint: Any, doc: str | None = None, meta: Meta = _NO_LIMITS, rule: object = None
    ) -> dict[str, Any]:
        """The schema of a value of type ``hint`` under a field's limits (``meta``), as the
        reader applies them: a field's limits (and the closed set it names, ``rule``)
        reach its optional value and list items."""
        kind = kind_of(hint)
        rule = rule or kind.rule
        schema: dict[str, Any]
        if kind.name == "record":
            schema = self._record(hint)
        elif kind.name == "mapping":
            schema = {
                "type": "object",
                "propertyNames": self._key(kind),
                "additionalProperties": self.value(kind.args[0], meta=item_meta(meta)),
            }
            schema.update(_counts(meta, "minProperties", "maxProperties"))
        elif kind.name == "sequence":
            schema = {
                "type": "array",
                "items": self.value(kind.args[0], meta=item_meta(meta), rule=rule),
            }
            schema.update(_counts(meta, "minItems", "maxItems"))
        elif kind.name == "optional":
            schema = {"anyOf": [self.value(kind.args[0], meta=meta, rule=rule), {"type": "null"}]}
        elif kind.name == "choice":
            schema = {"enum": list(kind.args)}
        elif kind.name == "text_type":
            schema = _text_type(kind.hint)
        elif kind.name == "int":
            # The loader keeps YAML scalars as text, so a number may come as digits too;
            # minimum and maximum bind the numbers (a schema cannot compare digit strings).
            schema = {
                "type": ["integer", "string"],
                "pattern": r"^-?\d+$",
                "patternErrorMessage": "Expected a whole number, like 3",
            }
            schema.update({key: meta[key] for key in ("minimum", "maximum") if key in meta})
        elif kind.name == "bool":
            schema = {"type": "boolean"}
        elif self.sets.members(rule):
            schema = self._closed(rule)
        else:
            schema = {
                "type": "string",
                "minLength": 1,
                "maxLength": text_limit(meta),
                "pattern": f"^[^{CONTROL_CHARACTERS}]*$",
                "patternErrorMessage": "Expected text on one line, without control characters",
            }
        if doc:
            schema["description"] = doc
        return schema

    def _closed(self, rule: object) -> dict[str, Any]:
        """A reference to the set's one enum in ``definitions`` (a country field appears
        four times in destinations.yml: one list of 249 countries, not four)."""
        name = _DEFINITIONS[rule]
        self.definitions[name] = enum_schema(self.sets.members(rule))
        return {"$ref": f"#/definitions/{name}"}

    def _key(self, kind: Any) -> dict[str, Any]:
        key_type = kind.args[1]
        if key_type is not str and self.sets.members(kind_of(key_type).rule):
            return self._closed(kind_of(key_type).rule)
        return {"pattern": key_rule(kind)[0]}

    def _record(self, record: type) -> dict[str, Any]:
        hints = hints_of(record)
        properties = {}
        required = []
        for field in dataclasses.fields(record):
            properties[field.name] = self.value(
                hints[field.name],
                field.metadata.get("doc"),
                field.metadata,
            )
            if (
                field.default is dataclasses.MISSING
                and field.default_factory is dataclasses.MISSING
            ):
                required.append(field.name)
        schema: dict[str, Any] = {
            "type": "object",
            "properties": properties,
            "additionalProperties": False,
        }
        if required:
            schema["required"] = required
        return schema


def schema_for(
    hint: Any, doc: str | None = None, meta: Meta = _NO_LIMITS, sets: ClosedSets | None = None
) -> dict[str, Any]:
    """The schema of one value of the model, with the closed sets in ``sets`` (none
    by default; a closed set's field then refers to ``definitions`` it leaves out)."""
    return _SchemaWriter(sets or ClosedSets()).value(hint, doc, meta)


class _TextType(Protocol):
    """A value type of ``calculators.values`` (the class itself), as the schema reads it."""

    PATTERN: str
    EXPECTS: str


def _text_type(value_type: _TextType) -> dict[str, Any]:
    choices = getattr(value_type, "CHOICES", None)
    if choices:  # a closed set of its own, like the days of the week
        schema = enum_schema(choices)
        schema["description"] = "Expected " + value_type.EXPECTS
        return schema
    # Unquoted amounts and years are numbers to a YAML editor; the loader reads both.
    schema = {
        "type": list(getattr(value_type, "JSON_TYPES", ["string"])),
        "pattern": value_type.PATTERN,
        "description": "Expected " + value_type.EXPECTS,
        # yaml-language-server's own keyword: its message for a value the pattern
        # refuses, instead of the pattern itself (which no editor reads).
        "patternErrorMessage": "Expected " + value_type.EXPECTS,
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


def file_schemas(policy: Policy | None = None) -> dict[str, dict[str, Any]]:
    """One schema per policy file, named like the file: ``store.schema.json``; for
    ``policy``'s store (its shipping methods) if given, for any store otherwise."""
    sets = closed_sets(policy)
    hints = hints_of(Policy)
    if policy is None:
        whose = "any store: the fields that name a shipping method take any name"
    else:
        whose = f"this store's shipping methods ({', '.join(policy.shipping.methods)})"
    schemas = {}
    for field in dataclasses.fields(Policy):
        writer = _SchemaWriter(sets)
        body = writer.value(hints[field.name], field.metadata["doc"])
        schema: dict[str, Any] = {
            "$schema": DIALECT,
            "$comment": (
                f"Written by `helpcenter schema` from the policy's model, for {whose}. "
                "Run it again after adding or renaming a method; do not edit by hand."
            ),
            "title": f"policy/{field.name}.yml",
            **body,
        }
        if writer.definitions:
            schema["definitions"] = dict(sorted(writer.definitions.items()))
        schemas[f"{field.name}.schema.json"] = schema
    return schemas


def schema_texts(policy: Policy | None = None) -> dict[str, str]:
    """The files ``helpcenter schema`` writes, by name, as written."""
    return {
        name: json.dumps(schema, indent=2, ensure_ascii=False) + "\n"
        for name, schema in file_schemas(policy).items()
    }


def project_policy(root: Path) -> Policy | None:
    """The policy of the store in ``root`` if it loads (shape and cross-field rules;
    the dates against today do not change what a schema lists), else None."""
    project = project_at(root)
    source = read_policy_source(project.policy_dir, project.shown(project.policy_dir))
    policy, _ = build_policy(source)
    return policy if not source.problems else None


def write_schemas(folder: Path, texts: Mapping[str, str]) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for name, text in texts.items():
        (folder / name).write_text(text, encoding="utf-8")
        written.append(folder / name)
    return written
