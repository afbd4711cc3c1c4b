"""Explanations of pool rows: every rule's verdict, and the reason an orphan is one."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import msgspec
from returns.result import Failure, Result, Success

from asnfp._core import engine
from asnfp._core.compiled import CompiledRule, compile_rule
from asnfp._core.engine import Draft
from asnfp._core.facts import AMI, CORON, EXPOSURE, SCIENCE_POINTING, TSO
from asnfp._core.interpret import Test
from asnfp._core.predicates import PREDICATES, predicate_column
from asnfp._core.row import Row
from asnfp._core.runs import IDX, RUN, Run, run_rows
from asnfp.candidates import CANDIDATES
from asnfp.errors import PoolError
from asnfp.explain.fixing import edited_row, find_fix
from asnfp.explain.model import (
    Explanation,
    Failing,
    Fate,
    Kept,
    Membership,
    Removed,
    RowExplanation,
    RuleVerdict,
)
from asnfp.explain.pipeline import Traced, step_text, trace
from asnfp.explain.render import reason_text
from asnfp.explain.walk import Walk, walk_new
from asnfp.generator import PoolSource
from asnfp.options import Options
from asnfp.rules.rule import Rule

__all__ = ("closest", "explain_rows", "explain_source", "orphan_reasons")

Cells = Mapping[str, str]


def _run_label(run: Run) -> str:
    return "discovery" if run.discovery else run.acid.id


class _Context:
    """One traced generation, and what explanations of its rows share."""

    def __init__(self, traced: Traced, rules: Sequence[Rule]) -> None:
        self.traced = traced
        self.rules = tuple(rules)
        frame = traced.frame
        pool_columns = [c for c in frame.columns if not c.startswith("_")]
        self.values: list[dict[str, str]] = frame.select(pool_columns).to_dicts()
        self.facts = frame.select(EXPOSURE, SCIENCE_POINTING, CORON, AMI, TSO).rows()
        names = list(PREDICATES)
        flags = frame.select(predicate_column(n) for n in names).rows()
        self.predicates = [frozenset(n for n, f in zip(names, r, strict=True) if f) for r in flags]
        self.candidates: list[list[dict[str, str]]] = frame.get_column(CANDIDATES).to_list()
        pairs = run_rows(frame, traced.runs).select(RUN, IDX).rows()
        by_order = {run.order: run for run in traced.runs}
        self.row_runs: dict[int, list[Run]] = {}
        for order, idx in pairs:
            self.row_runs.setdefault(idx, []).append(by_order[order])
        self.taken: dict[str, list[tuple[Draft, int]]] = {}
        for draft in traced.drafts:
            for position, cells in enumerate(draft.state.rows):
                if cells is not None:
                    self.taken.setdefault(cells["filename"], []).append((draft, position))
        self._compiled: dict[tuple[int, str], CompiledRule] = {}
        self._tests: dict[tuple[int, str], dict[int, Test]] = {}
        self._edited: dict[tuple[int, int, tuple[tuple[str, str], ...]], Row] = {}

    def row(self, idx: int, run: Run | None) -> Row:
        """The row as ``run`` sees it (None: with its own candidate text)."""
        values = self.values[idx]
        exposure, pointing, coron, ami, tso = self.facts[idx]
        cell = run.cell if run is not None else None
        return Row(
            idx, values, values["asn_candidate"] if cell is None else cell,
            exposure, pointing, coron, ami, tso, self.predicates[idx],
            run.order if run is not None else -1,
        )

    def edited(self, row: Row, cells: Mapping[str, str]) -> Row:
        """``row`` with ``cells`` set (remembered: many rules want the same cells)."""
        key = (row.idx, row.run, tuple(sorted(cells.items())))
        found = self._edited.get(key)
        if found is None:
            found = self._edited[key] = edited_row(row, cells)
        return found

    def walk(self, order: int, run: Run | None, row: Row) -> Walk:
        """The condition walk of rule ``order`` for ``row`` in ``run`` (None: discovery)."""
        kind = "discovery" if run is None or run.discovery else "pooled" if run.pooled else "cand"
        key = (order, kind)
        compiled = self._compiled.get(key)
        if compiled is None:
            condition = engine.run_condition(run) if run is not None else None
            compiled = self._compiled[key] = compile_rule(self.rules[order], order, condition)
        acid = run.acid.type if run is not None else "discovered"
        return walk_new(compiled, row, acid, self._tests.setdefault(key, {}))


def _in_child(child: Draft, cells: Cells) -> str | None:
    """The row's member type in ``child``, or None when it is not a member."""
    members = child.asn.products[0].members if child.asn.products else ()
    for position, found in enumerate(child.state.rows):
        if found is not None and found == cells and position < len(members):
            return members[position].exptype
    return None


