"""site_url and Material's instant navigation: a warning from the one check, and under
``mkdocs serve`` a warning only when the served address and site_url really disagree.

Without site_url MkDocs writes no addresses into sitemap.xml, and Material's instant
navigation follows only links the sitemap lists: every page then loads whole and the
calculators' Python starts again.
"""

from __future__ import annotations

import logging
import subprocess
import sys
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from mkdocs.config import load_config
from mkdocs.livereload import _serve_url

from helpcenter.pipeline import Project, build_ended, check, project_at, site_url_problems
from helpcenter.plugin import serve_address_problems
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
    found = [str(p) for p in site_url_problems(document, document.data)]  # type: ignore[arg-type]
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
    run = subprocess.run(
        [sys.executable, "-m", "helpcenter.cli", "--project", str(tmp_path), "check"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
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
