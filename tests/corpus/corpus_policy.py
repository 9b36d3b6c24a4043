"""Variants of the policy files: one bad value, key or file at a time, from the model.

Field variants come from walking the model (corpus_model) over each store's
YAML and applying the defect classes of the field's kind (corpus_defects). The
two stores share one model and a class that tests a kind tests it the same on
every field of the kind, so those classes are spread over the kind's fields
and the two stores rather than multiplied by them: every class, every field
and both stores are covered, and the corpus runs in under two minutes.
File-level classes (syntax, bytes, what sits where a file belongs) are given
to each store once, each on a different file.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Iterator
from dataclasses import dataclass

from corpus_defects import KEY_CLASSES, PER_FIELD, key_defects, value_defects
from corpus_edits import STORE_DIRS, Edit, Variant
from corpus_model import FIELD, ModelSpot, model_spots, policy_files
from corpus_yaml import (
    YamlFile,
    delete_entry,
    duplicate_entry,
    insert_line,
    misspell_key,
    rename_key,
    replace_value,
    written,
)

from calculators.policy import Policy
from helpcenter import textfiles

# Harmless: a quoted placeholder is text like any other, shown as written and
# never filled in a second time. The letters around it find it in the pages.
MARKER = "Zq {{ policy.store.name }} qZ"
PLACEHOLDER_FIELDS_PER_STORE = 4
BOMB_LEVELS, BOMB_WIDTH = 5, 10
DEEP_NESTING = 10_000


@dataclass
class Slot:
    """One declaration as one store writes it, with every variant that could change it."""

    spot: ModelSpot
    store: str
    primary: bool  # the store that takes the declaration's per-field classes
    variants: dict[str, Variant]  # by defect class


def field_variants() -> list[Variant]:
    """Every class of every kind at least once, every field at least once, and each
    field's own limits on every field that declares them.

    Classes that test a kind (a list where a number belongs) go round the kind's
    fields in turn, across both stores; classes that test a declaration (one
    past its maximum) go to every field with that declaration; the key classes
    go round the records, one per record.
    """
    slots = _slots()
    chosen = [
        variant
        for slot in slots
        if slot.primary
        for name, variant in slot.variants.items()
        if name in PER_FIELD
    ]
    by_kind: dict[str, list[Slot]] = {}
    for slot in slots:
        by_kind.setdefault(_kind_key(slot.spot), []).append(slot)
    for kind_slots in by_kind.values():
        chosen += _spread(kind_slots, _tests_the_kind)
    chosen += _keys(slots)
    return chosen


def _slots() -> list[Slot]:
    """Declaration by declaration, the primary store first, the stores taking turns."""
    spots: dict[tuple[str, str], dict[str, tuple[ModelSpot, YamlFile]]] = {}
    for store in STORE_DIRS:
        files = policy_files(STORE_DIRS[store] / "policy")
        for spot in model_spots(files):
            spots.setdefault(spot.declaration, {})[store] = (spot, files[spot.section])
    first, second = [], []
    for i, by_store in enumerate(spots.values()):
        stores = sorted(by_store, key=lambda s: (list(STORE_DIRS).index(s) - i) % 2)
        for n, store in enumerate(stores):
            spot, source = by_store[store]
            variants = {v.defect: v for v in _spot_variants(store, source, spot)}
            (first if n == 0 else second).append(Slot(spot, store, n == 0, variants))
    return first + second


def _tests_the_kind(defect: str) -> bool:
    return defect not in PER_FIELD and defect not in KEY_CLASSES


def _kind_key(spot: ModelSpot) -> str:
    reader = getattr(spot.kind.hint, "__name__", "") if spot.kind.name == "text_type" else ""
    return f"{spot.kind.name}:{reader}"


def _spread(slots: list[Slot], wanted: Callable[[str], bool]) -> list[Variant]:
    """Each wanted class once, on the slots in turn; then one for each field still without."""
    classes = list(dict.fromkeys(n for s in slots for n in s.variants if wanted(n)))
    chosen: list[Variant] = []
    covered: set[tuple[str, str]] = set()
    turn = 0
    for name in classes:
        for k in range(len(slots)):
            slot = slots[(turn + k) % len(slots)]
            if name in slot.variants:
                chosen.append(slot.variants[name])
                covered.add(slot.spot.declaration)
                turn = (turn + k + 1) % len(slots)
                break
    for slot in slots:
        options = [v for n, v in slot.variants.items() if wanted(n)]
        if slot.primary and options and slot.spot.declaration not in covered:
            chosen.append(options[turn % len(options)])
            covered.add(slot.spot.declaration)
            turn += 1
    return chosen


def _keys(slots: list[Slot]) -> list[Variant]:
    """One key class per record (missing, misspelled, duplicated), taking turns."""
    by_owner: dict[str, list[Slot]] = {}
    for slot in slots:
        if slot.primary and slot.spot.role == FIELD:
            by_owner.setdefault(slot.spot.owner.__name__, []).append(slot)
    chosen = []
    for i, owner_slots in enumerate(by_owner.values()):
        for k in range(len(KEY_CLASSES)):
            name = KEY_CLASSES[(i + k) % len(KEY_CLASSES)]
            able = [s for s in owner_slots if name in s.variants]
            if able:
                chosen.append(able[i % len(able)].variants[name])
                break
    return chosen


def placeholder_variants() -> list[Variant]:
    """A few free-text fields per store holding a placeholder: harmless, built in full."""
    found = []
    for store in STORE_DIRS:
        files = policy_files(STORE_DIRS[store] / "policy")
        sections_done: set[str] = set()
        for spot in model_spots(files):
            if len(sections_done) == PLACEHOLDER_FIELDS_PER_STORE:
                break
            if spot.section in sections_done or not _free_text(spot):
                continue
            sections_done.add(spot.section)
            text, _ = replace_value(files[spot.section], spot.spot, written(MARKER))
            found.append(
                Variant(
                    store, _file(spot), spot.dotted, "placeholder-in-text", "harmless",
                    Edit(_file(spot), text), harmful=False, marker=MARKER,
                )
            )  # fmt: skip
    return found


def _free_text(spot: ModelSpot) -> bool:
    """Prose a page shows (it has spaces), with room for the marker."""
    limit = spot.limit("max_length")
    return (
        spot.kind.name == "str"
        and isinstance(spot.data, str)
        and " " in spot.data
        and (limit is None or len(MARKER) <= limit)
    )


def _file(spot: ModelSpot) -> str:
    return f"policy/{spot.section}.yml"


def _spot_variants(store: str, source: YamlFile, spot: ModelSpot) -> Iterator[Variant]:
    for variant in _changes(store, source, spot):
        yield dataclasses.replace(variant, model_path=":".join(spot.declaration))


def _changes(store: str, source: YamlFile, spot: ModelSpot) -> Iterator[Variant]:
    file = _file(spot)
    for defect in value_defects(spot):
        text, line = replace_value(source, spot.spot, defect.written)
        yield Variant(
            store, file, spot.dotted, defect.name, defect.family, Edit(file, text),
            lines=frozenset({line}),
        )  # fmt: skip
    for name, family in key_defects(spot):
        if name == "missing-key":
            text = delete_entry(source, spot.spot)
            parent = spot.path[:-1]
            yield Variant(store, file, spot.dotted, name, family, Edit(file, text), parent=parent)
            continue
        if name == "misspelled-key":
            text, line = misspell_key(source, spot.spot, set(spot.siblings))
        elif name == "duplicate-key":
            text, line = duplicate_entry(source, spot.spot)
        else:  # a mapping entry's name against the mapping's key rule
            text, line = rename_key(source, spot.spot, "Not A Name")
        yield Variant(
            store, file, spot.dotted, name, family, Edit(file, text), lines=frozenset({line})
        )


# -- whole files -------------------------------------------------------------------

# A file-level class: (name, family, how to make it from the file) -> (edit, lines).
FileDefect = Callable[[YamlFile, str], tuple[Edit, frozenset[int]]]


def _first_key_line(source: YamlFile) -> int:
    return min(at.line for path, at in source.document.keys.items() if len(path) == 1)


def _new_line(content: str) -> FileDefect:
    """``content`` as a line of its own before the first key: the defect is on that line."""

    def make(source: YamlFile, file: str) -> tuple[Edit, frozenset[int]]:
        line = _first_key_line(source)
        return Edit(file, insert_line(source.text, line, content)), frozenset({1, line})

    return make


def _new_bytes(content: bytes) -> FileDefect:
    def make(source: YamlFile, file: str) -> tuple[Edit, frozenset[int]]:
        line = _first_key_line(source)
        lines = source.text.encode().split(b"\n")
        lines.insert(line - 1, content)
        return Edit(file, b"\n".join(lines)), frozenset({1, line})

    return make


def _whole(content: str | bytes, how: str = "write") -> FileDefect:
    return lambda source, file: (Edit(file, content, how), frozenset({1}))


def _bomb(source: YamlFile, file: str) -> tuple[Edit, frozenset[int]]:
    """A small "billion laughs": each level lists the one before it BOMB_WIDTH times."""
    rows = [f"lol0: &lol0 [{', '.join(['lol'] * BOMB_WIDTH)}]"]
    for level in range(1, BOMB_LEVELS + 1):
        rows.append(f"lol{level}: &lol{level} [{', '.join([f'*lol{level - 1}'] * BOMB_WIDTH)}]")
    line = _first_key_line(source)
    text = source.text
    for offset, row in enumerate(rows):
        text = insert_line(text, line + offset, row)
    return Edit(file, text), frozenset({1, *range(line, line + len(rows))})


def _too_large(source: YamlFile, file: str) -> tuple[Edit, frozenset[int]]:
    limit = getattr(textfiles, "MAX_FILE_BYTES", 1_000_000)
    return Edit(file, source.text + "# " + "x" * limit + "\n"), frozenset({1})


FILE_DEFECTS: tuple[tuple[str, str, FileDefect], ...] = (
    ("yaml-syntax", "yaml-file", _new_line("oops: a: b")),
    ("alias-bomb", "yaml-file", _bomb),
    ("recursive-alias", "yaml-file", _new_line("loop: &loop [*loop]")),
    ("deep-nesting", "yaml-file", _new_line("deep: " + "[" * DEEP_NESTING + "]" * DEEP_NESTING)),
    ("nul-byte", "file-bytes", _new_line("# a NUL \x00 byte")),
    ("raw-control-byte", "file-bytes", _new_line("# a bell \x07 byte")),
    ("non-utf8-byte", "file-bytes", _new_bytes(b"# caf\xe9 (Latin-1)")),
    ("file-too-large", "file-bytes", _too_large),
    ("empty-file", "file-kind", _whole("")),
    ("top-level-list", "file-kind", _whole("- a\n- b\n")),
    ("file-is-folder", "file-kind", _whole("", "folder")),
    ("dangling-symlink", "file-kind", _whole("", "dangling-link")),
)


def file_variants() -> list[Variant]:
    """Each file-level class once per store, on a different file each time."""
    found = []
    for offset, store in enumerate(STORE_DIRS):
        files = policy_files(STORE_DIRS[store] / "policy")
        sections = list(files)
        for i, (name, family, make) in enumerate(FILE_DEFECTS):
            section = sections[(i + offset) % len(sections)]
            if name == "empty-file" and not _required_file(section):
                # An optional part's file left empty is that part left out, as if
                # the file were not there (payments.yml, samples.yml): no mistake.
                required = [s for s in sections if _required_file(s)]
                section = required[(i + offset) % len(required)]
            file = f"policy/{section}.yml"
            edit, lines = make(files[section], file)
            found.append(Variant(store, file, "(file)", name, family, edit, lines=lines))
        required = [s for s in sections if _required_file(s)]
        missing = f"policy/{required[offset % len(required)]}.yml"
        found.append(
            Variant(
                store, missing, "(file)", "missing-file", "file-kind",
                Edit(missing, how="delete"), lines=frozenset({1}),
            )
        )  # fmt: skip
        extra = "policy/extras.yml"
        found.append(
            Variant(
                store, extra, "(file)", "unknown-file", "file-kind",
                Edit(extra, "note: a file the model does not name\n"), lines=frozenset({1}),
            )
        )  # fmt: skip
    return found


def _required_file(section: str) -> bool:
    field = next(f for f in dataclasses.fields(Policy) if f.name == section)
    return field.default is dataclasses.MISSING
