"""Fixes: cell values that make a rule start an association with a row, checked by offering.

Setting the wanted value of a failing condition can make another condition fail (a row
predicate reads the changed cell, say), so a fix is checked by walking the edited row
again, and extended with the wanted values of conditions that then fail, a few times.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping

import polars as pl

from asnfp._core.facts import AMI, CORON, EXPOSURE, SCIENCE_POINTING, TSO, with_facts
from asnfp._core.predicates import PREDICATES, predicate_column
from asnfp._core.row import Row
from asnfp.explain.model import Failing
from asnfp.explain.walk import Walk

__all__ = ("edited_row", "find_fix")

_ROUNDS = 4


def edited_row(row: Row, cells: Mapping[str, str]) -> Row:
    """``row`` with ``cells`` set, its facts and predicates worked out again."""
    values = {**row.values, **cells}
    frame = with_facts(pl.DataFrame({k: [v] for k, v in values.items()},
                                    schema=dict.fromkeys(values, pl.String)))
    exposure, pointing, coron, ami, tso = frame.select(
        EXPOSURE, SCIENCE_POINTING, CORON, AMI, TSO
    ).row(0)
    names = list(PREDICATES)
    flags = frame.select(predicate_column(n) for n in names).row(0)
    predicates = frozenset(n for n, flag in zip(names, flags, strict=True) if flag)
    candidate = cells.get("asn_candidate", row.candidate)
    return Row(row.idx, values, candidate, exposure, pointing, coron, ami, tso, predicates,
               row.run)


def _cells(failures: tuple[Failing, ...]) -> dict[str, str] | None:
    """The wanted values of ``failures``, or None when one has none (or two disagree)."""
    found: dict[str, str] = {}
    for failure in failures:
        if not failure.row_only or failure.fix is None:
            return None
        for column, value in failure.fix.items():
            if found.setdefault(column, value) != value:
                return None
    return found


Edit = Callable[[Row, Mapping[str, str]], Row]


def find_fix(
    row: Row,
    failures: tuple[Failing, ...],
    walk: Callable[[Row], Walk],
    edit: Edit = edited_row,
) -> tuple[dict[str, str] | None, tuple[Failing, ...]]:
    """Checked cells that let ``walk`` start an association, or None and what still fails.

    ``edit`` makes the edited row (``edited_row``, or a caching stand-in).
    """
    fix = _cells(failures)
    if fix is None:
        return None, ()
    for _ in range(_ROUNDS):
        walked = walk(edit(row, fix))
        if walked.starts:
            return fix, ()
        more = _cells(walked.failures)
        if more is None or any(fix.get(c, v) != v for c, v in more.items()):
            return None, walked.failures
        fix = {**fix, **more}
    return None, walk(edit(row, fix)).failures
