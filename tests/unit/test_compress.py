"""Precompressed twins, their cache, and the preview server sending them like a host."""

from __future__ import annotations

import gzip
import os
import urllib.request
from pathlib import Path

import brotli
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from helpcenter import compress
from helpcenter.compress import brotli_bytes, cache_folder, gzip_bytes, precompress
from helpcenter.preview import SiteHandler, accepted_encodings, serve

# Text that compresses well (a repeated script line), big enough to be worth it.
SCRIPT = b"export function answer(x) { return x + 1; }\n" * 200


@pytest.fixture
def cache(tmp_path: Path) -> Path:
    return tmp_path / "cache"


def test_precompress_writes_smaller_twins_that_decompress_to_the_file(
    tmp_path: Path, cache: Path
) -> None:
    site = tmp_path / "site"
    (site / "pyodide").mkdir(parents=True)
    (site / "pyodide" / "loader.mjs").write_bytes(SCRIPT)
    (site / "tiny.json").write_bytes(b"{}")  # under MIN_SIZE: a header would cost more
    (site / "logo.png").write_bytes(SCRIPT)  # not a type worth it (images are compressed)
    (site / "random.zip").write_bytes(os.urandom(4096))  # does not shrink
    (site / "random.zip.br").write_bytes(b"stale")  # from an earlier build: removed
    written = precompress(site, cache)
    assert [(w.path.name, w.br is not None, w.gz is not None) for w in written] == [
        ("loader.mjs", True, True),
        ("random.zip", False, False),
    ]
    twin_br = site / "pyodide" / "loader.mjs.br"
    assert brotli.decompress(twin_br.read_bytes()) == SCRIPT
    assert gzip.decompress((site / "pyodide" / "loader.mjs.gz").read_bytes()) == SCRIPT
    assert written[0].br == twin_br.stat().st_size < len(SCRIPT)
    left = sorted(p.name for p in site.iterdir())
    assert left == ["logo.png", "pyodide", "random.zip", "tiny.json"]


