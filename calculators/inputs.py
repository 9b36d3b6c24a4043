"""Reading a shopper's form inputs, with a sentence for each mistake.

Given the policy, the reader also refuses dates outside ``calendar.coverage``
(the period the calculators answer for), in the words the answers use, so no
calculator ever counts from a day whose closures it does not know.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date, datetime
from typing import TypeVar, overload

from calculators.answers import Sentence
from calculators.limits import shortened
from calculators.policy import Policy
from calculators.schedule import Coverage
from calculators.shape import received
from calculators.text import short_date
from calculators.values import Money, ValueProblem

_Choice = TypeVar("_Choice", bound=str)
_A = TypeVar("_A")
_B = TypeVar("_B")
_C = TypeVar("_C")
_D = TypeVar("_D")
_E = TypeVar("_E")


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


def period_words(coverage: Coverage) -> str:
    """'from Thu Jan 1, 2026 to Fri Dec 31, 2027'."""
    return f"from {short_date(coverage.first_day, True)} to {short_date(coverage.last_day, True)}"


def unpublished(coverage: Coverage) -> str:
    """Why there is nothing to say after ``last_day``."""
    last = coverage.last_day
    if (last.month, last.day) == (12, 31):
        return f"our calendar for {last.year + 1} isn't published"
    return "our calendar after that day isn't published"


def now_outside(policy: Policy, today: date) -> str:
    """The sentence for a shopper whose clock (or whose today) is outside the coverage."""
    coverage = policy.calendar.coverage
    email = policy.store.support_email
    said = f"Today ({short_date(today, True)}, {policy.calendar.time_zone.key} time) is"
    if today > coverage.last_day:
        return (
            f"{said} after {short_date(coverage.last_day, True)}, the last day we can answer "
            f"for: {unpublished(coverage)}. Please write to {email}."
        )
    return (
        f"{said} before {short_date(coverage.first_day, True)}, the first day we can answer "
        f"for: please check your device's clock, or write to {email}."
    )


def local_day(policy: Policy, moment: datetime) -> date:
    """The moment's day in the store's zone; at the ends of Python's calendar (years 1
    and 9999, where converting overflows) the moment's own day, far outside any coverage."""
    try:
        return moment.astimezone(policy.calendar.time_zone.zone).date()
    except OverflowError:
        return moment.date()


