"""Condition blocks shared by many rules."""

from __future__ import annotations

from asnfp._core.tables import (
    IMAGE2_NONSCIENCE_EXP_TYPES,
    IMAGE2_SCIENCE_EXP_TYPES,
    SPEC2_SCIENCE_EXP_TYPES,
)
from asnfp.constraints import Attr, Check, Group, Node, all_of, any_of, attr, none_of, not_all

ANY_VALUE = None
"""Pattern of a leaf that accepts any specified value."""


def candidate(cid: str) -> Attr:
    """The condition of one candidate's run: the row belongs to candidate ``cid``."""
    return attr(
        "asn_candidate", "asn_candidate", f".+({cid}).+", evaluate=True, is_acid=True
    )


def target_acquisition() -> Check:
    """The row is a target acquisition."""
    return Check(kind="target_acquisition", name="target_acq", value="target_acquisition")


def tso() -> Group:
    """A time-series observation: science pointing with a TSO visit or TSO exposure type."""
    return all_of(
        attr(None, "pntgtype", "science"),
        any_of(
            attr(None, "tsovisit", "t"),
            attr(None, "exp_type", "nrc_tsimage|nrc_tsgrism|nrs_brightobj"),
        ),
        name="is_tso",
    )


def not_tso() -> Group:
    """Not a time-series observation."""
    return none_of(tso())


def not_background_or_tso() -> Group:
    """Neither a background target nor a time-series observation."""
    return none_of(attr("bkgdtarg", "bkgdtarg"), tso())


def wfsc() -> Group:
    """A wavefront sensing and control visit."""
    return all_of(all_of(attr("wfsc", "visitype", ".+wfsc.+")))


def single_science() -> Group:
    """A science row offered to an association that has no science yet."""
    return all_of(
        Check(kind="exposure_is_science"),
        Check(kind="no_science_yet"),
    )


# -- Level 2 -------------------------------------------------------------------


def level2_base() -> Group:
    """One program; the TSO flag, when set, is shared."""
    return all_of(
        attr("program", "program"),
        attr("is_tso", "tsovisit", required=False),
    )


def level2_mode() -> Group:
    """One instrument, detector and optical path; no opaque filter, TS-grism or WFS&C."""
    return all_of(
        attr("instrument", "instrume"),
        attr("detector", "detector"),
        attr("opt_elem", ("filter", "band")),
        attr("opt_elem2", ("pupil", "grating"), required=False),
        attr("fxd_slit", "fxd_slit", required=False),
        attr("subarray", "subarray", required=False),
        attr("channel", "channel", required=False),
        none_of(attr(None, "detector", "nirspec"), attr(None, "filter", "opaque")),
        not_all(attr(None, "detector", "nrcblong"), attr(None, "exp_type", "nrc_tsgrism")),
        none_of(attr(None, "visitype", ".+wfsc.+")),
        attr("slit", "fxd_slit", required=False),
    )


def level2_background() -> Attr:
    """A background-target row, offered again to the rule's existing associations."""
    return attr("background", "bkgdtarg", pin=False, reprocess="existing", only_on_match=True)


def image_science() -> Attr:
    """An imaging science exposure type (one per association)."""
    return attr("exp_type", "exp_type", IMAGE2_SCIENCE_EXP_TYPES)


def image_nonscience() -> Group:
    """Acquisitions, focus and other non-science images, and all-open MSA mirror images."""
    return any_of(
        target_acquisition(),
        attr("non_science", "exp_type", IMAGE2_NONSCIENCE_EXP_TYPES),
        all_of(
            attr("exp_type", "exp_type", "nrs_msaspec"),
            attr(None, "msastate", "primarypark_allopen"),
            attr(None, "grating", "mirror"),
        ),
    )


def special() -> Attr:
    """A background target or a PSF."""
    return attr("is_special", ("bkgdtarg", "is_psf"))


def level2_target() -> Group:
    """One target; a direct-image candidate's run counts as target ``000``."""
    return any_of(
        all_of(
            attr("acdirect", "asn_candidate", r"\[\('c\d{4}', 'direct_image'\)\]"),
            Check(kind="constant", name="target", value="000"),
        ),
        attr("target", "targetid"),
    )


