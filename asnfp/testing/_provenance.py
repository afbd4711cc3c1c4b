"""Where members come from: pool rows by file-name stem, and the names rules derive from them.

The file-name rules restated here are the reference's (RULES.md 6.2, 6.4, 8.6, 10.6): a member
of a pool row ``<stem>_uncal.fits`` is ``<stem>_<suffix>.fits``; Level 2 suffixes are ``rate``
or ``rateints``; Level 3 ones ``x1d`` for backgrounds, ``cal`` for Level 2b exposure types and
``rate`` otherwise, each with ``ints`` for integration products.
"""

from __future__ import annotations

import ast
import re
from collections.abc import Mapping, Sequence
from typing import Final

import polars as pl

from asnfp.association import Association, Member

__all__ = (
    "ACQ_EXP_TYPES",
    "DERIVED_TYPES",
    "LEVEL2B_EXP_TYPES",
    "Row",
    "Rows",
    "candidate_ids",
    "catalog_problems",
    "integrates",
    "member_rows",
    "order_sensitive",
    "pool_rows",
    "rule_name",
    "specified",
    "suffix_problem",
)

Row = Mapping[str, str]
Rows = Mapping[str, tuple[Row, ...]]
"""Pool rows by file-name stem (a pool may repeat a file name: ``mega_pool`` does)."""

EMPTY: Final = frozenset({"", "null", "--", "n", "f", "false", "n/a"})
"""Cell values that mean "not specified" (compared lower-cased)."""
ACQ_EXP_TYPES: Final = frozenset({
    "mir_tacq", "mir_taconfirm", "nis_taconfirm", "nis_tacq", "nrc_taconfirm", "nrc_tacq",
    "nrs_confirm", "nrs_msata", "nrs_taconfirm", "nrs_tacq", "nrs_taslit", "nrs_verify",
    "nrs_wata",
})  # fmt: skip
CORON_EXP_TYPES: Final = frozenset({"mir_4qpm", "mir_lyot", "nrc_coron"})
TSO_EXP_TYPES: Final = frozenset({"nrc_tsimage", "nrc_tsgrism", "nrs_brightobj"})
LEVEL2B_EXP_TYPES: Final = frozenset({
    "fgs_image", "mir_4qpm", "mir_image", "mir_lyot", "nis_ami", "nis_image", "nrc_coron",
    "nrc_image", "nrs_mimf", "nrc_tsimage", "mir_coroncal", "nis_focus", "nrc_focus",
    "nrs_focus", "nrs_image", "mir_lrs-fixedslit", "mir_lrs-slitless", "mir_mrs", "mir_wfss",
    "nis_soss", "nis_wfss", "nrc_tsgrism", "nrc_wfss", "nrs_fixedslit", "nrs_ifu",
    "nrs_msaspec", "nrs_brightobj", *ACQ_EXP_TYPES,
})  # fmt: skip
DERIVED_TYPES: Final = frozenset({"sourcecat", "segmap"})
DIRECT_IMAGE_EXP_TYPES: Final = frozenset({"nis_image", "nrc_image", "mir_image"})

_LEVEL1B: Final = re.compile(r"(?P<stem>.+)_uncal\.fits")
_MEMBER: Final = re.compile(r"(?P<stem>.+)_(?P<suffix>[a-z0-9]+)\.fits")


def specified(row: Mapping[str, str], column: str) -> str | None:
    """The cell, or None when it is missing or one of the unspecified spellings."""
    value = row.get(column)
    return None if value is None or value.lower() in EMPTY else value


def pool_rows(pool: pl.DataFrame) -> dict[str, tuple[Row, ...]]:
    """The rows of a pool by the stem of their Level 1b file name (``<stem>_uncal.fits``)."""
    rows: dict[str, tuple[Row, ...]] = {}
    for row in pool.iter_rows(named=True):
        found = _LEVEL1B.fullmatch(str(row["filename"]))
        if found is not None:
            cells = {k: "" if v is None else str(v) for k, v in row.items()}
            rows[found.group("stem")] = (*rows.get(found.group("stem"), ()), cells)
    return rows


def member_rows(member: Member, rows: Rows) -> tuple[tuple[Row, ...], str]:
    """The pool rows a member may come from (none, or several when a pool repeats its file
    name), and the member's suffix."""
    found = _MEMBER.fullmatch(member.expname)
    if found is None or found.group("stem") not in rows:
        return (), ""
    return rows[found.group("stem")], found.group("suffix")


def integrates(row: Mapping[str, str], *, coron_as_rate: bool = False) -> bool:
    """The row's products are per integration: science-pointing coronagraphy, AMI or TSO."""
    exp_type = row.get("exp_type", "")
    if row.get("pntgtype") != "science" or exp_type in ACQ_EXP_TYPES:
        return False
    coron = exp_type in CORON_EXP_TYPES and not _unocculted(row) and not coron_as_rate
    tso = specified(row, "tsovisit") == "t" or exp_type in TSO_EXP_TYPES
    return coron or exp_type == "nis_ami" or tso


