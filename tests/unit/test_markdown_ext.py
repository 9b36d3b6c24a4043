"""Without the MkDocs plugin, the Markdown extension fills pages exactly as the plugin does."""

from __future__ import annotations

from pathlib import Path

import markdown
import pytest

from helpcenter.load import load_policy
from helpcenter.pages import renderers
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
