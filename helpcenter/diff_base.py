"""The store ``helpcenter diff`` compares with: a folder, or the project at a git ref.

A git ref is read with ``git show`` and ``git archive`` into a temporary folder
(mkdocs.yml, then the policy and pages folders it names), so the working tree is
never touched: a reviewer's uncommitted edits stay where they are.
"""

from __future__ import annotations

import io
import subprocess
import tarfile
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from helpcenter.pipeline import Project, project_at

# Git answers in well under a second; a minute means something waits for input.
_GIT_TIMEOUT_SECONDS = 60


class BaseUnreadable(Exception):
    """BASE is neither a store folder nor a git ref of the project; the message says which."""


@contextmanager
def base_project(base: str, project: Project) -> Iterator[tuple[Project, str]]:
    """The store at ``base`` and the prefix its problems' file names carry (the
    temporary folder a ref was read into, "" for a folder), for as long as needed."""
    if not base.strip():  # Path("") is the working folder: it would compare with itself
        raise BaseUnreadable(
            "BASE is empty: expected a folder or a git ref, like origin/main (in CI, check "
            "that the variable naming it is set)."
        )
    folder = Path(base)
    if folder.is_dir():
        yield project_at(folder), ""
        return
    with tempfile.TemporaryDirectory(prefix="helpcenter-diff-") as temporary:
        root = Path(temporary)
        read_ref(base, project.root, root)
        yield project_at(root), f"{root}/"


def read_ref(ref: str, project_root: Path, into: Path) -> None:
    """Write the project's mkdocs.yml, policy and pages folders as they are at ``ref``."""
    if ref.startswith("-"):  # would read as an option of git's
        raise BaseUnreadable(f"Expected a folder or a git ref as BASE but received {ref!r}.")
    inside = _git(project_root, "rev-parse", "--show-prefix").strip()
    # From the top: git archive run in a folder of the repository reads only that folder.
    top = Path(_git(project_root, "rev-parse", "--show-toplevel").strip())
    found = _git(top, "rev-parse", "--verify", "--quiet", f"{ref}^{{commit}}", check=False)
    if not found:
        raise BaseUnreadable(
            f"Expected a folder or a git ref as BASE but received {ref!r}: there is no such "
            "folder, and git knows no such commit (fetch it first, with fetch-depth: 0 in CI)."
        )
    commit = found.strip()
    config = _blob(top, f"{commit}:{inside}mkdocs.yml")
    if config is not None:
        (into / "mkdocs.yml").write_bytes(config)
    layout = project_at(into)  # the folders BASE's own mkdocs.yml names
    for folder in (layout.policy_dir, layout.docs_dir):
        name = folder.relative_to(into).as_posix()
        archive = _archive(top, f"{commit}:{inside}{name}")
        if archive is not None:
            folder.mkdir(parents=True, exist_ok=True)
            with tarfile.open(fileobj=io.BytesIO(archive)) as tar:
                # "data": no links out of the folder, no devices, no absolute paths.
                tar.extractall(folder, filter="data")


def _git(root: Path, *args: str, check: bool = True) -> str:
    done = _run(root, args)
    if check and done.returncode != 0:
        raise BaseUnreadable(
            f"Expected {root} to be in a git repository to read BASE from, but git says: "
            f"{done.stderr.decode(errors='replace').strip()}"
        )
    return done.stdout.decode() if done.returncode == 0 else ""


def _blob(root: Path, spec: str) -> bytes | None:
    done = _run(root, ("cat-file", "blob", spec))
    return done.stdout if done.returncode == 0 else None


def _archive(root: Path, tree: str) -> bytes | None:
    """The tree at ``tree`` as a tar archive, or None where BASE has no such folder."""
    if _run(root, ("cat-file", "-e", tree)).returncode != 0:
        return None
    done = _run(root, ("archive", "--format=tar", tree))
    if done.returncode != 0:
        raise BaseUnreadable(f"git could not read {tree}: {done.stderr.decode().strip()}")
    return done.stdout


def _run(root: Path, args: tuple[str, ...]) -> subprocess.CompletedProcess[bytes]:
    try:
        return subprocess.run(
            ["git", "-C", str(root), *args],
            capture_output=True,
            timeout=_GIT_TIMEOUT_SECONDS,
            check=False,
        )
    except (OSError, subprocess.TimeoutExpired) as error:
        raise BaseUnreadable(f"Could not run git to read BASE: {error}.") from None
