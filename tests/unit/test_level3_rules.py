"""Level 3 product-name templates and the nodded fixed-slit background step."""

from __future__ import annotations

from asnfp.association import Level3Association, Member, Product
from asnfp.rules import naming
from asnfp.rules.level3.spectroscopy import LV3_SPECTRAL_TARGET, make_fixedslit_bkg
from asnfp.rules.rule import Finalizing, NameParts

PARTS = NameParts(
    program="99009",
    acid="c1000",
    target="t001",
    instrument="NIRSpec",
    opt_elem="f100lp-g140m",
    slit_name="s200a1-s200a2",
    subarray="sub200a1",
    pinned={},
)
FULL_FRAME = NameParts(
    program="99009",
    acid="o001",
    target="t002",
    instrument="miri",
    opt_elem="p750l",
    slit_name="",
    subarray="",
    pinned={},
)


def test_generic_and_wfss_names() -> None:
    name = "jw99009-c1000_t001_nirspec_f100lp-g140m-s200a1-s200a2-sub200a1"
    assert naming.generic(PARTS) == name
    assert naming.wfss(PARTS) == name
    assert naming.generic(FULL_FRAME) == "jw99009-o001_t002_miri_p750l"


def test_noopt_name_has_no_optical_path() -> None:
    assert naming.noopt(PARTS) == "jw99009-c1000_t001_nirspec"


def test_source_names_keep_their_placeholders() -> None:
    assert naming.sources(PARTS) == (
        "jw99009-c1000_{source_id}_nirspec_f100lp-g140m-s200a1-s200a2-sub200a1"
    )
    assert naming.sources(FULL_FRAME) == "jw99009-o001_{source_id}_miri_p750l"
    assert naming.nrsfs_sources(PARTS) == (
        "jw99009-c1000_t001-{source_id}_nirspec_f100lp-g140m-{slit_name}-sub200a1"
    )
    assert naming.nrsfs_sources(FULL_FRAME) == (
        "jw99009-o001_t002-{source_id}_miri_p750l-{slit_name}"
    )


def test_coronagraphic_image_name_drops_the_slit() -> None:
    assert naming.coronimage(PARTS) == "jw99009-c1000_t001_nirspec_f100lp-g140m-sub200a1-image3"
    assert naming.coronimage(FULL_FRAME) == "jw99009-o001_t002_miri_p750l-image3"


def _member(n: int, exptype: str = "science", exposerr: str | None = None) -> Member:
    return Member(
        expname=f"jw99009001001_01101_{n:05d}_mirimage_cal.fits",
        exptype=exptype,
        exposerr=exposerr,
        asn_candidate="[('o001', 'observation')]",
    )


def _state(
    members: tuple[Member, ...],
    *,
    patterns: tuple[str, ...] = (r"2\-point\-nod",),
    valid: bool = True,
) -> Finalizing:
    asn = Level3Association(
        asn_type="spec3",
        asn_rule="candidate_Asn_Lv3SpectralTarget",
        products=(Product(name="jw99009-o001_t001_miri_p750l", members=members),),
    )
    return Finalizing(
        asn=asn,
        rows=tuple({"filename": m.expname} for m in members),
        acid_type="observation",
        valid=valid,
        found={"patttype_spectarg": patterns},
        parts=FULL_FRAME,
    )


def test_nodded_science_gets_x1d_backgrounds_after_every_member() -> None:
    members = (_member(1), _member(2, "target_acquisition"), _member(3, exposerr="bad"))
    (result,) = make_fixedslit_bkg(_state(members))
    assert result.asn.products[0].members == (
        *members,
        Member(
            expname="jw99009001001_01101_00001_mirimage_x1d.fits",
            exptype="background",
            exposerr=None,
            asn_candidate="[('o001', 'observation')]",
        ),
        Member(
            expname="jw99009001001_01101_00003_mirimage_x1d.fits",
            exptype="background",
            exposerr="bad",
            asn_candidate="[('o001', 'observation')]",
        ),
    )
    assert result.rows[3:] == (None, None)


def test_without_nods_or_a_second_science_nothing_is_added() -> None:
    pair = (_member(1), _member(2))
    single = (_member(1), _member(2, "target_acquisition"))
    assert make_fixedslit_bkg(_state(pair, patterns=("along-slit-dither",))) == (
        _state(pair, patterns=("along-slit-dither",)),
    )
    assert make_fixedslit_bkg(_state(pair, patterns=(r"2\-POINT\-NOD",)))[0].asn == (
        _state(pair).asn
    )
    assert make_fixedslit_bkg(_state(single)) == (_state(single),)


def test_invalid_associations_are_dropped() -> None:
    assert make_fixedslit_bkg(_state((_member(1), _member(2)), valid=False)) == ()


def test_spectral_target_skips_the_multi_observation_check() -> None:
    assert LV3_SPECTRAL_TARGET.finalize is make_fixedslit_bkg
    assert not LV3_SPECTRAL_TARGET.multi_observation
