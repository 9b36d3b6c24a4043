"""The store's time zone as shoppers name it ("Eastern Time"), resolved at build time.

Shoppers read "Eastern Time", not "America/New_York". A store may write its
own name (``calendar.time_zone_name``); otherwise CLDR's generic long name for
the zone is used, through Babel, and the policy carries it to the browser.
Babel's answer is kept in the per-user cache (helpcenter/compress.py) under
the zone and Babel's version: loading CLDR's data is a tenth of a small
site's check.
"""

from __future__ import annotations

import dataclasses

import babel
from babel.dates import get_timezone, get_timezone_name

from calculators.policy import Policy
from calculators.shape import PathProblem
from helpcenter import compress

# CLDR has no region to name these after ("Unknown Region (UTC) Time").
_NO_REGION = {"UTC": "Coordinated Universal Time", "Etc/UTC": "Coordinated Universal Time"}


def shoppers_name(zone_key: str) -> str:
    if zone_key in _NO_REGION:
        return _NO_REGION[zone_key]
    key = f"{zone_key}\0babel {babel.__version__}".encode()
    return compress.cached(key, "zone-name", lambda: _cldr_name(zone_key).encode()).decode()


def _cldr_name(zone_key: str) -> str:
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
