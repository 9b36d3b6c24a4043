"""Moments and days in the store's time zone, shared by the window calculators.

Two kinds of windows appear in the policy:
- hours or minutes after a moment (changes, cancellation): counted in real
  elapsed time, so a window across a daylight-saving change is as long as it
  says (24 h after 01:30 on the night the clocks fall back is 00:30, not 01:30);
- calendar days after a day (returns): "within 3 days of delivery" includes
  the third day, up to its last moment in the store's time zone.
A window is half-open, [start, end): at ``end`` itself it has closed.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo


def before(moment: datetime, end: datetime) -> bool:
    """Whether ``moment`` comes before ``end``, compared as instants.

    Aware datetimes in the same zone compare by wall clock, which is wrong in the
    repeated hour of a fall-back night; UTC has no repeated hours.
    """
    return moment.astimezone(UTC) < end.astimezone(UTC)


def elapsed_after(moment: datetime, span: timedelta, zone: ZoneInfo) -> datetime:
    """The moment ``span`` of real time after ``moment``, shown in ``zone``."""
    return (moment.astimezone(UTC) + span).astimezone(zone)


def local_day(moment: datetime, zone: ZoneInfo) -> date:
    """The calendar day ``moment`` falls on in ``zone``."""
    return moment.astimezone(zone).date()


def last_day_within(start: date, days: int) -> date:
    """The last day of "within ``days`` days of ``start``": delivered Mon, 3 days -> Thu."""
    return start + timedelta(days=days)


def end_of_day(day: date, zone: ZoneInfo) -> datetime:
    """The midnight that ends ``day`` in ``zone``: the first moment no longer on it."""
    return datetime.combine(day + timedelta(days=1), time(0), zone)


def still_on_or_before(now: datetime, day: date, zone: ZoneInfo) -> bool:
    """Whether ``now`` is before the end of ``day`` in ``zone``."""
    return before(now, end_of_day(day, zone))
