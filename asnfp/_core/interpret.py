"""Evaluate a compiled rule tree for one row against one association.

The semantics are the DMS rules' own: children run in order, ``all`` stops at
the first failure that asks for no re-offer, ``any`` stops at the first match,
pins set while evaluating persist when the whole tree matches (even pins set
in a branch that failed) and are all dropped when it does not.
"""

from __future__ import annotations

import ast
import re
from dataclasses import dataclass

from asnfp._core.compiled import CAttr, CCheck, CGroup, CNode, LeafState, anchored
from asnfp._core.row import Row
from asnfp.constraints import Phase


@dataclass(frozen=True, slots=True)
class Reoffer:
    """A request to offer the row again, in ``phase``."""

    phase: Phase
    all_rules: bool
    only_on_match: bool


class AssociationView:
    """What tree evaluation may ask of the association being built."""

    def leaf(self, index: int) -> LeafState:  # pragma: no cover - interface
        raise NotImplementedError

    def has_science(self) -> bool:  # pragma: no cover - interface
        raise NotImplementedError

    def exposure_of(self, row: Row) -> str:  # pragma: no cover - interface
        raise NotImplementedError

    def original_exposure(self) -> str | None:  # pragma: no cover - interface
        raise NotImplementedError

    def candidate_not_background(self) -> bool:  # pragma: no cover - interface
        raise NotImplementedError


_LITERALS: dict[str, object] = {}


def literal(text: str) -> object:
    """Python-literal value of a cell, or the text itself when it is no literal."""
    try:
        return _LITERALS[text]
    except KeyError:
        pass
    try:
        value: object = ast.literal_eval(text)
    except (ValueError, SyntaxError, TypeError, MemoryError, RecursionError):
        value = text
    if len(_LITERALS) < 65536:
        _LITERALS[text] = value
    return value


_ESCAPED: dict[str, str] = {}


def _escape(text: str) -> str:
    found = _ESCAPED.get(text)
    if found is None:
        found = re.escape(text)
        if len(_ESCAPED) < 65536:
            _ESCAPED[text] = found
    return found


def _is_iterable(value: object) -> bool:
    return not isinstance(value, str | tuple) and hasattr(value, "__iter__")


