"""The rule value: everything that defines one kind of association."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Literal

import msgspec
import polars as pl

from asnfp.association import Association
from asnfp.constraints import Node

__all__ = ("ExposureMode", "Finalize", "Finalizing", "NameParts", "Rule", "Validity")

ExposureMode = Literal["level2", "level3", "special", "auxdata", "wfss", "lrs_nod"]
"""How a rule types its members.

- ``level2``: the row's exposure type, with ``psf`` counted as ``science``;
- ``level3``: the row's exposure type (``psf``, ``background``, ... kept);
- ``special``: always ``science``, except a later ``imprint`` once the
  association has science;
- ``auxdata``: ``target_acquisition`` kept, everything else ``science``;
- ``wfss``: as ``level2``, with science images (``nis_image``, ``nrc_image``,
  ``mir_image``) typed ``direct_image``;
- ``lrs_nod``: as ``level2``, with science typed ``background`` when the leaf named
  ``is_current_patt_num`` passed in the association's latest evaluation.
"""

Validity = Literal[
    "has_science",
    "allowed_candidates",
    "has_psf",
    "has_pair",
    "is_type_mosaic",
    "is_type_observation",
    "is_not_group",
]
"""Named conditions an association must meet to be written."""


class NameParts(msgspec.Struct, frozen=True, kw_only=True):
    """The pieces a Level 3 product name is made of."""

    program: str
    acid: str
    target: str
    instrument: str
    opt_elem: str
    slit_name: str
    subarray: str
    pinned: dict[str, str]
    """First recorded value of every named, pinned leaf, by leaf name."""


ProductName = Callable[[NameParts], str]


class Finalizing(msgspec.Struct, frozen=True, kw_only=True):
    """An association at finalize time, with what a rule's finalize step may consult."""

    asn: Association
    rows: tuple[Mapping[str, str] | None, ...]
    """Pool cells of each member of the first product (None for members a finalize step made)."""
    acid_type: str
    """The candidate type (``observation``, ``background``, ``discovered``, ...)."""
    valid: bool
    """Every validity condition of the rule holds."""
    found: Mapping[str, tuple[str, ...]]
    """Values recorded by the first leaf of each name, regex-escaped, in first-seen order
    (filled in for rules with a finalize step, the only readers; empty otherwise)."""
    parts: NameParts
    """The Level 3 name pieces of this association (used by Level 2 WFSS catalog names).
    Level 2 rules without a finalize step name their product after a member, and get
    only ``program`` and ``acid`` here (the other pieces empty)."""


Finalize = Callable[[Finalizing], tuple[Finalizing, ...]]
"""A rule's finalize step: the associations one association becomes (none drops it)."""


class Rule(msgspec.Struct, frozen=True, kw_only=True):
    """One association rule, stated in one place.

    ``tree`` is the rule's conditions; in candidate runs the candidate
    condition is appended as the last child of its top-level group.
    ``product_name`` builds Level 3 names (Level 2 products are named after
    their first science member). ``multi_observation`` drops group, mosaic
    and background candidates that span fewer than two observations.
    """

    name: str
    level: Literal[2, 3]
    asn_type: str
    tree: Node
    doc: str
    exposure: ExposureMode
    validity: tuple[Validity, ...]
    product_name: ProductName | None = None
    coron_as_rate: bool = False
    multi_observation: bool = False
    finalize: Finalize | None = None
    """Replaces the default step, which keeps the association when it is valid."""
    finalize_may_reject: Callable[[pl.DataFrame], bool] | None = None
    """Whether a pool holds values the finalize step rejects (raises on). For such a
    pool the step also runs on associations that can never be valid (discovered
    Level 2 ones), as the DMS generator runs it on them too."""
    stateful: bool = False
    """Offers change the association even when refused (``original_not_imprint``):
    every row is then offered to every association of its group, in order."""
    creates: bool = True
