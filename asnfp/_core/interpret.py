"""Evaluate a compiled rule tree for one row against one association.

The semantics are the DMS rules' own: children run in order, ``all`` stops at
the first failure that asks for no re-offer, ``any`` stops at the first match,
pins set while evaluating persist when the whole tree matches (even pins set
in a branch that failed) and are all dropped when it does not.
"""

from __future__ import annotations

import ast
import re
from collections.abc import Callable
from dataclasses import dataclass

from asnfp._core.acquisitions import Recorded, alternation
from asnfp._core.compiled import CAttr, CCheck, CGroup, CNode, LeafState, anchored
from asnfp._core.row import Row
from asnfp._core.tables import EMPTY_VALUES
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


Outcome = tuple[bool, tuple[Reoffer, ...]]
_NONE: tuple[Reoffer, ...] = ()
_FAIL: Outcome = (False, _NONE)
_PASS: Outcome = (True, _NONE)
Test = Callable[["Evaluation"], Outcome]


class Evaluation:
    """One offer of one row to one association; pins go to ``delta``."""

    __slots__ = ("asn", "committed", "delta", "initial", "row")

    def __init__(
        self,
        asn: AssociationView,
        row: Row,
        committed: dict[int, LeafState],
        initial: tuple[LeafState, ...],
    ) -> None:
        self.asn = asn
        self.row = row
        self.committed = committed
        self.initial = initial
        self.delta: dict[int, LeafState] = {}

    def state(self, index: int) -> LeafState:
        return self.delta.get(index) or self.committed.get(index) or self.initial[index]

    def run(self, node: CNode) -> Outcome:
        """Evaluate ``node`` for this offer (rules keep their root's function compiled)."""
        return build_test(node)(self)


def build_test(node: CNode) -> Test:
    """The evaluation function of a compiled node (a closure over its settings)."""
    return _build(node, {})


def _build(node: CNode, memo: dict[int, Test]) -> Test:
    # A node used twice in one tree gets one function (its leaves share state anyway).
    found = memo.get(id(node))
    if found is None:
        found = memo[id(node)] = _build_new(node, memo)
    return found


def _build_new(node: CNode, memo: dict[int, Test]) -> Test:
    if isinstance(node, CGroup):
        return _group(node, memo)
    if isinstance(node, CCheck):
        return _check(node)
    test = _attr(node)
    if not node.spec.track_matched:
        return test
    index = node.index

    def tracked(ev: Evaluation) -> Outcome:
        outcome = test(ev)
        state = ev.state(index)
        ev.delta[index] = LeafState(
            state.pattern, state.sources, state.unique, state.found, state.pinned, outcome[0]
        )
        return outcome

    return tracked


def _group(node: CGroup, memo: dict[int, Test]) -> Test:
    children = tuple(_build(child, memo) for child in node.children)
    reduce = node.spec.reduce
    phase = node.spec.reprocess_on_match
    extra = (Reoffer(phase, False, False),) if phase is not None else _NONE

    def every(ev: Evaluation) -> Outcome:
        if not children:
            return _FAIL
        kept = _NONE
        failed: tuple[Reoffer, ...] | None = None
        for child in children:
            matched, reoffers = child(ev)
            if matched:
                if failed is None and reoffers:
                    kept = kept + reoffers
            elif not reoffers:
                return _FAIL
            elif failed is None:
                failed = reoffers
        return (True, kept) if failed is None else (False, failed)

    def some(ev: Evaluation) -> Outcome:
        collected = _NONE
        for child in children:
            matched, reoffers = child(ev)
            if matched:
                return matched, reoffers
            if reoffers:
                collected = collected + reoffers
        return False, collected

    base = every if reduce in ("all", "notall") else some
    negate = reduce in ("none", "notall")
    if not negate and not extra:
        return base

    def wrapped(ev: Evaluation) -> Outcome:
        matched, reoffers = base(ev)
        if negate:
            matched = not matched
        if matched and extra:
            reoffers = reoffers + extra
        return matched, reoffers

    return wrapped


def _check(leaf: CCheck) -> Test:
    spec = leaf.spec
    index = leaf.index
    kind = spec.kind
    value = spec.value
    failure: Outcome = (
        (False, (Reoffer(spec.reprocess_on_fail, spec.all_rules, False),))
        if spec.reprocess_on_fail is not None
        else _FAIL
    )

    def passed(ev: Evaluation) -> bool:
        row = ev.row
        match kind:
            case "target_acquisition":
                return row.exposure == "target_acquisition"
            case "exposure_is_science":
                return ev.asn.exposure_of(row) == "science"
            case "exposure_not_science":
                return ev.asn.exposure_of(row) != "science"
            case "no_science_yet":
                return not ev.asn.has_science()
            case "row":
                return (spec.predicate in row.predicates) != spec.negate
            case "original_not_imprint":
                return ev.asn.original_exposure() != "imprint"
            case "candidate_not_background":
                return ev.asn.candidate_not_background()
            case "force_match":
                state = ev.state(index)
                ev.delta[index] = LeafState(
                    state.pattern, state.sources, state.unique, state.found, state.pinned, True
                )
                return True
            case "constant":
                return True
            case "never":
                return False

    def test(ev: Evaluation) -> Outcome:
        if not passed(ev):
            return failure
        if value is not None:
            state = ev.state(index)
            if value not in state.found:
                ev.delta[index] = LeafState(
                    state.pattern, state.sources, state.unique, (*state.found, value),
                    state.pinned,
                )
        return _PASS

    return test


