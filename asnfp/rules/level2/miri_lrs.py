"""Level 2b MIRI LRS rules: TA-confirm pairing and along-slit nods."""

from __future__ import annotations

from asnfp.rules.rule import Rule

RULES: tuple[Rule, ...] = ()
