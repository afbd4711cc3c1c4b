"""Generation options: the value that carries them, and the steps that act on whole
association lists (merging, DMS filtering)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

import msgspec
import polars as pl

from asnfp._version import version_stamp
from asnfp.association import Association, Level2Association, Product
from asnfp.candidates import work_list

if TYPE_CHECKING:  # only the command line passes parsed arguments
    import argparse


class Options(msgspec.Struct, frozen=True, kw_only=True):
    """The generation options that decide the associations (as ``generate`` takes them)."""

    candidate_ids: tuple[str, ...] | None = None
    discover: bool = False
    all_candidates: bool = False
    version_id: str | None = None
    finalize: bool = True
    merge: bool = False
    dms: bool = False
    per_pool: bool = False


def options_from_arguments(args: argparse.Namespace) -> Options:
    """The options given to ``asnfp generate`` or ``asnfp explain`` on the command line
    (a bare ``--version-id`` becomes a time stamp, unless already replaced by one)."""
    ids = args.asn_candidate_ids
    return Options(
        candidate_ids=tuple(ids) if ids is not None else None,
        discover=args.discover,
        all_candidates=args.all_candidates,
        version_id=version_stamp(args.version_id),
        finalize=not args.no_finalize,
        merge=args.merge,
        dms=args.dms,
        per_pool=args.per_pool_algorithm,
    )


def merge_level2(associations: Sequence[Association]) -> tuple[Association, ...]:
    """``--merge``: one Level 2 association per (type, candidate), holding every product.

    The first association of a group keeps its name and number; each product of a
    later one is merged into the container's products of the same name (members not
    already there appended), or appended as a new product. Level 3 comes first.
    """
    others = [a for a in associations if not isinstance(a, Level2Association)]
    containers: dict[str, Level2Association] = {}
    for asn in associations:
        if not isinstance(asn, Level2Association):
            continue
        key = f"{asn.asn_type}_{asn.asn_id}"
        container = containers.get(key)
        if container is None:
            containers[key] = asn
            continue
        products = list(container.products)
        for product in asn.products:
            merged = False
            for position, existing in enumerate(products):
                if existing.name != product.name:
                    continue
                names = {m.expname for m in existing.members}
                extra = tuple(m for m in product.members if m.expname not in names)
                products[position] = Product(name=existing.name, members=existing.members + extra)
                merged = True
            if not merged:
                products.append(product)
        containers[key] = msgspec.structs.replace(container, products=tuple(products))
    return (*others, *containers.values())


def dms_candidates(frame: pl.DataFrame, ids: Sequence[str]) -> tuple[str, ...]:
    """``--DMS`` with ids: the requested ids, then the background candidates of their rows.

    A row belongs to a requested id when its ``asn_candidate`` text contains the id;
    background ids are added in order of first appearance among those rows.
    """
    cells = pl.col("asn_candidate")
    mask = pl.any_horizontal([cells.str.contains(cid, literal=True) for cid in ids])
    rows = frame.filter(mask) if ids else frame.clear()
    found = [cid for cid, kind in work_list(rows) if kind == "background"]
    return (*ids, *(cid for cid in found if cid not in ids))


def keep_requested(associations: Sequence[Association], ids: Sequence[str]
                   ) -> tuple[Association, ...]:
    """``--DMS`` with ids: only associations whose candidate id contains a requested id."""
    return tuple(a for a in associations if any(cid in a.asn_id for cid in ids))
