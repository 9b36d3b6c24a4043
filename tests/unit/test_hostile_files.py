"""Hostile or broken files give one located sentence each: no traceback, no hang, no blow-up.

Every case writes a real file under tmp_path and reads it the way the tool does:
``read_document`` for one policy file, then ``helpcenter check``'s pipeline on a
copy of the test workshop. Positions are counted by hand from the case's bytes:
lines end at LF, CRLF or CR (as YAML counts them), columns count characters
from 1. Nothing here is timed: the alias bomb and the 10,000 brackets finishing
at all is the proof, because reading them is bounded by construction.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
from helpcenter_command import helpcenter
from yaml.reader import Reader

from helpcenter.pipeline import check, project_at
from helpcenter.yamlsource import read_document

WORKSHOP = Path(__file__).parent.parent / "fixtures" / "workshop" / "policy"
STORE = "policy/store.yml"

Make = Callable[[Path], None]


def content(data: bytes | str) -> Make:
    raw = data.encode("utf-8") if isinstance(data, str) else data

    def make(path: Path) -> None:
        path.write_bytes(raw)

    return make


def sparse(size: int) -> Make:
    """A file of ``size`` bytes that uses no disk: only a read that stops early passes."""

    def make(path: Path) -> None:
        with path.open("wb") as file:
            file.truncate(size)

    return make


folder: Make = Path.mkdir


def link_to(target: str, make_target: Make | None = None) -> Make:
    def make(path: Path) -> None:
        if make_target is not None:
            make_target(path.parent / target)
        path.symlink_to(target)

    return make


fifo: Make = os.mkfifo  # opening a pipe to read waits for a writer, forever if none comes


def laughs() -> str:
    """Billion laughs: nine "lol"s, then eight lines of nine aliases to the line above (9**9)."""
    lines = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    for before, name in zip("abcdefgh", "bcdefghi", strict=True):
        lines.append(f"{name}: &{name} [" + ",".join([f"*{before}"] * 9) + "]")
    return "\n".join(lines) + "\n"


def error(where: str, message: str, rule: str, file: str = STORE) -> str:
    return f"{file}:{where}: [error] {message} ({rule})"


def control(where: str, words: str, file: str = STORE) -> str:
    message = (
        f"Expected text without control characters but received {words}; "
        "delete it (most editors do not show it)."
    )
    return error(where, message, "control-character", file)


def not_utf8(where: str, byte: str, file: str = STORE) -> str:
    message = (
        f"Expected UTF-8 text but received the byte {byte}, which is not UTF-8 here "
        "(save the file as UTF-8)."
    )
    return error(where, message, "file-encoding", file)


def not_a_file(found: str, file: str = STORE) -> str:
    return error("1:1", f"Expected a plain text file but found {found}.", "not-a-file", file)


def too_large(size: str) -> str:
    message = f"Expected a file of at most 1,000,000 bytes but received {size} bytes."
    return error("1:1", message, "file-too-large")


def alias(where: str, what: str, more: str = "") -> str:
    message = (
        f"Expected a value written out but received {what}. "
        f"Aliases are not read here: write the value out in full.{more}"
    )
    return error(where, message, "yaml-alias")


def syntax(where: str, what: str) -> str:
    return error(where, f"This is not valid YAML: {what}.", "yaml-syntax")


TOO_DEEP = (
    "Expected lists and mappings nested at most 64 levels deep but received more "
    "(the first level too deep starts here)."
)
TOO_MANY = (
    "Expected at most 10,000 keys and values in one file but received more "
    "(the first one past the limit is here)."
)
NUL = "a NUL byte (U+0000)"
RLO = "an invisible text-direction control, right-to-left override (U+202E)"
LRI = "an invisible text-direction control, left-to-right isolate (U+2066)"
COPY_OF_LINE_1 = "the alias {} (a copy of the value at line 1)"
LOOP = "the alias *n inside the very value it copies (line 1), which would repeat forever"
NOWHERE = "a link that points to nothing"

# (case, how the file is made, every problem reading it as policy/store.yml gives)
POLICY_CASES: list[tuple[str, Make, list[str]]] = [
    # "name: Test" is 10 characters, so the NUL is column 11.
    ("NUL byte", content(b"name: Test\x00Workshop\n"), [control("1:11", NUL)]),
    # CRLF ends line 1; "website: work" is 13 characters.
    ("NUL after CRLF", content(b"name: x\r\nwebsite: work\x00shop\r\n"), [control("2:14", NUL)]),
    # A lone CR ends line 1 as in YAML; "b: " is 3 characters.
    (
        "bell after a CR",
        content(b"a: 1\rb: \x07\r"),
        [control("2:4", "a control character (U+0007)")],
    ),
    ("form feed", content("a: 1\nb: \x0c\n"), [control("2:4", "a form feed (U+000C)")]),
    ("delete", content("name: x\x7f\n"), [control("1:8", "a delete character (U+007F)")]),
    # PyYAML would take U+0085 and U+2028 as line breaks; "name: a" is 7 characters.
    ("next line", content("name: a\u0085b\n"), [control("1:8", "a next-line character (U+0085)")]),
    ("line separator", content("name: a\u2028b\n"), [control("1:8", "a line separator (U+2028)")]),
    ("right-to-left override", content("name: \u202eabc\n"), [control("1:7", RLO)]),
    ("first isolate of two", content("a: 1\nname: x\u2066y\u2069\n"), [control("2:8", LRI)]),
    ("noncharacter", content("name: \uffff\n"), [control("1:7", "a noncharacter (U+FFFF)")]),
    # Latin-1 "é": "name: Caf" is 9 characters.
    ("Latin-1", content(b"name: Caf\xe9\n"), [not_utf8("1:10", "0xE9")]),
    # "café: " is 6 characters but 7 bytes: the column counts characters.
    ("after a two-byte character", content(b"caf\xc3\xa9: \xff\n"), [not_utf8("1:7", "0xFF")]),
    # A euro sign cut after two of its three bytes, at the end of the file.
    ("cut short", content(b"name: \xe2\x82"), [not_utf8("1:7", "0xE2")]),
    ("UTF-16", content("name: x\n".encode("utf-16")), [not_utf8("1:1", "0xFF")]),
    ("one byte too large", content(b"#" * 1_000_001), [too_large("1,000,001")]),
    ("three gigabytes", sparse(3_000_000_000), [too_large("3,000,000,000")]),
    ("folder", folder, [not_a_file("a folder")]),
    (
        "link to a file",
        link_to("other.txt", content("a: 1\n")),
        [not_a_file("a link to another file")],
    ),
    ("link to a folder", link_to("elsewhere", folder), [not_a_file("a link to a folder")]),
    ("dangling link", link_to("gone.yml"), [not_a_file(NOWHERE)]),
    ("link to itself", link_to("store.yml"), [not_a_file(NOWHERE)]),
    ("pipe", fifo, [not_a_file("a special file (a pipe, socket or device)")]),
    # "name: &n [" is 10 characters: the alias starts at column 11.
    ("recursive alias", content("name: &n [*n]\n"), [alias("1:11", LOOP)]),
    # "b: &b [" is 7 characters; 8 lines of 9 aliases each.
    (
        "billion laughs",
        content(laughs()),
        [
            alias(
                "2:8", COPY_OF_LINE_1.format("*a"), " This is the first of 72 aliases in this file."
            )
        ],
    ),
    ("alias", content("a: &x 1\nb: *x\n"), [alias("2:4", COPY_OF_LINE_1.format("*x"))]),
    (
        "alias to nothing, then a duplicate key",
        content("name: *nowhere\nname: x\n"),
        [
            alias("1:7", "the alias *nowhere, which names no value before it"),
            error(
                "2:1",
                "Duplicate key 'name': it is already set at line 1. Keep one of the two.",
                "duplicate-key",
            ),
        ],
    ),
    (
        # The alias is said though the file stops being YAML after it (with no count: the
        # rest was never read). The '[' is never closed: the stream ends at line 4, column 1.
        "alias, then broken YAML",
        content("a: &x 1\nb: *x\nc: [\n"),
        [
            alias("2:4", COPY_OF_LINE_1.format("*x")),
            syntax(
                "4:1",
                "expected the node content, but found '<stream end>' "
                "(while parsing a flow node that starts at 4:1)",
            ),
        ],
    ),
    # The root mapping is level 1 and "name: " is 6 characters, so the k-th '[' is level
    # k + 1 at column 6 + k: level 65 is the 64th '[', at column 70.
    (
        "10,000 nested lists",
        content("name: " + "[" * 10_000 + "]" * 10_000 + "\n"),
        [error("1:70", TOO_DEEP, "yaml-nesting")],
    ),
    # Line k holds "a:" indented k - 1 spaces, the mapping of level k: level 65 is 65:65.
    (
        "65 nested mappings",
        content("".join(" " * k + "a:\n" for k in range(64)) + " " * 64 + "a: x\n"),
        [error("65:65", TOO_DEEP, "yaml-nesting")],
    ),
    # Each "{a: " is 4 characters: the k-th '{' is level k at column 4k - 3, level 65 at 257.
    (
        "10,000 nested flow mappings",
        content("{a: " * 10_000 + "1" + "}" * 10_000),
        [error("1:257", TOO_DEEP, "yaml-nesting")],
    ),
    # The list is value 1 and line k's item value k + 1: value 10,001 is on line 10,000,
    # after "- " (column 3).
    ("10,001 values", content("- x\n" * 10_000), [error("10000:3", TOO_MANY, "too-many-values")]),
    (
        # Aliases count as values (each is a node): list 1, "x" 2, line k's alias k + 1.
        "10,000 aliases",
        content("- &a x\n" + "- *a\n" * 9_999),
        [alias("2:3", COPY_OF_LINE_1.format("*a")), error("10000:3", TOO_MANY, "too-many-values")],
    ),
    (
        # The unclosed '[' at 1:7 swallows line 2; "support_email" is 13 characters, so
        # YAML notices at the ':' in column 14 (as in test_policy_errors).
        "syntax error keeps PyYAML's context",
        content("name: [Test Workshop\nsupport_email: help@workshop.test\n"),
        [
            syntax(
                "2:14",
                "expected ',' or ']', but got ':' "
                "(while parsing a flow sequence that starts at 1:7)",
            )
        ],
    ),
]


@pytest.mark.parametrize(
    ("case", "make", "expected"), POLICY_CASES, ids=[c[0] for c in POLICY_CASES]
)
def test_read_document(tmp_path: Path, case: str, make: Make, expected: list[str]) -> None:
    path = tmp_path / "store.yml"
    make(path)
    document = read_document(path, STORE)
    assert [str(p) for p in document.problems] == expected


@pytest.fixture
def store(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A copy of the test workshop with one plain page, as the current folder (short names)."""
    shutil.copytree(WORKSHOP, tmp_path / "policy")
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "index.md").write_text("# Help\n\nAsk us anything.\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def new_problems(root: Path, change: Callable[[], None]) -> list[str]:
    """What ``helpcenter check`` says after ``change`` that it did not say before.

    Compared with the untouched copy, so the one broken file is all that is
    asserted: the copy says other things of its own (the Pyodide runtime is
    installed by npm ci, not copied into tmp_path), and no case may add more.
    """
    before = [str(p) for p in check(project_at(root)).problems]
    change()
    return [str(p) for p in check(project_at(root)).problems if str(p) not in before]


def replace(path: Path, make: Make) -> Callable[[], None]:
    def change() -> None:
        path.unlink()
        make(path)

    return change


@pytest.mark.parametrize(
    ("case", "make", "expected"), POLICY_CASES, ids=[c[0] for c in POLICY_CASES]
)
def test_check_policy_file(store: Path, case: str, make: Make, expected: list[str]) -> None:
    assert new_problems(store, replace(store / "policy" / "store.yml", make)) == expected


PAGE = "docs/index.md"

# (case, how docs/index.md is made, every problem it adds)
PAGE_CASES = [
    # "Caf" is 3 characters on line 3.
    ("Latin-1 page", content(b"# Help\n\nCaf\xe9\n"), [not_utf8("3:4", "0xE9", PAGE)]),
    ("NUL in a page", content(b"# Help\n\nA\x00\n"), [control("3:2", NUL, PAGE)]),
    # "Pay " is 4 characters: the override that would show "$95" as "59$" is column 5.
    ("override in a page", content("# Help\n\nPay \u202e$95\n"), [control("3:5", RLO, PAGE)]),
    (
        "line separator in a page",
        content("# Help\u2028\n"),
        [control("1:7", "a line separator (U+2028)", PAGE)],
    ),
    ("page as a folder", folder, [not_a_file("a folder", PAGE)]),
    ("page as a dangling link", link_to("gone.md"), [not_a_file(NOWHERE, PAGE)]),
]


@pytest.mark.parametrize(
    ("make", "expected"),
    [pytest.param(make, expected, id=case) for case, make, expected in PAGE_CASES],
)
def test_check_page(store: Path, make: Make, expected: list[str]) -> None:
    assert new_problems(store, replace(store / "docs" / "index.md", make)) == expected


# Text that is odd but fine: tabs, CRLF, a byte-order mark, right-to-left text
# with its (visible-by-design) marks, no-break spaces, emoji.
BENIGN = [
    "\ufeffname: Test Workshop\n",
    "name: Test Workshop\r\nwebsite: workshop.test\r\n",
    "name: 'Test\tWorkshop'  # a\ttab\n",  # PyYAML reads no tab in a plain value
    "name: \u05e1\u05d3\u05e0\u05d4\u200f\n",
    "name: Test\u00a0Workshop \U0001f9f5\n",
    "a: &unused 1\nb: &unused 2\n",  # an anchor no alias uses does nothing, twice or not
    "name: " + "[" * 63 + "x" + "]" * 63 + "\n",  # 64 levels with the root mapping
    "- x\n" * 9_999,  # the list and its items: 10,000 values
]


@pytest.mark.parametrize("text", BENIGN)
def test_odd_but_fine(tmp_path: Path, text: str) -> None:
    path = tmp_path / "store.yml"
    path.write_text(text, encoding="utf-8", newline="")
    assert read_document(path, STORE).problems == []


def test_yaml_stays_text_except_null_and_booleans(tmp_path: Path) -> None:
    path = tmp_path / "store.yml"
    path.write_text("a: NO\nb: 2026-12-25\nc: true\nd: ~\ne: 'true'\nf:\n", encoding="utf-8")
    data = read_document(path, STORE).data
    assert data == {"a": "NO", "b": "2026-12-25", "c": True, "d": None, "e": "true", "f": None}


def test_the_bomb_is_never_expanded(tmp_path: Path) -> None:
    path = tmp_path / "store.yml"
    path.write_text(laughs(), encoding="utf-8")
    data = read_document(path, STORE).data
    # Each alias reads as an empty value: nine of them per line, nothing copied.
    assert isinstance(data, dict)
    assert data["i"] == [None] * 9


def test_every_character_pyyaml_refuses_is_a_located_problem(tmp_path: Path) -> None:
    # PyYAML's reader raises a ReaderError (no position, a traceback) for these;
    # read_text must find each one first.
    everything = "".join(chr(c) for c in range(0x110000) if not 0xD800 <= c <= 0xDFFF)
    refused = [m.group() for m in Reader.NON_PRINTABLE.finditer(everything)]
    # U+0000..U+001F but tab, LF, CR; U+007F..U+009F but U+0085; U+FFFE and U+FFFF.
    assert len(refused) == 32 - 3 + 33 - 1 + 2
    path = tmp_path / "store.yml"
    for char in refused:
        path.write_text(f"name: {char}\n", encoding="utf-8")
        rules = [(p.rule, p.line, p.column) for p in read_document(path, STORE).problems]
        assert rules == [("control-character", 1, 7)], hex(ord(char))


def test_cli_check_on_an_alias_bomb(store: Path) -> None:
    (store / "policy" / "store.yml").write_text(laughs(), encoding="utf-8")
    run = helpcenter("--project", store, "check", cwd=store)
    assert run.returncode == 1
    assert "Traceback" not in run.stderr
    first = alias(
        "2:8", COPY_OF_LINE_1.format("*a"), " This is the first of 72 aliases in this file."
    )
    assert first in run.stdout.splitlines()
