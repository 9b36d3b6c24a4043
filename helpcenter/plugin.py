"""The thin MkDocs layer: run the one check, fill pages, write the browser runtime.

All the work happens in plain modules (pipeline, placeholders, bundle); this
class hands MkDocs' events to them. The whole check runs in ``on_config``,
before MkDocs empties the site folder, so a failing build leaves the last good
site in place. Warnings go through MkDocs' logger, so ``--strict`` fails on
them as MkDocs users expect (and, in strict mode, before anything is written).
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from html import escape
from pathlib import Path
from urllib.parse import urlsplit

import click
from markupsafe import Markup
from mkdocs.config import config_options
from mkdocs.config.base import Config
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin
from mkdocs.structure.pages import Page
from mkdocs.utils.meta import get_data

from calculators.policy import Store
from helpcenter import bundle, compress, jsonld, pagemeta
from helpcenter.formatting import format_value
from helpcenter.load import build_day
from helpcenter.pages import renderers
from helpcenter.pipeline import (
    CONFIG_TEXTS,
    CheckResult,
    Project,
    build_ended,
    check,
    share_for_build,
)
from helpcenter.placeholders import render_page
from helpcenter.problems import Problem, counted, warnings
from helpcenter.yamlsource import read_document

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
        self.result = check(self.project, mkdocs_command=mkdocs_command(config.site_dir))
        report_or_raise(self.result, strict=bool(config.strict))
        # The Markdown extension, listed too, uses this check for this build.
        share_for_build(self.project, self.result)
        for key in CONFIG_TEXTS:  # "{{ policy.store.name }} Help Center"
            if key in self.result.config_texts:
                # Material prints these without escaping (and once through `| e`):
                # escaped once and marked safe, they read right in both places.
                config[key] = Markup(escape(self.result.config_texts[key]))
        assert self.result.policy is not None  # report_or_raise raised otherwise
        # The templates in overrides/ read these; a generator that skips this plugin
        # leaves them out, and the templates fall back to Material's own header and footer.
        config.extra["helpcenter"] = theme_values(self.result.policy.store)
        # Once a build: the day the cut-off's UTC offset is taken on (jsonld), and
        # when git last saw each page and the policy change (pagemeta).
        self.build_day = build_day(self.result.policy.calendar.time_zone.zone)
        self.history = pagemeta.git_history([self.project.docs_dir, self.project.policy_dir])
        self.policy_changed = self.history.latest([self.project.policy_dir])
        self.notes: dict[str, _PageNotes] = {}
        return config

    def on_env(self, env, config, files):
        """Material's templates compiled once a machine, not once a build.

        Jinja compiles every template the theme uses on each build: 0.3 s, a
        third of a 10-page build. Its bytecode cache keeps the compiled code in
        the per-user cache folder (helpcenter.compress), checked against each
        template's source, so a changed template is compiled again.
        """
        if env.bytecode_cache is None:
            env.bytecode_cache = compress.template_cache()
        return env

    def on_page_markdown(self, markdown, page, config, files):
        source = Path(page.file.abs_src_path).resolve() if page.file.abs_src_path else None
        filled = self.result.pages.get(source) if source else None
        if filled is not None:
            # The check filled the whole file, front matter too: MkDocs has read the
            # front matter already, and the page's text is what follows it.
            text, filled_meta = get_data(filled)
            if page.meta and not filled_meta:
                raise PluginError(
                    f"{page.file.src_uri}: the front matter is not valid YAML once its "
                    "placeholders are filled; put the value in quotes."
                )
            self.notes[page.file.src_uri] = _PageNotes(
                filled=True,
                filled_description=filled_meta.get("description"),
                # A placeholder filled in (MkDocs reads the file with universal newlines).
                quotes_policy=text.replace("\r\n", "\n") != markdown,
            )
            return text
        # A page another plugin made: fill it the same way (the check saw no file).
        assert self.result.policy is not None  # on_config raised otherwise
        return render_page(markdown, self.result.policy, page.file.src_uri, renderers())

    def on_page_content(self, html, page, config, files):
        """What the theme shows of a page besides its text (overrides/main.html).

        Generators without this plugin lose all three: Material then describes every
        page with site_description, and pages carry no JSON-LD and no date.
        """
        assert self.result.policy is not None  # on_config raised otherwise
        notes = self.notes.setdefault(page.file.src_uri, _PageNotes())
        # Material writes page.meta.description into <meta name="description">
        # without escaping: escaped once here, and marked safe.
        given = notes.filled_description if notes.filled else page.meta.get("description")
        found = pagemeta.description(given, html)
        if found is not None:
            notes.shown["description"] = Markup(escape(found))
        try:
            kinds = jsonld.page_kinds(page.meta)
        except jsonld.UnknownKind as error:
            raise PluginError(f"{page.file.src_uri}: {error}") from None
        if kinds:
            data = jsonld.store_data(
                self.result.policy, kinds, today=self.build_day, returns_page=page.canonical_url
            )
            notes.shown["hc_jsonld"] = Markup(jsonld.script_element(data))
        if notes.quotes_policy:
            notes.shown["hc_updated"] = self._updated(page)
        return html

    def on_page_context(self, context, page, config, nav):
        """The page's values in page.meta while its own template renders, and only then.

        Material's navigation asks each listed page `nav_item.meta and ...` on
        every page: values left in every page's meta would make each of those
        checks go on, 1,000 pages times 1,000 items (11 s of a 1,000-page build).
        """
        notes = self.notes.get(page.file.src_uri)
        if notes is not None and notes.shown:
            notes.replaced = {key: page.meta[key] for key in notes.shown if key in page.meta}
            page.meta.update(notes.shown)
        return context

    def on_post_page(self, output, page, config):
        notes = self.notes.get(page.file.src_uri)
        if notes is not None and notes.shown:
            for key in notes.shown:
                page.meta.pop(key, None)
            page.meta.update(notes.replaced)
        return output

    def _updated(self, page: Page) -> dict[str, str] | None:
        """The page's "Policy last updated" day, in the store's zone and words."""
        source = Path(page.file.abs_src_path or "").resolve()
        times = [t for t in (self.history.changed.get(source), self.policy_changed) if t]
        if not times:
            return None
        assert self.result.policy is not None
        day = max(times).astimezone(self.result.policy.calendar.time_zone.zone).date()
        return {"iso": day.isoformat(), "words": format_value(day)}

    def on_post_build(self, config):
        build_ended()
        assert self.result.policy is not None
        try:
            bundle.write_runtime(
                Path(config.site_dir), self.result.policy, bundle.npm_root(self.project.root)
            )
        except bundle.BundleError as error:  # checked in on_config; a disk error is left
            raise PluginError(str(error)) from None

    def on_build_error(self, *, error):
        build_ended()

    def on_serve(self, server, config, builder):
        _served_site_dirs.add(config.site_dir)  # its rebuilds are serve's too
        # After the first build, once a `mkdocs serve`: where it really serves.
        for problem in serve_address_problems(self.project, config.site_url, server.url):
            log.warning(str(problem))
        server.watch(str(self.project.policy_dir))
        return server


@dataclass
class _PageNotes:
    """What the plugin knows of one page, between MkDocs' events."""

    filled: bool = False  # the check filled the page (a file of docs/)
    filled_description: str | None = None  # then: the front matter's, placeholders filled
    quotes_policy: bool = False  # a placeholder filled in: it shows "Policy last updated"
    # What its template reads from page.meta (description, hc_jsonld, hc_updated),
    # and the page's own values they stand in for while it renders.
    shown: dict[str, object] = field(default_factory=dict)
    replaced: dict[str, object] = field(default_factory=dict)


