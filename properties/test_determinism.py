"""Invariant 1, determinism: the same pool gives the same files, byte for byte."""

from __future__ import annotations

import polars as pl
import pytest
from hypothesis import given

from asnfp.testing.laws import Case, output_is_deterministic
from properties._shared import LAW_POOLS, assert_holds, shared

pytestmark = pytest.mark.xdist_group("laws")
"""The law tests share generated pools: keep them on one worker."""


@shared
@given(LAW_POOLS)
def test_same_pool_gives_same_files(pool: pl.DataFrame) -> None:
    """Two runs on one pool write the same file names and the same bytes.

    The reference keeps this within one process except for the ``constraints`` text, which
    holds function addresses; asnfp's ``constraints`` text is fixed, so asnfp is held to
    every byte.
    """
    assert_holds(output_is_deterministic, Case(pool))
