"""The corpus pools as frames, and subsets of them as a strategy."""

from __future__ import annotations

from functools import cache
from pathlib import Path

import polars as pl
from hypothesis import strategies as st

from asnfp import read_pool

POOLS_DIR = Path(__file__).resolve().parent.parent / "tests" / "corpus" / "pools"

UNUSABLE = frozenset({"jw93060_20150312T160130_pool"})
"""Corpus pools no generator can run: this one has no ``asn_candidate`` column."""

NAMES: tuple[str, ...] = tuple(
    sorted(p.stem for p in POOLS_DIR.glob("*.csv") if p.stem not in UNUSABLE)
)
"""Every usable corpus pool, by name."""

SMALL: tuple[str, ...] = tuple(n for n in NAMES if n != "mega_pool")
"""Corpus pools small enough to generate several times per test."""


@cache
def frame(name: str) -> pl.DataFrame:
    """A corpus pool, read as asnfp reads it."""
    return read_pool(POOLS_DIR / f"{name}.csv")


@st.composite
def subpools(draw: st.DrawFn, max_rows: int = 12) -> pl.DataFrame:
    """Up to ``max_rows`` rows of one corpus pool, in a drawn order.

    Shrinks to the first row of the first pool (by name).
    """
    whole = frame(draw(st.sampled_from(NAMES)))
    rows = draw(st.lists(st.integers(0, whole.height - 1), min_size=1,
                         max_size=min(max_rows, whole.height), unique=True))  # fmt: skip
    return whole[rows]
