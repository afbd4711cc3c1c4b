"""Level 3 spectroscopy rules (MIRI MRS, NIRSpec, single-object slit and slitless): ``spec3``.

The WFSS ``spec3`` rules are in :mod:`asnfp.rules.level3.wfss`.
"""

from __future__ import annotations

import msgspec

from asnfp._core.naming import exposure_basename_root
from asnfp.association import Member
from asnfp.constraints import all_of, any_of, attr, none_of, row_test
from asnfp.rules import blocks, naming
from asnfp.rules.rule import Finalizing, Rule

_NOD_PATTERNS = ("2-point-nod", "4-point-nod", "along-slit-nod")


def _nod_background(science: Member) -> Member:
    """A science member's companion: its ``_x1d`` product, as a background."""
    return msgspec.structs.replace(
        science,
        expname=exposure_basename_root(science.expname) + "_x1d.fits",
        exptype="background",
    )


def make_fixedslit_bkg(state: Finalizing) -> tuple[Finalizing, ...]:
    """A valid nodded association gets each science's ``_x1d`` as a background member.

    The companions follow every existing member, in science order. Nothing is
    added without a nod pattern type or with fewer than two science members.
    Invalid associations are dropped.
    """
    if not state.valid:
        return ()
    patterns = state.found.get("patttype_spectarg", ())
    if not patterns or "nod" not in patterns[0]:
        return (state,)
    product = state.asn.products[0]
    science = [m for m in product.members if m.exptype == "science"]
    if len(science) < 2:
        return (state,)
    members = product.members + tuple(_nod_background(m) for m in science)
    products = (msgspec.structs.replace(product, members=members), *state.asn.products[1:])
    asn = msgspec.structs.replace(state.asn, products=products)
    rows = state.rows + (None,) * len(science)
    return (msgspec.structs.replace(state, asn=asn, rows=rows),)


LV3_MIR_MRS = Rule(
    name="Asn_Lv3MIRMRS",
    level=3,
    asn_type="spec3",
    doc="Non-TSO MIRI MRS science of one target, every band and detector; background "
    "targets join as backgrounds. Pipeline: calwebb_spec3.",
    exposure="level3",
    validity=("has_science",),
    multi_observation=True,
    product_name=naming.noopt,
    tree=blocks.science(
        all_of(
            blocks.level3_target(),
            attr("exp_type", "exp_type", "mir_mrs"),
            blocks.not_tso(),
        )
    ),
)

LV3_MIR_MRS_BACKGROUND = Rule(
    name="Asn_Lv3MIRMRSBackground",
    level=3,
    asn_type="spec3",
    doc="Non-TSO MIRI MRS background-target exposures (flag exactly ``T``) of one target, "
    "as science. Pipeline: calwebb_spec3.",
    exposure="auxdata",
    validity=("has_science",),
    multi_observation=True,
    product_name=naming.noopt,
    tree=blocks.science(
        all_of(
            blocks.level3_target(skip_backgrounds=False),
            attr("exp_type", "exp_type", "mir_mrs"),
            blocks.not_tso(),
            attr("bkgdtarg", "bkgdtarg", "T"),
        )
    ),
)

LV3_SPEC_AUX = Rule(
    name="Asn_Lv3SpecAux",
    level=3,
    asn_type="spec3",
    doc="Non-TSO MIRI LRS fixed-slit or NIRSpec fixed-slit background-target exposures (flag "
    "exactly ``T``) of one target and optical path, as science. Pipeline: calwebb_spec3.",
    exposure="auxdata",
    validity=("has_science",),
    multi_observation=True,
    product_name=naming.generic,
    tree=blocks.science(
        all_of(
            blocks.level3_target(),
            blocks.not_tso(),
            attr("bkgdtarg", "bkgdtarg", "T"),
            attr("allowed_bkgdtarg", "exp_type", "mir_lrs-fixedslit|nrs_fixedslit"),
            blocks.optical_path(),
        )
    ),
)

LV3_SPECTRAL_TARGET = Rule(
    name="Asn_Lv3SpectralTarget",
    level=3,
    asn_type="spec3",
    doc="Nodded non-TSO MIRI LRS fixed-slit or NIRISS SOSS science of one target, optical "
    "path and pattern type; each science's ``_x1d`` is added as a background. "
    "Pipeline: calwebb_spec3.",
    exposure="level3",
    validity=("has_science",),
    product_name=naming.generic,
    finalize=make_fixedslit_bkg,
    tree=blocks.science(
        all_of(
            blocks.not_tso(),
            blocks.optical_path(),
            blocks.level3_target(),
            attr("exp_type", "exp_type", "mir_lrs-fixedslit|nis_soss", pin=False),
            any_of(attr("patttype_spectarg", "patttype", _NOD_PATTERNS)),
        )
    ),
)

