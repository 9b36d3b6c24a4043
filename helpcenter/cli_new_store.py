"""helpcenter new-store DIR: a new store that passes check and builds."""

from __future__ import annotations

import argparse


def add_command(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Registers the command on ``helpcenter``'s parser (not yet written)."""
