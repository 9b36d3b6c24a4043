"""The one check: every entry point (``helpcenter check``, the MkDocs plugin, the
Markdown extension) calls ``check`` and acts on the same problems.

Every phase runs and is collected before anything is reported, so one run
shows every mistake: the policy files (YAML, shape, cross-field rules), the
dates against today, what the calculators' runtime needs, every page and the
placeholders in ``mkdocs.yml``. Nothing here writes a file: the plugin runs it
before MkDocs empties the site folder, so a failing build leaves the last good
site where it was.
"""

from __future__ import annotations

import dataclasses
import html
import os
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from calculators.policy import Policy
from calculators.shape import PathProblem
from helpcenter import bundle, promises
from helpcenter.checks import check_policy
from helpcenter.handtyped import HandtypedFinder
from helpcenter.load import (
    PolicyError,
    PolicySource,
    build_day,
    build_policy,
    read_policy_source,
)
from helpcenter.pagemeta import front_matter_problems
from helpcenter.pages import renderers
from helpcenter.placeholders import PageError, render_page
from helpcenter.problems import Position, Problem, errors
from helpcenter.site_url import configured_site_url, deploy_build, site_url_problems
from helpcenter.stdlib import list_mismatch
from helpcenter.textfiles import read_text
from helpcenter.yamlsource import Document, read_document

# mkdocs.yml values that may quote the policy ("{{ policy.store.name }} Help Center").
CONFIG_TEXTS = ("site_name", "site_description")
_BLOCK_PLACEHOLDER = re.compile(r"\{\{\s*(?:table|calculator)\.[^}]*\}\}")


@dataclass(frozen=True)
class Project:
    """Where a store's files are: the policy, the pages and (optionally) mkdocs.yml."""

    root: Path
    policy_dir: Path
    docs_dir: Path
    config_file: Path | None = None

    def shown(self, path: Path) -> str:
        """How a file is named in problems: from where the command runs, as editors see it."""
        # absolute, not resolved: a link is named as the editor sees it, not its target
        absolute = Path(os.path.abspath(path))
        try:
            return absolute.relative_to(Path(os.path.abspath(Path.cwd()))).as_posix()
        except ValueError:
            return path.as_posix()


def project_at(root: Path) -> Project:
    """The store in ``root``, laid out as its mkdocs.yml says (docs_dir, policy_dir)."""
    config_file = root / "mkdocs.yml"
    docs, policy = "docs", "policy"
    if config_file.is_file():
        text, _ = read_text(config_file, "mkdocs.yml")
        data = _yaml_data(config_file) if text is not None else None
        if isinstance(data, dict):
            docs = str(data.get("docs_dir") or docs)
            policy = _plugin_policy_dir(data.get("plugins")) or policy
    return Project(root, root / policy, root / docs, config_file if config_file.is_file() else None)


def _yaml_data(config_file: Path) -> object:
    return read_document(config_file, "mkdocs.yml").data


def _plugin_policy_dir(plugins: object) -> str | None:
    for entry in plugins if isinstance(plugins, list) else []:
        if isinstance(entry, dict) and isinstance(entry.get("helpcenter"), dict):
            value = entry["helpcenter"].get("policy_dir")
            return str(value) if value else None
    return None


def _identity(project: Project) -> tuple[Path | None, ...]:
    """The same store however its paths were written (relative, absolute, linked)."""
    parts = (project.root, project.policy_dir, project.docs_dir, project.config_file)
    return tuple(p.resolve() if p is not None else None for p in parts)


# The check a MkDocs build ran in on_config, for the Markdown extension in the same
# build: one check a build, never a second (and different) one. Set by the plugin
# for the length of one build only, so a later build without the plugin (or after
# an edit) checks afresh.
_this_build: dict[tuple[Path | None, ...], CheckResult] = {}


