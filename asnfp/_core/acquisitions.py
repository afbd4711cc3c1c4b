"""Which associations a target acquisition can join, without evaluating the whole tree.

Level 3 rules take a target acquisition through one branch of an ``any``: either the
rule's own branch (as any exposure) or an acquisition branch that requires its
observation number to be one the association has recorded (a leaf whose pattern is
built from another leaf's recorded values). Every acquisition is offered to every
association of its group, and most of those offers fail.

When the acquisition fails, in every association state, a leaf on the rule branch's
``all`` chain that comes before the recording leaf, the rule branch can neither match
nor record the acquisition's own value. The acquisition branch then needs the
acquisition's value among the values the association has already recorded, which is a
test of the association alone. Associations that fail it would refuse the offer with
no effect, so they are not offered the row. A failing leaf fails in every state when
the row leaves its column empty (it is required) or its value fails the leaf's own
pattern (a pinned value passed that pattern, and pool cells are lowercase, so a
row equal to the pin would pass it too).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from asnfp._core.compiled import CAttr, CCheck, CGroup, CNode, acquisition_only, anchored
from asnfp._core.row import Row
from asnfp._core.tables import EMPTY_VALUES

if TYPE_CHECKING:  # the association type builds on the evaluator, which uses this module
    from asnfp._core.building import Building

class Recorded:
    """``^(v1|v2|...)$`` (case-insensitive) over recorded, escaped values.

    Recorded values are usually plain words (observation numbers): a text of ASCII
    letters, digits and symbols then matches exactly when its lower case is one of
    theirs, a set lookup. Other texts and values go through the compiled pattern.
    """

    __slots__ = ("_lowered", "_pattern", "_values")

    def __init__(self, found: tuple[str, ...]) -> None:
        self._values = found
        self._pattern: re.Pattern[str] | None = None
        plain = all(value.isascii() and _PLAIN.fullmatch(value) for value in found)
        self._lowered = frozenset(v.lower() for v in found) if plain else None

    def match(self, text: str) -> bool:
        lowered = self._lowered
        # ``$`` also matches before a final newline, and case folding beyond ASCII
        # differs from ``str.lower``: such texts take the pattern.
        if lowered is not None and text and text.isascii() and "\n" not in text:
            return text.lower() in lowered
        pattern = self._pattern
        if pattern is None:
            pattern = self._pattern = anchored("(" + "|".join(self._values) + ")")
        return pattern.match(text) is not None


_PLAIN = re.compile(r"\w+", re.ASCII)
"""Values ``re.escape`` leaves as they are and a pattern reads literally."""

_ALTERNATIONS: dict[tuple[str, ...], Recorded] = {}


def alternation(found: tuple[str, ...]) -> Recorded:
    """The test of a text against recorded values, made once per tuple of values."""
    matcher = _ALTERNATIONS.get(found)
    if matcher is None:
        matcher = Recorded(found)
        if len(_ALTERNATIONS) < 65536:
            _ALTERNATIONS[found] = matcher
    return matcher


_Failing = tuple[str, str, object]
"""A condition that fails in every association state for some rows: ``("leaf", column,
pattern or None)``, ``("check", predicate, negate)``, ``("never", "", None)``, or
``("all" | "any", "", children)``."""


def _fails(node: _Failing, row: Row) -> bool:
    kind, name, detail = node
    if kind == "leaf":
        value = row.values.get(name)
        if value is None or value in EMPTY_VALUES:
            return True  # the leaf is required
        return detail is not None and not detail.match(value)  # type: ignore[attr-defined]
    if kind == "check":
        return (name in row.predicates) == detail
    if kind == "never":
        return True
    children: tuple[_Failing, ...] = detail  # type: ignore[assignment]
    if kind == "all":
        return any(_fails(child, row) for child in children)
    return all(_fails(child, row) for child in children)


@dataclass(frozen=True, slots=True)
class AcquisitionGate:
    """The facts about one rule that let acquisitions skip associations."""

    failing: tuple[_Failing, ...]
    """Conditions on the rule branch's chain, all met before the recording leaf."""
    recorder: int
    """The leaf whose recorded values the acquisition branch tests."""
    sources: tuple[str, ...]
    """Where the acquisition branch reads the acquisition's value."""

    def rule_branch_fails(self, row: Row) -> bool:
        """``row`` fails the rule branch before its recording leaf, in every state."""
        return any(_fails(node, row) for node in self.failing)

    def takers(self, row: Row, built: list[Building]) -> list[Building]:
        """The associations of ``built`` that could take ``row`` when
        ``rule_branch_fails(row)``: those holding its file, and those whose recorded
        values the row's value matches (the acquisition branch's test)."""
        found = row.lookup(self.sources)
        recorder = self.recorder
        name = row.filename
        if found is None:
            return [b for b in built if name in b.filenames]
        value = found[1]
        return [
            b for b in built
            if name in b.filenames or alternation(b.leaf(recorder).found).match(value)
        ]


