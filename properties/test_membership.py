"""Invariants 4 and 5: memberships are unique, and members belong to their candidate."""

from __future__ import annotations

import polars as pl
import pytest
from hypothesis import given

from asnfp.testing.laws import Case, members_belong_to_candidate, memberships_are_unique
from properties._shared import LAW_POOLS, assert_holds, shared

pytestmark = pytest.mark.xdist_group("laws")
"""The law tests share generated pools: keep them on one worker."""


@shared
@given(LAW_POOLS)
def test_no_two_associations_share_membership(pool: pl.DataFrame) -> None:
    """After pruning, no two associations of one level (so none of one type) have the same
    (expname, exptype) pairs. As in the reference's pruning, only first products count and
    a product listing one expname twice is not compared."""
    assert_holds(memberships_are_unique, Case(pool))


@shared
@given(LAW_POOLS)
def test_members_belong_to_their_candidate(pool: pl.DataFrame) -> None:
    """Every member of an association built for candidate X lists X in its row's
    ``asn_candidate``; discovered associations (``a3001``) are not checked."""
    assert_holds(members_belong_to_candidate, Case(pool))
