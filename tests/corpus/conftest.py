"""A copy of a store to change: the variant's edit applied to tests/conftest.py's copy_store.

The second store's mkdocs.yml takes its theme from ``../../overrides`` (the
main store's); the copy keeps that layout, so its build finds the theme the
same way the real one does.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from corpus_edits import ROOT, Variant


@pytest.fixture
def store_with(
    tmp_path: Path, copy_store: Callable[[Path, Path], Path]
) -> Callable[[Variant], Path]:
    """``store_with(variant)``: a fresh copy of the variant's store with its one defect."""

    def make(variant: Variant) -> Path:
        source = variant.source
        target = tmp_path / "store" / source.relative_to(ROOT)
        target.mkdir(parents=True)
        if source != ROOT:  # ../../overrides from examples/<store>
            (tmp_path / "store" / "overrides").symlink_to(ROOT / "overrides")
        copy_store(source, target)
        variant.edit.apply(target)
        return target

    return make
