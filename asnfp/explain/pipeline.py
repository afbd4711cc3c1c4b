"""Generation with every step kept: the drafts as built, and what finalize made of each.

The steps are those of :func:`asnfp.generator.generate_result` (same helpers, same
order); ``trace_finalize`` records the finalize steps that ``finalize`` runs.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import polars as pl
from returns.result import Failure, Result, Success

from asnfp._core import engine
from asnfp._core.engine import Draft, LevelTrace
from asnfp._core.facts import with_facts
from asnfp._core.runs import IDX, Run
from asnfp.association import Level2Association, file_stem
from asnfp.candidates import with_candidates
from asnfp.errors import PoolContentError, PoolError
from asnfp.explain.model import Fate, Kept, Removed
from asnfp.generator import REQUIRED_COLUMNS, PoolSource, _check_exposures, _pooled, _runs
from asnfp.options import Options, dms_candidates
from asnfp.pool import require_columns
from asnfp.rules.rule import Rule

__all__ = ("Options", "Traced", "trace")


@dataclass(frozen=True, slots=True)
class Traced:
    """A generation with its drafts and the fate of each."""

    frame: pl.DataFrame
    """The pool with the row facts and the row index."""
    runs: tuple[Run, ...]
    drafts: tuple[Draft, ...]
    """Every association as built, kept or not, in creation order."""
    fates: dict[int, tuple[tuple[Draft, Fate], ...]]
    """By ``id`` of a draft: what it became (the draft after finalize, and its fate)."""
    orphans: tuple[int, ...]
    """Rows no written association holds, as ``Generation.orphans`` has them."""


def _validity_failures(draft: Draft) -> tuple[str, ...]:
    """The validity conditions of the rule that fail for the draft, with the reason."""
    members = draft.asn.products[0].members if draft.asn.products else ()
    exptypes = {m.exptype for m in members}
    acid = draft.run.acid.type
    failed: list[str] = []
    for check in draft.rule.validity:
        match check:
            case "has_science":
                ok, why = "science" in exptypes, "no science member"
            case "allowed_candidates":
                ok = acid == "observation" or (acid == "background" and "background" in exptypes)
                why = f"candidate type {acid} (needs observation, or background with one)"
            case "has_psf":
                ok, why = "psf" in exptypes, "no psf member"
            case "has_pair":
                ok, why = len(members) >= 2, "fewer than two members"
            case "is_type_mosaic":
                ok, why = acid == "mosaic", f"candidate type {acid}, not mosaic"
            case "is_type_observation":
                ok, why = acid == "observation", f"candidate type {acid}, not observation"
            case "is_not_group":
                ok, why = acid != "group", "candidate type group"
        if not ok:
            failed.append(f"{check}: {why}")
    return tuple(failed)


def _removal(draft: Draft) -> Removed:
    """Why finalize made nothing of a draft."""
    if not draft.enough_observations:
        why = f"a {draft.run.acid.type} candidate spanning fewer than two observations"
        return Removed(step="observations", why=why)
    failed = _validity_failures(draft) if not draft.state.valid else ()
    if failed or not draft.state.valid:
        return Removed(step="validity", why="; ".join(failed) or "invalid")
    return Removed(step="rule_finalize", why=f"{step_text(draft.rule)} made nothing of it "
                   f"(members: {_member_counts(draft)})")


def step_text(rule: Rule) -> str:
    """The rule's finalize step, by name, with the first line of its docstring."""
    step = rule.finalize
    if step is None:
        return "the validity check"
    name = getattr(step, "__qualname__", "the finalize step").replace("<locals>.", "")
    doc = (step.__doc__ or "").strip().splitlines()
    return f"{name} ({doc[0].rstrip('.')})" if doc else name


def _member_counts(draft: Draft) -> str:
    members = draft.asn.products[0].members if draft.asn.products else ()
    counts: dict[str, int] = {}
    for member in members:
        counts[member.exptype] = counts.get(member.exptype, 0) + 1
    return ", ".join(f"{n} {kind}" for kind, n in counts.items()) or "none"


def _members(draft: Draft) -> frozenset[tuple[str, str]]:
    members = draft.asn.products[0].members if draft.asn.products else ()
    return frozenset((m.expname, m.exptype) for m in members)


