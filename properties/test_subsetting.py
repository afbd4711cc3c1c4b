"""Invariant 9, subsetting: a run for one candidate (``-i X``) and the full run agree."""

from __future__ import annotations

import polars as pl
import pytest
from hypothesis import given

from asnfp.testing.laws import Case, candidate_runs_are_subsets
from properties._shared import LAW_POOLS, assert_holds, candidate_of, shared

pytestmark = pytest.mark.xdist_group("laws")
"""The law tests share generated pools: keep them on one worker."""


@shared
@given(LAW_POOLS)
def test_candidate_run_is_part_of_full_run(pool: pl.DataFrame) -> None:
    """``-i X`` makes every association of X the full run keeps; each other one it makes is
    pruned from the full run for another of the same membership, or of the same product
    name and more members (the full run prunes across candidates, ``-i X`` within X).
    Files are compared without their ``constraints`` text."""
    assert_holds(candidate_runs_are_subsets, Case(pool, candidate=candidate_of(pool)))
