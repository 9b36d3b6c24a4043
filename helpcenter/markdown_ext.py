"""The placeholders as a Python-Markdown extension, for generators without the plugin.

Material's successor reads mkdocs.yml but skips plugins it does not know; it
does run Markdown extensions. Listed under ``markdown_extensions``, this fills
``{{ ... }}`` before any other step, so pages, tables and widgets come out the
same. It runs the same check as the plugin and ``helpcenter check``
(helpcenter.pipeline) over the whole project, once per change of its files, and
stops the build on the same problems. With the MkDocs plugin present the plugin
has already filled the page, and this finds nothing left to do (or, on a page
that shows placeholders in code, uses the plugin's check of the same build,
``pipeline.checked_this_build``). Write the
browser runtime after such a build with ``helpcenter runtime``.
"""

from __future__ import annotations

import dataclasses
import logging
from functools import cache
from pathlib import Path

from markdown import Markdown
from markdown.extensions import Extension
from markdown.preprocessors import Preprocessor

from helpcenter.pages import renderers
from helpcenter.pipeline import CheckResult, Project, check, checked_this_build, project_at
from helpcenter.placeholders import PageError, Renderers, render_page
from helpcenter.problems import ProblemsFound, counted, warnings

# Before whitespace normalising (30) and raw-HTML blocks (20), so widgets are raw HTML.
_PRIORITY = 35
# The plugin's logger: under MkDocs, warnings here count for --strict too.
log = logging.getLogger("mkdocs.plugins.helpcenter")


class HelpCenterError(ProblemsFound):
    """The project has errors; the build stops with every one of them."""


def _stamp(project: Project) -> tuple[tuple[str, float], ...]:
    """What the check reads: each file's name and modification time."""
    files = [*project.policy_dir.glob("*"), *project.docs_dir.rglob("*")]
    if project.config_file is not None:
        files.append(project.config_file)
    return tuple(sorted((str(p), p.lstat().st_mtime) for p in files))


@cache
def _checked(project: Project, stamp: object) -> CheckResult:
    result = check(project)
    for problem in warnings(result.problems):
        log.warning(str(problem))
    return result


@cache
def _renderers() -> Renderers:
    # Once per policy: every page's copy of a table or widget is the same text.
    return renderers().remembered()


def checked_project(root: Path, policy_dir: str | None = None) -> CheckResult:
    """The check of the project at ``root``, run again only when one of its files changed."""
    project = project_at(root)
    if policy_dir is not None:
        project = dataclasses.replace(project, policy_dir=root / policy_dir)
    # Under MkDocs with the plugin, the plugin has checked this project for this
    # build already: the same result, and no walk over every file for every page.
    return checked_this_build(project) or _checked(project, _stamp(project))


class PlaceholderPreprocessor(Preprocessor):
    def __init__(self, md: Markdown, project: str, policy_dir: str | None):
        super().__init__(md)
        self.project = Path(project)
        self.policy_dir = policy_dir

    def run(self, lines: list[str]) -> list[str]:
        if not any("{{" in line for line in lines):
            return lines
        result = checked_project(self.project, self.policy_dir)
        if not result.ok or result.policy is None:
            raise _stop(HelpCenterError(result.problems))
        page = "\n".join(lines)
        try:
            filled = render_page(page, result.policy, "a page", _renderers())
        except PageError as error:  # text the check did not see (an included snippet)
            raise _stop(HelpCenterError(error.problems)) from None
        return filled.split("\n")


def _stop(error: HelpCenterError) -> Exception:
    """Under MkDocs, a PluginError: MkDocs prints it as one message, not a traceback."""
    message = f"The help center has {counted(error.problems)}:\n{error}"
    try:
        from mkdocs.exceptions import PluginError
    except ImportError:
        return HelpCenterError(error.problems)
    return PluginError(message)


class HelpCenterExtension(Extension):
    def __init__(self, **kwargs):
        self.config = {
            "project": [".", "the store's folder: mkdocs.yml, policy/ and docs/"],
            "policy_dir": [
                "",
                "the policy folder in the project; default: the plugin's, or policy",
            ],
        }
        super().__init__(**kwargs)

    def extendMarkdown(self, md: Markdown) -> None:
        policy_dir = self.getConfig("policy_dir") or None
        processor = PlaceholderPreprocessor(md, self.getConfig("project"), policy_dir)
        md.preprocessors.register(processor, "helpcenter_placeholders", _PRIORITY)


def makeExtension(**kwargs: object) -> HelpCenterExtension:  # the name Python-Markdown looks for
    return HelpCenterExtension(**kwargs)
