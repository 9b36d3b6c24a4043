"""helpcenter headers: the host's response headers for a built site (_headers, nginx).

Both outputs come from the same rules (``helpcenter.headers.site_rules``: the
caching, cross-origin and type rules, and the site's Content-Security-Policy
computed from its pages), so a host configured from either sends the same
headers for every file.

nginx picks one location a request and sends that location's ``add_header``
lines only (none inherited from the server level), so the snippet gives each
location every header its files get: ``location ^~ /`` the ones every
response carries, a ``^~`` prefix location for each folder rule, and an exact
(``=``) location for each file whose headers differ from its folder's. ``^~``
keeps a regular-expression location elsewhere in the server from taking the
site's requests (and sending other headers).
Types go in a ``types`` block rather than ``add_header``, which would send a
second ``Content-Type``. Each location also names the site's own 404 page
(``error_page 404``), else nginx answers a missing page with its own.

No text reaches the snippet unchecked: ``--prefix`` is refused unless it is
plain path segments (``URL_PREFIX``), and a file name that is not plain
(``PLAIN_PATH``: a space, a quote, ``;``, ``{``) is written as a quoted nginx
string, or refused when nginx could not read it back (a control character).
"""

from __future__ import annotations

import argparse
import re
import sys
from collections.abc import Mapping, Sequence
from pathlib import Path

from helpcenter.headers import TYPES, Rule, headers_file, headers_for, site_files, site_rules

# Headers every response needs, error pages included (nginx's `always`); the
# others (a year of caching, sharing with any origin) are for files that exist.
ALWAYS = frozenset({"Content-Security-Policy", "X-Content-Type-Options", "Referrer-Policy"})
INDENT = "    "
# MkDocs writes the site's "page not found" page at the site's root.
NOT_FOUND_PAGE = "404.html"
# A --prefix: "/", or "/"-separated segments of URL-safe characters (RFC 3986's
# unreserved ones), each ending in "/". Nothing in it means anything to nginx
# (no space, quote, ";", "{", "$", "#"); "." and ".." segments are refused below.
URL_PREFIX = re.compile(r"/(?:[A-Za-z0-9._~-]+/)*")
# A site path nginx reads as one word as it is; any other is written quoted.
PLAIN_PATH = re.compile(r"[A-Za-z0-9/._~%+-]+")

_PREAMBLE = """\
# The help center's response headers for nginx, written by `helpcenter headers --nginx`
# from the built site: the same rules as its _headers file. Write it again after each
# build (the policy's hashes and the hashed file names change with the pages).
#
# Put it inside the server {{ }} block whose root is the built site (root /srv/help/site;),
# in place of its own location {prefix}. nginx sends the add_header lines of the one
# location a request matches and none of the server's, so each location lists all of
# its headers.

# A types block replaces the whole list of types the server would inherit: the standard
# list first, then the types the runtime needs exactly (nginx may warn "duplicate
# extension" where its list already agrees).
include mime.types;
"""

_COMPRESSION = """\
# Each runtime file has precompressed twins next to it (file.br, file.gz): send them as
# they are instead of compressing on every request.
# gzip_static on;      # ngx_http_gzip_static_module (built into Debian's nginx)
# brotli_static on;    # the ngx_brotli module (Debian: libnginx-mod-http-brotli-static)
"""


def nginx_snippet(site_dir: Path, rules: Sequence[Rule] | None = None, prefix: str = "/") -> str:
    """The nginx configuration that sends what ``headers_for`` says for every file of the site."""
    rules = site_rules(site_dir) if rules is None else rules
    folders = {"/": _splat_headers(rules, "/")}
    for rule in rules:
        if rule.splat and rule.splat != "/*":
            folder = rule.splat.removesuffix("*")
            folders[folder] = _splat_headers(rules, folder)
    exact: dict[str, dict[str, str]] = {}
    for path in site_files(site_dir):
        wanted = _without_type(headers_for(path, rules))
        folder = max((f for f in folders if ("/" + path).startswith(f)), key=len)
        if wanted != folders[folder]:
            exact["/" + path] = wanted
    parts = [_PREAMBLE.format(prefix=prefix), _types(), _COMPRESSION]
    # Inside each location rather than at the server's level, where it would take
    # the 404s of everything else the server serves too (a store under /help/).
    has_404 = (site_dir / NOT_FOUND_PAGE).is_file()
    not_found = [f"error_page 404 {prefix}{NOT_FOUND_PAGE}"] if has_404 else []
    for folder, headers in folders.items():
        parts.append(_location(f"^~ {_word(prefix + folder[1:])}", headers, not_found))
    for path, headers in exact.items():
        parts.append(_location(f"= {_word(prefix + path[1:])}", headers, not_found))
    return "\n".join(parts)


