"""YAML that remembers where every value was written, and guesses no types.

PyYAML composes the node tree (which keeps line and column); this module
walks it into plain data itself instead of letting YAML 1.1 decide types. Every
scalar stays the text the editor wrote, except ``null``/``~``/empty and
``true``/``false``: so ``NO`` (Norway) never becomes false and ``2026-12-25``
is a date only where the policy's shape asks for a date. Duplicate keys are
refused instead of silently keeping the last one.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import yaml

from calculators.shape import Path as KeyPath
from helpcenter.problems import Position, Problem

_NULLS = {"", "~", "null", "Null", "NULL"}
_BOOLS = {"true": True, "True": True, "TRUE": True, "false": False, "False": False, "FALSE": False}


@dataclass
class Document:
    """Plain data from one YAML file, with the position of every key and value."""

    file: str
    data: object = None
    values: dict[KeyPath, Position] = field(default_factory=dict)
    keys: dict[KeyPath, Position] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)

    def locate(self, path: KeyPath, at_key: bool = False) -> Position:
        """Where ``path`` was written, or its nearest written parent."""
        table = self.keys if at_key else self.values
        for end in range(len(path), -1, -1):
            found = table.get(path[:end]) or self.values.get(path[:end])
            if found:
                return found
        return Position(self.file, 1, 1)


def read_document(path: Path, shown_as: str) -> Document:
    document = Document(shown_as)
    try:
        node = yaml.compose(path.read_text(encoding="utf-8"), Loader=yaml.SafeLoader)
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        where = document.locate(()) if mark is None else _position(document, mark)
        what = error.problem or error.context or "unreadable YAML"
        if error.problem and error.context and error.context_mark:
            start = error.context_mark
            what += f" ({error.context} that starts at {start.line + 1}:{start.column + 1})"
        document.problems.append(Problem("yaml-syntax", where, f"This is not valid YAML: {what}."))
        return document
    except UnicodeDecodeError:
        document.problems.append(
            Problem("file-encoding", document.locate(()), "Expected a UTF-8 text file.")
        )
        return document
    if node is not None:
        document.data = _walk(document, node, ())
    return document


def _position(document: Document, mark: yaml.Mark) -> Position:
    return Position(document.file, mark.line + 1, mark.column + 1)


def _walk(document: Document, node: yaml.Node, path: KeyPath) -> object:
    document.values.setdefault(path, _position(document, node.start_mark))
    if isinstance(node, yaml.MappingNode):
        data: dict[str, object] = {}
        for key_node, value_node in node.value:
            if not isinstance(key_node, yaml.ScalarNode):
                document.problems.append(
                    Problem(
                        "key-not-text",
                        _position(document, key_node.start_mark),
                        "Expected a plain name as a key but received a list or mapping.",
                    )
                )
                continue
            key = key_node.value
            key_at = _position(document, key_node.start_mark)
            if key in data:
                first = document.keys[(*path, key)]
                document.problems.append(
                    Problem(
                        "duplicate-key",
                        key_at,
                        f"Duplicate key {key!r}: it is already set at line "
                        f"{first.line}. Keep one of the two.",
                    )
                )
                continue
            document.keys[(*path, key)] = key_at
            data[key] = _walk(document, value_node, (*path, key))
        return data
    if isinstance(node, yaml.SequenceNode):
        return [_walk(document, item, (*path, i)) for i, item in enumerate(node.value)]
    if node.style is None:  # plain, unquoted
        if node.value in _NULLS:
            return None
        if node.value in _BOOLS:
            return _BOOLS[node.value]
    return node.value
