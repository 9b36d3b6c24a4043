"""Without the MkDocs plugin, the Markdown extension fills pages exactly as the plugin does."""

from __future__ import annotations

from pathlib import Path

import markdown
import pytest

from helpcenter import markdown_ext
from helpcenter.load import load_policy
from helpcenter.pages import renderers
from helpcenter.pipeline import (
    CheckResult,
    Project,
    build_ended,
    check,
    project_at,
    share_for_build,
)
from helpcenter.placeholders import render_page

ROOT = Path(__file__).parent.parent.parent
PAGES = sorted((ROOT / "docs").glob("*.md"))
OTHERS = ["admonition", "attr_list", "md_in_html", "tables"]


@pytest.mark.parametrize("page", PAGES, ids=lambda p: p.name)
def test_the_extension_renders_each_page_like_the_plugin(page, monkeypatch):
    monkeypatch.chdir(ROOT)  # policy_dir is read from where the build runs, as MkDocs does
    text = page.read_text(encoding="utf-8")
    through_extension = markdown.markdown(
        text,
        extensions=[*OTHERS, "helpcenter.markdown_ext"],
        extension_configs={"helpcenter.markdown_ext": {"policy_dir": "policy"}},
    )
    filled = render_page(text, load_policy(ROOT / "policy"), page.name, renderers())
    assert "{{" not in through_extension
    assert through_extension == markdown.markdown(filled, extensions=OTHERS)


def test_under_the_plugin_the_extension_uses_the_plugins_check_of_the_build(monkeypatch):
    # One check a build: while the plugin's check is shared (on_config until
    # on_post_build), the extension takes it and walks no file; after, it checks again.
    monkeypatch.chdir(ROOT)
    project = project_at(ROOT)
    shared = check(project)
    checks: list[Project] = []

    def counted_check(project: Project) -> CheckResult:
        checks.append(project)
        return shared

    monkeypatch.setattr(markdown_ext, "check", counted_check)
    share_for_build(project, shared)
    try:
        assert markdown_ext.checked_project(Path("."), "policy") is shared
        assert checks == []
    finally:
        build_ended()
    markdown_ext._checked.cache_clear()
    assert markdown_ext.checked_project(Path("."), "policy") is shared
    assert len(checks) == 1