def _attr(leaf: CAttr, *, specialise: bool = True) -> Test:
    spec = leaf.spec
    index = leaf.index
    required, undefined, evaluate = spec.required, spec.undefined, spec.evaluate
    onlyif = spec.onlyif
    original_pattern, compiled = spec.pattern, leaf.regex
    source_leaf, excluding = leaf.pattern_from, spec.excluding is not None
    passing: Outcome = (
        (True, (Reoffer(spec.reprocess, False, spec.only_on_match),))
        if spec.reprocess is not None
        else _PASS
    )
    absent: Outcome = _PASS if (not required or undefined) else _FAIL
    if (
        specialise
        and onlyif is None
        and not undefined
        and not evaluate
        and source_leaf is None
        and "asn_candidate" not in spec.sources
    ):
        return _plain_attr(index, original_pattern, compiled, passing, absent)

    def pattern_of(ev: Evaluation, state: LeafState) -> re.Pattern[str] | Recorded | None:
        """The pattern an unpinned value must match (None: any value)."""
        if source_leaf is None and state.pattern is original_pattern:
            return compiled  # the leaf's own pattern, compiled once (the usual case)
        if source_leaf is not None and excluding:
            return anchored(f"((?!{ev.state(source_leaf).pattern}).)*")
        if source_leaf is not None:
            return alternation(ev.state(source_leaf).found)
        if state.pattern is None:
            return None
        return anchored(state.pattern)

    def test(ev: Evaluation) -> Outcome:
        row = ev.row
        if onlyif is not None:
            kind = ev.asn.exposure_of(row)
            if (kind == "background") if onlyif == "not_background" else (kind != "science"):
                return passing
        delta = ev.delta
        state = delta.get(index) or ev.committed.get(index) or ev.initial[index]
        column = raw = None
        values = row.values
        for source in state.sources:
            cell = row.candidate if source == "asn_candidate" else values.get(source)
            if cell is not None and cell not in EMPTY_VALUES:
                column, raw = source, cell
                break
        if column is None or raw is None:
            return absent
        if undefined:
            return _FAIL
        pinned = state.pinned
        if not evaluate:
            # The common case: one text value, no list to search.
            text = raw
            if pinned is not None:
                if raw.lower() != pinned:
                    return _FAIL
            else:
                regex = pattern_of(ev, state)
                if regex is not None and not regex.match(raw):
                    return _FAIL
        else:
            value: object = literal(raw)
            if pinned is not None:
                if _is_iterable(value):
                    for element in value:  # type: ignore[attr-defined]
                        if str(element).lower() == pinned:
                            text = str(element)
                            break
                    else:
                        return _FAIL
                elif str(value).lower() == pinned:
                    text = str(value)
                else:
                    return _FAIL
            else:
                regex = pattern_of(ev, state)
                if regex is None:
                    if _is_iterable(value):
                        # Several values in one cell: only the per-pool mode splits them.
                        return _FAIL
                    text = str(value)
                else:
                    elements = list(value) if _is_iterable(value) else [value]  # type: ignore[call-overload]
                    for element in elements:
                        if regex.match(str(element)):
                            text = str(element)
                            break
                    else:
                        return _FAIL
        escaped = _escape(text)
        found = state.found
        found_values = found if escaped in found else (*found, escaped)
        if state.unique:
            delta[index] = LeafState(escaped, (column,), False, found_values, text.lower())
        elif found_values is not found:
            delta[index] = LeafState(
                state.pattern, state.sources, state.unique, found_values, state.pinned
            )
        return passing

    return test


def _plain_attr(
    index: int,
    original_pattern: str | None,
    compiled: re.Pattern[str] | None,
    passing: Outcome,
    absent: Outcome,
) -> Test:
    """``_attr``'s test for the usual leaf: one text value from pool columns, no
    condition on the exposure, no pattern taken from another leaf.

    Most leaves evaluated are of this kind, so it skips the branches they never take.
    """

    def test(ev: Evaluation) -> Outcome:
        delta = ev.delta
        state = delta.get(index) or ev.committed.get(index) or ev.initial[index]
        values = ev.row.values
        for column in state.sources:
            raw = values.get(column)
            if raw is not None and raw not in EMPTY_VALUES:
                break
        else:
            return absent
        pinned = state.pinned
        if pinned is not None:
            if raw.lower() != pinned:
                return _FAIL
        else:
            pattern = state.pattern
            regex = compiled if pattern is original_pattern else (
                None if pattern is None else anchored(pattern)
            )
            if regex is not None and not regex.match(raw):
                return _FAIL
        escaped = _ESCAPED.get(raw) or _escape(raw)
        found = state.found
        if state.unique:
            delta[index] = LeafState(
                escaped, (column,), False, found if escaped in found else (*found, escaped),
                raw.lower(),
            )
        elif escaped not in found:
            delta[index] = LeafState(
                state.pattern, state.sources, False, (*found, escaped), pinned
            )
        return passing

    return test
