"""A corpus row that several rules select is explained correctly."""

from __future__ import annotations

import polars as pl

from asnfp import explain, generate
from asnfp.association import file_stem
from asnfp.explain import Kept, Removed, RowExplanation

from .helpers import edit_row, exposure_types, members_by_rule, pool_frame, really_fails

POOL = "pool_002_image_miri"
ROW = "jw_00001_uncal.fits"


def _row() -> tuple[pl.DataFrame, RowExplanation]:
    frame = pool_frame(POOL)
    (row,) = explain(frame, ROW).rows
    return frame, row


def test_the_selecting_rules_are_those_whose_associations_took_the_row() -> None:
    frame, row = _row()
    selected = {v.rule for v in row.verdicts if v.status == "selected"}
    taken = {rule for rule, rows in members_by_rule(frame).items() if row.index in rows}
    assert selected == taken == {
        "Asn_Lv2Image", "Asn_Lv2WFSSMIR", "Asn_Lv3Image", "Asn_Lv3ImageMosaic"
    }
    assert not row.orphan and row.reason is None


def test_kept_fates_are_exactly_the_written_associations_holding_the_row() -> None:
    frame, row = _row()
    written = {file_stem(asn): asn for asn in generate(frame)}
    holding = {
        (name, product.name, member.exptype)
        for name, asn in written.items()
        for product in asn.products
        for member in product.members
        if member.expname.startswith("jw_00001_")
    }
    kept = {
        (fate.name, fate.product, fate.exptype)
        for v in row.verdicts
        for m in v.memberships
        for fate in m.fates
        if isinstance(fate, Kept)
    }
    assert kept == holding
    assert len(kept) == 2


def test_removed_fates_name_the_step_and_why() -> None:
    _, row = _row()
    removed = {
        (v.rule, m.candidate, fate.step, fate.why, fate.by)
        for v in row.verdicts
        for m in v.memberships
        for fate in m.fates
        if isinstance(fate, Removed)
    }
    assert removed == {
        ("Asn_Lv2WFSSMIR", "o001", "validity", "has_science: no science member", None),
        ("Asn_Lv3Image", "a3001", "duplicate_association",
         "the same members as a kept association", "jw99009-o001_image3_00001_asn"),
        ("Asn_Lv3ImageMosaic", "a3001", "validity",
         "is_type_mosaic: candidate type discovered, not mosaic", None),
        ("Asn_Lv3ImageMosaic", "o001", "validity",
         "is_type_mosaic: candidate type observation, not mosaic", None),
    }
    wfss = next(v for v in row.verdicts if v.rule == "Asn_Lv2WFSSMIR")
    assert [m.exptype for m in wfss.memberships] == ["direct_image"]


def test_failures_of_the_other_rules_really_fail_and_their_fixes_select() -> None:
    frame, row = _row()
    cells, exposure = frame.row(row.index, named=True), exposure_types(frame)[row.index]
    missed = [v for v in row.verdicts if v.status == "not_selected"]
    assert len(missed) > 30 and all(v.failures for v in missed)
    assert [(v.rule, f) for v in missed for f in v.failures
            if not really_fails(f, cells, exposure)] == []
    fixed = [v for v in missed if v.fix is not None]
    assert len(fixed) > 20
    for verdict in fixed:
        assert verdict.fix is not None
        edited = edit_row(frame, row.index, verdict.fix)
        assert row.index in members_by_rule(edited, [verdict.rule]).get(verdict.rule, set())


def test_a_finalize_step_that_drops_the_row_names_the_association_written_without_it() -> None:
    frame = pool_frame("pool_019_niriss_wfss")
    (row,) = explain(frame, ROW).rows
    written = {file_stem(asn): asn for asn in generate(frame)}
    wfss = next(v for v in row.verdicts if v.rule == "Asn_Lv2WFSSNIS")
    fates = [fate for m in wfss.memberships for fate in m.fates]
    assert {m.exptype for m in wfss.memberships} == {"direct_image"}
    assert len(fates) > 1 and all(isinstance(f, Removed) for f in fates)
    for fate in fates:
        assert isinstance(fate, Removed) and fate.step == "rule_finalize"
        assert fate.why == "catalog_step.step left this exposure out of its members"
        assert fate.by is not None
        members = [m.expname for p in written[fate.by].products for m in p.members]
        assert not any(name.startswith("jw_00001_") for name in members)
