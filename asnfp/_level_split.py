"""Generate a pool's two association levels in two processes (``asnfp generate -j 2``).

After the pool is read the levels share nothing: each has its own rules, finalize steps,
pruning and sequence numbers. So a forked child generates Level 3 while this process
generates Level 2. Neither writes a file until both have generated without error, so a
failure in either leaves no files from the other.

The fork happens before Polars is imported: a process forked after Polars started its
thread pool would wait forever for workers the child does not have.
"""

from __future__ import annotations

import contextlib
import os
import sys
import traceback
from collections.abc import Callable
from typing import BinaryIO

import msgspec

__all__ = ("Partner", "Report", "can_fork", "fork_partner")

MIN_POOL_BYTES = 256 * 1024
"""Pools smaller than this are generated in one process: the second process's start and
its own reading of the pool would cost about what it saves."""


class Report(msgspec.Struct, frozen=True):
    """What one process tells the other about its level."""

    ok: bool
    message: str = ""
    counts: dict[str, int] = {}
    orphans: tuple[int, ...] = ()


_GO, _STOP = b"g", b"s"


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


class Partner:
    """The other process of a split generation, seen from one side."""

    def __init__(self, reader: BinaryIO, writer: BinaryIO, child: int | None) -> None:
        self._reader = reader
        self._writer = writer
        self.child = child
        """The child's process id, seen from the parent; None in the child."""

    def send(self, report: Report) -> None:
        self._send(msgspec.json.encode(report))

    def receive(self) -> Report:
        """The partner's next report; a failed one if the partner died without one."""
        data = self._receive()
        if data is None:
            return Report(False, "the Level 3 process ended without a result")
        return msgspec.json.decode(data, type=Report)

    def allow(self, writing: bool) -> None:
        """Tell the child whether to write its files."""
        self._send(_GO if writing else _STOP)

    def allowed(self) -> bool:
        """In the child: wait for the parent's decision on writing."""
        return self._receive() == _GO

    def close(self) -> None:
        """Close both pipes and, in the parent, collect the child."""
        self._reader.close()
        self._writer.close()
        if self.child is not None:
            os.waitpid(self.child, 0)

    def _send(self, data: bytes) -> None:
        self._writer.write(len(data).to_bytes(8, "little") + data)
        self._writer.flush()

    def _receive(self) -> bytes | None:
        size = self._reader.read(8)
        if len(size) < 8:
            return None
        return self._reader.read(int.from_bytes(size, "little"))


def fork_partner(child_work: Callable[[Partner], int]) -> Partner:
    """Fork; the child runs ``child_work`` and exits with its status. Returns the parent's
    side. Call only when ``can_fork()``."""
    to_parent_r, to_parent_w = os.pipe()
    to_child_r, to_child_w = os.pipe()
    pid = os.fork()
    if pid == 0:  # pragma: no cover - runs in the child, measured through the parent
        os.close(to_parent_r)
        os.close(to_child_w)
        status = 1
        partner = Partner(os.fdopen(to_child_r, "rb"), os.fdopen(to_parent_w, "wb"), None)
        try:
            status = child_work(partner)
        except BaseException:
            with contextlib.suppress(BaseException):  # the parent reports a silent end
                partner.send(Report(False, traceback.format_exc()))
        finally:
            sys.stdout.flush()
            sys.stderr.flush()
            os._exit(status)
    os.close(to_parent_w)
    os.close(to_child_r)
    return Partner(os.fdopen(to_parent_r, "rb"), os.fdopen(to_child_w, "wb"), pid)
