"""site_url and Material's instant navigation: a warning from the one check, and under
``mkdocs serve`` a warning only when the served address and site_url really disagree;
site_url from the SITE_URL environment variable (MkDocs' !ENV tag, read by the check as
MkDocs reads it), and a warning when a deploy build keeps this computer's address.

Without site_url MkDocs writes no addresses into sitemap.xml, and Material's instant
navigation follows only links the sitemap lists: every page then loads whole and the
calculators' Python starts again.
"""

from __future__ import annotations

import logging
import os
import subprocess
from pathlib import Path
from urllib.parse import urlsplit

import click
import pytest
from helpcenter_command import helpcenter
from mkdocs.config import load_config
from mkdocs.livereload import _serve_url

from helpcenter.pipeline import Project, build_ended, check, project_at
from helpcenter.plugin import _served_site_dirs, mkdocs_command, serve_address_problems
from helpcenter.site_url import (
    SiteUrl,
    configured_site_url,
    deploy_build,
    on_this_computer,
    site_url_problems,
)
from helpcenter.yamlsource import read_document

ROOT = Path(__file__).parent.parent.parent
WARNING = (
    "[warning] site_url: Material's instant navigation (navigation.instant in theme.features) "
    "needs site_url, and it is not set; set site_url: https://help.example.com/ to the "
    "address the site is served from (without it every page reloads and the calculators "
    "restart). (site-url-missing)"
)
INSTANT = (
    "theme:\n  name: material\n  features:\n    - navigation.tracking\n    - navigation.instant\n"
)

# (mkdocs.yml, where the warning is, or None for none). A missing key is reported where
# the top-level keys start (there is no line of its own): line 1, or after the comments.
CASES = [
    ("site_name: x\n" + INSTANT, "1:1"),
    ("# a comment\n# another\nsite_name: x\n" + INSTANT, "3:1"),
    ('site_name: x\nsite_url: ""\n' + INSTANT, "2:11"),  # empty: the value's column
    (
        "site_name: x\nsite_url:\n" + INSTANT,
        "2:10",
    ),  # null: just after the colon, as PyYAML marks it
    ("site_name: x\nsite_url: https://help.example.com/\n" + INSTANT, None),
    ("site_name: x\ntheme:\n  name: material\n  features:\n    - navigation.tracking\n", None),
    ("site_name: x\ntheme: material\n", None),
    ("site_name: x\n", None),
]


@pytest.mark.parametrize(("text", "at"), CASES)
def test_instant_navigation_without_site_url_warns(tmp_path, text, at):
    config = tmp_path / "mkdocs.yml"
    config.write_text(text, encoding="utf-8")
    document = read_document(config, "mkdocs.yml")
    site_url = configured_site_url(config, document, {})
    found = [str(p) for p in site_url_problems(document, document.data, site_url)]  # type: ignore[arg-type]
    assert found == ([f"mkdocs.yml:{at}: {WARNING}"] if at else [])


def _without_site_url(copy_store, target: Path) -> Path:
    copy_store(ROOT, target)
    config = target / "mkdocs.yml"
    lines = config.read_text(encoding="utf-8").split("\n")
    config.write_text("\n".join(x for x in lines if not x.startswith("site_url:")), "utf-8")
    return config


def test_the_cli_and_the_plugin_report_it_the_same(tmp_path, copy_store, caplog):
    config = _without_site_url(copy_store, tmp_path)
    # mkdocs.yml starts with site_name on line 1: the top-level keys start there.
    expected = f"{config.as_posix()}:1:1: {WARNING}"
    assert [str(p) for p in check(project_at(tmp_path)).problems] == [expected]
    run = helpcenter("--project", tmp_path, "check")
    assert (run.returncode, run.stdout, run.stderr) == (
        0,
        expected + "\nNo errors.\n",
        "1 warning found.\n",
    )
    mkdocs_config = load_config(str(config))
    with caplog.at_level(logging.WARNING, logger="mkdocs.plugins.helpcenter"):
        mkdocs_config.plugins.on_startup(command="build", dirty=False)
        mkdocs_config.plugins.on_config(mkdocs_config)
    build_ended()  # as on_post_build does
    assert [r.getMessage() for r in caplog.records if r.name.endswith("helpcenter")] == [expected]


def _project(tmp_path, copy_store) -> Project:
    copy_store(ROOT, tmp_path)
    return Project(tmp_path, tmp_path / "policy", tmp_path / "docs", tmp_path / "mkdocs.yml")


