"""Reading a shopper's form inputs, with a plain sentence for each mistake.

Every message here is read by a shopper (in the widget) or a store owner trying
a command: a sentence that says what to do, never what a parser expected, and
never an offset, a zone identifier or a value quoted back as Python writes it.

Given the policy, the reader also refuses dates outside ``calendar.coverage``
(the period the calculators answer for), in the words the answers use, so no
calculator ever counts from a day whose closures it does not know.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import TypeVar, overload

from calculators.answers import Sentence
from calculators.policy import Policy
from calculators.schedule import Coverage
from calculators.text import join_words, short_date, zone_words
from calculators.values import Money

_Choice = TypeVar("_Choice", bound=str)
_A = TypeVar("_A")
_B = TypeVar("_B")
_C = TypeVar("_C")
_D = TypeVar("_D")
_E = TypeVar("_E")

EMPTY = "Please fill this in."
UNREADABLE_MOMENT = "Please enter a date and time like 2026-11-28 10:00."
NO_ZONE = "Please enter the date and time again: we could not tell which time zone they are in."
UNREADABLE_NOW = "Please check your device's date and time: we could not read them."
UNREADABLE_DATE = "Please enter a date like 2026-12-07."
# A date-time whose year Python's calendar cannot hold (0, or five digits): read as a
# year, so it gets the same "Please check the year" as any other year out of range.
_YEAR_ONLY = re.compile(r"^\s*([0-9]{4,6})-[0-9]{2}-[0-9]{2}")
# A choice with this many options or fewer names them (the CLI's values); a longer
# list (countries) would drown the sentence.
LISTED_CHOICES = 6


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


def zone_name(policy: Policy) -> str:
    """The store's time zone as shoppers name it: "Eastern Time"."""
    return zone_words(policy.calendar.time_zone.key, policy.calendar.time_zone_name)


def period_words(coverage: Coverage) -> str:
    """'from Thu Jan 1, 2026 to Fri Dec 31, 2027'."""
    return f"from {short_date(coverage.first_day, True)} to {short_date(coverage.last_day, True)}"


def unpublished(coverage: Coverage) -> str:
    """Why there is nothing to say after ``last_day``."""
    last = coverage.last_day
    if (last.month, last.day) == (12, 31):
        return f"our calendar for {last.year + 1} is not published yet"
    return "our calendar after that day is not published yet"


def now_outside(policy: Policy, today: date) -> str:
    """The sentence for a shopper whose clock (or whose today) is outside the coverage."""
    coverage = policy.calendar.coverage
    email = policy.store.support_email
    said = f"Today, {year_words(today)} ({zone_name(policy)}), is"
    if today > coverage.last_day:
        return (
            f"{said} after {short_date(coverage.last_day, True)}, the last day we can answer "
            f"for: {unpublished(coverage)}. Please write to {email}."
        )
    return (
        f"{said} before {short_date(coverage.first_day, True)}, the first day we can answer "
        f"for: please check your device's clock, or write to {email}."
    )


def year_words(day: date) -> str:
    """'Wed Nov 18, 2026'; a year of fewer than four digits as itself ('the year 26'),
    since 'Wed Nov 18, 26' reads as a typo of ours rather than of the shopper's."""
    return short_date(day, True) if day.year >= 1000 else f"the year {day.year}"


def outside_words(about: str, coverage: Coverage, year: int, said: str) -> str:
    """'Please check the year: we can answer for orders placed from ... to ..., not ...'

    A year typed with two digits (26) is asked about as the full year it likely
    means (2026), when that one is covered; it is never taken for it.
    """
    sentence = f"Please check the year: we can answer for {about} {period_words(coverage)}"
    meant = 2000 + year
    if year < 100 and meant in coverage.years():
        return (
            f"{sentence}, not {said}. Did you mean {meant}? If so, please enter the year in full."
        )
    return f"{sentence}, not {said}."


