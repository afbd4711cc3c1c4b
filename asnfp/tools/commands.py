"""Sub-commands of ``asnfp`` other than ``generate``."""

from __future__ import annotations

import argparse


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add the tool sub-commands to the ``asnfp`` parser."""
    del sub


def run(args: argparse.Namespace) -> int | None:
    """Run the tool named by ``args.command``; None when it is not a tool command."""
    del args
    return None
