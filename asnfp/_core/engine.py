"""Apply rules to runs: admission and grouping in Polars, replay per group, finalize."""

from __future__ import annotations

import functools
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Final

import msgspec
import polars as pl

from asnfp._core.admission import AdmissionCompiler, Stages, distinct_values, key_columns
from asnfp._core.build import RunContext, finalizing, is_valid, spans_enough_observations
from asnfp._core.building import Building
from asnfp._core.facts import EXPOSURE
from asnfp._core.items import IN_RUN, POOLED, CompiledKinds, Expansion, RowTable
from asnfp._core.offers import CELL, offered, skipped_runs
from asnfp._core.prune import duplicate_associations, duplicate_products
from asnfp._core.replay import replay
from asnfp._core.runs import IDX, POSITION, RUN, Run, discovery_run, run_rows
from asnfp.association import Association
from asnfp.constraints import Attr, Check
from asnfp.rules.rule import Finalizing, Rule

ENGINE: Final = "in-memory"
"""Engine of both queries, which are wide rather than long: the grouping query runs 1.7x
to 2.5x faster in memory than on the default streaming engine (mega_pool to the
100,000-row pool); the admission query is about as fast on either."""


@dataclass(slots=True, eq=False)
class Draft:
    """An association on its way through finalize, with the key that orders it (never
    changed once made; not frozen, because frozen construction is several times slower)."""

    key: tuple[int, ...]
    run: Run
    rule: Rule
    state: Finalizing
    enough_observations: bool = True

    @property
    def asn(self) -> Association:
        return self.state.asn


@dataclass(frozen=True, slots=True)
class AdmissionPlan:
    """The admission query of one rule list, the same for every pool: per creating rule,
    its may-join and may-start bounds and its group id, and the staged bounds they read."""

    compiler: AdmissionCompiler
    stages: Stages
    columns: dict[str, pl.Expr]


def admission_plan(rules: Sequence[Rule]) -> AdmissionPlan:
    """The admission query of ``rules``, made once per rule list (it depends on the rules
    alone; like a rule's compiled tree, it holds nothing of any pool)."""
    try:
        return _cached_plan(tuple(rules))
    except TypeError:  # a rule holding an unhashable value: plan it here
        return _plan(tuple(rules))


@functools.lru_cache(maxsize=16)
def _cached_plan(rules: tuple[Rule, ...]) -> AdmissionPlan:
    return _plan(rules)


def _plan(rules: tuple[Rule, ...]) -> AdmissionPlan:
    stages = Stages()
    compiler = AdmissionCompiler(stages=stages)
    creating = [(order, rule) for order, rule in enumerate(rules) if rule.creates]
    for _, rule in creating:
        for creation in (False, True):
            compiler.plan(rule.tree, rule, creation=creation, upper=True)
    columns: dict[str, pl.Expr] = {}
    for order, rule in creating:
        columns[f"_join{order}"] = compiler.side(rule.tree, rule, creation=False, upper=True)
        columns[f"_start{order}"] = compiler.side(rule.tree, rule, creation=True, upper=True)
        rule_keys = key_columns(compiler, rule.tree, f"_key{order}_")
        # Rows with different keys never share an association. The keys are hashed into
        # one group id: a collision only merges two groups, which the replay handles.
        columns[f"_group{order}"] = (
            pl.struct(list(rule_keys.values())).hash() if rule_keys else pl.lit(0, pl.UInt64)
        )
    return AdmissionPlan(compiler, stages, columns)


def admission_table(frame: pl.DataFrame, rules: Sequence[Rule]) -> pl.DataFrame:
    """One pass over the pool: per rule, may-join and may-start flags and group keys."""
    plan = admission_plan(rules)
    distinct = distinct_values(frame, plan.compiler.tested_columns())
    values, tests = plan.compiler.pool_columns(frame, distinct)
    staged = plan.stages.evaluate(frame.lazy().with_columns(**values).with_columns(**tests))
    return staged.select(pl.col(IDX), **plan.columns).collect(engine=ENGINE)