def _unocculted(row: Mapping[str, str]) -> bool:
    """A full-frame NIRCam coronagraphic exposure on a detector without an occulter."""
    if row.get("exp_type") != "nrc_coron" or row.get("subarray") != "full":
        return False
    pupil, detector = row.get("pupil"), row.get("detector")
    return (pupil == "maskbar" and detector in ("nrca1", "nrca2", "nrca3")) or (
        pupil == "maskrnd" and detector in ("nrca1", "nrca3", "nrca4")
    )


def candidate_ids(cell: str) -> tuple[str, ...]:
    """The candidate ids an ``asn_candidate`` cell names (none when it is not a list)."""
    try:
        value = ast.literal_eval(cell)
    except (ValueError, SyntaxError):
        return ()
    if not isinstance(value, list | tuple):
        return ()
    return tuple(str(item[0]) for item in value if isinstance(item, tuple) and item)


def rule_name(asn: Association) -> str:
    """The rule that made an association, without the registry prefix."""
    prefix, _, rest = asn.asn_rule.partition("_")
    return rest if prefix in ("candidate", "discover") else asn.asn_rule


def direct_image_roots(rows: Rows) -> list[str]:
    """What the name of a WFSS catalog root may end with, after ``jw<program>-<acid>_``: the
    instrument and optical element of some direct image of the pool (RULES.md 8.6)."""
    endings = []
    for row in (row for same in rows.values() for row in same):
        if row.get("exp_type") not in DIRECT_IMAGE_EXP_TYPES:
            continue
        instrument = row.get("instrume", "")
        if instrument == "miri":
            elements: Sequence[str | None] = [row.get("filter")]
        else:
            elements = [_first(row, ("filter", "band")), _first(row, ("pupil", "grating"))]
        names = sorted((e for e in elements if e), key=str.lower)
        endings.append(f"_{instrument}_{'-'.join(names) or 'clear'}")
    return endings


def _first(row: Mapping[str, str], columns: Sequence[str]) -> str | None:
    for column in columns:
        value = specified(row, column)
        if value is not None:
            return value
    return None


def suffix_problem(
    asn: Association, member: Member, row: Row, suffix: str, coron_as_rate: bool,
    tso_pinned: bool,
) -> str | None:  # fmt: skip
    """Why ``suffix`` is not the one ``row`` gives ``member``, or None."""
    base, ints = suffix.removesuffix("ints"), suffix.endswith("ints")
    per_integration = integrates(row, coron_as_rate=coron_as_rate)
    if asn.level == 2:
        expected = "rate"
        ints_ok = ints == per_integration or (ints and tso_pinned)
    else:
        expected = "x1d" if member.exptype == "background" else (
            "cal" if row["exp_type"] in LEVEL2B_EXP_TYPES else "rate")
        ints_ok = ints == per_integration or (base == "x1d" and not ints)
    if base == expected and ints_ok:
        return None
    return (f"{member.expname} ({member.exptype}) has suffix {suffix!r}; its row gives "
            f"{expected!r}, integrations {per_integration}")


def catalog_problems(rows: Rows, asn: Association, names: list[str]) -> list[str]:
    """A WFSS association's three catalog products share one root named after a direct image."""
    if not names:
        return []
    roots = {n.rsplit("_", 1)[0] for n in names}
    tails = sorted(n.rsplit("_", 1)[1] for n in names)
    if len(roots) != 1 or tails != ["cat.ecsv", "i2d.fits", "segm.fits"]:
        return [f"{asn.asn_rule}: catalog products {names} do not share one root"]
    (root,) = roots
    head = f"jw{asn.program}-{asn.asn_id}_t"
    endings = direct_image_roots(rows)
    rest = root.removeprefix(head)
    if root == rest or not any(end in rest for end in endings):
        return [f"{asn.asn_rule}: catalog root {root} is not named after a direct image"]
    return []


OPTIONAL_KEYS: tuple[str, ...] = (
    "filter", "band", "pupil", "grating", "fxd_slit", "subarray", "channel", "visitype",
)  # fmt: skip
"""Columns rules pin when set but let pass when empty."""


def order_sensitive(pool: pl.DataFrame) -> str | None:
    """Why the reference's output for ``pool`` may depend on row order, or None.

    - Among rows of one program, instrument and exposure type, an optional key is set on
      some and empty on others: an empty row joins whichever association it meets first, and
      a key read from two columns (pupil or grating) is pinned to the column of the first row
      (``synth_wild``).
    - A row is flagged both background target and PSF: Level 2 backgrounds join its
      association or not by arrival order (``synth_bkg``).
    """
    rows = list(pool.iter_rows(named=True))
    for row in rows:
        if specified(row, "bkgdtarg") and specified(row, "is_psf"):
            return f"{row['filename']} is both a background target and a PSF"
    seen: dict[tuple[object, ...], set[bool]] = {}
    for row in rows:
        for column in OPTIONAL_KEYS:
            if column in row:
                key = (row.get("program"), row.get("instrume"), row.get("exp_type"), column)
                seen.setdefault(key, set()).add(specified(row, column) is None)
    mixed = sorted(str(key) for key, states in seen.items() if len(states) > 1)
    return f"optional key set on some rows only: {mixed[0]}" if mixed else None
