"""Testing tools for rule authors: Hypothesis strategies and the grouping laws.

Requires Hypothesis (``pip install asnfp[testing]``); ``import asnfp`` never imports it.

- ``asnfp.testing.strategies``: pools, exposures, candidates, rules and associations.
- ``asnfp.testing.laws``: the invariants as named functions, ``LAWS``, and
  ``check_rule_properties(rule)``, a ready-made property test of a rule.
"""

from __future__ import annotations

from asnfp.testing import strategies as strategies
from asnfp.testing.laws import LAWS as LAWS
from asnfp.testing.laws import Case as Case
from asnfp.testing.laws import Law as Law
from asnfp.testing.laws import check_rule_properties as check_rule_properties
from asnfp.testing.laws import violations as violations

__all__ = ("LAWS", "Case", "Law", "check_rule_properties", "strategies", "violations")


def __dir__() -> tuple[str, ...]:
    return __all__
