"""Writing the pool rows that no association took."""

from __future__ import annotations

import os
from collections.abc import Sequence
from pathlib import Path

import polars as pl

from asnfp.io import write_atomic


def orphan_table(frame: pl.DataFrame, orphans: Sequence[int], delimiter: str = "|") -> str:
    """The orphaned rows as a pool table: a header line, then one line per row."""
    rows = frame[list(orphans)] if orphans else frame.clear()
    lines = [delimiter.join(frame.columns)]
    lines.extend(delimiter.join(_quote(v, delimiter) for v in row) for row in rows.iter_rows())
    return "\n".join(lines) + "\n"


def _quote(value: object, delimiter: str) -> str:
    text = "" if value is None else str(value)
    if delimiter in text or '"' in text:
        return '"' + text.replace('"', '""') + '"'
    return text


def write_orphans(
    pool: str | os.PathLike[str],
    frame: pl.DataFrame,
    orphans: Sequence[int],
    destination: Path,
    *,
    delimiter: str = "|",
) -> str | None:
    """Write the orphan table atomically; the error message, or None on success."""
    del pool
    table = orphan_table(frame, orphans, delimiter)
    written = write_atomic(destination.parent, destination.name, table)
    failure = written.failure() if not isinstance(written.value_or(None), Path) else None
    return failure.describe() if failure is not None else None
