"""The default rules, in the order they are tried for every row."""

from __future__ import annotations

from asnfp.rules.level2.imaging import (
    LV2_CORON_AS_RATE,
    LV2_FGS,
    LV2_IMAGE,
    LV2_IMAGE_NONSCIENCE,
    LV2_IMAGE_SPECIAL,
    LV2_IMAGE_TSO,
    LV2_NRSLAMP_IMAGE,
    LV2_WFSC,
)
from asnfp.rules.level3.imaging import (
    LV3_ACQ_REPROCESS,
    LV3_IMAGE,
    LV3_IMAGE_BACKGROUND,
    LV3_IMAGE_MOSAIC,
    LV3_WFSCMB,
)
from asnfp.rules.rule import Rule

LEVEL2B: tuple[Rule, ...] = (
    LV2_CORON_AS_RATE,
    LV2_FGS,
    LV2_IMAGE,
    LV2_IMAGE_NONSCIENCE,
    LV2_IMAGE_SPECIAL,
    LV2_IMAGE_TSO,
    LV2_NRSLAMP_IMAGE,
    LV2_WFSC,
)

LEVEL3: tuple[Rule, ...] = (
    LV3_ACQ_REPROCESS,
    LV3_IMAGE,
    LV3_IMAGE_BACKGROUND,
    LV3_IMAGE_MOSAIC,
    LV3_WFSCMB,
)

DEFAULT: tuple[Rule, ...] = LEVEL2B + LEVEL3