@pytest.mark.parametrize(
    ("site_url", "dev_addr"),
    [
        ("http://127.0.0.1:8000/", "127.0.0.1:8000"),
        ("https://help.example.com/", "127.0.0.1:8001"),  # another host and port
        ("https://example.com/help/", "127.0.0.1:8000"),  # a path: served under it
        (None, "0.0.0.0:8000"),  # none: MkDocs makes one
    ],
)
def test_serve_as_mkdocs_does_it_never_mismatches(tmp_path, copy_store, site_url, dev_addr):
    # MkDocs 1.6's serve (mkdocs/commands/serve.py): the server listens at dev_addr and
    # mounts the site at site_url's path, and the build's site_url becomes
    # http://<dev_addr><that path>. The plugin sees both in on_serve.
    host, port = dev_addr.split(":")
    mount = urlsplit(site_url or "/").path
    served = _serve_url(host, int(port), mount)
    site_url_of_build = served
    assert serve_address_problems(_project(tmp_path, copy_store), site_url_of_build, served) == []


def test_serve_warns_when_site_url_keeps_another_port(tmp_path, copy_store):
    # As no MkDocs 1.6 serve leaves it: site_url on port 8000, served on 8001.
    project = _project(tmp_path, copy_store)
    # site_url's value in the store's mkdocs.yml: its line, column 11 (after "site_url: ").
    lines = (tmp_path / "mkdocs.yml").read_text(encoding="utf-8").split("\n")
    line = next(n for n, text in enumerate(lines, start=1) if text.startswith("site_url: "))
    shown = (tmp_path / "mkdocs.yml").as_posix()
    found = serve_address_problems(project, "http://127.0.0.1:8000/", "http://127.0.0.1:8001/")
    assert [str(p) for p in found] == [
        f"{shown}:{line}:11: [warning] site_url: mkdocs serve serves the site at "
        "http://127.0.0.1:8001/ but the build's site_url is "
        "'http://127.0.0.1:8000/'; Material's instant navigation follows only links at "
        "site_url's port and path, so every page would reload and the calculators restart. "
        "Set site_url: http://127.0.0.1:8001/ or serve at site_url's address. "
        "(site-url-mismatch)"
    ]


@pytest.mark.parametrize(
    ("site_url", "served"),
    [
        ("http://127.0.0.1:8000/help/", "http://127.0.0.1:8000/"),  # another path
        ("http://127.0.0.1/", "http://127.0.0.1:8000/"),  # port 80 by default
        (None, "http://127.0.0.1:8000/"),
    ],
)
def test_serve_warns_for_any_other_port_or_path(tmp_path, copy_store, site_url, served):
    found = serve_address_problems(_project(tmp_path, copy_store), site_url, served)
    assert [p.rule for p in found] == ["site-url-mismatch"]


def test_serve_ignores_what_material_takes_from_the_address_bar(tmp_path, copy_store):
    # Scheme and host come from the browser's address (Material's sitemap resolve()).
    found = serve_address_problems(
        _project(tmp_path, copy_store), "https://localhost:8000/", "http://127.0.0.1:8000/"
    )
    assert found == []


# -- site_url from the environment, and deploy builds ---------------------------------------

DEFAULT_URL = "http://127.0.0.1:8000/"
ENV_LINE = f"site_url: !ENV [SITE_URL, '{DEFAULT_URL}']"
FROM_DEFAULT = "the default of site_url's !ENV in mkdocs.yml, as SITE_URL is not set"

# (site_url's line, the environment, what the build gets). As pyyaml_env_tag reads it:
# the first listed variable that is set, else the list's last item; a lone name, no default.
SITE_URLS = [
    (
        "site_url: https://help.example.com/",
        {},
        SiteUrl("https://help.example.com/", "site_url in mkdocs.yml"),
    ),
    (ENV_LINE, {}, SiteUrl(DEFAULT_URL, FROM_DEFAULT)),
    (
        ENV_LINE,
        {"SITE_URL": "https://help.example.com/"},
        SiteUrl("https://help.example.com/", "SITE_URL"),
    ),
    (ENV_LINE, {"SITE_URL": ""}, SiteUrl(None, "SITE_URL")),  # set, but empty: none
    (
        "site_url: !ENV SITE_URL",
        {"SITE_URL": "https://a.example/"},
        SiteUrl("https://a.example/", "SITE_URL"),
    ),
    (
        "site_url: !ENV SITE_URL",
        {},
        SiteUrl(None, "site_url's !ENV in mkdocs.yml, as SITE_URL is not set"),
    ),
    (
        "site_url: !ENV [A, B, 'https://c.example/']",
        {"B": "https://b.example/"},
        SiteUrl("https://b.example/", "B"),
    ),
    (
        "site_url: !ENV [A, B, 'https://c.example/']",
        {},
        SiteUrl(
            "https://c.example/", "the default of site_url's !ENV in mkdocs.yml, as A, B is not set"
        ),
    ),
]


