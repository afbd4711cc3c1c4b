"""The public edge: ``explain`` a pool row, and the reasons of orphaned rows."""

from __future__ import annotations

import os
from collections.abc import Sequence

import polars as pl
from returns.result import Failure

from asnfp.errors import raise_error
from asnfp.explain.core import explain_source, orphan_reasons
from asnfp.explain.model import Explanation
from asnfp.generator import PoolSource, load_source
from asnfp.options import Options
from asnfp.rules.registry import DEFAULT
from asnfp.rules.rule import Rule

__all__ = ("explain", "reasons_for")


def explain(
    pool: str | os.PathLike[str] | pl.DataFrame | pl.LazyFrame,
    filename: str,
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
) -> Explanation:
    """Why the pool row(s) named ``filename`` are, or are not, in associations.

    Generation runs as ``asnfp.generate`` runs it with the same options. For every
    rule the result says whether it selected the row; if not, which conditions fail
    (the row's value and the value wanted); if so, the associations the row joined
    and what finalize made of them. Raises :class:`asnfp.errors.PoolReadError` for
    a pool that cannot be used or that has no row named ``filename``.

    Parameters
    ----------
    pool
        A pool file, or a frame with the pool's columns.
    filename
        The row's ``filename`` value (compared case-insensitively).
    rules
        The rules to apply; the default rules when None.

    Returns
    -------
    Explanation
        A frozen struct; ``msgspec.json.encode`` writes it as JSON.

    Examples
    --------
    >>> from asnfp.explain import explain
    >>> pool = pl.DataFrame({
    ...     "filename": ["a_uncal.fits"], "asn_candidate": ["[('o001', 'observation')]"],
    ...     "exp_type": ["mir_image"], "program": ["1"], "pntgtype": ["science"],
    ... })
    >>> row = explain(pool, "a_uncal.fits").rows[0]
    >>> verdict = next(v for v in row.verdicts if v.rule == "Asn_Lv2Image")
    >>> verdict.status, verdict.first.column if verdict.first else None
    ('not_selected', None)
    >>> verdict.first.condition.text
    'instrume is specified (one value per association)'
    """
    options = Options(
        candidate_ids=tuple(candidate_ids) if candidate_ids is not None else None,
        discover=discover,
        all_candidates=all_candidates,
        version_id=version_id,
        finalize=finalize,
        merge=merge,
        dms=dms,
        per_pool=per_pool,
    )
    result = load_source(pool, delimiter=delimiter, pool_name=pool_name).bind(
        lambda source: explain_source(
            source, filename, DEFAULT if rules is None else rules, options
        )
    )
    if isinstance(result, Failure):
        raise raise_error(result.failure())
    return result.unwrap()


def reasons_for(
    frame: pl.DataFrame,
    orphans: Sequence[int],
    rules: Sequence[Rule] = DEFAULT,
    options: Options | None = None,
    *,
    name: str = "in-memory",
) -> tuple[str, ...]:
    """The reason of each orphaned row (in ``orphans`` order), for ``--save-orphans``.

    ``frame`` is the pool as read; generation runs again with ``options`` (the defaults
    when None), so the reasons match the orphans of a generation with those options.
    """
    if not orphans:
        return ()
    source = PoolSource(frame=frame, name=name, file=name)
    found = orphan_reasons(source, rules, options or Options(), orphans)
    if isinstance(found, Failure):
        return tuple(f"no reason: {found.failure().describe()}" for _ in orphans)
    reasons = found.unwrap()
    return tuple(reasons[index] for index in orphans)
