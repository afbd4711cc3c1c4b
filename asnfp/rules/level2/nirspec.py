"""Level 2b NIRSpec rules: MSA, fixed-slit and IFU nods (``spec2``), lamps (``nrslamp-spec2``)."""

from __future__ import annotations

from asnfp.constraints import Check, all_of, any_of, attr, none_of, row_test
from asnfp.rules import blocks
from asnfp.rules.level2._imprints import prune_imprints_if_valid
from asnfp.rules.level2._nods import make_nod_asns
from asnfp.rules.rule import Finalizing, Rule, Validity

LEVEL2_VALIDITY: tuple[Validity, ...] = ("has_science", "allowed_candidates")


def _prune_imprints_then_split_nods(state: Finalizing) -> tuple[Finalizing, ...]:
    """Imprint pruning on the whole association, then one association per nod."""
    return tuple(nod for pruned in prune_imprints_if_valid(state) for nod in make_nod_asns(pruned))


LV2_NRS_MSA = Rule(
    name="Asn_Lv2NRSMSA",
    level=2,
    asn_type="spec2",
    doc="NIRSpec MSA exposures of one mode, MSA metadata file and spectral index, split into "
    "one association per nod with the non-overlapping nods as backgrounds. "
    "Pipeline: calwebb_spec2.",
    exposure="level2",
    validity=LEVEL2_VALIDITY,
    finalize=make_nod_asns,
    tree=all_of(
        blocks.level2_base(),
        blocks.level2_mode(),
        all_of(
            attr("exp_type", "exp_type", "nrs_msaspec"),
            attr(None, "msametfl"),
            attr("expspcin", "expspcin"),
        ),
    ),
)

LV2_NRS_FSS = Rule(
    name="Asn_Lv2NRSFSS",
    level=2,
    asn_type="spec2",
    doc="NIRSpec fixed-slit science of one valid optical path, spectral index, nod and "
    "sub-pixel count, with every non-science exposure of the mode, split into one association "
    "per nod with the non-overlapping nods as backgrounds. Pipeline: calwebb_spec2.",
    exposure="level2",
    validity=LEVEL2_VALIDITY,
    finalize=make_nod_asns,
    tree=all_of(
        blocks.level2_base(),
        blocks.level2_mode(),
        attr("exp_type", "exp_type", "nrs_fixedslit"),
        row_test("nrsfss_valid_detector"),
        any_of(
            Check(kind="exposure_not_science"),
            all_of(
                attr("expspcin", "expspcin"),
                attr("nods", "numdthpt"),
                attr("subpxpts", ("subpxpns", "subpxpts")),
                Check(kind="exposure_is_science"),
            ),
        ),
    ),
)

LV2_NRS_IFU_NOD = Rule(
    name="Asn_Lv2NRSIFUNod",
    level=2,
    asn_type="spec2",
    doc="NIRSpec IFU exposures of one valid optical path, nod pattern and mosaic tile, imprints "
    "pruned, then split into one association per nod with every other nod as background. "
    "Pipeline: calwebb_spec2.",
    exposure="level2",
    validity=LEVEL2_VALIDITY,
    finalize=_prune_imprints_then_split_nods,
    tree=all_of(
        blocks.level2_base(),
        blocks.level2_mode(),
        attr("exp_type", "exp_type", "nrs_ifu"),
        row_test("nrsifu_valid_detector"),
        attr("patttype", "patttype", "2-point-nod|4-point-nod"),
        attr("mosaic_tile", "mostilno"),
    ),
)

LV2_NRSLAMP_SPECTRAL = Rule(
    name="Asn_Lv2NRSLAMPSpectral",
    level=2,
    asn_type="nrslamp-spec2",
    doc="One NIRSpec lamp, autoflat or autowave exposure through the opaque filter and a "
    "grating, on a valid lamp optical path (MSA mode needs an MSA metadata file). "
    "Pipeline: calwebb_nrslamp-spec2.",
    exposure="special",
    validity=LEVEL2_VALIDITY,
    tree=all_of(
        blocks.level2_base(),
        blocks.single_science(),
        attr("exp_type", "exp_type", "nrs_autoflat|nrs_autowave|nrs_lamp"),
        attr("opt_elem", "filter", "opaque"),
        row_test("nrslamp_valid_detector"),
        any_of(
            none_of(attr("opmode", "opmode", "msaspec")),
            all_of(attr(None, "opmode", "msaspec"), attr(None, "msametfl")),
        ),
        attr("lamp", "lamp"),
        none_of(
            attr(None, "grating", "mirror", pin=False),
            attr(None, "opmode", "grating-only", pin=False),
            attr(None, "lamp", "nolamp", pin=False),
        ),
    ),
)

RULES: tuple[Rule, ...] = (LV2_NRS_MSA, LV2_NRS_FSS, LV2_NRS_IFU_NOD, LV2_NRSLAMP_SPECTRAL)