def local_day(policy: Policy, moment: datetime) -> date:
    """The moment's day in the store's zone; at the ends of Python's calendar (years 1
    and 9999, where converting overflows) the moment's own day, far outside any coverage."""
    try:
        return moment.astimezone(policy.calendar.time_zone.zone).date()
    except OverflowError:
        return moment.date()


# -- amounts ------------------------------------------------------------------------------

# The one rule (the field's hint says it): dollars, with an optional "$", optional
# commas between groups of three digits, and a dot before at most two digits of cents.
_AMOUNT = re.compile(r"([0-9]+|[0-9]{1,3}(?:,[0-9]{3})+)(?:\.([0-9]{1,2}))?")
# Amounts that follow another convention: asked about, never read as ours.
_DECIMAL_COMMA = re.compile(r"([0-9]+),([0-9]{1,2})")  # 46,98
_DOT_GROUPS = re.compile(r"([0-9]{1,3}(?:\.[0-9]{3})+)(?:,([0-9]{1,2}))?")  # 1.234,56 or 1.234
_SPACE_GROUPS = re.compile(r"([0-9]{1,3}(?: [0-9]{3})+)(?:[.,]([0-9]{1,2}))?")  # 1 234,56
MINUS_SIGNS = ("-", "\u2212")
AMOUNT_HINT = "Dollars and cents, like 46.98 or 1,250.00."
UNREADABLE_AMOUNT = "Please enter the amount in dollars and cents, like 46.98 or 1,250.00."
NEGATIVE_AMOUNT = "Please enter the amount without a minus sign, like 46.98."


def read_amount(text: str) -> Money | str:
    """The amount ``text`` states by the one rule, or the sentence to show instead."""
    typed = text.strip()
    bare = typed.removeprefix("$").lstrip()
    if typed.startswith(MINUS_SIGNS) or bare.startswith(MINUS_SIGNS):
        return NEGATIVE_AMOUNT
    ours = _AMOUNT.fullmatch(bare)
    if ours:
        return _amount(ours[1].replace(",", ""), ours[2]) or _too_much()
    for other in (_DECIMAL_COMMA, _DOT_GROUPS, _SPACE_GROUPS):
        theirs = other.fullmatch(bare)
        if theirs:
            meant = _amount(re.sub(r"[. ]", "", theirs[1]), theirs[2])
            if meant is None:
                return _too_much()
            return f"Did you mean {meant}? If so, please type {_as_typed(meant)}."
    return UNREADABLE_AMOUNT


def _amount(dollars: str, cents: str | None) -> Money | None:
    """The amount, or None above the maximum (checked on the digits' count first, so
    a thousand-digit number is never converted)."""
    dollars = dollars.lstrip("0") or "0"
    if len(dollars) > 6:
        return None
    amount = Money(int(dollars) * 100 + int((cents or "").ljust(2, "0")))
    return amount if amount.cents <= Money.MAXIMUM_CENTS else None


def _too_much() -> str:
    return f"Please enter an amount up to {Money(Money.MAXIMUM_CENTS)}."


def _as_typed(amount: Money) -> str:
    """'1,234.56': the amount as the rule writes it."""
    return f"{amount.cents // 100:,}.{amount.cents % 100:02d}"


