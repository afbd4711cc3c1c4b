"""Level 2b general spectroscopy rules: ``spec2`` and ``tso-spec2``."""

from __future__ import annotations

from asnfp.constraints import Group, Node, all_of, any_of, attr, none_of, row_test
from asnfp.rules import blocks
from asnfp.rules.level2._imprints import prune_imprints_if_valid
from asnfp.rules.rule import Rule, Validity

LEVEL2_VALIDITY: tuple[Validity, ...] = ("has_science", "allowed_candidates")


def _not_tso_or_nod() -> Group:
    """Neither a time series nor a nod pattern (those have rules of their own)."""
    return none_of(
        blocks.tso(),
        attr("patttype", "patttype", "2-point-nod|4-point-nod|along-slit-nod"),
    )


def _background_or_same_tile() -> Group:
    """Any background target; otherwise an imprint or the science, of one mosaic tile."""
    return any_of(
        blocks.level2_background(),
        all_of(
            any_of(blocks.level2_imprint(), blocks.single_science()),
            attr("mostilno", "mostilno"),
        ),
    )


def _special_or_imprint() -> Group:
    """An imprint taken with this special exposure, or the special exposure itself."""
    return any_of(blocks.imprint_special(), blocks.single_science())


def _excluded(exp_type: str, condition: Node) -> Group:
    """Not an exposure of type ``exp_type`` meeting ``condition``."""
    return none_of(all_of(attr("exp_type", "exp_type", exp_type), condition))


LV2_SPEC = Rule(
    name="Asn_Lv2Spec",
    level=2,
    asn_type="spec2",
    doc="One non-TSO, non-nodded spectrum (MIRI MRS, NIRISS SOSS, NIRSpec IFU on a valid "
    "optical path, ...), with every background target of the same mode and the imprints of "
    "its mosaic tile; extra imprints are pruned. Pipeline: calwebb_spec2.",
    exposure="level2",
    validity=LEVEL2_VALIDITY,
    finalize=prune_imprints_if_valid,
    tree=all_of(
        blocks.level2_base(),
        blocks.level2_mode(),
        blocks.spectral_science(
            exclude=(
                "nis_wfss",
                "nrc_wfss",
                "nrs_fixedslit",
                "nrs_msaspec",
                "mir_lrs-slitless",
                "mir_lrs-fixedslit",
            )
        ),
        _background_or_same_tile(),
        _not_tso_or_nod(),
        row_test("nrsifu_valid_detector"),
    ),
)

LV2_SPEC_IMPRINT = Rule(
    name="Asn_Lv2SpecImprint",
    level=2,
    asn_type="spec2",
    doc="One imprint (leakcal) spectrum of any spectroscopic type, as science. "
    "Pipeline: calwebb_spec2.",
    exposure="special",
    validity=LEVEL2_VALIDITY,
    tree=all_of(
        blocks.level2_base(),
        blocks.level2_mode(),
        blocks.spectral_science(),
        blocks.single_science(),
        row_test("nrsifu_valid_detector"),
        attr("imprint", "is_imprt"),
    ),
)

LV2_SPEC_SPECIAL = Rule(
    name="Asn_Lv2SpecSpecial",
    level=2,
    asn_type="spec2",
    doc="One background-target or PSF spectrum, as science, with imprints of its mosaic tile "
    "(one per non-imprint offer in between); extra imprints are pruned. "
    "Pipeline: calwebb_spec2.",
    exposure="special",
    stateful=True,
    validity=LEVEL2_VALIDITY,
    finalize=prune_imprints_if_valid,
    tree=all_of(
        blocks.level2_base(),
        blocks.level2_mode(),
        blocks.spectral_science(),
        blocks.special(),
        row_test("nrsifu_valid_detector"),
        _special_or_imprint(),
    ),
)

LV2_SPEC_TSO = Rule(
    name="Asn_Lv2SpecTSO",
    level=2,
    asn_type="tso-spec2",
    doc="One time-series spectrum, except NIRCam TS-grism through the clear pupil, NIRSpec "
    "bright-object on an invalid optical path and NIRISS SOSS through an uncalibrated filter. "
    "Pipeline: calwebb_tso-spec2.",
    exposure="level2",
    validity=LEVEL2_VALIDITY,
    tree=all_of(
        all_of(
            blocks.level2_base(),
            blocks.level2_mode(),
            blocks.spectral_science(
                exclude=("nrs_msaspec", "nrs_fixedslit", "mir_lrs-slitless", "mir_lrs-fixedslit")
            ),
            blocks.single_science(),
            blocks.tso(),
        ),
        _excluded("nrc_tsgrism", attr("pupil", "pupil", "clear")),
        _excluded("nrs_brightobj", row_test("nrsfss_valid_detector", negate=True)),
        _excluded("nis_soss", row_test("nissoss_calibrated_filter", negate=True)),
    ),
)

RULES: tuple[Rule, ...] = (LV2_SPEC, LV2_SPEC_IMPRINT, LV2_SPEC_SPECIAL, LV2_SPEC_TSO)
