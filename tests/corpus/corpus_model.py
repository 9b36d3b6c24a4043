"""The policy model's fields, walked from its declaration and found in a store's YAML.

``Policy``'s dataclass fields are followed with ``typing.get_type_hints`` and
sorted by ``calculators.shape.kind_of``; each field whose value a store writes
becomes a ModelSpot with its kind, its declared limits and its Spot in the file.
Items of a list (entries of a mapping) share one declaration, so the first
that writes a field stands for all: an item that leaves an optional field out
(a restriction without regions) hands it to a later one.
"""

from __future__ import annotations

import dataclasses
import typing
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from corpus_yaml import KeyPath, Spot, YamlFile, read_yaml_file

from calculators import shape
from calculators.policy import Policy
from calculators.shape import Kind, kind_of

# Where a value sits in its declaration: a record's own field, an item of a
# list field, or an entry of a mapping field.
FIELD, ITEM, ENTRY = "field", "item", "entry"


@dataclass(frozen=True)
class ModelSpot:
    """One field of the model as one store writes it."""

    section: str  # the Policy field, which names the file
    path: KeyPath  # inside the file
    model_path: str  # the path in the model: items as [], entries as *, like methods.*.fees[]
    kind: Kind  # after unwrapping Optional
    optional: bool  # None is a valid value
    required: bool  # the key must be written
    owner: type  # the record that declares the field
    field: dataclasses.Field[Any]
    role: str  # FIELD, ITEM or ENTRY
    data: object  # as read_document gives it
    spot: Spot
    siblings: frozenset[str]  # the owner's field names (for a misspelling that is none)

    @property
    def dotted(self) -> str:
        return shape.dotted(self.path)

    @property
    def declaration(self) -> tuple[str, str]:
        """What the model declares once however often a store writes it: file and model path.

        A record used in several places (DayRange) is a field of each: its limits
        mean a different thing in each (transit days, tracking hours).
        """
        return (self.section, self.model_path)

    def limit(self, name: str) -> int | None:
        """A declared limit (calculators.model.LIMITS); the older spelling for list sizes."""
        if self.role != FIELD and name != "max_length":
            return None  # an item's limits are its type's; only a list's max_length reaches it
        value = self.field.metadata.get(name)
        if value is None and name == "min_items" and self.kind.name in ("sequence", "mapping"):
            value = self.field.metadata.get("minimum")  # before min_items existed
        return value if isinstance(value, int) else None


def policy_files(policy_dir: Path) -> dict[str, YamlFile]:
    """Each policy file the store has, by the Policy field it holds."""
    found = {}
    for field in dataclasses.fields(Policy):
        path = policy_dir / f"{field.name}.yml"
        if path.is_file():
            found[field.name] = read_yaml_file(path)
    return found


def model_spots(files: Mapping[str, YamlFile]) -> Iterator[ModelSpot]:
    """Every field of the model the store writes, once, in the order of the model."""
    hints = typing.get_type_hints(Policy)
    seen: set[tuple[str, str]] = set()
    for field in dataclasses.fields(Policy):
        source = files.get(field.name)
        if source is None:
            continue
        kind = kind_of(hints[field.name])
        record = kind.args[0] if kind.name == "optional" else kind.hint
        for spot in _record(field.name, source, record, source.document.data, (), ""):
            if spot.declaration not in seen:
                seen.add(spot.declaration)
                yield spot


def declared_paths() -> set[str]:
    """Every field's place in the model, as ModelSpot.declaration writes it, written or not."""
    found: set[str] = set()

    def visit(hint: Any, section: str, model_path: str) -> None:
        kind = kind_of(hint)
        if kind.name == "optional":
            visit(kind.args[0], section, model_path)
        elif kind.name in ("sequence", "mapping"):
            inner = f"{model_path}[]" if kind.name == "sequence" else f"{model_path}.*"
            found.add(f"{section}:{inner}")
            visit(kind.args[0], section, inner)
        elif kind.name == "record":
            for field in dataclasses.fields(kind.hint):
                child = f"{model_path}.{field.name}".lstrip(".")
                found.add(f"{section}:{child}")
                visit(typing.get_type_hints(kind.hint)[field.name], section, child)

    for field in dataclasses.fields(Policy):
        visit(typing.get_type_hints(Policy)[field.name], field.name, "")
    return found


def _record(
    section: str, source: YamlFile, record: type, data: object, path: KeyPath, model_path: str
) -> Iterator[ModelSpot]:
    if not isinstance(data, dict):
        return
    hints = typing.get_type_hints(record)
    names = frozenset(f.name for f in dataclasses.fields(record))
    for field in dataclasses.fields(record):
        if field.name not in data:
            continue
        required = (
            field.default is dataclasses.MISSING and field.default_factory is dataclasses.MISSING
        )
        yield from _value(
            section, source, hints[field.name], data[field.name], (*path, field.name),
            f"{model_path}.{field.name}".lstrip("."), (record, field, FIELD, required, names),
        )  # fmt: skip


def _value(
    section: str,
    source: YamlFile,
    hint: Any,
    data: object,
    path: KeyPath,
    model_path: str,
    declared: tuple[type, dataclasses.Field[Any], str, bool, frozenset[str]],
) -> Iterator[ModelSpot]:
    owner, field, role, required, siblings = declared
    kind, optional = kind_of(hint), False
    while kind.name == "optional":
        kind, optional = kind_of(kind.args[0]), True
    if data is None and optional:
        return
    spot = source.spots[path]
    yield ModelSpot(
        section, path, model_path, kind, optional, required, owner, field, role, data, spot,
        siblings,
    )  # fmt: skip
    if kind.name == "record":
        yield from _record(section, source, kind.hint, data, path, model_path)
    elif kind.name == "sequence" and isinstance(data, list):
        item = (owner, field, ITEM, False, siblings)
        for i, value in enumerate(data):
            yield from _value(
                section, source, kind.args[0], value, (*path, i), f"{model_path}[]", item
            )
    elif kind.name == "mapping" and isinstance(data, dict):
        entry = (owner, field, ENTRY, False, siblings)
        for name, value in data.items():
            yield from _value(
                section, source, kind.args[0], value, (*path, name), f"{model_path}.*", entry
            )
