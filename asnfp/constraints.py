"""Constraint trees: the conditions of a rule, as inspectable data.

A rule's conditions are a tree of small frozen values. Leaves test one pool
row (:class:`Attr`) or a named fact about the row and the association being
built (:class:`Check`); :class:`Group` nodes combine children with
``all``/``any``/``none``/``notall``.

Pattern semantics are those of the DMS rules: a leaf pattern ``P`` accepts a
value ``v`` when ``re.match("^" + P + "$", v, re.IGNORECASE)`` succeeds, so an
ungrouped alternation ``a|b`` is a prefix test for ``a``. A pinned leaf
(``pin=True``) is fixed by the first row an association accepts: later rows
must carry the same value in the same column.
"""

from __future__ import annotations

from typing import Literal

import msgspec

__all__ = (
    "Attr",
    "Check",
    "CheckKind",
    "Group",
    "Node",
    "OnlyIf",
    "Phase",
    "RowPredicate",
    "all_of",
    "any_of",
    "attr",
    "none_of",
    "not_all",
    "row_test",
)

Phase = Literal["existing", "nonscience"]
"""When a re-offered row is offered again: after the main pass, or last of all."""

OnlyIf = Literal["not_background", "science"]
"""Conditions on the row that decide whether a leaf is tested at all.

- ``not_background``: the association's exposure type of the row is not ``background``;
- ``science``: the association's exposure type of the row is ``science``.
"""

CheckKind = Literal[
    "target_acquisition",
    "exposure_is_science",
    "exposure_not_science",
    "no_science_yet",
    "row",
    "original_not_imprint",
    "candidate_not_background",
    "force_match",
    "constant",
    "never",
]
"""Named tests of a :class:`Check` leaf.

- ``target_acquisition``: the row's exposure type is ``target_acquisition``;
- ``exposure_is_science``: the rule's exposure type of the row is ``science``;
- ``exposure_not_science``: the rule's exposure type of the row is not ``science``;
- ``no_science_yet``: the association has no science member yet;
- ``row``: the row predicate named by ``predicate`` holds (fails, with ``negate``);
- ``original_not_imprint``: the exposure type the association computed last (for any
  row it was offered, accepted or not) is not ``imprint``;
- ``candidate_not_background``: the association has no member yet, or its candidate is not
  of type ``background``;
- ``force_match``: always true; once it has passed, offers the association accepts are
  reported as refused (the row still joins), so the row may also start its own association;
- ``constant``: always true, recording ``value``;
- ``never``: always false.
"""

RowPredicate = Literal[
    "nrsfss_valid_detector",
    "nrsifu_valid_detector",
    "nrslamp_valid_detector",
    "nissoss_calibrated_filter",
    "nrccoron_valid_detector",
]
"""Named tests of a row's cells (see ``asnfp._core.predicates``)."""


class Attr(msgspec.Struct, frozen=True, kw_only=True, tag="attr", cache_hash=True):
    """Test the first specified value among ``sources`` against ``pattern``.

    ``pattern`` None accepts any specified value. ``pattern_from`` makes the
    pattern a grouped alternation of the values recorded so far by the leaf of
    that name; ``excluding`` makes it "does not contain the current pattern of the leaf of
    that name" (``((?!P).)*``, with ``P`` the text ``None`` while that leaf is unpinned).
    ``track_matched`` records whether the leaf passed in the association's last accepted
    evaluation (the ``lrs_nod`` exposure typing reads it). ``required=False`` lets rows
    without a value pass;
    ``undefined=True`` accepts only rows without a value. ``reprocess`` offers
    the row again, in that phase, to the rule's associations.
    """

    sources: tuple[str, ...]
    name: str | None = None
    pattern: str | None = None
    pattern_from: str | None = None
    excluding: str | None = None
    pin: bool = True
    required: bool = True
    undefined: bool = False
    onlyif: OnlyIf | None = None
    reprocess: Phase | None = None
    only_on_match: bool = False
    evaluate: bool = False
    is_acid: bool = False
    track_matched: bool = False


class Check(msgspec.Struct, frozen=True, kw_only=True, tag="check", cache_hash=True):
    """A named test of the row and the association (see :data:`CheckKind`)."""

    kind: CheckKind
    name: str | None = None
    value: str | None = None
    predicate: RowPredicate | None = None
    negate: bool = False
    reprocess_on_fail: Phase | None = None
    all_rules: bool = False


class Group(msgspec.Struct, frozen=True, kw_only=True, tag="group", cache_hash=True):
    """Children combined by ``reduce``, evaluated in order."""

    reduce: Literal["all", "any", "none", "notall"]
    children: tuple[Node, ...]
    name: str | None = None
    reprocess_on_match: Phase | None = None


Node = Attr | Check | Group


def attr(
    name: str | None,
    sources: str | tuple[str, ...],
    pattern: str | tuple[str, ...] | None = None,
    **options: object,
) -> Attr:
    """An :class:`Attr` leaf; a tuple pattern becomes an ungrouped alternation."""
    cols = (sources,) if isinstance(sources, str) else sources
    regex = "|".join(pattern) if isinstance(pattern, tuple) else pattern
    return msgspec.convert(
        {"name": name, "sources": cols, "pattern": regex, **options}, Attr
    )


def all_of(
    *children: Node, name: str | None = None, reprocess_on_match: Phase | None = None
) -> Group:
    """All children match (evaluation stops at the first plain failure)."""
    return Group(
        reduce="all", children=children, name=name, reprocess_on_match=reprocess_on_match
    )


def any_of(*children: Node, name: str | None = None) -> Group:
    """Some child matches (evaluation stops at the first match)."""
    return Group(reduce="any", children=children, name=name)


def none_of(*children: Node, name: str | None = None) -> Group:
    """No child matches."""
    return Group(reduce="none", children=children, name=name)


def not_all(*children: Node, name: str | None = None) -> Group:
    """Not every child matches."""
    return Group(reduce="notall", children=children, name=name)


def row_test(predicate: RowPredicate, *, negate: bool = False) -> Check:
    """A :class:`Check` that the row predicate holds (or, with ``negate``, does not)."""
    return Check(kind="row", predicate=predicate, negate=negate)
