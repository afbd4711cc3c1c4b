"""Level 3 time-series rule: ``tso3``."""

from __future__ import annotations

from asnfp.constraints import Group, all_of, attr, none_of, row_test
from asnfp.rules import blocks, naming
from asnfp.rules.rule import Rule

_DHS_SUBARRAYS = (
    "sub260stripe4_dhs", "sub41stripe1_dhs", "sub82stripe2_dhs", "sub164stripe4_dhs",
)  # fmt: skip


def _not_engineering_grism() -> Group:
    """Not a NIRCam TS-grism with a clear or DHS pupil or on NRCBLONG, and not a DHS subarray."""
    return none_of(
        all_of(
            attr("restricted_grism", "exp_type", "nrc_tsgrism"),
            attr("grism_clear", "pupil", "clear|gdhs0|gdhs60"),
        ),
        all_of(
            attr("restricted_ts", "exp_type", "nrc_tsgrism"),
            attr("module", "detector", "nrcblong"),
        ),
        attr("subarray", "subarray", _DHS_SUBARRAYS),
    )


def _not_invalid_soss() -> Group:
    """Not a NIRISS SOSS exposure with one integration or an uncalibrated filter."""
    return none_of(
        all_of(attr("exp_type", "exp_type", "nis_soss"), attr("nints", "nints", "1")),
        all_of(
            attr("exp_type", "exp_type", "nis_soss"),
            row_test("nissoss_calibrated_filter", negate=True),
        ),
    )


def _not_dark_bots() -> Group:
    """Not a NIRSpec bright-object exposure whose slit path puts no light on its detector."""
    return none_of(
        all_of(
            attr("exp_type", "exp_type", "nrs_brightobj"),
            row_test("nrsfss_valid_detector", negate=True),
        )
    )


LV3_TSO = Rule(
    name="Asn_Lv3TSO",
    level=3,
    asn_type="tso3",
    doc="Time-series science of one target, exposure type and optical path, in observation "
    "candidates; no IFU, engineering NIRCam grism, single-integration or uncalibrated SOSS, "
    "or dark-detector BOTS. Pipeline: calwebb_tso3.",
    exposure="level3",
    validity=("has_science", "is_type_observation"),
    multi_observation=True,
    product_name=naming.generic,
    tree=blocks.science(
        all_of(
            blocks.level3_target(),
            blocks.optical_path(),
            blocks.tso(),
            attr("exp_type", "exp_type"),
            none_of(blocks.ifu()),
            _not_engineering_grism(),
            _not_invalid_soss(),
            _not_dark_bots(),
        )
    ),
)

RULES: tuple[Rule, ...] = (LV3_TSO,)
