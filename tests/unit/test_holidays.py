"""A named holiday source resolves, at build time, into plain closed days."""

from __future__ import annotations

import shutil
from datetime import date
from pathlib import Path

import pytest

from helpcenter.load import PolicyError, load_policy

WORKSHOP = Path(__file__).parent.parent / "fixtures" / "workshop" / "policy"
CALENDAR = """\
time_zone: America/New_York
order_cutoff: "14:00"
working_weeks:
  handling: [Mon, Tue, Wed, Thu, Fri]
  carrier: [Mon, Tue, Wed, Thu, Fri, Sat]
  support: [Mon, Tue, Wed, Thu, Fri]
holidays:
  provider: holidays
  country: {country}
  years: [2026]
  applies_to: [carrier]
  only: {only}
coverage:
  first_day: 2026-01-01
  last_day: 2026-12-31
"""


def _policy(tmp_path: Path, country: str, only: str):
    folder = tmp_path / "policy"
    shutil.copytree(WORKSHOP, folder)
    (folder / "calendar.yml").write_text(CALENDAR.format(country=country, only=only))
    return load_policy(folder, "policy")


def test_a_saturday_holiday_and_its_observed_friday(tmp_path):
    # July 4, 2026 is a Saturday; the federal holiday is observed on Friday July 3.
    policy = _policy(tmp_path, "US", '["Independence Day", "Independence Day (observed)"]')
    assert [(c.date, c.name, c.applies_to) for c in policy.calendar.closures] == [
        (date(2026, 7, 3), "Independence Day (observed)", ("carrier",)),
        (date(2026, 7, 4), "Independence Day", ("carrier",)),
    ]
    assert policy.calendar.closures[0].source.startswith("python-holidays ")


def test_every_us_federal_holiday_when_only_is_empty(tmp_path):
    # 11 federal holidays in 2026, plus the observed Friday for the Saturday July 4.
    policy = _policy(tmp_path, "US", "[]")
    assert len(policy.calendar.closures) == 12


@pytest.mark.parametrize(
    ("country", "only", "expected"),
    [
        (
            "XX",
            "[]",
            "policy/calendar.yml:9:12: [error] holidays.country: Expected a country code that "
            "python-holidays knows, like US, but received 'XX'.",
        ),
        (
            "US",
            "[Xmas]",
            "policy/calendar.yml:12:10: [error] holidays.only[0]: Expected a holiday name "
            "from python-holidays for US but received 'Xmas'. Known names: ",
        ),
    ],
)
def test_unknown_country_or_name(tmp_path, country, only, expected):
    with pytest.raises(PolicyError) as caught:
        _policy(tmp_path, country, only)
    assert str(caught.value.problems[0]).startswith(expected)
