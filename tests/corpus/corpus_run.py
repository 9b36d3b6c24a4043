"""Run a variant the three ways a user meets it: the check, the MkDocs build, the CLI.

The build runs in-process, as `mkdocs build` does (startup, build, shutdown),
from a fresh config each time; anything it raises besides MkDocs' own "the
build failed" exceptions would be a traceback for the user, so it is returned
as such rather than counted as a failed build.
"""

from __future__ import annotations

import html
import os
import subprocess
import sys
import traceback
import weakref
from dataclasses import dataclass
from pathlib import Path

from corpus_edits import ROOT
from mkdocs.commands.build import build
from mkdocs.config import load_config
from mkdocs.exceptions import Abort, BuildError, ConfigurationError

from helpcenter.pipeline import CheckResult, check, project_at

# MkDocs caches plugin instances between configs; every plugin a build used is
# remembered here, so a later build handed the same instance (and with it the
# previous variant's policy) is caught.
_PLUGINS_SEEN: weakref.WeakSet[object] = weakref.WeakSet()
QUIET = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}


class Traceback(Exception):
    """Something raised what a user would see as a traceback; the message is its tail."""


def tail(error: BaseException, lines: int = 4) -> str:
    text = "".join(traceback.format_exception(error)).rstrip().splitlines()
    return "\n".join(text[-lines:])


def run_check(root: Path) -> CheckResult:
    """`helpcenter check`, in-process; any exception becomes Traceback."""
    try:
        return check(project_at(root))
    except Exception as error:
        raise Traceback(f"the check raised:\n{tail(error)}") from error


@dataclass(frozen=True)
class Built:
    failed: bool
    message: str  # why it failed, as MkDocs says it
    strict: bool  # from mkdocs.yml; None-like False when the config did not load
    checked_root: Path | None  # the store the helpcenter plugin checked


def run_build(root: Path, site: Path) -> Built:
    """`mkdocs build` of the store at ``root`` into ``site``; Traceback on anything unexpected."""
    try:
        config = load_config(str(root / "mkdocs.yml"), site_dir=str(site))
    except (Abort, ConfigurationError) as error:
        return Built(True, f"configuration: {error}", False, None)
    except Exception as error:
        raise Traceback(f"loading mkdocs.yml raised:\n{tail(error)}") from error
    plugin = config.plugins.get("helpcenter")
    if plugin is None:
        raise AssertionError(f"{root}/mkdocs.yml lost its helpcenter plugin")
    if plugin in _PLUGINS_SEEN:
        raise AssertionError("MkDocs reused a helpcenter plugin from an earlier build")
    _PLUGINS_SEEN.add(plugin)
    failed, message = False, ""
    try:
        config.plugins.on_startup(command="build", dirty=False)
        build(config)
    except (Abort, BuildError) as error:
        failed, message = True, str(error)
    except Exception as error:
        raise Traceback(f"the build raised:\n{tail(error)}") from error
    finally:
        config.plugins.on_shutdown()
    project = getattr(plugin, "project", None)
    checked = Path(project.root) if project is not None else None
    return Built(failed, message, bool(config.strict), checked)


def run_cli(root: Path) -> subprocess.CompletedProcess[str]:
    """The real command, as an editor types it."""
    command = [sys.executable, "-m", "helpcenter.cli", "--project", str(root), "check"]
    python = ROOT / ".venv" / "bin" / "python"
    if python.exists():
        command[0] = str(python)
    return subprocess.run(
        command, capture_output=True, text=True, cwd=ROOT, env=QUIET, timeout=120, check=False
    )


def page_texts(site: Path) -> str:
    """Every built page's text, HTML entities read back, as one string."""
    return "\n".join(html.unescape(p.read_text(encoding="utf-8")) for p in site.rglob("*.html"))