def _failing(node: CNode) -> _Failing | None:
    """``node`` as a condition that, when it fails, fails with no re-offer whatever the
    association's state; None when it may pass or re-offer in some state."""
    if isinstance(node, CAttr):
        spec = node.spec
        plain = (
            spec.required
            and not spec.undefined
            and spec.onlyif is None
            and spec.pattern_from is None
            and spec.excluding is None
            and not spec.evaluate
            and len(spec.sources) == 1
            and spec.sources[0] != "asn_candidate"
        )
        return ("leaf", spec.sources[0], node.regex) if plain else None
    if isinstance(node, CCheck):
        check = node.spec
        if check.reprocess_on_fail is not None:
            return None
        if check.kind == "never":
            return ("never", "", None)
        if check.kind == "row" and check.predicate is not None:
            return ("check", check.predicate, check.negate)
        return None
    if node.spec.reduce not in ("all", "any"):
        return None
    children = [_failing(child) for child in node.children]
    if node.spec.reduce == "all":
        known = tuple(c for c in children if c is not None)
        return ("all", "", known) if known else None
    if not children or any(c is None for c in children):
        return None
    return ("any", "", tuple(c for c in children if c is not None))


def _leaves(node: CNode) -> list[int]:
    if isinstance(node, CGroup):
        return [i for child in node.children for i in _leaves(child)]
    return [node.index]


def _chain(node: CNode) -> list[CNode]:
    """``node`` and, through ``all`` groups, the nodes that must all pass with it."""
    if isinstance(node, CGroup) and node.spec.reduce == "all":
        return [node, *(n for child in node.children for n in _chain(child))]
    return [node]


def acquisition_gate(root: CGroup) -> AcquisitionGate | None:
    """The gate of a rule tree, or None when its shape does not allow one."""
    branches = [
        node
        for node in _chain(root)
        if isinstance(node, CGroup)
        and node.spec.reduce == "any"
        and len(node.children) == 2
        and [acquisition_only(c) for c in node.children] == [False, True]
    ]
    if len(branches) != 1:
        return None
    rule_branch, acquisition = branches[0].children
    testers = [
        leaf
        for leaf in _chain(acquisition)
        if isinstance(leaf, CAttr)
        and leaf.pattern_from is not None
        and leaf.spec.excluding is None
        and leaf.spec.required
        and not leaf.spec.pin
        and not leaf.spec.undefined
        and leaf.spec.onlyif is None
        and not leaf.spec.evaluate
    ]
    if len(testers) != 1:
        return None
    tester = testers[0]
    recorder = tester.pattern_from
    assert recorder is not None
    # The recording leaf is met once in the whole tree, inside the rule branch only, and
    # no leaf is met twice in the rule branch: leaf numbers are then evaluation order.
    branch_leaves = _leaves(rule_branch)
    if _leaves(root).count(recorder) != 1 or recorder not in branch_leaves:
        return None
    if len(set(branch_leaves)) != len(branch_leaves):
        return None
    # Conditions met whole before the recording leaf: failing one ends the rule branch.
    failing = tuple(
        condition
        for node in _chain(rule_branch)[1:]
        if max(_leaves(node), default=recorder) < recorder
        and (condition := _failing(node)) is not None
    )
    if not failing:
        return None
    return AcquisitionGate(failing, recorder, tester.spec.sources)
