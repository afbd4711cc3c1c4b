"""Writing the pool rows that no association took, each with the reason it is an orphan."""

from __future__ import annotations

import os
from collections.abc import Sequence
from pathlib import Path

import polars as pl

from asnfp.explain.api import reasons_for
from asnfp.io import write_atomic
from asnfp.options import Options
from asnfp.rules.registry import DEFAULT
from asnfp.rules.rule import Rule


def orphan_table(
    frame: pl.DataFrame,
    orphans: Sequence[int],
    delimiter: str = "|",
    reasons: Sequence[str] | None = None,
) -> str:
    """The orphaned rows as a pool table: a header line, then one line per row.

    With ``reasons`` (one per orphan), a last column ``reason`` holds them.
    """
    rows = frame[list(orphans)] if orphans else frame.clear()
    header = list(frame.columns) + (["reason"] if reasons is not None else [])
    lines = [delimiter.join(header)]
    for position, row in enumerate(rows.iter_rows()):
        cells = list(row) + ([reasons[position]] if reasons is not None else [])
        lines.append(delimiter.join(_quote(v, delimiter) for v in cells))
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
    reasons: Sequence[str] | None = None,
    rules: Sequence[Rule] | None = None,
    options: Options | None = None,
) -> str | None:
    """Write the orphan table atomically; the error message, or None on success.

    The ``reason`` column holds ``reasons`` when given; otherwise each orphan's reason
    is worked out from ``frame`` by generating again with ``rules`` (the default rules
    when None) and ``options`` (the default generation when None).
    """
    if reasons is None:
        reasons = reasons_for(
            frame, orphans, DEFAULT if rules is None else rules, options, name=os.fspath(pool)
        )
    table = orphan_table(frame, orphans, delimiter, reasons)
    written = write_atomic(destination.parent, destination.name, table)
    failure = written.failure() if not isinstance(written.value_or(None), Path) else None
    return failure.describe() if failure is not None else None
