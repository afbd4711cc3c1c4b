"""Invariant 7: product names are unique within a run, except for the duplicates the
reference keeps."""

from __future__ import annotations

import polars as pl
import pytest
from hypothesis import given

from asnfp import dump
from asnfp.testing.laws import Case, product_names_are_unique
from properties._corpus import frame
from properties._shared import LAW_POOLS, assert_holds, shared

pytestmark = pytest.mark.xdist_group("laws")
"""The law tests share generated pools: keep them on one worker."""


@shared
@given(LAW_POOLS)
def test_product_names_are_unique(pool: pl.DataFrame) -> None:
    """Two associations of one level share a product name only where the reference's
    pruning keeps both: the same number of members (two WFS&C visits of one activity,
    ``rate`` beside ``rateints``), a member typed differently in each, or a product listing
    one expname twice. A product with fewer members never survives beside a namesake that
    only adds members. Holds for Level 2 as well as Level 3."""
    assert_holds(product_names_are_unique, Case(pool))


def test_corpus_duplicate_names_are_same_size_pairs() -> None:
    """``jw00632_dups`` keeps two ``wfs-image3`` files with one product name: two visits of
    one WFS&C activity, two members each, no member in common."""
    made = Case(frame("jw00632_dups")).associations
    level3 = [a for a in made if a.asn_type == "wfs-image3"]
    names = [dump(a)[0] for a in level3]
    assert names == ["jw00632-o003_wfs-image3_00001_asn.json",
                     "jw00632-o003_wfs-image3_00002_asn.json"]  # fmt: skip
    first, second = (a.products[0] for a in level3)
    assert first.name == second.name
    assert len(first.members) == len(second.members) == 2
    assert not {m.expname for m in first.members} & {m.expname for m in second.members}
    assert_holds(product_names_are_unique, Case(frame("jw00632_dups")))
