"""Invariant 10, differential: on generated pools, asnfp writes the reference's files.

The reference (``jwst`` 3.0.0) runs in this process. Each example costs it a few seconds,
so this property draws fewer, larger pools than the others. The modes are dealt into five
groups; each group gets five examples, pools with one scene of every mode of the group
(rows in a drawn order), so every mode is drawn five times. Over those examples every default rule
that makes associations must make at least one (in a derandomized profile), or the
strategies prove nothing about it.
"""

from __future__ import annotations

import json

import polars as pl
import pytest
from hypothesis import given, seed, settings
from hypothesis import strategies as st

from asnfp.io import dump
from asnfp.rules.registry import DEFAULT
from asnfp.testing import strategies
from asnfp.testing.laws import asnfp_generator
from properties._shared import derandomized

TOURS = 5
"""The modes are dealt into this many groups (``MODES[i::TOURS]``)."""

EXAMPLES_PER_TOUR = 5
"""Examples per group: ``TOURS * EXAMPLES_PER_TOUR`` differential examples in all."""

SEED = 1
"""The seed of the differential examples in derandomized profiles (plus the group index)."""


def tour_pools(tour: int) -> st.SearchStrategy[pl.DataFrame]:
    """Pools with one scene of every mode of group ``tour``, rows in a drawn order."""
    group = strategies.MODES[tour::TOURS]
    return strategies.pools(group, min_scenes=len(group), max_scenes=len(group),
                            max_exposures=1, distinct_modes=True, shuffle=True)  # fmt: skip


CREATING_RULES = frozenset(rule.name for rule in DEFAULT if rule.creates)
"""Every default rule that can make an association (all but ``Asn_Lv3ACQ_Reprocess``)."""


def _normalised(texts: dict[str, str]) -> dict[str, object]:
    """Parsed files without ``constraints`` and ``code_version`` (the corpus rules)."""
    found: dict[str, object] = {}
    for name, text in texts.items():
        document = json.loads(text)
        document.pop("constraints", None)
        document.pop("code_version", None)
        found[name] = document
    return found


def _rule(document: object) -> str:
    assert isinstance(document, dict)
    return str(document["asn_rule"]).partition("_")[2]


@pytest.mark.xdist_group("reference")
def test_generated_pools_match_reference() -> None:
    """asnfp and the reference write the same file names and the same files (but for
    ``constraints`` and ``code_version``) for every drawn pool."""
    pytest.importorskip("jwst.associations")
    from properties._reference import reference_texts

    made: set[str] = set()
    runs = 0

    def compare(pool: pl.DataFrame) -> None:
        nonlocal runs
        runs += 1
        want = _normalised(reference_texts(pool))
        got = _normalised(dict(dump(asn) for asn in asnfp_generator()(pool, None)))
        assert sorted(got) == sorted(want)
        for name, document in want.items():
            assert got[name] == document, name
        made.update(_rule(document) for document in want.values())

    for tour in range(TOURS):
        run = settings(max_examples=EXAMPLES_PER_TOUR)(given(tour_pools(tour))(compare))
        (seed(SEED + tour)(run) if derandomized() else run)()
    assert runs >= 20
    if derandomized():
        assert not CREATING_RULES - made, f"rules no example reached: {CREATING_RULES - made}"