LV3_SLITLESS_SPECTRAL = Rule(
    name="Asn_Lv3SlitlessSpectral",
    level=3,
    asn_type="spec3",
    doc="Non-TSO NIRISS SOSS science without a pattern type, of one target and optical path. "
    "Pipeline: calwebb_spec3.",
    exposure="level3",
    validity=("has_science",),
    multi_observation=True,
    product_name=naming.generic,
    tree=blocks.science(
        all_of(
            blocks.not_tso(),
            blocks.optical_path(),
            blocks.level3_target(),
            attr("exp_type", "exp_type", "nis_soss", pin=False),
            none_of(attr("patttype_spectarg", "patttype")),
            none_of(attr("restricted_slitless", "exp_type", "mir_lrs-slitless"), blocks.tso()),
        )
    ),
)

LV3_NRS_FSS = Rule(
    name="Asn_Lv3NRSFSS",
    level=3,
    asn_type="spec3",
    doc="Non-TSO NIRSpec fixed-slit science on a lit detector, of one target and optical path "
    "(S200A1 and S200A2 join any slit), with autoflat and autowave exposures of that path; "
    "background targets join as backgrounds. Pipeline: calwebb_spec3.",
    exposure="level3",
    validity=("has_science",),
    multi_observation=True,
    product_name=naming.nrsfs_sources,
    tree=blocks.science(
        all_of(
            blocks.not_tso(),
            attr("exp_type", "exp_type", "nrs_autoflat|nrs_autowave|nrs_fixedslit", pin=False),
            row_test("nrsfss_valid_detector"),
            blocks.optical_path(),
            blocks.level3_target(),
        )
    ),
)

LV3_NRS_IFU = Rule(
    name="Asn_Lv3NRSIFU",
    level=3,
    asn_type="spec3",
    doc="Non-TSO NIRSpec IFU science on a lit detector, of one target, grating and pattern "
    "type (both detectors, any filter), with autowave exposures; background targets join as "
    "backgrounds. Pipeline: calwebb_spec3.",
    exposure="level3",
    validity=("has_science",),
    multi_observation=True,
    product_name=naming.generic,
    tree=blocks.science(
        all_of(
            blocks.level3_target(),
            attr("exp_type", "exp_type", "nrs_autowave|nrs_ifu", pin=False),
            row_test("nrsifu_valid_detector"),
            attr("patttype", "patttype"),
            blocks.not_tso(),
            attr("opt_elem", "grating"),
        )
    ),
)

LV3_NRS_IFU_BACKGROUND = Rule(
    name="Asn_Lv3NRSIFUBackground",
    level=3,
    asn_type="spec3",
    doc="Non-TSO NIRSpec IFU background-target exposures (flag exactly ``T``) on a lit "
    "detector, of one target and grating, as science. Pipeline: calwebb_spec3.",
    exposure="auxdata",
    validity=("has_science",),
    multi_observation=True,
    product_name=naming.generic,
    tree=blocks.science(
        all_of(
            blocks.level3_target(),
            blocks.not_tso(),
            attr("bkgdtarg", "bkgdtarg", "T"),
            attr("allowed_bkgdtarg", "exp_type", "nrs_ifu"),
            row_test("nrsifu_valid_detector"),
            attr("opt_elem", "grating"),
        )
    ),
)

LV3_SPECTRAL_SOURCE = Rule(
    name="Asn_Lv3SpectralSource",
    level=3,
    asn_type="spec3",
    doc="Non-TSO NIRSpec MSA science with an MSA metadata file, of one target and optical "
    "path, with autoflat and autowave exposures of that path; named per source. "
    "Pipeline: calwebb_spec3.",
    exposure="level3",
    validity=("has_science",),
    multi_observation=True,
    product_name=naming.sources,
    tree=blocks.science(
        all_of(
            blocks.not_tso(),
            blocks.optical_path(),
            blocks.level3_target(),
            any_of(
                attr("exp_type", "exp_type", "nrs_autoflat|nrs_autowave", pin=False),
                blocks.msa(),
            ),
        )
    ),
)

RULES: tuple[Rule, ...] = (
    LV3_MIR_MRS,
    LV3_MIR_MRS_BACKGROUND,
    LV3_SLITLESS_SPECTRAL,
    LV3_SPEC_AUX,
    LV3_SPECTRAL_TARGET,
    LV3_NRS_FSS,
    LV3_NRS_IFU,
    LV3_NRS_IFU_BACKGROUND,
    LV3_SPECTRAL_SOURCE,
)
