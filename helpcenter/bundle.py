"""Write the calculators' browser runtime into the built site.

Everything lands in ``site/assets/helpcenter/`` next to loader.js and
worker.js (which Material copies from ``overrides/``):

    pyodide/<version>/          the files Pyodide boots from, nothing else
    python_stdlib-<hash>.zip    the standard library trimmed to what the calculators
                                import (helpcenter/stdlib.py), instead of Pyodide's own
    calculators-<hash>.zip      the ``calculators`` package, unpacked into Pyodide
    tzdata-<version>-<hash>.zip only the zones the store needs, for ``zoneinfo``
    policy-<hash>.json          the validated policy, read once by the worker
    order-now-YYYY-MM.json      the order-now table of a UTC month (order_now_files)
    runtime.json                the manifest the loader starts from
    *.br, *.gz                  each file precompressed (helpcenter/compress.py)

and ``site/_headers``, the host's caching and CORS rules (helpcenter/headers.py).
Content hashes in the names let a host cache those files for ever; only
runtime.json and the month files (small) have to be revalidated. The archives are built
byte-for-byte the same from the same sources, so an unchanged site keeps its
names and the shoppers' caches.
"""

from __future__ import annotations

import hashlib
import importlib.metadata
import io
import json
import logging
import shutil
import zipfile
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path

import calculators
from calculators.policy import Policy
from calculators.shape import ShapeError, dump
from calculators.web import read_policy
from helpcenter.bytecode import compiled_zip
from helpcenter.compress import precompress
from helpcenter.headers import RUNTIME_PATH, headers_file
from helpcenter.stdlib import STDLIB_NAME, trimmed_stdlib

log = logging.getLogger("mkdocs.plugins.helpcenter")

RUNTIME_FOLDER = Path(RUNTIME_PATH)  # the host rules (headers.py) name the same folder
MANIFEST_NAME = "runtime.json"
# The host's header rules (helpcenter/headers.py), at the site's root.
HEADERS_NAME = "_headers"
# The runtime's files named by their content (and the month files); a rebuild
# removes earlier ones.
HASHED_PATTERNS = (
    "calculators-*.zip",
    "tzdata-*.zip",
    "policy-*.json",
    "order-now-*.json",
    "python_stdlib-*.zip",
)
# What loadPyodide fetches on its own: the loader, the interpreter (JS glue and
# WebAssembly), the standard library, and the lock file it reads at start-up.
PYODIDE_BOOT_FILES = (
    "pyodide.mjs",
    "pyodide.asm.mjs",
    "pyodide.asm.wasm",
    "python_stdlib.zip",
    "pyodide-lock.json",
)
# Long enough for ~14 MB on a slow connection; Pyodide waits for ever when the
# page's Content-Security-Policy forbids WebAssembly, so the loader gives up
# after this and tells the shopper whom to write to.
BOOT_TIMEOUT_MS = 30_000
# Besides the store's zone: UTC by name, for code that says ZoneInfo("UTC")
# (datetime.UTC itself needs no file).
ALWAYS_ZONES = ("UTC",)
# Zip entries dated 1980-01-01 (the earliest a zip can say) so builds repeat.
_ZIP_DATE = (1980, 1, 1, 0, 0, 0)
_HASH_LENGTH = 10


class BundleError(Exception):
    """The runtime cannot be written; the message says what to do, for the build log."""


class RuntimeFilesMissing(BundleError):
    """Pyodide (from npm) or tzdata (from pip) is not installed where the build looks."""


class PolicyNotPortable(BundleError):
    """The policy written for the browser does not read back as the same policy."""


@dataclass(frozen=True)
class WrittenFile:
    """One file of the runtime, by its path relative to runtime.json."""

    name: str
    size: int


