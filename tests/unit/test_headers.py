"""One set of header rules: per path for the preview server, as a _headers file for hosts."""

from __future__ import annotations

from pathlib import Path

import pytest

from helpcenter import bundle
from helpcenter.headers import RUNTIME_PATH, headers_file, headers_for

YEAR = {"Cache-Control": "public, max-age=31536000, immutable"}
SHARED = {"Access-Control-Allow-Origin": "*"}


def test_the_rules_look_where_the_bundle_writes() -> None:
    assert bundle.RUNTIME_FOLDER.as_posix() == RUNTIME_PATH


@pytest.mark.parametrize(
    ("url_path", "expected"),
    [
        # Pyodide's folder is named after its version: every file in it, for a year.
        ("/assets/helpcenter/pyodide/314.0.7/pyodide.asm.wasm", YEAR),
        ("/assets/helpcenter/pyodide/314.0.7/python_stdlib.zip", YEAR),
        # Content-hashed names (ten hex digits, as bundle.content_hash writes).
        ("/assets/helpcenter/calculators-0123abcdef.zip", YEAR),
        ("/assets/helpcenter/tzdata-2026.6-0123abcdef.zip", YEAR),
        ("/assets/helpcenter/python_stdlib-9af5b3b299.zip?v=2", YEAR),
        ("/assets/helpcenter/policy-0123abcdef.json", YEAR),
        # Fetched by a store's own page on another origin; the month files by a name
        # the page makes from its clock, so revalidated like runtime.json.
        ("/assets/helpcenter/order-now-2026-11.json", {"Cache-Control": "no-cache"} | SHARED),
        ("/assets/helpcenter/order-now-2026-11-0123abcdef.json", YEAR),  # not one we write
        ("/assets/helpcenter/runtime.json", {"Cache-Control": "no-cache"} | SHARED),
        ("/assets/helpcenter/delivery-line.js", SHARED),
        # Names that stay while their content changes: the host's default.
        ("/assets/helpcenter/loader.js", {}),
        ("/assets/helpcenter/policy.json", {}),
        ("/assets/helpcenter/calculators-0123ABCDEF.zip", {}),  # not a hash bundle writes
        ("/assets/helpcenter/nested/calculators-0123abcdef.zip", {}),
        ("/shipping/", {}),
        ("/", {}),
    ],
)
def test_headers_for(url_path: str, expected: dict[str, str]) -> None:
    assert headers_for(url_path) == expected


def test_headers_file(tmp_path: Path) -> None:
    runtime = tmp_path / "assets" / "helpcenter"
    for name in (
        "pyodide/314.0.7/pyodide.asm.wasm",
        "pyodide/314.0.7/pyodide.asm.wasm.br",
        "calculators-0123abcdef.zip",
        "calculators-0123abcdef.zip.gz",
        "order-now-2026-11.json",
        "runtime.json",
        "delivery-line.js",
        "loader.js",
    ):
        (runtime / name).parent.mkdir(parents=True, exist_ok=True)
        (runtime / name).write_bytes(b"x")
    (tmp_path / "index.html").write_bytes(b"x")
    assert headers_file(tmp_path) == (
        "/assets/helpcenter/pyodide/*\n"
        "  Cache-Control: public, max-age=31536000, immutable\n"
        "/assets/helpcenter/calculators-0123abcdef.zip\n"
        "  Cache-Control: public, max-age=31536000, immutable\n"
        "/assets/helpcenter/order-now-2026-11.json\n"
        "  Cache-Control: no-cache\n"
        "  Access-Control-Allow-Origin: *\n"
        "/assets/helpcenter/runtime.json\n"
        "  Cache-Control: no-cache\n"
        "  Access-Control-Allow-Origin: *\n"
        "/assets/helpcenter/delivery-line.js\n"
        "  Access-Control-Allow-Origin: *\n"
    )


def test_a_site_without_the_runtime_needs_no_headers(tmp_path: Path) -> None:
    (tmp_path / "index.html").write_bytes(b"x")
    assert headers_file(tmp_path) == ""
