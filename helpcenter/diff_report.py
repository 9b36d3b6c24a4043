"""What a change means for customers, as one Markdown report (``helpcenter diff``).

Four parts, each left out when nothing in it changed: the policy values
(``helpcenter.diff_values``), the rows of the generated tables and the pages
whose text differs (``helpcenter.diff_pages``), and the answers to sample
orders (``helpcenter.diff_samples``). Nothing changed at all: exactly
``NO_CHANGE``. Every text from a policy, a page or an answer is Markdown-escaped
(``helpcenter.escaping``), as the pages escape it.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from itertools import groupby
from pathlib import Path

from calculators.policy import Policy
from helpcenter.diff_pages import (
    PageChange,
    TableChange,
    changed_calculators,
    changed_pages,
    changed_tables,
    read_side,
)
from helpcenter.diff_samples import all_samples, answer_text
from helpcenter.diff_values import ValueChange, changed_values
from helpcenter.escaping import markdown_text
from helpcenter.problems import Problem, counted

NO_CHANGE = "No change for customers."


@dataclass(frozen=True)
class AnswerChange:
    name: str  # the sample's name, as written (plain text)
    calculator: str
    before: str  # plain text
    after: str


@dataclass(frozen=True)
class Report:
    base: str  # BASE as the command was given it
    docs_folder: str  # how the pages' folder is named, like "docs"
    values: list[ValueChange]
    tables: list[TableChange]
    pages: list[PageChange]
    answers: list[AnswerChange]

    @property
    def empty(self) -> bool:
        return not (self.values or self.tables or self.pages or self.answers)


def compare(
    base: str, docs_folder: str, before: tuple[Policy, Path], after: tuple[Policy, Path]
) -> Report:
    """``before`` and ``after``: each side's published policy and its pages' folder."""
    (old, old_docs), (new, new_docs) = before, after
    old_side, new_side = read_side(old_docs, old), read_side(new_docs, new)
    tables = changed_tables(old_side, new_side)
    calculators = changed_calculators(old_side, new_side)
    answers = []
    for sample in all_samples(new, old):
        was, now = answer_text(old, sample), answer_text(new, sample)
        if was != now:
            answers.append(AnswerChange(sample.name, sample.calculator, was, now))
    return Report(
        base,
        docs_folder,
        changed_values(old, new),
        tables,
        changed_pages(old_side, new_side, tables, calculators),
        answers,
    )


def base_does_not_load(base: str, problems: list[Problem], prefix: str) -> str:
    """One sentence: BASE's policy does not load, and its first reason."""
    first = str(problems[0]).replace(prefix, "") if problems else "no reason given"
    return (
        f"The policy at {code(base)} does not load ({counted(problems)}, the first: "
        f"{code(first)}), so there is nothing to compare this change with."
    )


def code(text: str) -> str:
    """A name as written (a git ref, a path, a calculator), as a code span: shown as it
    is, never read as Markdown or HTML. A backtick in it would end the span early."""
    return f"`{text}`" if "`" not in text and text.strip() == text else markdown_text(text)


def markdown(report: Report) -> str:
    if report.empty:
        return NO_CHANGE
    parts = [f"Compared with {code(report.base)}, customers see these changes."]
    if report.values:
        parts += ["### Policy values", "\n".join(f"- {change}" for change in report.values)]
    if report.tables:
        parts += ["### Tables", *(_table(change) for change in report.tables)]
    if report.pages:
        parts += [
            "### Pages",
            "\n".join(_page(change, report.docs_folder) for change in report.pages),
        ]
    if report.answers:
        parts += ["### Sample orders", "\n".join(_answer(change) for change in report.answers)]
    return "\n\n".join(parts)


def _table(change: TableChange) -> str:
    shown = f", on {', '.join(change.pages)}" if change.pages else ""
    blocks = [f"The {code(change.name)} table{shown}:"]
    for header, rows in groupby(change.rows, key=lambda row: row[0]):
        lines = [(side, line) for _, side, line in rows]
        blocks.append("\n".join(_as_table(header, lines) if header else _as_list(lines)))
    return "\n\n".join(blocks)


def _as_table(header: str, lines: list[tuple[str, str]]) -> Iterator[str]:
    """The rows under their table's header, with a first column saying which side."""
    cells = header.count("|") - 1
    yield "| " + header
    yield "|" + " --- |" * (cells + 1)
    for side, line in lines:
        yield f"| {side} {line}"


def _as_list(lines: list[tuple[str, str]]) -> Iterator[str]:
    for side, line in lines:
        yield f"- {side}: {line.lstrip('#-').strip()}"


def _page(change: PageChange, docs_folder: str) -> str:
    where = code(f"{docs_folder}/{change.path}")
    title = f"**{change.title}** ({where})" if change.title else where
    if change.what == "added":
        return f"- {title}: a new page."
    if change.what == "removed":
        return f"- {title}: removed."
    if change.what == "unfilled":
        return (
            f"- {title}: its placeholders do not all fill on one side (helpcenter check says why)."
        )
    lines = [f"- {title}"]
    lines += [f"  - {side}: {line}" for side, line in change.excerpt]
    if change.more_lines:
        lines.append(f"  - and {change.more_lines} more changed lines")
    if change.blocks:
        lines.append(f"  - changed on it: {', '.join(change.blocks)}")
    return "\n".join(lines)


def _answer(change: AnswerChange) -> str:
    return "\n".join(
        [
            f"- **{markdown_text(change.name)}** ({code(change.calculator)})",
            f"  - before: {markdown_text(change.before)}",
            f"  - after: {markdown_text(change.after)}",
        ]
    )
