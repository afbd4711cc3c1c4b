"""An example rule module for ``asnfp generate -r examples/custom_rules.py``.

A rule module exports ``RULES``, a tuple of :class:`asnfp.rules.Rule` values. Each rule
is stated in one place: its conditions (a tree from ``asnfp.constraints``, often built
from the shared blocks in ``asnfp.rules.blocks``), how members are typed, what makes an
association valid, and how its product is named.

This one gathers, per candidate, every NIRISS imaging exposure taken through one filter
and pupil, whatever its target: a "filter stack" association, written as ``image3``.
"""

from __future__ import annotations

from asnfp.constraints import all_of, attr
from asnfp.rules import Rule, blocks, naming

ASN_USER_NIRISS_FILTER_STACK = Rule(
    name="Asn_User_NirissFilterStack",
    level=3,
    asn_type="image3",
    doc="Every NIRISS image of one filter and pupil, any target. Pipeline: calwebb_image3.",
    exposure="level3",
    validity=("has_science",),
    product_name=naming.generic,
    tree=blocks.science(
        all_of(
            attr("exp_type", "exp_type", "nis_image"),
            attr("opt_elem", "filter"),
            attr("opt_elem2", "pupil", required=False),
            attr("subarray", "subarray"),
            blocks.not_background_or_tso(),
        )
    ),
)

RULES = (ASN_USER_NIRISS_FILTER_STACK,)
