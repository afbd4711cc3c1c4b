"""The admission table never leaves out a row a rule would take.

Rows outside a rule's may-join bound are never offered to it, and rows outside its
may-start bound never start an association, so both bounds must hold every row the
rule's tree accepts. Rows are replayed in pool order (the discovery run): each is
offered to every association built so far and to a new one, and every acceptance is
checked against the bounds.
"""

from __future__ import annotations

from pathlib import Path

import polars as pl
import pytest
from hypothesis import given, settings

from asnfp._core.building import Building
from asnfp._core.engine import admission_table
from asnfp._core.facts import with_facts
from asnfp._core.items import CompiledKinds, RowTable
from asnfp._core.runs import IDX, discovery_run
from asnfp.candidates import with_candidates
from asnfp.pool import read_pool
from asnfp.rules.registry import DEFAULT
from asnfp.testing import strategies

POOLS = Path(__file__).resolve().parents[1] / "tests" / "corpus" / "pools"


def _check_pool(pool: pl.DataFrame) -> int:
    """How many acceptances were checked against the bounds."""
    frame = with_facts(with_candidates(pool).unwrap().with_row_index(IDX))
    table = admission_table(frame, DEFAULT)
    rows = RowTable(frame, (discovery_run(),))
    checked = 0
    for order, rule in enumerate(DEFAULT):
        if not rule.creates:
            continue
        may_join = table.get_column(f"_join{order}").to_list()
        may_start = table.get_column(f"_start{order}").to_list()
        compiled = CompiledKinds(rule, order).get("discovery")
        built: list[Building] = []
        for idx in range(frame.height):
            row = rows.raw(idx)
            for building in built:
                # A file already held is accepted unseen (pools may repeat a file name).
                held = row.filename in building.filenames
                if building.offer(row)[0] and not held:
                    assert may_join[idx], (rule.name, idx, "joined")
                    checked += 1
            fresh = Building(compiled, idx, "discovered")
            if fresh.offer(row)[0]:
                assert may_start[idx] and may_join[idx], (rule.name, idx, "started")
                checked += 1
                built.append(fresh)
    return checked


@pytest.mark.parametrize("name", ["mega_pool", "synth_wild", "synth_ta", "synth_bkg"])
def test_accepted_rows_are_admitted_on_corpus_pools(name: str) -> None:
    assert _check_pool(read_pool(POOLS / f"{name}.csv")) > 0


@given(strategies.pools(max_scenes=4))
@settings(max_examples=40, deadline=None)
def test_accepted_rows_are_admitted(pool: pl.DataFrame) -> None:
    _check_pool(pool)