def npm_root(start: Path) -> Path:
    """The nearest folder at or above ``start`` with node_modules/pyodide, as Node looks.

    A second store under examples/ shares the project's one ``npm ci``.
    """
    for folder in (start, *start.resolve().parents):
        if (folder / "node_modules" / "pyodide").is_dir():
            return folder
    return start  # write_runtime then says to run npm ci


def write_runtime(site_dir: Path, policy: Policy, project_root: Path) -> None:
    """Write the Pyodide files, the archives, the policy and runtime.json."""
    folder = site_dir / RUNTIME_FOLDER
    pyodide_source = project_root / "node_modules" / "pyodide"
    version = pyodide_version(pyodide_source)
    remove_earlier_runtime(folder)
    pyodide_dir = copy_pyodide(pyodide_source, folder / "pyodide" / version)
    zones = (policy.calendar.time_zone.key, *ALWAYS_ZONES)
    calculators_code = compiled_zip(calculators_zip(), "site-packages", pyodide_source)
    archives = [
        write_hashed(folder, "calculators", ".zip", calculators_code.content),
        write_hashed(folder, f"tzdata-{tzdata_version()}", ".zip", tzdata_zip(zones)),
    ]
    policy_file = write_hashed(folder, "policy", ".json", policy_json(policy))
    manifest = runtime_manifest(
        pyodide_dir.relative_to(folder).as_posix() + "/",
        archives,
        policy_file,
        policy,
        order_now=write_order_now(folder, policy),
    )
    # Stored rather than deflated when that is smaller as the .br twin the host
    # sends (README: deploying); compiled to bytecode, so no visit compiles it again.
    stdlib = trimmed_stdlib(pyodide_source, precompressed=True)
    compiled = [calculators_code]
    if stdlib.trimmed:
        # The worker passes this to loadPyodide as stdLibURL, so Pyodide's own
        # 2.5 MB python_stdlib.zip is never fetched and is not copied either.
        stdlib_code = compiled_zip(stdlib.content, "stdlib", pyodide_source)
        compiled.append(stdlib_code)
        manifest["stdlib"] = write_hashed(folder, "python_stdlib", ".zip", stdlib_code.content).name
        (pyodide_dir / STDLIB_NAME).unlink()
    for warning in {choice.warning for choice in compiled if choice.warning}:
        log.warning(warning)  # the sources ship instead: slower to start, still right
    (folder / MANIFEST_NAME).write_text(json.dumps(manifest, indent=2) + "\n", encoding="utf-8")
    precompress(folder)
    (site_dir / HEADERS_NAME).write_text(headers_file(site_dir), encoding="utf-8")


def runtime_problems(policy: Policy, project_root: Path) -> list[BundleError]:
    """What would stop ``write_runtime``, found before the build writes anything.

    MkDocs empties the site folder at the start of a build; checking here first
    keeps a failing build from leaving a site without its calculators.
    """
    found: list[BundleError] = []
    source = project_root / "node_modules" / "pyodide"
    try:
        pyodide_version(source)
        missing = [name for name in PYODIDE_BOOT_FILES if not (source / name).is_file()]
        if missing:
            raise RuntimeFilesMissing(
                f"The Pyodide runtime in {source} is incomplete (missing {', '.join(missing)}). "
                f"{_npm_ci_in(source)} and build again."
            )
    except BundleError as error:
        found.append(error)
    for check in (lambda: tzdata_members(ALWAYS_ZONES), lambda: policy_json(policy)):
        try:
            check()
        except BundleError as error:
            found.append(error)
    return found


def _npm_ci_in(pyodide: Path) -> str:
    """Where to run npm ci: the folder holding node_modules/ (this one, or named)."""
    folder = pyodide.parent.parent
    here = folder.resolve() == Path.cwd().resolve()
    return "Run `npm ci` in this folder" if here else f"Run `npm ci` in {folder}"