def level2_imprint() -> Group:
    """An imprint exposure, offered again to the rule's existing associations."""
    return all_of(attr("imprint", "is_imprt"), reprocess_on_match="existing")


def imprint_special() -> Group:
    """An imprint of the same mosaic tile, unless the association last typed a row as imprint."""
    return all_of(
        attr("imprint", "is_imprt", reprocess="existing", only_on_match=True),
        attr("mosaic_tile", "mostilno"),
        Check(kind="original_not_imprint"),
    )


def spectral_science(exclude: tuple[str, ...] = ()) -> Group:
    """A spectroscopic science exposure type (one per association), less ``exclude``."""
    kept = tuple(t for t in SPEC2_SCIENCE_EXP_TYPES if t not in exclude)
    return any_of(attr("exp_type", "exp_type", kept))


def level2_exposures() -> Group:
    """Non-science rows join freely; science rows only an association without science."""
    return any_of(Check(kind="exposure_not_science"), single_science())


# -- Level 3 -------------------------------------------------------------------


def not_background() -> Group:
    """Not a background target."""
    return none_of(attr("bkgdtarg", "bkgdtarg", pin=False))


def ifu() -> Attr:
    """An IFU exposure type (any of them; not pinned)."""
    return attr("exp_type", "exp_type", "mir_mrs|mir_flatmrs|nrs_autowave|nrs_ifu", pin=False)


def msa() -> Group:
    """A NIRSpec MSA spectrum with an MSA metadata file."""
    return all_of(
        attr("exp_type", "exp_type", "nrs_msaspec", pin=False),
        attr("is_msa", "msametfl", pin=False),
        name="msa_spectral",
    )


def level3_base() -> Group:
    """One program and instrument."""
    return all_of(attr("program", "program"), attr("instrument", "instrume"), name="base")


def obs_num() -> Attr:
    """Records every observation number (rows without one pass)."""
    return attr("obs_num", "obs_num", pin=False, required=False)


def optical_path() -> Group:
    """One filter, pupil or grating, slit (S200A1/2 join any) and subarray."""
    return all_of(
        attr("opt_elem", "filter", required=False),
        attr("opt_elem2", ("pupil", "grating"), required=False),
        any_of(
            attr("fxd_slit2", "fxd_slit", "s200a1|s200a2", pin=False, required=False),
            attr("fxd_slit", "fxd_slit", required=False),
        ),
        attr("subarray", "subarray"),
    )


def level3_target(*, skip_backgrounds: bool = True) -> Group:
    """One target; backgrounds skip the test (and are offered again) unless told not to."""
    target: Attr
    if skip_backgrounds:
        target = attr(
            "target", "targetid", onlyif="not_background", reprocess="existing",
            only_on_match=True,
        )
    else:
        target = attr("target", "targetid")
    return any_of(
        all_of(
            attr("acdirect", "asn_candidate", r"\[\('c\d{4}', 'direct_image'\)\]"),
            Check(kind="constant", name="target", value="000"),
        ),
        target,
    )


def image() -> Attr:
    """A Level 3 imaging exposure type (one per association)."""
    return attr("exp_type", "exp_type", "nrc_image|mir_image|nis_image|fgs_image|nrs_mimf")


def not_wfs_visit() -> Attr:
    """The visit type, when given, is shared and is not WFS&C."""
    return attr("wfsvisit", "visitype", "((?!wfsc).)*", required=False)


def science(rule_tree: Node) -> Group:
    """A Level 3 science rule: its own conditions, or a target acquisition of its observations."""
    return all_of(
        level3_base(),
        attr(None, "is_imprt", undefined=True),
        any_of(
            all_of(rule_tree, obs_num(), name="rule"),
            all_of(
                target_acquisition(),
                attr("acq_obsnum", "obs_num", pin=False, pattern_from="obs_num"),
                name="acq_constraint",
            ),
            name="acq_check",
        ),
        name="dmsbase_top",
    )
