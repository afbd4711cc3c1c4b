"""Invariant 6, grouping: the members of one product agree on what their rule groups by."""

from __future__ import annotations

import polars as pl
import pytest
from hypothesis import given

from asnfp.testing.laws import Case, members_share_group_keys
from properties._shared import LAW_POOLS, assert_holds, shared

pytestmark = pytest.mark.xdist_group("laws")
"""The law tests share generated pools: keep them on one worker."""


@shared
@given(LAW_POOLS)
def test_members_share_group_keys(pool: pl.DataFrame) -> None:
    """Within a product, the science members of a Level 3 association, and every member of a
    Level 2 association except target acquisitions, agree on each key of their rule
    (``asnfp.testing._keys.DEFAULT_KEYS``, stated from the reference's rules).

    Narrowed where the reference is: S200A1/S200A2 slits never pin the slit; a key read from
    several columns (pupil or grating) agrees on the column it was first read from; the
    target does not bind in direct-image candidates (target ``000``).
    """
    assert_holds(members_share_group_keys, Case(pool))
