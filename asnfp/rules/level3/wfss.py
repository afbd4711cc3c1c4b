"""Level 3 wide-field slitless spectroscopy rules: ``spec3``."""

from __future__ import annotations

from asnfp.rules.rule import Rule

RULES: tuple[Rule, ...] = ()