def share_for_build(project: Project, result: CheckResult) -> None:
    """``result`` is ``project``'s check until the build ends (``build_ended``)."""
    _this_build.clear()
    _this_build[_identity(project)] = result


def build_ended() -> None:
    _this_build.clear()


def checked_this_build(project: Project) -> CheckResult | None:
    return _this_build.get(_identity(project))


@dataclass
class CheckResult:
    """Every problem found, and what the build needs from a passing check."""

    problems: list[Problem] = field(default_factory=list)
    policy: Policy | None = None  # as published: seasons that are over are left out
    pages: dict[Path, str] = field(default_factory=dict)  # filled Markdown by source file
    config_texts: dict[str, str] = field(default_factory=dict)  # plain text, unescaped

    @property
    def errors(self) -> list[Problem]:
        return errors(self.problems)

    @property
    def ok(self) -> bool:
        return not self.errors


def check(
    project: Project, today: date | None = None, mkdocs_command: str | None = None
) -> CheckResult:
    """Run every phase on ``project`` and collect all problems, in file order.

    ``mkdocs_command``: the MkDocs command that builds (``serve``, ``build``,
    ``gh-deploy``), or None outside MkDocs; with the environment it says
    whether this is a deploy build (``helpcenter.site_url.deploy_build``).
    """
    result = CheckResult()
    source = read_policy_source(project.policy_dir, project.shown(project.policy_dir))
    policy, shape_problems = build_policy(source)
    result.problems += source.problems + shape_problems
    if policy is not None:
        day = today or build_day(policy.calendar.time_zone.zone)
        dated, policy = _dated(source, policy, day)
        result.problems += dated
        result.problems += _runtime(project, source, policy)
        result.problems += _logo(project, source, policy)
    result.problems += _pages(project, policy, result)
    result.problems += _config_texts(project, policy, result, mkdocs_command)
    result.policy = policy if result.ok else None
    return result


def published_policy(project: Project, today: date | None = None) -> Policy:
    """The policy the site publishes (the calculators' input), or PolicyError.

    The policy phases of ``check`` only: a calculator asked in the terminal
    needs no page to be right.
    """
    source = read_policy_source(project.policy_dir, project.shown(project.policy_dir))
    policy, problems = build_policy(source)
    problems = source.problems + problems
    if policy is not None and not problems:
        day = today or build_day(policy.calendar.time_zone.zone)
        dated, policy = _dated(source, policy, day)
        problems = errors(dated)
    if policy is None or problems:
        raise PolicyError(problems)
    return policy


def _dated(source: PolicySource, policy: Policy, today: date) -> tuple[list[Problem], Policy]:
    found, published = check_policy(policy, today)
    located = []
    for severity, path_problem in found:
        problem = source.locate(path_problem)
        located.append(dataclasses.replace(problem, severity=severity))
    return located, published


def _runtime(project: Project, source: PolicySource, policy: Policy) -> list[Problem]:
    """What writing the calculators' runtime needs, checked before the build writes."""
    root = bundle.npm_root(project.root)
    where = Position(project.shown(root / "package-lock.json"), 1, 1)
    problems = [
        Problem("runtime-files", where, str(error))
        for error in bundle.runtime_problems(policy, root)
    ]
    mismatch = list_mismatch(root / "node_modules" / "pyodide")
    if mismatch:
        problems.append(Problem("stdlib-list", where, mismatch, severity="warning"))
    zone = policy.calendar.time_zone.key
    if not bundle.shipped_zone(zone):
        path = PathProblem(
            "time-zone",
            ("calendar", "time_zone"),
            f'Expected a time zone of a place, like "America/New_York", but received '
            f"{zone!r}: it is a name only this computer knows, and shoppers' browsers do not.",
        )
        problems.append(source.locate(path))
    return problems


