"""The pool vocabulary the strategies draw from: columns, defaults and per-mode values.

Values are the lower-case spellings pools use (``tests/corpus/pools``). Each table lists its
most ordinary value first, because Hypothesis shrinks a ``sampled_from`` towards its first
element, and keeps odd values (invalid optical paths, excluded pupils) away from its ends,
which Hypothesis draws more often than the middle.
"""

from __future__ import annotations

from typing import Final, Literal

COLUMNS: Final[tuple[str, ...]] = (
    "filename", "program", "obs_num", "obs_id", "visit_id", "exp_type", "pntgtype",
    "instrume", "detector", "channel", "band", "filter", "pupil", "grating", "fxd_slit",
    "subarray", "targetid", "bkgdtarg", "is_psf", "is_imprt", "tsovisit", "visitype",
    "patttype", "patt_num", "numdthpt", "subpxpts", "subpxpns", "dithptin", "mostilno",
    "expspcin", "msametfl", "msastate", "opmode", "lamp", "nints", "act_id", "dms_note",
    "exposerr", "asn_candidate",
)  # fmt: skip
"""Every column a generated pool has, in order."""

DEFAULTS: Final[dict[str, str]] = {
    "pntgtype": "science", "channel": "null", "band": "null", "filter": "null",
    "pupil": "null", "grating": "null", "fxd_slit": "null", "subarray": "full",
    "bkgdtarg": "f", "is_psf": "f", "is_imprt": "f", "tsovisit": "f",
    "visitype": "prime_targeted_fixed", "patttype": "null", "patt_num": "1", "numdthpt": "1",
    "subpxpts": "null", "subpxpns": "null", "dithptin": "null", "mostilno": "null",
    "expspcin": "null", "msametfl": "null", "msastate": "null", "opmode": "null",
    "lamp": "null", "nints": "10", "act_id": "01", "dms_note": "null", "exposerr": "null",
}  # fmt: skip
"""Cells a row keeps unless its mode sets them (``null`` and ``f`` are unspecified)."""

Mode = Literal[
    "nircam_image", "miri_image", "niriss_image", "fgs_image", "nonscience", "wfsc",
    "nircam_coron", "miri_coron", "niriss_ami", "nircam_tso", "nirspec_bots", "niriss_soss",
    "miri_lrs_slitless", "miri_lrs_slit", "miri_mrs", "nircam_wfss", "niriss_wfss",
    "miri_wfss", "nirspec_ifu", "nirspec_msa", "nirspec_fs", "nirspec_lamp",
]
"""The instrument modes a pool's scenes are drawn from."""

MODES: Final[tuple[Mode, ...]] = (
    "nircam_image", "miri_image", "niriss_image", "fgs_image", "nonscience", "wfsc",
    "nircam_coron", "miri_coron", "niriss_ami", "nircam_tso", "nirspec_bots", "niriss_soss",
    "miri_lrs_slitless", "miri_lrs_slit", "miri_mrs", "nircam_wfss", "niriss_wfss",
    "miri_wfss", "nirspec_ifu", "nirspec_msa", "nirspec_fs", "nirspec_lamp",
)  # fmt: skip
"""Every mode, imaging first."""

CandidateType = Literal[
    "observation", "group", "background", "mosaic", "coronagraphy", "ami", "direct_image"
]
CANDIDATE_TYPES: Final[tuple[CandidateType, ...]] = (
    "observation", "group", "background", "mosaic", "coronagraphy", "ami", "direct_image",
)  # fmt: skip

TRUE_FLAGS: Final = ("t", "y", "true")
"""Spellings of a set flag; most rules accept any, a few only ``t``."""

PROGRAMS: Final = ("99009", "01234", "00632")

