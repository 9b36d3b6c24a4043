"""Hostile text in every free-text field of both stores' policies reaches the site as text.

The fields come from the model, not from a list: every ``str`` field (and list
of ``str``) that ``calculators.policy.Policy``'s type hints reach, in every
record, list item and mapping entry the store's YAML holds. Each gets its own
payload (its field path, a tag with an attribute, a table border, a
``javascript:`` link and a placeholder). Fields the policy's own checks refuse
such text in (codes, method keys) are left as they were: there the check is
the protection. Each store is then built once, in a copy, with MkDocs as an
editor builds it, and every HTML file is read back: no payload element,
attribute or link exists, each payload reads as text, whole, and its
placeholder was not filled again.
"""

from __future__ import annotations

import copy
import dataclasses
import itertools
import os
import shutil
import subprocess
import types
import typing
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path

import pytest
import yaml

from calculators.policy import Policy
from calculators.shape import dotted
from calculators.values import TEXT_TYPES
from helpcenter.load import policy_files
from helpcenter.pipeline import check, project_at
from helpcenter.yamlsource import read_document

ROOT = Path(__file__).resolve().parents[2]
BIN = ROOT / ".venv" / "bin"
STORES = {"jetoyusa": ROOT, "patch-and-pops": ROOT / "examples" / "patch-and-pops"}

TAG, ATTRIBUTE = "xss", "hx"
# After the field's path: a table border, an element, a link and a placeholder.
ATTACK = f"|<{TAG} {ATTRIBUTE}>[j](javascript:1){{{{table.a}}}}"
MAX_LENGTH = 60  # within every length limit the model sets on free text


# -- the free-text fields, from the model -------------------------------------------


@dataclass(frozen=True)
class Slot:
    """One place in a policy file that holds free text."""

    file: str  # like "shipping.yml"
    path: tuple[str | int, ...]  # inside the file
    field: str  # the model's field, like "shipping.methods.*.label"

    @property
    def key(self) -> str:
        return dotted(self.path)

    @property
    def shown(self) -> str:
        return f"{self.file.removesuffix('.yml')}.{self.key}"


def _without_none(hint: object) -> object:
    if typing.get_origin(hint) in (typing.Union, types.UnionType):
        kept = [arg for arg in typing.get_args(hint) if arg is not type(None)]
        return kept[0] if len(kept) == 1 else hint
    return hint


def _is_record(hint: object) -> bool:
    """A dataclass of fields; the value types (money, time zone …) read from one text."""
    return dataclasses.is_dataclass(hint) and hint not in TEXT_TYPES


# Text fields that name another record rather than say something: a payload
# there breaks the reference, and the named record's own text is tried instead.
REFERENCES = frozenset({"holidays.sales[*].delivered_after"})


def text_slots(hint: object, data: object, path: tuple, field: str) -> Iterator[Slot]:
    """Where ``data`` (as read from YAML, for ``hint``) holds, or may hold, free text.

    A free-text field the file leaves out (it has a default) gets a slot too,
    so the payload is written in; a record or mapping it leaves out does not.
    """
    hint = _without_none(hint)
    origin, args = typing.get_origin(hint), typing.get_args(hint)
    if hint is str:
        if field in REFERENCES:
            return
        if data is None or isinstance(data, str):
            yield Slot("", path, field)
    elif origin is tuple and args and args[0] is str:
        items = data if isinstance(data, list) and data else [None]
        for index, _ in enumerate(items):
            yield Slot("", (*path, index), f"{field}[*]")
    elif origin is tuple and args and _is_record(args[0]) and isinstance(data, list):
        for index, item in enumerate(data):
            yield from text_slots(args[0], item, (*path, index), f"{field}[*]")
    elif isinstance(origin, type) and issubclass(origin, Mapping) and isinstance(data, dict):
        for key, item in data.items():
            yield from text_slots(args[1], item, (*path, key), f"{field}.*")
    elif _is_record(hint) and isinstance(data, dict):
        hints = typing.get_type_hints(hint)
        for entry in dataclasses.fields(hint):
            if entry.name in data or entry.default is not dataclasses.MISSING:
                value = data.get(entry.name)
                yield from text_slots(
                    hints[entry.name], value, (*path, entry.name), f"{field}.{entry.name}"
                )


def model_text_fields(hint: object, field: str) -> Iterator[str]:
    """Every free-text field of the model, as ``text_slots`` names them."""
    hint = _without_none(hint)
    origin, args = typing.get_origin(hint), typing.get_args(hint)
    if hint is str:
        yield field
    elif origin is tuple and args and args[0] is str:
        yield f"{field}[*]"
    elif origin is tuple and args and _is_record(args[0]):
        yield from model_text_fields(args[0], f"{field}[*]")
    elif isinstance(origin, type) and issubclass(origin, Mapping):
        yield from model_text_fields(args[1], f"{field}.*")
    elif _is_record(hint):
        hints = typing.get_type_hints(hint)
        for entry in dataclasses.fields(hint):
            yield from model_text_fields(hints[entry.name], f"{field}.{entry.name}")


