"""Duplicate pruning: identical memberships first, then clashing product names.

Both steps look only at each association's first product. The first step is
one group-by over membership signatures. The second keeps the DMS tool's
pairwise procedure, which is order-dependent, but runs it only over the few
associations that share a product name.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from enum import Enum, auto
from typing import Protocol, TypeVar

from asnfp._core.naming import exposure_basename_root
from asnfp.association import Association, Member


class Diff(Enum):
    """Kinds of difference between two products' memberships."""

    DUPLICATE_MEMBERS = auto()
    LENGTH = auto()
    MISMATCH = auto()
    UNACCOUNTED = auto()
    SUBSET = auto()
    PRODUCT_SETS = auto()
    TYPE = auto()
    LEVEL = auto()


class HasAssociation(Protocol):
    @property
    def asn(self) -> Association: ...


T = TypeVar("T", bound=HasAssociation)


def _same(left: HasAssociation, right: HasAssociation) -> bool:
    return left is right or same_association(left.asn, right.asn)


def _members(asn: Association) -> tuple[Member, ...]:
    return asn.products[0].members if asn.products else ()


def membership_diffs(
    left: tuple[Member, ...], right: tuple[Member, ...], *, strict: bool = True
) -> list[Diff]:
    """The differences between two memberships, as the DMS comparison reports them."""
    diffs: list[Diff] = []
    for members in (left, right):
        counts = Counter(m.expname for m in members)
        if any(count > 1 for count in counts.values()):
            diffs.append(Diff.DUPLICATE_MEMBERS)
    if len(left) != len(right):
        diffs.append(Diff.LENGTH)

    def name(expname: str) -> str:
        return expname if strict else exposure_basename_root(expname)

    remaining = list(right)
    unaccounted_left = 0
    for member in left:
        key = name(member.expname)
        for position, other in enumerate(remaining):
            if name(other.expname) != key:
                continue
            if member.exptype != other.exptype:
                diffs.append(Diff.MISMATCH)
            del remaining[position]
            break
        else:
            unaccounted_left += 1
    if unaccounted_left or remaining:
        diffs.append(Diff.UNACCOUNTED)
    if len(diffs) == 2 and Diff.LENGTH in diffs and Diff.UNACCOUNTED in diffs:
        diffs.append(Diff.SUBSET)
    return diffs


def _components(name: str) -> set[str]:
    return set(name.replace("-", "_").split("_"))


def same_association(left: Association, right: Association) -> bool:
    """The DMS notion of equality: type, candidate level and loose membership."""
    if left.asn_type != right.asn_type or left.asn_id[:1] != right.asn_id[:1]:
        return False
    lefts, rights = left.products, list(right.products)
    if len(lefts) != len(rights):
        return False
    for product in lefts:
        wanted = _components(product.name)
        for position, other in enumerate(rights):
            if _components(other.name) != wanted:
                continue
            if membership_diffs(product.members, other.members, strict=False):
                return False
            del rights[position]
            break
        else:
            return False
    return not rights


def _same_key(asn: Association) -> object:
    """Equal for any two associations ``same_association`` may find the same: type,
    candidate level, and the name components of their products."""
    names = frozenset(frozenset(_components(product.name)) for product in asn.products)
    return asn.asn_type, asn.asn_id[:1], len(asn.products), names


def _signature(asn: Association) -> object:
    members = _members(asn)
    names = [m.expname for m in members]
    if len(set(names)) != len(names):
        return ("unique", id(asn))
    return frozenset((m.expname, m.exptype) for m in members)


def prune_duplicate_associations(drafts: Sequence[T]) -> list[T]:
    """Keep one association per membership: highest candidate id, then latest."""
    return duplicate_associations(drafts)[0]


def duplicate_associations(drafts: Sequence[T]) -> tuple[list[T], list[T]]:
    """The kept associations (in DMS order) and the removed ones (in removal order)."""
    ranks: dict[object, list[tuple[str, int]]] = {}
    for position, draft in enumerate(drafts):
        ranks.setdefault(_signature(draft.asn), []).append((draft.asn.asn_id, position))
    groups = sorted((sorted(group) for group in ranks.values()), key=lambda g: g[-1], reverse=True)
    kept = [drafts[group[-1][1]] for group in groups]
    removed = [drafts[position] for group in groups for _, position in group[:-1]]
    return kept, removed


def prune_duplicate_products(drafts: Sequence[T]) -> list[T]:
    """Drop subsets among associations sharing a product name (DMS order-dependent rules)."""
    return duplicate_products(drafts)[0]


def duplicate_products(drafts: Sequence[T]) -> tuple[list[T], list[T]]:
    """The kept associations and the removed ones (in removal order)."""
    names = Counter(d.asn.products[0].name for d in drafts if d.asn.products)
    duplicated = [name for name, count in names.items() if count > 1]
    if not duplicated:
        return list(drafts), []
    ordered = sorted(drafts, key=lambda d: d.asn.asn_id)
    by_name: dict[str, list[T]] = {}
    for draft in ordered:
        by_name.setdefault(draft.asn.products[0].name, []).append(draft)
    first_seen = {name: i for i, name in enumerate(
        dict.fromkeys(d.asn.products[0].name for d in drafts)
    )}
    pruned: list[T] = []
    # Pruned associations by a key that any two "same" associations share, so that each
    # one is compared with a handful of them rather than with every one pruned so far.
    pruned_by_key: dict[object, list[T]] = {}
    for name in sorted(duplicated, key=first_seen.__getitem__):
        group = by_name[name]
        keep = list(group)
        for current in group:
            if any(_same(current, p) for p in pruned_by_key.get(_same_key(current.asn), ())):
                continue
            winner = current
            losers: list[T] = []
            for entrant in keep:
                if _same(entrant, winner):
                    continue
                diffs = membership_diffs(_members(winner.asn), _members(entrant.asn))
                if not diffs:
                    losers.append(entrant)
                elif Diff.SUBSET in diffs:
                    if len(_members(entrant.asn)) > len(_members(winner.asn)):
                        winner, entrant = entrant, winner
                    losers.append(entrant)
            pruned.extend(losers)
            for loser in losers:
                pruned_by_key.setdefault(_same_key(loser.asn), []).append(loser)
            for loser in losers:
                for position, candidate in enumerate(keep):
                    if _same(candidate, loser):
                        del keep[position]
                        break
                else:
                    raise ValueError("pruned association not among those kept")
    gone = {id(p) for p in pruned}
    removed = list({id(p): p for p in pruned}.values())
    return [d for d in ordered if id(d) not in gone], removed
