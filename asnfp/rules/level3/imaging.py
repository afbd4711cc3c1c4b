"""Level 3 imaging rules: ``image3`` and ``wfs-image3``, and target-acquisition re-offers."""

from __future__ import annotations

from asnfp.constraints import Check, all_of, attr, none_of
from asnfp.rules import blocks, naming
from asnfp.rules.rule import Rule

LV3_ACQ_REPROCESS = Rule(
    name="Asn_Lv3ACQ_Reprocess",
    level=3,
    asn_type="None",
    doc="Creates nothing: offers every target acquisition, last of all, to every "
    "association of its run.",
    exposure="level3",
    validity=("has_science",),
    creates=False,
    tree=all_of(
        blocks.target_acquisition(),
        Check(kind="never", name="force_fail", reprocess_on_fail="nonscience", all_rules=True),
    ),
)

LV3_IMAGE = Rule(
    name="Asn_Lv3Image",
    level=3,
    asn_type="image3",
    doc="Non-TSO, non-background images of one target, exposure type and optical path. "
    "Pipeline: calwebb_image3.",
    exposure="level3",
    validity=("has_science",),
    multi_observation=True,
    product_name=naming.generic,
    tree=blocks.science(
        all_of(
            blocks.optical_path(),
            blocks.level3_target(),
            blocks.image(),
            blocks.not_wfs_visit(),
            blocks.not_background_or_tso(),
        )
    ),
)

LV3_IMAGE_BACKGROUND = Rule(
    name="Asn_Lv3ImageBackground",
    level=3,
    asn_type="image3",
    doc="Background-target images of one target and optical path, as science. "
    "Pipeline: calwebb_image3.",
    exposure="auxdata",
    validity=("has_science",),
    multi_observation=True,
    product_name=naming.generic,
    tree=blocks.science(
        all_of(
            blocks.optical_path(),
            blocks.level3_target(),
            blocks.image(),
            blocks.not_wfs_visit(),
            attr("bkgdtarg", "bkgdtarg"),
            blocks.not_tso(),
        )
    ),
)

LV3_IMAGE_MOSAIC = Rule(
    name="Asn_Lv3ImageMosaic",
    level=3,
    asn_type="image3",
    doc="Images of a mosaic candidate sharing exposure type and optical path, any target. "
    "Pipeline: calwebb_image3.",
    exposure="level3",
    validity=("has_science", "is_type_mosaic"),
    multi_observation=True,
    product_name=naming.generic,
    tree=blocks.science(
        all_of(
            blocks.optical_path(),
            blocks.image(),
            blocks.not_wfs_visit(),
            blocks.not_background_or_tso(),
        )
    ),
)

LV3_WFSCMB = Rule(
    name="Asn_Lv3WFSCMB",
    level=3,
    asn_type="wfs-image3",
    doc="WFS&C dither pairs: images of one detector, observation and activity. "
    "Pipeline: calwebb_wfs-image3.",
    exposure="level3",
    validity=("has_science", "has_pair", "is_not_group"),
    multi_observation=True,
    product_name=naming.wfs_combined,
    tree=blocks.science(
        all_of(
            blocks.optical_path(),
            blocks.level3_target(),
            blocks.image(),
            attr("patttype", "patttype", "wfsc"),
            attr("detector", "detector"),
            attr("obs_id", "obs_id"),
            attr("act_id", "act_id"),
            none_of(attr("dms_note", "dms_note", "wfsc_los_jitter")),
        )
    ),
)

RULES: tuple[Rule, ...] = (
    LV3_ACQ_REPROCESS,
    LV3_IMAGE,
    LV3_IMAGE_BACKGROUND,
    LV3_IMAGE_MOSAIC,
    LV3_WFSCMB,
)
