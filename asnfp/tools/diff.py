"""Comparing two sets of associations product by product (the reference's ``lib.diff``).

Associations are split into one association per product and paired by product name. The
differences found, and their order, are those of ``compare_asn_files``: duplicated product names
on either side, product names on one side only, then, for each shared product name in sorted
order, a different type or candidate level and any membership difference. Members are paired by
expname (without extension and known suffix unless ``strict_expname``); the membership
comparison is asnfp's pruning one (``asnfp._core.prune.membership_diffs``).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Literal

import msgspec
from returns.result import Failure, Result, Success

from asnfp._core.naming import exposure_basename_root
from asnfp._core.prune import Diff, membership_diffs
from asnfp.association import Association, Member, Product
from asnfp.errors import AssociationFileError
from asnfp.io import load

__all__ = ("DiffKind", "Difference", "association_files", "compare", "compare_paths", "report")

DiffKind = Literal[
    "duplicate_product",
    "different_product_sets",
    "type_mismatch",
    "candidate_level",
    "duplicate_members",
    "member_length",
    "member_mismatch",
    "unaccounted_members",
    "subset",
]
"""What differs; the reference's error class of each is named in ``REFERENCE_NAMES``."""

REFERENCE_NAMES: dict[DiffKind, str] = {
    "duplicate_product": "DuplicateProductError",
    "different_product_sets": "DifferentProductSetsError",
    "type_mismatch": "TypeMismatchError",
    "candidate_level": "CandidateLevelError",
    "duplicate_members": "DuplicateMembersError",
    "member_length": "MemberLengthDifferenceError",
    "member_mismatch": "MemberMismatchError",
    "unaccounted_members": "UnaccountedMembersError",
    "subset": "SubsetError",
}

_KINDS: dict[Diff, DiffKind] = {
    Diff.DUPLICATE_MEMBERS: "duplicate_members",
    Diff.LENGTH: "member_length",
    Diff.MISMATCH: "member_mismatch",
    Diff.UNACCOUNTED: "unaccounted_members",
    Diff.SUBSET: "subset",
}


class Difference(msgspec.Struct, frozen=True, kw_only=True):
    """One difference: its kind and a readable description."""

    kind: DiffKind
    message: str


def association_files(path: Path) -> tuple[Path, ...]:
    """The association files a path names: itself, or the ``.json`` files of a folder, sorted."""
    if path.is_dir():
        return tuple(sorted(p for p in path.glob("*.json") if p.is_file()))
    return (path,)


def compare_paths(
    left: Path, right: Path, *, strict_expname: bool = False
) -> Result[tuple[Difference, ...], AssociationFileError]:
    """Compare the associations of two files or two folders.

    Returns
    -------
    Result[tuple[Difference, ...], AssociationFileError]
        The differences (none when equal), or the first file that cannot be read.
    """
    sides: list[list[Association]] = []
    for path in (left, right):
        if not path.exists():
            return Failure(
                AssociationFileError(file=str(path), message="cannot read: no such file or folder")
            )
        files = association_files(path)
        if not files:
            return Failure(
                AssociationFileError(file=str(path), message="no .json files in the folder")
            )
        asns: list[Association] = []
        for file in files:
            loaded = load(file)
            if isinstance(loaded, Failure):
                return Failure(loaded.failure())
            asns.append(loaded.unwrap())
        sides.append(asns)
    return Success(compare(sides[0], sides[1], strict_expname=strict_expname))


def _separate(asns: Sequence[Association]) -> list[Association]:
    """One association per product (an association without products gives none)."""
    return [
        msgspec.structs.replace(asn, products=(product,))
        for asn in asns
        for product in asn.products
    ]


