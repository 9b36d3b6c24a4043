"""What the runtime benchmark serves: both stores, a control page and stock Pyodide.

Three folders, each served by its own ``helpcenter.preview.serve`` (the host
rules of helpcenter/headers.py match paths from a site's root, so each site
gets its own root and every side the same rules: types, compression, cache
headers):

    main     the main store (this repository), plus
             /shipping-without-calculators/  its Shipping page minus the calculator lines
             /product/                       a store page with one delivery line per method
    second   the second store (examples/patch-and-pops), plus its /product/
    stock    stock Pyodide and its page (benchmarks/stock.py)

The control page and the product pages exist only in this temporary build;
the stores' own docs/ are copied, never changed. A store's product page is
really on the store's own site; here it is on the help center's origin,
since the preview server's Content-Security-Policy allows only its own.
"""

from __future__ import annotations

import html
import json
import re
import shutil
from dataclasses import dataclass
from pathlib import Path

from mkdocs.commands.build import build
from mkdocs.config import load_config

from benchmarks.stock import write_stock
from helpcenter import bundle

ROOT = Path(__file__).resolve().parents[1]
RUNTIME = bundle.RUNTIME_FOLDER.as_posix() + "/"
CONTROL_NAME = "shipping-without-calculators"
PRODUCT = "product/"
# The store page's script, as the README tells a store to include it.
LINE_SCRIPT = "delivery-line.js"
CALCULATOR_LINE = re.compile(r"^[ \t]*\{\{\s*calculator\.[^}]*\}\}[ \t]*\n?", re.MULTILINE)


@dataclass(frozen=True)
class StoreSite:
    """One store as served."""

    name: str
    url: str  # where its server serves it, ending in "/"
    control: str | None  # the Shipping page without calculators (main store only)
    product: str | None  # the delivery-line page, when the build has the line script
    methods: dict[str, str]  # shipping method -> its name, from runtime.json

    @property
    def shipping(self) -> str:
        return self.url + "shipping/"

    @property
    def runtime_path(self) -> str:
        """The URL path under which the server sent this store's runtime."""
        return "/" + RUNTIME


@dataclass(frozen=True)
class BenchSite:
    stores: tuple[StoreSite, ...]
    stock_page: str  # its full URL


def without_calculators(markdown: str) -> str:
    """The page with every ``{{ calculator.… }}`` line taken out, nothing else changed."""
    return CALCULATOR_LINE.sub("", markdown)


def build_all(
    folders: dict[str, Path], urls: dict[str, str], scratch: Path, stock_precompressed: bool
) -> BenchSite:
    """Build "main", "second" and "stock" into ``folders``, served at ``urls``."""
    docs = scratch / "docs"
    shutil.copytree(ROOT / "docs", docs)
    shipping = (docs / "shipping.md").read_text(encoding="utf-8")
    control = without_calculators(shipping)
    if control == shipping:
        raise SystemExit("docs/shipping.md has no calculator line: nothing to compare.")
    (docs / f"{CONTROL_NAME}.md").write_text(control, encoding="utf-8")
    _build(ROOT / "mkdocs.yml", folders["main"], urls["main"], docs_dir=docs)
    second_config = ROOT / "examples" / "patch-and-pops" / "mkdocs.yml"
    _build(second_config, folders["second"], urls["second"])
    stock_page = write_stock(folders["stock"], bundle.npm_root(ROOT), stock_precompressed)
    stores = (
        _store(folders["main"], "main", urls["main"], f"{CONTROL_NAME}/"),
        _store(folders["second"], "second", urls["second"], None),
    )
    return BenchSite(stores, urls["stock"] + stock_page)


def _build(config_file: Path, site: Path, url: str, docs_dir: Path | None = None) -> None:
    # Built for the address it is served at, as `mkdocs serve` does (Material's
    # instant navigation follows only links at site_url's port).
    options = {"site_dir": str(site), "site_url": url}
    if docs_dir is not None:
        options["docs_dir"] = str(docs_dir)
    config = load_config(str(config_file), **options)
    if docs_dir is not None:
        # In the navigation beside the Shipping page, so both pages' HTML has the
        # same menu (Material lists the current page's headings in it).
        nav = config["nav"]
        at = next(i for i, entry in enumerate(nav) if "shipping.md" in entry.values())
        nav.insert(at + 1, {"Shipping (benchmark control)": f"{CONTROL_NAME}.md"})
    build(config)


def _store(site: Path, name: str, url: str, control: str | None) -> StoreSite:
    runtime = site / RUNTIME
    manifest = json.loads((runtime / bundle.MANIFEST_NAME).read_text(encoding="utf-8"))
    methods = dict((manifest.get("order_now") or {}).get("methods") or {})
    product = None
    if (runtime / LINE_SCRIPT).is_file() and methods:
        write_product_page(site / PRODUCT, f"../{RUNTIME}{LINE_SCRIPT}", methods)
        product = url + PRODUCT
    return StoreSite(name, url, url + control if control else None, product, methods)


def write_product_page(folder: Path, script: str, methods: dict[str, str]) -> None:
    """A store's own page (not the help center's): one empty delivery line per method."""
    lines = "\n".join(
        f'<h2>{html.escape(label)}</h2>\n<div data-delivery-line="{html.escape(key)}"></div>'
        for key, label in methods.items()
    )
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "index.html").write_text(
        '<!doctype html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        "<title>A product</title>\n"
        f'<script src="{html.escape(script)}" defer></script>\n'
        "</head>\n<body>\n<h1>Embroidered patch</h1>\n"
        f"{lines}\n</body>\n</html>\n",
        encoding="utf-8",
    )
