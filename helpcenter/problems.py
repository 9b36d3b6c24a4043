"""One shape for every mistake the build side reports: policy files, pages, mkdocs.yml.

Like yamllint's problems, each carries a rule id apart from its words, so tools
(the CLI's exit code, MkDocs' logger, a CI annotation) act on the rule and the
severity and never parse the sentence. Positions are 1-based, as editors count.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Literal

Severity = Literal["error", "warning"]


@dataclass(frozen=True)
class Position:
    file: str
    line: int  # 1-based, as editors count
    column: int  # 1-based

    def __str__(self) -> str:
        return f"{self.file}:{self.line}:{self.column}"


@dataclass(frozen=True)
class Problem:
    """A mistake at a place: where, which key, what was received and what was expected."""

    rule: str
    position: Position
    message: str
    key: str = ""  # the dotted key path inside the file, "" for a page or a whole file
    severity: Severity = "error"

    def __str__(self) -> str:
        key = f"{self.key}: " if self.key else ""
        return f"{self.position}: [{self.severity}] {key}{self.message} ({self.rule})"

    @property
    def file(self) -> str:
        return self.position.file

    @property
    def line(self) -> int:
        return self.position.line

    @property
    def column(self) -> int:
        return self.position.column


class ProblemsFound(Exception):
    """Raised with every problem found, never only the first."""

    def __init__(self, problems: list[Problem]):
        self.problems = problems
        super().__init__("\n".join(map(str, problems)))


def errors(problems: Iterable[Problem]) -> list[Problem]:
    return [p for p in problems if p.severity == "error"]


def warnings(problems: Iterable[Problem]) -> list[Problem]:
    return [p for p in problems if p.severity == "warning"]


def counted(problems: list[Problem]) -> str:
    """'1 error and 2 warnings', for a summary line."""
    parts = []
    for severity, items in (("error", errors(problems)), ("warning", warnings(problems))):
        if items:
            parts.append(f"{len(items)} {severity}{'' if len(items) == 1 else 's'}")
    return " and ".join(parts) or "no problems"
