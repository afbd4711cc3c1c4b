"""Exposure-type vocabularies and optical-path tables of the DMS rules."""

from __future__ import annotations

EMPTY_VALUES: frozenset[str] = frozenset(
    {"", "NULL", "Null", "null", "--", "N", "n", "F", "f", "FALSE", "false", "False", "N/A", "n/a"}
)
"""Cell values that mean "not specified"."""

ACQ_EXP_TYPES: tuple[str, ...] = (
    "mir_tacq", "mir_taconfirm", "nis_taconfirm", "nis_tacq", "nrc_taconfirm", "nrc_tacq",
    "nrs_confirm", "nrs_msata", "nrs_taconfirm", "nrs_tacq", "nrs_taslit", "nrs_verify",
    "nrs_wata",
)  # fmt: skip

EXPTYPE_MAP: dict[str, str] = {
    **dict.fromkeys(
        ("mir_darkall", "mir_darkimg", "mir_darkmrs", "nis_dark", "nrc_dark", "nrs_dark"), "dark"
    ),
    **dict.fromkeys(
        ("mir_flatimage", "mir_flatmrs", "mir_flatimage-ext", "mir_flatmrs-ext", "nrc_flat"),
        "flat",
    ),
    **dict.fromkeys(
        (
            "mir_tacq", "mir_taconfirm", "nis_tacq", "nis_taconfirm", "nrc_tacq",
            "nrc_taconfirm", "nrs_confirm", "nrs_msata", "nrs_tacq", "nrs_taconfirm",
            "nrs_taslit", "nrs_wata",
        ),
        "target_acquisition",
    ),
    **dict.fromkeys(
        ("nis_focus", "nis_lamp", "nrc_focus", "nrc_led", "nrs_focus", "nrs_image", "nrs_lamp"),
        "engineering",
    ),
    "nrs_autoflat": "autoflat",
    "nrs_autowave": "autowave",
}
"""Exposure types whose association exptype is not ``science``."""

CORON_EXP_TYPES: tuple[str, ...] = ("mir_4qpm", "mir_lyot", "nrc_coron")
TSO_EXP_TYPES: tuple[str, ...] = ("nrc_tsimage", "nrc_tsgrism", "nrs_brightobj")

IMAGE2_SCIENCE_EXP_TYPES: tuple[str, ...] = (
    "fgs_image", "mir_4qpm", "mir_image", "mir_lyot", "nis_ami", "nis_image", "nrc_coron",
    "nrc_image", "nrs_mimf", "nrc_tsimage",
)  # fmt: skip

IMAGE2_NONSCIENCE_EXP_TYPES: tuple[str, ...] = (
    "mir_coroncal", "nis_focus", "nrc_focus", "nrs_focus", "nrs_image", *ACQ_EXP_TYPES,
)  # fmt: skip

SPEC2_SCIENCE_EXP_TYPES: tuple[str, ...] = (
    "mir_lrs-fixedslit", "mir_lrs-slitless", "mir_mrs", "mir_wfss", "nis_soss", "nis_wfss",
    "nrc_tsgrism", "nrc_wfss", "nrs_fixedslit", "nrs_ifu", "nrs_msaspec", "nrs_brightobj",
)  # fmt: skip

LEVEL2B_EXP_TYPES: frozenset[str] = frozenset(
    IMAGE2_SCIENCE_EXP_TYPES + IMAGE2_NONSCIENCE_EXP_TYPES + SPEC2_SCIENCE_EXP_TYPES
)
"""Exposure types whose Level 2b product is ``cal``; others stay ``rate``."""

MULTI_OBS_CANDIDATE_TYPES: frozenset[str] = frozenset({"group", "background", "mosaic"})

SPECIAL_MODIFIERS: tuple[tuple[str, str], ...] = (
    ("is_psf", "psf"),
    ("is_imprt", "imprint"),
    ("bkgdtarg", "background"),
)
"""Flag columns that refine a science exposure, in precedence order."""

DIRECT_IMAGE_EXP_TYPES: frozenset[str] = frozenset({"nis_image", "nrc_image", "mir_image"})
"""Imaging exposure types that WFSS rules treat as direct images."""
