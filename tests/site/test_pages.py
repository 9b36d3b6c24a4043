"""Both stores' help centers, checked and built the way an editor does it.

For the main store (JetoyUSA, at the project root) and the second store built
by the same code (examples/patch-and-pops): `helpcenter check` passes, a strict
`mkdocs build` passes, Material's search index finds each answer on the page
that gives it, and a changed policy value reaches the built Shipping page.
The commands run as subprocesses, exactly as an editor types them.
"""

from __future__ import annotations

import html
import json
import os
import re
import shutil
import subprocess
from datetime import date
from pathlib import Path

import pytest

from calculators import web
from calculators.calendar import BusinessCalendar
from helpcenter.load import load_policy

ROOT = Path(__file__).resolve().parents[2]
BIN = ROOT / ".venv" / "bin"
STORES = {
    "jetoyusa": ROOT,
    "patch-and-pops": ROOT / "examples" / "patch-and-pops",
}
# Without it mkdocs prints a long notice about its next major version on every build.
QUIET = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}


def run(*command: str | Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(part) for part in command],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env=QUIET,
        timeout=600,
    )


def build(store: Path, site: Path) -> subprocess.CompletedProcess[str]:
    return run(BIN / "mkdocs", "build", "--strict", "-f", store / "mkdocs.yml", "-d", site)


def explain(result: subprocess.CompletedProcess[str]) -> str:
    return f"exit {result.returncode}\n{result.stdout}\n{result.stderr}"


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> dict[str, tuple[subprocess.CompletedProcess[str], Path]]:
    """Each store built once into its own temporary folder."""
    sites = {}
    for name, store in STORES.items():
        site = tmp_path_factory.mktemp(name) / "site"
        sites[name] = (build(store, site), site)
    return sites


# -- check and build ---------------------------------------------------------------


@pytest.mark.parametrize("name", sorted(STORES))
def test_helpcenter_check_passes(name):
    result = run(BIN / "helpcenter", "--project", STORES[name], "check")
    assert (result.returncode, result.stdout) == (0, "Policy and pages are fine.\n"), explain(
        result
    )


@pytest.mark.parametrize("name", sorted(STORES))
def test_strict_build_passes(built, name):
    result, site = built[name]
    assert result.returncode == 0, explain(result)
    assert (site / "index.html").is_file()


# -- search ------------------------------------------------------------------------

# (store, what a shopper types, the page that answers it). Patch&Pops' seed has
# no payment section, so its site has no PayPal page to find.
SEARCHES = [
    ("jetoyusa", "refund", "returns/"),
    ("jetoyusa", "late", "tracking/"),
    ("jetoyusa", "cancel", "returns/"),
    ("jetoyusa", "Crimea", "where-we-cant-ship/"),
    ("jetoyusa", "customs", "customs/"),
    ("jetoyusa", "PayPal", "payments/"),
    ("jetoyusa", "tracking", "tracking/"),
    ("jetoyusa", "Christmas", "holidays/"),
    ("patch-and-pops", "refund", "returns/"),
    ("patch-and-pops", "late", "delivery-issues/"),
    ("patch-and-pops", "cancel", "returns/"),
    ("patch-and-pops", "Crimea", "international/"),
    ("patch-and-pops", "customs", "international/"),
    ("patch-and-pops", "tracking", "shipping/"),
    ("patch-and-pops", "Christmas", "holidays/"),
]
_TAG = re.compile(r"<[^>]+>")
_WORDS = re.compile(r"[^\w]+")
# Material ranks a match in a section's title (its heading) far above one in
# its text: the index's own field boosts say by how much.
TITLE_BOOST = 1000


def _tokens(text: str) -> list[str]:
    return [t for t in _WORDS.split(html.unescape(_TAG.sub(" ", text)).lower()) if t]