# -- NIRCam --------------------------------------------------------------------
NRC_SHORT_DETECTORS: Final = ("nrca1", "nrca2", "nrca3", "nrca4", "nrcb1")
NRC_LONG_DETECTORS: Final = ("nrcalong", "nrcblong")
NRC_SHORT_FILTERS: Final = ("f150w", "f090w", "f200w", "f070w", "f115w", "f150w2")
NRC_LONG_FILTERS: Final = ("f444w", "f356w", "f277w", "f322w2")
NRC_PUPILS: Final = ("clear", "f405n", "clearp")
NRC_SUBARRAYS: Final = ("full", "sub64p", "sub400p")

# -- MIRI ----------------------------------------------------------------------
MIR_FILTERS: Final = ("f560w", "f770w", "f1000w", "f1500w", "f2550w")
MIR_SUBARRAYS: Final = ("full", "brightsky", "sub256")
MIR_CORON: Final = (
    ("mir_4qpm", "f1065c", "mask1065"), ("mir_4qpm", "f1140c", "mask1140"),
    ("mir_4qpm", "f1550c", "mask1550"), ("mir_lyot", "f2300c", "masklyot"),
)  # fmt: skip
"""(exp_type, filter, subarray) of MIRI coronagraphy."""
MRS_DETECTORS: Final = (("mirifushort", "12"), ("mirifulong", "34"))
MRS_BANDS: Final = ("short", "medium", "long")

# -- NIRISS and FGS ------------------------------------------------------------
NIS_FILTERS: Final = ("f150w", "f200w", "f090w", "f480m")
NIS_WFSS_FILTERS: Final = ("gr150r", "gr150c")
NIS_WFSS_PUPILS: Final = ("f150w", "f200w", "f115w")
AMI_FILTERS: Final = ("f480m", "f380m", "f430m")
SOSS_FILTERS: Final = ("clear", "f277w", "clear")
SOSS_SUBARRAYS: Final = ("substrip256", "full", "substrip96")
FGS_DETECTORS: Final = ("guider1", "guider2")

# -- NIRSpec -------------------------------------------------------------------
NRS_FS_PATHS: Final = (
    ("g140m", "f100lp", "nrs1"), ("prism", "clear", "nrs1"), ("g140m", "f100lp", "nrs2"),
    ("g395h", "f290lp", "nrs2"), ("g140h", "f070lp", "nrs1"), ("g235h", "f170lp", "nrs1"),
)  # fmt: skip
"""(grating, filter, detector); the third puts no slit light on the detector."""
NRS_SLITS: Final = ("s200a1", "s1600a1", "s200a2", "s400a1")
NRS_FS_SUBARRAYS: Final = ("full", "subs200a1", "sub2048")
NRS_IFU_PATHS: Final = (
    ("g235h", "f170lp"), ("prism", "clear"), ("g395m", "f070lp"), ("g140m", "f100lp"),
    ("g140h", "f100lp"), ("g395h", "f290lp"),
)  # fmt: skip
"""(grating, filter) of IFU exposures; the third is not a valid IFU path."""
NRS_IFU_PATTERNS: Final = ("2-point-nod", "4-point-nod", "null", "cycling")
NRS_LAMPS: Final = (
    ("g140h", "flat1"), ("g235m", "line2"), ("g140h", "flat4"), ("prism", "line4"),
    ("g395h", "line3"),
)  # fmt: skip
NRS_LAMP_OPMODES: Final = (
    "fixedslit", "ifu", "msaspec", "grating-only", "image", "null", "ifu", "fixedslit",
)  # fmt: skip
"""Lamp operating modes, the valid ones twice as likely."""
NRS_ACQUISITIONS: Final = ("nrs_wata", "nrs_msata", "nrs_taconfirm", "nrs_verify")

NONSCIENCE: Final = (
    ("mir_coroncal", "miri", "mirimage"), ("nrc_focus", "nircam", "nrca3"),
    ("nis_focus", "niriss", "nis"), ("nrs_image", "nirspec", "nrs1"),
    ("fgs_focus", "fgs", "guider1"), ("nrs_focus", "nirspec", "nrs2"),
)  # fmt: skip
"""(exp_type, instrument, detector) of focus and other non-science images."""