@pytest.mark.parametrize(("line", "environ", "expected"), SITE_URLS)
def test_site_url_as_mkdocs_reads_it(tmp_path, line, environ, expected, monkeypatch):
    config = tmp_path / "mkdocs.yml"
    config.write_text(f"site_name: x\n{line}\n", encoding="utf-8")
    found = configured_site_url(config, read_document(config, "mkdocs.yml"), environ)
    assert found == expected
    # MkDocs itself reads the same value.
    (tmp_path / "docs").mkdir()
    for name in ("SITE_URL", "A", "B"):
        monkeypatch.delenv(name, raising=False)
    for name, value in environ.items():
        monkeypatch.setenv(name, value)
    assert load_config(str(config)).site_url == expected.value


@pytest.mark.parametrize(
    ("environ", "command", "reason"),
    [
        ({}, None, None),
        ({}, "build", None),
        # CI alone is no deploy: the same CI builds the test sites at 127.0.0.1.
        ({"CI": "true", "GITHUB_ACTIONS": "true"}, "build", None),
        ({"HELPCENTER_DEPLOY": "1"}, "build", "HELPCENTER_DEPLOY=1"),
        ({"HELPCENTER_DEPLOY": "1"}, None, "HELPCENTER_DEPLOY=1"),  # helpcenter check
        ({"HELPCENTER_DEPLOY": "1"}, "serve", None),  # serve builds for this computer
        ({}, "gh-deploy", "mkdocs gh-deploy"),
        ({"HELPCENTER_DEPLOY": "0"}, "gh-deploy", None),
        ({"NETLIFY": "true"}, "build", "NETLIFY is set"),
        ({"CF_PAGES": "1"}, "build", "CF_PAGES is set"),
        ({"VERCEL": "1"}, "build", "VERCEL is set"),
        ({"NETLIFY": "true", "HELPCENTER_DEPLOY": "0"}, "build", None),
        ({"NETLIFY": ""}, "build", None),
        # Yes and no as people write them in shells and CI files.
        ({"HELPCENTER_DEPLOY": "true"}, "build", "HELPCENTER_DEPLOY=true"),
        ({"HELPCENTER_DEPLOY": " Yes "}, "build", "HELPCENTER_DEPLOY= Yes "),
        ({"HELPCENTER_DEPLOY": "off", "NETLIFY": "true"}, "build", None),
        ({"HELPCENTER_DEPLOY": "maybe"}, "build", None),
    ],
)
def test_deploy_build(environ, command, reason):
    assert deploy_build(environ, command) == reason


@pytest.mark.parametrize(
    ("url", "local"),
    [
        ("http://127.0.0.1:8000/", True),
        ("http://localhost:8000/help/", True),
        ("http://LOCALHOST/", True),
        ("http://help.localhost/", True),
        ("http://[::1]:8000/", True),
        ("http://127.0.1.1/", True),  # all of 127.0.0.0/8 is loopback
        ("http://0.0.0.0:8000/", True),
        ("https://help.example.com/", False),
        ("https://localhost.example.com/", False),
        ("http://192.168.1.10/", False),  # a private address others on the network reach
        ("not a url", False),
    ],
)
def test_on_this_computer(url, local):
    assert on_this_computer(url) is local


def _environment(**changes: str) -> dict[str, str]:
    """This process's environment with no deploy signal and no SITE_URL, then ``changes``."""
    cleared = {"SITE_URL", "HELPCENTER_DEPLOY", "NETLIFY", "CF_PAGES", "VERCEL"}
    return {k: v for k, v in os.environ.items() if k not in cleared} | changes