def test_a_second_build_reads_the_cache_and_compresses_nothing(
    tmp_path: Path, cache: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    first = brotli_bytes(SCRIPT, cache)

    def never(*args: object, **kwargs: object) -> bytes:
        raise AssertionError("compressed again")

    monkeypatch.setattr(compress.brotli, "compress", never)
    monkeypatch.setattr(compress.gzip, "compress", never)
    assert brotli_bytes(SCRIPT, cache) == first
    with pytest.raises(AssertionError):  # gzip was not cached yet: it would compress
        gzip_bytes(SCRIPT, cache)
    # One entry per content and form, and no temporary file left behind.
    assert [p.suffix for p in cache.iterdir()] == [".br11"]


def test_an_unwritable_cache_still_compresses(tmp_path: Path) -> None:
    blocked = tmp_path / "file-not-folder"
    blocked.write_text("")
    assert brotli.decompress(brotli_bytes(SCRIPT, blocked / "cache")) == SCRIPT


def test_gzip_twins_repeat_byte_for_byte(cache: Path, tmp_path: Path) -> None:
    # No name and mtime 0 in the header: a rebuild gives the same bytes.
    assert gzip_bytes(SCRIPT, cache) == gzip_bytes(SCRIPT, tmp_path / "other")
    assert gzip_bytes(SCRIPT, cache)[4:8] == b"\0\0\0\0"


@pytest.mark.parametrize(
    ("environment", "expected"),
    [
        ({"HELPCENTER_CACHE": "/c/h", "XDG_CACHE_HOME": "/x"}, "/c/h"),
        ({"XDG_CACHE_HOME": "/x"}, "/x/helpcenter"),
        ({"HOME": "/home/u"}, "/home/u/.cache/helpcenter"),
    ],
)
def test_cache_folder(
    environment: dict[str, str], expected: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    for name in ("HELPCENTER_CACHE", "XDG_CACHE_HOME"):
        monkeypatch.delenv(name, raising=False)
    for name, value in environment.items():
        monkeypatch.setenv(name, value)
    assert cache_folder() == Path(expected)


@pytest.fixture(scope="module")
def shared_cache(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("cache")


@settings(max_examples=30, deadline=None)
@given(content=st.binary(max_size=2000))
def test_both_forms_round_trip(shared_cache: Path, content: bytes) -> None:
    cache = shared_cache  # a module-wide folder: hypothesis reruns the body many times
    assert brotli.decompress(brotli_bytes(content, cache)) == content
    assert gzip.decompress(gzip_bytes(content, cache)) == content


@pytest.mark.parametrize(
    ("header", "expected"),
    [
        ("gzip, deflate, br, zstd", {"gzip", "deflate", "br", "zstd"}),
        ("gzip;q=1.0, br;q=0", {"gzip"}),
        ("BR ; q=0.5", {"br"}),
        ("identity", {"identity"}),
        ("br;q=nonsense", set()),
        ("", set()),
    ],
)
def test_accepted_encodings(header: str, expected: set[str]) -> None:
    assert accepted_encodings(header) == expected


def fetch(url: str, accept: str | None) -> tuple[dict[str, str], bytes]:
    request = urllib.request.Request(url)
    if accept is not None:
        request.add_header("Accept-Encoding", accept)
    with urllib.request.urlopen(request, timeout=10) as response:
        return dict(response.headers.items()), response.read()


def test_the_preview_sends_twins_compresses_text_and_counts_the_wire(tmp_path: Path) -> None:
    site = tmp_path / "site"
    runtime = site / "assets" / "helpcenter"
    (runtime / "pyodide" / "9.9.9").mkdir(parents=True)
    wasm = runtime / "pyodide" / "9.9.9" / "pyodide.asm.wasm"
    wasm.write_bytes(SCRIPT)
    wasm.with_name(wasm.name + ".br").write_bytes(b"precompressed twin")
    (runtime / "runtime.json").write_bytes(b'{"pyodide_index": "pyodide/9.9.9/"}' * 20)
    (runtime / "calculators-0123456789.zip").write_bytes(SCRIPT)
    (site / "index.html").write_bytes(b"<p>help</p>" * 100)
    wasm_path = "/assets/helpcenter/pyodide/9.9.9/pyodide.asm.wasm"
    SiteHandler.sent.clear()
    with serve(site) as base:
        headers, body = fetch(base + wasm_path.lstrip("/"), "gzip, br")
        # The build's twin, as it is, with the rules of helpcenter.headers.
        assert body == b"precompressed twin"
        assert headers["Content-Encoding"] == "br"
        assert headers["Content-Type"] == "application/wasm"
        assert headers["Vary"] == "Accept-Encoding"
        assert headers["Cache-Control"] == "public, max-age=31536000, immutable"
        assert "wasm-unsafe-eval" in headers["Content-Security-Policy"]
        # No twin for gzip: WebAssembly is compressed on the fly, as a CDN does.
        headers, body = fetch(base + wasm_path.lstrip("/"), "gzip")
        assert (headers["Content-Encoding"], gzip.decompress(body)) == ("gzip", SCRIPT)
        # The manifest: on the fly at brotli 5, revalidated, readable from a store's page.
        headers, body = fetch(base + "assets/helpcenter/runtime.json", "br")
        assert brotli.decompress(body) == (runtime / "runtime.json").read_bytes()
        assert headers["Cache-Control"] == "no-cache"
        assert headers["Access-Control-Allow-Origin"] == "*"
        # A zip without a twin goes as it is (CDNs do not compress zips).
        headers, body = fetch(base + "assets/helpcenter/calculators-0123456789.zip", "br")
        assert (headers.get("Content-Encoding"), body) == (None, SCRIPT)
        # A folder's index page is compressed too; a browser that accepts nothing gets it plain.
        headers, body = fetch(base, "br")
        assert brotli.decompress(body) == b"<p>help</p>" * 100
        headers, body = fetch(base, None)
        assert (headers.get("Content-Encoding"), body) == (None, b"<p>help</p>" * 100)
        missing = urllib.request.Request(base + "assets/helpcenter/pyodide/9.9.9/nothing.js")
        with pytest.raises(urllib.error.HTTPError) as error:
            urllib.request.urlopen(missing, timeout=10)
        assert error.value.code == 404
        assert "Cache-Control" not in error.value.headers  # a 404 is not cached for a year
    compressed_index = len(brotli.compress(b"<p>help</p>" * 100, quality=5))
    # What went on the wire, per path: the twin's 18 bytes, the gzip form, ...
    assert SiteHandler.sent[wasm_path] == len(b"precompressed twin") + len(
        gzip.compress(SCRIPT, 6, mtime=0)
    )
    assert SiteHandler.sent["/"] == compressed_index + len(b"<p>help</p>" * 100)
