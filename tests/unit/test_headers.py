"""One set of header rules: per path for the preview server, as a _headers file and as an
nginx snippet for hosts (``helpcenter headers``), saying the same for every file."""

from __future__ import annotations

import re
import shutil
import subprocess
import urllib.error
import urllib.request
from email.message import Message
from pathlib import Path

import pytest

from helpcenter import bundle, cli
from helpcenter.cli_headers import nginx_snippet
from helpcenter.csp import site_policy
from helpcenter.headers import (
    MISTYPED,
    RULES,
    RUNTIME_PATH,
    TYPES,
    headers_file,
    headers_for,
    site_files,
    site_rules,
)
from helpcenter.preview import serve

YEAR = {"Cache-Control": "public, max-age=31536000, immutable"}
SHARED = {"Access-Control-Allow-Origin": "*"}
WASM = {"Content-Type": "application/wasm"}
MODULE = {"Content-Type": "text/javascript"}
# The policy of a site whose pages hold no inline code (helpcenter.csp; test_csp.py).
NO_INLINE_CODE = (
    "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; "
    "img-src 'self' data:; connect-src 'self'; worker-src 'self'; object-src 'none'; "
    "base-uri 'none'; form-action 'self'; frame-ancestors 'none'"
)


def test_the_rules_look_where_the_bundle_writes() -> None:
    assert bundle.RUNTIME_FOLDER.as_posix() == RUNTIME_PATH