def _level_fates(
    trace: LevelTrace, names: Mapping[int, str]
) -> dict[int, tuple[tuple[Draft, Fate], ...]]:
    """Each draft's children after its rule step, and the prune step that took each."""
    duplicates = {id(d) for d in trace.duplicates}
    subsets = {id(d) for d in trace.subsets}
    survivors = [*trace.kept, *trace.subsets]

    def winner(child: Draft, same: bool) -> str | None:
        for other in trace.kept if not same else survivors:
            if other is child:
                continue
            if (_members(other) == _members(child)) if same else (
                other.asn.products[0].name == child.asn.products[0].name
            ):
                return names.get(id(other), other.asn.products[0].name)
        return None

    fates: dict[int, tuple[tuple[Draft, Fate], ...]] = {}
    for draft, children in trace.made:
        if not children:
            fates[id(draft)] = ((draft, _removal(draft)),)
            continue
        found: list[tuple[Draft, Fate]] = []
        for child in children:
            fate: Fate
            if id(child) in duplicates:
                fate = Removed(step="duplicate_association", by=winner(child, True),
                               why="the same members as a kept association")
            elif id(child) in subsets:
                fate = Removed(step="duplicate_product", by=winner(child, False),
                               why="its product name is a kept association's, whose members "
                               "include its own")
            else:
                fate = Kept(name=names[id(child)], product=child.asn.products[0].name,
                            exptype="")
            found.append((child, fate))
        fates[id(draft)] = tuple(found)
    return fates


def _written_names(
    pairs: Sequence[tuple[Draft, Draft]], options: Options
) -> tuple[dict[int, str], dict[int, Removed]]:
    """The DMS name each kept draft is written under, and the drafts not written."""
    names: dict[int, str] = {}
    dropped: dict[int, Removed] = {}
    containers: dict[tuple[str, str], str] = {}
    requested = options.candidate_ids if options.dms else None
    for before, after in pairs:
        asn = after.asn
        name = file_stem(asn)
        if requested is not None and not any(cid in asn.asn_id for cid in requested):
            dropped[id(before)] = Removed(
                step="not_requested", why="--DMS keeps only the requested candidates"
            )
        if options.merge and isinstance(asn, Level2Association):
            name = containers.setdefault((asn.asn_type, asn.asn_id), name)
        names[id(before)] = name
    return names, dropped


def _finalized(
    drafts: Sequence[Draft], options: Options, discovered: bool
) -> tuple[list[Draft], dict[int, tuple[tuple[Draft, Fate], ...]]]:
    """The final drafts, and the fate of every draft (keyed by ``id``)."""
    if not options.finalize:
        numbered = engine.presequenced(drafts, resequenced=discovered)
        pairs = [(d, n) for d, n in zip(drafts, numbered, strict=True) if d.state.valid]
        names, dropped = _written_names(pairs, options)
        fates: dict[int, tuple[tuple[Draft, Fate], ...]] = {}
        for draft in drafts:
            fate: Fate = (
                Kept(name=names[id(draft)], product=draft.asn.products[0].name, exptype="")
                if draft.state.valid
                else Removed(step="validity", why="; ".join(_validity_failures(draft)))
            )
            fates[id(draft)] = ((draft, dropped.get(id(draft), fate)),)
        return [n for _, n in pairs], fates
    traces = engine.trace_finalize(drafts)
    kept = [d for trace in traces for d in trace.kept]
    final = [d for trace in traces for d in trace.final]
    if options.per_pool:
        order = [p for p in zip(kept, final, strict=True) if p[1].run.discovery]
        order += [p for p in zip(kept, final, strict=True) if not p[1].run.discovery]
        kept = [k for k, _ in order]
        final = engine.discovered_first([f for _, f in order])
    names, dropped = _written_names(list(zip(kept, final, strict=True)), options)
    fates = {}
    for trace in traces:
        for key, found in _level_fates(trace, names).items():
            fates[key] = tuple((d, dropped.get(id(d), f)) for d, f in found)
    return final, fates


def trace(source: PoolSource, rules: Sequence[Rule], options: Options) -> Result[Traced, PoolError]:
    """Generate as ``generate_result`` does, keeping the drafts and their fates."""
    checked = require_columns(source.frame, source.file, REQUIRED_COLUMNS)
    if isinstance(checked, Failure):
        return Failure(checked.failure())
    parsed = with_candidates(source.frame, file=source.file, lines=source.lines)
    if isinstance(parsed, Failure):
        return Failure(parsed.failure())
    frame = with_facts(parsed.unwrap().with_row_index(IDX))
    ids = options.candidate_ids
    if options.dms and ids is not None:
        ids = dms_candidates(frame, ids)
    if options.per_pool:
        runs, keep = _pooled(frame, options.discover, options.all_candidates)
    else:
        runs, keep = _runs(frame, ids, options.discover, options.all_candidates)
    error = _check_exposures(source, frame, runs)
    if error is not None:
        return Failure(error)
    built = engine.build_drafts(
        frame, rules, runs, pool_name=source.name, version_id=options.version_id
    )
    drafts = built if keep else [d for d in built if d.run.discovery]
    try:
        final, fates = _finalized(drafts, options, any(r.discovery for r in runs))
    except PoolContentError as problem:
        return Failure(
            PoolError(file=source.file, column=problem.column, message=problem.message)
        )
    for draft in built:
        if not keep and not draft.run.discovery:
            gone = Removed(step="candidate_not_kept", why="--discover keeps only discovered ones")
            fates[id(draft)] = ((draft, gone),)
    filenames = source.frame.get_column("filename").to_list()
    return Success(
        Traced(frame, runs, tuple(built), fates, engine.orphans(filenames, final))
    )
