"""Generation: pool and rules in, finalized associations out.

``generate_result`` is the functional core (errors as values); ``generate`` is
the public edge, which accepts a path or a frame and raises on bad input.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Sequence
from dataclasses import dataclass

import polars as pl
from returns.result import Failure, Result, Success

from asnfp._core import engine
from asnfp._core.facts import EXPOSURE, with_facts
from asnfp._core.pause import collector_paused
from asnfp._core.runs import IDX, Run, candidate_runs, discovery_run, pooled_runs, run_rows
from asnfp.association import Association
from asnfp.candidates import select_ids, with_candidates, work_list
from asnfp.errors import PoolContentError, PoolError, raise_error
from asnfp.options import Options, dms_candidates, keep_requested, merge_level2
from asnfp.pool import normalize_frame, read_pool_file, require_columns
from asnfp.rules.registry import DEFAULT
from asnfp.rules.rule import Rule

__all__ = ("Generation", "generate", "generate_result")

log = logging.getLogger("asnfp.generator")

REQUIRED_COLUMNS = ("filename", "asn_candidate", "exp_type", "program", "pntgtype")
"""Columns generation reads directly; a pool without one cannot be used."""


@dataclass(frozen=True, slots=True)
class Generation:
    """The associations of a pool, and the pool rows (0-based) that none of them took."""

    associations: tuple[Association, ...]
    orphans: tuple[int, ...]


@dataclass(frozen=True, slots=True)
class PoolSource:
    """A pool frame with the name written into ``asn_pool`` and its rows' file lines."""

    frame: pl.DataFrame
    name: str
    file: str
    lines: tuple[int, ...] | None = None


def _runs(
    frame: pl.DataFrame,
    candidate_ids: Sequence[str] | None,
    discover: bool,
    all_candidates: bool,
) -> tuple[tuple[Run, ...], bool]:
    """The runs to make, and whether candidate associations are kept."""
    if candidate_ids is not None:
        work, missing = select_ids(frame, candidate_ids)
        for cid in missing:
            log.warning("Candidate id %s not found in pool", cid)
        return candidate_runs(work, first_order=1), True
    if not discover and not all_candidates:
        discover = all_candidates = True
    runs = candidate_runs(work_list(frame), first_order=1)
    if discover:
        return (discovery_run(), *runs), all_candidates
    return runs, True


def _pooled(
    frame: pl.DataFrame, discover: bool, all_candidates: bool
) -> tuple[tuple[Run, ...], bool]:
    """Per-pool algorithm: a run per candidate pair, and the discovery pass."""
    if not discover and not all_candidates:
        discover = all_candidates = True
    runs = pooled_runs(work_list(frame), first_order=1)
    if discover:
        return (discovery_run(), *runs), all_candidates
    return runs, True


def _check_exposures(
    source: PoolSource, frame: pl.DataFrame, runs: Sequence[Run]
) -> PoolError | None:
    if frame.get_column(EXPOSURE).null_count() == 0:
        return None
    used = run_rows(frame, runs).get_column(IDX).unique()
    bad = frame.filter(pl.col(EXPOSURE).is_null() & pl.col(IDX).is_in(used.implode()))
    if bad.is_empty():
        return None
    index = int(bad.get_column(IDX)[0])
    line = source.lines[index] if source.lines is not None else None
    return PoolError(
        file=source.file,
        line=line,
        column="exp_type",
        message="the exposure type cannot be determined: 'exp_type' is empty"
        + ("" if line is not None else f" (row {index + 1})"),
    )


