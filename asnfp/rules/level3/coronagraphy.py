"""Level 3 coronagraphy and AMI rules: ``coron3``, ``ami3`` and coronagraphic ``image3``."""

from __future__ import annotations

from asnfp.constraints import Attr, all_of, attr, none_of, row_test
from asnfp.rules import blocks, naming
from asnfp.rules.rule import Rule


def _science_target() -> Attr:
    """One target for science rows; PSFs and other rows skip the test (and are offered again)."""
    return attr("target", "targetid", onlyif="science", reprocess="existing", only_on_match=True)


LV3_AMI = Rule(
    name="Asn_Lv3AMI",
    level=3,
    asn_type="ami3",
    doc="NIRISS AMI science of one target and optical path, with its PSF exposures. "
    "Pipeline: calwebb_ami3.",
    exposure="level3",
    validity=("has_science", "has_psf"),
    multi_observation=True,
    product_name=naming.generic,
    tree=blocks.science(
        all_of(
            blocks.optical_path(),
            attr("exp_type", "exp_type", "nis_ami"),
            _science_target(),
        )
    ),
)

LV3_MIR_CORON = Rule(
    name="Asn_Lv3MIRCoron",
    level=3,
    asn_type="coron3",
    doc="MIRI Lyot or 4QPM science of one target and optical path, with its PSF exposures; "
    "no background targets. Pipeline: calwebb_coron3.",
    exposure="level3",
    validity=("has_science", "has_psf"),
    multi_observation=True,
    product_name=naming.generic,
    tree=blocks.science(
        all_of(
            blocks.optical_path(),
            attr("exp_type", "exp_type", "mir_lyot|mir_4qpm"),
            _science_target(),
            blocks.not_background(),
            name="asn_coron",
        )
    ),
)

LV3_NRC_CORON = Rule(
    name="Asn_Lv3NRCCoron",
    level=3,
    asn_type="coron3",
    doc="NIRCam coronagraphic science of one target and optical path on the occulted "
    "detectors, with its PSF exposures; no background targets. Pipeline: calwebb_coron3.",
    exposure="level3",
    validity=("has_science", "has_psf"),
    multi_observation=True,
    product_name=naming.generic,
    tree=blocks.science(
        all_of(
            blocks.optical_path(),
            attr("exp_type", "exp_type", "nrc_coron"),
            _science_target(),
            blocks.not_background(),
            row_test("nrccoron_valid_detector"),
            name="asn_coron",
        )
    ),
)

LV3_NRC_CORON_IMAGE = Rule(
    name="Asn_Lv3NRCCoronImage",
    level=3,
    asn_type="image3",
    doc="Full-frame short-wave NIRCam coronagraphic exposures of one target, every detector, "
    "as plain images (PSFs flagged exactly ``T`` and background targets excluded). "
    "Pipeline: calwebb_image3.",
    exposure="level3",
    validity=("has_science",),
    coron_as_rate=True,
    multi_observation=True,
    product_name=naming.coronimage,
    tree=blocks.science(
        all_of(
            blocks.optical_path(),
            attr("exp_type", "exp_type", "nrc_coron"),
            _science_target(),
            none_of(attr("bkgdtarg", "bkgdtarg", pin=False), attr("is_psf", "is_psf", "T")),
            attr("channel", "channel", "short"),
            attr("subarray", "subarray", "full"),
        )
    ),
)

RULES: tuple[Rule, ...] = (LV3_AMI, LV3_MIR_CORON, LV3_NRC_CORON, LV3_NRC_CORON_IMAGE)
