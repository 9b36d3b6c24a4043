"""Shared fixtures: the test workshop's policy, read from real YAML files."""

from __future__ import annotations

import dataclasses
import os
import shutil
from datetime import UTC, datetime
from pathlib import Path

import pytest

from calculators.policy import Policy
from calculators.values import Clock, Weekday
from helpcenter.load import load_policy

FIXTURES = Path(__file__).parent / "fixtures"

# The stores' policies hold this season's holiday dates, and the build refuses a
# season that is over. Tests pin the build day (the reproducible-builds variable,
# read by helpcenter.load.build_day, and inherited by the builds tests start) so
# they pass in any year.
BUILD_DAY = datetime(2026, 11, 22, 12, tzinfo=UTC)
os.environ["SOURCE_DATE_EPOCH"] = str(int(BUILD_DAY.timestamp()))
ROOT = Path(__file__).parent.parent


@pytest.fixture(scope="session")
def workshop() -> Policy:
    """Handling Mon-Fri, carrier Mon-Sat, cut-off 14:00 New York (see its YAML)."""
    return load_policy(FIXTURES / "workshop" / "policy")


@pytest.fixture(scope="session")
def midnight_workshop(workshop: Policy) -> Policy:
    """The workshop with the store's real rules: handling Mon-Sat, cut-off at 24:00."""
    weeks = dataclasses.replace(
        workshop.calendar.working_weeks, handling=tuple(Weekday(i) for i in range(6))
    )
    calendar = dataclasses.replace(
        workshop.calendar, order_cutoff=Clock(24 * 60), working_weeks=weeks
    )
    return dataclasses.replace(workshop, calendar=calendar)


@pytest.fixture(scope="session")
def copy_store():
    """``copy_store(source, target)``: see ``_copy_store``."""
    return _copy_store


def _copy_store(source: Path, target: Path) -> Path:
    """A copy of the store in ``source`` (policy, pages, mkdocs.yml, theme overrides) at
    ``target``, with the project's node_modules linked in, as the build looks for
    Pyodide at or above the store's folder."""
    for name in ("policy", "docs", "overrides"):
        if (source / name).is_dir():
            shutil.copytree(source / name, target / name)
    if (source / "mkdocs.yml").is_file():
        shutil.copy(source / "mkdocs.yml", target / "mkdocs.yml")
    (target / "node_modules").symlink_to(ROOT / "node_modules", target_is_directory=True)
    return target
