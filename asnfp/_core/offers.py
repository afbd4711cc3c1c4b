"""Which (run, row) pairs are offered to a rule at all."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TypeGuard

import polars as pl

from asnfp._core.build import invalid_for
from asnfp._core.compiled import anchored
from asnfp._core.runs import RUN, Run
from asnfp._core.tables import EMPTY_VALUES
from asnfp.constraints import Attr, Group
from asnfp.rules.rule import Rule

CELL = "_cell"
"""The row's own ``asn_candidate`` text, beside each (run, row) pair."""


def offered(
    order: int, rule: Rule, runs: Sequence[Run], cells: list[str], skipped: Sequence[int] = ()
) -> pl.Expr:
    """The (run, row) pairs offered to ``rule``: admitted rows, less those whose candidate
    text fails a condition every row must meet (the run's text, or in the discovery pass
    the row's own).

    Such a condition reads nothing else, and a refused offer changes nothing (stateful
    rules, whose offers do, are left alone), so leaving these rows out changes no result.
    The runs in ``skipped`` are left out whole.
    """
    admitted = pl.col(f"_join{order}")
    if skipped:
        admitted = admitted & ~pl.col(RUN).is_in(list(skipped))
    tree = rule.tree
    if rule.stateful or not isinstance(tree, Group) or tree.reduce != "all":
        return admitted
    tests = [
        anchored(leaf.pattern)
        for leaf in tree.children
        if _reads_only_candidate(leaf) and leaf.pattern is not None
    ]
    if not tests:
        return admitted
    refused = [
        run.order
        for run in runs
        if run.cell is not None and not run.pooled and any(not t.match(run.cell) for t in tests)
    ]
    discovery = [run.order for run in runs if run.discovery]
    failing = [c for c in cells if c not in EMPTY_VALUES and any(not t.match(c) for t in tests)]
    found = pl.col(RUN).is_in(discovery) & pl.col(CELL).is_in(failing)
    return admitted & ~pl.col(RUN).is_in(refused) & ~found.fill_null(False)


def _reads_only_candidate(node: object) -> TypeGuard[Attr]:
    """A plain required pattern on the candidate text: it fails with no side effect."""
    return (
        isinstance(node, Attr)
        and node.sources == ("asn_candidate",)
        and node.pattern is not None
        and node.required
        and not (node.undefined or node.evaluate or node.track_matched)
        and node.onlyif is None
        and node.pattern_from is None
        and node.excluding is None
        and node.reprocess is None
    )


def skipped_runs(
    rule: Rule,
    runs: Sequence[Run],
    frame: pl.DataFrame,
    *,
    keep_invalid: bool,
    may_reject: bool | None = None,
) -> list[int]:
    """Runs not replayed for ``rule``: finalize would drop every association it made there,
    for the candidate type alone.

    With ``keep_invalid`` (those associations still take sequence numbers) only the
    discovery pass of rules limited to observation and background candidates, whose
    discovered associations never count. Never when the rule's finalize step may reject
    this pool's values: it must see them (``may_reject``, when known, is
    ``rule.finalize_may_reject(frame)``). Per-pool runs are kept: they are replayed
    together, and a file taken in one of them is held in the others.
    """
    if may_reject is None:
        may_reject = rule.finalize_may_reject is not None and rule.finalize_may_reject(frame)
    if may_reject:
        return []
    limited = "allowed_candidates" in rule.validity
    # Pools have hundreds of runs but a handful of candidate types.
    invalid = {t: invalid_for(rule, t) for t in {run.acid.type for run in runs}}
    return [
        run.order
        for run in runs
        if not run.pooled
        and invalid[run.acid.type]
        and (not keep_invalid or (run.discovery and limited))
    ]
