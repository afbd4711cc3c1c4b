"""Invariant 2, row order: permuting pool rows keeps what is made, not how it is numbered."""

from __future__ import annotations

import polars as pl
import pytest
from hypothesis import given

from asnfp.testing.laws import Case, output_is_order_independent
from properties._shared import LAW_POOLS, assert_holds, order_of, shared

pytestmark = pytest.mark.xdist_group("laws")
"""The law tests share generated pools: keep them on one worker."""


@shared
@given(LAW_POOLS)
def test_row_order_keeps_associations(pool: pl.DataFrame) -> None:
    """Reordering the rows keeps the set of file names and the set of (type, candidate,
    product name, member set); sequence numbers and member order may move.

    The reordering is fixed by the pool's content, so every law test sees the same pools.
    """
    assert_holds(output_is_order_independent, Case(pool, permutation=order_of(pool)))
