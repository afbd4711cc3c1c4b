"""Level 2b wide-field slitless spectroscopy rules, with their catalog members.

Each grism exposure gathers the direct images of its key (target, plus pupil
and subarray for NIRISS, or detector for NIRCam and MIRI). At finalize the
direct images give way to three members named after the Level 3 product of
the direct image closest to the grism: its image, source catalog and
segmentation map.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence

import msgspec
import polars as pl

from asnfp._core.tables import EMPTY_VALUES
from asnfp.association import Member
from asnfp.constraints import Group, all_of, any_of, attr
from asnfp.errors import PoolContentError
from asnfp.rules import blocks, naming
from asnfp.rules.rule import Finalize, Finalizing, Rule, Validity

Cells = Mapping[str, str]
Direct = tuple[Member, Cells]
"""A direct-image member and its pool cells."""

ChooseDirect = Callable[[Cells, Sequence[Direct]], Direct]
"""Picks the direct image whose catalog a grism exposure uses."""

CATALOG_MEMBERS: tuple[tuple[str, str], ...] = (
    ("_i2d.fits", "direct_image"),
    ("_cat.ecsv", "sourcecat"),
    ("_segm.fits", "segmap"),
)
"""Suffix and exposure type of the members made from the direct image's product."""

NO_DIFFERENCE = 9999
"""Exposure-sequence differences must be below this to count."""

LEVEL2_VALIDITY: tuple[Validity, ...] = ("has_science", "allowed_candidates")


def _specified(cells: Cells, columns: Sequence[str]) -> str | None:
    """The first specified value among ``columns``, or None."""
    for column in columns:
        value = cells.get(column)
        if value is not None and value not in EMPTY_VALUES:
            return value
    return None


def _sequence_index(cells: Cells) -> int | None:
    """The exposure's ``expspcin`` as an integer (None when unspecified)."""
    value = _specified(cells, ("expspcin",))
    if value is None:
        return None
    try:
        return int(value)
    except ValueError:
        raise PoolContentError(
            f"exposure {cells.get('filename', '?')!r} has expspcin={value!r}, which is not "
            "an integer; WFSS direct images are paired by it",
            column="expspcin",
        ) from None


def closest_after(science: Cells, directs: Sequence[Direct]) -> Direct:
    """The direct image taken soonest after the science (by ``expspcin``), else the first."""
    chosen = directs[0]
    start = _sequence_index(science)
    if start is None:
        return chosen
    best = NO_DIFFERENCE
    for direct in directs:
        index = _sequence_index(direct[1])
        if index is None:
            continue
        difference = index - start
        if 0 < difference < best:
            best, chosen = difference, direct
    return chosen


def first_long(_science: Cells, directs: Sequence[Direct]) -> Direct:
    """The first direct image of a long-wave detector (``long`` in its name), else the first."""
    return next((d for d in directs if "long" in d[0].expname), directs[0])


def direct_opt_elem(cells: Cells) -> str:
    """The optical elements of a direct image: MIRI its raw filter; others filter and pupil."""
    elements: list[str] = []
    if cells.get("instrume", "unknown").lower() == "miri":
        value = cells.get("filter")
        if value is not None:
            elements.append(value)
    else:
        for columns in (("filter", "band"), ("pupil", "grating")):
            value = _specified(cells, columns)
            if value is None:
                raise PoolContentError(
                    f"direct image {cells.get('filename', '?')!r} has no "
                    f"{' or '.join(columns)} value; its catalog cannot be named",
                    column=columns[0],
                )
            elements.append(value)
    return "-".join(sorted(elements, key=str.lower)) or "clear"


def pool_may_be_rejected(frame: pl.DataFrame) -> bool:
    """Whether some WFSS exposure holds a value the catalog step rejects.

    That is a specified ``expspcin`` that is not an integer, or a NIRISS or NIRCam
    image without filter (or band) or without pupil (or grating).
    """
    columns = set(frame.columns)

    def specified(column: str) -> pl.Expr:
        if column not in columns:
            return pl.lit(False)
        return pl.col(column).is_not_null() & ~pl.col(column).is_in(sorted(EMPTY_VALUES))

    if "exp_type" not in columns:
        return False
    exp_type = pl.col("exp_type")
    wfss = exp_type.is_in(["nis_wfss", "nrc_wfss", "mir_wfss", "nis_image", "nrc_image",
                           "mir_image"])
    odd_index = pl.lit(False)
    if "expspcin" in columns:
        as_integer = pl.col("expspcin").cast(pl.Int64, strict=False)
        odd_index = specified("expspcin") & as_integer.is_null()
    unnamed = exp_type.is_in(["nis_image", "nrc_image"]) & (
        ~(specified("filter") | specified("band")) | ~(specified("pupil") | specified("grating"))
    )
    return bool(frame.select(((wfss & odd_index) | unnamed).any()).item())