def _localhost_warning(config: Path, reason: str) -> str:
    # site_url's line in the store's mkdocs.yml; its value (the !ENV tag) starts at column 11.
    lines = config.read_text(encoding="utf-8").split("\n")
    line = lines.index(ENV_LINE) + 1
    return (
        f"{config.as_posix()}:{line}:11: [warning] site_url: Expected the address shoppers "
        f"reach the site at in a deploy build ({reason}) but received {DEFAULT_URL} (from "
        f"{FROM_DEFAULT}), an address on the building computer: set "
        "SITE_URL=https://help.example.com/ or site_url in mkdocs.yml (sitemap.xml and every "
        "page's canonical link are written from it, and instant navigation works only at its "
        "address). (site-url-localhost)"
    )


def _cli_check(project: Path, environ: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return helpcenter("--project", project, "check", env=environ)


@pytest.mark.parametrize(
    ("changes", "warned"),
    [
        ({"HELPCENTER_DEPLOY": "1"}, True),
        ({"NETLIFY": "true"}, True),
        ({"HELPCENTER_DEPLOY": "1", "SITE_URL": "https://help.example.com/"}, False),
        ({"CI": "true"}, False),
        ({}, False),
    ],
)
def test_the_cli_check_warns_of_a_deploy_build_at_this_computers_address(
    tmp_path, copy_store, changes, warned
):
    copy_store(ROOT, tmp_path)
    run = _cli_check(tmp_path, _environment(**changes))
    if not warned:
        assert (run.returncode, run.stdout, run.stderr) == (0, "Policy and pages are fine.\n", "")
        return
    reason = "HELPCENTER_DEPLOY=1" if "HELPCENTER_DEPLOY" in changes else "NETLIFY is set"
    expected = _localhost_warning(tmp_path / "mkdocs.yml", reason)
    assert (run.returncode, run.stdout, run.stderr) == (
        0,
        expected + "\nNo errors.\n",
        "1 warning found.\n",
    )


@pytest.mark.parametrize(
    ("command", "warned"), [("build", True), ("gh-deploy", True), ("serve", False)]
)
def test_the_plugin_warns_of_it_in_the_build_log(
    tmp_path, copy_store, caplog, monkeypatch, command, warned
):
    # MkDocs runs each command of its command line in a click context named after it.
    copy_store(ROOT, tmp_path)
    for name in ("SITE_URL", "NETLIFY", "CF_PAGES", "VERCEL"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("HELPCENTER_DEPLOY", "1")
    config = load_config(str(tmp_path / "mkdocs.yml"))
    assert config.site_url == DEFAULT_URL  # MkDocs took the !ENV default
    with click.Context(click.Command(command)), caplog.at_level(logging.WARNING):
        config.plugins.on_config(config)
    build_ended()  # as on_post_build does
    found = [r.getMessage() for r in caplog.records if r.name.endswith("helpcenter")]
    # gh-deploy is a deploy whatever the environment says; it names itself then.
    reason = "mkdocs gh-deploy" if command == "gh-deploy" else "HELPCENTER_DEPLOY=1"
    assert found == ([_localhost_warning(tmp_path / "mkdocs.yml", reason)] if warned else [])


def test_mkdocs_build_warns_of_it_and_strict_stops(tmp_path, copy_store):
    # The real command line, as a deploy job runs it.
    copy_store(ROOT, tmp_path)
    warning = _localhost_warning(tmp_path / "mkdocs.yml", "HELPCENTER_DEPLOY=1")
    environ = _environment(HELPCENTER_DEPLOY="1", NO_MKDOCS_2_WARNING="1")
    for strict, code in (([], 0), (["--strict"], 1)):
        run = subprocess.run(
            [
                str(ROOT / ".venv" / "bin" / "mkdocs"),
                "build",
                "-f",
                str(tmp_path / "mkdocs.yml"),
                *strict,
            ],
            cwd=ROOT,
            capture_output=True,
            text=True,
            timeout=600,
            check=False,
            env=environ,
        )
        assert run.returncode == code, run.stderr
        assert warning in run.stderr


def test_mkdocs_serve_rebuilds_are_serve_too():
    # `mkdocs serve` rebuilds in a thread of its own, outside its click context;
    # on_serve has seen its folder.
    assert mkdocs_command("/tmp/mkdocs_serve_folder") is None
    _served_site_dirs.add("/tmp/mkdocs_serve_folder")
    try:
        assert mkdocs_command("/tmp/mkdocs_serve_folder") == "serve"
    finally:
        _served_site_dirs.discard("/tmp/mkdocs_serve_folder")
