"""Compiled rules are shared between generations; what offers learn is not."""

from __future__ import annotations

from pathlib import Path

import asnfp
from asnfp._core import items
from asnfp.rules.registry import DEFAULT

POOL = Path(__file__).parents[1] / "corpus" / "pools" / "pool_002_image_miri.csv"


def test_a_generation_leaves_no_outcomes_in_the_shared_compiled_rules() -> None:
    first = asnfp.generate(POOL)
    compiled = [items._compiled(rule, order, items.IN_RUN) for order, rule in enumerate(DEFAULT)]
    assert any(c.rule.name == "Asn_Lv3Image" for c in compiled)
    assert all(not c.outcomes and not c.states for c in compiled)
    assert asnfp.generate(POOL) == first


def test_each_generation_gets_its_own_offer_caches() -> None:
    rule = DEFAULT[0]
    one, two = items.CompiledKinds(rule, 0), items.CompiledKinds(rule, 0)
    assert one.get("candidate").root is two.get("candidate").root
    assert one.get("candidate").outcomes is not two.get("candidate").outcomes