@collector_paused
def generate_result(
    source: PoolSource,
    rules: Sequence[Rule] | None = None,
    options: Options | None = None,
    *,
    debug: bool = False,
) -> Result[Generation, PoolError]:
    """Generate and finalize the associations of a pool (``rules`` default to the
    default rules, ``options`` to those of a plain ``asn_generate POOL``; ``debug``
    keeps the pruned associations under ``dupNNNNN_`` names)."""
    if rules is None:
        rules = DEFAULT
    if options is None:
        options = Options()
    checked = require_columns(source.frame, source.file, REQUIRED_COLUMNS)
    if isinstance(checked, Failure):
        return Failure(checked.failure())
    parsed = with_candidates(source.frame, file=source.file, lines=source.lines)
    if isinstance(parsed, Failure):
        return Failure(parsed.failure())
    frame = with_facts(parsed.unwrap().with_row_index(IDX))
    requested = candidate_ids = options.candidate_ids
    if options.dms and candidate_ids is not None:
        # Background candidates of the requested rows compete in pruning, then go.
        candidate_ids = dms_candidates(frame, candidate_ids)
    if options.per_pool:
        runs, keep_candidates = _pooled(frame, options.discover, options.all_candidates)
    else:
        runs, keep_candidates = _runs(
            frame, candidate_ids, options.discover, options.all_candidates
        )
    error = _check_exposures(source, frame, runs)
    if error is not None:
        return Failure(error)
    drafts = engine.build_drafts(
        frame, rules, runs, pool_name=source.name, version_id=options.version_id,
        keep_invalid=debug or not options.finalize,
    )
    if not keep_candidates:
        drafts = [d for d in drafts if d.run.discovery]
    try:
        if options.finalize:
            discovered = any(r.discovery for r in runs)
            final = engine.finalize(drafts, debug=debug, resequenced=discovered)
            if options.per_pool:
                final = engine.discovered_first(final)
        else:
            final = engine.unfinalized(drafts, resequenced=any(r.discovery for r in runs))
    except PoolContentError as problem:
        return Failure(
            PoolError(file=source.file, column=problem.column, message=problem.message)
        )
    associations = tuple(d.asn for d in final)
    if options.merge:
        associations = merge_level2(associations)
    if options.dms and requested is not None:
        associations = keep_requested(associations, requested)
    return Success(
        Generation(
            associations=associations,
            orphans=engine.orphans(source.frame.get_column("filename").to_list(), final),
        )
    )


def load_source(
    pool: str | os.PathLike[str] | pl.DataFrame | pl.LazyFrame,
    *,
    delimiter: str = "|",
    fmt: str = "ascii",
    pool_name: str | None = None,
) -> Result[PoolSource, PoolError]:
    """Read or normalize a pool given as a path or as a frame."""
    if isinstance(pool, pl.DataFrame | pl.LazyFrame):
        name = pool_name or "in-memory"
        return normalize_frame(pool, name=name).map(
            lambda frame: PoolSource(frame=frame, name=name, file=name)
        )
    return read_pool_file(pool, delimiter=delimiter, fmt=fmt).map(
        lambda read: PoolSource(
            frame=read.frame,
            name=pool_name or os.path.basename(read.file),
            file=read.file,
            lines=read.lines,
        )
    )


def generate(
    pool: str | os.PathLike[str] | pl.DataFrame | pl.LazyFrame,
    rules: Sequence[Rule] | None = None,
    *,
    candidate_ids: Sequence[str] | None = None,
    discover: bool = False,
    all_candidates: bool = False,
    version_id: str | None = None,
    finalize: bool = True,
    merge: bool = False,
    dms: bool = False,
    per_pool: bool = False,
    delimiter: str = "|",
    pool_name: str | None = None,
) -> tuple[Association, ...]:
    """The associations of a pool, finalized, in the order they are written.

    With none of ``candidate_ids``, ``discover`` and ``all_candidates`` given,
    both discovery and every candidate run, as ``asn_generate`` does by default.
    ``finalize=False`` skips validity pruning and rule finalize steps; ``merge``
    merges Level 2 associations per candidate and type; ``dms`` adds the DMS
    background-candidate handling to ``candidate_ids``. Raises
    :class:`asnfp.errors.PoolReadError` on a pool that cannot be used.
    """

    result = load_source(pool, delimiter=delimiter, pool_name=pool_name).bind(
        lambda source: generate_result(
            source,
            rules,
            Options(
                candidate_ids=tuple(candidate_ids) if candidate_ids is not None else None,
                discover=discover,
                all_candidates=all_candidates,
                version_id=version_id,
                finalize=finalize,
                merge=merge,
                dms=dms,
                per_pool=per_pool,
            ),
        )
    )
    if isinstance(result, Failure):
        raise raise_error(result.failure())
    return result.unwrap().associations
