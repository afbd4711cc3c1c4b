"""The Level 2 WFSS finalize step: direct-image choice, catalog names, crash paths."""

from __future__ import annotations

from collections.abc import Mapping

import polars as pl
import pytest
from msgspec import UNSET

from asnfp import generate
from asnfp.association import Level2Association, Member, Product
from asnfp.errors import PoolContentError
from asnfp.rules.level2.wfss import (
    LV2_WFSS_PARALLEL,
    catalog_step,
    closest_after,
    direct_opt_elem,
    first_long,
)
from asnfp.rules.rule import Finalizing, NameParts

Cells = Mapping[str, str]


def _cells(name: str, exp_type: str, expspcin: str = "null", **extra: str) -> dict[str, str]:
    return {"filename": f"{name}_uncal.fits", "exp_type": exp_type, "expspcin": expspcin,
            "instrume": "niriss", "filter": "clear", "pupil": "f150w", **extra}


def _direct(name: str, expspcin: str = "null", **extra: str) -> tuple[Member, Cells]:
    member = Member(expname=f"{name}_rate.fits", exptype="direct_image", exposerr=None)
    return member, _cells(name, "nis_image", expspcin, **extra)


def _names(choice: tuple[Member, Cells]) -> str:
    return choice[0].expname


SCIENCE = _cells("jw_00002", "nis_wfss", "2")


def test_closest_after_takes_the_smallest_positive_difference() -> None:
    directs = [_direct("a", "1"), _direct("b", "5"), _direct("c", "3"), _direct("d", "3")]
    assert _names(closest_after(SCIENCE, directs)) == "c_rate.fits"


def test_closest_after_skips_unspecified_values() -> None:
    directs = [_direct("a", "1"), _direct("b", "null"), _direct("c", "4")]
    assert _names(closest_after(SCIENCE, directs)) == "c_rate.fits"


def test_closest_after_falls_back_to_the_first_direct() -> None:
    earlier = [_direct("a", "2"), _direct("b", "1")]
    assert _names(closest_after(SCIENCE, earlier)) == "a_rate.fits"
    far = [_direct("a", "1"), _direct("b", "10001")]
    assert _names(closest_after(SCIENCE, far)) == "a_rate.fits"
    unknown = _cells("jw_00002", "nis_wfss", "null")
    assert _names(closest_after(unknown, [_direct("a", "1"), _direct("b", "3")])) == "a_rate.fits"


def test_closest_after_reads_no_direct_when_the_science_has_no_index() -> None:
    unknown = _cells("jw_00002", "nis_wfss", "n")
    assert _names(closest_after(unknown, [_direct("a", "x")])) == "a_rate.fits"


@pytest.mark.parametrize(("science", "direct"), [("2", "x"), ("2.0", "3")])
def test_closest_after_refuses_a_non_integer_index(science: str, direct: str) -> None:
    with pytest.raises(PoolContentError) as raised:
        closest_after(_cells("jw_00002", "nis_wfss", science), [_direct("a", direct)])
    assert raised.value.column == "expspcin"


def test_first_long_prefers_a_long_wave_detector() -> None:
    directs = [_direct("jw_nrca1"), _direct("jw_nrcblong"), _direct("jw_nrcalong")]
    assert _names(first_long(SCIENCE, directs)) == "jw_nrcblong_rate.fits"
    assert _names(first_long(SCIENCE, directs[:1])) == "jw_nrca1_rate.fits"


def test_direct_opt_elem_sorts_filter_and_pupil() -> None:
    assert direct_opt_elem({"instrume": "niriss", "filter": "clear", "pupil": "f150w"}) == (
        "clear-f150w"
    )
    fallback = {"instrume": "nircam", "filter": "n/a", "band": "f444w", "grating": "clear"}
    assert direct_opt_elem(fallback) == "clear-f444w"


def test_direct_opt_elem_of_miri_is_the_raw_filter() -> None:
    assert direct_opt_elem({"instrume": "miri", "filter": "f560w"}) == "f560w"
    assert direct_opt_elem({"instrume": "miri", "filter": "null"}) == "null"
    assert direct_opt_elem({"instrume": "miri"}) == "clear"