def build_drafts(
    frame: pl.DataFrame,
    rules: Sequence[Rule],
    runs: Sequence[Run],
    *,
    pool_name: str,
    version_id: str | None,
    keep_invalid: bool = True,
) -> list[Draft]:
    """Every association every rule builds in every run, in DMS creation order.

    Without ``keep_invalid``, associations that finalize would drop unseen (invalid, or
    spanning too few observations, and no finalize step of their rule) are left out.
    """
    creating = [order for order, rule in enumerate(rules) if rule.creates]
    if not creating:
        return []
    table = admission_table(frame, rules)
    pairs = run_rows(frame, runs).join(table, on=IDX, how="inner", maintain_order="left")
    pooled = [run.order for run in runs if run.pooled]
    # Per-pool runs of one rule are replayed together: a row expanded for several
    # candidates is one file, already held by the first association that took it.
    batch = pl.when(pl.col(RUN).is_in(pooled)).then(pl.lit(-1, pl.Int64)).otherwise(pl.col(RUN))
    cells = [c for c in frame.get_column("asn_candidate").unique().to_list() if c is not None]
    # Rules of one mode share their finalize step's test of the pool: run it once.
    rejecting: dict[Callable[[pl.DataFrame], bool] | None, bool] = {None: False}
    for order in creating:
        test = rules[order].finalize_may_reject
        if test not in rejecting:
            rejecting[test] = test is not None and test(frame)
    skipped = {
        order: skipped_runs(
            rules[order], runs, frame, keep_invalid=keep_invalid,
            may_reject=rejecting[rules[order].finalize_may_reject],
        )
        for order in creating
    }
    repeated = frame.get_column("filename").is_duplicated()
    repeated_files = bool(repeated.any())
    shared: list[pl.Series] = []
    if repeated_files:
        # Rows sharing a file name, each numbered by the first row with that name.
        numbers = frame.select(pl.when(repeated).then(pl.col(IDX).min().over("filename")))
        shared.append(numbers.to_series().gather(pairs.get_column(IDX)).alias("_file"))
    lazy_pairs = pairs.with_columns(
        frame.get_column("asn_candidate").gather(pairs.get_column(IDX)).alias(CELL), *shared
    ).lazy()
    stacked = pl.concat(
        [
            lazy_pairs.filter(offered(order, rules[order], runs, cells, skipped[order])).select(
                pl.lit(order, pl.Int32).alias("_rule"),
                batch.alias("_batch"),
                pl.col(f"_group{order}").alias("_group"),
                pl.col(RUN),
                pl.col(IDX),
                pl.col(POSITION),
                pl.col(f"_start{order}").alias("_starts"),
                *([pl.col("_file")] if repeated_files else []),
            )
            for order in creating
        ]
    ).sort("_rule", "_batch", IDX, POSITION, maintain_order=True)
    if repeated_files:
        # An association takes a row whose file it already holds, whatever the row's
        # values: when one file name is in two groups of a rule's run, the run is one group.
        replayed = ["_rule", "_batch"]
        merged = (
            stacked.filter(pl.col("_file").is_not_null())
            .group_by(*replayed, "_file")
            .agg((pl.col("_group").n_unique() > 1).alias("_merged"))
            .filter(pl.col("_merged"))
            .select(*replayed, "_merged")
            .unique()
        )
        stacked = (
            stacked.join(merged, on=replayed, how="left", maintain_order="left")
            .with_columns(
                pl.when(pl.col("_merged"))
                .then(pl.lit(0, pl.UInt64))
                .otherwise(pl.col("_group"))
                .alias("_group")
            )
        )
    # A group where no row may start an association builds none (per-pool groups are
    # kept: their rows also decide the order of the rule's expanded list).
    grouped = (
        stacked.group_by(["_rule", "_batch", "_group"], maintain_order=True)
        .agg(
            pl.col(RUN),
            pl.col(IDX),
            pl.col(POSITION),
            pl.col(IDX).filter(pl.col("_starts")).alias("_creators"),
        )
        .filter((pl.col("_creators").list.len() > 0) | (pl.col("_batch") == -1))
        .collect(engine=ENGINE)
    )
    by_rule: dict[int, list[tuple[list[int], list[int], list[int], frozenset[int]]]] = {}
    for rule_order, _, _, run_orders, indices, places, creators in grouped.iter_rows():
        by_rule.setdefault(rule_order, []).append(
            (run_orders, indices, places, frozenset(creators))
        )
    rows = RowTable(frame, runs)
    acquisitions = frozenset(
        frame.filter(pl.col(EXPOSURE) == "target_acquisition").get_column(IDX).to_list()
    )
    by_order = {run.order: run for run in runs}
    acid_types = {run.order: run.acid.type for run in runs}
    contexts = {
        run.order: RunContext(run.acid, run.registry, pool_name, version_id) for run in runs
    }
    drafts: list[Draft] = []
    positions: dict[tuple[int, int], int] = {}
    for order, rule in enumerate(rules):
        if not rule.creates:
            continue
        compiled = CompiledKinds(rule, order)
        expands = Expansion(compiled, rows)
        made: list[tuple[Run, Building]] = []
        for run_orders, indices, places, creators in by_rule.get(order, []):
            run = by_order[run_orders[0]]
            group = list(map(rows.get, run_orders, indices))
            acq = [row for row in group if row.idx in acquisitions] if acquisitions else []
            kind = "pooled" if run.pooled else "discovery" if run.discovery else "candidate"
            if run.pooled:
                # Only the rows this rule expanded reach the runs; acquisitions come back
                # last of all with their own candidate text.
                group = [row for row in group if expands(row.idx)]
                acq = [rows.raw(i) for i in dict.fromkeys(row.idx for row in acq)]
                for r, i, place in zip(run_orders, indices, places, strict=True):
                    if place:
                        positions[(r, i)] = place
            found = replay(compiled.get(kind), group, acq, creators, acid_types)
            made.extend((by_order[building.run], building) for building in found)
        for run, building in made:
            enough = spans_enough_observations(building, run.acid)
            valid = is_valid(building, run.acid)
            if not keep_invalid and not (enough and (rule.finalize is not None or valid)):
                continue
            if run.pooled:
                position = positions.get((run.order, building.creator), 0)
                key: tuple[int, ...] = (1, expands.first(), order, building.creator, position)
            else:
                key = (0, run.order, building.creator, order)
            drafts.append(
                Draft(
                    key,
                    run,
                    rule,
                    finalizing(building, contexts[run.order], valid),
                    enough,
                )
            )
    drafts.sort(key=lambda d: d.key)
    return drafts


