"""Type registrations: ``st.from_type`` of asnfp's public structs uses these strategies."""

from __future__ import annotations

from hypothesis import strategies as st

from asnfp.association import Level2Association, Level3Association, Member, Product
from asnfp.rules.rule import Rule
from asnfp.testing._strategies._associations import (
    level2_associations,
    level3_associations,
    members,
    products,
)
from asnfp.testing._strategies._rules import rules


def register() -> None:
    """Register the struct strategies with Hypothesis (idempotent)."""
    st.register_type_strategy(Member, members())
    st.register_type_strategy(Product, products())
    st.register_type_strategy(Level2Association, level2_associations())
    st.register_type_strategy(Level3Association, level3_associations())
    st.register_type_strategy(Rule, rules())
