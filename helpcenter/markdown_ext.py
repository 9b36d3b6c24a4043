"""The placeholders as a Python-Markdown extension, for generators without the plugin.

Material's successor reads mkdocs.yml but skips plugins it does not know; it
does run Markdown extensions. Listed under ``markdown_extensions``, this fills
``{{ ... }}`` before any other step, so pages, tables and widgets come out the
same. With the MkDocs plugin present the plugin has already filled the page
(and names the page in its errors), and this finds nothing left to do.
Write the browser runtime after such a build with ``helpcenter runtime``.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

from markdown import Markdown
from markdown.extensions import Extension
from markdown.preprocessors import Preprocessor

from calculators.policy import Policy
from helpcenter.load import load_policy
from helpcenter.pages import renderers
from helpcenter.placeholders import render_page

# Before whitespace normalising (30) and raw-HTML blocks (20), so widgets are raw HTML.
_PRIORITY = 35


@cache
def _policy(folder: str, stamp: tuple[float, ...]) -> Policy:
    return load_policy(Path(folder), check_dates=True)


def policy_at(folder: str) -> Policy:
    """The policy in ``folder``, read again only when one of its files changed."""
    files = sorted(Path(folder).glob("*.y*ml"))
    return _policy(folder, tuple(f.stat().st_mtime for f in files))


class PlaceholderPreprocessor(Preprocessor):
    def __init__(self, md: Markdown, policy_dir: str):
        super().__init__(md)
        self.policy_dir = policy_dir

    def run(self, lines: list[str]) -> list[str]:
        if not any("{{" in line for line in lines):
            return lines
        page = "\n".join(lines)
        filled = render_page(page, policy_at(self.policy_dir), "a page", renderers())
        return filled.split("\n")


class HelpCenterExtension(Extension):
    def __init__(self, **kwargs):
        self.config = {"policy_dir": ["policy", "the folder of the policy's YAML files"]}
        super().__init__(**kwargs)

    def extendMarkdown(self, md: Markdown) -> None:
        processor = PlaceholderPreprocessor(md, self.getConfig("policy_dir"))
        md.preprocessors.register(processor, "helpcenter_placeholders", _PRIORITY)


def makeExtension(**kwargs) -> HelpCenterExtension:  # the name Python-Markdown looks for
    return HelpCenterExtension(**kwargs)