def _word(path: str) -> str:
    """``path`` as one nginx word: as it is when plain, else a quoted string.

    nginx matches locations against the request's decoded path ("/a%20b.js" is
    "/a b.js"), so the quoted name is the file's own; inside double quotes
    nginx reads \\" and \\\\ as a quote and a backslash, and nothing else is special.
    A control character (a newline ends the directive) cannot be written at all.
    """
    if PLAIN_PATH.fullmatch(path):
        return path
    if not path.isprintable():
        raise ValueError(
            f"the built site has a file whose name nginx cannot read back ({path!r}: it "
            "holds a control character); rename it"
        )
    return '"' + path.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _splat_headers(rules: Sequence[Rule], folder: str) -> dict[str, str]:
    """What every file in ``folder`` gets from the rules written with a splat that covers it."""
    found: dict[str, str] = {}
    for rule in rules:
        if rule.splat and folder.startswith(rule.splat.removesuffix("*")):
            found.update(rule.headers)
    return _without_type(found)


def _without_type(headers: Mapping[str, str]) -> dict[str, str]:
    return {name: value for name, value in headers.items() if name != "Content-Type"}


def _types() -> str:
    lines = [f"{INDENT}{kind} {suffix[1:]};\n" for suffix, kind in TYPES.items()]
    return "types {\n" + "".join(lines) + "}\n"


def _location(match: str, headers: Mapping[str, str], directives: Sequence[str] = ()) -> str:
    lines = [f"{INDENT}{directive};\n" for directive in directives]
    for name, value in headers.items():
        # nginx reads $ as a variable and \ as an escape: no header of the rules has them.
        if "$" in value or '"' in value or "\\" in value:
            raise ValueError(f"{name}: {value!r} cannot be written as an nginx string")
        always = " always" if name in ALWAYS else ""
        lines.append(f'{INDENT}add_header {name} "{value}"{always};\n')
    return f"location {match} {{\n" + "".join(lines) + "}\n"


def cmd_headers(args: argparse.Namespace) -> int:
    site_dir: Path = args.site_dir
    if not (site_dir / "index.html").is_file():
        print(
            f"helpcenter headers: expected a built site in {site_dir} (with index.html) but "
            "found none; build it first (mkdocs build), or name it with --site-dir.",
            file=sys.stderr,
        )
        return 1
    render = nginx_snippet if args.nginx else headers_file
    try:
        text = render(site_dir, prefix=args.prefix)
    except ValueError as error:  # a file name nginx could not read back: _word
        print(f"helpcenter headers: {error}.", file=sys.stderr)
        return 1
    sys.stdout.write(text)
    return 0


def _url_path(text: str) -> str:
    segments = text.split("/")[1:-1]
    if not URL_PREFIX.fullmatch(text) or any(part in (".", "..") for part in segments):
        raise argparse.ArgumentTypeError(
            "expected a path like /help/ (segments of letters, digits, - _ . ~, starting "
            f"and ending with /) but received {text!r}"
        )
    return text


def add_command(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Registers ``helpcenter headers`` on ``helpcenter``'s parser."""
    command = commands.add_parser(
        "headers",
        help="print the response headers a host should send for the built site "
        "(its _headers file, or with --nginx an nginx snippet)",
    )
    command.add_argument(
        "--site-dir", type=Path, default=Path("site"), help="the built site (default: site)"
    )
    command.add_argument(
        "--nginx", action="store_true", help="print an nginx snippet instead of _headers"
    )
    command.add_argument(
        "--prefix",
        type=_url_path,
        default="/",
        help="the path the site is served under, like /help/ (default: /)",
    )
    command.set_defaults(run=cmd_headers)