def compare(
    left: Sequence[Association], right: Sequence[Association], *, strict_expname: bool = False
) -> tuple[Difference, ...]:
    """The differences between two sets of associations (none when they are equal).

    Examples
    --------
    >>> from asnfp.association import Level3Association
    >>> a = Level3Association(asn_type="image3", asn_rule="r", products=(
    ...     Product(name="p", members=(Member(expname="x_cal.fits", exptype="science"),)),))
    >>> compare([a], [a])
    ()
    >>> b = msgspec.structs.replace(a, products=(Product(name="p"),))
    >>> [d.kind for d in compare([a], [b])]
    ['member_length', 'unaccounted_members', 'subset']
    """
    lefts = _separate(left)
    rights = _separate(right)
    diffs: list[Difference] = []
    diffs += _duplicate_products(lefts, "left")
    diffs += _duplicate_products(rights, "right")
    left_names = {asn.products[0].name for asn in lefts}
    right_names = {asn.products[0].name for asn in rights}
    only = [
        f"products only on the {side}: " + ", ".join(sorted(names))
        for side, names in (("left", left_names - right_names), ("right", right_names - left_names))
        if names
    ]
    if only:
        diffs.append(Difference(kind="different_product_sets", message="; ".join(only)))
    left_by = {asn.products[0].name: asn for asn in lefts}
    right_by = {asn.products[0].name: asn for asn in rights}
    skip_top_level = False
    for name in sorted(left_names & right_names):
        found = _compare_pair(left_by[name], right_by[name], skip_top_level, strict_expname)
        if found:
            diffs += found
            # The reference reports type and level differences once, for the first pair.
            skip_top_level = True
    return tuple(diffs)


def _duplicate_products(asns: Sequence[Association], side: str) -> list[Difference]:
    """Differences among one side's associations that share a product name."""
    counts = Counter(asn.products[0].name for asn in asns)
    diffs: list[Difference] = []
    ordered = sorted(asns, key=lambda asn: asn.asn_id)
    for name in (n for n, count in counts.items() if count > 1):
        group = [asn for asn in ordered if asn.products[0].name == name]
        current = group.pop()
        for other in group:
            strict = membership_diffs(current.products[0].members, other.products[0].members)
            if not strict:
                message = (
                    f"{side}: {current.asn_id} and {other.asn_id} both make product {name!r}, "
                    "with the same members"
                )
                diffs.append(Difference(kind="duplicate_product", message=message))
            elif membership_diffs(
                current.products[0].members, other.products[0].members, strict=False
            ):
                # Products differing only in member suffixes (rate and rateints) are not
                # duplicates; any other difference is reported in full.
                sides = (f"{side} {current.asn_id}", f"{side} {other.asn_id}")
                diffs += _membership(
                    current.products[0], other.products[0], strict=True, sides=sides
                )
    return diffs


def _compare_pair(
    left: Association, right: Association, skip_top_level: bool, strict_expname: bool
) -> list[Difference]:
    """Differences between two associations: type, candidate level and products."""
    diffs: list[Difference] = []
    if not skip_top_level and left.asn_type != right.asn_type:
        message = f"asn_type {left.asn_type!r} on the left, {right.asn_type!r} on the right"
        diffs.append(Difference(kind="type_mismatch", message=message))
    if not skip_top_level and left.asn_id[:1] != right.asn_id[:1]:
        message = (
            f"asn_id {left.asn_id!r} on the left, {right.asn_id!r} on the right: "
            "different candidate levels"
        )
        diffs.append(Difference(kind="candidate_level", message=message))
    lefts, rights = left.products, list(right.products)
    if len(lefts) != len(rights):
        message = f"{len(lefts)} products on the left, {len(rights)} on the right"
        diffs.append(Difference(kind="different_product_sets", message=message))
    for product in lefts:
        for position, other in enumerate(rights):
            if _components(other.name) == _components(product.name):
                diffs += _membership(product, other, strict=strict_expname)
                del rights[position]
                break
        else:
            message = f"product {product.name!r} on the left has no match on the right"
            diffs.append(Difference(kind="different_product_sets", message=message))
    if rights:
        names = ", ".join(repr(p.name) for p in rights)
        message = f"products on the right without a match on the left: {names}"
        diffs.append(Difference(kind="different_product_sets", message=message))
    return diffs


def _components(name: str) -> set[str]:
    """A product name's ``_``/``-`` separated parts."""
    return set(name.replace("-", "_").split("_"))


