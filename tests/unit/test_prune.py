"""Duplicate pruning: memberships first, then clashing product names."""

from __future__ import annotations

import random
from dataclasses import dataclass

import pytest

from asnfp._core import prune
from asnfp._core.prune import (
    Diff,
    membership_diffs,
    prune_duplicate_associations,
    prune_duplicate_products,
)
from asnfp.association import Association, Level3Association, Member, Product


@dataclass(frozen=True)
class Item:
    asn: Association


def _asn(asn_id: str, name: str, *members: tuple[str, str], kind: str = "image3") -> Item:
    product = Product(
        name=name, members=tuple(Member(expname=e, exptype=t) for e, t in members)
    )
    return Item(Level3Association(asn_type=kind, asn_rule="r", asn_id=asn_id, products=(product,)))


def test_loose_subset_is_reported_even_when_both_sides_have_extras() -> None:
    left = (Member(expname="a", exptype="science"), Member(expname="b", exptype="science"))
    right = (Member(expname="a", exptype="science"), Member(expname="c", exptype="science"),
             Member(expname="d", exptype="science"))
    assert Diff.SUBSET in membership_diffs(left, right)


def test_exptype_conflict_is_no_subset() -> None:
    left = (Member(expname="a", exptype="science"),)
    right = (Member(expname="a", exptype="background"), Member(expname="c", exptype="science"))
    assert Diff.SUBSET not in membership_diffs(left, right)


def test_identical_memberships_keep_highest_candidate_then_latest() -> None:
    first = _asn("a3001", "x", ("m1", "science"))
    second = _asn("o001", "y", ("m1", "science"))
    third = _asn("o001", "z", ("m1", "science"))
    other = _asn("c1000", "w", ("m2", "science"))
    kept = prune_duplicate_associations([first, second, third, other])
    assert kept == [third, other]


def test_repeated_member_never_counts_as_identical() -> None:
    dup = _asn("o001", "x", ("m1", "science"), ("m1", "science"))
    same = _asn("o001", "x", ("m1", "science"), ("m1", "science"))
    assert len(prune_duplicate_associations([dup, same])) == 2


def test_same_product_name_drops_the_smaller_subset() -> None:
    small = _asn("o001", "p", ("m1", "science"))
    large = _asn("c1000", "p", ("m1", "science"), ("b1", "background"))
    assert prune_duplicate_products([small, large]) == [large]


def test_same_product_name_with_different_members_keeps_both() -> None:
    left = _asn("o001", "p", ("m1_rate.fits", "science"))
    right = _asn("o001", "p", ("m1_rateints.fits", "science"))
    assert prune_duplicate_products([left, right]) == [left, right]


def test_no_duplicate_names_keeps_order() -> None:
    items = [_asn("o002", "a", ("m1", "science")), _asn("o001", "b", ("m2", "science"))]
    assert prune_duplicate_products(items) == items


@pytest.mark.parametrize("seed", range(40))
def test_pruned_lookup_by_key_matches_comparing_with_every_pruned(
    seed: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Pruned associations are looked up by ``_same_key``; with one key for all (every
    pruned association compared, as the DMS tool does) the result is the same."""
    rng = random.Random(seed)
    names = ["a-b", "b_a", "a_b_c", "c-a-b", "d"]
    exposures = ["m", "n", "k", "z"]
    items = [
        _asn(
            f"c{1000 + rng.randrange(3)}",
            rng.choice(names),
            *((e, "science") for e in rng.sample(exposures, rng.randint(1, 3))),
        )
        for _ in range(rng.randint(2, 14))
    ]

    def outcome() -> object:
        try:
            return prune.duplicate_products(items)
        except ValueError as error:  # the DMS procedure's own dead end, kept as it is
            return str(error)

    by_key = outcome()
    monkeypatch.setattr(prune, "_same_key", lambda asn: 0)
    assert outcome() == by_key
