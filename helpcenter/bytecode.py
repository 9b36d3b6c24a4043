"""Python bytecode for Pyodide, compiled at build time so the browser compiles nothing.

Pyodide's ``python_stdlib.zip`` and the calculators' archive hold sources
only, so every visit compiles each module the worker imports again, inside
WebAssembly: some 140 standard-library files (Pyodide's own start imports
most of them) and the calculators. ``scripts/compile-bytecode.mjs`` boots the
installed Pyodide in Node and turns a zip of sources into a zip of sourceless
``.pyc`` (unchecked-hash, PEP 552: trusted without a source or an mtime), which
zipimport and site-packages' file finder import as they are. The magic number
is the one of Pyodide's Python (3.14), not this build's CPython. Docstrings
and traceback column ranges are left out (the script says why): stored and
sent as ``.br``, the trimmed library's bytecode is smaller than its sources
deflated.

Compiling takes one Pyodide start (some seconds), so the result is kept in
the per-user cache of helpcenter/compress.py, keyed by the sources' hash, the
Pyodide version and the script's own hash: only the first build after ``npm
ci`` (or after the sources change) pays. Without Node, or if the script fails,
the site ships the sources as before and the build log says why.
"""

from __future__ import annotations

import hashlib
import io
import json
import os
import shutil
import subprocess
import tempfile
import zipfile
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from helpcenter.compress import cached

SCRIPT = Path(__file__).resolve().parents[1] / "scripts" / "compile-bytecode.mjs"
# Where the zip's modules are imported from: the standard library through
# zipimport, or site-packages once the worker has unpacked the archive.
Place = Literal["stdlib", "site-packages"]
# One Pyodide start and a few hundred compiles; a loaded CI runner takes ~30 s.
TIMEOUT_SECONDS = 180
# What the build log calls each place's zip.
_WHAT = {"stdlib": "standard library", "site-packages": "calculators' archive"}


class BytecodeUnavailable(Exception):
    """The sources could not be compiled; the message says why, for the build log."""


class CompilerMissing(BytecodeUnavailable):
    """Node or Pyodide is not installed where the build looks."""


@dataclass(frozen=True)
class BytecodeChoice:
    """The zip to ship, whether it holds bytecode, and why not (if so)."""

    content: bytes
    compiled: bool
    warning: str | None = None


def compiled_zip(
    sources: bytes,
    place: Place,
    pyodide_source: Path,
    cache: Path | None = None,
    node: str | None = None,
) -> BytecodeChoice:
    """``sources`` (a zip of ``.py``) as sourceless ``.pyc`` for this Pyodide, else as it is.

    ``node``: the Node executable (default: ``node`` on PATH).
    """
    try:
        version = pyodide_version(pyodide_source)
        kind = f"pyc-{place}-pyodide{version}-{script_hash()}"
        content = cached(
            sources, kind, lambda: run_compiler(sources, place, pyodide_source, node), cache
        )
    except BytecodeUnavailable as problem:
        advice = (
            " Install Node 20 and run `npm ci`, then build again."
            if isinstance(problem, CompilerMissing)
            else ""
        )
        return BytecodeChoice(
            sources,
            compiled=False,
            warning=(
                f"The {_WHAT[place]} ships as Python sources, not bytecode ({problem}), "
                f"so Pyodide compiles them on every visit and the calculators start slower.{advice}"
            ),
        )
    return BytecodeChoice(content, compiled=True)


def pyodide_version(pyodide_source: Path) -> str:
    try:
        package = json.loads((pyodide_source / "package.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        raise CompilerMissing(f"no Pyodide in {pyodide_source}") from None
    return str(package["version"])


def script_hash() -> str:
    """A change to the compiler script (its settings) must not read an older result."""
    try:
        return hashlib.sha256(SCRIPT.read_bytes()).hexdigest()[:12]
    except OSError:
        raise BytecodeUnavailable(f"{SCRIPT.name} is missing") from None


def run_compiler(sources: bytes, place: Place, pyodide_source: Path, node: str | None) -> bytes:
    """The script's zip of ``.pyc``, checked to answer ``sources`` member for member."""
    executable = node or shutil.which("node")
    if executable is None:
        raise CompilerMissing("Node is not installed")
    with tempfile.TemporaryDirectory(prefix="helpcenter-bytecode-") as work:
        given, made = Path(work, "sources.zip"), Path(work, "bytecode.zip")
        given.write_bytes(sources)
        try:
            run = subprocess.run(
                [executable, str(SCRIPT), str(given), str(made), place],
                capture_output=True,
                text=True,
                timeout=TIMEOUT_SECONDS,
                env={**os.environ, "HELPCENTER_PYODIDE": str(pyodide_source.resolve())},
                check=False,
            )
        except (OSError, subprocess.TimeoutExpired) as error:
            raise BytecodeUnavailable(f"{SCRIPT.name} did not run: {error}") from None
        if run.returncode != 0 or not made.is_file():
            said = (run.stderr.strip().splitlines() or ["no message"])[-1]
            raise BytecodeUnavailable(f"{SCRIPT.name} failed: {said}")
        content = made.read_bytes()
    check_members(sources, content)
    return content


def check_members(sources: bytes, compiled: bytes) -> None:
    """Each ``NAME.py`` of ``sources`` is ``NAME.pyc`` of ``compiled`` (other members kept),
    with its compression; anything else means the zips do not belong together."""
    try:
        with (
            zipfile.ZipFile(io.BytesIO(sources)) as given,
            zipfile.ZipFile(io.BytesIO(compiled)) as made,
        ):
            expected = {
                (
                    info.filename + "c" if info.filename.endswith(".py") else info.filename
                ): info.compress_type
                for info in given.infolist()
                if not info.is_dir()
            }
            found = {info.filename: info.compress_type for info in made.infolist()}
    except zipfile.BadZipFile as error:
        raise BytecodeUnavailable(f"the compiled zip is unreadable: {error}") from None
    if found != expected:
        raise BytecodeUnavailable("the compiled zip's members differ from the sources'")