def catalog_step(choose: ChooseDirect) -> Finalize:
    """The finalize step: replace the direct images by the chosen one's catalog members."""

    def step(state: Finalizing) -> tuple[Finalizing, ...]:
        product = state.asn.products[0]
        pairs = list(zip(product.members, state.rows, strict=True))
        directs = [(m, c) for m, c in pairs if m.exptype == "direct_image" and c is not None]
        sciences = [c for m, c in pairs if m.exptype == "science" and c is not None]
        if not directs or not sciences:
            return ()
        chosen = choose(sciences[0], directs)
        parts = msgspec.structs.replace(state.parts, opt_elem=direct_opt_elem(chosen[1]))
        root = naming.generic(parts)
        if not state.valid:
            return ()
        kept = [(m, c) for m, c in pairs if m.exptype != "direct_image"]
        made = [Member(expname=root + suffix, exptype=kind) for suffix, kind in CATALOG_MEMBERS]
        members = (*(m for m, _ in kept), *made)
        rows = (*(c for _, c in kept), *(None for _ in made))
        asn = msgspec.structs.replace(
            state.asn, products=(msgspec.structs.replace(product, members=members),)
        )
        return (msgspec.structs.replace(state, asn=asn, rows=rows),)

    return step


def grism_or_direct(grism: str, image: str) -> Group:
    """A grism exposure, or a direct image (offered again, last of all, to every association)."""
    return any_of(
        attr("exp_type", "exp_type", grism),
        attr("image_exp_type", "exp_type", image, reprocess="nonscience", only_on_match=True),
    )


LV2_WFSS_MIR = Rule(
    name="Asn_Lv2WFSSMIR",
    level=2,
    asn_type="spec2",
    doc="One MIRI WFSS exposure with the direct images of its target and detector, replaced "
    "by the catalog of the closest one. Pipeline: calwebb_spec2.",
    exposure="wfss",
    validity=LEVEL2_VALIDITY,
    finalize=catalog_step(closest_after),
    finalize_may_reject=pool_may_be_rejected,
    tree=all_of(
        blocks.level2_base(),
        blocks.level2_target(),
        grism_or_direct("mir_wfss", "mir_image"),
        attr("instrument", "instrume"),
        attr("detector", "detector"),
        blocks.level2_exposures(),
    ),
)

LV2_WFSS_NIS = Rule(
    name="Asn_Lv2WFSSNIS",
    level=2,
    asn_type="spec2",
    doc="One NIRISS WFSS exposure with the direct images of its target, pupil and subarray, "
    "replaced by the catalog of the closest one. Pipeline: calwebb_spec2.",
    exposure="wfss",
    validity=LEVEL2_VALIDITY,
    finalize=catalog_step(closest_after),
    finalize_may_reject=pool_may_be_rejected,
    tree=all_of(
        blocks.level2_base(),
        blocks.level2_target(),
        grism_or_direct("nis_wfss", "nis_image"),
        attr("instrument", "instrume"),
        attr("instrument", "instrume"),
        attr("pupil", "pupil"),
        attr("subarray", "subarray"),
        blocks.level2_exposures(),
    ),
)

LV2_WFSS_NRC = Rule(
    name="Asn_Lv2WFSSNRC",
    level=2,
    asn_type="spec2",
    doc="One NIRCam WFSS exposure with the direct images of its target and detector, "
    "replaced by the catalog of the closest one. Pipeline: calwebb_spec2.",
    exposure="wfss",
    validity=LEVEL2_VALIDITY,
    finalize=catalog_step(closest_after),
    finalize_may_reject=pool_may_be_rejected,
    tree=all_of(
        blocks.level2_base(),
        blocks.level2_target(),
        grism_or_direct("nrc_wfss", "nrc_image"),
        attr("instrument", "instrume"),
        attr("detector", "detector"),
        blocks.level2_exposures(),
    ),
)

LV2_WFSS_PARALLEL = Rule(
    name="Asn_Lv2WFSSParallel",
    level=2,
    asn_type="spec2",
    doc="Pure-parallel WFSS in a direct-image candidate: one grism exposure with the direct "
    "images of its instrument, replaced by the catalog of the first long-wave one (target "
    "000). Valid in any candidate. Pipeline: calwebb_spec2.",
    exposure="wfss",
    validity=("has_science",),
    finalize=catalog_step(first_long),
    finalize_may_reject=pool_may_be_rejected,
    tree=all_of(
        attr("acdirect", "asn_candidate", r"\[\('c\d{4}', 'direct_image'\)\]"),
        grism_or_direct("nis_wfss|nrc_wfss|mir_wfss", "nis_image|nrc_image|mir_image"),
        blocks.level2_exposures(),
        blocks.level2_target(),
        attr("instrument", "instrume"),
    ),
)

RULES: tuple[Rule, ...] = (LV2_WFSS_MIR, LV2_WFSS_NIS, LV2_WFSS_NRC, LV2_WFSS_PARALLEL)
