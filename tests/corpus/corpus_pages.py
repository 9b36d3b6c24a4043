"""Variants of the pages and of mkdocs.yml: one bad placeholder, value or file at a time.

A page's defect is a new paragraph right after the page's title, so its line
is known from the page itself. Each class goes to a different page of each
store. Hand-typed values are the policy's own, read through the model from the
store's YAML: every amount, e-mail address, time zone and day range it writes.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from corpus_edits import STORE_DIRS, Edit, Variant
from corpus_model import ModelSpot, model_spots, policy_files
from corpus_yaml import insert_line, read_yaml_file, replace_value

from calculators.values import Money
from helpcenter import textfiles

# (class, family, the paragraph written after the page's title)
PAGE_DEFECTS: tuple[tuple[str, str, str | bytes], ...] = (
    ("unknown-placeholder", "page-placeholder", "Ask {{ policy.store.nope }} about it."),
    ("record-placeholder", "page-placeholder", "Our calendar: {{ policy.calendar }}."),
    ("unclosed-placeholder", "page-placeholder", "Orders of {{ policy.store.name ship free."),
    ("stray-closing-braces", "page-placeholder", "Orders ship free }} today."),
    ("malformed-placeholder", "page-placeholder", "Call {{ Policy.Store.Name }} now."),
    ("unknown-unit", "page-placeholder", "It takes {{ policy.fulfilment.handling_days | eons }}."),
    ("widget-in-sentence", "page-placeholder", "Try {{ calculator.delivery }} here."),
    ("table-in-sentence", "page-placeholder", "See {{ table.methods }} below."),
    ("unknown-widget", "page-placeholder", "{{ calculator.nope }}"),
    ("unknown-table", "page-placeholder", "{{ table.nope }}"),
    ("non-utf8-page", "page-bytes", b"Caf\xe9 au lait (Latin-1)."),
    ("nul-in-page", "page-bytes", "A NUL \x00 byte."),
    ("bidi-control-in-page", "page-bytes", "Text that reads \u202ebackwards."),
)

# (class, how: a folder, a link to nothing, or a file over the size limit)
PAGE_FILE_DEFECTS = (
    ("page-is-folder", "folder"),
    ("page-dangling-symlink", "dangling-link"),
    ("page-too-large", "write"),
)

# (class, key, the value written in mkdocs.yml)
CONFIG_DEFECTS = (
    ("unknown-placeholder-in-site-name", "site_name", '"{{ policy.nope }} Help Center"'),
    ("record-placeholder-in-site-name", "site_name", '"{{ policy.calendar }} Help Center"'),
    ("unclosed-placeholder-in-site-name", "site_name", '"{{ policy.store.name Help Center"'),
    ("widget-in-site-name", "site_name", '"{{ calculator.delivery }}"'),
    ("unknown-placeholder-in-description", "site_description", '"Help: {{ policy.nope }}"'),
)


def pages_of(store: str) -> list[str]:
    docs = STORE_DIRS[store] / "docs"
    return [p.relative_to(STORE_DIRS[store]).as_posix() for p in sorted(docs.rglob("*.md"))]


def _paragraph(root: Path, page: str, content: str | bytes) -> tuple[bytes, int]:
    """The page with ``content`` as a paragraph after its first line, and that line."""
    raw = (root / page).read_bytes()
    title, _, rest = raw.partition(b"\n")
    data = content.encode() if isinstance(content, str) else content
    # Line 1 the title, line 2 blank, line 3 the paragraph, line 4 blank, then the page.
    return title + b"\n\n" + data + b"\n\n" + rest, 3


def page_variants() -> list[Variant]:
    found = []
    for offset, store in enumerate(STORE_DIRS):
        root, pages = STORE_DIRS[store], pages_of(store)
        for i, (name, family, content) in enumerate(PAGE_DEFECTS):
            page = pages[(i + offset) % len(pages)]
            data, line = _paragraph(root, page, content)
            found.append(
                Variant(
                    store, page, f"line{line}", name, family, Edit(page, data),
                    lines=frozenset({line}),
                )
            )  # fmt: skip
        for name, how in PAGE_FILE_DEFECTS:
            page = "docs/zz-extra.md"
            content = "#" * (getattr(textfiles, "MAX_FILE_BYTES", 1_000_000) + 1)
            edit = Edit(page, content if how == "write" else "", how)
            found.append(
                Variant(store, page, "(file)", name, "page-file", edit, lines=frozenset({1}))
            )
        found += list(_handtyped(store, pages, offset))
    return found


def _handtyped(store: str, pages: list[str], offset: int) -> Iterator[Variant]:
    """Each policy value the pages must quote through a placeholder, typed by hand."""
    root = STORE_DIRS[store]
    typed: dict[str, str] = {}  # the typed text -> where the policy holds it
    for spot in model_spots(policy_files(root / "policy")):
        text = _as_typed(spot)
        if text is not None:
            typed.setdefault(text, spot.dotted)
    for i, (text, where) in enumerate(typed.items()):
        page = pages[(i + offset) % len(pages)]
        data, line = _paragraph(root, page, f"As of today, {text} applies here.")
        yield Variant(
            store, page, f"line{line}", f"handtyped:{where}", "page-handtyped", Edit(page, data),
            lines=frozenset({line}),
        )  # fmt: skip


def _as_typed(spot: ModelSpot) -> str | None:
    """The value as an editor would type it into prose, if pages must never type it."""
    data, reader = spot.data, getattr(spot.kind.hint, "__name__", "")
    if spot.kind.name == "text_type" and reader == "Money" and isinstance(data, str):
        money = Money.parse(data)
        return str(money) if money.cents else None
    if spot.kind.name == "text_type" and reader in ("EmailAddress", "ZoneName"):
        return str(data)
    if spot.kind.name == "str" and isinstance(data, str) and "@" in data:
        return data  # an address in a model without an e-mail type
    if spot.kind.name == "record" and reader == "DayRange" and isinstance(data, dict):
        low, high = data.get("min"), data.get("max")
        return f"{low}–{high}" if low != high else None
    return None


def config_variants() -> list[Variant]:
    found = []
    for store in STORE_DIRS:
        config = read_yaml_file(STORE_DIRS[store] / "mkdocs.yml")
        for name, key, value in CONFIG_DEFECTS:
            spot = config.spots.get((key,))
            if spot is None:
                continue
            text, line = replace_value(config, spot, value)
            found.append(
                Variant(
                    store, "mkdocs.yml", key, name, "mkdocs-config", Edit("mkdocs.yml", text),
                    lines=frozenset({line}),
                )
            )  # fmt: skip
        broken = insert_line(config.text, 1, "oops: a: b")
        found.append(
            Variant(
                store, "mkdocs.yml", "(file)", "mkdocs-yaml-syntax", "mkdocs-config",
                Edit("mkdocs.yml", broken), lines=frozenset({1}),
            )
        )  # fmt: skip
    return found
