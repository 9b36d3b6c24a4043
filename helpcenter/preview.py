"""Serve a built site on 127.0.0.1 the way a careful host would, and look at it headless.

The browser tests and the runtime benchmark both use this: the Content
Security Policy the README recommends, exact types for module scripts and
WebAssembly, and the flags Debian's Chromium needs on a closed network.
"""

from __future__ import annotations

import functools
import http.server
import io
import socket
import sys
import threading
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, AnyStr, ClassVar

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

    def end_headers(self) -> None:
        self.send_header("Content-Security-Policy", self.csp)
        super().end_headers()

    def copyfile(self, source: SupportsRead[AnyStr], outputfile: SupportsWrite[AnyStr]) -> None:
        assert isinstance(source, io.IOBase)  # the file send_head opened, which has a position
        start = source.tell()
        super().copyfile(source, outputfile)
        self.sent[self.path.split("?")[0]] += source.tell() - start

    def log_message(self, format: str, *args: object) -> None:
        pass  # keep the output to what the caller prints


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
