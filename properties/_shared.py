"""Pools, seed and helpers the property tests share.

The law tests draw from one strategy with one seed: in a derandomized profile they see the
same pools, so ``asnfp.testing.laws`` generates each pool once for all of them.
"""

from __future__ import annotations

import random
import zlib
from collections.abc import Callable
from typing import Any, TypeVar

import polars as pl
from hypothesis import seed, settings
from hypothesis import strategies as st

from asnfp.testing import strategies
from asnfp.testing._provenance import candidate_ids
from asnfp.testing.laws import Case, Law
from properties._corpus import subpools

F = TypeVar("F", bound=Callable[..., Any])

SEED = 20240705

LAW_POOLS: st.SearchStrategy[pl.DataFrame] = st.one_of(
    strategies.pools(max_scenes=2, shuffle=True), subpools()
)
"""Generated pools of one or two scenes, and subsets of corpus pools (shrinks to the first)."""


def derandomized() -> bool:
    """Whether the active profile draws the same examples on every run."""
    return settings().derandomize


def shared(test: F) -> F:
    """Give a law test the shared seed, when the profile is derandomized."""
    return seed(SEED)(test) if derandomized() else test


def _random(pool: pl.DataFrame) -> random.Random:
    return random.Random(zlib.crc32(pool.write_csv().encode()))


def order_of(pool: pl.DataFrame) -> tuple[int, ...]:
    """A reordering of the pool rows, fixed by the pool's content (so tests keep sharing)."""
    order = list(range(pool.height))
    _random(pool).shuffle(order)
    return tuple(order)


def candidate_of(pool: pl.DataFrame) -> str | None:
    """One candidate id of the pool, fixed by the pool's content."""
    ids = sorted({c for cell in pool.get_column("asn_candidate") for c in candidate_ids(cell)})
    return _random(pool).choice(ids) if ids else None


def assert_holds(law: Law, case: Case) -> None:
    """Fail with every violation ``law`` finds in ``case``."""
    problems = law(case)
    assert not problems, f"{law.__name__}:\n" + "\n".join(problems)