# The site folders `mkdocs serve` builds into (a temporary folder of its own each).
_served_site_dirs: set[str] = set()


def mkdocs_command(site_dir: str) -> str | None:
    """The MkDocs command that builds ("build", "serve", "gh-deploy"), or None when a
    program calls MkDocs' build() itself: with the environment it says whether this
    is a deploy build (helpcenter.site_url.deploy_build).

    MkDocs' command line is click's, and each command runs in its click context.
    `mkdocs serve` rebuilds in another thread, outside it: its folder, seen in
    on_serve, says so. (Not on_startup: a plugin with one is kept from build to
    build within a process, and would carry one build's command into the next.)
    """
    context = click.get_current_context(silent=True)
    if context is not None and context.command.name:
        return context.command.name
    return "serve" if site_dir in _served_site_dirs else None


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


def serve_address_problems(project: Project, site_url: str | None, served: str) -> list[Problem]:
    """Under ``mkdocs serve``: a warning if it serves the site (at ``served``) where
    the build's site_url does not say.

    MkDocs 1.6 serves at dev_addr and, for the served build, replaces site_url's
    scheme, host and port with dev_addr's, keeping its path, where it mounts the
    site. Material's instant navigation takes a sitemap address's scheme and host
    from the browser's address bar but keeps its port and path, so only those can
    disagree; with MkDocs 1.6 as it is they never do, and this stays silent. It
    speaks if something (another plugin, another MkDocs) leaves them apart.
    """
    if _port_and_path(site_url or "") == _port_and_path(served):
        return []
    assert project.config_file is not None  # the plugin's project always has one
    shown = project.shown(project.config_file)
    return [
        Problem(
            "site-url-mismatch",
            read_document(project.config_file, shown).locate(("site_url",)),
            f"mkdocs serve serves the site at {served} but the build's site_url is "
            f"{site_url!r}; Material's instant navigation follows only links at site_url's "
            "port and path, so every page would reload and the calculators restart. "
            f"Set site_url: {served} or serve at site_url's address.",
            "site_url",
            "warning",
        )
    ]


def _port_and_path(url: str) -> tuple[int | None, str]:
    parts = urlsplit(url)
    return parts.port or _DEFAULT_PORTS.get(parts.scheme), parts.path or "/"


_DEFAULT_PORTS = {"http": 80, "https": 443}


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
