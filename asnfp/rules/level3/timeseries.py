"""Level 3 time-series rule: ``tso3``."""

from __future__ import annotations

from asnfp.rules.rule import Rule

RULES: tuple[Rule, ...] = ()
