"""Write a new store from the template in ``helpcenter/store_template/``.

The template is a store as files: a policy whose every value is a commented
example, starter pages, mkdocs.yml, editor settings and the pre-commit hook.
Its policy files and requirements.txt take the store's values (``${name}``,
the years of its coverage ...; a name it does not know is a KeyError, a bug
the tests catch); the rest is copied as it is. Before anything is written,
the policy is read by the loader itself: a bad ``--email`` gets the sentence
an editor would get for it in store.yml, and nothing is written.

Three things come from the helpcenter checkout this runs from, not from the
template: the theme and browser runtime (``overrides/``), and package.json with
package-lock.json (the Pyodide the runtime is built with), so a new store gets
exactly the versions the code it was made with was tested with.
"""

from __future__ import annotations

import re
import shutil
import tempfile
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo

import helpcenter
from calculators.policy import Policy
from helpcenter.checks import check_policy
from helpcenter.gitcli import git_output
from helpcenter.load import build_day, build_policy, read_policy_source
from helpcenter.problems import Problem
from helpcenter.schema import schema_texts, write_schemas

TEMPLATE = Path(__file__).parent / "store_template"
# Another part of helpcenter writes the GitHub workflow; it is copied if it is there.
GITHUB = TEMPLATE / "github"
# Template names without their leading dot: package data globs skip dotfiles, and
# tools would take a .github/ or .vscode/ here for helpcenter's own.
DOTTED = {
    "vscode": ".vscode",
    "gitignore": ".gitignore",
    "pre-commit-config.yaml": ".pre-commit-config.yaml",
}
# The files that take the store's values; every other file is copied as it is.
RENDERED = ("policy/", "requirements.txt")
# What the checkout gives every store it makes (see the module's docstring).
FROM_CHECKOUT = ("overrides", "package.json", "package-lock.json")
# The template's time zone (policy/calendar.yml): its dates are this zone's.
TEMPLATE_ZONE = ZoneInfo("America/New_York")
# A value the template takes: ${name}. Any other $ is text (the modeline's $schema=).
_FIELD = re.compile(r"\$\{([a-z_]+)\}")
# The options that give the store's values, by the key of store.yml each fills.
OPTIONS = {"name": "--name", "website": "--website", "support_email": "--email"}


@dataclass(frozen=True)
class StoreValues:
    """Who the new store is; the defaults are example.com's, reserved for examples."""

    name: str = "Example Store"
    website: str = "example.com"
    support_email: str = "help@example.com"


class NewStoreError(Exception):
    """Why no store was written, in sentences for the person who asked."""


def new_store(target: Path, values: StoreValues, today: date | None = None) -> Policy:
    """Write the store into ``target`` (absent or empty) and return its policy."""
    _refuse_unless_empty(target)
    checkout = helpcenter_checkout()
    day = today or build_day(TEMPLATE_ZONE)
    files = store_files(values, day, checkout)
    policy = checked_policy(files, day, f"{target.as_posix()}/policy")
    try:
        _write(target, files, policy, checkout)
    except OSError as error:  # a file where a folder should be, no permission, a full disk
        raise NewStoreError(
            f"helpcenter new-store could not write {target}: {error.strerror or error} "
            f"({error.filename or target}). Give a folder you can write to."
        ) from None
    return policy


def _write(target: Path, files: Mapping[str, str], policy: Policy, checkout: Path) -> None:
    target.mkdir(parents=True, exist_ok=True)
    for relative, text in files.items():
        path = target / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    write_schemas(target / "schema", schema_texts(policy))
    for name in FROM_CHECKOUT:
        source = checkout / name
        if source.is_dir():
            shutil.copytree(source, target / name)
        else:
            shutil.copy2(source, target / name)
    if GITHUB.is_dir():
        shutil.copytree(GITHUB, target / ".github")


def _refuse_unless_empty(target: Path) -> None:
    if target.exists() and (not target.is_dir() or any(target.iterdir())):
        what = "a folder that is not empty" if target.is_dir() else "a file"
        raise NewStoreError(
            f"helpcenter new-store: {target} is {what}; give a new or empty folder, so "
            "that nothing already there is overwritten."
        )


def helpcenter_checkout() -> Path:
    """The helpcenter checkout this code runs from (see ``FROM_CHECKOUT``)."""
    root = Path(helpcenter.__file__).resolve().parent.parent
    missing = [name for name in FROM_CHECKOUT if not (root / name).exists()]
    if missing:
        raise NewStoreError(
            f"helpcenter new-store copies {', '.join(FROM_CHECKOUT)} from the helpcenter "
            f"checkout it runs from, and {root} has no {', '.join(missing)}: run it from a "
            "checkout of helpcenter (after scripts/setup)."
        )
    return root


