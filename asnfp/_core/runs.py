"""Runs: the candidate sub-pools (and the discovery pass) that rules are applied to."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import polars as pl

from asnfp._core.build import DISCOVERED, Acid
from asnfp.candidates import CANDIDATES

RUN = "_run"
IDX = "_idx"
POSITION = "_position"
"""Position of the run's candidate within the row's cell (per-pool runs only)."""


@dataclass(frozen=True, slots=True)
class Run:
    """One generation pass: a candidate's sub-pool, or the whole pool for discovery."""

    order: int
    acid: Acid
    registry: str
    cell: str | None
    """The ``asn_candidate`` text every row of the run carries; None keeps each row's own."""
    pooled: bool = False
    """A per-pool run: the rows listing this (id, type) pair, as the per-pool algorithm
    expands them (one item per pair, carrying the pair's text)."""

    @property
    def discovery(self) -> bool:
        return self.cell is None


def candidate_runs(work: Sequence[tuple[str, str]], *, first_order: int) -> tuple[Run, ...]:
    """One run per (candidate id, type), in work-list order."""
    return tuple(
        Run(first_order + n, Acid(cid, ctype), "candidate", f"[('{cid}', '{ctype}')]")
        for n, (cid, ctype) in enumerate(work)
    )


def pooled_runs(pairs: Sequence[tuple[str, str]], *, first_order: int) -> tuple[Run, ...]:
    """One per-pool run per distinct (candidate id, type) pair."""
    return tuple(
        Run(first_order + n, Acid(cid, ctype), "candidate", f"('{cid}', '{ctype}')", True)
        for n, (cid, ctype) in enumerate(pairs)
    )


def discovery_run() -> Run:
    """The pass over the whole pool with each row's own candidate text."""
    return Run(0, DISCOVERED, "discover", None)


def run_rows(frame: pl.DataFrame, runs: Sequence[Run]) -> pl.DataFrame:
    """(run, row index) for every row of every run, in run then pool order.

    A candidate's sub-pool is every row whose raw ``asn_candidate`` text contains
    the candidate id as a substring; the test runs once per distinct cell.
    """
    parts: list[pl.DataFrame] = []
    discovery = [r.order for r in runs if r.discovery]
    if discovery:
        parts.append(
            frame.select(
                pl.lit(discovery[0], pl.Int64).alias(RUN),
                pl.col(IDX),
                pl.lit(0, pl.Int64).alias(POSITION),
            )
        )
    pooled = [r for r in runs if r.pooled]
    if pooled:
        wanted = pl.DataFrame(
            {
                RUN: [r.order for r in pooled],
                "_cid": [r.acid.id for r in pooled],
                "_ctype": [r.acid.type for r in pooled],
            },
            schema={RUN: pl.Int64, "_cid": pl.String, "_ctype": pl.String},
        )
        listed = (
            frame.select(IDX, pl.col(CANDIDATES).list.eval(pl.element().struct.field("id"))
                         .alias("_cid"),
                         pl.col(CANDIDATES).list.eval(pl.element().struct.field("type"))
                         .alias("_ctype"))
            .with_columns(pl.int_ranges(pl.col("_cid").list.len()).alias(POSITION))
            .explode("_cid", "_ctype", POSITION)
            .join(wanted, on=["_cid", "_ctype"])
        )
        parts.append(listed.select(RUN, IDX, pl.col(POSITION).cast(pl.Int64)))
    candidates = [r for r in runs if not r.discovery and not r.pooled]
    if candidates:
        ids = pl.DataFrame(
            {RUN: [r.order for r in candidates], "_cid": [r.acid.id for r in candidates]},
            schema={RUN: pl.Int64, "_cid": pl.String},
        )
        cells = frame.select(pl.col("asn_candidate").unique())
        hits = cells.join(ids, how="cross").filter(
            pl.col("asn_candidate").str.contains(pl.col("_cid"), literal=True)
        )
        rows = frame.select(IDX, "asn_candidate").join(hits, on="asn_candidate")
        parts.append(rows.select(RUN, IDX, pl.lit(0, pl.Int64).alias(POSITION)))
    if not parts:
        return pl.DataFrame(schema={RUN: pl.Int64, IDX: pl.UInt32, POSITION: pl.Int64})
    return pl.concat(parts).sort(RUN, IDX)
