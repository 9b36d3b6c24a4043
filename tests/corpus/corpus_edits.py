"""One variant of a store: the one change made to a copy of it, and what must then happen.

An Edit is plain data (which file, what to put there) so a variant prints
readably and can be applied to any copy of its store.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from corpus_yaml import KeyPath

STORES = ("root", "patch-and-pops")
ROOT = Path(__file__).resolve().parents[2]
STORE_DIRS = {"root": ROOT, "patch-and-pops": ROOT / "examples" / "patch-and-pops"}


@dataclass(frozen=True)
class Edit:
    """Write ``content`` to ``file`` (relative to the store), or, by ``how``, put
    something other than a file there: a folder, a link to nothing, or nothing."""

    file: str
    content: str | bytes = ""
    how: str = "write"  # write, folder, dangling-link, delete, none

    def apply(self, root: Path) -> None:
        target = root / self.file
        if self.how == "none":
            return
        if target.is_file() or target.is_symlink():
            target.unlink()
        target.parent.mkdir(parents=True, exist_ok=True)
        if self.how == "write":
            data = self.content.encode() if isinstance(self.content, str) else self.content
            target.write_bytes(data)
        elif self.how == "folder":
            target.mkdir()
            (target / "README.md").write_text("A folder where a file belongs.\n")
        elif self.how == "dangling-link":
            os.symlink(root / "nowhere" / target.name, target)
        elif self.how != "delete":
            raise ValueError(f"unknown edit {self.how!r}")


@dataclass(frozen=True)
class Variant:
    """A store with one defect, and where the check must report it."""

    store: str  # a key of STORE_DIRS
    file: str  # the changed file, relative to the store
    target: str  # the key path or what on the page
    defect: str  # the defect class
    family: str  # a group of classes (one CLI run per family)
    edit: Edit
    harmful: bool = True  # False: the store must still check and build
    # An error must be at one of these lines of ``file`` (empty: anywhere in it).
    lines: frozenset[int] = frozenset()
    # A missing key: the error is at this parent's line in the changed file.
    parent: KeyPath | None = None
    # Text that must reach the built pages as written (never filled in).
    marker: str | None = None
    cli: bool = False  # also run `helpcenter check` as a subprocess
    model_path: str = ""  # a policy field's place in the model, like shipping:methods.*.label

    @property
    def id(self) -> str:
        shown = self.file.removeprefix("policy/")
        return f"{self.store}/{shown}:{self.target}:{self.defect}"

    @property
    def source(self) -> Path:
        return STORE_DIRS[self.store]
