"""Load ``policy/*.yml`` into the typed model, reporting every problem at its line.

Collect, then report once: every file is read, and every file that reads as
YAML is checked against its part of the model, before anything is reported. A
file that is not valid YAML hides nothing in the others; rules that span files
(a holiday deadline naming a shipping method) run once every part they read
has been built.
"""

from __future__ import annotations

import dataclasses
import os
import typing
from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

from calculators.policy import Policy
from calculators.shape import PathProblem, ShapeError, dotted, read
from helpcenter.countries import resolve_countries
from helpcenter.holidays import resolve_holidays
from helpcenter.problems import Position, Problem, ProblemsFound
from helpcenter.yamlsource import Document, read_document
from helpcenter.zonenames import resolve_time_zone_name

# Rules whose problem is the key itself rather than its value.
_AT_KEY = frozenset({"unknown-key", "key-name"})


class PolicyError(ProblemsFound):
    """The policy cannot be loaded; ``problems`` lists every reason."""


def policy_files() -> dict[str, str]:
    """File name -> the Policy field it holds, straight from the model."""
    return {f"{f.name}.yml": f.name for f in dataclasses.fields(Policy)}


def build_day(zone: ZoneInfo) -> date:
    """Today in the store's zone, or the day SOURCE_DATE_EPOCH names (reproducible builds)."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    now = datetime.fromtimestamp(int(epoch), UTC) if epoch.isdigit() else datetime.now(UTC)
    return now.astimezone(zone).date()


@dataclass
class PolicySource:
    """The policy files as read: each file's document, and what went wrong reading them."""

    folder: str  # as shown in problems, like "policy"
    documents: dict[str, Document]  # by Policy field name
    problems: list[Problem]

    def locate(self, problem: PathProblem) -> Problem:
        """A key-path problem at its file:line:col, the position chosen by its rule."""
        if not problem.path:
            return Problem(problem.rule, Position(self.folder, 1, 1), problem.message)
        section = str(problem.path[0])
        document = self.documents.get(section)
        inner = problem.path[1:]
        if document is None:
            where = Position(f"{self.folder}/{section}.yml", 1, 1)
        else:
            where = document.locate(inner, at_key=problem.rule in _AT_KEY)
        return Problem(problem.rule, where, problem.message, dotted(inner))


def read_policy_source(folder: Path, shown: str) -> PolicySource:
    """Read every policy file; unknown and missing files are problems too."""
    expected = policy_files()
    source = PolicySource(shown, {}, [])
    candidates = sorted(folder.glob("*.y*ml")) if folder.is_dir() else []
    if not folder.is_dir():
        source.problems.append(
            Problem(
                "missing-file",
                Position(shown, 1, 1),
                f"Expected a folder of policy files at {shown} but found none (a store's "
                "folder holds policy/ and docs/: run this there, or give --project).",
            )
        )
    for path in candidates:
        name = f"{shown}/{path.name}"
        if path.name not in expected:
            source.problems.append(
                Problem(
                    "unknown-file",
                    Position(name, 1, 1),
                    f"Unknown policy file {path.name!r}. Expected one of {', '.join(expected)}.",
                )
            )
            continue
        document = read_document(path, name)
        source.documents[expected[path.name]] = document
        source.problems += document.problems
    if folder.is_dir():
        for file_name, key in expected.items():
            if key not in source.documents and not _optional(key):
                source.problems.append(
                    Problem(
                        "missing-file",
                        Position(f"{shown}/{file_name}", 1, 1),
                        f"Missing policy file {file_name}: {_field_doc(key)}.",
                    )
                )
    return source


def build_policy(source: PolicySource) -> tuple[Policy | None, list[Problem]]:
    """Each readable file against its part of the model; the whole policy if all parts built."""
    hints = typing.get_type_hints(Policy)
    sections: dict[str, object] = {}
    found: list[PathProblem] = []
    unreadable = False
    for field in dataclasses.fields(Policy):
        document = source.documents.get(field.name)
        if document is None:
            unreadable = unreadable or not _optional(field.name)
            continue
        if document.problems:  # not valid YAML: its problems are already said
            unreadable = True
            continue
        try:
            sections[field.name] = read(hints[field.name], document.data)
        except ShapeError as error:
            found += [PathProblem(p.rule, (field.name, *p.path), p.message) for p in error.problems]
    if unreadable or found:
        return None, [source.locate(p) for p in found]
    policy = Policy(**sections)  # type: ignore[arg-type]
    found += [PathProblem(rule, path, message) for rule, path, message in policy.problems()]
    if not found:
        for resolve in (resolve_holidays, resolve_countries, resolve_time_zone_name):
            resolved, policy = resolve(policy)
            found += resolved
    if found:
        return None, [source.locate(p) for p in found]
    return policy, []


def load_policy(folder: Path, shown_as: str | None = None) -> Policy:
    """The validated policy with holidays resolved; PolicyError lists every problem.

    Date checks against today and the pages are the pipeline's (helpcenter.pipeline).
    """
    source = read_policy_source(folder, shown_as if shown_as is not None else folder.as_posix())
    policy, problems = build_policy(source)
    problems = source.problems + problems
    if policy is None or problems:
        raise PolicyError(problems)
    return policy


def _optional(key: str) -> bool:
    field = next(f for f in dataclasses.fields(Policy) if f.name == key)
    return field.default is not dataclasses.MISSING


def _field_doc(key: str) -> str:
    field = next(f for f in dataclasses.fields(Policy) if f.name == key)
    return field.metadata["doc"].split(": ", 1)[-1]