def _fates(ctx: _Context, draft: Draft, cells: Cells) -> tuple[Fate, ...]:
    fates: list[Fate] = []
    for child, fate in ctx.traced.fates.get(id(draft), ()):
        exptype = _in_child(child, cells)
        if exptype is None:
            fate = Removed(
                step="rule_finalize",
                why=f"{step_text(draft.rule)} left this exposure out of its members",
                by=fate.name if isinstance(fate, Kept) else None,
            )
        elif isinstance(fate, Kept):
            fate = msgspec.structs.replace(fate, exptype=exptype)
        if fate not in fates:
            fates.append(fate)
    return tuple(fates)


def _memberships(ctx: _Context, rule: Rule, idx: int) -> tuple[Membership, ...]:
    cells = ctx.values[idx]
    found: list[Membership] = []
    for draft, position in ctx.taken.get(cells["filename"], ()):
        if draft.rule is not rule or draft.state.rows[position] != cells:
            continue
        product = draft.asn.products[0]
        found.append(
            Membership(
                candidate=draft.run.acid.id,
                candidate_type=draft.run.acid.type,
                product=product.name,
                exptype=product.members[position].exptype,
                fates=_fates(ctx, draft, cells),
            )
        )
    return tuple(found)


def _not_selected(
    ctx: _Context, order: int, rule: Rule, idx: int, fixing: bool
) -> RuleVerdict:
    runs = ctx.row_runs.get(idx, [])
    skips = engine.skips_discovery(rule, ctx.traced.frame)
    offered = [r for r in runs if not (r.discovery and skips)]
    note: str | None
    if not offered:
        note = (
            "Level 2 rules of this kind skip the discovery pass, and the row is in no "
            "candidate run" if runs else "the row is in no run of this generation"
        )
        walked = ctx.walk(order, None, ctx.row(idx, None))
        return _missed(rule, walked, "discovery", note)
    best: tuple[Walk, Run] | None = None
    for run in offered:
        if run.pooled:
            walked = ctx.walk(order, None, ctx.row(idx, None))
            if walked.starts:
                walked = ctx.walk(order, run, ctx.row(idx, run))
        else:
            walked = ctx.walk(order, run, ctx.row(idx, run))
        if best is None or len(walked.failures) < len(best[0].failures):
            best = (walked, run)
    assert best is not None
    walked, run = best
    if fixing and walked.failures:
        row = ctx.row(idx, run)
        fix, unfixed = find_fix(
            row, walked.failures, lambda edited: ctx.walk(order, run, edited), ctx.edited
        )
        return _missed(rule, walked, _run_label(run), None, fix, unfixed)
    note = None
    if not walked.failures:
        note = "every condition holds for a new association, yet the rule took the row into none"
        if any(d.rule is rule for d, _ in ctx.taken.get(ctx.values[idx]["filename"], ())):
            note += " (another row with this file name was taken first)"
    return _missed(rule, walked, _run_label(run), note)


def _missed(
    rule: Rule,
    walked: Walk,
    run: str,
    note: str | None,
    fix: dict[str, str] | None = None,
    unfixed: tuple[Failing, ...] = (),
) -> RuleVerdict:
    return RuleVerdict(
        rule=rule.name, level=rule.level, asn_type=rule.asn_type, status="not_selected",
        failures=walked.failures, run=run, note=note, fix=fix, unfixed=unfixed,
    )


