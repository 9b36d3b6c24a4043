"""Serve a built site on 127.0.0.1 the way a careful host would, and look at it headless.

The browser tests and the runtime benchmark both use this: the Content
Security Policy the README recommends, exact types for module scripts and
WebAssembly, the caching and cross-origin headers of ``helpcenter.headers``,
and the flags Debian's Chromium needs on a closed network.

Bodies are compressed as a CDN sends them: the build's precompressed twin
(``file.br``, ``file.gz``) when the browser accepts it, else the text types
a CDN compresses itself, at brotli quality 5 (or gzip), kept in memory per
file and modification time. A zip without a twin goes as it is, as a CDN
sends it. ``SiteHandler.sent`` counts the bytes that went on the wire.
"""

from __future__ import annotations

import email.utils
import functools
import gzip
import http.server
import io
import os
import socket
import sys
import threading
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, AnyStr, BinaryIO, ClassVar

import brotli

from helpcenter.headers import headers_for

if TYPE_CHECKING:
    from _typeshed import SupportsRead, SupportsWrite

# Material needs its small inline scripts; Pyodide needs 'wasm-unsafe-eval'
# to compile its WebAssembly (and nothing looser).
CSP = (
    "default-src 'self'; script-src 'self' 'unsafe-inline' 'wasm-unsafe-eval'; "
    "worker-src 'self'; connect-src 'self'; style-src 'self' 'unsafe-inline'; "
    "img-src 'self' data:"
)
CHROMIUM = Path("/usr/bin/chromium")
# Headless, as root, with no calls home: the machine's network is closed.
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]
# What CDNs compress themselves when the origin sent it uncompressed (not zip,
# not images): text and WebAssembly, at a quality fast enough to do per request.
COMPRESSED_ON_THE_FLY = frozenset(
    {
        "text/html",
        "text/css",
        "text/javascript",
        "application/json",
        "application/wasm",
        "application/xml",
        "image/svg+xml",
    }
)
ON_THE_FLY_BROTLI_QUALITY = 5
ON_THE_FLY_GZIP_LEVEL = 6
# Preferred first: the smaller one.
ENCODINGS = (("br", ".br"), ("gzip", ".gz"))