def _choose(options: Sequence[str]) -> str:
    """'Please choose one of these: standard or expedited.' (the values the CLI takes;
    the page offers only its own options, so a shopper never sees this)."""
    if not options or len(options) > LISTED_CHOICES:
        return "Please choose one of the options listed."
    return f"Please choose one of these: {join_words(options, 'or')}."


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
        where = f" ({zone_name(self.policy)})" if day != moment.date() else ""
        self._outside(name, about, day.year, f"{year_words(day)}{where}")
        return False

    def _day_covered(self, name: str, day: date, about: str) -> bool:
        if self.policy is None or day in self.policy.calendar.coverage:
            return True
        self._outside(name, about, day.year, year_words(day))
        return False

    def _outside(self, name: str, about: str, year: int, said: str) -> None:
        assert self.policy is not None  # only a reader with a policy knows the coverage
        coverage = self.policy.calendar.coverage
        self.problems.append(InputProblem(name, outside_words(about, coverage, year, said)))

    def _year_beyond_python(self, name: str, text: str, about: str | None) -> bool:
        """A year Python's calendar cannot hold (0, or five digits), said as a year;
        not for the device's clock (``about`` None), which the shopper did not type."""
        typed = _YEAR_ONLY.match(text)
        if self.policy is None or about is None or typed is None or 1 <= int(typed[1]) <= 9999:
            return False
        self._outside(name, about, int(typed[1]), f"the year {int(typed[1])}")
        return True

    def _text(self, name: str, unreadable: str) -> str | None:
        """The field's text; a problem (``EMPTY``, or ``unreadable`` for a value that is
        no text at all, such as a number or a list in the JSON) and None otherwise."""
        value = self.inputs.get(name)
        if value is None or (isinstance(value, str) and not value.strip()):
            self.problems.append(InputProblem(name, EMPTY))
            return None
        if not isinstance(value, str):
            self.problems.append(InputProblem(name, unreadable))
            return None
        return value.strip()

    def _aware(
        self,
        name: str,
        about: str | None,
        unreadable: str = UNREADABLE_MOMENT,
        no_zone: str = NO_ZONE,
    ) -> datetime | None:
        text = self._text(name, unreadable)
        if text is None:
            return None
        try:
            moment = datetime.fromisoformat(text)
        except ValueError:
            if not self._year_beyond_python(name, text, about):
                self.problems.append(InputProblem(name, unreadable))
            return None
        if moment.tzinfo is None or moment.utcoffset() is None:
            # The page always sends the shopper's offset; without one, guessing a
            # zone could shift the moment by hours.
            self.problems.append(InputProblem(name, no_zone))
            return None
        return moment

    def moment(self, name: str, about: str = "dates") -> datetime | None:
        """A date and time with its UTC offset, like 2026-11-28T10:00-05:00.

        ``about`` names what the field holds, for the coverage sentence: "orders placed".
        """
        moment = self._aware(name, about)
        if moment is None or not self._moment_covered(name, moment, about):
            return None
        return moment

    def optional_moment(self, name: str, about: str = "dates") -> datetime | None:
        if self._empty(name):
            return None
        return self.moment(name, about)

    def now(self, optional: bool = False) -> datetime | None:
        """The shopper's clock (the form's hidden "now"): today must be in the coverage.

        The page fills it in, so any problem with it is the device's clock."""
        if optional and self._empty("now"):
            return None
        if self._empty("now"):
            self.problems.append(InputProblem("now", UNREADABLE_NOW))
            return None
        moment = self._aware("now", None, UNREADABLE_NOW, UNREADABLE_NOW)
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
        text = self._text(name, UNREADABLE_DATE)
        if text is None:
            return None
        try:
            day = date.fromisoformat(text)
        except ValueError:
            if not self._year_beyond_python(name, text, about):
                self.problems.append(InputProblem(name, UNREADABLE_DATE))
            return None
        return day if self._day_covered(name, day, about) else None

    def yesno(self, name: str) -> bool | None:
        value = self.inputs.get(name)
        if isinstance(value, bool):
            return value
        if value in ("yes", "no"):
            return value == "yes"
        empty = value is None or value == ""
        self.problems.append(
            InputProblem(name, "Please choose yes or no." if empty else "Please answer yes or no.")
        )
        return None

    def money(self, name: str) -> Money | None:
        """An amount by the one rule of ``read_amount``."""
        text = self._text(name, UNREADABLE_AMOUNT)
        if text is None:
            return None
        amount = read_amount(text)
        if isinstance(amount, str):
            self.problems.append(InputProblem(name, amount))
            return None
        return amount

    def choice(self, name: str, options: Iterable[_Choice]) -> _Choice | None:
        """One of ``options`` (given as their type: a ``Literal`` stays one)."""
        listed = list(options)
        text = self._text(name, _choose(listed))
        if text is None:
            return None
        for option in listed:
            if option == text:
                return option
        self.problems.append(InputProblem(name, _choose(listed)))
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
