"""A standard library for Pyodide holding only what the calculators use.

Pyodide's ``python_stdlib.zip`` is 2.5 MB (deflated) and the calculators need
a small part of it. ``scripts/stdlib-modules.mjs`` boots real Pyodide in Node,
does what the browser worker does (unpack the archives, read the policy) and
asks every calculator over inputs generated from its form (``sample_cases``),
valid and not; the files it loaded from the zip are listed in
``stdlib_modules.json``, with the Pyodide version they were found in.

The trimmed zip is STORED (not deflated): brotli compresses the plain sources
far better than it compresses deflate's output, and Pyodide reads a stored
member without inflating it. ``trimmed_stdlib`` builds both forms and keeps
the one smaller at brotli quality 11, which is what a host serving the
precompressed ``.br`` sends.

``python -m helpcenter.stdlib cases OUT`` writes the inputs the Node script
runs (archives, policy, cases), made by the same code the build uses.
"""

from __future__ import annotations

import io
import json
import sys
import zipfile
from collections.abc import Iterator, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

from helpcenter.compress import BROTLI_QUALITY, brotli_bytes, cached

MODULE_LIST = Path(__file__).with_name("stdlib_modules.json")
STDLIB_NAME = "python_stdlib.zip"
# The earliest date a zip can hold, so equal contents give equal bytes.
_ZIP_DATE = (1980, 1, 1, 0, 0, 0)
# Moments and "now"s in the store's zone; each is worth asking because the
# answer takes another branch: a weekday before and after the cut-off, a
# weekend, Thanksgiving and Christmas week, the edge of the coverage, outside it.
_MOMENTS = (
    "2026-11-20T15:00",
    "2026-11-20T23:59",
    "2026-11-21T10:00",
    "2026-11-26T09:00",
    "2026-12-21T08:30",
    "2026-12-24T12:00",
    "2027-12-31T12:00",
    "2030-06-01T12:00",
)
_BROKEN_TEXT = ("", "not a time", "2026-13-40", "2026-11-20T15:00Z", "2026-11-20")
_AMOUNTS = ("0", "12.5", "58.99", "59", "$1,250.00", "-5", "1e9", "abc", "")


@dataclass(frozen=True)
class StdlibChoice:
    """The standard library to ship, and why it is not the trimmed one (if so)."""

    content: bytes
    trimmed: bool
    warning: str | None = None


def module_list(path: Path = MODULE_LIST) -> dict[str, object]:
    return json.loads(path.read_text(encoding="utf-8"))


def list_mismatch(pyodide_source: Path, modules: Path = MODULE_LIST) -> str | None:
    """Why the site would ship the whole standard library (the list was made for
    another Pyodide), in words for the build log; None when the list fits."""
    package = pyodide_source / "package.json"
    if not package.is_file():
        return None  # no Pyodide at all: runtime_problems says to run npm ci
    version = json.loads(package.read_text(encoding="utf-8"))["version"]
    listed = module_list(modules).get("pyodide")
    if listed == version:
        return None
    return (
        f"The standard-library list ({modules.name}) was made for Pyodide {listed} but "
        f"Pyodide {version} is installed, so the site ships its whole {STDLIB_NAME} "
        "(2.5 MB on the wire instead of 0.7 MB). Run `node scripts/stdlib-modules.mjs` to list the "
        "modules again."
    )


def trimmed_stdlib(
    pyodide_source: Path, modules: Path = MODULE_LIST, precompressed: bool = True
) -> StdlibChoice:
    """The standard library the site ships: trimmed when the list fits this Pyodide.

    A list made for another Pyodide version may miss a file that version
    imports at start, so the whole library is shipped then, with a warning
    that says how to make the list again.

    ``precompressed``: the host sends the build's ``.br`` twin. Most static
    hosts instead compress on the fly only text types, never a zip: there a
    STORED zip goes out at its full 3.1 MB, and the deflated one (0.8 MB) is
    the smaller on the wire, so that is the one kept.
    """
    whole = (pyodide_source / STDLIB_NAME).read_bytes()
    mismatch = list_mismatch(pyodide_source, modules)
    if mismatch:
        return StdlibChoice(whole, trimmed=False, warning=mismatch)
    listed = module_list(modules)
    files = listed["files"]
    assert isinstance(files, list)
    # The choice is a function of the whole zip, the list, the host's kind and the
    # code that makes it (this module, the brotli quality it compares at), so it is
    # cached by them: making it takes ~50 ms on a warm cache, every build.
    key = b"\0".join(
        [
            whole,
            json.dumps(sorted(files)).encode(),
            f"{precompressed} br{BROTLI_QUALITY}".encode(),
            Path(__file__).read_bytes(),
        ]
    )
    chosen = cached(key, "stdlib-trimmed", lambda: _smaller(whole, files, precompressed))
    return StdlibChoice(chosen, trimmed=True)


def _smaller(whole: bytes, files: list[str], precompressed: bool) -> bytes:
    """The trimmed zip, stored or deflated: whichever goes out the smaller."""
    stored = trim_zip(whole, files)
    # The deflated form only competes; it is a function of the stored one's
    # members, so it is cached by that (deflating 3 MB takes 0.3 s).
    deflated = cached(stored, "zip-deflated9", lambda: trim_zip(whole, files, zipfile.ZIP_DEFLATED))
    if not precompressed:
        return min(stored, deflated, key=len)
    with ThreadPoolExecutor(max_workers=2) as pool:  # ~8 s and ~4 s on a cold cache
        sizes = list(pool.map(lambda content: len(brotli_bytes(content)), (stored, deflated)))
    return stored if sizes[0] <= sizes[1] else deflated


