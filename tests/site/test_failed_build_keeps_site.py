"""A build that fails leaves the last good site exactly as it was.

MkDocs empties the site folder at the start of a build; the plugin runs the
whole check before that, so every mistake an editor can make stops the build
while the deployed folder still holds the previous, working site (calculators
included). Each case breaks one thing in a copy of the store, builds as an
editor does (a real ``mkdocs build`` process), and compares every file of the
site folder, byte for byte, with the snapshot taken after the good build.
"""

from __future__ import annotations

import hashlib
import os
import subprocess
from datetime import UTC, datetime
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
MKDOCS = ROOT / ".venv" / "bin" / "mkdocs"
QUIET = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
# Jan 5, 2027: the store's Christmas 2026 season is over (a warning, not an error).
AFTER_CHRISTMAS = str(int(datetime(2027, 1, 5, 12, tzinfo=UTC).timestamp()))


def build(store: Path, *flags: str, env: dict[str, str] = QUIET) -> subprocess.CompletedProcess:
    return subprocess.run(
        [str(MKDOCS), "build", *flags, "-f", str(store / "mkdocs.yml"), "-d", str(store / "site")],
        capture_output=True,
        text=True,
        env=env,
        timeout=600,
        check=False,
    )


def snapshot(site: Path) -> dict[str, str]:
    return {
        path.relative_to(site).as_posix(): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in sorted(site.rglob("*"))
        if path.is_file()
    }


def _replace(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} is not in {path}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


# (case, how to break the store, extra build flags, environment, the line the build names)
BREAKAGES = [
    (
        "an unknown placeholder in a page",
        lambda store: _replace(store / "docs" / "index.md", "\n", "\n{{ policy.nope }}\n"),
        (),
        QUIET,
        "docs/index.md:2:1: [error] Unknown placeholder {{ policy.nope }}",
    ),
    (
        "a price typed into a page by hand",
        lambda store: _replace(store / "docs" / "index.md", "\n", "\nA flat $59 fee.\n"),
        (),
        QUIET,
        "(handtyped-value)",
    ),
    (
        "a missing key in the policy",
        lambda store: _replace(store / "policy" / "store.yml", "\nname: JetoyUSA\n", "\n"),
        (),
        QUIET,
        "[error] Missing key 'name'",
    ),
    (
        "YAML that does not parse",
        lambda store: _replace(store / "policy" / "orders.yml", "\n", "\nbroken: [\n"),
        (),
        QUIET,
        "(yaml-syntax)",
    ),
    (
        "a placeholder in site_name that names nothing",
        lambda store: _replace(store / "mkdocs.yml", "{{ policy.store.name }}", "{{ policy.x }}"),
        (),
        QUIET,
        # `site_name: "` is 12 characters: the placeholder starts at column 13.
        "mkdocs.yml:1:13: [error] site_name: Unknown placeholder {{ policy.x }}",
    ),
    (
        "the calculators' runtime is not installed",
        lambda store: (store / "node_modules").unlink(),
        (),
        QUIET,
        "(runtime-files)",
    ),
    (
        "a warning in strict mode: a holiday season that is over",
        lambda store: None,
        ("--strict",),
        {**QUIET, "SOURCE_DATE_EPOCH": AFTER_CHRISTMAS},
        "[warning] seasons[0].deliver_by: Christmas was delivered by 2026-12-24",
    ),
]


@pytest.fixture(scope="module")
def good_build(tmp_path_factory, copy_store) -> tuple[Path, dict[str, str]]:
    store = copy_store(ROOT, tmp_path_factory.mktemp("store"))
    result = build(store)
    assert result.returncode == 0, result.stderr
    return store, snapshot(store / "site")


@pytest.mark.parametrize(
    ("case", "break_store", "flags", "env", "named"), BREAKAGES, ids=[b[0] for b in BREAKAGES]
)
def test_a_failed_build_leaves_the_last_good_site(
    good_build, tmp_path, case, break_store, flags, env, named
):
    good_store, good_site = good_build
    store = tmp_path / "store"
    subprocess.run(["cp", "-a", str(good_store), str(store)], check=True)
    assert snapshot(store / "site") == good_site
    break_store(store)
    result = build(store, *flags, env=env)
    assert result.returncode == 1
    assert named in result.stderr
    assert "Traceback" not in result.stdout + result.stderr
    assert snapshot(store / "site") == good_site


def test_without_strict_a_season_that_is_over_only_warns(good_build, tmp_path):
    good_store, _ = good_build
    store = tmp_path / "store"
    subprocess.run(["cp", "-a", str(good_store), str(store)], check=True)
    result = build(store, env={**QUIET, "SOURCE_DATE_EPOCH": AFTER_CHRISTMAS})
    assert result.returncode == 0, result.stderr
    assert "[warning] seasons[0].deliver_by: Christmas was delivered by" in result.stderr
    holidays = (store / "site" / "holidays" / "index.html").read_text(encoding="utf-8")
    assert "Christmas deadlines" not in holidays
