"""How a policy value reads on a page, chosen by its type (and an optional unit).

Free text from the policy comes out escaped (helpcenter.escaping): a page shows
it exactly as written, and it never acts as Markdown or HTML. Values the code
formats (money, dates, times, day ranges, numbers, weekdays) need no escaping.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from calculators.policy import DayRange
from calculators.text import day_range, join_words, long_date
from calculators.values import Clock, Money, TimeZone, Weekday
from helpcenter.escaping import markdown_text

# One value a page can quote: text, a number, money, a date, a time of day, a
# time zone, a day range, a weekday. Everything else in the model is a record
# (a dataclass of such values) or a mapping of records, and reads as nothing
# but a Python repr; a page names one of its fields instead.
VALUE_TYPES = (str, int, date, Money, Clock, TimeZone, DayRange, Weekday)


def is_value(value: object) -> bool:
    """Whether a placeholder may name ``value``: one value, or a list of values."""
    if isinstance(value, tuple):
        return all(isinstance(item, VALUE_TYPES) for item in value)
    return isinstance(value, VALUE_TYPES)


def _weekdays(days: object) -> str:
    """'Monday to Saturday' for a run of days, 'Monday, Wednesday and Friday' otherwise."""
    if not (isinstance(days, tuple) and days and all(isinstance(d, Weekday) for d in days)):
        raise ValueError(f"Expected a list of weekdays before | weekdays but received {days!r}.")
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
    "weekdays": _weekdays,
}


def format_value(value: object, unit: str | None = None) -> str:
    """``value`` as Markdown; ValueError for what a page cannot quote."""
    if unit is not None:
        return UNITS[unit](value)
    if value is None:
        raise ValueError("This policy value is not set, so a page cannot quote it.")
    if isinstance(value, bool):
        # "True" in a sentence is never what a page means; the page words each case.
        raise ValueError(
            f"This policy value is a yes/no setting ({str(value).lower()}), so a page cannot "
            "quote it; word what it means in the page instead."
        )
    if not is_value(value):
        raise ValueError("This policy value is a group of values; a page quotes one of them.")
    if isinstance(value, str):
        return markdown_text(value)
    if isinstance(value, date):
        return long_date(value)
    if isinstance(value, tuple):
        return join_words(format_value(item) for item in value)
    return str(value)
