"""The baseline the runtime benchmark compares with: stock Pyodide, self-hosted.

The same npm package as the help center (node_modules/pyodide), its five boot
files copied unmodified (with the build's own ``bundle.copy_pyodide``), next
to benchmarks/stock/index.html: a page that on the first click does what
Pyodide's documentation shows, on the main thread (no worker):

    const { loadPyodide } = await import("./pyodide.mjs");
    const pyodide = await loadPyodide();
    pyodide.runPython(...)   // one small function; its result goes on the page

Fair to stock: it is served by the same server code (helpcenter.preview.serve)
with the same host rules. It sits at the same path as the help center's own
copy (``assets/helpcenter/pyodide/<version>/``), so helpcenter/headers.py gives
its files the same cache headers (a year, immutable); its page, in that folder,
gets them too, which only helps stock on a return visit. Compression is the
host's: brotli on the fly for JavaScript, JSON and WebAssembly, the zip as it
is, as a CDN sends files uploaded uncompressed. Precompressed copies
(quality 11, the zip too) are one of the help center's own levers, so stock
gets them only with ``precompressed=True`` (``--stock-precompressed``).
"""

from __future__ import annotations

import shutil
from pathlib import Path

from helpcenter import bundle

PAGE = Path(__file__).resolve().parent / "stock" / "index.html"


def write_stock(site: Path, npm_root: Path, precompressed: bool = False) -> str:
    """Write the baseline into ``site``; returns its page's path relative to the site root."""
    source = npm_root / "node_modules" / "pyodide"
    relative = bundle.RUNTIME_FOLDER / "pyodide" / bundle.pyodide_version(source)
    target = site / relative
    bundle.copy_pyodide(source, target)  # the five boot files, byte for byte
    shutil.copyfile(PAGE, target / "index.html")
    if precompressed:
        from helpcenter import compress  # type: ignore[attr-defined,unused-ignore]

        compress.precompress(target)
    return relative.as_posix() + "/"
