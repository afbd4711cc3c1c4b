"""The laws for rules drawn by ``strategies.rules()``, and the mutation check: a rule with
a broken grouping key fails a property."""

from __future__ import annotations

import msgspec
import polars as pl
import pytest
from hypothesis import find, given, settings
from hypothesis import strategies as st

from asnfp.constraints import Attr, Group, Node
from asnfp.rules.level3.imaging import LV3_IMAGE
from asnfp.rules.rule import Rule
from asnfp.testing import strategies
from asnfp.testing.laws import Case, check_rule_properties, members_share_group_keys, violations

pytestmark = pytest.mark.xdist_group("rules")


@given(st.data())
def test_drawn_rules_keep_every_law(data: st.DataObject) -> None:
    """A drawn rule, run alone on pools of the modes it selects, keeps every law; its group
    keys are the pinned leaves of its tree (``asnfp.testing._keys.group_keys``)."""
    family = data.draw(st.sampled_from(tuple(strategies.FAMILY_TYPES)), label="family")
    rule = data.draw(strategies.rules(family=family), label="rule")
    pool = data.draw(strategies.pools(strategies.FAMILY_MODES[family], max_scenes=2,
                                      shuffle=True), label="pool")  # fmt: skip
    order = tuple(data.draw(st.permutations(range(pool.height)), label="order"))
    broken = violations(Case(pool, rules=(rule,), permutation=order, keys={}))
    assert not broken, broken


test_image3_keeps_every_law = check_rule_properties(
    LV3_IMAGE, pools=strategies.pools(strategies.FAMILY_MODES["image"], max_scenes=2)
)
"""What a rule author writes: ``check_rule_properties`` on one rule (here ``Asn_Lv3Image``)."""


def unpinned(rule: Rule, leaf: str) -> Rule:
    """``rule`` with its leaves named ``leaf`` no longer pinned: the key stops grouping."""

    def walk(node: Node) -> Node:
        if isinstance(node, Attr):
            return msgspec.structs.replace(node, pin=False) if node.name == leaf else node
        if isinstance(node, Group):
            return msgspec.structs.replace(node, children=tuple(walk(c) for c in node.children))
        return node

    return msgspec.structs.replace(rule, tree=walk(rule.tree))


MUTANT = unpinned(LV3_IMAGE, "opt_elem")
"""``Asn_Lv3Image`` that no longer groups by filter."""


def _mixes_filters(pool: pl.DataFrame) -> bool:
    return bool(members_share_group_keys(Case(pool, rules=(MUTANT,))))


def test_a_broken_grouping_key_fails_a_property() -> None:
    """With the filter leaf of ``Asn_Lv3Image`` unpinned, the grouping law finds a pool
    whose image3 product mixes filters, and shrinks it to two MIRI images of one target
    through two filters; the intact rule keeps the law on that pool (``docs/properties.md``)."""
    pool = find(
        strategies.pools(("miri_image",)),
        _mixes_filters,
        settings=settings(max_examples=200, database=None, deadline=None),
    )
    assert pool.height == 2
    assert pool.get_column("filter").n_unique() == 2
    assert not members_share_group_keys(Case(pool, rules=(LV3_IMAGE,)))