def _logo(project: Project, source: PolicySource, policy: Policy) -> list[Problem]:
    """The store's logo is a file of the pages, or the header would show a broken image."""
    logo = policy.store.logo
    if logo is None or (project.docs_dir / logo).is_file():
        return []
    missing = PathProblem(
        "missing-file",
        ("store", "logo"),
        f"Expected an image at {project.shown(project.docs_dir / logo)} but found none.",
    )
    return [source.locate(missing)]


def _pages(project: Project, policy: Policy | None, result: CheckResult) -> list[Problem]:
    problems: list[Problem] = []
    docs = project.docs_dir
    if not docs.is_dir():
        where = Position(project.shown(docs), 1, 1)
        return [Problem("missing-file", where, f"Expected a folder of pages at {where.file}.")]
    tables = renderers().remembered()
    handtyped = HandtypedFinder(policy) if policy is not None else None
    filled_sources: dict[str, str] = {}  # the pages whose placeholders all fill
    for path in sorted(docs.rglob("*.md")):
        shown = project.shown(path)
        text, unreadable = read_text(path, shown)
        problems += unreadable
        if text is None:
            continue
        problems += front_matter_problems(text, shown)
        try:
            filled = render_page(text, policy, shown, tables)
        except PageError as error:
            problems += error.problems
        else:
            result.pages[path.resolve()] = filled
            filled_sources[shown] = text
        if handtyped is not None:
            problems += handtyped.find(text, shown)
    if policy is not None:
        # Every promise a page makes, against what the calculators answer.
        problems += promises.audit(policy, filled_sources, tables)
    return problems


def _config_texts(
    project: Project, policy: Policy | None, result: CheckResult, mkdocs_command: str | None
) -> list[Problem]:
    """site_name and site_description may quote the policy; checked like a page line.
    And site_url (helpcenter.site_url): ``mkdocs_command`` says whether this is a deploy."""
    if project.config_file is None:
        return []
    shown = project.shown(project.config_file)
    document: Document = read_document(project.config_file, shown)
    data = document.data if isinstance(document.data, Mapping) else {}
    # site_url, with MkDocs' !ENV tag resolved as the build resolves it.
    site_url = configured_site_url(project.config_file, document, os.environ)
    deploy = deploy_build(os.environ, mkdocs_command)
    problems: list[Problem] = [
        *document.problems,
        *site_url_problems(document, data, site_url, deploy),
    ]
    for key in CONFIG_TEXTS:
        value = data.get(key)
        if not isinstance(value, str):
            continue
        at = _text_start(project.config_file, document.locate((key,)))
        # A title or a description is text: only policy values may go into it.
        blocks = [m for m in _BLOCK_PLACEHOLDER.finditer(value)]
        problems += [
            Problem(
                "placeholder-in-config",
                Position(shown, at.line, at.column + m.start()),
                f"Expected only policy values, like {{{{ policy.store.name }}}}, in {key} but "
                f"received {m.group(0)!r}: tables and calculators belong on pages.",
                key,
            )
            for m in blocks
        ]
        if blocks:
            continue
        try:
            filled = render_page(value, policy, shown, renderers())
        except PageError as error:
            problems += [
                Problem(
                    p.rule,
                    Position(shown, at.line, at.column + p.column - 1),
                    p.message,
                    key,
                    p.severity,
                )
                for p in error.problems
            ]
            continue
        # Placeholders come back escaped for Markdown, which is HTML; the theme
        # wants plain text here and escapes it itself (helpcenter.plugin).
        result.config_texts[key] = html.unescape(filled)
    return problems


def _text_start(config_file: Path, at: Position) -> Position:
    """Where a scalar's text starts: after its opening quote, if it has one, so a
    column inside the text counts the way the editor sees it."""
    lines = config_file.read_text(encoding="utf-8").split("\n")
    first = lines[at.line - 1][at.column - 1 : at.column] if 0 < at.line <= len(lines) else ""
    if first in ('"', "'"):
        return Position(at.file, at.line, at.column + 1)
    return at
