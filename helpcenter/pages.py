"""Check every page of ``docs/`` against the policy, without building the site."""

from __future__ import annotations

from functools import partial
from pathlib import Path

from calculators.policy import Policy
from calculators.web import CALCULATORS
from helpcenter.handtyped import handtyped_values
from helpcenter.placeholders import PageError, PageProblem, Renderers, render_page
from helpcenter.tables import TABLES
from helpcenter.widgets import render_widget


def renderers() -> Renderers:
    return Renderers(TABLES, {name: partial(render_widget, name) for name in CALCULATORS})


def check_pages(docs: Path, policy: Policy, shown: str) -> list[PageProblem]:
    problems: list[PageProblem] = []
    for page in sorted(docs.rglob("*.md")):
        name = f"{shown}/{page.relative_to(docs).as_posix()}"
        markdown = page.read_text(encoding="utf-8")
        try:
            render_page(markdown, policy, name, renderers())
        except PageError as error:
            problems += error.problems
        problems += handtyped_values(markdown, policy, name)
    return problems
