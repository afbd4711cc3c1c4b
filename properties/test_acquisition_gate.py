"""Associations the acquisition gate passes over would refuse the acquisition anyway.

For every rule with a gate, every target acquisition is offered to every association
built so far (rows replayed in pool order, in the discovery run). Wherever the gate says
the association cannot take the row, the full tree must refuse it: no match, no re-offer
and no change to the association.
"""

from __future__ import annotations

from pathlib import Path

import polars as pl
import pytest
from hypothesis import given, settings

from asnfp._core.building import Building
from asnfp._core.facts import with_facts
from asnfp._core.items import CompiledKinds, RowTable
from asnfp._core.runs import IDX, discovery_run
from asnfp.candidates import with_candidates
from asnfp.pool import read_pool
from asnfp.rules.registry import DEFAULT
from asnfp.testing import strategies

POOLS = Path(__file__).resolve().parents[1] / "tests" / "corpus" / "pools"


def _check_pool(pool: pl.DataFrame) -> int:
    """How many offers the gate skipped (each checked against the full tree)."""
    frame = with_facts(with_candidates(pool).unwrap().with_row_index(IDX))
    rows = RowTable(frame, (discovery_run(),))
    skipped = 0
    for order, rule in enumerate(DEFAULT):
        if not rule.creates or rule.stateful:
            continue
        compiled = CompiledKinds(rule, order).get("discovery")
        gate = compiled.acquisition_gate
        if gate is None:
            continue
        built: list[Building] = []
        for idx in range(frame.height):
            row = rows.raw(idx)
            gated = row.exposure == "target_acquisition" and gate.rule_branch_fails(row)
            takers = gate.takers(row, built) if gated else built
            for building in built:
                if not any(building is taker for taker in takers):
                    before = (dict(building.committed), len(building.members))
                    assert building.offer(row) == (False, ()), (rule.name, idx)
                    assert (dict(building.committed), len(building.members)) == before
                    skipped += 1
                else:
                    building.offer(row)
            fresh = Building(compiled, idx, "discovered")
            if fresh.offer(row)[0]:
                built.append(fresh)
    return skipped


@pytest.mark.parametrize("name", ["mega_pool", "synth_ta"])
def test_skipped_offers_are_refused_on_corpus_pools(name: str) -> None:
    assert _check_pool(read_pool(POOLS / f"{name}.csv")) > 0


def test_an_acquisition_that_joins_is_never_skipped() -> None:
    # Its observation number is one the image association recorded.
    assert _check_pool(read_pool(POOLS / "synth_tahaz.csv")) == 0


@given(strategies.pools(max_scenes=4))
@settings(max_examples=40, deadline=None)
def test_skipped_offers_are_refused(pool: pl.DataFrame) -> None:
    _check_pool(pool)
