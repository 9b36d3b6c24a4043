"""The response headers a host should send for each file of the built site.

One set of rules serves two readers: ``headers_for`` answers for one URL path
(the preview server applies it to every response), and ``headers_file``
writes the same rules as a ``_headers`` file, the format Netlify and
Cloudflare Pages read from the site's root:

    /assets/helpcenter/pyodide/*
      Cache-Control: public, max-age=31536000, immutable

Files whose name changes with their content (Pyodide's versioned folder,
``<name>-<hash>.<ext>``) are cached for a year and never revalidated;
``runtime.json`` and the order-now month files, names that stay while what
they hold changes, are revalidated on every use. A store's own product page,
on another origin, fetches the manifest, the order-now tables and
``delivery-line.js``: those say ``Access-Control-Allow-Origin: *`` (they hold
nothing private).

A rule is a pattern over the path inside the site and the headers it adds;
more rules (a Content-Security-Policy for pages, say) go in ``RULES``.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

IMMUTABLE = "public, max-age=31536000, immutable"
REVALIDATE = "no-cache"
ANY_ORIGIN = "*"
# Where the build writes the runtime inside the site (bundle.RUNTIME_FOLDER is this).
RUNTIME_PATH = "assets/helpcenter"
_RUNTIME = re.escape(RUNTIME_PATH)
# A content hash as bundle.content_hash writes it: ten lowercase hex digits.
_HASHED_NAME = r"[^/]*-[0-9a-f]{10}\.[a-z0-9.]+"
# The order-now month files keep their names from build to build (a page asks
# for its month's by name, helpcenter/order_now_files.py).
_ORDER_NOW = r"order-now-\d{4}-\d{2}\.json"
# Pyodide's own files live in a folder named after its version.
_PYODIDE_FOLDER = f"{_RUNTIME}/pyodide/[^/]+/"


@dataclass(frozen=True)
class Rule:
    """Headers for every path (inside the site, no leading slash) ``pattern`` matches whole.

    ``splat`` is the rule as the ``_headers`` file says it when one line can
    cover every such path (a folder); None lists each matching file instead.
    """

    pattern: str
    headers: Mapping[str, str]
    splat: str | None = None

    def matches(self, path: str) -> bool:
        return re.fullmatch(self.pattern, path) is not None


RULES: tuple[Rule, ...] = (
    Rule(f"{_PYODIDE_FOLDER}.+", {"Cache-Control": IMMUTABLE}, splat=f"/{_RUNTIME}/pyodide/*"),
    Rule(f"{_RUNTIME}/{_HASHED_NAME}", {"Cache-Control": IMMUTABLE}),
    Rule(f"{_RUNTIME}/(runtime\\.json|{_ORDER_NOW})", {"Cache-Control": REVALIDATE}),
    Rule(
        f"{_RUNTIME}/(runtime\\.json|{_ORDER_NOW}|delivery-line\\.js)",
        {"Access-Control-Allow-Origin": ANY_ORIGIN},
    ),
)


def site_path(url_path: str) -> str:
    """``/assets/x.json?v=1`` -> ``assets/x.json``: the path the rules match."""
    return url_path.split("?", 1)[0].split("#", 1)[0].lstrip("/")


def headers_for(url_path: str, rules: Sequence[Rule] = RULES) -> dict[str, str]:
    """Every header the rules give this path; a later rule's value for a name wins."""
    path = site_path(url_path)
    found: dict[str, str] = {}
    for rule in rules:
        if rule.matches(path):
            found.update(rule.headers)
    return found


def headers_file(site_dir: Path, rules: Sequence[Rule] = RULES) -> str:
    """The ``_headers`` text for the files in ``site_dir``.

    A rule with a splat is written once; the others once per matching file,
    by its exact path (both hosts read exact paths alike, while their
    wildcards differ). Precompressed twins (``.br``, ``.gz``) are not URLs.
    """
    blocks: dict[str, dict[str, str]] = {}
    paths = sorted(
        path.relative_to(site_dir).as_posix()
        for path in site_dir.rglob("*")
        if path.is_file() and path.suffix not in (".br", ".gz")
    )
    for rule in rules:
        matching = [path for path in paths if rule.matches(path)]
        if not matching:
            continue
        targets = [rule.splat] if rule.splat else [f"/{path}" for path in matching]
        for target in targets:
            blocks.setdefault(target, {}).update(rule.headers)
    return "".join(_block(target, headers.items()) for target, headers in blocks.items())


def _block(target: str, headers: Iterable[tuple[str, str]]) -> str:
    return target + "\n" + "".join(f"  {name}: {value}\n" for name, value in headers)
