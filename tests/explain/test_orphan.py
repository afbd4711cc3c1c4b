"""An orphaned corpus row is explained correctly, and its reason is written by --save-orphans."""

from __future__ import annotations

from pathlib import Path

import polars as pl

from asnfp import explain
from asnfp.cli import main
from asnfp.explain import AttrFailure, RowExplanation, reasons_for
from asnfp.explain.core import closest
from asnfp.generator import generate_result, load_source
from asnfp.orphans import orphan_table

from .helpers import POOLS, edit_row, exposure_types, members_by_rule, pool_frame, really_fails

POOL = "pool_018_all_exptypes"
ORPHAN = "jw_00065_uncal.fits"
"""An FGS sky flat: no rule takes it; Asn_Lv2FGS only wants another exposure type."""


def _orphan() -> tuple[pl.DataFrame, int, RowExplanation]:
    frame = pool_frame(POOL)
    (row,) = explain(frame, ORPHAN).rows
    return frame, row.index, row


def _orphans(frame: pl.DataFrame) -> tuple[int, ...]:
    return load_source(frame).bind(generate_result).unwrap().orphans


def test_the_orphan_is_one_and_every_reported_failure_really_fails() -> None:
    frame, idx, row = _orphan()
    assert row.orphan and idx in _orphans(frame)
    assert all(v.status != "selected" for v in row.verdicts)
    cells, exposure = frame.row(idx, named=True), exposure_types(frame)[idx]
    reported = [(v.rule, f) for v in row.verdicts for f in v.failures]
    assert len(reported) > len(row.verdicts)
    assert [(rule, f) for rule, f in reported if not really_fails(f, cells, exposure)] == []


def test_the_closest_rule_is_named_with_its_failing_condition() -> None:
    _, _, row = _orphan()
    nearest = closest(row.verdicts)
    assert nearest is not None and nearest.rule == "Asn_Lv2FGS"
    assert nearest.failures == (
        AttrFailure(
            condition=nearest.failures[0].condition,
            name="exp_type",
            sources=("exp_type",),
            column="exp_type",
            value="fgs_skyflat",
            wanted="fgs_image|fgs_focus",
            kind="mismatch",
            row_only=True,
            fix={"exp_type": "fgs_image"},
        ),
    )
    assert nearest.fix == {"exp_type": "fgs_image"}
    assert row.reason == (
        "Asn_Lv2FGS (1 failing): exp_type = fgs_skyflat, wanted fgs_image|fgs_focus"
    )


def test_setting_the_wanted_value_makes_the_closest_rule_select_the_row() -> None:
    frame, idx, row = _orphan()
    nearest = closest(row.verdicts)
    assert nearest is not None and nearest.fix is not None
    edited = edit_row(frame, idx, nearest.fix)
    assert idx in members_by_rule(edited, ["Asn_Lv2FGS"])["Asn_Lv2FGS"]
    assert idx not in _orphans(edited)
    (after,) = explain(edited, ORPHAN).rows
    assert "Asn_Lv2FGS" in {v.rule for v in after.verdicts if v.status == "selected"}


def test_every_row_only_fix_of_the_orphan_makes_its_rule_select_it() -> None:
    frame, idx, row = _orphan()
    fixes = {v.rule: v.fix for v in row.verdicts if v.fix is not None}
    assert len(fixes) > 10
    for rule, fix in fixes.items():
        assert idx in members_by_rule(edit_row(frame, idx, fix), [rule]).get(rule, set()), rule


def test_save_orphans_writes_the_reason_column(tmp_path: Path) -> None:
    assert main(["generate", str(POOLS / f"{POOL}.csv"), "-p", str(tmp_path),
                 "--save-orphans"]) == 0
    table = pl.read_csv(tmp_path / "orphaned.csv", separator="|", infer_schema=False)
    frame = pool_frame(POOL)
    assert table.columns == [*frame.columns, "reason"]
    orphans = _orphans(frame)
    assert table.get_column("filename").to_list() == [frame["filename"][i] for i in orphans]
    reasons = dict(zip(table["filename"], table["reason"], strict=True))
    assert reasons[ORPHAN] == _orphan()[2].reason
    assert all(reason for reason in table["reason"])


def test_the_orphan_table_without_reasons_is_unchanged() -> None:
    frame = pl.DataFrame({"filename": ["a", "b|c"], "exp_type": ["x", "y"]})
    assert orphan_table(frame, [1]) == 'filename|exp_type\n"b|c"|y\n'
    assert orphan_table(frame, [1], reasons=["r|s"]) == (
        'filename|exp_type|reason\n"b|c"|y|"r|s"\n'
    )


def test_a_reason_for_a_row_that_is_no_orphan_says_so() -> None:
    frame = pool_frame("pool_002_image_miri")
    (reason,) = reasons_for(frame, [0])
    assert reason.startswith("not an orphan with these generation options; closest: ")
    assert "Asn_Lv2Image took the row, then written as jw99009-o001_image2_00008_asn" in reason
