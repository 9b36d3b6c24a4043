"""``helpcenter`` run as a user runs it: a new process, this Python, its own output."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Mapping
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def helpcenter(
    *args: str | Path, cwd: Path = ROOT, env: Mapping[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    """``env``: the whole environment, as subprocess takes it (None: this one's)."""
    return subprocess.run(
        [sys.executable, "-m", "helpcenter.cli", *map(str, args)],
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=120,  # a safety net for a broken command, not a measurement
        check=False,
        env=env,
    )
