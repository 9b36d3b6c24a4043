"""helpcenter: check the policy and pages, ask a calculator, write the schema.

Every answer comes from ``calculators.web``, the same door the browser uses,
so the terminal and the widget can never disagree.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from datetime import UTC, datetime
from pathlib import Path

from calculators import web
from calculators.forms import Form
from calculators.policy import Policy
from calculators.web import CALCULATORS
from helpcenter import bundle, cli_diff, cli_headers, cli_jsonld, cli_new_store, schema
from helpcenter.load import PolicyError
from helpcenter.pipeline import check, project_at, published_policy
from helpcenter.problems import counted, warnings
from helpcenter.store_time import in_store_zone


def _policy(project: Path) -> Policy:
    return published_policy(project_at(project))


def cmd_check(args: argparse.Namespace) -> int:
    """The same check as the build; exit 1 on an error (or, with --strict, a warning)."""
    result = check(project_at(args.project))
    for problem in result.problems:
        print(problem)
    failed = not result.ok or (args.strict and warnings(result.problems))
    if result.problems:
        print(f"{counted(result.problems)} found.", file=sys.stderr)
    if failed:
        return 1
    print("Policy and pages are fine." if not result.problems else "No errors.")
    return 0


# The delivery estimator keeps the name the README and scripts know it by.
COMMAND_NAMES = {"delivery": "estimate"}


def cmd_calculator(args: argparse.Namespace) -> int:
    """Any calculator: its form's fields are the options, and web.answer the door."""
    policy = _policy(args.project)
    zone = policy.calendar.time_zone.zone
    inputs: dict[str, object] = {}
    for field in CALCULATORS[args.calculator].form(policy).fields:
        value = getattr(args, field.name)
        if field.kind == "now" and value is None:
            value = datetime.now(UTC).isoformat()
        if field.kind in ("moment", "now") and value is not None:
            value = in_store_zone(value, zone)
        if value is not None:
            inputs[field.name] = value
    return _print_answer(web.answer(policy, args.calculator, json.dumps(inputs)), args.json)


_OPTION_HELP = {
    "moment": "a date and time, like 2026-11-28 10:00 (store time, or with an offset: -05:00)",
    "now": "the time to answer for (default: now)",
    "date": "a date, like 2026-12-07",
    "yesno": "yes or no",
    "money": "dollars and cents, like 46.98 or 1,250.00",
}


def _add_calculator(
    commands: argparse._SubParsersAction[argparse.ArgumentParser], name: str, policy_form: Form
) -> None:
    command = commands.add_parser(
        COMMAND_NAMES.get(name, name.replace("_", "-")), help=policy_form.title
    )
    for field in policy_form.fields:
        flag = "--" + field.name.replace("_", "-")
        help_text = field.label if field.kind == "choice" else _OPTION_HELP[field.kind]
        command.add_argument(
            flag,
            dest=field.name,
            metavar=field.name.upper(),
            required=field.kind != "now" and not field.optional and not field.default,
            default=field.default or None,
            help=f"{help_text}"
            + (
                f"; one of {', '.join(o.value for o in field.options)}"
                if field.options and len(field.options) < 12
                else ""
            ),
        )
    command.add_argument("--json", action="store_true", help="print the answer's data as JSON")
    command.set_defaults(run=cmd_calculator, calculator=name)


def _print_answer(reply_json: str, as_json: bool) -> int:
    reply = json.loads(reply_json)
    if not reply["ok"]:
        for problem in reply["problems"]:
            print(f"--{problem['field'].replace('_', '-')}: {problem['message']}", file=sys.stderr)
        return 2
    if as_json:
        print(json.dumps(reply["data"], indent=2))
    else:
        for paragraph in web.reply_paragraphs(reply):
            print(paragraph)
    return 0


def _report_policy(args: argparse.Namespace) -> int:
    """A calculator (or its --help) asked for while the policy does not load: its
    options come from the policy (the shipping methods ...), so say why (PolicyError)."""
    print(
        f"helpcenter {args.command}: this command's options come from the policy, "
        "which does not load:",
        file=sys.stderr,
    )
    _policy(args.project)
    return 1


