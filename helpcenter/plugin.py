"""The thin MkDocs layer: run the one check, fill pages, write the browser runtime.

All the work happens in plain modules (pipeline, placeholders, bundle); this
class hands MkDocs' events to them. The whole check runs in ``on_config``,
before MkDocs empties the site folder, so a failing build leaves the last good
site in place. Warnings go through MkDocs' logger, so ``--strict`` fails on
them as MkDocs users expect (and, in strict mode, before anything is written).
"""

from __future__ import annotations

import logging
from html import escape
from pathlib import Path

from markupsafe import Markup
from mkdocs.config import config_options
from mkdocs.config.base import Config
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin

from calculators.policy import Store
from helpcenter import bundle
from helpcenter.pages import renderers
from helpcenter.pipeline import CONFIG_TEXTS, CheckResult, Project, check
from helpcenter.placeholders import render_page
from helpcenter.problems import counted, warnings

log = logging.getLogger("mkdocs.plugins.helpcenter")


class HelpCenterConfig(Config):
    policy_dir = config_options.Type(str, default="policy")


class HelpCenterPlugin(BasePlugin[HelpCenterConfig]):
    def on_config(self, config):
        root = Path(config.config_file_path).parent
        self.project = Project(
            root,
            root / self.config.policy_dir,
            Path(config.docs_dir),
            Path(config.config_file_path),
        )
        self.result = check(self.project)
        report_or_raise(self.result, strict=bool(config.strict))
        for key in CONFIG_TEXTS:  # "{{ policy.store.name }} Help Center"
            if key in self.result.config_texts:
                # Material prints these without escaping (and once through `| e`):
                # escaped once and marked safe, they read right in both places.
                config[key] = Markup(escape(self.result.config_texts[key]))
        assert self.result.policy is not None  # report_or_raise raised otherwise
        # The templates in overrides/ read these; a generator that skips this plugin
        # leaves them out, and the templates fall back to Material's own header and footer.
        config.extra["helpcenter"] = theme_values(self.result.policy.store)
        return config

    def on_page_markdown(self, markdown, page, config, files):
        source = Path(page.file.abs_src_path).resolve() if page.file.abs_src_path else None
        filled = self.result.pages.get(source) if source else None
        if filled is not None:
            return filled
        # A page another plugin made: fill it the same way (the check saw no file).
        assert self.result.policy is not None  # on_config raised otherwise
        return render_page(markdown, self.result.policy, page.file.src_uri, renderers())

    def on_post_build(self, config):
        assert self.result.policy is not None
        try:
            bundle.write_runtime(
                Path(config.site_dir), self.result.policy, bundle.npm_root(self.project.root)
            )
        except bundle.BundleError as error:  # checked in on_config; a disk error is left
            raise PluginError(str(error)) from None

    def on_serve(self, server, config, builder):
        server.watch(str(self.project.policy_dir))
        return server


def theme_values(store: Store) -> dict[str, str | None]:
    """What the theme's templates show of the store: its logo, a way back to it, its address.

    Plain text: the templates escape it (MkDocs does not autoescape).
    """
    return {
        "store_name": store.name,
        "store_url": f"https://{store.website}",
        "website": store.website,
        "support_email": store.support_email,
        "tracking_page": store.tracking_page,
        "logo": store.logo,
    }


def report_or_raise(result: CheckResult, strict: bool) -> None:
    """Warnings to MkDocs' log; errors (and in strict mode, warnings) stop the build."""
    found = warnings(result.problems)
    if result.ok and not (strict and found):
        for problem in found:
            log.warning(str(problem))
        return
    mode = " (strict mode: warnings count)" if strict and found and result.ok else ""
    listing = "\n".join(map(str, result.problems))
    raise PluginError(f"The help center has {counted(result.problems)}{mode}:\n{listing}")