def shipped_zone(key: str) -> bool:
    """Whether the site's time-zone data has ``key``.

    CPython also finds zones in the system's own data (``posixrules``,
    ``localtime``), which the browser never has: only the tzdata package counts.
    """
    try:
        return (tzdata_package() / "zoneinfo" / key).is_file()
    except RuntimeFilesMissing:
        return True  # the missing package itself is reported by runtime_problems


# -- Pyodide -------------------------------------------------------------------


def pyodide_version(source: Path) -> str:
    """The npm package's version, which names the folder it is copied to."""
    package_json = source / "package.json"
    if not package_json.is_file():
        raise RuntimeFilesMissing(
            f"The Pyodide runtime is not installed ({package_json} is missing). "
            f"{_npm_ci_in(source)} and build again."
        )
    return json.loads(package_json.read_text(encoding="utf-8"))["version"]


def copy_pyodide(source: Path, target: Path) -> Path:
    """Copy only the boot files: the npm package also holds consoles, maps and types."""
    missing = [name for name in PYODIDE_BOOT_FILES if not (source / name).is_file()]
    if missing:
        raise RuntimeFilesMissing(
            f"The Pyodide runtime in {source} is incomplete (missing {', '.join(missing)}). "
            f"{_npm_ci_in(source)} and build again."
        )
    target.mkdir(parents=True, exist_ok=True)
    for name in PYODIDE_BOOT_FILES:
        shutil.copyfile(source / name, target / name)
    return target


def remove_earlier_runtime(folder: Path) -> None:
    """Drop hashed files of an earlier build (``mkdocs serve`` keeps the site folder)."""
    if not folder.is_dir():
        return
    for pattern in HASHED_PATTERNS:
        # The file and its precompressed twins (.br, .gz).
        for stale in (*folder.glob(pattern), *folder.glob(f"{pattern}.*")):
            stale.unlink()
    shutil.rmtree(folder / "pyodide", ignore_errors=True)


def write_order_now(folder: Path, policy: Policy) -> dict[str, object]:
    """The order-now table's month files, from the build day; runtime.json's ``order_now``."""
    # Imported here: order_now_files writes through write_hashed, from this module.
    from helpcenter import order_now_files

    return order_now_files.write_months(folder, policy)


# -- archives ------------------------------------------------------------------


def deterministic_zip(members: Mapping[str, bytes]) -> bytes:
    """A zip of ``members`` (archive name -> bytes) that depends on nothing else."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name in sorted(members):
            info = zipfile.ZipInfo(name, date_time=_ZIP_DATE)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16  # rw-r--r--, whatever the checkout's umask
            archive.writestr(info, members[name], compresslevel=9)
    return buffer.getvalue()


def calculators_sources() -> dict[str, bytes]:
    """The ``calculators`` package's sources, by their names in the archive."""
    package = Path(calculators.__file__).parent
    return {
        f"calculators/{path.relative_to(package).as_posix()}": path.read_bytes()
        for path in package.rglob("*.py")
    }


def calculators_zip() -> bytes:
    """The ``calculators`` package's sources, so ``import calculators`` works in Pyodide."""
    return deterministic_zip(calculators_sources())


def tzdata_package() -> Path:
    try:
        import tzdata
    except ImportError:
        raise RuntimeFilesMissing(
            "The tzdata package is not installed; it is a dependency of helpcenter "
            "(pip install -e . installs it)."
        ) from None
    return Path(tzdata.__file__).parent


def tzdata_version() -> str:
    return importlib.metadata.version("tzdata")


def tzdata_members(zone_keys: Iterable[str]) -> dict[str, bytes]:
    """The files zoneinfo opens for these zones, and nothing more.

    zoneinfo reads a zone through importlib.resources as
    ``tzdata.zoneinfo.<Area>/<City>``, so each package on that path needs its
    ``__init__.py`` as well as the zone file itself.
    """
    root = tzdata_package()
    members: dict[str, bytes] = {}
    for key in zone_keys:
        zone_file = root / "zoneinfo" / key
        if not zone_file.is_file():
            raise RuntimeFilesMissing(f"The tzdata package has no time zone named {key!r}.")
        members[f"tzdata/zoneinfo/{key}"] = zone_file.read_bytes()
        for package in _packages_along(Path("zoneinfo", key).parent):
            init = root / package / "__init__.py"
            members[f"tzdata/{package.as_posix()}/__init__.py"] = init.read_bytes()
    members["tzdata/__init__.py"] = (root / "__init__.py").read_bytes()
    return members