def template_values(values: StoreValues, today: date, checkout: Path) -> dict[str, str]:
    """What the template's ``${...}`` take: the store, and years counted from ``today``.

    The coverage runs from this year's first day to next year's last, so the
    new store's check neither warns nor fails for a year at least; its holiday
    season is the next Christmas not yet over.
    """
    christmas_eve = date(today.year, 12, 24)
    return {
        "name": yaml_text(values.name),
        "website": yaml_text(values.website),
        "support_email": yaml_text(values.support_email),
        "this_year": str(today.year),
        "next_year": str(today.year + 1),
        "season_year": str(today.year if today <= christmas_eve else today.year + 1),
        "helpcenter": requirement_line(checkout),
    }


def requirement_line(checkout: Path) -> str:
    """How the new store's requirements.txt names helpcenter: the repository the
    checkout was cloned from, at its commit, when git says so (what the store's
    GitHub workflow can install); else the checkout's folder (this computer only)."""
    remote, commit = (
        (git_output(checkout, "remote", "get-url", "origin") or "").strip() or None,
        (git_output(checkout, "rev-parse", "HEAD") or "").strip() or None,
    )
    url = _installable(remote) if remote else None
    if url and commit:
        return f"helpcenter @ git+{url}@{commit}"
    return f"helpcenter @ {checkout.as_uri()}"


def _installable(remote: str) -> str | None:
    """An https address pip can clone, with no user or token in it (the file is
    committed): ``git@host:owner/repo.git`` and ``ssh://git@host/owner/repo``
    written as one."""
    scp_like = re.fullmatch(r"[\w.-]+@([\w.-]+):([\w.~/-]+)", remote)
    if scp_like:
        return f"https://{scp_like[1]}/{scp_like[2]}"
    parts = urlsplit(remote)
    if parts.scheme not in ("https", "ssh") or not parts.hostname or not parts.path.strip("/"):
        return None
    return f"https://{parts.hostname}{parts.path}"  # no user, password, port or query


def yaml_text(text: str) -> str:
    """``text`` as one double-quoted YAML scalar: read back exactly, whatever it holds.

    Printable characters stay as typed; the others (a line break, a control or
    text-direction character) are written as escapes, so the file stays readable
    and the loader, not the YAML reader, says what is wrong with them.
    """
    quoted = []
    for character in text:
        if character in '"\\':
            quoted.append("\\" + character)
        elif character.isprintable():
            quoted.append(character)
        elif ord(character) <= 0xFFFF:
            quoted.append(f"\\u{ord(character):04x}")
        else:
            quoted.append(f"\\U{ord(character):08x}")
    return '"' + "".join(quoted) + '"'


def store_files(values: StoreValues, today: date, checkout: Path) -> dict[str, str]:
    """Every file of the template, by its path in the new store, as it will be written."""
    substitutes = template_values(values, today, checkout)
    files = {}
    for path in sorted(TEMPLATE.rglob("*")):
        relative = path.relative_to(TEMPLATE).as_posix()
        if not path.is_file() or relative.startswith("github/"):
            continue
        text = path.read_text(encoding="utf-8")
        if relative.startswith(RENDERED):
            text = _FIELD.sub(lambda field: substitutes[field.group(1)], text)
        head, _, rest = relative.partition("/")
        files[f"{DOTTED.get(head, head)}/{rest}" if rest else DOTTED.get(head, head)] = text
    return files


def checked_policy(files: Mapping[str, str], today: date, shown: str) -> Policy:
    """The new store's policy as the loader reads it, or NewStoreError with every problem:
    a store value's as the option that gave it, any other as the check says it."""
    with tempfile.TemporaryDirectory() as folder:
        policy_dir = Path(folder) / "policy"
        policy_dir.mkdir()
        for relative, text in files.items():
            if relative.startswith("policy/"):
                (Path(folder) / relative).write_text(text, encoding="utf-8")
        source = read_policy_source(policy_dir, shown)
        policy, problems = build_policy(source)
    problems = source.problems + problems
    if policy is not None and not problems:
        dated, _ = check_policy(policy, today)
        problems = [source.locate(path_problem) for _, path_problem in dated]
    if policy is None or problems:
        raise NewStoreError("\n".join(_said(problem) for problem in problems))
    return policy


def _said(problem: Problem) -> str:
    if problem.file.endswith("/store.yml") and problem.key in OPTIONS:
        return f"{OPTIONS[problem.key]}: {problem.message} ({problem.rule})"
    return str(problem)