def payload(number: int, slot: Slot) -> str:
    """Distinct per field: a number, then as much of the field's path as fits."""
    room = MAX_LENGTH - len(ATTACK) - len(f"{number}:")
    return f"{number}:{slot.shown[-room:]}{ATTACK}"


# -- a store's copy, with payloads written in ----------------------------------------


class QuotedDumper(yaml.SafeDumper):
    """Every text double-quoted: the loader reads it back as the same text."""


QuotedDumper.add_representer(
    str, lambda dumper, text: dumper.represent_scalar("tag:yaml.org,2002:str", text, style='"')
)


@dataclass
class StoreCopy:
    root: Path  # the copied store's folder
    policy_dir: Path
    originals: dict[str, object]  # file name -> data as read
    slots: list[Slot]

    def write(self, payloads: Mapping[Slot, str]) -> None:
        for file, original in self.originals.items():
            data = copy.deepcopy(original)
            for slot, text in payloads.items():
                if slot.file == file:
                    _put(data, slot.path, text)
            dumped = yaml.dump(data, Dumper=QuotedDumper, allow_unicode=True, sort_keys=False)
            (self.policy_dir / file).write_text(dumped, encoding="utf-8")


def _put(data: object, path: tuple, text: str) -> None:
    for step, following in itertools.pairwise(path):  # each step but the last
        container = data[step] if isinstance(data, list) else data.setdefault(step, None)
        if container is None:  # a list of text the file left out
            container = [] if isinstance(following, int) else {}
            data[step] = container
        data = container
    last = path[-1]
    if isinstance(data, list) and last == len(data):
        data.append(text)
    else:
        data[last] = text


def copy_store(store: Path, into: Path) -> StoreCopy:
    """The store (mkdocs.yml, pages, policy) where it sits in the project, with the
    theme overrides and the npm packages the build finds at or above it."""
    repo = into / "project"
    root = repo / store.relative_to(ROOT)
    project = project_at(store)
    root.mkdir(parents=True)
    shutil.copy(store / "mkdocs.yml", root / "mkdocs.yml")
    for folder in (project.docs_dir, project.policy_dir):
        shutil.copytree(folder, root / folder.relative_to(store))
    shutil.copytree(ROOT / "overrides", repo / "overrides")
    (repo / "node_modules").symlink_to(ROOT / "node_modules")
    policy_dir = root / project.policy_dir.relative_to(store)
    hints = typing.get_type_hints(Policy)
    originals, slots = {}, []
    for file, section in policy_files().items():
        if not (policy_dir / file).is_file():
            continue
        data = read_document(policy_dir / file, file).data
        originals[file] = data
        slots += [
            dataclasses.replace(slot, file=file)
            for slot in text_slots(hints[section], data, (), section)
        ]
    return StoreCopy(root, policy_dir, originals, slots)


def accepted_payloads(store: StoreCopy) -> tuple[dict[Slot, str], list[Slot]]:
    """Payloads in every slot whose field takes free text; the refused slots.

    The policy check runs in rounds (shape first, cross-field rules once the
    shape holds), so refused slots are taken out until it passes.
    """
    payloads = {slot: payload(number, slot) for number, slot in enumerate(store.slots)}
    assert all(len(text) <= MAX_LENGTH for text in payloads.values())
    refused: list[Slot] = []
    for _ in range(10):
        store.write(payloads)
        problems = [
            p
            for p in check(project_at(store.root)).errors
            if Path(p.file).parent == store.policy_dir
        ]
        if not problems:
            return payloads, refused
        # A refused value may break a rule at another key too (a country's regions
        # must start with its code): what no payload explains waits for the next round.
        hit = {
            slot
            for problem in problems
            for slot in payloads
            if (slot.file == Path(problem.file).name and _within(slot.key, problem.key))
            # a reference to a record by its name (a sale's season) lists the names
            or payloads[slot] in problem.message
        }
        assert hit, "problems no payload explains:\n" + "\n".join(map(str, problems))
        for slot in hit:
            refused.append(slot)
            del payloads[slot]
    raise AssertionError(f"the policy check still fails: {problems}")


def _within(key: str, problem_key: str) -> bool:
    """Whether a problem at ``problem_key`` is about the value at ``key``."""
    return key == problem_key or key.startswith((f"{problem_key}.", f"{problem_key}["))


# -- the built site, read back --------------------------------------------------------


