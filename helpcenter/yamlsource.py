"""YAML that remembers where every value was written, and guesses no types.

PyYAML composes the node tree (which keeps line and column); this module
walks it into plain data itself instead of letting YAML 1.1 decide types. Every
scalar stays the text the editor wrote, except ``null``/``~``/empty and
``true``/``false``: so ``NO`` (Norway) never becomes false and ``2026-12-25``
is a date only where the policy's shape asks for a date. Duplicate keys are
refused instead of silently keeping the last one.

No file, however broken or hostile, makes reading raise, hang or take unbounded
memory: the file is read through ``helpcenter.textfiles.read_text`` (at most a
megabyte of UTF-8 text without control characters), aliases are refused rather
than expanded, and nesting and the number of values are bounded (``MAX_DEPTH``,
``MAX_VALUES``). Every refusal is a located ``Problem``. Rule ids (stable: tools
act on them, never on the sentence):

- ``yaml-syntax``: not valid YAML, in PyYAML's words, where PyYAML stopped.
- ``yaml-alias``: an alias (``*name``), at the first one in the file.
- ``yaml-nesting``: lists and mappings nested deeper than ``MAX_DEPTH``.
- ``too-many-values``: more than ``MAX_VALUES`` keys and values in one file.
- ``duplicate-key``: a key written twice in one mapping, at the second.
- ``key-not-text``: a list or mapping used as a key.
- from ``read_text``: ``not-a-file``, ``file-too-large``, ``file-encoding``,
  ``control-character``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Protocol, cast

import yaml
from yaml.composer import Composer
from yaml.events import AliasEvent, CollectionStartEvent, NodeEvent
from yaml.nodes import Node, ScalarNode
from yaml.parser import Parser
from yaml.reader import Reader
from yaml.resolver import BaseResolver
from yaml.scanner import Scanner

from calculators.shape import Path as KeyPath
from helpcenter.problems import Position, Problem
from helpcenter.textfiles import read_text

_NULLS = {"", "~", "null", "Null", "NULL"}
_BOOLS = {"true": True, "True": True, "TRUE": True, "false": False, "False": False, "FALSE": False}

# Policy files nest five levels at most (methods.standard.fees[1].fee) and
# mkdocs.yml's nav a few more. PyYAML composes recursively, about three Python
# frames a level, so 10,000 brackets would exhaust Python's stack; 64 levels is
# ten times what any real file needs and far below that limit, and it bounds
# the walk below as well.
MAX_DEPTH = 64

# The largest real file holds about a hundred values. Pure-Python PyYAML
# composes some 20,000 values a second, so this keeps the worst file to about
# half a second and ten megabytes, while a list of every region code still fits.
MAX_VALUES = 10_000

_WRITE_IT_OUT = "Aliases are not read here: write the value out in full."


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
    """The file's data and positions, or its problems; never an exception."""
    document = Document(shown_as)
    text, unreadable = read_text(path, shown_as)
    if text is None:
        document.problems += unreadable
        return document
    composer = _BoundedComposer(text)
    try:
        node = composer.get_single_node()
    except _Refused as refused:
        document.problems += composer.alias_problems(document, complete=False)
        document.problems.append(
            Problem(refused.rule, _position(document, refused.mark), refused.message)
        )
        return document
    except yaml.MarkedYAMLError as error:
        document.problems += composer.alias_problems(document, complete=False)
        document.problems.append(_syntax_problem(document, error))
        return document
    finally:
        composer.dispose()
    document.problems += composer.alias_problems(document, complete=True)
    if node is not None:
        document.data = _walk(document, node, ())
    document.problems.sort(key=lambda p: (p.line, p.column))  # the alias, then the walk's
    return document


def _syntax_problem(document: Document, error: yaml.MarkedYAMLError) -> Problem:
    where = _position(document, error.problem_mark or error.context_mark)
    what = error.problem or error.context or "unreadable YAML"
    if error.problem and error.context and error.context_mark:
        start = error.context_mark
        what += f" ({error.context} that starts at {start.line + 1}:{start.column + 1})"
    return Problem("yaml-syntax", where, f"This is not valid YAML: {what}.")


class _Mark(Protocol):
    """Where PyYAML saw something, counted from 0 (PyYAML's marks, Python's or C's)."""

    line: int
    column: int


class _Refused(Exception):
    """Reading stops here: the file is past one of the bounds."""

    def __init__(self, rule: str, mark: _Mark | None, message: str):
        super().__init__(message)
        self.rule = rule
        self.mark = mark
        self.message = message


