"""What replays read: pool rows as Row objects, and rules compiled per kind of run."""

from __future__ import annotations

import dataclasses
import functools
from collections.abc import Sequence

import polars as pl

from asnfp._core.building import Building
from asnfp._core.compiled import CompiledRule, PinnedForms, compile_rule
from asnfp._core.facts import AMI, CORON, EXPOSURE, SCIENCE_POINTING, TSO
from asnfp._core.predicates import PREDICATES, predicate_column
from asnfp._core.row import Row
from asnfp._core.runs import Run
from asnfp.constraints import Attr, Check, attr
from asnfp.rules.rule import Rule

IN_RUN = Check(kind="constant", name="asn_candidate")
"""A candidate run's own condition: every row of its sub-pool carries the candidate."""

POOLED = attr("asn_candidate", "asn_candidate", evaluate=True, is_acid=True)
"""A per-pool run's condition: the first item fixes the candidate the association is for."""

_CONDITIONS: dict[str, Attr | Check | None] = {
    "discovery": None, "candidate": IN_RUN, "pooled": POOLED,
}


class RowTable:
    """Row objects per (run, pool index), built on first use."""

    def __init__(self, frame: pl.DataFrame, runs: Sequence[Run]) -> None:
        facts = frame.select(EXPOSURE, SCIENCE_POINTING, CORON, AMI, TSO).rows()
        self._facts = facts
        names = list(PREDICATES)
        flags = frame.select(predicate_column(n) for n in names).rows()
        self._predicates = _holding(names, flags)
        pool_columns = [c for c in frame.columns if not c.startswith("_")]
        self._values = RowDicts(frame.select(pool_columns))
        self._runs = {run.order: run for run in runs}
        self._made: dict[tuple[int, int], Row] = {}

    def raw(self, idx: int) -> Row:
        """The row with its own ``asn_candidate`` text (as the discovery pass sees it)."""
        return self._made.get((-1, idx)) or self._make(-1, idx, None)

    def get(self, run_order: int, idx: int) -> Row:
        """The row as run ``run_order`` sees it."""
        return self._made.get((run_order, idx)) or self._make(
            run_order, idx, self._runs[run_order].cell
        )

    def _make(self, run_order: int, idx: int, cell: str | None) -> Row:
        values = self._values[idx]
        exposure, pointing, coron, ami, tso = self._facts[idx]
        made = self._made[(run_order, idx)] = Row(
            idx, values, values["asn_candidate"] if cell is None else cell,
            exposure, pointing, coron, ami, tso, self._predicates[idx], run_order,
        )
        return made


def _holding(
    names: list[str], flags: list[tuple[bool | None, ...]]
) -> list[frozenset[str]]:
    """Per row, the names whose flag is true; one set object per combination of flags."""
    sets: dict[tuple[bool | None, ...], frozenset[str]] = {}
    result = []
    for row in flags:
        found = sets.get(row)
        if found is None:
            found = sets[row] = frozenset(n for n, flag in zip(names, row, strict=True) if flag)
        result.append(found)
    return result


class RowDicts:
    """``frame.to_dicts()``, each dict made when first asked for, with one string
    object per distinct value of a column.

    Pools repeat most values (instrument, filter, program, ...); sharing them keeps the
    rows of a large pool several hundred megabytes smaller, and rows no rule reads are
    never made.
    """

    def __init__(self, frame: pl.DataFrame) -> None:
        self._names = frame.columns
        # Each column's cells, every repeat of a value replaced by its first object (the
        # lookups run in C; a Polars pass for the distinct values costs more on small pools).
        self._columns: list[list[str | None]] = []
        for series in frame.iter_columns():
            first: dict[str | None, str | None] = {}
            cells = series.to_list()
            self._columns.append(list(map(first.setdefault, cells, cells)))
        self._made: list[dict[str, str] | None] = [None] * frame.height

    def __len__(self) -> int:
        return len(self._made)

    def __getitem__(self, idx: int) -> dict[str, str]:
        found = self._made[idx]
        if found is None:
            found = self._made[idx] = {
                name: column[idx]  # type: ignore[misc]
                for name, column in zip(self._names, self._columns, strict=True)
            }
        return found


class CompiledKinds:
    """A rule compiled for each kind of run, on first use."""

    def __init__(self, rule: Rule, order: int) -> None:
        self._rule = rule
        self._order = order
        self._made: dict[str, CompiledRule] = {}

    def get(self, kind: str) -> CompiledRule:
        found = self._made.get(kind)
        if found is None:
            condition = _CONDITIONS[kind]
            try:
                compiled = _compiled(self._rule, self._order, condition)
            except TypeError:  # a rule holding an unhashable value: compile it here
                compiled = compile_rule(self._rule, self._order, condition)
            # The offer caches are per generation; the compiled tree is shared.
            found = self._made[kind] = dataclasses.replace(
                compiled, outcomes={}, states={}, pinned_forms=PinnedForms()
            )
        return found


@functools.lru_cache(maxsize=1024)
def _compiled(rule: Rule, order: int, condition: Attr | Check | None) -> CompiledRule:
    """A rule's compiled tree: it depends on the rule alone, so it is made once."""
    return compile_rule(rule, order, condition)


class Expansion:
    """Per-pool algorithm: which rows a rule expands into one item per candidate.

    A row is expanded when it satisfies the rule's conditions (all but the candidate
    one) for a new association, evaluated with its own candidate text.
    """

    def __init__(self, compiled: CompiledKinds, rows: RowTable) -> None:
        self._compiled = compiled
        self._rows = rows
        self._known: dict[int, bool] = {}

    def __call__(self, idx: int) -> bool:
        found = self._known.get(idx)
        if found is None:
            fresh = Building(self._compiled.get("discovery"), idx, "discovered")
            found = self._known[idx] = fresh.offer(self._rows.raw(idx))[0]
        return found

    def first(self) -> int:
        """The pool index of the first row expanded (the rule's list comes in that order)."""
        expanded = [idx for idx, yes in self._known.items() if yes]
        return min(expanded) if expanded else 0