Sides = tuple[str, str]
"""How a report names the two products compared: ``("left", "right")`` across the sides."""


def _membership(
    left: Product, right: Product, *, strict: bool, sides: Sides = ("left", "right")
) -> list[Difference]:
    """Membership differences between two products, described."""
    kinds = membership_diffs(left.members, right.members, strict=strict)
    if not kinds:
        return []
    key: Callable[[str], str] = (lambda e: e) if strict else exposure_basename_root
    unmatched_left, unmatched_right, mismatched = _pairing(left.members, right.members, key)
    one, two = sides
    where = (
        f"product {left.name!r}"
        if left.name == right.name
        else f"products {left.name!r} ({one}) and {right.name!r} ({two})"
    )
    diffs: list[Difference] = []
    mismatches = iter(mismatched)
    duplicated = iter([(product, side) for product, side in ((left, one), (right, two))
                       if _has_duplicates(product)])
    for kind in kinds:
        match kind:
            case Diff.DUPLICATE_MEMBERS:
                diffs.append(_duplicates(*next(duplicated)))
            case Diff.LENGTH:
                counts = f"{len(left.members)} members on the {one}, {len(right.members)}"
                message = f"{where}: {counts} on the {two}"
                diffs.append(Difference(kind="member_length", message=message))
            case Diff.MISMATCH:
                a, b = next(mismatches)
                types = f"{a.exptype} on the {one}, {b.exptype} on the {two}"
                names = a.expname if a.expname == b.expname else f"{a.expname} / {b.expname}"
                message = f"{where}: member {names} is {types}"
                diffs.append(Difference(kind="member_mismatch", message=message))
            case Diff.UNACCOUNTED:
                parts = [
                    f"only on the {side}: " + _listed(members)
                    for side, members in ((one, unmatched_left), (two, unmatched_right))
                    if members
                ]
                message = f"{where}: " + "; ".join(parts)
                diffs.append(Difference(kind="unaccounted_members", message=message))
            case Diff.SUBSET:
                small, large = (two, one) if unmatched_left else (one, two)
                message = f"{where}: the {small} members are a subset of the {large} ones"
                diffs.append(Difference(kind="subset", message=message))
            case _:  # pragma: no cover - membership_diffs reports only the kinds above
                diffs.append(Difference(kind=_KINDS.get(kind, "member_mismatch"), message=where))
    return diffs


def _has_duplicates(product: Product) -> bool:
    """Whether a product repeats an expname."""
    names = [m.expname for m in product.members]
    return len(set(names)) != len(names)


def _duplicates(product: Product, side: str) -> Difference:
    """The difference naming a product's repeated members."""
    counts = Counter(m.expname for m in product.members)
    repeated = ", ".join(sorted(name for name, count in counts.items() if count > 1))
    message = f"product {product.name!r} on the {side} repeats members: {repeated}"
    return Difference(kind="duplicate_members", message=message)


def _pairing(
    left: Sequence[Member], right: Sequence[Member], key: Callable[[str], str]
) -> tuple[list[Member], list[Member], list[tuple[Member, Member]]]:
    """Members left unpaired on each side, and paired members whose types differ."""
    remaining = list(right)
    unmatched: list[Member] = []
    mismatched: list[tuple[Member, Member]] = []
    for member in left:
        for position, other in enumerate(remaining):
            if key(other.expname) == key(member.expname):
                if other.exptype != member.exptype:
                    mismatched.append((member, other))
                del remaining[position]
                break
        else:
            unmatched.append(member)
    return unmatched, remaining, mismatched


def _listed(members: Sequence[Member]) -> str:
    """Members written ``name (type)``."""
    return ", ".join(f"{m.expname} ({m.exptype})" for m in members)


def report(differences: Sequence[Difference]) -> str:
    """A readable report: one line per difference, or ``no differences``."""
    if not differences:
        return "no differences"
    lines = [f"{len(differences)} difference{'s' if len(differences) > 1 else ''}:"]
    lines += [f"- {d.kind.replace('_', ' ')}: {d.message}" for d in differences]
    return "\n".join(lines)