def _form_policy(argv: list[str] | None) -> Policy | None:
    """The policy the calculators' options come from (choices such as methods)."""
    probe = argparse.ArgumentParser(add_help=False)
    probe.add_argument("--project", type=Path, default=Path("."))
    known, _ = probe.parse_known_args(argv)
    try:
        return _policy(known.project)
    except PolicyError:
        return None


def cmd_runtime(args: argparse.Namespace) -> int:
    """Write the calculators' browser runtime into a site another generator built."""
    result = check(project_at(args.project))
    if result.policy is None:
        raise PolicyError(result.problems)
    policy = result.policy
    try:
        bundle.write_runtime(args.site_dir, policy, bundle.npm_root(args.project))
    except bundle.BundleError as error:
        print(error, file=sys.stderr)
        return 1
    print(f"Wrote the calculators' runtime into {args.site_dir / bundle.RUNTIME_FOLDER}.")
    return 0


def cmd_schema(args: argparse.Namespace) -> int:
    """The store's own schema (its shipping methods) if its policy loads, the shared one else."""
    out = args.out if args.out is not None else args.project / "schema"
    policy = schema.project_policy(args.project)
    for path in schema.write_schemas(out, schema.schema_texts(policy)):
        print(path)
    if policy is None:
        print(
            "The policy does not load (helpcenter check says why): these schemas are for any "
            "store, without its shipping methods. Run this again once it loads.",
            file=sys.stderr,
        )
    return 0


def parser(argv: list[str] | None = None) -> argparse.ArgumentParser:
    main = argparse.ArgumentParser(prog="helpcenter", description=__doc__.splitlines()[0])
    main.add_argument(
        "--project",
        type=Path,
        default=Path("."),
        help="the folder holding policy/ and docs/ (default: here)",
    )
    commands = main.add_subparsers(dest="command", required=True)
    check_command = commands.add_parser(
        "check", help="check policy/, docs/ and mkdocs.yml as the build does; exit 1 on an error"
    )
    check_command.add_argument(
        "--strict", action="store_true", help="exit 1 on warnings too, like mkdocs build --strict"
    )
    check_command.set_defaults(run=cmd_check)
    policy = _form_policy(argv)
    for name, calculator in CALCULATORS.items():
        if policy is None:  # the command will report the policy's problems
            broken = commands.add_parser(
                COMMAND_NAMES.get(name, name.replace("_", "-")), add_help=False
            )
            # --help too: an empty list of options would say nothing of why.
            broken.add_argument("-h", "--help", action="store_true")
            broken.set_defaults(run=_report_policy)
        else:
            _add_calculator(commands, name, calculator.form(policy))
    runtime = commands.add_parser(
        "runtime", help="write the browser runtime into a built site (without the plugin)"
    )
    runtime.add_argument("--site-dir", type=Path, default=Path("site"))
    runtime.set_defaults(run=cmd_runtime)
    schema_command = commands.add_parser(
        "schema", help="write JSON Schemas of the policy files, for editors"
    )
    schema_command.add_argument(
        "--out", type=Path, default=None, help="the folder to write (default: schema/ in --project)"
    )
    schema_command.set_defaults(run=cmd_schema)
    # Each further command lives in its own module: cli_<name>.add_command.
    for extra in (cli_diff, cli_new_store, cli_headers, cli_jsonld):
        extra.add_command(commands)
    return main


def main(argv: list[str] | None = None) -> int:
    main_parser = parser(argv)
    args, unknown = main_parser.parse_known_args(argv)
    if unknown and args.run is not _report_policy:
        main_parser.error(f"unrecognized arguments: {' '.join(unknown)}")
    try:
        return args.run(args)
    except PolicyError as error:
        print(error, file=sys.stderr)
        print(f"{counted(error.problems)} in the policy.", file=sys.stderr)
        return 1
    except BrokenPipeError:
        # `helpcenter diff main | head`: the reader stopped reading, which is no
        # error. Python's own advice: point stdout at nothing, so the flush at
        # exit does not fail a second time.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0
    except Exception as error:  # a bug: one line for the user, not a traceback
        print(
            f"helpcenter: internal error ({type(error).__name__}: {error}); "
            "please report it with the command you ran.",
            file=sys.stderr,
        )
        return 3


if __name__ == "__main__":
    sys.exit(main())
