"""Invariant 3, provenance: members are named after pool rows by the rules' transforms."""

from __future__ import annotations

import polars as pl
import pytest
from hypothesis import given

from asnfp.testing.laws import Case, members_derive_from_rows
from properties._shared import LAW_POOLS, assert_holds, shared

pytestmark = pytest.mark.xdist_group("laws")
"""The law tests share generated pools: keep them on one worker."""


@shared
@given(LAW_POOLS)
def test_members_derive_from_rows(pool: pl.DataFrame) -> None:
    """Every member is ``<row stem>_<suffix>.fits`` with the suffix its level and exposure
    give (``rate``/``rateints``; ``cal``, ``rate`` or ``x1d``, maybe ``ints``), or one of the
    three WFSS catalog products named after a direct image of the pool."""
    assert_holds(members_derive_from_rows, Case(pool))