def skips_discovery(rule: Rule, frame: pl.DataFrame) -> bool:
    """The discovery pass does not run ``rule`` on this pool (see ``skipped_runs``)."""
    discovery = discovery_run()
    return discovery.order in skipped_runs(rule, (discovery,), frame, keep_invalid=True)


def _rule_finalize(draft: Draft) -> list[Draft]:
    """The associations one association becomes, in place of it."""
    if not draft.enough_observations:
        return []
    step = draft.rule.finalize
    if step is None:
        return [draft] if draft.state.valid else []
    return [
        Draft((*draft.key, n), draft.run, draft.rule, state)
        for n, state in enumerate(step(draft.state))
    ]


def _finalize_level(drafts: Sequence[Draft], dups: list[int] | None) -> list[Draft]:
    """Rule finalize steps, both prune steps, numbering; with ``dups``, pruned ones kept
    under ``dupNNNNN_`` names (``dups`` holds the count so far, shared by both levels)."""
    kept = [child for draft in drafts for child in _rule_finalize(draft)]
    kept, removed = duplicate_associations(kept)
    kept, removed_by_name = duplicate_products(kept)
    final = _resequence(kept)
    if dups is None:
        return final
    for draft in [*removed, *removed_by_name]:
        dups[0] += 1
        asn = msgspec.structs.replace(draft.asn, name_prefix=f"dup{dups[0]:05d}_")
        final.append(Draft(draft.key, draft.run, draft.rule, msgspec.structs.replace(
            draft.state, asn=asn)))
    return final


def _resequence(drafts: Sequence[Draft]) -> list[Draft]:
    counters: dict[tuple[str, str], int] = {}
    result: list[Draft] = []
    for draft in drafts:
        key = (draft.asn.asn_id, draft.asn.asn_type)
        counters[key] = counters.get(key, 0) + 1
        asn = msgspec.structs.replace(draft.asn, sequence=counters[key])
        state = msgspec.structs.replace(draft.state, asn=asn)
        result.append(Draft(draft.key, draft.run, draft.rule, state))
    return result