@pytest.mark.parametrize(
    ("cells", "column"),
    [
        ({"instrume": "nircam", "filter": "null", "pupil": "clear"}, "filter"),
        ({"instrume": "nircam", "filter": "f444w", "pupil": "null"}, "pupil"),
    ],
)
def test_direct_opt_elem_refuses_a_missing_element(cells: dict[str, str], column: str) -> None:
    with pytest.raises(PoolContentError) as raised:
        direct_opt_elem(cells)
    assert raised.value.column == column


PARTS = NameParts(
    program="99009", acid="o001", target="t001", instrument="niriss", opt_elem="clear",
    slit_name="", subarray="wfss64\\.r", pinned={},
)


def _state(members: list[tuple[Member, Cells]], *, valid: bool = True) -> Finalizing:
    product = Product(name="jw_00002", members=tuple(m for m, _ in members))
    asn = Level2Association(asn_type="spec2", asn_rule="candidate_Asn_Lv2WFSSNIS",
                            program="99009", asn_id="o001", target="1", products=(product,))
    return Finalizing(asn=asn, rows=tuple(c for _, c in members), acid_type="observation",
                      valid=valid, found={}, parts=PARTS)


SCIENCE_MEMBER = (Member(expname="jw_00002_rate.fits", exptype="science", exposerr=None),
                  SCIENCE)


def test_catalog_members_replace_the_direct_images() -> None:
    step = catalog_step(closest_after)
    state = _state([_direct("jw_00001", "1"), SCIENCE_MEMBER,
                    _direct("jw_00003", "3", filter="f200w", pupil="clear")])
    (result,) = step(state)
    root = "jw99009-o001_t001_niriss_clear-f200w-wfss64\\.r"
    product = result.asn.products[0]
    assert product.name == "jw_00002"
    assert product.members == (
        SCIENCE_MEMBER[0],
        Member(expname=f"{root}_i2d.fits", exptype="direct_image"),
        Member(expname=f"{root}_cat.ecsv", exptype="sourcecat"),
        Member(expname=f"{root}_segm.fits", exptype="segmap"),
    )
    assert product.members[1].exposerr is UNSET
    assert product.members[1].asn_candidate is UNSET
    assert result.rows == (SCIENCE, None, None, None)


def test_catalog_step_drops_incomplete_or_invalid_associations() -> None:
    step = catalog_step(closest_after)
    assert step(_state([SCIENCE_MEMBER])) == ()
    assert step(_state([_direct("jw_00001", "3")])) == ()
    assert step(_state([SCIENCE_MEMBER, _direct("jw_00001", "3")], valid=False)) == ()


def test_catalog_step_fails_on_bad_values_even_when_invalid() -> None:
    step = catalog_step(closest_after)
    with pytest.raises(PoolContentError):
        step(_state([SCIENCE_MEMBER, _direct("jw_00001", "x")], valid=False))


def test_parallel_wfss_in_a_direct_image_candidate() -> None:
    candidate = "[('c1000', 'direct_image')]"
    pool = pl.DataFrame(
        {
            "filename": [f"jw_{n}_uncal.fits" for n in ("nrca1", "nrcblong", "grism")],
            "exp_type": ["nrc_image", "nrc_image", "nrc_wfss"],
            "pntgtype": ["science"] * 3,
            "program": ["99009"] * 3,
            "obs_num": ["001"] * 3,
            "instrume": ["nircam"] * 3,
            "detector": ["nrca1", "nrcblong", "nrcalong"],
            "filter": ["f150w", "f356w", "f356w"],
            "pupil": ["clear", "clear", "grismr"],
            "targetid": ["null"] * 3,
            "asn_candidate": [candidate] * 3,
        }
    )
    spec2 = [a for a in generate(pool, (LV2_WFSS_PARALLEL,)) if a.asn_type == "spec2"]
    root = "jw99009-c1000_t000_nircam_clear-f356w"
    assert [(a.asn_rule, a.asn_id, a.target) for a in spec2] == [
        ("discover_Asn_Lv2WFSSParallel", "a3001", "null"),
        ("candidate_Asn_Lv2WFSSParallel", "c1000", "null"),
    ]
    assert [m.expname for m in spec2[1].products[0].members] == [
        "jw_grism_rate.fits", f"{root}_i2d.fits", f"{root}_cat.ecsv", f"{root}_segm.fits",
    ]
