"""Invariant 8, round trip: loading the text ``dump`` writes gives the association back."""

from __future__ import annotations

from typing import Any, cast

import polars as pl
import pytest
from hypothesis import given
from hypothesis import strategies as st

from asnfp import Association, dump
from asnfp.io import loads
from asnfp.testing.laws import Case, files_round_trip
from properties._shared import LAW_POOLS, assert_holds, shared

pytestmark = pytest.mark.xdist_group("laws")
"""The law tests share generated pools: keep them on one worker."""


@shared
@given(LAW_POOLS)
def test_generated_associations_round_trip(pool: pl.DataFrame) -> None:
    """Every association generated from a pool reads back equal from its file text."""
    assert_holds(files_round_trip, Case(pool))


@given(st.from_type(cast(Any, Association)))
def test_any_association_round_trips(asn: Association) -> None:
    """So does any association struct, free text and all (``st.from_type`` uses the
    strategies ``asnfp.testing`` registers); the file name carries the sequence number."""
    name, text = dump(asn)
    assert loads(text, name=name).unwrap() == asn
