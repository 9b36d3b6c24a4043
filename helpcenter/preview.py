"""Serve a built site on 127.0.0.1 the way a careful host would, and look at it headless.

The browser tests and the runtime benchmark both use this: the headers of
``helpcenter.headers`` (the site's own Content-Security-Policy, computed from
its pages as its ``_headers`` file says it, exact types for module scripts and
WebAssembly, caching and cross-origin rules), at the site's root or under a
path such as ``/help/``, and the flags Debian's Chromium needs on a closed
network.

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

from helpcenter.csp import site_pages, site_policy
from helpcenter.headers import TYPES, every_response, headers_for

if TYPE_CHECKING:
    from _typeshed import SupportsRead, SupportsWrite

# serve's csp=None: the policy the served site's own pages need (helpcenter.csp),
# read again whenever a page changes, so a site built after the server started
# is served under its own.
SITE_CSP = None
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
    """Serves the site under ``prefix`` with its headers; counts the body bytes sent per path."""

    csp: ClassVar[str | None] = SITE_CSP
    prefix: ClassVar[str] = "/"  # where the site is mounted: "/" or a path like "/help/"
    sent: ClassVar[Counter[str]] = Counter()  # shared by the handler's threads
    # Module scripts and WebAssembly streaming need exact types, whatever
    # /etc/mime.types says on the machine: the ones helpcenter.headers gives hosts.
    # (typeshed declares extensions_map an instance attribute; http.server sets
    # it on the class, as this does.)
    extensions_map: ClassVar[dict[str, str]] = {  # type: ignore[misc]
        **TYPES,
        ".js": "text/javascript",
        ".css": "text/css",
        ".html": "text/html",
        ".svg": "image/svg+xml",
        ".png": "image/png",
        ".xml": "application/xml",
    }

    # Compressed on the fly, by (file, its mtime in ns, its size, encoding).
    _compressed: ClassVar[dict[tuple[str, int, int, str], bytes]] = {}
    _compressed_lock: ClassVar[threading.Lock] = threading.Lock()
    # The site's own policy by folder, with the pages' (path, mtime, size) it was read from.
    _policies: ClassVar[dict[str, tuple[tuple[tuple[str, int, int], ...], str]]] = {}
    _policies_lock: ClassVar[threading.Lock] = threading.Lock()
    _extra_headers: dict[str, str]

    def end_headers(self) -> None:
        # Every response, errors and redirects too, as the _headers file's "/*" says.
        extra = {**every_response(self._csp()), **getattr(self, "_extra_headers", {})}
        for name, value in extra.items():
            self.send_header(name, value)
        super().end_headers()

    def _csp(self) -> str:
        if self.csp is not None:
            return self.csp
        site = Path(self.directory)
        pages = tuple(
            (str(page), status.st_mtime_ns, status.st_size)
            for page in site_pages(site)
            for status in [page.stat()]
        )
        with self._policies_lock:
            known = self._policies.get(self.directory)
        if known is not None and known[0] == pages:
            return known[1]
        policy = site_policy(site)
        with self._policies_lock:
            self._policies[self.directory] = (pages, policy)
        return policy

    def _inside(self, url_path: str) -> str | None:
        """``url_path`` inside the site ("/…"), or None outside ``prefix``."""
        path = url_path.split("?", 1)[0].split("#", 1)[0]
        if path == self.prefix.rstrip("/"):
            return "/"  # the mount without its slash: a redirect to it, as a host does
        return "/" + path[len(self.prefix) :] if path.startswith(self.prefix) else None

    def translate_path(self, path: str) -> str:
        inside = self._inside(path)
        return super().translate_path(inside if inside is not None else "/.outside-the-site")

    def send_error(self, code: int, message: str | None = None, explain: str | None = None) -> None:
        self._extra_headers = {}  # an error page is neither cached for a year nor shared
        super().send_error(code, message, explain)

    def send_head(self) -> BinaryIO | io.BytesIO | None:
        self._extra_headers = {}
        inside = self._inside(self.path)
        if inside is None:
            self.send_error(http.HTTPStatus.NOT_FOUND, "Not under " + self.prefix)
            return None
        file = self._file_served()
        if file is None:
            return super().send_head()  # a redirect to "/", a listing or a 404
        # Content-Type comes from extensions_map (the same TYPES), once.
        headers = headers_for(inside).items()
        self._extra_headers = {name: value for name, value in headers if name != "Content-Type"}
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
def serve(site: Path, csp: str | None = SITE_CSP, prefix: str = "/") -> Iterator[str]:
    """Serve ``site`` on 127.0.0.1 (a free port) at ``prefix``; yields the site's URL.

    ``csp`` replaces the site's own policy (a host that sends another one).
    """
    if not (prefix.startswith("/") and prefix.endswith("/")):
        raise ValueError(f"expected a prefix like /help/ but received {prefix!r}")
    handler = type("Handler", (SiteHandler,), {"csp": csp, "prefix": prefix})
    server = QuietServer(("127.0.0.1", 0), functools.partial(handler, directory=str(site)))
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.1})
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_port}{prefix}"
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)
