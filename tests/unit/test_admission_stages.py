"""Admission bounds computed as layered columns (all, or only those read in several places)
equal the same bounds as whole trees."""

from __future__ import annotations

from pathlib import Path

import polars as pl
import pytest

from asnfp._core.admission import AdmissionCompiler, Stages, distinct_values
from asnfp._core.engine import _cached_plan, admission_plan, admission_table
from asnfp._core.facts import with_facts
from asnfp._core.runs import IDX
from asnfp.candidates import with_candidates
from asnfp.pool import read_pool_file
from asnfp.rules.registry import DEFAULT

POOLS = Path(__file__).parents[1] / "corpus" / "pools"


def _frame(name: str) -> pl.DataFrame:
    read = read_pool_file(POOLS / name).unwrap()
    return with_facts(with_candidates(read.frame).unwrap().with_row_index(IDX))


def _bounds(frame: pl.DataFrame, *, staged: bool, planned: bool = False) -> pl.DataFrame:
    stages = Stages() if staged else None
    columns: dict[str, pl.Expr] = {}
    compiler = AdmissionCompiler(stages=stages)
    if planned:
        # Only bounds read in several places become columns; the rest stay inline.
        for creation in (False, True):
            for rule in DEFAULT:
                for upper in (False, True):
                    compiler.plan(rule.tree, rule, creation=creation, upper=upper)
    for creation in (False, True):
        for order, rule in enumerate(DEFAULT):
            low, high = compiler.bounds(rule.tree, rule, creation=creation)
            columns[f"low{order}_{creation}"] = low
            columns[f"high{order}_{creation}"] = high
    values, tests = compiler.pool_columns(frame, distinct_values(frame))
    lazy = frame.lazy().with_columns(**values).with_columns(**tests)
    if stages is not None:
        lazy = stages.evaluate(lazy)
    return lazy.select(**columns).collect()


@pytest.mark.parametrize("pool", ["mega_pool.csv", "jw87800_20180412T163456_pool.csv"])
def test_staged_bounds_equal_whole_trees(pool: str) -> None:
    frame = _frame(pool)
    staged = _bounds(frame, staged=True)
    assert staged.equals(_bounds(frame, staged=False))
    assert staged.equals(_bounds(frame, staged=True, planned=True))
    # Some rule admits some rows and refuses others: the comparison is not vacuous.
    assert any(0 < staged.get_column(c).sum() < frame.height for c in staged.columns)


def test_one_plan_serves_every_pool() -> None:
    # The plan is made once per rule list and holds nothing of a pool: after serving
    # one pool, it gives another the table a plan made for that pool alone gives.
    plan = admission_plan(DEFAULT)
    assert admission_plan(list(DEFAULT)) is plan
    first = _frame("mega_pool.csv")
    admission_table(first, DEFAULT)
    for name in ("jw87800_20180412T163456_pool.csv", "synth_wild.csv"):
        frame = _frame(name)
        assert admission_plan(DEFAULT) is plan
        served = admission_table(frame, DEFAULT)
        _cached_plan.cache_clear()  # the next table comes from a plan made for this pool
        expected = admission_table(frame, DEFAULT)
        assert admission_plan(DEFAULT) is not plan
        assert served.equals(expected)
        assert expected.height == frame.height
        plan = admission_plan(DEFAULT)
        admission_table(first, DEFAULT)


def test_layers_read_only_earlier_layers() -> None:
    stages = Stages()
    a = stages.add(pl.col("x") > 1)
    b = stages.add(pl.col("y").is_null())
    both = stages.add(a & b)
    top = stages.add(~both | a)
    assert [sorted(layer) for layer in stages.layers] == [
        ["_bound0", "_bound1"], ["_bound2"], ["_bound3"]
    ]
    assert stages.add(pl.lit(True)).meta.is_literal()
    frame = pl.DataFrame({"x": [0, 2, 3], "y": [None, None, 1]})
    result = stages.evaluate(frame.lazy()).select(top.alias("top")).collect()
    assert result.get_column("top").to_list() == [True, True, True]
    assert stages.evaluate(frame.lazy()).select(both).collect().to_series().to_list() == [
        False, True, False
    ]
