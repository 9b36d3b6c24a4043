"""The trimmed standard library: the list covers the calculators, the zip holds the list."""

from __future__ import annotations

import ast
import io
import json
import sys
import zipfile
from pathlib import Path

import pytest

from helpcenter.stdlib import (
    MODULE_LIST,
    STDLIB_NAME,
    calculator_cases,
    list_mismatch,
    module_list,
    trim_zip,
    trimmed_stdlib,
)

ROOT = Path(__file__).resolve().parents[2]
PYODIDE = ROOT / "node_modules" / "pyodide"
CALCULATORS = ROOT / "calculators"


def imported_modules(source: str) -> set[str]:
    """Every module an ``import`` anywhere in ``source`` names, with its parents
    (``collections.abc`` -> ``collections``, ``collections.abc``); relative ones left out."""
    names: set[str] = set()
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            found = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            found = [node.module]
        else:
            continue
        for name in found:
            parts = name.split(".")
            names.update(".".join(parts[: i + 1]) for i in range(len(parts)))
    return names


def stdlib_imports_of_calculators() -> set[str]:
    found: set[str] = set()
    for path in sorted(CALCULATORS.glob("*.py")):
        found |= imported_modules(path.read_text(encoding="utf-8"))
    # calculators itself is not the standard library; __future__ is, and is listed.
    return {name for name in found if name.split(".")[0] in sys.stdlib_module_names}


def zip_file_of(module: str, members: set[str]) -> str | None:
    """The member of the stdlib zip a module is read from (None: built into Pyodide)."""
    stem = module.replace(".", "/")
    for candidate in (f"{stem}.py", f"{stem}/__init__.py"):
        if candidate in members:
            return candidate
    return None


def test_imported_modules_reads_imports_inside_functions() -> None:
    source = "import re\ndef f():\n    from zoneinfo import ZoneInfo\n    import collections.abc\n"
    source += "from . import sibling\nfrom calculators.text import duration\n"
    assert imported_modules(source) == {
        "re",
        "zoneinfo",
        "collections",
        "collections.abc",
        "calculators",
        "calculators.text",
    }


@pytest.mark.skipif(not PYODIDE.is_dir(), reason="npm ci has not installed Pyodide")
def test_every_stdlib_module_the_calculators_import_is_listed() -> None:
    with zipfile.ZipFile(PYODIDE / STDLIB_NAME) as whole:
        members = set(whole.namelist())
    listing = module_list()
    files = set(listing["files"])  # type: ignore[call-overload]
    modules = listing["modules"]
    assert isinstance(modules, dict)
    needed = stdlib_imports_of_calculators()
    # Known from reading calculators/: a smoke test that the walk found the imports.
    assert {"datetime", "zoneinfo", "json", "re", "dataclasses", "unicodedata"} <= needed
    missing = {}
    for module in sorted(needed):
        member = zip_file_of(module, members)
        if member is not None and (member not in files or modules.get(module) != member):
            missing[module] = member
    assert missing == {}, "run `node scripts/stdlib-modules.mjs` to list the modules again"


@pytest.mark.skipif(not PYODIDE.is_dir(), reason="npm ci has not installed Pyodide")
def test_the_list_is_made_for_the_installed_pyodide() -> None:
    # Otherwise every build ships the whole standard library (with a warning).
    installed = json.loads((PYODIDE / "package.json").read_text(encoding="utf-8"))["version"]
    assert module_list()["pyodide"] == installed


@pytest.mark.skipif(not PYODIDE.is_dir(), reason="npm ci has not installed Pyodide")
def test_the_installed_pyodide_gets_the_trimmed_library(tmp_path: Path) -> None:
    choice = trimmed_stdlib(PYODIDE)
    assert (choice.trimmed, choice.warning) == (True, None)
    with zipfile.ZipFile(io.BytesIO(choice.content)) as trimmed:
        assert trimmed.namelist() == sorted(module_list()["files"])  # type: ignore[call-overload]


def fake_pyodide(folder: Path, version: str, members: dict[str, bytes]) -> Path:
    folder.mkdir()
    (folder / "package.json").write_text(json.dumps({"version": version}), encoding="utf-8")
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, content in members.items():
            archive.writestr(name, content)
    (folder / STDLIB_NAME).write_bytes(buffer.getvalue())
    return folder


SOURCES = {
    "json/__init__.py": b"from .decoder import JSONDecoder\n" * 40,
    "json/decoder.py": b"class JSONDecoder: pass\n" * 40,
    "tkinter/__init__.py": b"raise ImportError('no screen')\n",
}


def write_list(path: Path, version: str, files: list[str]) -> Path:
    path.write_text(json.dumps({"pyodide": version, "files": files}), encoding="utf-8")
    return path


