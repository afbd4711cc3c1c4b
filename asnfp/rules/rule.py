"""The rule value: everything that defines one kind of association."""

from __future__ import annotations

from collections.abc import Callable
from typing import Literal

import msgspec

from asnfp.constraints import Node

__all__ = ("ExposureMode", "NameParts", "Rule", "Validity")

ExposureMode = Literal["level2", "level3", "special", "auxdata"]
"""How a rule types its members.

- ``level2``: the row's exposure type, with ``psf`` counted as ``science``;
- ``level3``: the row's exposure type (``psf``, ``background``, ... kept);
- ``special``: always ``science``, except a later ``imprint`` once the
  association has science;
- ``auxdata``: ``target_acquisition`` kept, everything else ``science``.
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
    creates: bool = True
