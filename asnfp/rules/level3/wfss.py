"""Level 3 wide-field slitless spectroscopy rules: ``spec3``."""

from __future__ import annotations

from asnfp.constraints import all_of, attr
from asnfp.rules import blocks, naming
from asnfp.rules.rule import Rule

LV3_WFSS_MIR = Rule(
    name="Asn_Lv3WFSSMIR",
    level=3,
    asn_type="spec3",
    doc="MIRI WFSS (P750L prism) exposures of one target. Pipeline: calwebb_spec3.",
    exposure="level3",
    validity=("has_science",),
    multi_observation=True,
    product_name=naming.wfss,
    tree=blocks.science(
        all_of(
            blocks.level3_target(),
            attr("exp_type", "exp_type", "mir_wfss"),
            attr("opt_elem", "filter", "P750L"),
        )
    ),
)

LV3_WFSS_NIS = Rule(
    name="Asn_Lv3WFSSNIS",
    level=3,
    asn_type="spec3",
    doc="NIRISS WFSS exposures of one target, grism (GR150R or GR150C) and pupil. "
    "Pipeline: calwebb_spec3.",
    exposure="level3",
    validity=("has_science",),
    multi_observation=True,
    product_name=naming.wfss,
    tree=blocks.science(
        all_of(
            blocks.level3_target(),
            attr("exp_type", "exp_type", "nis_wfss"),
            attr("opt_elem", "filter", "gr150r|gr150c"),
            attr("opt_elem2", "pupil"),
        )
    ),
)

LV3_WFSS_NRC = Rule(
    name="Asn_Lv3WFSSNRC",
    level=3,
    asn_type="spec3",
    doc="NIRCam WFSS exposures of one target, grism (GRISMR or GRISMC) and filter. "
    "Pipeline: calwebb_spec3.",
    exposure="level3",
    validity=("has_science",),
    multi_observation=True,
    product_name=naming.wfss,
    tree=blocks.science(
        all_of(
            blocks.level3_target(),
            attr("exp_type", "exp_type", "nrc_wfss"),
            attr("opt_elem", "pupil", "GRISMR|GRISMC"),
            attr("opt_elem2", "filter"),
        )
    ),
)

RULES: tuple[Rule, ...] = (LV3_WFSS_MIR, LV3_WFSS_NIS, LV3_WFSS_NRC)