def _packages_along(folder: Path) -> list[Path]:
    """zoneinfo/America -> [zoneinfo, zoneinfo/America]."""
    return [Path(*folder.parts[: i + 1]) for i in range(len(folder.parts))]


def tzdata_zip(zone_keys: Iterable[str]) -> bytes:
    return deterministic_zip(tzdata_members(zone_keys))


def full_tzdata_zip() -> bytes:
    """Every file of the tzdata package, zipped the same way: what trimming saves."""
    root = tzdata_package()
    return deterministic_zip(
        {
            f"tzdata/{path.relative_to(root).as_posix()}": path.read_bytes()
            for path in root.rglob("*")
            if path.is_file() and "__pycache__" not in path.parts
        }
    )


# -- policy and manifest -------------------------------------------------------

# The last policy written for the browser and its bytes: the check (runtime_problems)
# and write_runtime both need them, and the round trip costs ~0.1 s a build.
_LAST_POLICY_JSON: list[tuple[Policy, bytes]] = []


def policy_json(policy: Policy) -> bytes:
    if _LAST_POLICY_JSON and _LAST_POLICY_JSON[0][0] is policy:
        return _LAST_POLICY_JSON[0][1]
    content = _checked_policy_json(policy)
    _LAST_POLICY_JSON[:] = [(policy, content)]
    return content


def _checked_policy_json(policy: Policy) -> bytes:
    """The policy as ``calculators.web.read_policy`` reads it back, checked here.

    The browser reads this file with the same code; checking in CPython turns
    a policy that would break every calculator into a build error instead.
    """
    text = json.dumps(dump(policy))
    try:
        same = read_policy(text) == policy
    except ShapeError as error:
        raise PolicyNotPortable(
            "The policy written for the browser does not read back "
            f"({len(error.problems)} problem(s)); the first: {error.problems[0].where()}: "
            f"{error.problems[0].message}"
        ) from None
    if not same:
        raise PolicyNotPortable(
            "The policy written for the browser reads back as a different policy: "
            "some value's dump() and parse() disagree."
        )
    return text.encode("utf-8")


def content_hash(content: bytes) -> str:
    return hashlib.sha256(content).hexdigest()[:_HASH_LENGTH]


def write_hashed(folder: Path, stem: str, suffix: str, content: bytes) -> WrittenFile:
    """Write ``<stem>-<hash><suffix>`` into ``folder``."""
    folder.mkdir(parents=True, exist_ok=True)
    name = f"{stem}-{content_hash(content)}{suffix}"
    (folder / name).write_bytes(content)
    return WrittenFile(name, len(content))


def runtime_manifest(
    pyodide_folder: str,
    archives: list[WrittenFile],
    policy_file: WrittenFile,
    policy: Policy,
    order_now: Mapping[str, object] | None = None,
) -> dict[str, object]:
    """What loader.js and worker.js need; every path is relative to runtime.json.

    ``order_now`` (``write_order_now``): the shipping methods' labels and each UTC
    month's order-now file, which the page reads instead of starting Python."""
    manifest: dict[str, object] = {
        "pyodide_index": pyodide_folder,
        "archives": [{"url": a.name, "format": "zip", "bytes": a.size} for a in archives],
        "policy": policy_file.name,
        "boot_timeout_ms": BOOT_TIMEOUT_MS,
        "support_email": policy.store.support_email,
    }
    if order_now is not None:
        manifest["order_now"] = dict(order_now)
    return manifest
