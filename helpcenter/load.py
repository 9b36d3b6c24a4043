"""Load ``policy/*.yml`` into the typed model, or report every problem at its line.

Collect, then abort once: all files are read and checked before anything is
reported, so an editor sees every mistake of a pull request in one run.
"""

from __future__ import annotations

import dataclasses
import os
from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

from calculators.policy import Policy
from calculators.shape import Problem, ShapeError, dotted, read
from helpcenter.checks import check_policy
from helpcenter.countries import resolve_countries
from helpcenter.holidays import resolve_holidays
from helpcenter.yamlsource import Document, Position, read_document


@dataclass(frozen=True)
class PolicyProblem:
    """One mistake, said the way an editor needs it: where, which key, what."""

    position: Position
    key: str
    message: str

    def __str__(self) -> str:
        return (
            f"{self.position}: {self.key}: {self.message}"
            if self.key
            else (f"{self.position}: {self.message}")
        )


class PolicyError(Exception):
    def __init__(self, problems: list[PolicyProblem]):
        self.problems = problems
        super().__init__("\n".join(map(str, problems)))


def policy_files() -> dict[str, str]:
    """File name -> the Policy field it holds, straight from the model."""
    return {f"{f.name}.yml": f.name for f in dataclasses.fields(Policy)}


def build_day(zone: ZoneInfo) -> date:
    """Today in the store's zone, or the day SOURCE_DATE_EPOCH names (reproducible builds)."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    now = datetime.fromtimestamp(int(epoch), UTC) if epoch.isdigit() else datetime.now(UTC)
    return now.astimezone(zone).date()


def load_policy(folder: Path, shown_as: str | None = None, check_dates: bool = False) -> Policy:
    """The validated policy with holidays resolved; raises PolicyError with all problems.

    With ``check_dates`` (the build and ``helpcenter check``), dates are also
    checked against today: a holiday season already over is a stale promise.
    """
    shown = shown_as if shown_as is not None else folder.as_posix()
    expected = policy_files()
    documents: dict[str, Document] = {}
    problems: list[PolicyProblem] = []
    for path in sorted(folder.glob("*.y*ml")):
        name = f"{shown}/{path.name}"
        if path.name not in expected:
            problems.append(
                PolicyProblem(
                    Position(name, 1, 1),
                    "",
                    (f"Unknown policy file {path.name!r}. Expected one of {', '.join(expected)}."),
                )
            )
            continue
        documents[expected[path.name]] = read_document(path, name)
    optional = {f.name for f in dataclasses.fields(Policy) if f.default is not dataclasses.MISSING}
    for file_name, key in expected.items():
        if key not in documents and key not in optional:
            problems.append(
                PolicyProblem(
                    Position(f"{shown}/{file_name}", 1, 1),
                    "",
                    (f"Missing policy file {file_name}: {_field_doc(key)}."),
                )
            )
    for document in documents.values():
        problems += [PolicyProblem(p.position, "", p.message) for p in document.problems]
    if problems:
        raise PolicyError(problems)
    data = {key: document.data for key, document in documents.items()}
    try:
        policy = read(Policy, data)
    except ShapeError as error:
        raise PolicyError([_locate(documents, p) for p in error.problems]) from None
    problems_found: list[Problem] = []
    for resolve in (resolve_holidays, resolve_countries):
        found, policy = resolve(policy)
        problems_found += found
    if not problems_found and check_dates:
        problems_found = check_policy(policy, build_day(policy.calendar.time_zone.zone))
    if problems_found:
        raise PolicyError([_locate(documents, p) for p in problems_found])
    return policy


def _field_doc(key: str) -> str:
    field = next(f for f in dataclasses.fields(Policy) if f.name == key)
    return field.metadata["doc"].split(": ", 1)[-1]


def _locate(documents: dict[str, Document], problem: Problem) -> PolicyProblem:
    """Turn a key-path problem into a file:line:col one."""
    if not problem.path:  # the whole policy: only a missing file can say this
        return PolicyProblem(Position("policy", 1, 1), "", problem.message)
    document = documents[str(problem.path[0])]
    inner = problem.path[1:]
    at_key = problem.message.startswith("Unknown key")
    return PolicyProblem(document.locate(inner, at_key), dotted(inner), problem.message)