class _BoundedComposer(Reader, Scanner, Parser, Composer, BaseResolver):
    """PyYAML's reader, scanner, parser and composer, with bounds; nothing is constructed.

    Aliases are refused, not expanded. Policy files are read and changed by
    people who are not programmers: a value written out where it applies is
    clearer than a pointer to another line, and a mistake in it is reported
    where it is used rather than at the anchor. Refusing them also means nothing
    ever expands, so a "billion laughs" file costs no more than its own length
    and an anchor that refers to itself cannot loop. Anchors alone are harmless
    and are ignored; each alias is read as an empty value, so reading goes on
    and the file's other mistakes are still found.
    """

    def __init__(self, text: str) -> None:
        Reader.__init__(self, text)
        Scanner.__init__(self)
        Parser.__init__(self)
        Composer.__init__(self)
        BaseResolver.__init__(self)
        self.depth = 0  # lists and mappings open around the next node
        self.count = 0  # keys and values composed so far
        self.anchored: dict[str, int] = {}  # the line (from 1) where each anchor was set
        self.open_anchors: set[str] = set()  # anchors of the collections being composed
        self.first_alias: tuple[_Mark | None, str] | None = None  # where, and what it names
        self.aliases = 0

    def compose_node(self, parent: Node | None, index: int) -> Node | None:
        event = self.peek_event()
        self.count += 1  # an alias too: each is a node, however little it holds
        if self.count > MAX_VALUES:
            raise _Refused(
                "too-many-values",
                event.start_mark,
                f"Expected at most {MAX_VALUES:,} keys and values in one file but received more "
                "(the first one past the limit is here).",
            )
        if isinstance(event, AliasEvent):
            self.get_event()
            self._alias(event)
            # Python's parser makes Python marks; the cast only tells the stubs so.
            start, end = cast("yaml.Mark", event.start_mark), cast("yaml.Mark", event.end_mark)
            return ScalarNode("tag:yaml.org,2002:null", "", start, end)
        anchor = None
        if isinstance(event, NodeEvent) and event.anchor is not None:
            # Taken from PyYAML, which would keep the node for aliases (none are
            # read) and refuse a repeated anchor that no alias can use anyway.
            anchor, event.anchor = event.anchor, None
            self.anchored[anchor] = _line_column(event.start_mark)[0]
        if not isinstance(event, CollectionStartEvent):
            return super().compose_node(parent, index)
        if self.depth >= MAX_DEPTH:
            raise _Refused(
                "yaml-nesting",
                event.start_mark,
                f"Expected lists and mappings nested at most {MAX_DEPTH} levels deep but "
                "received more (the first level too deep starts here).",
            )
        self.depth += 1
        if anchor is not None:
            self.open_anchors.add(anchor)
        try:
            return super().compose_node(parent, index)
        finally:
            self.depth -= 1
            if anchor is not None:
                self.open_anchors.discard(anchor)

    def _alias(self, event: AliasEvent) -> None:
        self.aliases += 1
        if self.first_alias is not None:
            return
        name = event.anchor
        if name in self.open_anchors:
            what = (
                f"the alias *{name} inside the very value it copies (line "
                f"{self.anchored[name]}), which would repeat forever"
            )
        elif name in self.anchored:
            what = f"the alias *{name} (a copy of the value at line {self.anchored[name]})"
        else:
            what = f"the alias *{name}, which names no value before it"
        self.first_alias = (event.start_mark, what)

    def alias_problems(self, document: Document, complete: bool) -> list[Problem]:
        """One problem, at the first alias: a bomb repeats hundreds, all alike."""
        if self.first_alias is None:
            return []
        mark, what = self.first_alias
        message = f"Expected a value written out but received {what}. {_WRITE_IT_OUT}"
        if complete and self.aliases > 1:
            message += f" This is the first of {self.aliases} aliases in this file."
        return [Problem("yaml-alias", _position(document, mark), message)]


def _line_column(mark: _Mark | None) -> tuple[int, int]:
    """1-based, as editors count; the top of the file when PyYAML gives no place."""
    return (1, 1) if mark is None else (mark.line + 1, mark.column + 1)


def _position(document: Document, mark: _Mark | None) -> Position:
    return Position(document.file, *_line_column(mark))


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
    if isinstance(node, ScalarNode) and node.style is None:  # plain, unquoted
        if node.value in _NULLS:
            return None
        if node.value in _BOOLS:
            return _BOOLS[node.value]
    return node.value
