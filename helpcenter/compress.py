"""Precompressed copies of the runtime's files, for hosts that serve them as they are.

A CDN compresses what it is sent uncompressed at a fast brotli quality
(about 5); quality 11 makes the 9.6 MB interpreter 15 % smaller on the wire
(2.74 MB against 3.23 MB) but takes some 45 s on one core. Each ``.br``
(quality 11) and ``.gz`` (level 9) is therefore kept in a per-user cache
keyed by the content's hash: Pyodide's files are the same for every build and
every store of one Pyodide version, so only the first build after ``npm ci``
pays, once, and every later build (and ``mkdocs serve`` rebuild) copies from
the cache. A CI runner keeps the folder between runs like it keeps npm's.

The cache folder is ``$HELPCENTER_CACHE``, else ``$XDG_CACHE_HOME/helpcenter``,
else ``~/.cache/helpcenter``. Entries are written to a temporary name and
renamed into place, so builds running side by side never read half a file.
"""

from __future__ import annotations

import contextlib
import gzip
import hashlib
import logging
import os
import shutil
import tempfile
from collections.abc import Callable, Iterable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

import brotli
import jinja2
from jinja2.bccache import Bucket, FileSystemBytecodeCache

# What is worth compressing: the interpreter, scripts, manifests and styles;
# a zip only when it shrinks (a STORED one does, a deflated one hardly).
COMPRESSIBLE_SUFFIXES = (".wasm", ".mjs", ".js", ".json", ".zip", ".css")
BROTLI_QUALITY = 11
GZIP_LEVEL = 9
# Files this small gain nothing a header does not cost back.
MIN_SIZE = 256
CACHE_ENV = "HELPCENTER_CACHE"
# A file this big takes seconds at quality 11: worth a line in the build log.
SLOW_SIZE = 1_000_000

log = logging.getLogger("mkdocs.plugins.helpcenter")


@dataclass(frozen=True)
class Precompressed:
    """One file and the sizes of what was written next to it (None: not smaller, so none)."""

    path: Path
    size: int
    br: int | None
    gz: int | None


def cache_folder() -> Path:
    explicit = os.environ.get(CACHE_ENV)
    if explicit:
        return Path(explicit)
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "helpcenter"


def template_cache_folder() -> Path:
    """Where the build keeps Jinja's compiled templates (helpcenter.plugin.on_env),
    by Jinja's version: another may compile the same source otherwise."""
    return cache_folder() / f"jinja-{jinja2.__version__}"


class _TemplateCache(FileSystemBytecodeCache):
    """Jinja's cache of compiled templates, checked against each template's source
    (a changed template is compiled again); one it cannot write is compiled each
    build, as without a cache."""

    def dump_bytecode(self, bucket: Bucket) -> None:
        with contextlib.suppress(OSError):
            super().dump_bytecode(bucket)


def template_cache() -> FileSystemBytecodeCache | None:
    """The build's cache of compiled templates; None where no folder can be made."""
    folder = template_cache_folder()
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError:
        return None
    return _TemplateCache(str(folder))


def _brotli(content: bytes) -> bytes:
    return brotli.compress(content, quality=BROTLI_QUALITY)


def _gzip(content: bytes) -> bytes:
    return gzip.compress(content, GZIP_LEVEL, mtime=0)  # no name or time: repeatable


# The two forms: the twin's suffix, the cache's name for the form, how to make it.
_BROTLI = (".br", f"br{BROTLI_QUALITY}", _brotli)
_GZIP = (".gz", f"gz{GZIP_LEVEL}", _gzip)


def brotli_bytes(content: bytes, cache: Path | None = None) -> bytes:
    """``content`` at brotli quality 11, from the cache when it was compressed before."""
    return cached(content, _BROTLI[1], lambda: _brotli(content), cache)


def gzip_bytes(content: bytes, cache: Path | None = None) -> bytes:
    """``content`` gzipped at level 9, from the cache when it was compressed before."""
    return cached(content, _GZIP[1], lambda: _gzip(content), cache)


def cached(
    content: bytes, kind: str, make: Callable[[], bytes], cache: Path | None = None
) -> bytes:
    """``make()``, a function of ``content`` only, kept as ``<hash of content>.<kind>``.

    ``kind`` names the function and its settings (``br11``), so a change of
    quality never reads an entry made at another.
    """
    folder = cache if cache is not None else cache_folder()
    entry = _entry(folder, hashlib.sha256(content).hexdigest(), kind)
    try:
        return entry.read_bytes()
    except OSError:
        pass  # not made yet (or the cache is unreadable): make it now
    result = make()
    _keep(entry, result)
    return result


def _keep(entry: Path, content: bytes) -> None:
    """Store a cache entry; a read-only home still builds, only slower next time."""
    with contextlib.suppress(OSError):
        _write_atomically(entry, content)


def _write_atomically(entry: Path, content: bytes) -> None:
    entry.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(dir=entry.parent, prefix=".tmp-", suffix=entry.suffix)
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(content)
        os.replace(temporary, entry)  # atomic on one file system: readers see old or new
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def worth_compressing(path: Path) -> bool:
    return path.suffix in COMPRESSIBLE_SUFFIXES and path.stat().st_size >= MIN_SIZE


def precompress(folder: Path, cache: Path | None = None) -> list[Precompressed]:
    """Write ``<file>.br`` and ``<file>.gz`` beside each file of ``folder`` worth it.

    A form that is not smaller than the file is not written (and an earlier
    one is removed), so a host never sends more than the file itself. Files
    are compressed side by side on every core (brotli and zlib let go of
    the GIL): on a cold cache the interpreter alone still takes ~45 s. Each
    file is read and hashed once; a form in the cache is copied by the
    operating system, not read into the build.
    """
    store = cache if cache is not None else cache_folder()
    paths = sorted(path for path in _files(folder) if worth_compressing(path))
    with ThreadPoolExecutor(max_workers=os.cpu_count() or 1) as pool:
        digests = dict(zip(paths, pool.map(_digest, paths), strict=True))
        cold = [
            path
            for path in paths
            if path.stat().st_size >= SLOW_SIZE
            and not _entry(store, digests[path], _BROTLI[1]).is_file()
        ]
        if cold:
            log.info(
                "Compressing %s at brotli quality 11 once (about a minute); later builds reuse %s.",
                ", ".join(path.name for path in cold),
                store,
            )
        return list(pool.map(lambda path: _write_twins(path, digests[path], store), paths))


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _entry(store: Path, digest: str, kind: str) -> Path:
    return store / f"{digest}.{kind}"


def _write_twins(path: Path, digest: str, store: Path) -> Precompressed:
    size = path.stat().st_size
    content: bytes | None = None  # read only to make a form the cache lacks
    sizes: list[int | None] = []
    for suffix, kind, make in (_BROTLI, _GZIP):
        target = path.with_name(path.name + suffix)
        entry = _entry(store, digest, kind)
        try:
            packed_size = entry.stat().st_size
            if packed_size < size:
                shutil.copyfile(entry, target)
        except OSError:  # not made yet (or the cache is unreadable): make it now
            content = path.read_bytes() if content is None else content
            packed = make(content)
            _keep(entry, packed)
            packed_size = len(packed)
            if packed_size < size:
                target.write_bytes(packed)
        if packed_size >= size:
            target.unlink(missing_ok=True)
        sizes.append(packed_size if packed_size < size else None)
    return Precompressed(path, size, sizes[0], sizes[1])


def _files(folder: Path) -> Iterable[Path]:
    return (
        path for path in folder.rglob("*") if path.is_file() and path.suffix not in (".br", ".gz")
    )
