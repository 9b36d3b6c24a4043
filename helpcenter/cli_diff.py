"""helpcenter diff BASE: what a change to the policy or the pages means for customers.

Prints Markdown (a pull request's comment, a CI job's summary): the policy values,
table rows, pages and sample orders' answers that differ between BASE (a git ref
of the project, or another store folder) and the project as it is now.
"""

from __future__ import annotations

import argparse
import sys

from helpcenter.diff_base import BaseUnreadable, base_project
from helpcenter.diff_report import base_does_not_load, compare, markdown
from helpcenter.load import PolicyError, build_day
from helpcenter.pipeline import project_at, published_policy

# Exit statuses: 0 the report is printed (BASE's own policy may not load: it says so),
# 1 the project's policy or its samples have errors, 2 BASE cannot be read at all.
BASE_UNREADABLE = 2


def add_command(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Registers ``helpcenter diff`` on ``helpcenter``'s parser."""
    command = commands.add_parser(
        "diff",
        help="what a change means for customers, compared with BASE, as Markdown",
        description=__doc__.splitlines()[2] if __doc__ else None,
    )
    command.add_argument(
        "base",
        metavar="BASE",
        help="a git ref of this project, like origin/main or HEAD, or a store folder "
        "(with policy/ and docs/)",
    )
    command.set_defaults(run=cmd_diff)


def cmd_diff(args: argparse.Namespace) -> int:
    project = project_at(args.project)
    # PolicyError: helpcenter.cli prints every problem, bad samples among them (the check's).
    after = published_policy(project)
    today = build_day(after.calendar.time_zone.zone)
    try:
        with base_project(args.base, project) as (base, prefix):
            try:
                before = published_policy(base, today)
            except PolicyError as broken:
                print(base_does_not_load(args.base, broken.problems, prefix))
                return 0
            report = compare(
                args.base,
                project.shown(project.docs_dir),
                (before, base.docs_dir),
                (after, project.docs_dir),
                today,
            )
    except BaseUnreadable as unreadable:
        print(f"helpcenter diff: {unreadable}", file=sys.stderr)
        return BASE_UNREADABLE
    print(markdown(report))
    return 0