def trim_zip(whole: bytes, keep: Sequence[str], method: int = zipfile.ZIP_STORED) -> bytes:
    """A zip of ``whole``'s members named in ``keep``, all written with ``method``.

    zipimport finds a package by its ``__init__.py`` member, so directory
    entries are left out. A listed file the zip lacks is an error: the list
    and the zip do not belong together.
    """
    with zipfile.ZipFile(io.BytesIO(whole)) as source:
        present = set(source.namelist())
        missing = sorted(set(keep) - present)
        if missing:
            raise KeyError(f"{STDLIB_NAME} has no {', '.join(missing)}")
        buffer = io.BytesIO()
        with zipfile.ZipFile(buffer, "w") as target:
            for name in sorted(set(keep)):
                info = zipfile.ZipInfo(name, date_time=_ZIP_DATE)
                info.compress_type = method
                info.external_attr = 0o644 << 16
                target.writestr(info, source.read(name), compresslevel=9)
    return buffer.getvalue()


# -- the inputs scripts/stdlib-modules.mjs runs -----------------------------------


def field_values(kind: str, options: Sequence[str], zone_offset: str) -> list[object]:
    """Values worth sending for one field of a form: valid ones first, then broken ones."""
    if kind in ("moment", "now"):
        return [m + zone_offset for m in _MOMENTS] + [*_BROKEN_TEXT, 12]
    if kind == "date":
        return [m[:10] for m in _MOMENTS] + ["", "2026-02-30", "tomorrow", 5]
    if kind == "choice":
        return [*options, "", "no-such-option", None]
    if kind == "yesno":
        return ["yes", "no", True, False, "", "maybe"]
    if kind == "money":
        return [*_AMOUNTS, 12]
    return ["", "anything"]


FormFields = Sequence[tuple[str, str, Sequence[str]]]  # (name, kind, option values)


def calculator_cases(fields: FormFields, offset: str) -> Iterator[dict[str, object]]:
    """Every field through all its values with the others at their first (valid) value,
    then each field left out, and every pair of a choice with a moment (where branches meet).
    """
    values = {name: field_values(kind, options, offset) for name, kind, options in fields}
    baseline = {name: options[0] for name, options in values.items()}
    yield dict(baseline)
    for name, options in values.items():
        for value in options[1:]:
            yield {**baseline, name: value}
        yield {key: value for key, value in baseline.items() if key != name}
    choices = [name for name, kind, _ in fields if kind in ("choice", "yesno")]
    moments = [name for name, kind, _ in fields if kind in ("moment", "date")]
    for choice in choices:
        for moment in moments:
            for chosen in values[choice]:
                for when in values[moment][: len(_MOMENTS)]:
                    yield {**baseline, choice: chosen, moment: when}


def sample_cases(policy_folder: Path) -> list[dict[str, object]]:
    """[{calculator, inputs}] for every calculator of ``calculators.web``."""
    from calculators.web import CALCULATORS
    from helpcenter.load import load_policy

    policy = load_policy(policy_folder)
    offset = "-05:00"  # the store's winter offset; the zone is its own business
    cases: list[dict[str, object]] = []
    for name, calculator in sorted(CALCULATORS.items()):
        fields = [
            (field.name, field.kind, [option.value for option in field.options])
            for field in calculator.form(policy).fields
        ]
        cases.extend({"calculator": name, "inputs": c} for c in calculator_cases(fields, offset))
    return cases


def write_case_files(out: Path, project: Path) -> None:
    """The archives, policy and cases the Node script reads, as the build makes them."""
    from helpcenter.bundle import ALWAYS_ZONES, calculators_zip, policy_json, tzdata_zip
    from helpcenter.load import load_policy

    out.mkdir(parents=True, exist_ok=True)
    policy = load_policy(project / "policy")
    zones = (policy.calendar.time_zone.key, *ALWAYS_ZONES)
    (out / "calculators.zip").write_bytes(calculators_zip())
    (out / "tzdata.zip").write_bytes(tzdata_zip(zones))
    (out / "policy.json").write_bytes(policy_json(policy))
    (out / "cases.json").write_text(json.dumps(sample_cases(project / "policy")), encoding="utf-8")


def main(argv: Sequence[str]) -> int:
    """``cases OUT PROJECT``: the Node script's inputs; ``trim OUT_ZIP``: the trimmed zip."""
    if len(argv) == 3 and argv[0] == "cases":
        write_case_files(Path(argv[1]), Path(argv[2]))
        return 0
    if len(argv) == 2 and argv[0] == "trim":
        pyodide_source = Path(__file__).parents[1] / "node_modules" / "pyodide"
        whole = (pyodide_source / STDLIB_NAME).read_bytes()
        files = module_list()["files"]
        assert isinstance(files, list)
        Path(argv[1]).write_bytes(trim_zip(whole, files))
        return 0
    print(
        "usage: python -m helpcenter.stdlib cases OUT_FOLDER PROJECT_FOLDER | trim OUT_ZIP",
        file=sys.stderr,
    )
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
