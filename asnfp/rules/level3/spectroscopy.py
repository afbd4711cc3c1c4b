"""Level 3 spectroscopy rules (MIRI MRS and LRS, NIRSpec, NIRISS SOSS): ``spec3``."""

from __future__ import annotations

from asnfp.rules.rule import Rule

RULES: tuple[Rule, ...] = ()
