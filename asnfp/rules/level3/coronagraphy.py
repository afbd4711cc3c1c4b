"""Level 3 coronagraphy and AMI rules: ``coron3``, ``ami3`` and coronagraphic ``image3``."""

from __future__ import annotations

from asnfp.rules.rule import Rule

RULES: tuple[Rule, ...] = ()
