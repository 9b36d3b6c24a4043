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
second ``Content-Type``.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Mapping, Sequence
from pathlib import Path

from helpcenter.headers import TYPES, Rule, headers_file, headers_for, site_files, site_rules

# Headers every response needs, error pages included (nginx's `always`); the
# others (a year of caching, sharing with any origin) are for files that exist.
ALWAYS = frozenset({"Content-Security-Policy", "X-Content-Type-Options", "Referrer-Policy"})
INDENT = "    "

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
    for folder, headers in folders.items():
        parts.append(_location(f"^~ {prefix}{folder[1:]}", headers))
    for path, headers in exact.items():
        parts.append(_location(f"= {prefix}{path[1:]}", headers))
    return "\n".join(parts)


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


def _location(match: str, headers: Mapping[str, str]) -> str:
    lines = []
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
    sys.stdout.write(render(site_dir, prefix=args.prefix))
    return 0


def _url_path(text: str) -> str:
    if not (text.startswith("/") and text.endswith("/")):
        raise argparse.ArgumentTypeError(f"expected a path like /help/ but received {text!r}")
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