def page_scores(index: dict, word: str) -> dict[str, int]:
    """Each page's best section score for ``word``, matched as Material does: the
    typed word is a prefix of an indexed term ("refund" finds "refunds")."""
    word = word.lower()
    scores: dict[str, int] = {}
    for section in index["docs"]:
        in_title = any(t.startswith(word) for t in _tokens(section["title"]))
        in_text = sum(t.startswith(word) for t in _tokens(section["text"]))
        score = TITLE_BOOST * in_title + in_text
        page = section["location"].split("#")[0]
        scores[page] = max(scores.get(page, 0), score)
    return scores


@pytest.mark.parametrize(
    ("name", "word", "page"), SEARCHES, ids=[f"{s}-{w}" for s, w, _ in SEARCHES]
)
def test_search_finds_the_answer_on_its_page(built, name, word, page):
    result, site = built[name]
    assert result.returncode == 0, explain(result)
    index = json.loads((site / "search" / "search_index.json").read_text(encoding="utf-8"))
    assert index["config"]["fields"]["title"]["boost"] == TITLE_BOOST
    scores = page_scores(index, word)
    best = max(scores.values())
    assert best > 0, f"{word!r} is on no page"
    assert [p for p, s in scores.items() if s == best] == [page], scores


# -- a policy value reaches the page ------------------------------------------------


def copy_store(store: Path, into: Path) -> Path:
    """The store's mkdocs.yml, docs/ and policy/ at the same place under ``into``,
    with the shared theme overrides and Pyodide linked in where its config and
    the build look for them."""
    relative = store.relative_to(ROOT)
    copy = into / relative
    copy.mkdir(parents=True, exist_ok=True)
    shutil.copy(store / "mkdocs.yml", copy / "mkdocs.yml")
    shutil.copytree(store / "docs", copy / "docs")
    shutil.copytree(store / "policy", copy / "policy")
    (into / "overrides").symlink_to(ROOT / "overrides")
    # The build finds Pyodide in node_modules at or above the store's folder; the
    # copy lies outside the project, so the project's node_modules is linked in.
    (copy / "node_modules").symlink_to(ROOT / "node_modules")
    return copy


_STANDARD_TRANSIT = re.compile(
    r"(\n  standard:\n(?:    .*\n)*?    transit_days: \{min: \d+, max: )(\d+)(\})"
)


@pytest.mark.parametrize("name", sorted(STORES))
def test_a_changed_transit_time_shows_on_the_shipping_page(tmp_path, name):
    copy = copy_store(STORES[name], tmp_path / "project")
    transit = load_policy(copy / "policy").shipping.methods["standard"].transit_days
    longer = transit.max + 2
    shipping_yml = copy / "policy" / "shipping.yml"
    text, count = _STANDARD_TRANSIT.subn(
        rf"\g<1>{longer}\g<3>", shipping_yml.read_text(encoding="utf-8")
    )
    assert count == 1, "the standard method's transit_days line was not found"
    shipping_yml.write_text(text, encoding="utf-8")

    result = build(copy, tmp_path / "site")

    assert result.returncode == 0, explain(result)
    page = (tmp_path / "site" / "shipping" / "index.html").read_text(encoding="utf-8")
    assert f"{transit.min}–{longer} carrier days" in page
    assert f"{transit.min}–{transit.max} carrier days" not in page

    # The estimator reads the policy the build wrote for the browser: its latest arrival
    # moves by exactly the two carrier days added (counted on the store's carrier calendar).
    runtime = tmp_path / "site" / "assets" / "helpcenter"
    manifest = json.loads((runtime / "runtime.json").read_text(encoding="utf-8"))
    site_policy = web.read_policy((runtime / manifest["policy"]).read_text(encoding="utf-8"))
    assert site_policy.shipping.methods["standard"].transit_days.max == longer
    inputs = json.dumps({"method": "standard", "ordered_at": "2026-12-01T10:00:00-05:00"})
    before = json.loads(web.answer(load_policy(STORES[name] / "policy"), "delivery", inputs))
    after = json.loads(web.answer(site_policy, "delivery", inputs))
    carrier = BusinessCalendar.of(site_policy.calendar, "carrier")
    moved = carrier.add(date.fromisoformat(before["data"]["arrive_latest"]), 2)
    assert after["data"]["arrive_latest"] == moved.isoformat()
