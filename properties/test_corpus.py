"""Every law on every corpus pool, whole.

asnfp writes the reference's files for every corpus pool (``tests/conformance``), so a law
asnfp keeps here the reference keeps too. The laws that rerun generation (determinism, row
order, subsetting) run on corpus pools through the law tests' corpus subsets, and on whole
corpus pools against the reference with ``properties/reference_laws.py``: the whole pools
would cost this suite a minute.
"""

from __future__ import annotations

import pytest

from asnfp.testing.laws import (
    Case,
    files_round_trip,
    members_belong_to_candidate,
    members_derive_from_rows,
    members_share_group_keys,
    memberships_are_unique,
    product_names_are_unique,
)
from properties._corpus import NAMES, frame
from properties._shared import assert_holds

SINGLE_RUN_LAWS = (
    members_derive_from_rows,
    memberships_are_unique,
    members_belong_to_candidate,
    members_share_group_keys,
    product_names_are_unique,
    files_round_trip,
)


@pytest.mark.xdist_group("corpus")
@pytest.mark.parametrize("name", NAMES)
def test_corpus_pool_keeps_laws(name: str) -> None:
    """Provenance, unique memberships, candidate fidelity, grouping, product names and
    round trips hold on the whole pool."""
    case = Case(frame(name))
    for law in SINGLE_RUN_LAWS:
        assert_holds(law, case)
