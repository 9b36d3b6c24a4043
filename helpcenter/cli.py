"""``helpcenter``: check the policy and pages, ask a calculator, write the schema.

Every answer comes from ``calculators.web``, the same door the browser uses,
so the terminal and the widget can never disagree.
"""

from __future__ import annotations

import argparse
import json
import sys
from datetime import datetime
from pathlib import Path

from calculators import web
from calculators.policy import Policy
from helpcenter.load import PolicyError, load_policy
from helpcenter.pages import check_pages
from helpcenter.schema import file_schemas


def _policy(project: Path, check_dates: bool = False) -> Policy:
    return load_policy(project / "policy", _shown(project, "policy"), check_dates)


def _shown(project: Path, name: str) -> str:
    return name if project == Path(".") else (project / name).as_posix()


def cmd_check(args: argparse.Namespace) -> int:
    problems: list[str] = []
    try:
        policy = _policy(args.project, check_dates=True)
    except PolicyError as error:
        problems += map(str, error.problems)
        policy = None
    if policy is not None:
        problems += map(
            str, check_pages(args.project / "docs", policy, _shown(args.project, "docs"))
        )
    for line in problems:
        print(line)
    if problems:
        print(f"{len(problems)} problem(s) found.", file=sys.stderr)
        return 1
    print("Policy and pages are fine.")
    return 0


def cmd_estimate(args: argparse.Namespace) -> int:
    policy = _policy(args.project)
    ordered_at = args.ordered_at
    try:
        moment = datetime.fromisoformat(ordered_at)
    except ValueError:
        moment = None
    if moment is not None and moment.tzinfo is None:
        # A time without an offset is the store's local time, as on its order e-mails.
        ordered_at = moment.replace(tzinfo=policy.calendar.time_zone.zone).isoformat()
    inputs = {"method": args.method, "ordered_at": ordered_at}
    return _print_answer(web.answer(policy, "delivery", json.dumps(inputs)), args.json)


def _print_answer(reply_json: str, as_json: bool) -> int:
    reply = json.loads(reply_json)
    if not reply["ok"]:
        for problem in reply["problems"]:
            print(f"--{problem['field'].replace('_', '-')}: {problem['message']}", file=sys.stderr)
        return 2
    if as_json:
        print(json.dumps(reply["data"], indent=2))
    else:
        for sentence in reply["sentences"]:
            print("".join(part["text"] for part in sentence))
    return 0


def cmd_schema(args: argparse.Namespace) -> int:
    args.out.mkdir(parents=True, exist_ok=True)
    for name, schema in file_schemas().items():
        (args.out / name).write_text(json.dumps(schema, indent=2) + "\n", encoding="utf-8")
        print(args.out / name)
    return 0


def parser() -> argparse.ArgumentParser:
    main = argparse.ArgumentParser(prog="helpcenter", description=__doc__.splitlines()[0])
    main.add_argument(
        "--project",
        type=Path,
        default=Path("."),
        help="the folder holding policy/ and docs/ (default: here)",
    )
    commands = main.add_subparsers(dest="command", required=True)
    check = commands.add_parser("check", help="validate policy/ and docs/; exit 1 on any problem")
    check.set_defaults(run=cmd_check)
    estimate = commands.add_parser("estimate", help="when will an order ship and arrive?")
    estimate.add_argument("--method", required=True, help="a shipping method, like standard")
    estimate.add_argument(
        "--ordered-at",
        required=True,
        metavar="ISO8601",
        help="order time, like 2026-11-28T10:00-05:00 (no offset: store time)",
    )
    estimate.add_argument("--json", action="store_true", help="print ISO dates as JSON")
    estimate.set_defaults(run=cmd_estimate)
    schema = commands.add_parser("schema", help="write JSON Schemas of the policy files")
    schema.add_argument("--out", type=Path, default=Path("schema"))
    schema.set_defaults(run=cmd_schema)
    return main


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)
    try:
        return args.run(args)
    except PolicyError as error:
        print(error, file=sys.stderr)
        print(f"{len(error.problems)} problem(s) in the policy.", file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(main())
