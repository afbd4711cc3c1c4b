"""The pools of a batch: files given directly, and the files of given folders."""

from __future__ import annotations

import logging
import os
from collections.abc import Iterable
from pathlib import Path

from asnfp.many._summary import PoolRow

__all__ = ("collect_pools", "pool_name")

log = logging.getLogger("asnfp")


def pool_name(path: Path) -> str:
    """The name of a pool's output folder: its file name without the last suffix.

    Examples
    --------
    >>> pool_name(Path("/data/jw00632_20230101t000000_pool.csv"))
    'jw00632_20230101t000000_pool'
    """
    return path.stem


def _expand(inputs: Iterable[str | os.PathLike[str]], pattern: str) -> list[Path | PoolRow]:
    """Each file of the inputs, in order, or the row of an input that does not exist."""
    found: list[Path | PoolRow] = []
    for given in inputs:
        path = Path(given)
        if path.is_dir():
            matches = sorted(p for p in path.glob(pattern) if p.is_file())
            if not matches:
                log.warning("no pool matches %r in %s", pattern, path)
            found.extend(matches)
        elif path.exists():
            found.append(path)
        else:
            found.append(
                PoolRow(pool=pool_name(path), path=str(path), status="failed",
                        reason="no such file or folder")
            )
    return found


def collect_pools(
    inputs: Iterable[str | os.PathLike[str]], pattern: str = "*.csv"
) -> list[tuple[str, Path] | PoolRow]:
    """In input order, each pool to run as ``(name, absolute path)`` or the row of an input
    that cannot run.

    A folder stands for its files matching ``pattern`` (sorted; ``**/*.csv`` descends). A file
    given twice runs once. A pool whose name is taken by an earlier pool, or starts with a
    dot, cannot run: its row says why.
    """
    entries: list[tuple[str, Path] | PoolRow] = []
    by_name: dict[str, Path] = {}
    for item in _expand(inputs, pattern):
        if isinstance(item, PoolRow):
            entries.append(item)
            continue
        path = item.resolve()
        name = pool_name(path)
        if by_name.get(name) == path:
            continue
        reason = None
        if name.startswith(".") or not name:
            reason = f"pool name {name!r} would be a hidden folder; rename the file"
        elif name in by_name:
            reason = f"pool name {name!r} is already used by {by_name[name]}; rename one of them"
        if reason is not None:
            entries.append(PoolRow(pool=name, path=str(path), status="failed", reason=reason))
            continue
        by_name[name] = path
        entries.append((name, path))
    return entries
