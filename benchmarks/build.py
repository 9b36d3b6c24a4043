"""How long ``mkdocs build`` takes with the help center, against plain Material.

For each size N (10, 100, 1,000 pages) two stores are made in a temporary
folder from this store's own files:

- ours: policy/, overrides/, mkdocs.yml (plugin and Markdown extension) and N
  pages copied from docs/ with their placeholders and calculator widgets: the
  eleven real pages at the top, then whole copies of them in ``more/NNN/`` (so
  their relative links still resolve), the last copy cut short to make N;
- plain: the same N pages with every placeholder already filled (by our own
  renderer, once, outside the timing), built by a mkdocs.yml with the same
  theme, features, palette, search and Markdown extensions, but neither the
  helpcenter plugin nor helpcenter.markdown_ext, nor the theme overrides.

Each build is a subprocess, ``.venv/bin/mkdocs build -q``, timed from start to
exit: it includes Python's start and every import, which is what someone
running the build waits for. Ours includes everything the plugin does: the one
check (policy, pages, promises), filling the pages, and writing the browser
runtime (copying Pyodide's ~13.5 MB, the zips, the policy, the order-now
tables, precompressed copies from a warm cache). Rounds interleave ours and
plain at every size, after one untimed warm-up build of each (caches, compiled modules, the
file system), so a load spike on the machine hits both alike.

Prints median/min/max seconds per size, the ratio ours/plain (goal <= 1.2)
and the median time per page (goal: ours per page at the largest size within
about 1.2x of that at 100, i.e. linear), what ours adds to plain at each size,
and what each page beyond the smallest size costs. Material's own navigation
lists every page on every page, so plain itself grows faster than linearly;
ours - plain shows what the help center adds.

Run: .venv/bin/python benchmarks/build.py [--rounds 5] [--sizes 10,100,1000]
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

import yaml
from mkdocs.utils.yaml import yaml_load

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from benchmarks import results  # noqa: E402
from helpcenter.pipeline import check, project_at  # noqa: E402

MKDOCS = Path(sys.executable).parent / "mkdocs"
TARGET_RATIO = 1.2
TARGET_LINEAR = 1.2  # ours per page at the largest size / at 100 pages
# Plugins and Markdown extensions that are the help center, left out of "plain".
OURS = ("helpcenter", "helpcenter.markdown_ext")


@dataclass(frozen=True)
class Stores:
    size: int
    ours: Path  # mkdocs.yml of each
    plain: Path


def page_sources(size: int) -> list[tuple[Path, str]]:
    """N pages as (source in docs/, name in the benchmark store): whole copies first."""
    real = sorted((ROOT / "docs").glob("*.md"), key=lambda p: (p.name != "index.md", p.name))
    pages = []
    for i in range(size):
        copy, source = divmod(i, len(real))
        folder = "" if copy == 0 else f"more/{copy:03d}/"
        pages.append((real[source], folder + real[source].name))
    return pages


def make_ours(size: int, target: Path) -> Path:
    """The store with N pages, as ``tests.conftest.copy_store`` copies one."""
    for name in ("policy", "overrides"):
        shutil.copytree(ROOT / name, target / name)
    shutil.copytree(ROOT / "docs" / "assets", target / "docs" / "assets")
    for source, name in page_sources(size):
        (target / "docs" / name).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(source, target / "docs" / name)
    # As MkDocs reads it: !ENV (site_url) resolved.
    config = yaml_load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"))
    del config["nav"]  # implicit: every page, in folder order
    (target / "mkdocs.yml").write_text(yaml.safe_dump(config, sort_keys=False), encoding="utf-8")
    # Pyodide is found at or above the store (bundle.npm_root), as in the tests.
    (target / "node_modules").symlink_to(ROOT / "node_modules", target_is_directory=True)
    return target / "mkdocs.yml"


def make_plain(ours: Path, target: Path) -> Path:
    """The same pages, filled by our renderer, for Material alone."""
    result = check(project_at(ours.parent))
    if not result.ok:
        raise SystemExit(
            "The benchmark store does not pass the check:\n" + "\n".join(map(str, result.problems))
        )
    docs = (ours.parent / "docs").resolve()
    for source, filled in result.pages.items():
        page = target / "docs" / source.relative_to(docs)
        page.parent.mkdir(parents=True, exist_ok=True)
        page.write_text(filled, encoding="utf-8")
    shutil.copytree(ours.parent / "docs" / "assets", target / "docs" / "assets")
    config = yaml_load(ours.read_text(encoding="utf-8"))
    config.update(result.config_texts)
    config["plugins"] = [p for p in config["plugins"] if _name(p) not in OURS]
    config["markdown_extensions"] = [
        e for e in config["markdown_extensions"] if _name(e) not in OURS
    ]
    del config["theme"]["custom_dir"], config["extra_css"], config["extra_javascript"]
    (target / "mkdocs.yml").write_text(yaml.safe_dump(config, sort_keys=False), encoding="utf-8")
    return target / "mkdocs.yml"


def _name(entry: object) -> str:
    return entry if isinstance(entry, str) else next(iter(entry))  # type: ignore[call-overload]


# As a store's machine runs the build. Without NO_MKDOCS_2_WARNING MkDocs prints
# a notice about its next major version each build. PYTHONDONTWRITEBYTECODE is
# left out: Python then keeps the compiled help center (__pycache__) from the
# warm-up build on, as it does on any machine that does not set it. Set (as in
# this project's sandbox), every build compiled the help center's ~60 modules
# from source again (0.16 s), while pip had compiled Material's once at install.
BUILD_ENVIRONMENT = {
    **{name: value for name, value in os.environ.items() if name != "PYTHONDONTWRITEBYTECODE"},
    "NO_MKDOCS_2_WARNING": "1",
}


def build_seconds(config: Path) -> float:
    """One ``mkdocs build`` in a subprocess, from start to exit."""
    site = config.parent / "site"
    started = time.perf_counter()
    done = subprocess.run(
        [str(MKDOCS), "build", "-q", "-f", str(config), "-d", str(site)],
        cwd=config.parent,
        env=BUILD_ENVIRONMENT,
        capture_output=True,
        text=True,
        timeout=900,
    )
    seconds = time.perf_counter() - started
    if done.returncode != 0:
        raise SystemExit(f"mkdocs build of {config} failed:\n{done.stdout}{done.stderr}")
    return seconds


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--sizes", default="10,100,1000", help="page counts, comma-separated")
    parser.add_argument("--results", type=Path, help="append the targets' rows (scripts/bench)")
    args = parser.parse_args()
    sizes = [int(s) for s in args.sizes.split(",")]
    with tempfile.TemporaryDirectory(prefix="helpcenter-build-bench-") as tmp:
        stores = []
        for size in sizes:
            ours = make_ours(size, Path(tmp, f"ours-{size}"))
            stores.append(Stores(size, ours, make_plain(ours, Path(tmp, f"plain-{size}"))))
        times: dict[tuple[int, str], list[float]] = {}
        for store in stores:  # warm-up, untimed
            build_seconds(store.ours), build_seconds(store.plain)
        for round_ in range(args.rounds):
            for store in stores:
                # Alternate which goes first, so neither always follows the other.
                order = ("ours", "plain") if round_ % 2 == 0 else ("plain", "ours")
                for kind in order:
                    seconds = build_seconds(store.ours if kind == "ours" else store.plain)
                    times.setdefault((store.size, kind), []).append(seconds)
        report(sizes, times, args.rounds)
        if args.results:
            results.append_rows(args.results, result_rows(sorted(sizes), times))


def result_rows(sizes: list[int], times: dict[tuple[int, str], list[float]]) -> list[results.Row]:
    """One row per size (ours / plain, round by round), and how ours grows against plain
    Material from the middle size to the largest: (ours/plain at the largest) / (ours/plain
    at the middle), 1 when the help center's share of the build stays the same.

    Plain Material itself is not linear (it renders the whole navigation into every
    page), so linearity is asked of ours relative to it, not of ours alone."""

    def ratios(size: int) -> list[float]:
        return [o / p for o, p in zip(times[size, "ours"], times[size, "plain"], strict=True)]

    rows = [
        results.summary(
            f"build {size} pages, ours / plain Material", "x", TARGET_RATIO, ratios(size)
        )
        for size in sizes
    ]
    if len(sizes) >= 2:
        middle, high = sizes[-2], sizes[-1]
        growth = [h / m for h, m in zip(ratios(high), ratios(middle), strict=True)]
        rows.append(
            results.summary(
                f"build linear: (ours/plain at {high}) / (at {middle})", "x", TARGET_LINEAR, growth
            )
        )
    return rows


def report(sizes: list[int], times: dict[tuple[int, str], list[float]], rounds: int) -> None:
    print(
        f"mkdocs build as a subprocess (start to exit, imports included), {rounds} rounds, "
        f"{os.cpu_count()} CPUs"
    )
    print(
        "ours includes the check, the filled pages and the browser runtime (Pyodide copy, "
        "zips, policy, order-now tables, precompression from a warm cache)"
    )
    print(
        f"{'pages':>6} {'build':>6} {'median s':>9} {'min s':>7} {'max s':>7} "
        f"{'ms/page':>8} {'ours/plain':>11}"
    )
    per_page: dict[tuple[int, str], float] = {}
    for size in sizes:
        medians = {kind: statistics.median(times[size, kind]) for kind in ("ours", "plain")}
        for kind in ("ours", "plain"):
            found = times[size, kind]
            per_page[size, kind] = medians[kind] / size
            ratio = f"{medians['ours'] / medians['plain']:.2f}" if kind == "ours" else ""
            print(
                f"{size:>6} {kind:>6} {medians[kind]:>9.2f} {min(found):>7.2f} {max(found):>7.2f} "
                f"{per_page[size, kind] * 1000:>8.1f} {ratio:>11}"
            )
    print(f"goal: ours/plain <= {TARGET_RATIO} at every size")
    for size in sizes:  # what the help center itself adds: start-up, then per page
        added = statistics.median(times[size, "ours"]) - statistics.median(times[size, "plain"])
        print(f"ours - plain at {size} pages: {added:.2f} s ({added / size * 1000:.1f} ms/page)")
    if 100 in sizes and max(sizes) > 100:
        largest = max(sizes)
        overall = {key: statistics.median(found) for key, found in times.items()}
        for kind in ("ours", "plain"):
            growth = per_page[largest, kind] / per_page[100, kind]
            goal = f" (goal <= {TARGET_LINEAR})" if kind == "ours" else ""
            print(f"{kind}: per page at {largest} / per page at 100 = {growth:.2f}{goal}")
        # What one more page costs, without the fixed start (imports, policy, runtime).
        for kind in ("ours", "plain"):
            low, high = sorted(sizes)[0], largest
            extra = (overall[high, kind] - overall[low, kind]) / (high - low) * 1000
            print(f"{kind}: each page beyond {low} adds {extra:.1f} ms")


if __name__ == "__main__":
    main()
