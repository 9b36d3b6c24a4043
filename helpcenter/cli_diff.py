"""helpcenter diff BASE: what a policy change means for customers."""

from __future__ import annotations

import argparse


def add_command(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Registers the command on ``helpcenter``'s parser (not yet written)."""
