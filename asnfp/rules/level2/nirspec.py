"""Level 2b NIRSpec rules: MSA, fixed slit and IFU nods, lamps."""

from __future__ import annotations

from asnfp.rules.rule import Rule

RULES: tuple[Rule, ...] = ()
