"""helpcenter jsonld: the policy as schema.org structured data, for the store's own theme.

Prints the same data the help center's Returns and Shipping pages carry
(``helpcenter.jsonld``), as one ``<script type="application/ld+json">`` element
to paste into the store's theme (its home page, say): the store as an
``OnlineStore`` with its return policy and its shipping services, or only the
part ``--kind`` names. ``--json`` prints the bare JSON instead.

``--returns-page`` (``merchantReturnLink``) takes an http(s) address, or a path
inside the help center (``/returns/``) that is read from its site_url (as
``mkdocs build`` gets it, ``SITE_URL`` included): a search engine follows the
link, so nothing else (``javascript:…``) is taken.
"""

from __future__ import annotations

import argparse
import json
import os
import sys

from helpcenter import jsonld
from helpcenter.load import build_day
from helpcenter.pipeline import Project, project_at, published_policy
from helpcenter.site_url import configured_site_url, on_this_computer
from helpcenter.yamlsource import read_document

# Exit status of a command line that cannot be carried out as given (argparse's own).
USAGE_ERROR = 2


def cmd_jsonld(args: argparse.Namespace) -> int:
    project = project_at(args.project)
    returns_page: str | None = args.returns_page
    if returns_page is not None and not jsonld.web_address(returns_page):
        site_url = _site_url(project)
        # The default site_url is this computer's (http://127.0.0.1:8000/): a link
        # there in a store's theme would lead every shopper nowhere.
        if site_url is None or not jsonld.web_address(site_url) or on_this_computer(site_url):
            found = "none is set" if site_url is None else f"it is {site_url}"
            print(
                "helpcenter jsonld: expected site_url in mkdocs.yml (or SITE_URL) to be the "
                f"help center's public address to read --returns-page {returns_page} from, "
                f"but {found}; set SITE_URL=https://help.example.com/ or give the page's "
                "full address.",
                file=sys.stderr,
            )
            return USAGE_ERROR
        returns_page = site_url.rstrip("/") + returns_page
    policy = published_policy(project)  # PolicyError: cli.main says why
    kinds = (args.kind,) if args.kind else jsonld.KINDS
    data = jsonld.store_data(
        policy,
        kinds,
        today=build_day(policy.calendar.time_zone.zone),
        returns_page=returns_page,
    )
    if args.json:
        print(json.dumps(data, ensure_ascii=False, indent=2))
    else:
        print(jsonld.script_element(data, indent=2))
    return 0


def _site_url(project: Project) -> str | None:
    """site_url as the build gets it (the SITE_URL variable included), or None."""
    if project.config_file is None:
        return None
    document = read_document(project.config_file, "mkdocs.yml")
    return configured_site_url(project.config_file, document, os.environ).value


def _returns_page(text: str) -> str:
    """An http(s) address, or a path inside the help center (read from site_url later)."""
    if jsonld.web_address(text) or jsonld.site_path(text):
        return text
    raise argparse.ArgumentTypeError(
        "expected an http(s) address like https://help.example.com/returns/ or a path "
        f"inside the help center like /returns/ but received {text!r}"
    )


def add_command(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Registers ``helpcenter jsonld`` on ``helpcenter``'s parser."""
    command = commands.add_parser(
        "jsonld",
        help="print the return and shipping policy as schema.org JSON-LD for the store's theme",
    )
    command.add_argument(
        "--kind",
        choices=jsonld.KINDS,
        help="only the return policy or only the shipping services (default: both)",
    )
    command.add_argument(
        "--returns-page",
        metavar="URL",
        type=_returns_page,
        help="the help center's returns page (merchantReturnLink): its http(s) address, "
        "or its path like /returns/, read from site_url",
    )
    command.add_argument(
        "--json", action="store_true", help="print the JSON alone, without the <script> element"
    )
    command.set_defaults(run=cmd_jsonld)
