"""The replay's index of associations by pinned values finds exactly those a direct test would.

For every row, the index must return exactly the associations that ``Building.chain_refuses``
lets through (those whose pinned chain leaves all accept the row), in creation order, while
associations are created and pin more leaves.
"""

from __future__ import annotations

from pathlib import Path

import polars as pl
import pytest
from hypothesis import given, settings

from asnfp._core.building import Building
from asnfp._core.chain_index import ChainIndex
from asnfp._core.facts import with_facts
from asnfp._core.items import CompiledKinds, RowTable
from asnfp._core.runs import IDX, discovery_run
from asnfp.candidates import with_candidates
from asnfp.pool import read_pool
from asnfp.rules.registry import DEFAULT
from asnfp.testing import strategies

POOLS = Path(__file__).resolve().parents[1] / "tests" / "corpus" / "pools"


def _check_pool(pool: pl.DataFrame) -> int:
    frame = with_facts(with_candidates(pool).unwrap().with_row_index(IDX))
    rows = RowTable(frame, (discovery_run(),))
    compared = 0
    for order, rule in enumerate(DEFAULT):
        compiled = CompiledKinds(rule, order).get("discovery")
        if rule.stateful or not rule.creates:
            continue
        index = ChainIndex(compiled)
        built: list[Building] = []
        for idx in range(frame.height):
            row = rows.raw(idx)
            if compiled.acquisitions_bypass and row.exposure == "target_acquisition":
                found = list(built)  # offered to every association, as the replay does
            else:
                found = index.candidates(row)
                expected = [b for b in built if not b.chain_refuses(row)]
                assert found == expected, (rule.name, idx)
                compared += len(built)
            for building in found:
                if building.offer(row, screened=True)[0]:
                    index.update(building)
            fresh = Building(compiled, idx, "discovered")
            if fresh.offer(row)[0]:
                built.append(fresh)
                index.add(fresh)
    return compared


@pytest.mark.parametrize("name", ["mega_pool", "pool_004_wfs", "synth_tahaz"])
def test_index_agrees_with_the_direct_check_on_corpus_pools(name: str) -> None:
    pool = read_pool(POOLS / f"{name}.csv")
    assert _check_pool(pool) > 0


def test_index_follows_leaves_pinned_after_creation() -> None:
    """Row 0 leaves ``filter`` empty and the acquisition in row 1 pins it: an image like
    row 0 with another filter must no longer find that association."""
    pool = read_pool(POOLS / "synth_tahaz.csv")
    other = pool.slice(0, 1).with_columns(
        pl.lit("f444w").alias("filter"),
        pl.col("filename").str.replace("_uncal", "_x_uncal"),
    )
    assert _check_pool(pl.concat([pool, other])) > 0


@given(strategies.pools(max_scenes=4))
@settings(max_examples=40, deadline=None)
def test_index_agrees_with_the_direct_check(pool: pl.DataFrame) -> None:
    _check_pool(pool)