def _verdict(ctx: _Context, order: int, idx: int, fixing: bool) -> RuleVerdict:
    rule = ctx.rules[order]
    if not rule.creates:
        return RuleVerdict(
            rule=rule.name, level=rule.level, asn_type=rule.asn_type,
            status="creates_nothing", note=rule.doc,
        )
    memberships = _memberships(ctx, rule, idx)
    if memberships:
        return RuleVerdict(
            rule=rule.name, level=rule.level, asn_type=rule.asn_type, status="selected",
            memberships=memberships,
        )
    return _not_selected(ctx, order, rule, idx, fixing)


def closest(verdicts: Sequence[RuleVerdict]) -> RuleVerdict | None:
    """The rule closest to taking the row: fewest failing conditions, then registry order."""
    ranked = [v for v in verdicts if v.status != "creates_nothing"]
    if not ranked:
        return None
    return min(ranked, key=lambda v: 0 if v.status == "selected" else len(v.failures))


def _explain_row(
    ctx: _Context, idx: int, orphans: frozenset[int], *, fixing: bool = True
) -> RowExplanation:
    values = ctx.values[idx]
    verdicts = tuple(_verdict(ctx, order, idx, fixing) for order in range(len(ctx.rules)))
    orphan = idx in orphans
    nearest = closest(verdicts) if orphan else None
    return RowExplanation(
        index=idx,
        filename=values["filename"],
        exp_type=values.get("exp_type"),
        exposure=ctx.facts[idx][0],
        candidates=tuple((c["id"], c["type"]) for c in ctx.candidates[idx]),
        orphan=orphan,
        verdicts=verdicts,
        reason=reason_text(nearest) if nearest is not None else None,
    )


def explain_source(
    source: PoolSource, filename: str, rules: Sequence[Rule], options: Options
) -> Result[Explanation, PoolError]:
    """Explain every pool row named ``filename`` (compared case-insensitively)."""
    wanted = filename.lower()
    names = source.frame.get_column("filename").to_list()
    indices = [i for i, name in enumerate(names) if name == wanted]
    if not indices:
        return Failure(
            PoolError(
                file=source.file,
                column="filename",
                message=f"no row has filename {filename!r}; give a value of the filename "
                "column as it is in the pool",
            )
        )
    return explain_rows(source, rules, options, indices).map(
        lambda rows: Explanation(pool=source.name, filename=wanted, rows=rows)
    )


def explain_rows(
    source: PoolSource,
    rules: Sequence[Rule],
    options: Options,
    indices: Sequence[int] | None = None,
    *,
    fixing: bool = True,
) -> Result[tuple[RowExplanation, ...], PoolError]:
    """Explain the rows at ``indices`` (0-based; every row when None) of one generation.

    ``fixing`` looks for checked fixes of the rules that do not select a row.
    """
    traced = trace(source, rules, options)
    if isinstance(traced, Failure):
        return Failure(traced.failure())
    ctx = _Context(traced.unwrap(), rules)
    wanted = range(len(ctx.values)) if indices is None else indices
    orphans = frozenset(ctx.traced.orphans)
    return Success(tuple(_explain_row(ctx, idx, orphans, fixing=fixing) for idx in wanted))


def orphan_reasons(
    source: PoolSource,
    rules: Sequence[Rule],
    options: Options,
    indices: Sequence[int] | None = None,
) -> Result[dict[int, str], PoolError]:
    """The orphan reason of each row in ``indices`` (the orphans when None), by pool row."""
    return trace(source, rules, options).map(
        lambda traced: _reasons(_Context(traced, rules), indices)
    )


def _reasons(ctx: _Context, indices: Sequence[int] | None) -> dict[int, str]:
    wanted = ctx.traced.orphans if indices is None else indices
    everyone = frozenset(wanted)
    found: dict[int, str] = {}
    orphans = frozenset(ctx.traced.orphans)
    for idx in wanted:
        reason = _explain_row(ctx, idx, everyone, fixing=False).reason
        reason = reason or "no rule creates associations"
        if idx not in orphans:
            reason = "not an orphan with these generation options; closest: " + reason
        found[idx] = reason
    return found
