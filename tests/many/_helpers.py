"""Helpers of the ``generate-many`` tests."""

from __future__ import annotations

import os
import shutil
import signal
import time
from pathlib import Path

from asnfp.cli import main

POOLS = Path(__file__).resolve().parents[1] / "corpus" / "pools"
SMALL = ("pool_021_tso", "synth_tahaz", "synth_wild")
"""Quick corpus pools."""


def folder_files(folder: Path) -> dict[str, bytes]:
    """Every file of a folder and its bytes; empty when the folder does not exist."""
    if not folder.is_dir():
        return {}
    return {path.name: path.read_bytes() for path in sorted(folder.iterdir()) if path.is_file()}


def serial(pool: Path, folder: Path, *options: str) -> int:
    """``asnfp generate POOL -p FOLDER`` into a new folder; the exit status."""
    folder.mkdir(parents=True)
    return main(["generate", str(pool), "-p", str(folder), *options])


def copy_pools(names: tuple[str, ...], folder: Path) -> Path:
    """Copies of corpus pools in ``folder``."""
    folder.mkdir(parents=True, exist_ok=True)
    for name in names:
        shutil.copy(POOLS / f"{name}.csv", folder / f"{name}.csv")
    return folder


def kill_when_started(gate: Path, name: str, timeout: float = 300.0) -> int:
    """Wait until the task of pool ``name`` is held, kill its worker process, release it.

    Returns the process id killed.
    """
    deadline = time.monotonic() + timeout
    while not (started := sorted(gate.glob(f"{name}.*.started"))):
        if time.monotonic() > deadline:
            raise TimeoutError(f"the task of {name} never reached the gate")
        time.sleep(0.02)
    pid = int(started[0].name[len(name) + 1 :].split(".")[0])
    os.kill(pid, signal.SIGKILL)
    (gate / f"{name}.release").touch()
    return pid
