"""How a policy value reads on a page, chosen by its type (and an optional unit)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from calculators.policy import DayRange
from calculators.text import day_range, join_words, long_date
from calculators.values import Weekday


def _weekdays(days: tuple[Weekday, ...]) -> str:
    """'Monday to Saturday' for a run of days, 'Monday, Wednesday and Friday' otherwise."""
    indexes = sorted(day.index for day in days)
    if len(indexes) > 2 and indexes == list(range(indexes[0], indexes[-1] + 1)):
        return f"{Weekday(indexes[0])} to {Weekday(indexes[-1])}"
    return join_words(Weekday(i) for i in indexes)


def _counted(unit: str) -> Callable[[object], str]:
    def render(value: object) -> str:
        if isinstance(value, DayRange):
            return day_range(value.min, value.max, unit)
        if isinstance(value, int) and not isinstance(value, bool):
            return day_range(value, value, unit)
        raise ValueError(f"Expected a number or a range before | {unit}s but received {value!r}.")

    return render


def _hours(value: object) -> str:
    """Hours, or whole days once a span is two days or more ("5–7 days", not "120–168 hours")."""
    if isinstance(value, DayRange) and value.min >= 48 and value.min % 24 == value.max % 24 == 0:
        return day_range(value.min // 24, value.max // 24, "day")
    return _counted("hour")(value)


UNITS: dict[str, Callable[[object], str]] = {
    "business days": _counted("business day"),
    "days": _counted("day"),
    "hours": _hours,
    "weekdays": lambda days: _weekdays(days),
}


def format_value(value: object, unit: str | None = None) -> str:
    if unit is not None:
        return UNITS[unit](value)
    if isinstance(value, date):
        return long_date(value)
    if isinstance(value, tuple):
        return join_words(format_value(item) for item in value)
    if value is None:
        raise ValueError("This policy value is not set, so a page cannot quote it.")
    return str(value)