class FormReader:
    """Collects problems while fields are read, then raises them all at once.

    With ``policy``, every date and moment must fall in its coverage (a moment
    by its day in the store's time zone); one outside is a problem, read as None.
    """

    def __init__(self, inputs: Mapping[str, object], policy: Policy | None = None):
        self.inputs = inputs
        self.policy = policy
        self.problems: list[InputProblem] = []

    def _moment_covered(self, name: str, moment: datetime, about: str) -> bool:
        if self.policy is None:
            return True
        day = local_day(self.policy, moment)
        if day in self.policy.calendar.coverage:
            return True
        # Named in the store's zone, which may be another day than the shopper's.
        zone = self.policy.calendar.time_zone.key
        where = f" ({zone} time)" if day != moment.date() else ""
        self._outside(name, about, self.policy.calendar.coverage, day, where)
        return False

    def _day_covered(self, name: str, day: date, about: str) -> bool:
        if self.policy is None or day in self.policy.calendar.coverage:
            return True
        self._outside(name, about, self.policy.calendar.coverage, day)
        return False

    def _outside(
        self, name: str, about: str, coverage: Coverage, day: date, where: str = ""
    ) -> None:
        """'Please check the year: we can answer for orders placed from ... , not ...'"""
        period = period_words(coverage)
        self.problems.append(
            InputProblem(
                name,
                f"Please check the year: we can answer for {about} {period}, "
                f"not {short_date(day, True)}{where}.",
            )
        )

    def _text(self, name: str) -> str | None:
        value = self.inputs.get(name)
        if not isinstance(value, str) or not value.strip():
            self.problems.append(InputProblem(name, "Please fill this in."))
            return None
        return value.strip()

    def _aware(self, name: str) -> datetime | None:
        text = self._text(name)
        if text is None:
            return None
        try:
            moment = datetime.fromisoformat(text)
        except ValueError:
            moment = None
        if moment is None or moment.tzinfo is None or moment.utcoffset() is None:
            self.problems.append(
                InputProblem(
                    name,
                    f"Expected a date and time with its UTC offset, like "
                    f"2026-11-28T10:00-05:00, but received {shortened(text)}.",
                )
            )
            return None
        return moment

    def moment(self, name: str, about: str = "dates") -> datetime | None:
        """A date and time with its UTC offset, like 2026-11-28T10:00-05:00.

        ``about`` names what the field holds, for the coverage sentence: "orders placed".
        """
        moment = self._aware(name)
        if moment is None or not self._moment_covered(name, moment, about):
            return None
        return moment

    def optional_moment(self, name: str, about: str = "dates") -> datetime | None:
        if self._empty(name):
            return None
        return self.moment(name, about)

    def now(self, optional: bool = False) -> datetime | None:
        """The shopper's clock (the form's hidden "now"): today must be in the coverage."""
        if optional and self._empty("now"):
            return None
        moment = self._aware("now")
        if moment is None or self.policy is None:
            return moment
        day = local_day(self.policy, moment)
        if day in self.policy.calendar.coverage:
            return moment
        self.problems.append(InputProblem("now", now_outside(self.policy, day)))
        return None

    def _empty(self, name: str) -> bool:
        value = self.inputs.get(name)
        return value is None or (isinstance(value, str) and not value.strip())

    def day(self, name: str, about: str = "dates") -> date | None:
        """A calendar date written YYYY-MM-DD (a date input's value)."""
        text = self._text(name)
        if text is None:
            return None
        try:
            day = date.fromisoformat(text)
        except ValueError:
            self.problems.append(
                InputProblem(
                    name, f"Expected a date like 2026-12-07 but received {shortened(text)}."
                )
            )
            return None
        return day if self._day_covered(name, day, about) else None

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
        except ValueProblem as problem:
            expected = "an amount like 49.90"
            if problem.rule == "out-of-range" and not text.startswith("-"):
                expected = f"an amount up to {Money(Money.MAXIMUM_CENTS)}"
            self.problems.append(
                InputProblem(name, f"Expected {expected} but received {shortened(text)}.")
            )
            return None

    def choice(self, name: str, options: Iterable[_Choice]) -> _Choice | None:
        """One of ``options`` (given as their type: a ``Literal`` stays one)."""
        text = self._text(name)
        if text is None:
            return None
        listed = list(options)
        for option in listed:
            if option == text:
                return option
        self.problems.append(
            InputProblem(
                name, f"Expected one of {', '.join(listed)} but received {shortened(text)}."
            )
        )
        return None

    def done(self) -> None:
        if self.problems:
            raise InputError(self.problems)

    # What was read, handed back once every field is checked: a read that found a
    # problem gave None and a problem, raised here, so no value handed back is None.
    # Only required fields go through here; an optional one is None when left empty.
    @overload
    def checked(self, a: _A | None, /) -> _A: ...
    @overload
    def checked(self, a: _A | None, b: _B | None, /) -> tuple[_A, _B]: ...
    @overload
    def checked(self, a: _A | None, b: _B | None, c: _C | None, /) -> tuple[_A, _B, _C]: ...
    @overload
    def checked(
        self, a: _A | None, b: _B | None, c: _C | None, d: _D | None, /
    ) -> tuple[_A, _B, _C, _D]: ...
    @overload
    def checked(
        self, a: _A | None, b: _B | None, c: _C | None, d: _D | None, e: _E | None, /
    ) -> tuple[_A, _B, _C, _D, _E]: ...
    def checked(self, *values: object) -> object:
        """Raises every problem found (``done``); else the values read, in the same order.

        Pass the reads themselves (``a, b = read.checked(read.day("a"), read.now())``), or
        return the result from a function that declares its type: unpacked back onto the
        names that held ``X | None``, the values stay ``X | None`` to mypy (one value,
        ``a = read.checked(a)``, does narrow).
        """
        self.done()
        if any(value is None for value in values):
            # Not the shopper's mistake: a calculator passed a field it read as optional.
            raise TypeError("checked() takes required fields only, and one was None")
        return values[0] if len(values) == 1 else values
