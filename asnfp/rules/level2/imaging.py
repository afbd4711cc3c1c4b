"""Level 2b imaging rules: ``image2`` and ``tso-image2``."""

from __future__ import annotations

from asnfp.constraints import all_of, any_of, attr, none_of, not_all, row_test
from asnfp.rules import blocks
from asnfp.rules.rule import Rule, Validity

LEVEL2_VALIDITY: tuple[Validity, ...] = ("has_science", "allowed_candidates")

LV2_CORON_AS_RATE = Rule(
    name="Asn_Lv2CoronAsRate",
    level=2,
    asn_type="image2",
    doc="Full-frame NIRCam coronagraphy on an occulted detector, as rate (not rateints) "
    "products; backgrounds of the same mode join. Pipeline: calwebb_image2.",
    exposure="level2",
    coron_as_rate=True,
    validity=LEVEL2_VALIDITY,
    tree=all_of(
        blocks.level2_base(),
        blocks.level2_mode(),
        attr("exp_type", "exp_type", "nrc_coron"),
        attr("subarray", "subarray", "full"),
        row_test("nrccoron_valid_detector"),
        any_of(blocks.level2_background(), blocks.single_science()),
    ),
)

LV2_FGS = Rule(
    name="Asn_Lv2FGS",
    level=2,
    asn_type="image2",
    doc="One FGS image or focus exposure outside WFS&C visits. Pipeline: calwebb_image2.",
    exposure="level2",
    validity=LEVEL2_VALIDITY,
    tree=all_of(
        blocks.level2_base(),
        blocks.single_science(),
        attr("exp_type", "exp_type", "fgs_image|fgs_focus"),
        none_of(blocks.wfsc()),
    ),
)

LV2_IMAGE = Rule(
    name="Asn_Lv2Image",
    level=2,
    asn_type="image2",
    doc="One non-TSO science image, with every background-target image of the same mode. "
    "Pipeline: calwebb_image2.",
    exposure="level2",
    validity=LEVEL2_VALIDITY,
    tree=all_of(
        blocks.level2_base(),
        blocks.level2_mode(),
        blocks.image_science(),
        blocks.not_tso(),
        any_of(blocks.level2_background(), blocks.single_science()),
    ),
)

LV2_IMAGE_NONSCIENCE = Rule(
    name="Asn_Lv2ImageNonScience",
    level=2,
    asn_type="image2",
    doc="One non-science image: target acquisition, focus, MSA mirror image. "
    "Pipeline: calwebb_image2.",
    exposure="special",
    validity=LEVEL2_VALIDITY,
    tree=all_of(blocks.level2_base(), blocks.image_nonscience(), blocks.single_science()),
)

LV2_IMAGE_SPECIAL = Rule(
    name="Asn_Lv2ImageSpecial",
    level=2,
    asn_type="image2",
    doc="One background-target or PSF image, as science. Pipeline: calwebb_image2.",
    exposure="special",
    validity=LEVEL2_VALIDITY,
    tree=all_of(
        blocks.level2_base(),
        blocks.level2_mode(),
        blocks.image_science(),
        blocks.single_science(),
        blocks.special(),
    ),
)

LV2_IMAGE_TSO = Rule(
    name="Asn_Lv2ImageTSO",
    level=2,
    asn_type="tso-image2",
    doc="One time-series image. Pipeline: calwebb_tso-image2.",
    exposure="level2",
    validity=LEVEL2_VALIDITY,
    tree=all_of(
        blocks.level2_base(),
        blocks.level2_mode(),
        blocks.image_science(),
        blocks.single_science(),
        blocks.tso(),
    ),
)

LV2_NRSLAMP_IMAGE = Rule(
    name="Asn_Lv2NRSLAMPImage",
    level=2,
    asn_type="image2",
    doc="One NIRSpec lamp exposure through the mirror. Pipeline: calwebb_image2.",
    exposure="special",
    validity=LEVEL2_VALIDITY,
    tree=all_of(
        blocks.level2_base(),
        blocks.single_science(),
        attr("exp_type", "exp_type", "nrs_lamp"),
        attr(None, "grating", "mirror"),
        attr(None, "opmode", "image", required=False),
    ),
)

LV2_WFSC = Rule(
    name="Asn_Lv2WFSC",
    level=2,
    asn_type="image2",
    doc="One image of a WFS&C visit, except NIRCam line-of-sight jitter images. "
    "Pipeline: calwebb_image2.",
    exposure="level2",
    validity=LEVEL2_VALIDITY,
    tree=all_of(
        blocks.level2_base(),
        blocks.image_science(),
        blocks.single_science(),
        blocks.wfsc(),
        not_all(
            attr("dms_note", "dms_note", "wfsc_los_jitter"),
            attr("exp_type", "exp_type", "nrc_image"),
        ),
    ),
)

RULES: tuple[Rule, ...] = (
    LV2_CORON_AS_RATE,
    LV2_FGS,
    LV2_IMAGE,
    LV2_IMAGE_NONSCIENCE,
    LV2_IMAGE_SPECIAL,
    LV2_IMAGE_TSO,
    LV2_NRSLAMP_IMAGE,
    LV2_WFSC,
)
