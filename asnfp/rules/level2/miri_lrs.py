"""Level 2b MIRI LRS rules: TA-confirm pairing and along-slit nods."""

from __future__ import annotations

from asnfp.constraints import Check, all_of, any_of, attr
from asnfp.rules import blocks
from asnfp.rules.level2.imaging import LEVEL2_VALIDITY
from asnfp.rules.rule import Rule

LRS_EXP_TYPES = "mir_lrs-slitless|mir_lrs-fixedslit"


# One node used in both branches of the TA-confirm rule: its pins are shared.
_SCIENCE = all_of(blocks.single_science(), attr("exp_type", "exp_type", LRS_EXP_TYPES))

MIRLRS_TA_CONFIRM = Rule(
    name="Asn_MIRLRSTAConfirm",
    level=2,
    asn_type="spec2",
    doc="One MIRI LRS science exposure (slit or slitless, TSO allowed), with the background "
    "targets of its mode and the TA-confirm images of its observation. "
    "Pipeline: calwebb_spec2.",
    exposure="level2",
    validity=LEVEL2_VALIDITY,
    tree=all_of(
        blocks.level2_base(),
        any_of(
            all_of(
                blocks.level2_mode(),
                any_of(
                    _SCIENCE,
                    all_of(
                        blocks.level2_background(),
                        blocks.not_tso(),
                        attr("exp_type", "exp_type", LRS_EXP_TYPES),
                    ),
                ),
            ),
            all_of(
                attr("obs_id", "obs_id"),
                any_of(_SCIENCE, attr("exp_type", "exp_type", "mir_taconfirm")),
            ),
        ),
    ),
)

MIRLRS_FIXED_SLIT_NOD = Rule(
    name="Asn_Lv2MIRLRSFixedSlitNod",
    level=2,
    asn_type="spec2",
    doc="One MIRI LRS fixed-slit science exposure of an along-slit nod, with the exposures at "
    "the other nod position as backgrounds and the TA-confirm images. "
    "Pipeline: calwebb_spec2.",
    exposure="lrs_nod",
    validity=LEVEL2_VALIDITY,
    tree=all_of(
        all_of(blocks.level2_base(), Check(kind="candidate_not_background")),
        any_of(
            all_of(
                attr("exp_type", "exp_type", "mir_lrs-fixedslit"),
                attr("patt_num", "patt_num"),
                all_of(
                    Check(kind="exposure_is_science"),
                    Check(kind="no_science_yet"),
                    reprocess_on_match="existing",
                ),
                attr("patttype", "patttype", "along-slit-nod", pin=False),
            ),
            all_of(
                attr("exp_type", "exp_type", "mir_lrs-fixedslit"),
                # The other nod position: does not contain the science's pinned patt_num.
                attr("is_current_patt_num", "patt_num", excluding="patt_num", track_matched=True),
                Check(kind="force_match", name="force_match"),
                attr("patttype", "patttype", "along-slit-nod", pin=False),
            ),
            attr("exp_type", "exp_type", "mir_taconfirm"),
        ),
    ),
)

RULES: tuple[Rule, ...] = (MIRLRS_TA_CONFIRM, MIRLRS_FIXED_SLIT_NOD)
