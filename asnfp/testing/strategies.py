"""Hypothesis strategies for pools, exposures, candidates, rules and associations.

Importing this module registers strategies for ``Member``, ``Product``,
``Level2Association``, ``Level3Association`` and ``Rule``, so that
``st.from_type(Association)`` works. Every strategy's docstring says what it generates and
how it shrinks.

Examples
--------
>>> from hypothesis import given
>>> from asnfp import generate
>>> @given(pools(("miri_image",), max_scenes=1))
... def test_miri_images_make_image3(pool):
...     assert any(a.asn_type == "image3" for a in generate(pool))
"""

from __future__ import annotations

from asnfp.testing._strategies._associations import associations as associations
from asnfp.testing._strategies._associations import level2_associations as level2_associations
from asnfp.testing._strategies._associations import level3_associations as level3_associations
from asnfp.testing._strategies._associations import members as members
from asnfp.testing._strategies._associations import products as products
from asnfp.testing._strategies._builder import Candidate as Candidate
from asnfp.testing._strategies._builder import Row as Row
from asnfp.testing._strategies._builder import candidate_cell as candidate_cell
from asnfp.testing._strategies._pools import candidates as candidates
from asnfp.testing._strategies._pools import exposures as exposures
from asnfp.testing._strategies._pools import modes as modes
from asnfp.testing._strategies._pools import pools as pools
from asnfp.testing._strategies._register import register
from asnfp.testing._strategies._rules import FAMILY_MODES as FAMILY_MODES
from asnfp.testing._strategies._rules import FAMILY_TYPES as FAMILY_TYPES
from asnfp.testing._strategies._rules import Family as Family
from asnfp.testing._strategies._rules import rules as rules
from asnfp.testing._strategies._vocabulary import CANDIDATE_TYPES as CANDIDATE_TYPES
from asnfp.testing._strategies._vocabulary import COLUMNS as COLUMNS
from asnfp.testing._strategies._vocabulary import MODES as MODES
from asnfp.testing._strategies._vocabulary import CandidateType as CandidateType
from asnfp.testing._strategies._vocabulary import Mode as Mode

__all__ = (
    "CANDIDATE_TYPES",
    "COLUMNS",
    "FAMILY_MODES",
    "FAMILY_TYPES",
    "MODES",
    "Candidate",
    "CandidateType",
    "Family",
    "Mode",
    "Row",
    "associations",
    "candidate_cell",
    "candidates",
    "exposures",
    "level2_associations",
    "level3_associations",
    "members",
    "modes",
    "pools",
    "products",
    "rules",
)

register()


def __dir__() -> tuple[str, ...]:
    return __all__
