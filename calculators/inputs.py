"""Reading a shopper's form inputs, with a sentence for each mistake."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import datetime

from calculators.answers import Sentence


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


class Form:
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
