"""Resolve the policy's named holiday source into plain closed days, at build time.

The browser never sees the source, only the dates it resolved to, each naming
where it came from (package and version), so a page can cite it.
"""

from __future__ import annotations

import dataclasses
import json
from collections.abc import Iterable
from datetime import date
from importlib.metadata import version

from calculators.policy import Closure, Policy
from calculators.shape import PathProblem
from helpcenter.compress import cached

_AT = ("calendar", "holidays")


class UnknownCountry(LookupError):
    pass


def country_holidays(country: str, years: Iterable[int]) -> dict[date, str]:
    """python-holidays' days for ``country`` in ``years``; UnknownCountry if it has none.

    Kept in the build cache (helpcenter.compress) by package version, country and
    years: the answer never changes for them, and importing every country's
    rules costs a quarter of a second a build.
    """
    wanted = sorted(years)
    key = json.dumps(["python-holidays", version("holidays"), country, wanted]).encode()
    unknown = b"null"

    def resolved() -> bytes:
        import holidays  # here: it imports every country's rules (~0.25 s)

        try:
            found = holidays.country_holidays(country, years=wanted)
        except NotImplementedError:
            return unknown
        return json.dumps(sorted((day.isoformat(), name) for day, name in found.items())).encode()

    answer = cached(key, "holidays.json", resolved)
    if answer == unknown:
        raise UnknownCountry(country)
    return {date.fromisoformat(day): name for day, name in json.loads(answer)}


def resolve_holidays(policy: Policy) -> tuple[list[PathProblem], Policy]:
    source = policy.calendar.holidays
    if source is None:
        return [], policy
    try:
        found = country_holidays(source.country, source.years)
    except UnknownCountry:
        return [
            PathProblem(
                "holiday-source",
                (*_AT, "country"),
                (
                    f"Expected a country code that python-holidays knows, like US, "
                    f"but received {source.country!r}."
                ),
            )
        ], policy
    names = set(found.values())
    problems = [
        PathProblem(
            "holiday-name",
            (*_AT, "only", i),
            (
                f"Expected a holiday name from python-holidays for {source.country} "
                f"but received {wanted!r}. Known names: {', '.join(sorted(names))}."
            ),
        )
        for i, wanted in enumerate(source.only)
        if wanted not in names
    ]
    if problems:
        return problems, policy
    origin = f"python-holidays {version('holidays')} ({source.country})"
    # The source answers for whole years; the coverage may start or end mid-year,
    # and closures outside it are refused (by the browser's reader too).
    coverage = policy.calendar.coverage
    resolved = tuple(
        Closure(day, name, source.applies_to, origin)
        for day, name in sorted(found.items())
        if (not source.only or name in source.only) and day in coverage
    )
    calendar = dataclasses.replace(policy.calendar, closures=policy.calendar.closures + resolved)
    return [], dataclasses.replace(policy, calendar=calendar)
