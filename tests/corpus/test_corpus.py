"""A generated corpus of one-defect variants of both stores: policy files, pages, mkdocs.yml.

For every variant, `helpcenter check` (the pipeline, in-process) and the MkDocs
build (the plugin, in-process) must agree: errors if and only if the build
fails. A defect must be reported in its file at its line, and nothing may
raise a traceback. Harmless variants must check clean and build in full. One
variant per family of defect classes also runs the real command.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

import pytest
from corpus_catalogue import all_variants, corpus_summary
from corpus_edits import Variant
from corpus_run import Built, Traceback, page_texts, run_build, run_check, run_cli

from helpcenter.problems import Problem, errors, warnings
from helpcenter.yamlsource import read_document

VARIANTS = all_variants()
MINIMUM_CORPUS = 300


def test_corpus_size():
    summary = corpus_summary()
    print(summary.line())
    print("by family: " + ", ".join(f"{k} {n}" for k, n in sorted(summary.by_family.items())))
    assert summary.variants >= MINIMUM_CORPUS


@pytest.mark.parametrize("variant", VARIANTS, ids=[v.id for v in VARIANTS])
def test_variant(variant: Variant, store_with: Callable[[Variant], Path], tmp_path: Path):
    root = store_with(variant)
    complaints: list[str] = []
    result, built = None, None
    try:  # each run on its own: a traceback in the check says nothing about the build
        result = run_check(root)
    except Traceback as traceback:
        complaints.append(str(traceback))
    try:
        built = run_build(root, tmp_path / "site")
    except Traceback as traceback:
        complaints.append(str(traceback))
    if result is not None and built is not None:
        complaints += _verdicts(variant, root, result.problems, built, tmp_path / "site")
    if variant.cli:
        complaints += _cli(root, expect_error=variant.harmful)
    if complaints:
        pytest.fail(f"{variant.id}:\n" + "\n".join(complaints), pytrace=False)


def _verdicts(
    variant: Variant, root: Path, problems: list[Problem], built: Built, site: Path
) -> list[str]:
    complaints = _agreement(problems, built)
    if variant.harmful:
        complaints += _located(variant, root, errors(problems))
    else:
        complaints += [f"unexpected problem: {p}" for p in problems]
        if variant.marker is not None and not built.failed:
            complaints += _shown_as_written(variant.marker, site)
    if built.checked_root is not None and built.checked_root != root:
        complaints.append(f"the build checked {built.checked_root}, not this variant's {root}")
    return complaints


def _agreement(problems: list[Problem], built: Built) -> list[str]:
    """The check's verdict is the build's: errors (or warnings, when strict) fail it."""
    should_fail = bool(errors(problems)) or (built.strict and bool(warnings(problems)))
    if built.failed == should_fail:
        return []
    if built.failed:
        return [f"the build failed but `helpcenter check` found no error: {built.message}"]
    listed = "\n  ".join(map(str, problems))
    return [f"the build passed but `helpcenter check` found:\n  {listed}"]


def _located(variant: Variant, root: Path, found: list[Problem]) -> list[str]:
    """An error in the variant's file, at the line of its defect."""
    if not found:
        return ["no error reported"]
    file = os.path.normpath(root / variant.file)
    in_file = [p for p in found if os.path.normpath(p.file) == file]
    lines = set(variant.lines)
    if variant.parent is not None:  # the key is gone: the check points at its parent
        document = read_document(root / variant.file, variant.file)
        lines = {document.locate(variant.parent).line}
    if in_file and (not lines or any(p.line in lines for p in in_file)):
        return []
    listed = "\n  ".join(map(str, found))
    where = f"{variant.file} at line {' or '.join(map(str, sorted(lines)))}"
    return [f"expected an error in {where}; found:\n  {listed}"]


def _shown_as_written(marker: str, site: Path) -> list[str]:
    """The placeholder in a value reaches the pages as text, not filled in again."""
    text = page_texts(site)
    shown = text.count(marker)
    seen = text.count(marker.split(" ", 1)[0] + " ")  # its first word, however it came out
    if shown == 0:
        return [f"{marker!r} is on no built page ({seen} copies came out changed)"]
    if seen != shown:
        return [f"{seen - shown} of {seen} copies of {marker!r} were changed (filled in again?)"]
    return []


def _cli(root: Path, expect_error: bool) -> list[str]:
    run = run_cli(root)
    output = run.stdout + run.stderr
    complaints = []
    if "Traceback" in output:
        complaints.append(f"`helpcenter check` printed a traceback:\n{output[-1500:]}")
    if run.returncode != (1 if expect_error else 0):
        complaints.append(f"`helpcenter check` exited {run.returncode}:\n{output[-1500:]}")
    return complaints
