"""Where each key path of a real YAML file is written, and one-defect edits of its text.

Start positions and lines come from ``helpcenter.yamlsource.read_document``
(what the pipeline reports against). PyYAML's own composer supplies what a
Document does not keep: where a value ends and whether it is written as a block
or inside brackets. Edits return the new text and the line the defect sits on,
so every expectation is derived from the file, never typed in.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, replace
from pathlib import Path

import yaml

from helpcenter.yamlsource import Document, read_document

KeyPath = tuple[str | int, ...]


@dataclass(frozen=True)
class Spot:
    """One value of a YAML file: its extent in the text and, for a mapping entry, its key."""

    path: KeyPath
    start: int  # index of the value's first character
    end: int  # index after it; for a block value, the start of the line after it
    line: int  # 1-based line of the value, as read_document reports it
    block: bool  # a block mapping or list: it spans whole lines
    key: str | None = None  # the entry's key, if the value belongs to one
    key_start: int = 0
    key_line: int = 0
    in_flow: bool = False  # the entry sits inside {...}


@dataclass
class YamlFile:
    """A real YAML file's text, its Document, and the Spot of every key path."""

    path: Path
    text: str
    document: Document
    spots: dict[KeyPath, Spot]

    def line_of(self, index: int) -> int:
        return self.text.count("\n", 0, index) + 1

    def line_start(self, line: int) -> int:
        index = 0
        for _ in range(line - 1):
            index = self.text.index("\n", index) + 1
        return index


def read_yaml_file(path: Path) -> YamlFile:
    text = path.read_text(encoding="utf-8")
    document = read_document(path, path.name)
    if document.problems:
        raise ValueError(f"{path} must read cleanly to derive a corpus: {document.problems}")
    source = YamlFile(path, text, document, {})
    node = yaml.compose(text, Loader=yaml.SafeLoader)
    if node is not None:
        _collect(source, node, (), None, False)
    return source


def _collect(
    source: YamlFile, node: yaml.Node, path: KeyPath, key: yaml.Node | None, in_flow: bool
) -> None:
    at = source.document.values[path]
    start = source.line_start(at.line) + at.column - 1
    if start != node.start_mark.index:  # both read the same text; a mismatch is a bug here
        raise AssertionError(f"{source.path}: {path} at {at} but PyYAML says {node.start_mark}")
    block = isinstance(node, yaml.CollectionNode) and not node.flow_style
    end = node.end_mark.index
    if block:  # the block ends where the next token starts: cut at that line's start
        end = source.text.rfind("\n", 0, end) + 1 if end < len(source.text) else end
    spot = Spot(path, start, end, at.line, block)
    if key is not None:
        key_at = source.document.keys[path]
        key_start = key.start_mark.index
        spot = replace(spot, key=str(key.value), key_start=key_start, key_line=key_at.line)
        spot = replace(spot, in_flow=in_flow)
    source.spots[path] = spot
    if isinstance(node, yaml.MappingNode):
        for key_node, value_node in node.value:
            child = (*path, str(key_node.value))
            _collect(source, value_node, child, key_node, bool(node.flow_style))
    elif isinstance(node, yaml.SequenceNode):
        for i, item in enumerate(node.value):
            _collect(source, item, (*path, i), None, bool(node.flow_style))


# -- edits: each returns the new text and the 1-based line of the defect ----------


def replace_value(source: YamlFile, spot: Spot, written: str) -> tuple[str, int]:
    """The value written as ``written`` (one line of YAML) in place of the old one."""
    text = source.text
    if spot.block and spot.key is not None:
        # After "key:", so the new value sits on the key's line whatever the indentation.
        colon = spot.key_start + len(spot.key) + 1
        if text[colon - 1] != ":":
            raise AssertionError(f"{source.path}: expected 'key:' at {spot.path}")
        return text[:colon] + f" {written}\n" + text[spot.end :], spot.key_line
    tail = "\n" if spot.block else ""
    return text[: spot.start] + written + tail + text[spot.end :], spot.line


def delete_entry(source: YamlFile, spot: Spot) -> str:
    """The entry (key and value) removed: its lines, or its part of a {...}."""
    text = source.text
    if spot.in_flow:
        start, end = spot.key_start, spot.end
        rest = text[end:].lstrip(" ")
        if rest.startswith(","):
            end = len(text) - len(rest) + 1
            end += len(text[end:]) - len(text[end:].lstrip(" "))
        else:  # the last entry: take the comma before it
            start = text.rfind(",", 0, start)
        return text[:start] + text[end:]
    first = source.line_start(spot.key_line)
    if not text[first : spot.key_start].strip():  # the key starts its line: drop the lines
        return text[:first] + text[_after_last_line(source, spot) :]
    # "- key: ...": the item's first key. The next key moves up behind the "- ".
    parent = spot.path[:-1]
    following = [
        s.key_start
        for s in source.spots.values()
        if s.key is not None and s.path[:-1] == parent and s.key_start > spot.key_start
    ]
    if following:
        return text[: spot.key_start] + text[min(following) :]
    return text[: spot.key_start] + "{}\n" + text[_after_last_line(source, spot) :]


def misspell_key(source: YamlFile, spot: Spot, siblings: set[str]) -> tuple[str, int]:
    """The entry's key with two letters swapped (or one added): a key the model lacks."""
    assert spot.key is not None
    key = spot.key
    typo = key[:-2] + key[-1] + key[-2] if len(key) > 2 else key + "x"
    if typo == key or typo in siblings:
        typo = key + "x"
    if source.text[spot.key_start : spot.key_start + len(key)] != key:
        raise AssertionError(f"{source.path}: key {key!r} is not written plainly")
    text = source.text
    return text[: spot.key_start] + typo + text[spot.key_start + len(key) :], spot.key_line


def rename_key(source: YamlFile, spot: Spot, new_key: str) -> tuple[str, int]:
    assert spot.key is not None
    text = source.text
    end = spot.key_start + len(spot.key)
    return text[: spot.key_start] + new_key + text[end:], spot.key_line


def duplicate_entry(source: YamlFile, spot: Spot) -> tuple[str, int]:
    """The entry's key written a second time, right after the entry."""
    assert spot.key is not None
    text = source.text
    value = text[spot.start : spot.end]
    value = value if "\n" not in value and not spot.block else "~"
    if spot.in_flow:
        return text[: spot.end] + f", {spot.key}: {value}" + text[spot.end :], source.line_of(
            spot.end
        )
    after = _after_last_line(source, spot)
    indent = spot.key_start - source.line_start(spot.key_line)
    line = f"{' ' * indent}{spot.key}: {value}\n"
    return text[:after] + line + text[after:], source.line_of(after)


def insert_line(text: str, line: int, content: str) -> str:
    """``content`` as a new line ``line`` (1-based); the lines from there move down."""
    lines = text.split("\n")
    lines.insert(line - 1, content)
    return "\n".join(lines)


def _after_last_line(source: YamlFile, spot: Spot) -> int:
    """Index of the start of the line after the entry's value."""
    if spot.block:
        return spot.end
    newline = source.text.find("\n", spot.end)
    return len(source.text) if newline < 0 else newline + 1


class _WrittenOut(yaml.SafeDumper):
    """Repeated values written out in full: an alias is a defect class of its own."""

    def ignore_aliases(self, data: object) -> bool:
        return True


def written(value: object) -> str:
    """A value as one line of YAML: text double-quoted (JSON's escapes are YAML's)."""
    if isinstance(value, str):
        return json.dumps(value)
    text = yaml.dump(value, Dumper=_WrittenOut, default_flow_style=True, width=10**9)
    return text.strip().removesuffix("...").strip()