@pytest.mark.parametrize(
    ("url_path", "expected"),
    [
        # Pyodide's folder is named after its version: every file in it, for a year.
        ("/assets/helpcenter/pyodide/314.0.7/pyodide.asm.wasm", YEAR | WASM),
        ("/assets/helpcenter/pyodide/314.0.7/pyodide.mjs", YEAR | MODULE),
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


SITE_FILES = (
    "index.html",
    "shipping/index.html",
    "404.html",
    "sitemap.xml",
    "assets/javascripts/bundle.0123abcd.min.js",
    "assets/helpcenter/pyodide/314.0.7/pyodide.asm.wasm",
    "assets/helpcenter/pyodide/314.0.7/pyodide.asm.wasm.br",
    "assets/helpcenter/pyodide/314.0.7/pyodide.mjs",
    "assets/helpcenter/pyodide/314.0.7/python_stdlib.zip",
    "assets/helpcenter/calculators-0123abcdef.zip",
    "assets/helpcenter/calculators-0123abcdef.zip.gz",
    "assets/helpcenter/order-now-2026-11.json",
    "assets/helpcenter/policy-0123abcdef.json",
    "assets/helpcenter/runtime.json",
    "assets/helpcenter/delivery-line.js",
    "assets/helpcenter/loader.js",
    "assets/helpcenter/worker.js",
)


@pytest.fixture
def site(tmp_path: Path) -> Path:
    """A built site's kinds of files, with no inline code in its pages."""
    for name in SITE_FILES:
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_bytes(b"x")
    return tmp_path


def test_headers_file(site: Path) -> None:
    assert headers_file(site) == (
        "/*\n"
        f"  Content-Security-Policy: {NO_INLINE_CODE}\n"
        "  X-Content-Type-Options: nosniff\n"
        "  Referrer-Policy: strict-origin-when-cross-origin\n"
        "/assets/helpcenter/pyodide/*\n"
        "  Cache-Control: public, max-age=31536000, immutable\n"
        "/assets/helpcenter/calculators-0123abcdef.zip\n"
        "  Cache-Control: public, max-age=31536000, immutable\n"
        "/assets/helpcenter/policy-0123abcdef.json\n"
        "  Cache-Control: public, max-age=31536000, immutable\n"
        "/assets/helpcenter/order-now-2026-11.json\n"
        "  Cache-Control: no-cache\n"
        "  Access-Control-Allow-Origin: *\n"
        "/assets/helpcenter/runtime.json\n"
        "  Cache-Control: no-cache\n"
        "  Access-Control-Allow-Origin: *\n"
        "/assets/helpcenter/delivery-line.js\n"
        "  Access-Control-Allow-Origin: *\n"
        "/assets/helpcenter/pyodide/314.0.7/pyodide.mjs\n"
        "  Content-Type: text/javascript\n"
        "/assets/helpcenter/pyodide/314.0.7/pyodide.asm.wasm\n"
        "  Content-Type: application/wasm\n"
    )


def test_under_a_path_every_rule_says_it(site: Path) -> None:
    targets = [line for line in headers_file(site, prefix="/help/").splitlines() if line[0] != " "]
    assert targets[:3] == [
        "/help/*",
        "/help/assets/helpcenter/pyodide/*",
        ("/help/assets/helpcenter/calculators-0123abcdef.zip"),
    ]
    assert all(target.startswith("/help/") for target in targets)


def test_no_file_gets_one_header_from_two_rules(site: Path) -> None:
    # Netlify and Cloudflare Pages join the values of a header two blocks give a path
    # ("a, b"), which no Cache-Control or Content-Type survives.
    for path in site_files(site):
        names = [name for rule in site_rules(site) if rule.matches(path) for name in rule.headers]
        assert len(names) == len(set(names)), path


# -- the two outputs, read back as each host reads them ---------------------------------------


def read_headers_file(text: str, url_path: str) -> dict[str, str]:
    """What Netlify or Cloudflare Pages send for ``url_path``: every block whose path is
    it, or ends in * and starts it, in order."""
    found: dict[str, str] = {}
    for block in re.split(r"\n(?=\S)", text.strip()):
        target, *lines = block.split("\n")
        if target == url_path or (target.endswith("*") and url_path.startswith(target[:-1])):
            for line in lines:
                name, value = line.strip().split(": ", 1)
                assert name not in found, f"{url_path}: {name} twice"
                found[name] = value
    return found


def read_nginx(text: str, url_path: str) -> tuple[dict[str, str], str | None]:
    """What nginx sends for the file at ``url_path``: the add_header lines of the one
    location it picks (an exact one, else the longest prefix), and the type the
    types block gives its extension."""
    found = re.findall(r'^location (=|\^~) ("(?:[^"\\]|\\.)*"|\S+) \{\n(.*?)^\}', text, re.M | re.S)
    # A quoted word as nginx reads it: \" and \\ inside the quotes are " and \.
    locations = [
        (kind, re.sub(r"\\(.)", r"\1", path[1:-1]) if path[0] == '"' else path, body)
        for kind, path, body in found
    ]
    exact = [body for kind, path, body in locations if kind == "=" and path == url_path]
    prefixes = [(path, body) for kind, path, body in locations if kind == "^~"]
    body = (
        exact[0]
        if exact
        else max((p for p in prefixes if url_path.startswith(p[0])), key=lambda p: len(p[0]))[1]
    )
    headers = dict(re.findall(r'add_header (\S+) "([^"]*)"(?: always)?;', body))
    types_block = re.search(r"^types \{\n(.*?)^\}", text, re.M | re.S)
    assert types_block is not None
    types = {f".{suffix}": kind for kind, suffix in re.findall(r"(\S+) (\S+);", types_block[1])}
    return headers, types.get(Path(url_path).suffix)


@pytest.mark.parametrize("prefix", ["/", "/help/"])
def test_nginx_and_the_headers_file_say_the_same_for_every_file(site: Path, prefix: str) -> None:
    (site / "index.html").write_text("<script>a()</script>", encoding="utf-8")
    headers, nginx = headers_file(site, prefix=prefix), nginx_snippet(site, prefix=prefix)
    rules = site_rules(site)
    for path in [*site_files(site), "missing.html", "assets/helpcenter/pyodide/314.0.7/gone.js"]:
        url_path = prefix + path
        expected = headers_for(path, rules)  # what the preview server sends
        from_file = read_headers_file(headers, url_path)
        from_nginx, nginx_type = read_nginx(nginx, url_path)
        suffix = Path(path).suffix
        assert from_file == expected, path
        assert from_nginx == {k: v for k, v in expected.items() if k != "Content-Type"}, path
        assert nginx_type == TYPES.get(suffix), path
        assert from_file.get("Content-Type") == (TYPES[suffix] if suffix in MISTYPED else None)
    assert "'sha256-" in read_headers_file(headers, prefix)["Content-Security-Policy"]


def test_nginx_sends_the_policy_with_errors_too_but_caches_only_files(site: Path) -> None:
    # `always`: error pages carry the policy too; a 404 is never cached for a year.
    blocks = [block.strip("\n") + "\n" for block in nginx_snippet(site).split("\n\n")]
    assert (
        "types {\n    text/javascript mjs;\n    application/wasm wasm;\n"
        "    application/json json;\n    application/zip zip;\n}\n"
    ) in blocks
    assert (
        "location ^~ / {\n"
        "    error_page 404 /404.html;\n"
        f'    add_header Content-Security-Policy "{NO_INLINE_CODE}" always;\n'
        '    add_header X-Content-Type-Options "nosniff" always;\n'
        '    add_header Referrer-Policy "strict-origin-when-cross-origin" always;\n'
        "}\n"
    ) in blocks
    assert (
        "location = /assets/helpcenter/runtime.json {\n"
        "    error_page 404 /404.html;\n"
        f'    add_header Content-Security-Policy "{NO_INLINE_CODE}" always;\n'
        '    add_header X-Content-Type-Options "nosniff" always;\n'
        '    add_header Referrer-Policy "strict-origin-when-cross-origin" always;\n'
        '    add_header Cache-Control "no-cache";\n'
        '    add_header Access-Control-Allow-Origin "*";\n'
        "}\n"
    ) in blocks


# -- the command -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("options", "render"),
    [
        ([], lambda site: headers_file(site)),
        (["--nginx"], lambda site: nginx_snippet(site)),
        (["--nginx", "--prefix", "/help/"], lambda site: nginx_snippet(site, prefix="/help/")),
    ],
)
def test_helpcenter_headers_prints_them(site: Path, capsys, options, render) -> None:
    assert cli.main(["headers", "--site-dir", str(site), *options]) == 0
    assert capsys.readouterr().out == render(site)


def test_helpcenter_headers_needs_a_built_site(tmp_path: Path, capsys) -> None:
    assert cli.main(["headers", "--site-dir", str(tmp_path)]) == 1
    assert capsys.readouterr().err == (
        f"helpcenter headers: expected a built site in {tmp_path} (with index.html) but "
        "found none; build it first (mkdocs build), or name it with --site-dir.\n"
    )


# No slash at an end; nginx syntax (";", "}", a space, a quote, "$", "#"); a segment that
# climbs or stays ("..", "."); an empty segment; outside RFC 3986's unreserved ("%", "é").
BAD_PREFIXES = ["help", "/help", "help/", "/x;}/", "/he lp/", '/a"b/', "/$x/", "/#/", "/../"]
BAD_PREFIXES += ["/a/./", "//", "/a//b/", "/%20/", "/é/"]


@pytest.mark.parametrize("prefix", BAD_PREFIXES)
def test_helpcenter_headers_wants_a_plain_path_as_prefix(site: Path, capsys, prefix) -> None:
    with pytest.raises(SystemExit) as stopped:
        cli.main(["headers", "--site-dir", str(site), "--nginx", "--prefix", prefix])
    assert stopped.value.code == 2
    assert capsys.readouterr().err.splitlines()[-1] == (
        "helpcenter headers: error: argument --prefix: expected a path like /help/ (segments "
        "of letters, digits, - _ . ~, starting and ending with /) but received "
        f"{prefix!r}"
    )


@pytest.mark.parametrize("prefix", ["/", "/help/", "/a/b-c_d.e~f/", "/v1.2/"])
def test_a_plain_prefix_is_taken_and_each_location_sends_the_404_page(site, capsys, prefix):
    # The site fixture has 404.html at its root, as MkDocs writes it. Locations: the
    # prefix, the pyodide folder, and the five files whose headers differ from their
    # folder's (hashed zip and json, order-now month, runtime.json, delivery-line.js, as
    # test_headers_file lists them): 2 + 5 = 7.
    assert cli.main(["headers", "--site-dir", str(site), "--nginx", "--prefix", prefix]) == 0
    bodies = re.findall(r"^location [^\n]*\{\n(.*?)^\}", capsys.readouterr().out, re.M | re.S)
    assert len(bodies) == 7
    assert all(body.startswith(f"    error_page 404 {prefix}404.html;\n") for body in bodies)
    (site / "404.html").unlink()  # a site without one: nginx's own page, as before
    assert "error_page" not in nginx_snippet(site, prefix=prefix)


# File names that mean something to nginx, each in a hashed name (its own exact
# location, as its Cache-Control differs from the folder's).
HOSTILE_NAMES = ["a b", 'q"u\\ote', "semi;colon", "br{ace}", "it's", "$var", "back\\t", "ünï"]


def test_file_names_cannot_break_the_nginx_snippet(site: Path) -> None:
    folder = site / RUNTIME_PATH
    names = [f"{name}-0123456789.zip" for name in HOSTILE_NAMES]
    for name in names:
        (folder / name).write_bytes(b"x")
    snippet = nginx_snippet(site, prefix="/help/")
    # Each one a quoted nginx string: a double quote and a backslash escaped, the rest as is.
    for name in names:
        quoted = name.replace("\\", "\\\\").replace('"', '\\"')
        assert f'location = "/help/{RUNTIME_PATH}/{quoted}" {{\n' in snippet, name
        headers, _ = read_nginx(snippet, f"/help/{RUNTIME_PATH}/{name}")
        assert headers["Cache-Control"] == YEAR["Cache-Control"], name
    # Every location line is "location", a match, one word or quoted string, "{".
    lines = [line for line in snippet.splitlines() if line.startswith("location")]
    word = r'(?:[A-Za-z0-9/._~%+-]+|"(?:[^"\\\x00-\x1f]|\\["\\])*")'
    assert all(re.fullmatch(rf"location (=|\^~) {word} \{{", line) for line in lines), lines


def test_a_file_name_nginx_cannot_read_is_refused(site: Path, capsys) -> None:
    (site / RUNTIME_PATH / "new\nline-0123456789.zip").write_bytes(b"x")
    assert cli.main(["headers", "--site-dir", str(site), "--nginx"]) == 1
    captured = capsys.readouterr()
    assert (captured.out, captured.err) == (
        "",
        "helpcenter headers: the built site has a file whose name nginx cannot read back "
        "('/assets/helpcenter/new\\nline-0123456789.zip': it holds a control character); "
        "rename it.\n",
    )


NGINX = shutil.which("nginx")
MIME_TYPES = Path("/etc/nginx/mime.types")


@pytest.mark.skipif(NGINX is None or not MIME_TYPES.is_file(), reason="no nginx installed")
def test_nginx_itself_reads_the_snippet(site: Path) -> None:
    for name in HOSTILE_NAMES:
        (site / RUNTIME_PATH / f"{name}-0123456789.zip").write_bytes(b"x")
    snippet = nginx_snippet(site, prefix="/help/")
    conf = site / "conf"
    conf.mkdir()
    shutil.copy(MIME_TYPES, conf)
    (conf / "snippet.conf").write_text(snippet, encoding="utf-8")
    (conf / "nginx.conf").write_text(
        f"events {{}}\npid {conf}/pid;\nerror_log {conf}/log;\n"
        "http { server { include snippet.conf; } }\n",
        encoding="utf-8",
    )
    command = [str(NGINX), "-t", "-p", str(conf), "-c", str(conf / "nginx.conf")]
    run = subprocess.run(command, capture_output=True, text=True, timeout=60, check=False)
    assert run.returncode == 0, run.stderr


# -- the preview server, as a host configured with them ----------------------------------------


def _headers_served(url: str) -> Message:
    """The response's headers (names in any case, as HTTP has them), a 404's too."""
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            return response.headers
    except urllib.error.HTTPError as error:
        return error.headers


def test_the_preview_sends_what_the_headers_file_says(site: Path) -> None:
    text = headers_file(site)
    with serve(site) as url:
        for path in ("", "shipping/", *site_files(site)):
            served = _headers_served(url + path)
            wanted = read_headers_file(text, "/" + path)
            assert {name: served[name] for name in wanted} == wanted, path


def test_the_preview_serves_under_a_path_only(site: Path) -> None:
    with serve(site, prefix="/help/") as url:
        assert url.endswith("/help/")
        runtime = _headers_served(url + "assets/helpcenter/runtime.json")
        assert runtime["Access-Control-Allow-Origin"] == "*"
        assert runtime["Content-Security-Policy"] == site_policy(site)
        root = url.removesuffix("help/")
        with pytest.raises(urllib.error.HTTPError) as outside:
            urllib.request.urlopen(root + "assets/helpcenter/runtime.json", timeout=10)
        assert outside.value.code == 404
        # The mount without its slash moves to it, as a host does.
        request = urllib.request.Request(url.removesuffix("/"))
        opener = urllib.request.build_opener(_NoRedirect)
        with pytest.raises(urllib.error.HTTPError) as moved:
            opener.open(request, timeout=10)
        assert (moved.value.code, moved.value.headers["Location"]) == (301, "/help/")


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):  # type: ignore[no-untyped-def]
        return None


def test_rules_keep_their_order() -> None:
    # site_rules puts the policy first and leaves RULES as they are.
    assert site_rules(Path("/nonexistent"))[1:] == RULES
