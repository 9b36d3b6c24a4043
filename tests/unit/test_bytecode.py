"""Sourceless bytecode for Pyodide: compiled by its own Python, cached, never a failed build."""

from __future__ import annotations

import importlib.util
import io
import shutil
import zipfile
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from helpcenter.bytecode import (
    BytecodeChoice,
    BytecodeUnavailable,
    check_members,
    compiled_zip,
)

ROOT = Path(__file__).resolve().parents[2]
PYODIDE = ROOT / "node_modules" / "pyodide"
needs_node = pytest.mark.skipif(
    shutil.which("node") is None or not PYODIDE.is_dir(),
    reason="Node and Pyodide (npm ci) compile the bytecode",
)
STORED, DEFLATED = zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED
# Python 3.14's magic number is 3627 (Lib/importlib/_bootstrap_external.py,
# "Python 3.14rc1 3627"), two bytes little-endian then "\r\n": 0x0E2B -> 2B 0E 0D 0A.
PYODIDE_MAGIC = bytes([0x2B, 0x0E, 0x0D, 0x0A])
# PEP 552 flags, a little-endian word: bit 0 "hash-based", bit 1 "check the source"
# (left unset: nothing is read to trust the file).
UNCHECKED_HASH_FLAGS = bytes([1, 0, 0, 0])


def zip_of(members: dict[str, tuple[bytes, int]]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, (content, method) in members.items():
            info = zipfile.ZipInfo(name, date_time=(1980, 1, 1, 0, 0, 0))
            info.compress_type = method
            archive.writestr(info, content)
    return buffer.getvalue()


# A package whose members are stored and deflated, with Windows newlines and a data file.
SOURCES = zip_of(
    {
        "pkg/__init__.py": (b'"""A package."""\n', STORED),
        "pkg/mod.py": (b"ANSWER = 6 * 7\r\n", DEFLATED),
        "pkg/data.txt": (b"kept as it is\n", STORED),
    }
)


def members(content: bytes) -> dict[str, tuple[bytes, int]]:
    with zipfile.ZipFile(io.BytesIO(content)) as archive:
        return {i.filename: (archive.read(i), i.compress_type) for i in archive.infolist()}


@pytest.fixture(scope="module")
def compiled(tmp_path_factory: pytest.TempPathFactory) -> tuple[BytecodeChoice, Path]:
    cache = tmp_path_factory.mktemp("cache")
    return compiled_zip(SOURCES, "site-packages", PYODIDE, cache=cache), cache


@needs_node
def test_each_source_becomes_an_unchecked_pyc_of_pyodides_python(
    compiled: tuple[BytecodeChoice, Path],
) -> None:
    choice, _ = compiled
    assert choice.compiled and choice.warning is None
    found = members(choice.content)
    assert {name: method for name, (_, method) in found.items()} == {
        "pkg/__init__.pyc": STORED,
        "pkg/data.txt": STORED,
        "pkg/mod.pyc": DEFLATED,
    }
    assert found["pkg/data.txt"][0] == b"kept as it is\n"
    # Docstrings are left out (a body of only one gets a pass); "ANSWER" is a name kept.
    assert b"A package." not in found["pkg/__init__.pyc"][0]
    assert b"ANSWER" in found["pkg/mod.pyc"][0]
    for name in ("pkg/__init__.pyc", "pkg/mod.pyc"):
        header = found[name][0][:8]
        assert header == PYODIDE_MAGIC + UNCHECKED_HASH_FLAGS
    # The point of compiling in Pyodide: this CPython's bytecode would be refused there.
    assert importlib.util.MAGIC_NUMBER != PYODIDE_MAGIC


@needs_node
def test_the_cache_answers_without_node(compiled: tuple[BytecodeChoice, Path]) -> None:
    choice, cache = compiled
    again = compiled_zip(SOURCES, "site-packages", PYODIDE, cache=cache, node="/no/such/node")
    assert again == choice


@needs_node
def test_equal_sources_compile_to_equal_bytes(
    compiled: tuple[BytecodeChoice, Path], tmp_path: Path
) -> None:
    # A fresh cache: a second Pyodide start compiles again; the zip's name is its hash.
    assert compiled_zip(SOURCES, "site-packages", PYODIDE, cache=tmp_path) == compiled[0]


@needs_node
def test_a_source_that_does_not_compile_ships_the_sources(tmp_path: Path) -> None:
    broken = zip_of({"pkg/__init__.py": (b"def (:\n", STORED)})
    choice = compiled_zip(broken, "stdlib", PYODIDE, cache=tmp_path)
    assert choice.content == broken and not choice.compiled
    assert choice.warning is not None
    assert choice.warning == (
        "The standard library ships as Python sources, not bytecode "
        "(compile-bytecode.mjs failed: compile-bytecode: SyntaxError: invalid syntax), "
        "so Pyodide compiles them on every visit and the calculators start slower."
    )
    assert list(tmp_path.iterdir()) == []  # a failure is not cached


def test_without_node_the_sources_ship_with_a_warning(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("PATH", str(tmp_path))  # a folder with no node in it
    choice = compiled_zip(SOURCES, "site-packages", PYODIDE, cache=tmp_path)
    assert choice == BytecodeChoice(
        SOURCES,
        compiled=False,
        warning=(
            "The calculators' archive ships as Python sources, not bytecode (Node is not "
            "installed), so Pyodide compiles them on every visit and the calculators start "
            "slower. Install Node 20 and run `npm ci`, then build again."
        ),
    )


def test_without_pyodide_the_sources_ship(tmp_path: Path) -> None:
    choice = compiled_zip(SOURCES, "stdlib", tmp_path / "no-pyodide", cache=tmp_path)
    assert choice == BytecodeChoice(
        SOURCES,
        compiled=False,
        warning=(
            f"The standard library ships as Python sources, not bytecode (no Pyodide in "
            f"{tmp_path / 'no-pyodide'}), so Pyodide compiles them on every visit and the "
            "calculators start slower. Install Node 20 and run `npm ci`, then build again."
        ),
    )


@pytest.mark.parametrize(
    "made",
    [
        # a source left out
        {"pkg/__init__.pyc": (b"x", STORED), "pkg/data.txt": (b"x", STORED)},
        # a source kept as source
        {
            "pkg/__init__.pyc": (b"x", STORED),
            "pkg/mod.py": (b"x", DEFLATED),
            "pkg/data.txt": (b"x", STORED),
        },
        # a member's compression changed
        {
            "pkg/__init__.pyc": (b"x", STORED),
            "pkg/mod.pyc": (b"x", STORED),
            "pkg/data.txt": (b"x", STORED),
        },
    ],
)
def test_a_compiled_zip_that_does_not_answer_the_sources_is_refused(
    made: dict[str, tuple[bytes, int]],
) -> None:
    with pytest.raises(BytecodeUnavailable, match="members differ"):
        check_members(SOURCES, zip_of(made))


def test_a_compiled_zip_that_is_no_zip_is_refused() -> None:
    with pytest.raises(BytecodeUnavailable, match="unreadable"):
        check_members(SOURCES, b"not a zip")


names = st.lists(
    st.from_regex(r"[a-z]{1,8}(/[a-z]{1,8}){0,2}\.(py|txt|json)", fullmatch=True),
    unique=True,
    max_size=8,
)


@given(names, st.sampled_from([STORED, DEFLATED]))
def test_renaming_each_source_to_pyc_answers_the_sources(names: list[str], method: int) -> None:
    sources = zip_of({name: (b"", method) for name in names})
    made = zip_of({(n + "c" if n.endswith(".py") else n): (b"", method) for n in names})
    check_members(sources, made)