class BuiltPage(HTMLParser):
    """Elements, attributes, links and text (outside scripts and styles) of one page."""

    def __init__(self, html: str):
        super().__init__(convert_charrefs=True)
        self.tags: set[str] = set()
        self.attributes: set[str] = set()
        self.links: list[str] = []
        self.texts: list[str] = []
        self.title = ""
        self._skipping: str | None = None
        self._in_title = False
        self.feed(html)
        self.close()

    def handle_starttag(self, tag, attrs):
        self.tags.add(tag)
        for name, value in attrs:
            self.attributes.add(name)
            if name in ("href", "src", "action", "formaction") and value:
                self.links.append(value)
        if tag in ("script", "style"):
            self._skipping = tag
        self._in_title = tag == "title"

    def handle_endtag(self, tag):
        if tag == self._skipping:
            self._skipping = None
        if tag == "title":
            self._in_title = False

    def handle_data(self, data):
        if self._in_title:
            self.title += data
        if self._skipping is None:
            self.texts.append(data)


def build(store: StoreCopy) -> dict[str, BuiltPage]:
    site = store.root / "site"
    result = subprocess.run(
        [str(BIN / "mkdocs"), "build", "-q", "-f", "mkdocs.yml", "-d", str(site)],
        capture_output=True,
        text=True,
        cwd=store.root,  # the Markdown extension reads the project where the build runs
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
        timeout=600,
    )
    assert result.returncode == 0, f"exit {result.returncode}\n{result.stdout}\n{result.stderr}"
    return {
        path.relative_to(site).as_posix(): BuiltPage(path.read_text(encoding="utf-8"))
        for path in sorted(site.rglob("*.html"))
    }


@dataclass
class HostileBuild:
    payloads: dict[Slot, str]
    refused: list[Slot]
    pages: dict[str, BuiltPage]


@pytest.fixture(scope="module")
def hostile_builds(tmp_path_factory) -> dict[str, HostileBuild]:
    builds = {}
    for name, store in STORES.items():
        copied = copy_store(store, tmp_path_factory.mktemp(name))
        payloads, refused = accepted_payloads(copied)
        builds[name] = HostileBuild(payloads, refused, build(copied))
    return builds


# -- what the site shows --------------------------------------------------------------


@pytest.mark.parametrize("name", sorted(STORES))
def test_no_payload_element_attribute_or_link_exists(hostile_builds, name):
    pages = hostile_builds[name].pages
    assert pages
    assert [page for page, built in pages.items() if TAG in built.tags] == []
    assert [page for page, built in pages.items() if ATTRIBUTE in built.attributes] == []
    scripted = [
        (page, link)
        for page, built in pages.items()
        for link in built.links
        if link.strip().lower().startswith("javascript:")
    ]
    assert scripted == []


# The store's sample orders are asked by helpcenter diff, whose Markdown report
# escapes them (tests/unit/test_diff.py); no page shows them.
NOT_ON_PAGES = ("samples.",)


@pytest.mark.parametrize("name", sorted(STORES))
def test_each_payload_reads_as_text_whole_and_not_filled_again(hostile_builds, name):
    hostile = hostile_builds[name]
    text = "".join(t for built in hostile.pages.values() for t in built.texts)
    shown = {
        slot.shown: text.count(payload)
        for slot, payload in hostile.payloads.items()
        if not slot.field.startswith(NOT_ON_PAGES)
    }
    assert [field for field, count in shown.items() if count == 0] == []
    # Every piece of a payload on the site belongs to a whole one: none was cut,
    # split into cells, or had its placeholder filled again.
    whole = sum(shown.values())
    assert (text.count(f"<{TAG} {ATTRIBUTE}>"), text.count("{{table.a}}")) == (whole, whole)


@pytest.mark.parametrize("name", sorted(STORES))
def test_the_store_name_reads_as_text_in_every_title(hostile_builds, name):
    hostile = hostile_builds[name]
    store_name = next(text for slot, text in hostile.payloads.items() if slot.shown == "store.name")
    titles = {page: built.title for page, built in hostile.pages.items()}
    assert [page for page, title in titles.items() if store_name not in title] == []


# Filled at build time from ISO 3166-1 (helpcenter.countries), whatever the YAML
# says; tests/unit/test_escaping.py gives the tables a hostile one instead.
FILLED_AT_BUILD_TIME = {
    "destinations.country_names.*",
    "destinations.aliases[*].name",
    "destinations.aliases[*].code",
}


def test_every_free_text_field_of_the_model_is_tried(hostile_builds):
    """In at least one store: with a payload, or refused by the policy's checks."""
    tried = {
        slot.field
        for hostile in hostile_builds.values()
        for slot in [*hostile.payloads, *hostile.refused]
    }
    hints = typing.get_type_hints(Policy)
    fields = {
        field
        for entry in dataclasses.fields(Policy)
        for field in model_text_fields(hints[entry.name], entry.name)
    }
    assert fields >= FILLED_AT_BUILD_TIME  # still fields of the model
    assert sorted(fields - tried - FILLED_AT_BUILD_TIME - REFERENCES) == []
