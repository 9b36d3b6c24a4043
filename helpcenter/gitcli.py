"""git's answer to one question about a folder, or None: git missing, the folder
not in a repository, or git taking too long. Callers treat None as "not known"."""

from __future__ import annotations

import subprocess
from pathlib import Path

# A local repository answers in well under a second (a long history's log in
# seconds); a hung git (a network filesystem, a lock) must not hold a build.
GIT_TIMEOUT_S = 60


def git_output(where: Path, *arguments: str) -> str | None:
    """What ``git -C where ARGUMENTS`` printed, if it succeeded in time; else None."""
    try:
        done = subprocess.run(
            ["git", "-C", str(where), *arguments],
            capture_output=True,
            text=True,
            timeout=GIT_TIMEOUT_S,
            check=False,
        )
    except (OSError, subprocess.TimeoutExpired):
        return None
    return done.stdout if done.returncode == 0 else None
