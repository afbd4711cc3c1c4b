"""Nod splitting: one association per nod, the other nods as its backgrounds (RULES.md 8.5)."""

from __future__ import annotations

from collections.abc import Mapping

import msgspec

from asnfp._core.naming import exposure_basename_root
from asnfp.association import Member, Product
from asnfp.rules.rule import Finalizing

__all__ = ("make_nod_asns", "nod_background_overlap")

Cells = Mapping[str, str]


def _as_int(row: Cells, column: str) -> int | None:
    try:
        return int(row[column])
    except (KeyError, ValueError):
        return None


def _subpixels(row: Cells) -> int | None:
    """Sub-pixel dither count: ``subpxpts``, else the older ``subpxpns``."""
    count = _as_int(row, "subpxpts")
    return count if count is not None else _as_int(row, "subpxpns")


def nod_background_overlap(science: Cells, candidate: Cells) -> bool:
    """Whether ``candidate`` may hold the science source, so cannot be its background.

    Only NIRSpec fixed-slit and MSA exposures can overlap: when their targets
    differ, when they share a primary dither position, or, for 5-point
    S1600A1 fixed-slit patterns, when their primary positions are adjacent.
    Fixed-slit pairs lacking pattern numbers count as overlapping; MSA pairs
    do not.
    """
    exp_type = science.get("exp_type")
    if exp_type is None or exp_type.lower() not in ("nrs_fixedslit", "nrs_msaspec"):
        return False
    fixed_slit = exp_type.lower() == "nrs_fixedslit"

    # Without a target on either side both count as the same target.
    if (
        "targetid" in science
        and "targetid" in candidate
        and science["targetid"].lower() != candidate["targetid"].lower()
    ):
        return True

    # The three numbers are read together: one unreadable makes all unknown.
    points = _as_int(science, "numdthpt")
    position, other = _as_int(science, "patt_num"), _as_int(candidate, "patt_num")
    subpx, other_subpx = _subpixels(science), _subpixels(candidate)
    if points is None or position is None or other is None or not subpx or not other_subpx:
        return fixed_slit

    primary = (position - 1) // subpx
    other_primary = (other - 1) // other_subpx
    if primary == other_primary:
        return True
    if not fixed_slit:
        return False
    slit = science.get("fxd_slit")
    return (
        slit is not None
        and slit.lower() == "s1600a1"
        and points // subpx == 5
        and abs(primary - other_primary) <= 1
    )


def _as_background(member: Member) -> Member:
    return msgspec.structs.replace(member, exptype="background")


def make_nod_asns(state: Finalizing) -> tuple[Finalizing, ...]:
    """One association per science member of a valid association, in member order.

    Each has a single product named after its science: the science, then every
    other science that does not overlap it (as ``background``), then all
    non-science members. An invalid association gives none.
    """
    if not state.valid:
        return ()
    members = state.asn.products[0].members
    rows = state.rows
    science = [i for i, m in enumerate(members) if m.exptype == "science"]
    others = [i for i, m in enumerate(members) if m.exptype != "science"]
    results: list[Finalizing] = []
    for chosen in science:
        own = members[chosen]
        own_row = rows[chosen] or {}
        backgrounds = [
            i
            for i in science
            if members[i].expname != own.expname
            and not nod_background_overlap(own_row, rows[i] or {})
        ]
        product = Product(
            name=exposure_basename_root(own.expname),
            members=(
                own,
                *(_as_background(members[i]) for i in backgrounds),
                *(members[i] for i in others),
            ),
        )
        asn = msgspec.structs.replace(state.asn, products=(product,))
        order = (chosen, *backgrounds, *others)
        results.append(
            msgspec.structs.replace(state, asn=asn, rows=tuple(rows[i] for i in order))
        )
    return tuple(results)