class SiteHandler(http.server.SimpleHTTPRequestHandler):
    """Serves files with the CSP and counts the body bytes sent per path."""

    csp = CSP
    sent: ClassVar[Counter[str]] = Counter()  # shared by the handler's threads
    # Module scripts and WebAssembly streaming need exact types, whatever
    # /etc/mime.types says on the machine. (typeshed declares extensions_map an instance
    # attribute; http.server sets it on the class, as this does.)
    extensions_map: ClassVar[dict[str, str]] = {  # type: ignore[misc]
        ".js": "text/javascript",
        ".mjs": "text/javascript",
        ".wasm": "application/wasm",
        ".json": "application/json",
        ".zip": "application/zip",
        ".css": "text/css",
        ".html": "text/html",
        ".svg": "image/svg+xml",
        ".png": "image/png",
        ".xml": "application/xml",
    }

    # Compressed on the fly, by (file, its mtime in ns, its size, encoding).
    _compressed: ClassVar[dict[tuple[str, int, int, str], bytes]] = {}
    _compressed_lock: ClassVar[threading.Lock] = threading.Lock()
    _extra_headers: dict[str, str]

    def end_headers(self) -> None:
        self.send_header("Content-Security-Policy", self.csp)
        for name, value in getattr(self, "_extra_headers", {}).items():
            self.send_header(name, value)
        super().end_headers()

    def send_error(self, code: int, message: str | None = None, explain: str | None = None) -> None:
        self._extra_headers = {}  # an error page is neither cached for a year nor shared
        super().send_error(code, message, explain)

    def send_head(self) -> BinaryIO | io.BytesIO | None:
        self._extra_headers = {}
        file = self._file_served()
        if file is None:
            return super().send_head()  # a redirect to "/", a listing or a 404
        self._extra_headers = dict(headers_for(self.path))
        content_type = self.guess_type(str(file))
        twins = {coding: file.with_name(file.name + suffix) for coding, suffix in ENCODINGS}
        on_the_fly = content_type in COMPRESSED_ON_THE_FLY
        if on_the_fly or any(twin.is_file() for twin in twins.values()):
            self._extra_headers["Vary"] = "Accept-Encoding"
        accepted = accepted_encodings(self.headers.get("Accept-Encoding", ""))
        for coding, _ in ENCODINGS:
            if coding not in accepted:
                continue
            if twins[coding].is_file():
                return self._send_body(file, content_type, coding, twins[coding].read_bytes())
            if on_the_fly:
                return self._send_body(file, content_type, coding, self._compress(file, coding))
        return super().send_head()

    def _file_served(self) -> Path | None:
        """The file a GET of this path sends (index.html for a folder's "/"), if any."""
        path = Path(self.translate_path(self.path))
        if path.is_dir() and self.path.split("?", 1)[0].endswith("/"):
            path = path / "index.html"
        return path if path.is_file() else None

    def _send_body(
        self, file: Path, content_type: str, coding: str, body: bytes
    ) -> io.BytesIO | None:
        modified = file.stat().st_mtime
        if self._not_modified_since(modified):
            self.send_response(http.HTTPStatus.NOT_MODIFIED)
            self.end_headers()
            return None
        self.send_response(http.HTTPStatus.OK)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Encoding", coding)
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Last-Modified", self.date_time_string(modified))
        self.end_headers()
        return io.BytesIO(body)

    def _not_modified_since(self, modified: float) -> bool:
        since = self.headers.get("If-Modified-Since")
        if since is None or "If-None-Match" in self.headers:
            return False
        try:
            when = email.utils.parsedate_to_datetime(since)
        except (TypeError, IndexError, OverflowError, ValueError):
            return False
        if when.tzinfo is None:
            when = when.replace(tzinfo=UTC)
        return datetime.fromtimestamp(modified, UTC).replace(microsecond=0) <= when

    def _compress(self, file: Path, coding: str) -> bytes:
        status = os.stat(file)
        key = (str(file), status.st_mtime_ns, status.st_size, coding)
        with self._compressed_lock:
            found = self._compressed.get(key)
        if found is None:
            content = file.read_bytes()
            if coding == "br":
                found = brotli.compress(content, quality=ON_THE_FLY_BROTLI_QUALITY)
            else:
                found = gzip.compress(content, ON_THE_FLY_GZIP_LEVEL, mtime=0)
            with self._compressed_lock:
                self._compressed[key] = found
        return found

    def copyfile(self, source: SupportsRead[AnyStr], outputfile: SupportsWrite[AnyStr]) -> None:
        assert isinstance(source, io.IOBase)  # the file send_head opened, which has a position
        start = source.tell()
        super().copyfile(source, outputfile)
        self.sent[self.path.split("?")[0]] += source.tell() - start

    def log_message(self, format: str, *args: object) -> None:
        pass  # keep the output to what the caller prints


def accepted_encodings(header: str) -> set[str]:
    """The codings an Accept-Encoding header accepts: "gzip, br;q=0" -> {"gzip"}."""
    accepted = set()
    for item in header.split(","):
        name, *parameters = (part.strip() for part in item.split(";"))
        weight = 1.0
        for parameter in parameters:
            key, _, value = parameter.partition("=")
            if key.strip().lower() == "q":
                try:
                    weight = float(value)
                except ValueError:
                    weight = 0.0
        if name and weight > 0:
            accepted.add(name.lower())
    return accepted


class QuietServer(http.server.ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(
        self, request: socket.socket | tuple[bytes, socket.socket], client_address: object
    ) -> None:
        # A browser context closed mid-download drops its connections; that
        # is expected here and not worth a traceback in the output.
        if not isinstance(sys.exc_info()[1], ConnectionError):
            super().handle_error(request, client_address)


@contextmanager
def serve(site: Path, csp: str = CSP) -> Iterator[str]:
    """Serve ``site`` on 127.0.0.1 (a free port) with ``csp``; yields the base URL."""
    handler = type("Handler", (SiteHandler,), {"csp": csp})
    server = QuietServer(("127.0.0.1", 0), functools.partial(handler, directory=str(site)))
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.1})
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_port}/"
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)
