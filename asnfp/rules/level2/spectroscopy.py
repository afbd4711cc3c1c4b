"""Level 2b general spectroscopy rules: ``spec2`` and ``tso-spec2``."""

from __future__ import annotations

from asnfp.rules.rule import Rule

RULES: tuple[Rule, ...] = ()
