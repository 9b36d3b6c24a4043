"""The store's time zone as shoppers name it ("Eastern Time"), resolved at build time.

Shoppers read "Eastern Time", not "America/New_York". A store may write its
own name (``calendar.time_zone_name``); otherwise CLDR's generic long name for
the zone is used, through Babel, and the policy carries it to the browser.
"""

from __future__ import annotations

import dataclasses

from babel.dates import get_timezone, get_timezone_name

from calculators.policy import Policy
from calculators.shape import PathProblem

# CLDR has no region to name these after ("Unknown Region (UTC) Time").
_NO_REGION = {"UTC": "Coordinated Universal Time", "Etc/UTC": "Coordinated Universal Time"}


def shoppers_name(zone_key: str) -> str:
    if zone_key in _NO_REGION:
        return _NO_REGION[zone_key]
    return str(
        get_timezone_name(
            get_timezone(zone_key), width="long", locale="en_US", zone_variant="generic"
        )
    )


def resolve_time_zone_name(policy: Policy) -> tuple[list[PathProblem], Policy]:
    if policy.calendar.time_zone_name is not None:
        return [], policy
    name = shoppers_name(policy.calendar.time_zone.key)
    calendar = dataclasses.replace(policy.calendar, time_zone_name=name)
    return [], dataclasses.replace(policy, calendar=calendar)
