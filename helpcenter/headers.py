"""The response headers a host should send for each file of the built site.

One set of rules serves three readers: ``headers_for`` answers for one URL
path (the preview server applies it to every response), ``headers_file``
writes the rules as a ``_headers`` file, the format Netlify and Cloudflare
Pages read from the site's root, and ``helpcenter.cli_headers.nginx_snippet``
writes them as an nginx snippet:

    /assets/helpcenter/pyodide/*
      Cache-Control: public, max-age=31536000, immutable

Every response carries the site's Content-Security-Policy (computed from its
pages by ``helpcenter.csp``), ``X-Content-Type-Options: nosniff`` and a
``Referrer-Policy`` (``site_rules``). Files whose name changes with their
content (Pyodide's versioned folder, ``<name>-<hash>.<ext>``) are cached for a
year and never revalidated; ``runtime.json`` and the order-now month files,
names that stay while what they hold changes, are revalidated on every use. A
store's own product page, on another origin, fetches the manifest, the
order-now tables and ``delivery-line.js``: those say
``Access-Control-Allow-Origin: *`` (they hold nothing private). Module
scripts and WebAssembly get their exact types, which hosts that go by an old
list of types get wrong.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from helpcenter.csp import site_policy

IMMUTABLE = "public, max-age=31536000, immutable"
REVALIDATE = "no-cache"
ANY_ORIGIN = "*"
# The browsers' default, said out loud: a link to the store sends only the help
# center's origin, never the page's path (which may name an order's question).
REFERRER_POLICY = "strict-origin-when-cross-origin"
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

# The types the runtime needs exactly: `import` refuses a module script of
# another type, and WebAssembly streams only from application/wasm.
TYPES: Mapping[str, str] = {
    ".mjs": "text/javascript",
    ".wasm": "application/wasm",
    ".json": "application/json",
    ".zip": "application/zip",
}
# The two a host may get wrong (an old list of types lacks them, or says
# application/octet-stream): the _headers file names them; every host knows the others.
MISTYPED = (".mjs", ".wasm")


@dataclass(frozen=True)
class Rule:
    """Headers for every path (inside the site, no leading slash) ``pattern`` matches whole.

    ``splat`` is the rule as the ``_headers`` file says it when one line can
    cover every such path (a folder, or ``/*``); None lists each matching file instead.
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
    *(Rule(f".*{re.escape(suffix)}", {"Content-Type": TYPES[suffix]}) for suffix in MISTYPED),
)


def every_response(csp: str) -> dict[str, str]:
    """What every response of the site says: its policy, and no guessing of types."""
    return {
        "Content-Security-Policy": csp,
        "X-Content-Type-Options": "nosniff",
        "Referrer-Policy": REFERRER_POLICY,
    }


def site_rules(site_dir: Path) -> tuple[Rule, ...]:
    """``RULES`` after the one for every path, with the policy the site's pages need."""
    return (Rule(".*", every_response(site_policy(site_dir)), splat="/*"), *RULES)


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


def site_files(site_dir: Path) -> list[str]:
    """Every URL path of the site, inside it: the precompressed twins (.br, .gz) are not URLs."""
    return sorted(
        path.relative_to(site_dir).as_posix()
        for path in site_dir.rglob("*")
        if path.is_file() and path.suffix not in (".br", ".gz")
    )


def headers_file(site_dir: Path, rules: Sequence[Rule] | None = None, prefix: str = "/") -> str:
    """The ``_headers`` text for the files in ``site_dir`` (served at ``prefix``).

    ``rules`` defaults to ``site_rules(site_dir)``. A rule with a splat is
    written once; the others once per matching file, by its exact path (both
    hosts read exact paths alike, while their wildcards differ).
    """
    rules = site_rules(site_dir) if rules is None else rules
    blocks: dict[str, dict[str, str]] = {}
    paths = site_files(site_dir)
    for rule in rules:
        matching = [path for path in paths if rule.matches(path)]
        if not matching:
            continue
        targets = [rule.splat] if rule.splat else [f"/{path}" for path in matching]
        for target in targets:
            blocks.setdefault(prefix + target[1:], {}).update(rule.headers)
    return "".join(_block(target, headers.items()) for target, headers in blocks.items())


def _block(target: str, headers: Iterable[tuple[str, str]]) -> str:
    return target + "\n" + "".join(f"  {name}: {value}\n" for name, value in headers)
