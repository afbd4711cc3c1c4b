"""The default rules, in the order they are tried for every row.

The DMS order is by rule name within each level (Level 2b first), and it
decides which association is created first, hence pruning ties and sequence
numbers. Each instrument-mode module lists its own rules in ``RULES``.
"""

from __future__ import annotations

from asnfp.rules.level2 import imaging as level2_imaging
from asnfp.rules.level2 import miri_lrs as level2_miri_lrs
from asnfp.rules.level2 import nirspec as level2_nirspec
from asnfp.rules.level2 import spectroscopy as level2_spectroscopy
from asnfp.rules.level2 import wfss as level2_wfss
from asnfp.rules.level3 import coronagraphy as level3_coronagraphy
from asnfp.rules.level3 import imaging as level3_imaging
from asnfp.rules.level3 import spectroscopy as level3_spectroscopy
from asnfp.rules.level3 import timeseries as level3_timeseries
from asnfp.rules.level3 import wfss as level3_wfss
from asnfp.rules.rule import Rule


def _by_name(*families: tuple[Rule, ...]) -> tuple[Rule, ...]:
    return tuple(sorted((rule for family in families for rule in family), key=lambda r: r.name))


LEVEL2B: tuple[Rule, ...] = _by_name(
    level2_imaging.RULES,
    level2_spectroscopy.RULES,
    level2_nirspec.RULES,
    level2_miri_lrs.RULES,
    level2_wfss.RULES,
)

LEVEL3: tuple[Rule, ...] = _by_name(
    level3_imaging.RULES,
    level3_coronagraphy.RULES,
    level3_timeseries.RULES,
    level3_spectroscopy.RULES,
    level3_wfss.RULES,
)

DEFAULT: tuple[Rule, ...] = LEVEL2B + LEVEL3
