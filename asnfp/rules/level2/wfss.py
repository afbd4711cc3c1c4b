"""Level 2b wide-field slitless spectroscopy rules, with their catalog members."""

from __future__ import annotations

from asnfp.rules.rule import Rule

RULES: tuple[Rule, ...] = ()
