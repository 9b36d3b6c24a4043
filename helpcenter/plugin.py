"""The thin MkDocs layer: load the policy, fill pages, write the browser runtime.

All the work happens in plain modules (load, placeholders, widgets, bundle);
this class only hands MkDocs' events to them and turns their problems into one
build error that lists every mistake.
"""

from __future__ import annotations

from pathlib import Path

from mkdocs.config import config_options
from mkdocs.config.base import Config
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin

from helpcenter import bundle
from helpcenter.load import PolicyError, load_policy
from helpcenter.pages import renderers
from helpcenter.placeholders import PageError, render_page


class HelpCenterConfig(Config):
    policy_dir = config_options.Dir(exists=True, default="policy")


class HelpCenterPlugin(BasePlugin[HelpCenterConfig]):
    def on_config(self, config):
        self.root = Path(config.config_file_path).parent
        folder = Path(self.config.policy_dir)
        try:
            self.policy = load_policy(folder, _relative(folder, self.root), check_dates=True)
        except PolicyError as error:
            raise PluginError(f"The policy has {_count(error.problems)}:\n{error}") from None
        self.renderers = renderers()
        for key in ("site_name", "site_description"):  # "{{ policy.store.name }} Help Center"
            if config[key]:
                config[key] = self._render(config[key], "mkdocs.yml")
        return config

    def _render(self, markdown: str, page: str) -> str:
        try:
            return render_page(markdown, self.policy, page, self.renderers)
        except PageError as error:
            raise PluginError(f"{page} has {_count(error.problems)}:\n{error}") from None

    def on_page_markdown(self, markdown, page, config, files):
        return self._render(markdown, f"docs/{page.file.src_uri}")

    def on_post_build(self, config):
        try:
            bundle.write_runtime(Path(config.site_dir), self.policy, bundle.npm_root(self.root))
        except bundle.BundleError as error:
            raise PluginError(str(error)) from None

    def on_serve(self, server, config, builder):
        server.watch(self.config.policy_dir)
        return server


def _relative(folder: Path, root: Path) -> str:
    try:
        return folder.resolve().relative_to(root.resolve()).as_posix()
    except ValueError:
        return folder.as_posix()


def _count(problems: list) -> str:
    return "1 problem" if len(problems) == 1 else f"{len(problems)} problems"
