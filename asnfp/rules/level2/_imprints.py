"""Imprint pruning: keep only the imprints that best match a Level 2 association's science."""

from __future__ import annotations

from collections.abc import Mapping

import msgspec

from asnfp.rules.rule import Finalizing

__all__ = ("prune_imprints", "prune_imprints_if_valid")


def _imprints_to_drop(
    members: tuple[tuple[str, str], ...], rows: tuple[Mapping[str, str] | None, ...]
) -> frozenset[int]:
    """Indices of the imprint members pruning removes (``members`` as (expname, exptype))."""
    science: list[int] = []
    targets: set[str] = set()
    science_is_background = False
    imprints: dict[bool, list[int]] = {True: [], False: []}
    for index, ((_, exptype), row) in enumerate(zip(members, rows, strict=True)):
        # Members whose row lacks either column take no part at all.
        if row is None or "targetid" not in row or "bkgdtarg" not in row:
            continue
        background = row["bkgdtarg"] == "t"
        if exptype == "science":
            science.append(index)
            targets.add(row["targetid"])
            science_is_background = science_is_background or background
        elif exptype == "imprint":
            imprints[background].append(index)

    # Only the imprints taken like the science (background or not) are candidates.
    candidates = imprints[science_is_background]
    dropped: set[int] = set()

    def has_target(index: int) -> bool:
        row = rows[index]
        return row is not None and row.get("targetid") in targets

    matching = [i for i in candidates if has_target(i)]
    if matching:
        dropped.update(i for i in candidates if not has_target(i))
        candidates = matching

    if 1 <= len(science) < len(candidates):
        dithers = {
            row["dithptin"]
            for i in science
            if (row := rows[i]) is not None and "dithptin" in row
        }
        kept = {
            members[i][0]
            for i in candidates
            if (row := rows[i]) is not None and "dithptin" in row and row["dithptin"] in dithers
        }
        if kept:
            dropped.update(i for i in candidates if members[i][0] not in kept)
    return frozenset(dropped)


def prune_imprints(state: Finalizing) -> Finalizing:
    """The association without the imprints that match its science less well (RULES.md 8.4).

    Among imprints taken like the science (background target or not), those of
    another target go when some share a science target; when imprints still
    outnumber science, those at none of the science dither positions go, if
    any imprint is at one.
    """
    product = state.asn.products[0]
    members = product.members
    dropped = _imprints_to_drop(tuple((m.expname, m.exptype) for m in members), state.rows)
    if not dropped:
        return state
    kept = [i for i in range(len(members)) if i not in dropped]
    pruned = msgspec.structs.replace(product, members=tuple(members[i] for i in kept))
    asn = msgspec.structs.replace(state.asn, products=(pruned, *state.asn.products[1:]))
    return msgspec.structs.replace(
        state, asn=asn, rows=tuple(state.rows[i] for i in kept)
    )


def prune_imprints_if_valid(state: Finalizing) -> tuple[Finalizing, ...]:
    """A valid association, imprints pruned; an invalid one is dropped."""
    return (prune_imprints(state),) if state.valid else ()
