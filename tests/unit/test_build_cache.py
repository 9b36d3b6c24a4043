"""What the build cache keeps reads back exactly as it was made.

python-holidays and pycountry answer the same for the same version and question;
the build keeps their answers (helpcenter.compress's cache folder) so a build
need not import every country's rules or load 5,000 regions each time.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import holidays
import pycountry
import pytest
from jinja2 import Environment
from jinja2.bccache import Bucket
from mkdocs.commands.build import build
from mkdocs.config import load_config

from helpcenter import compress, countries, order_now_files, zonenames
from helpcenter.holidays import UnknownCountry, country_holidays
from helpcenter.pipeline import project_at, published_policy

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def empty_cache(tmp_path, monkeypatch):
    monkeypatch.setenv("HELPCENTER_CACHE", str(tmp_path))
    countries.iso.cache_clear()
    yield tmp_path
    countries.iso.cache_clear()


def test_holidays_from_the_cache_are_the_packages(empty_cache):
    expected = dict(holidays.country_holidays("US", years=[2026, 2027]))
    cold = country_holidays("US", (2027, 2026))
    assert len(list(empty_cache.iterdir())) == 1  # kept
    warm = country_holidays("US", (2026, 2027))
    assert cold == warm == expected
    assert warm[date(2026, 12, 25)] == "Christmas Day"


def test_an_unknown_country_stays_unknown_from_the_cache(empty_cache):
    for _ in range(2):  # made, then read back
        with pytest.raises(UnknownCountry):
            country_holidays("XX", (2026,))


def test_countries_and_regions_from_the_cache_are_the_packages(empty_cache):
    for _ in range(2):  # made, then read back
        countries.iso.cache_clear()
        iso = countries.iso()
        assert [(c.alpha_2, c.name, c.common_name) for c in iso.countries] == [
            (c.alpha_2, c.name, getattr(c, "common_name", None)) for c in pycountry.countries
        ]
        assert len(iso.regions) == len(pycountry.subdivisions)
        # Looked up without regard to case, as pycountry's get(code=...) does.
        assert iso.region_name("ua-43") == iso.region_name("UA-43") == "Avtonomna Respublika Krym"
        assert iso.region_name("UA-99") is None


def test_order_now_tables_from_the_cache_are_the_calculators(empty_cache):
    # The month files a build writes come from the cache once made: byte for byte
    # what the calculators make for the same policy and build day, and a different
    # day (another key) is made afresh.
    policy = published_policy(project_at(ROOT))
    day = date(2026, 11, 27)
    made = order_now_files.made_month_files(policy, day)
    assert order_now_files.month_files(policy, day) == made  # made and kept
    assert len(list(empty_cache.glob("*.order-now"))) == 1
    assert order_now_files.month_files(policy, day) == made  # read back
    next_day = order_now_files.month_files(policy, date(2026, 11, 28))
    assert next_day == order_now_files.made_month_files(policy, date(2026, 11, 28))
    assert len(list(empty_cache.glob("*.order-now"))) == 2


def test_the_zone_name_from_the_cache_is_babels(empty_cache):
    for _ in range(2):  # made, then read back
        assert zonenames.shoppers_name("America/New_York") == "Eastern Time"
    assert len(list(empty_cache.glob("*.zone-name"))) == 1


def test_templates_compiled_once_still_follow_a_changed_template(tmp_path, copy_store, monkeypatch):
    # The plugin keeps Jinja's compiled templates in the cache folder (on_env): the
    # second build reads them, and a template changed since is compiled again. (Only
    # that folder is a new one: with the whole cache empty, the runtime's
    # precompression would take a minute.)
    templates = tmp_path / "jinja"
    monkeypatch.setattr(compress, "template_cache_folder", lambda: templates)
    store = copy_store(ROOT, tmp_path / "store")
    monkeypatch.chdir(store)
    footer = store / "overrides" / "partials" / "copyright.html"

    def built_home() -> str:
        build(load_config(str(store / "mkdocs.yml"), site_dir=str(store / "site")))
        return (store / "site" / "index.html").read_text(encoding="utf-8")

    assert "hc-footer__line" in built_home()
    compiled = sorted(templates.iterdir())
    assert compiled  # Material's templates and ours, one file each
    footer.write_text(
        footer.read_text(encoding="utf-8").replace("help center ·", "help desk ·"),
        encoding="utf-8",
    )
    home = built_home()
    assert "help desk ·" in home
    assert "help center ·" not in home


def test_a_template_cache_that_cannot_be_written_only_compiles_again(tmp_path, monkeypatch):
    # No folder can be made where a file is: no cache (Jinja compiles each build).
    blocked = tmp_path / "blocked"
    blocked.write_text("a file, not a folder", encoding="utf-8")
    monkeypatch.setattr(compress, "template_cache_folder", lambda: blocked / "jinja")
    assert compress.template_cache() is None
    # A folder that goes away (or turns read-only) after the build started: the
    # compiled template is not kept, and the build goes on.
    folder = tmp_path / "jinja"
    monkeypatch.setattr(compress, "template_cache_folder", lambda: folder)
    cache = compress.template_cache()
    assert cache is not None
    environment = Environment(bytecode_cache=cache)
    folder.rmdir()
    assert environment.from_string("{{ 1 + 1 }}").render() == "2"
    bucket = Bucket(environment, "page.html", "checksum")
    bucket.code = compile("x = 1", "page.html", "exec")
    cache.dump_bytecode(bucket)  # no exception
    assert not folder.exists()