@dataclass(frozen=True, slots=True)
class LevelTrace:
    """Finalize of one level, step by step, as ``finalize`` runs it (read by explanations)."""

    made: tuple[tuple[Draft, tuple[Draft, ...]], ...]
    """Each association as built, and what the rule finalize step made of it."""
    duplicates: tuple[Draft, ...]
    """Removed by the first prune step: the membership of a kept association."""
    subsets: tuple[Draft, ...]
    """Removed by the second prune step: a product name shared with a kept association."""
    kept: tuple[Draft, ...]
    """The kept associations, before numbering."""
    final: tuple[Draft, ...]
    """``kept`` numbered: what ``finalize`` returns for this level."""


def _trace_level(drafts: Sequence[Draft]) -> LevelTrace:
    made = tuple((draft, tuple(_rule_finalize(draft))) for draft in drafts)
    kept = [child for _, children in made for child in children]
    kept, removed = duplicate_associations(kept)
    kept, removed_by_name = duplicate_products(kept)
    final = _resequence(kept)
    return LevelTrace(made, tuple(removed), tuple(removed_by_name), tuple(kept), tuple(final))


def trace_finalize(drafts: Sequence[Draft]) -> tuple[LevelTrace, LevelTrace]:
    """The steps of ``finalize`` (without ``debug``) for Level 2, then Level 3."""
    level2 = _trace_level([d for d in drafts if d.asn.level == 2])
    level3 = _trace_level([d for d in drafts if d.asn.level == 3])
    return level2, level3


def run_condition(run: Run) -> Attr | Check | None:
    """The condition a run appends to every rule's tree (None in the discovery pass)."""
    return POOLED if run.pooled else None if run.discovery else IN_RUN


def finalize(
    drafts: Sequence[Draft], *, debug: bool = False, resequenced: bool = True
) -> list[Draft]:
    """Validity, the rule finalize steps, both prune steps and sequence numbers, per level.

    With ``debug`` the pruned associations are kept, named ``dupNNNNN_`` plus the name
    they had before finalize (numbered as in ``--no-finalize``).
    """
    dups = [0] if debug else None
    if debug:
        drafts = presequenced(drafts, resequenced=resequenced)
    level2 = _finalize_level([d for d in drafts if d.asn.level == 2], dups)
    level3 = _finalize_level([d for d in drafts if d.asn.level == 3], dups)
    return [*level2, *level3]


def orphans(filenames: Sequence[str], drafts: Sequence[Draft]) -> tuple[int, ...]:
    """Pool rows (0-based) whose exposure is a member of no association."""
    taken = {row["filename"] for d in drafts for row in d.state.rows if row is not None}
    return tuple(i for i, name in enumerate(filenames) if name not in taken)


def presequenced(drafts: Sequence[Draft], *, resequenced: bool) -> list[Draft]:
    """The associations numbered as created, before finalize.

    After discovery the list is numbered per (candidate, type) in order; otherwise
    Level 2 shares one counter starting at 2 and Level 3 counts per type from 1.
    """
    numbered: list[Draft] = []
    counters: dict[tuple[str, str], int] = {}
    shared_level2 = 1
    for draft in drafts:
        asn = draft.asn
        if resequenced:
            key = (asn.asn_id, asn.asn_type)
            counters[key] = sequence = counters.get(key, 0) + 1
        elif asn.level == 2:
            shared_level2 += 1
            sequence = shared_level2
        else:
            key = ("", asn.asn_type)
            counters[key] = sequence = counters.get(key, 0) + 1
        state = msgspec.structs.replace(
            draft.state, asn=msgspec.structs.replace(asn, sequence=sequence)
        )
        numbered.append(Draft(draft.key, draft.run, draft.rule, state, draft.enough_observations))
    return numbered


def unfinalized(drafts: Sequence[Draft], *, resequenced: bool) -> list[Draft]:
    """``--no-finalize``: the valid associations, unpruned, numbered as created."""
    return [d for d in presequenced(drafts, resequenced=resequenced) if d.state.valid]


def discovered_first(drafts: Sequence[Draft]) -> list[Draft]:
    """Per-pool algorithm: discovered associations, then candidate ones, renumbered."""
    ordered = [d for d in drafts if d.run.discovery] + [d for d in drafts if not d.run.discovery]
    return _resequence(ordered)