class Evaluation:
    """One offer of one row to one association; pins go to ``delta``."""

    __slots__ = ("asn", "delta", "row")

    def __init__(self, asn: AssociationView, row: Row) -> None:
        self.asn = asn
        self.row = row
        self.delta: dict[int, LeafState] = {}

    def state(self, index: int) -> LeafState:
        found = self.delta.get(index)
        return found if found is not None else self.asn.leaf(index)

    def run(self, node: CNode) -> tuple[bool, list[Reoffer]]:
        if isinstance(node, CAttr):
            result = self._attr(node)
            if node.spec.track_matched:
                state = self.state(node.index)
                self.delta[node.index] = LeafState(
                    state.pattern, state.sources, state.unique, state.found, state.pinned,
                    result[0],
                )
            return result
        if isinstance(node, CCheck):
            return self._check(node)
        return self._group(node)

    def _group(self, node: CGroup) -> tuple[bool, list[Reoffer]]:
        reduce = node.spec.reduce
        if reduce in ("all", "notall"):
            matched, reoffers = self._all(node.children)
        else:
            matched, reoffers = self._any(node.children)
        if reduce in ("none", "notall"):
            matched = not matched
        phase = node.spec.reprocess_on_match
        if matched and phase is not None:
            reoffers = [*reoffers, Reoffer(phase, False, False)]
        return matched, reoffers

    def _all(self, children: tuple[CNode, ...]) -> tuple[bool, list[Reoffer]]:
        if not children:
            return False, []
        kept: list[Reoffer] = []
        failed: list[Reoffer] | None = None
        for child in children:
            matched, reoffers = self.run(child)
            if matched:
                if failed is None:
                    kept.extend(reoffers)
            elif not reoffers:
                return False, []
            elif failed is None:
                failed = reoffers
        if failed is None:
            return True, kept
        return False, failed

    def _any(self, children: tuple[CNode, ...]) -> tuple[bool, list[Reoffer]]:
        collected: list[Reoffer] = []
        for child in children:
            matched, reoffers = self.run(child)
            if matched:
                return True, reoffers
            collected.extend(reoffers)
        return False, collected

    def _check(self, leaf: CCheck) -> tuple[bool, list[Reoffer]]:
        spec = leaf.spec
        row = self.row
        match spec.kind:
            case "target_acquisition":
                passed = row.exposure == "target_acquisition"
            case "exposure_is_science":
                passed = self.asn.exposure_of(row) == "science"
            case "exposure_not_science":
                passed = self.asn.exposure_of(row) != "science"
            case "no_science_yet":
                passed = not self.asn.has_science()
            case "row":
                passed = (spec.predicate in row.predicates) != spec.negate
            case "original_not_imprint":
                passed = self.asn.original_exposure() != "imprint"
            case "candidate_not_background":
                passed = self.asn.candidate_not_background()
            case "force_match":
                state = self.state(leaf.index)
                self.delta[leaf.index] = LeafState(
                    state.pattern, state.sources, state.unique, state.found, state.pinned, True
                )
                passed = True
            case "constant":
                passed = True
            case "never":
                passed = False
        if passed:
            if spec.value is not None:
                state = self.state(leaf.index)
                if spec.value not in state.found:
                    self.delta[leaf.index] = LeafState(
                        state.pattern,
                        state.sources,
                        state.unique,
                        (*state.found, spec.value),
                        state.pinned,
                    )
            return True, []
        if spec.reprocess_on_fail is not None:
            return False, [Reoffer(spec.reprocess_on_fail, spec.all_rules, False)]
        return False, []

    def _attr(self, leaf: CAttr) -> tuple[bool, list[Reoffer]]:
        spec = leaf.spec
        row = self.row
        reoffer = (
            [Reoffer(spec.reprocess, False, spec.only_on_match)]
            if spec.reprocess is not None
            else []
        )
        if spec.onlyif is not None:
            kind = self.asn.exposure_of(row)
            skip = kind == "background" if spec.onlyif == "not_background" else kind != "science"
            if skip:
                return True, reoffer
        state = self.state(leaf.index)
        found = row.lookup(state.sources)
        if found is None:
            return (not spec.required) or spec.undefined, []
        if spec.undefined:
            return False, []
        column, raw = found
        value: object = literal(raw) if spec.evaluate else raw
        if state.pinned is not None:
            pinned = state.pinned
            if _is_iterable(value):
                for element in value:  # type: ignore[attr-defined]
                    if str(element).lower() == pinned:
                        text = str(element)
                        break
                else:
                    return False, []
            elif str(value).lower() == pinned:
                text = str(value)
            else:
                return False, []
        else:
            if leaf.pattern_from is not None and spec.excluding is not None:
                current = self.state(leaf.pattern_from).pattern
                regex: re.Pattern[str] | None = anchored(f"((?!{current}).)*")
            elif leaf.pattern_from is not None:
                recorded = self.state(leaf.pattern_from).found
                regex = anchored("(" + "|".join(recorded) + ")")
            elif state.pattern is None:
                regex = None
            elif state.pattern is spec.pattern and leaf.regex is not None:
                regex = leaf.regex
            else:
                regex = anchored(state.pattern)
            if regex is None:
                if _is_iterable(value):
                    # Several values in one cell: only the per-pool mode splits them.
                    return False, []
                text = str(value)
            else:
                elements = list(value) if _is_iterable(value) else [value]  # type: ignore[call-overload]
                for element in elements:
                    if regex.match(str(element)):
                        text = str(element)
                        break
                else:
                    return False, []
        escaped = _escape(text)
        found_values = state.found if escaped in state.found else (*state.found, escaped)
        if state.unique:
            self.delta[leaf.index] = LeafState(
                escaped, (column,), False, found_values, text.lower()
            )
        elif found_values is not state.found:
            self.delta[leaf.index] = LeafState(
                state.pattern, state.sources, state.unique, found_values, state.pinned
            )
        return True, reoffer

