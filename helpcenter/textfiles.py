"""Read an editor's text file (a policy file or a page) without trusting it.

Every way a file can be unreadable becomes one located sentence instead of a
traceback, a hang or a memory blow-up. Rule ids (stable: tools act on them,
never on the sentence):

- ``not-a-file``: a folder, a link (dangling or not), a pipe, socket or device
  where a file belongs, or a file the system refuses to open.
- ``file-too-large``: more than ``MAX_FILE_BYTES`` bytes.
- ``file-encoding``: bytes that are not UTF-8, at the line:col of the first one.
- ``control-character``: a character that is invisible or rearranges the text
  on screen (see ``_CONTROL``), at the line:col of the first one.
"""

from __future__ import annotations

import os
import re
import stat
import unicodedata
from pathlib import Path

from helpcenter.problems import Position, Problem

# A policy file or a page is a few kilobytes; a megabyte is far beyond any real
# one and small enough that a mistaken paste cannot blow up the site.
MAX_FILE_BYTES = 1_000_000

# Category Cc except tab, LF and CR; the line and paragraph separators (which
# PyYAML and browsers take as line breaks where editors draw none); the bidi
# embeddings, overrides and isolates that make text read differently from how it
# is stored ("Trojan Source"); and U+FFFE/U+FFFF, which PyYAML refuses with a
# traceback of its own. Together they cover every character PyYAML's reader
# refuses, so a policy file never reaches PyYAML with one.
_CONTROL = re.compile(
    r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069\ufffe\uffff]"
)

# Names for the control characters people actually paste; the rest are named by
# their category (Unicode gives the Cc characters no names of their own).
_NAMES = {
    "\x00": "a NUL byte",
    "\x08": "a backspace character",
    "\x0b": "a vertical tab",
    "\x0c": "a form feed",
    "\x1b": "an escape character",
    "\x7f": "a delete character",
    "\x85": "a next-line character",
    "\u2028": "a line separator",
    "\u2029": "a paragraph separator",
}

# Where the system has them: never follow a link the check below let through
# (a race), and never wait on a pipe that replaced the file in the meantime.
_OPEN_FLAGS = os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0)


def read_text(path: Path, shown: str) -> tuple[str | None, list[Problem]]:
    """The file's text, or None with the one problem that stops it being read."""
    at = Position(shown, 1, 1)
    found = _what_is_there(path)
    if found is not None:
        return None, [Problem("not-a-file", at, f"Expected a plain text file but found {found}.")]
    try:
        raw, size = _read_at_most(path, MAX_FILE_BYTES + 1)
    except _NotRegular as error:
        return None, [Problem("not-a-file", at, f"Expected a plain text file but found {error}.")]
    except OSError as error:
        reason = error.strerror or type(error).__name__
        return None, [Problem("not-a-file", at, f"The file cannot be read: {reason}.")]
    if size > MAX_FILE_BYTES:
        return None, [
            Problem(
                "file-too-large",
                at,
                f"Expected a file of at most {MAX_FILE_BYTES:,} bytes but received {size:,} bytes.",
            )
        ]
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as error:
        # Everything before the bad byte is UTF-8, so it is counted in characters
        # (as PyYAML and editors count columns), not in bytes.
        before = raw[: error.start].decode("utf-8")
        line, column = _line_column(before, len(before))
        return None, [
            Problem(
                "file-encoding",
                Position(shown, line, column),
                f"Expected UTF-8 text but received the byte 0x{raw[error.start]:02X}, which is "
                "not UTF-8 here (save the file as UTF-8).",
            )
        ]
    control = _CONTROL.search(text)
    if control is not None:
        line, column = _line_column(text, control.start())
        return None, [
            Problem(
                "control-character",
                Position(shown, line, column),
                f"Expected text without control characters but received "
                f"{_describe(control.group())}; delete it (most editors do not show it).",
            )
        ]
    return text, []


class _NotRegular(Exception):
    """What was opened turned out not to be a regular file; its words say what it is."""


def _what_is_there(path: Path) -> str | None:
    """None for a regular file, else what is there instead, in words."""
    try:
        # lstat: a link is judged as itself, never followed. The build publishes
        # what the project holds; a link could pull in any file on the machine
        # (or /dev/zero), so it is refused rather than followed.
        mode = path.lstat().st_mode
    except FileNotFoundError:
        return "nothing (the file is missing)"
    except OSError:
        return None  # opening it says why, below
    if stat.S_ISLNK(mode):
        if not path.exists():  # False for a dangling link and for a loop of links
            return "a link that points to nothing"
        return "a link to a folder" if path.is_dir() else "a link to another file"
    return _kind(mode)


def _kind(mode: int) -> str | None:
    if stat.S_ISREG(mode):
        return None
    if stat.S_ISDIR(mode):
        return "a folder"
    return "a special file (a pipe, socket or device)"


def _read_at_most(path: Path, limit: int) -> tuple[bytes, int]:
    """At most ``limit`` bytes, and the file's size: a huge file is never read whole."""
    fd = os.open(path, _OPEN_FLAGS)
    with os.fdopen(fd, "rb") as file:
        info = os.fstat(file.fileno())
        kind = _kind(info.st_mode)
        if kind is not None:
            raise _NotRegular(kind)
        raw = file.read(limit)
    # A file growing while it is read can hold more than stat said.
    return raw, max(info.st_size, len(raw))


def _line_column(text: str, index: int) -> tuple[int, int]:
    """1-based line and column of ``text[index]``, lines ending at LF, CRLF or CR as in YAML.

    Not ``str.splitlines``: it also breaks at form feeds and other control
    characters, which are exactly what is being located.
    """
    before = text[:index]
    line = before.count("\n") + before.count("\r") - before.count("\r\n") + 1
    start = max(before.rfind("\n"), before.rfind("\r")) + 1
    return line, index - start + 1


def _describe(char: str) -> str:
    """'a NUL byte (U+0000)': the character in words, with its code point."""
    code = f"U+{ord(char):04X}"
    if char in _NAMES:
        return f"{_NAMES[char]} ({code})"
    if char in "\ufffe\uffff":
        return f"a noncharacter ({code})"
    name = unicodedata.name(char, "")
    if name:  # the bidi controls: "right-to-left override"
        return f"an invisible text-direction control, {name.lower()} ({code})"
    return f"a control character ({code})"
