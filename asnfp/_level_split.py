"""Generate a pool's two association levels in two processes (``asnfp generate -j 2``).

After the pool is read the levels share nothing: each has its own rules, finalize steps,
pruning and sequence numbers. So a forked child generates Level 3 while this process
generates Level 2. Each process writes its own level's files into one staging folder,
opened before the fork (writing 100,000 files is a good part of a large pool's run, and
each process writes while the other may still be generating); the child sends back the
names it wrote, and the parent moves everything into place only when both levels have
generated and written without error: a failure in either leaves no files.

The fork happens before Polars is imported: a process forked after Polars started its
thread pool would wait forever for workers the child does not have.
"""

from __future__ import annotations

import os
import sys
import traceback
from collections.abc import Callable
from typing import BinaryIO

import msgspec

__all__ = ("Child", "Report", "can_fork", "fork_child", "usable_cpus")

MIN_POOL_BYTES = 1024 * 1024
"""Pools smaller than this are generated in one process: the second process's start-up
(imports, planning the rules) and its own reading of the pool cost about what it saves."""


class Report(msgspec.Struct, frozen=True):
    """The child's level: the names of the files it staged, or why there are none."""

    ok: bool
    message: str = ""
    written: list[str] = []
    counts: dict[str, int] = {}
    orphans: tuple[int, ...] = ()


def usable_cpus() -> int:
    """CPUs this process may run on."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # pragma: no cover - platforms without affinity
        return os.cpu_count() or 1


def can_fork() -> bool:
    """Forking is safe here: Polars is not loaded yet and no other thread runs."""
    if not hasattr(os, "fork") or "polars" in sys.modules:
        return False
    try:
        return len(os.listdir("/proc/self/task")) == 1
    except OSError:  # no /proc: cannot tell, so do not fork
        return False


class Child:
    """A forked child working on its level, seen from the parent."""

    def __init__(self, reader: BinaryIO, pid: int) -> None:
        self._reader = reader
        self._pid = pid

    def report(self) -> Report:
        """Wait for the child's report (a failed one if it ended without one)."""
        data = self._reader.read()
        self._reader.close()
        os.waitpid(self._pid, 0)
        if not data:
            return Report(False, "the Level 3 process ended without a result")
        return msgspec.msgpack.decode(data, type=Report)


def fork_child(work: Callable[[], Report]) -> Child:
    """Fork; the child sends what ``work`` returns and exits. Call only when ``can_fork()``."""
    reader, writer = os.pipe()
    pid = os.fork()
    if pid == 0:  # pragma: no cover - runs in the child, measured through the parent
        os.close(reader)
        status = 1
        try:
            report = work()
        except BaseException:
            report = Report(False, traceback.format_exc())
        try:
            with os.fdopen(writer, "wb") as pipe:
                pipe.write(msgspec.msgpack.encode(report))
            status = 0 if report.ok else 1
        finally:
            sys.stdout.flush()
            sys.stderr.flush()
            os._exit(status)
    os.close(writer)
    return Child(os.fdopen(reader, "rb"), pid)
