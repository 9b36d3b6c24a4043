"""Reading a shopper's form inputs, with a sentence for each mistake."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date, datetime

from calculators.answers import Sentence
from calculators.shape import received
from calculators.values import Money, ValueProblem


@dataclass(frozen=True)
class InputProblem:
    field: str
    message: str


class InputError(ValueError):
    def __init__(self, problems: list[InputProblem]):
        self.problems = problems
        super().__init__("; ".join(f"{p.field}: {p.message}" for p in problems))


@dataclass(frozen=True)
class Answer:
    """What a calculator says: machine-readable ``data`` and ``sentences`` for people."""

    data: Mapping[str, object]
    sentences: tuple[Sentence, ...]


class FormReader:
    """Collects problems while fields are read, then raises them all at once."""

    def __init__(self, inputs: Mapping[str, object]):
        self.inputs = inputs
        self.problems: list[InputProblem] = []

    def _text(self, name: str) -> str | None:
        value = self.inputs.get(name)
        if not isinstance(value, str) or not value.strip():
            self.problems.append(InputProblem(name, "Please fill this in."))
            return None
        return value.strip()

    def moment(self, name: str) -> datetime | None:
        """A date and time with its UTC offset, like 2026-11-28T10:00-05:00."""
        text = self._text(name)
        if text is None:
            return None
        try:
            moment = datetime.fromisoformat(text)
        except ValueError:
            moment = None
        if moment is None or moment.tzinfo is None:
            self.problems.append(
                InputProblem(
                    name,
                    f"Expected a date and time with its UTC offset, like "
                    f"2026-11-28T10:00-05:00, but received {text!r}.",
                )
            )
            return None
        return moment

    def optional_moment(self, name: str) -> datetime | None:
        value = self.inputs.get(name)
        if value is None or (isinstance(value, str) and not value.strip()):
            return None
        return self.moment(name)

    def day(self, name: str) -> date | None:
        """A calendar date written YYYY-MM-DD (a date input's value)."""
        text = self._text(name)
        if text is None:
            return None
        try:
            return date.fromisoformat(text)
        except ValueError:
            self.problems.append(
                InputProblem(name, f"Expected a date like 2026-12-07 but received {text!r}.")
            )
            return None

    def yesno(self, name: str) -> bool | None:
        value = self.inputs.get(name)
        if isinstance(value, bool):
            return value
        if value in ("yes", "no"):
            return value == "yes"
        if value is None or value == "":
            self.problems.append(InputProblem(name, "Please choose yes or no."))
            return None
        self.problems.append(
            InputProblem(name, f"Expected yes or no but received {received(value)}.")
        )
        return None

    def money(self, name: str) -> Money | None:
        text = self._text(name)
        if text is None:
            return None
        try:
            return Money.parse(text.removeprefix("$").replace(",", ""))
        except ValueProblem:
            self.problems.append(
                InputProblem(name, f"Expected an amount like 49.90 but received {text!r}.")
            )
            return None

    def choice(self, name: str, options: Iterable[str]) -> str | None:
        text = self._text(name)
        options = list(options)
        if text is not None and text not in options:
            self.problems.append(
                InputProblem(name, f"Expected one of {', '.join(options)} but received {text!r}.")
            )
            return None
        return text

    def done(self) -> None:
        if self.problems:
            raise InputError(self.problems)
