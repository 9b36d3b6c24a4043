"""Read an editor's text file (a policy file or a page) without trusting it.

Every way a file can be unreadable becomes a located sentence instead of a
traceback: a folder or a link where a file belongs, a file too large to be a
policy or a page, bytes that are not UTF-8 text, NUL and other control bytes.
"""

from __future__ import annotations

from pathlib import Path

from helpcenter.problems import Position, Problem

# A policy file or a page is a few kilobytes; a megabyte is far beyond any real
# one and small enough that a mistaken paste cannot blow up the site.
MAX_FILE_BYTES = 1_000_000


def read_text(path: Path, shown: str) -> tuple[str | None, list[Problem]]:
    """The file's text, or None with the problems that stop it being read."""
    at = Position(shown, 1, 1)
    if path.is_symlink() or not path.is_file():
        what = "a link" if path.is_symlink() else "a folder" if path.is_dir() else "nothing"
        return None, [Problem("not-a-file", at, f"Expected a plain text file but found {what}.")]
    try:
        raw = path.read_bytes()
    except OSError as error:
        return None, [Problem("not-a-file", at, f"The file cannot be read: {error.strerror}.")]
    if len(raw) > MAX_FILE_BYTES:
        return None, [
            Problem(
                "file-too-large",
                at,
                f"Expected a file of at most {MAX_FILE_BYTES:,} bytes but received "
                f"{len(raw):,} bytes.",
            )
        ]
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as error:
        line = raw[: error.start].count(b"\n") + 1
        column = error.start - (raw.rfind(b"\n", 0, error.start) + 1) + 1
        return None, [
            Problem(
                "file-encoding",
                Position(shown, line, column),
                "Expected UTF-8 text but received a byte that is not (save the file as UTF-8).",
            )
        ]
    return text, []
