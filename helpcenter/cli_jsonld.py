"""helpcenter jsonld: the policy as schema.org structured data, for the store's own theme.

Prints the same data the help center's Returns and Shipping pages carry
(``helpcenter.jsonld``), as one ``<script type="application/ld+json">`` element
to paste into the store's theme (its home page, say): the store as an
``OnlineStore`` with its return policy and its shipping services, or only the
part ``--kind`` names. ``--json`` prints the bare JSON instead.
"""

from __future__ import annotations

import argparse
import json

from helpcenter import jsonld
from helpcenter.load import build_day
from helpcenter.pipeline import project_at, published_policy


def cmd_jsonld(args: argparse.Namespace) -> int:
    policy = published_policy(project_at(args.project))  # PolicyError: cli.main says why
    kinds = (args.kind,) if args.kind else jsonld.KINDS
    data = jsonld.store_data(
        policy,
        kinds,
        today=build_day(policy.calendar.time_zone.zone),
        returns_page=args.returns_page,
    )
    if args.json:
        print(json.dumps(data, ensure_ascii=False, indent=2))
    else:
        print(jsonld.script_element(data, indent=2))
    return 0


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
        help="the address of the help center's returns page (merchantReturnLink)",
    )
    command.add_argument(
        "--json", action="store_true", help="print the JSON alone, without the <script> element"
    )
    command.set_defaults(run=cmd_jsonld)
