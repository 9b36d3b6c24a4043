"""helpcenter new-store DIR: a new store that passes check and builds."""

from __future__ import annotations

import argparse
import shlex
import sys
from pathlib import Path

from helpcenter.new_store import NewStoreError, StoreValues, new_store

_EXAMPLE = StoreValues()


def add_command(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Registers the command on ``helpcenter``'s parser."""
    command = commands.add_parser(
        "new-store",
        help="write a new store into DIR: a commented example policy, starter pages, mkdocs.yml",
    )
    command.add_argument("dir", type=Path, metavar="DIR", help="a new or empty folder")
    command.add_argument(
        "--name", default=_EXAMPLE.name, help=f"the store's name (default: {_EXAMPLE.name})"
    )
    command.add_argument(
        "--website",
        default=_EXAMPLE.website,
        help=f"the store's domain, like shop.com (default: {_EXAMPLE.website})",
    )
    command.add_argument(
        "--email",
        default=_EXAMPLE.support_email,
        help=f"the support address, at the website (default: {_EXAMPLE.support_email})",
    )
    command.set_defaults(run=cmd_new_store)


def cmd_new_store(args: argparse.Namespace) -> int:
    try:
        policy = new_store(args.dir, StoreValues(args.name, args.website, args.email))
    except NewStoreError as error:
        print(error, file=sys.stderr)
        print("Nothing was written.", file=sys.stderr)
        return 1
    folder = shlex.quote(str(args.dir))
    print(
        f"Wrote {policy.store.name}'s help center into {args.dir}: every value in its policy/ "
        "is an example to replace, and its pages are a start to rewrite.\n"
        "Next, in that folder (requirements.txt says where helpcenter comes from):\n"
        f"  cd {folder}\n"
        "  python3 -m venv .venv && .venv/bin/pip install -r requirements.txt\n"
        "  npm ci                        # the Pyodide the calculators run on\n"
        "  .venv/bin/helpcenter check    # after each change to policy/ or docs/\n"
        "  .venv/bin/mkdocs serve        # preview at http://127.0.0.1:8000/"
    )
    return 0