def test_a_list_for_another_pyodide_ships_the_whole_library(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("HELPCENTER_CACHE", str(tmp_path / "cache"))
    source = fake_pyodide(tmp_path / "pyodide", "315.0.0", SOURCES)
    listing = write_list(tmp_path / "list.json", "314.0.7", ["json/__init__.py"])
    choice = trimmed_stdlib(source, listing)
    assert choice.content == (source / STDLIB_NAME).read_bytes()
    assert choice.trimmed is False
    assert choice.warning == (
        "The standard-library list (list.json) was made for Pyodide 314.0.7 but Pyodide "
        "315.0.0 is installed, so the site ships its whole python_stdlib.zip "
        "(2.5 MB on the wire instead of 0.7 MB). Run `node scripts/stdlib-modules.mjs` to "
        "list the modules again."
    )


def test_the_trimmed_zip_holds_the_listed_files_stored_and_repeats(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("HELPCENTER_CACHE", str(tmp_path / "cache"))
    source = fake_pyodide(tmp_path / "pyodide", "314.0.7", SOURCES)
    listing = write_list(tmp_path / "list.json", "314.0.7", ["json/decoder.py", "json/__init__.py"])
    first, again = trimmed_stdlib(source, listing), trimmed_stdlib(source, listing)
    assert first.content == again.content  # same list, same bytes: the hashed name stays
    with zipfile.ZipFile(io.BytesIO(first.content)) as trimmed:
        infos = trimmed.infolist()
        assert [i.filename for i in infos] == ["json/__init__.py", "json/decoder.py"]
        # Stored wins here: brotli shrinks 40 repeated lines far below deflate's output.
        assert {i.compress_type for i in infos} == {zipfile.ZIP_STORED}
        assert {i.date_time for i in infos} == {(1980, 1, 1, 0, 0, 0)}
        assert trimmed.read("json/decoder.py") == SOURCES["json/decoder.py"]


def test_a_host_sending_files_as_they_are_gets_the_deflated_zip(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("HELPCENTER_CACHE", str(tmp_path / "cache"))
    source = fake_pyodide(tmp_path / "pyodide", "314.0.7", SOURCES)
    listing = write_list(tmp_path / "list.json", "314.0.7", ["json/decoder.py", "json/__init__.py"])
    choice = trimmed_stdlib(source, listing, precompressed=False)
    with zipfile.ZipFile(io.BytesIO(choice.content)) as trimmed:
        # Without the .br twin the file itself crosses: deflate's 40 lines are smaller.
        assert {i.compress_type for i in trimmed.infolist()} == {zipfile.ZIP_DEFLATED}
        assert trimmed.read("json/__init__.py") == SOURCES["json/__init__.py"]


def test_a_listed_file_the_zip_lacks_is_refused(tmp_path: Path) -> None:
    source = fake_pyodide(tmp_path / "pyodide", "314.0.7", SOURCES)
    with pytest.raises(KeyError, match=r"python_stdlib\.zip has no json/missing\.py"):
        trim_zip((source / STDLIB_NAME).read_bytes(), ["json/missing.py", "json/__init__.py"])


def test_the_committed_list_names_its_maker_and_is_sorted() -> None:
    listing = json.loads(MODULE_LIST.read_text(encoding="utf-8"))
    assert listing["files"] == sorted(set(listing["files"]))
    assert set(listing["modules"].values()) == set(listing["files"])


def test_cases_vary_each_field_and_leave_each_out() -> None:
    fields = [("method", "choice", ["standard", "expedited"]), ("gift", "yesno", [])]
    cases = list(calculator_cases(fields, "-05:00"))
    # By hand: 1 baseline; method: 4 more values (expedited, "", no-such-option,
    # None) and once left out; gift: 5 more values (no, True, False, "", maybe)
    # and once left out; no moment field, so no pairs.
    assert len(cases) == 1 + 4 + 1 + 5 + 1
    assert cases[0] == {"method": "standard", "gift": "yes"}
    assert {"gift": "yes"} in cases and {"method": "standard"} in cases
    assert {"method": None, "gift": "yes"} in cases


def test_a_list_made_for_another_pyodide_is_named_in_words(tmp_path):
    # A folder standing in for node_modules/pyodide at another version: the check
    # warns (the build then ships the whole standard library) and says what to run.
    listed = module_list()["pyodide"]
    (tmp_path / "package.json").write_text('{"version": "0.0.1"}', encoding="utf-8")
    assert list_mismatch(tmp_path) == (
        f"The standard-library list (stdlib_modules.json) was made for Pyodide {listed} but "
        "Pyodide 0.0.1 is installed, so the site ships its whole python_stdlib.zip "
        "(2.5 MB on the wire instead of 0.7 MB). Run `node scripts/stdlib-modules.mjs` to list the "
        "modules again."
    )
    (tmp_path / "package.json").write_text(f'{{"version": "{listed}"}}', encoding="utf-8")
    assert list_mismatch(tmp_path) is None
