"""The explanation of one pool row: frozen, tagged structs that encode to JSON as they are."""

from __future__ import annotations

from typing import Literal

import msgspec

__all__ = (
    "AttrFailure",
    "CheckFailure",
    "Condition",
    "Excluded",
    "Explanation",
    "Failing",
    "Fate",
    "FinalizeStep",
    "Hit",
    "Kept",
    "Membership",
    "Refused",
    "Removed",
    "RowExplanation",
    "RuleVerdict",
    "Status",
)


class Condition(msgspec.Struct, frozen=True, kw_only=True):
    """One condition of a rule: where it sits in the tree, and what it asks."""

    path: tuple[str, ...]
    """Names of the groups around it, outermost first (unnamed groups are left out)."""
    text: str
    """What the condition asks, e.g. ``exp_type matches nrc_image|mir_image``."""


class AttrFailure(msgspec.Struct, frozen=True, kw_only=True, tag="attr"):
    """A column test that failed: the row's value, and the value the rule wanted."""

    condition: Condition
    name: str | None
    """The condition's name in the rule (``exp_type``, ``opt_elem``, ...)."""
    sources: tuple[str, ...]
    """Columns read, in order: the first specified value counts."""
    column: str | None
    """The column the row's value came from; None when no source column is specified."""
    value: str | None
    """The row's value; None when unspecified."""
    wanted: str
    """What the rule wanted: a pattern, a pinned value, ``unspecified``, ``any value``."""
    kind: Literal["mismatch", "missing", "defined", "pinned", "recorded", "excluded"]
    """``mismatch``: the value does not match; ``missing``: no value; ``defined``: a value
    where none is allowed; ``pinned``: differs from the association's value; ``recorded``:
    not among the values the association recorded; ``excluded``: contains a value the
    association excludes."""
    row_only: bool
    """Decided by the row's own cells (not by the association or the candidate)."""
    fix: dict[str, str] | None
    """Cells that satisfy the condition, where one value is known to do so."""


class CheckFailure(msgspec.Struct, frozen=True, kw_only=True, tag="check"):
    """A named test of the row or the association that failed."""

    condition: Condition
    kind: str
    """The check's kind (``target_acquisition``, ``exposure_is_science``, ``row``, ...)."""
    value: str
    """What the row or the association has."""
    wanted: str
    row_only: bool
    fix: dict[str, str] | None = None


class Hit(msgspec.Struct, frozen=True, kw_only=True):
    """A condition that held, with the value that made it hold."""

    text: str
    column: str | None
    value: str | None


class Excluded(msgspec.Struct, frozen=True, kw_only=True, tag="excluded"):
    """A ``none of`` (some part held) or ``not all of`` (every part held) that failed."""

    condition: Condition
    held: tuple[Hit, ...]
    """The conditions inside it that held for the row."""
    row_only: bool
    fix: dict[str, str] | None


class Refused(msgspec.Struct, frozen=True, kw_only=True, tag="refused"):
    """Every condition holds, yet the rule does not start an association with the row."""

    condition: Condition
    value: str
    wanted: str
    row_only: bool = False
    fix: dict[str, str] | None = None


Failing = AttrFailure | CheckFailure | Excluded | Refused

FinalizeStep = Literal[
    "observations",
    "validity",
    "rule_finalize",
    "duplicate_association",
    "duplicate_product",
    "candidate_not_kept",
    "not_requested",
    "merged",
]
"""Where an association (or the row in it) was dropped after matching.

- ``observations``: a group, mosaic or background candidate spanning fewer than two
  observations (``multi_observation`` rules);
- ``validity``: a validity condition of the rule failed;
- ``rule_finalize``: the rule's own finalize step dropped the association or the row;
- ``duplicate_association``: the same members as a kept association;
- ``duplicate_product``: a product name shared with a kept association, and a subset of it;
- ``candidate_not_kept``: ``--discover`` keeps only discovered associations;
- ``not_requested``: ``--DMS`` with ids keeps only associations of those candidates;
- ``merged``: ``--merge`` folded it into another association (the row is still written).
"""


class Kept(msgspec.Struct, frozen=True, kw_only=True, tag="kept"):
    """Written: the association and the product holding the row."""

    name: str
    """The association's DMS name (its file name without the extension)."""
    product: str
    exptype: str
    """The row's member type there (a nod split may make it ``background``)."""


class Removed(msgspec.Struct, frozen=True, kw_only=True, tag="removed"):
    """Dropped after matching: which step, why, and the association that won (if any)."""

    step: FinalizeStep
    why: str
    by: str | None = None
    """The kept association it lost to (pruning), or that was written without the row
    (``rule_finalize``)."""


Fate = Kept | Removed


class Membership(msgspec.Struct, frozen=True, kw_only=True):
    """One association of the rule that took the row while matching."""

    candidate: str
    candidate_type: str
    product: str
    """The product name as built, before finalize."""
    exptype: str
    """The row's member type there."""
    fates: tuple[Fate, ...]
    """What finalize made of it: one entry per association it became (nod splits make
    several), or one ``Removed``."""


Status = Literal["selected", "not_selected", "creates_nothing"]


class RuleVerdict(msgspec.Struct, frozen=True, kw_only=True):
    """One rule and one row: selected or not, and why."""

    rule: str
    level: Literal[2, 3]
    asn_type: str
    status: Status
    memberships: tuple[Membership, ...] = ()
    """Associations of the rule that took the row (``selected`` only)."""
    failures: tuple[Failing, ...] = ()
    """Conditions that fail for the row as the first exposure of a new association, in the
    order the rule tests them; inside an ``any of``, those of the closest alternative."""
    run: str | None = None
    """The run the failures were found in: ``discovery`` or a candidate id."""
    note: str | None = None
    """Why the row was not selected when no condition fails, or what the rule does instead."""

    fix: dict[str, str] | None = None
    """Cells that make the rule start an association with the row, checked by offering
    the row so edited: the wanted values of the failing conditions, plus those of any
    condition that fails only once they are set. None when no such cells are known."""
    unfixed: tuple[Failing, ...] = ()
    """Conditions that still fail once the known wanted values are set (no fix then)."""

    @property
    def first(self) -> Failing | None:
        """The first failing condition, or None."""
        return self.failures[0] if self.failures else None


class RowExplanation(msgspec.Struct, frozen=True, kw_only=True):
    """Every rule's verdict on one pool row."""

    index: int
    """The 0-based pool row."""
    filename: str
    exp_type: str | None
    exposure: str | None
    """The row's exposure type (``science``, ``psf``, ``target_acquisition``, ...)."""
    candidates: tuple[tuple[str, str], ...]
    """The row's candidates, as ``(id, type)``."""
    orphan: bool
    """No written association holds the row."""
    verdicts: tuple[RuleVerdict, ...]
    reason: str | None = None
    """For an orphan: the closest rule and its failing conditions."""


class Explanation(msgspec.Struct, frozen=True, kw_only=True):
    """Why the rows of one file name are, or are not, in associations."""

    pool: str
    filename: str
    rows: tuple[RowExplanation, ...]
    """One entry per pool row with that file name (usually one)."""
