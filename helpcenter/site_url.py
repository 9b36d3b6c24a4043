"""site_url as MkDocs reads it (``!ENV`` included), and the two warnings about it.

The stores' mkdocs.yml say ``site_url: !ENV [SITE_URL, 'http://127.0.0.1:8000/']``:
the address the deploy job sets in ``SITE_URL``, else one for this computer.
MkDocs resolves the tag (pyyaml_env_tag); the check reads mkdocs.yml with
its own position-keeping reader, which keeps no tags, so this reads the one
value again as MkDocs does: the first variable of the list that is set, else
the list's last item.

- ``site-url-missing``: Material's instant navigation without site_url.
- ``site-url-localhost``: a deploy build whose site_url is an address on the
  building computer (localhost, 127.0.0.1, ::1). MkDocs writes sitemap.xml and
  every page's canonical link from site_url, and Material's instant navigation
  follows only links at its port and path, so shoppers would get full page
  loads (and the calculators' Python restarting) on every link.

A deploy build is one that says so, never a guess from ``CI`` alone: the
same CI runs test builds too (this project's own suite builds strict sites at
127.0.0.1 under ``CI=true``). It is ``mkdocs gh-deploy``; or
``HELPCENTER_DEPLOY=1``; or a build on a host's own build machine, which sets
``NETLIFY``, ``CF_PAGES`` (Cloudflare Pages) or ``VERCEL``. ``mkdocs serve``
never is, and ``HELPCENTER_DEPLOY=0`` says a build is not.
"""

from __future__ import annotations

import ipaddress
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

import yaml

from helpcenter.problems import Problem
from helpcenter.textfiles import read_text
from helpcenter.yamlsource import Document

ENV_TAG = "!ENV"
DEPLOY_VARIABLE = "HELPCENTER_DEPLOY"
# The words a person may set it to, as shells and CI files write yes and no.
_YES = frozenset({"1", "true", "yes", "on"})
_NO = frozenset({"0", "false", "no", "off"})
# Each host documents this variable as set in its build environment.
HOST_BUILD_VARIABLES = ("NETLIFY", "CF_PAGES", "VERCEL")
INSTANT_NAVIGATION = "navigation.instant"
# What YAML reads as no value: an !ENV default or a variable's text like these is None.
_NO_VALUE = {"", "~", "null", "Null", "NULL"}


@dataclass(frozen=True)
class SiteUrl:
    """site_url as the build gets it, and where that came from (for messages)."""

    value: str | None
    source: str  # "site_url in mkdocs.yml", "SITE_URL", "the default of site_url's !ENV …"


def configured_site_url(
    config_file: Path, document: Document, environ: Mapping[str, str]
) -> SiteUrl:
    """site_url of ``config_file`` (as read into ``document``), ``!ENV`` resolved in ``environ``."""
    data = document.data if isinstance(document.data, Mapping) else {}
    value = data.get("site_url")
    # Read again only a file the bounded reader accepted (no aliases, bounded size).
    readable = value is not None and not document.problems
    node = _site_url_node(config_file) if readable else None
    if node is None or node.tag != ENV_TAG:
        return SiteUrl(value or None if isinstance(value, str) else None, "site_url in mkdocs.yml")
    items = [node] if isinstance(node, yaml.ScalarNode) else list(node.value)
    default = items.pop() if len(items) > 1 else None
    names = [item.value for item in items if isinstance(item, yaml.ScalarNode)]
    for name in names:
        if name in environ:
            return SiteUrl(_text(environ[name]), name)
    shown = ", ".join(names)
    if default is None or not isinstance(default, yaml.ScalarNode):
        return SiteUrl(None, f"site_url's !ENV in mkdocs.yml, as {shown} is not set")
    return SiteUrl(
        _text(default.value), f"the default of site_url's !ENV in mkdocs.yml, as {shown} is not set"
    )


def _text(value: str) -> str | None:
    return None if value in _NO_VALUE else value


def _site_url_node(config_file: Path) -> yaml.Node | None:
    """site_url's node, tag and all (composed, never constructed)."""
    text, _ = read_text(config_file, config_file.as_posix())
    if text is None:
        return None
    try:
        root = yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.YAMLError:
        return None
    if not isinstance(root, yaml.MappingNode):
        return None
    for key, value in root.value:
        if isinstance(key, yaml.ScalarNode) and key.value == "site_url":
            return value
    return None


def deploy_build(environ: Mapping[str, str], mkdocs_command: str | None = None) -> str | None:
    """Why this is a deploy build (for the message), or None when it is not."""
    said = environ.get(DEPLOY_VARIABLE, "").strip().lower()
    if mkdocs_command == "serve" or said in _NO:
        return None
    if mkdocs_command == "gh-deploy":
        return "mkdocs gh-deploy"
    if said in _YES:
        return f"{DEPLOY_VARIABLE}={environ[DEPLOY_VARIABLE]}"
    for name in HOST_BUILD_VARIABLES:
        if environ.get(name):
            return f"{name} is set"
    return None


def on_this_computer(url: str) -> bool:
    """Whether ``url``'s host is this computer: localhost, a loopback or unspecified address."""
    host = urlsplit(url).hostname or ""
    if host == "localhost" or host.endswith(".localhost"):
        return True
    try:
        address = ipaddress.ip_address(host)
    except ValueError:
        return False
    return address.is_loopback or address.is_unspecified


def site_url_problems(
    document: Document,
    data: Mapping[str, object],
    site_url: SiteUrl,
    deploy: str | None = None,
) -> list[Problem]:
    """The warnings about ``site_url`` of the mkdocs.yml in ``document`` (its ``data``)."""
    where = document.locate(("site_url",))
    if site_url.value is not None and deploy is not None and on_this_computer(site_url.value):
        return [
            Problem(
                "site-url-localhost",
                where,
                f"Expected the address shoppers reach the site at in a deploy build "
                f"({deploy}) but received {site_url.value} (from {site_url.source}), an "
                "address on the building computer: set SITE_URL=https://help.example.com/ "
                "or site_url in mkdocs.yml (sitemap.xml and every page's canonical link are "
                "written from it, and instant navigation works only at its address).",
                "site_url",
                "warning",
            )
        ]
    theme = data.get("theme")
    features = theme.get("features") if isinstance(theme, Mapping) else None
    if not isinstance(features, list) or INSTANT_NAVIGATION not in features:
        return []
    if site_url.value is not None:
        return []
    # Material follows a link instantly only when sitemap.xml lists its page, and
    # MkDocs writes sitemap.xml's addresses from site_url (none without it). A
    # missing key is reported where the file's top-level keys start (line 1 unless
    # comments come first), as every missing key is: there is no line of its own.
    return [
        Problem(
            "site-url-missing",
            where,
            "Material's instant navigation (navigation.instant in theme.features) needs "
            "site_url, and it is not set; set site_url: https://help.example.com/ to the "
            "address the site is served from (without it every page reloads and the "
            "calculators restart).",
            "site_url",
            "warning",
        )
    ]
