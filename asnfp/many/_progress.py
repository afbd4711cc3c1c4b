"""Progress of a batch: a live bar on a terminal, one plain line per pool otherwise."""

from __future__ import annotations

import time
from typing import Literal, Protocol, TextIO, TypeAlias

from asnfp.many._summary import PoolRow

__all__ = ("Bar", "Lines", "ProgressMode", "Quiet", "Reporter", "reporter")

ProgressMode: TypeAlias = Literal["auto", "bar", "lines", "none"]
"""``auto``: a bar when the stream is a terminal, lines otherwise."""

_BAR_WIDTH = 24
_REDRAW_S = 0.1


class Reporter(Protocol):
    """Receives the batch's events in order: ``start``, ``update`` per pool, ``finish``."""

    def start(self, total: int, rows: tuple[PoolRow, ...]) -> None:
        """The batch has ``total`` pools; ``rows`` are those settled before any task ran."""

    def update(self, row: PoolRow) -> None:
        """A pool has finished."""

    def tick(self) -> None:
        """Time has passed without a pool finishing."""

    def finish(self) -> None:
        """Every pool has finished; called once, later calls do nothing."""


class _Counts:
    """Pools done, associations written and errors so far."""

    def __init__(self) -> None:
        self.total = 0
        self.done = 0
        self.associations = 0
        self.errors = 0
        self.started = time.monotonic()

    def add(self, row: PoolRow) -> None:
        self.done += 1
        self.associations += row.associations if row.status != "skipped" else 0
        self.errors += row.status == "failed"


class Quiet:
    """Reports nothing."""

    def start(self, total: int, rows: tuple[PoolRow, ...]) -> None:
        """Nothing."""

    def update(self, row: PoolRow) -> None:
        """Nothing."""

    def tick(self) -> None:
        """Nothing."""

    def finish(self) -> None:
        """Nothing."""


class Lines:
    """One line per pool, for logs: ``[done/total] pool status: detail``."""

    def __init__(self, stream: TextIO) -> None:
        self.stream = stream
        self.counts = _Counts()

    def start(self, total: int, rows: tuple[PoolRow, ...]) -> None:
        """Say how many pools there are, and report the settled ones."""
        self.counts.total = total
        print(f"asnfp: {total} pools", file=self.stream, flush=True)
        for row in rows:
            self.update(row)

    def update(self, row: PoolRow) -> None:
        """One line for the pool."""
        self.counts.add(row)
        if row.status == "failed":
            detail = str(row.reason)
        else:
            detail = f"{row.associations} associations, {row.orphans} orphans ({row.seconds} s)"
        print(
            f"asnfp: [{self.counts.done}/{self.counts.total}] {row.pool} {row.status}: {detail}",
            file=self.stream,
            flush=True,
        )

    def tick(self) -> None:
        """Nothing: lines are written per pool."""

    def finish(self) -> None:
        """Nothing more: the summary follows."""


class Bar:
    """A bar redrawn in place: pools done, associations written, errors, elapsed time."""

    def __init__(self, stream: TextIO) -> None:
        self.stream = stream
        self.counts = _Counts()
        self.drawn = 0.0
        self.finished = False

    def start(self, total: int, rows: tuple[PoolRow, ...]) -> None:
        """Draw the bar with the settled pools counted."""
        self.counts.total = total
        for row in rows:
            self.counts.add(row)
        self._draw(force=True)

    def update(self, row: PoolRow) -> None:
        """Count the pool; redraw at most every 0.1 s."""
        self.counts.add(row)
        self._draw(force=self.counts.done == self.counts.total)

    def tick(self) -> None:
        """Redraw for the elapsed time, at most once a second."""
        if time.monotonic() - self.drawn >= 1.0:
            self._draw(force=True)

    def finish(self) -> None:
        """Draw the final state and end the line, once."""
        if self.finished:
            return
        self.finished = True
        self._draw(force=True)
        print(file=self.stream, flush=True)

    def line(self) -> str:
        """The bar's text."""
        c = self.counts
        filled = _BAR_WIDTH * c.done // c.total if c.total else _BAR_WIDTH
        bar = "#" * filled + "." * (_BAR_WIDTH - filled)
        errors = f"{c.errors} error" + ("" if c.errors == 1 else "s")
        elapsed = time.monotonic() - c.started
        return (
            f"[{bar}] {c.done}/{c.total} pools, {c.associations} associations, "
            f"{errors}, {elapsed:.0f} s"
        )

    def _draw(self, force: bool) -> None:
        now = time.monotonic()
        if not force and now - self.drawn < _REDRAW_S:
            return
        self.drawn = now
        self.stream.write("\r\x1b[2K" + self.line())
        self.stream.flush()


def reporter(mode: ProgressMode, stream: TextIO) -> Reporter:
    """The reporter for ``mode`` writing to ``stream``."""
    match mode:
        case "none":
            return Quiet()
        case "lines":
            return Lines(stream)
        case "bar":
            return Bar(stream)
        case "auto":
            return Bar(stream) if stream.isatty() else Lines(stream)
