"""The condition walk: which conditions of a rule fail for a row, with values.

The walk offers the row to a new association of the rule, as the row that would
create it. Leaves are tested by the engine's own leaf tests, and groups combine
them as the engine does, so up to the first failure the walk *is* the engine's
evaluation. After that failure an ``all of`` goes on testing its remaining children
(on a copy of the association's pins, dropped afterwards) so that every failing
condition on the way is reported, not only the first. Inside an ``any of`` that
fails, the failures of the closest alternative are reported: fewest failures of
the exposure kind first, then fewest failures, then the first.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from asnfp._core.building import Building
from asnfp._core.compiled import CAttr, CCheck, CGroup, CNode, CompiledRule, LeafState
from asnfp._core.interpret import Evaluation, Reoffer, Test, build_test
from asnfp._core.predicates import PREDICATES
from asnfp._core.row import Row
from asnfp._core.tables import EMPTY_VALUES
from asnfp.constraints import Attr, Check, Group, Node
from asnfp.explain.describe import UNSPECIFIED, attr_text, check_text, example, group_text
from asnfp.explain.model import (
    AttrFailure,
    CheckFailure,
    Condition,
    Excluded,
    Failing,
    Hit,
    Refused,
)

__all__ = ("Walk", "summary", "walk_new")

_KIND_CHECKS = frozenset({"target_acquisition", "exposure_is_science", "exposure_not_science"})
"""Checks of the exposure kind: an alternative failing one is for other kinds of rows."""

_ROW_CHECKS = _KIND_CHECKS | {"row"}


@dataclass(frozen=True, slots=True)
class Walk:
    """The row offered to a new association: does it start one, and what fails."""

    starts: bool
    failures: tuple[Failing, ...]


_Held = tuple[CAttr | CCheck | CGroup, str | None, str | None]
"""A node that held, with the column and value that made it hold (made into a Hit on use)."""


@dataclass(slots=True)
class _Walked:
    matched: bool
    reoffers: tuple[Reoffer, ...] = ()
    failures: tuple[Failing, ...] = ()
    held: tuple[_Held, ...] = field(default_factory=tuple)


def _row_decided(node: Node) -> bool:
    """Every leaf under ``node`` reads only the row's own cells."""
    if isinstance(node, Group):
        return all(_row_decided(child) for child in node.children)
    if isinstance(node, Check):
        return node.kind in _ROW_CHECKS
    return node.pattern_from is None and node.excluding is None and (
        "asn_candidate" not in node.sources
    )


def summary(node: Node) -> str:
    """A one-line text of a subtree; named groups are shown by name."""
    if isinstance(node, Attr):
        return attr_text(node, notes=False)
    if isinstance(node, Check):
        return check_text(node)
    if node.name is not None:
        return node.name
    return f"{group_text(node)} ({'; '.join(summary(child) for child in node.children)})"


def _held_text(node: CAttr | CCheck | CGroup) -> str:
    if isinstance(node, CGroup):
        return summary(node.spec)
    return attr_text(node.spec) if isinstance(node, CAttr) else check_text(node.spec)


def _cost(failures: tuple[Failing, ...]) -> tuple[int, int]:
    kind = sum(1 for f in failures if isinstance(f, CheckFailure) and f.kind in _KIND_CHECKS)
    return kind, len(failures)


class _Walker:
    """One walk of one row through one compiled rule tree."""

    def __init__(self, building: Building, row: Row, tests: dict[int, Test]) -> None:
        self.ev = Evaluation(building, row, {}, building.rule.initial)
        self.building = building
        self.row = row
        self.tests = tests
        self.path: list[str] = []
        self.negated = 0
        """Depth of ``none of``/``not all of`` groups around the node being walked."""

    def walk(self, node: CNode) -> _Walked:
        if isinstance(node, CGroup):
            return self._group(node)
        test = self.tests.get(node.index)
        if test is None:
            test = self.tests[node.index] = build_test(node)
        state = self.ev.state(node.index)
        matched, reoffers = test(self.ev)
        if matched:
            if not self.negated or not isinstance(node, CAttr):
                return _Walked(True, reoffers, (), ((node, None, None),))
            column, value = self._found(state.sources) or (None, None)
            return _Walked(True, reoffers, (), ((node, column, value),))
        found = self._found(state.sources) if isinstance(node, CAttr) else None
        if isinstance(node, CAttr):
            failure: Failing = self._attr_failure(node, found, state.pinned, state.pattern)
        else:
            failure = self._check_failure(node)
        return _Walked(False, reoffers, (failure,))

    def _condition(self, text: str) -> Condition:
        return Condition(path=tuple(self.path), text=text)

    def _found(self, sources: tuple[str, ...]) -> tuple[str, str] | None:
        for source in sources:
            cell = self.row.candidate if source == "asn_candidate" else self.row.values.get(source)
            if cell is not None and cell not in EMPTY_VALUES:
                return source, cell
        return None

    def _attr_failure(
        self,
        leaf: CAttr,
        found: tuple[str, str] | None,
        pinned: str | None,
        pattern: str | None,
    ) -> AttrFailure:
        spec = leaf.spec
        column, value = found if found is not None else (None, None)
        fix: dict[str, str] | None = None
        if spec.undefined:
            kind, wanted = "defined", "unspecified"
            fix = dict.fromkeys(spec.sources, UNSPECIFIED)
        elif column is None:
            kind, wanted = "missing", pattern or "any value"
        elif pinned is not None:
            kind, wanted = "pinned", pinned
        elif spec.excluding is not None and leaf.pattern_from is not None:
            current = self.ev.state(leaf.pattern_from).pattern
            kind, wanted = "excluded", f"a value not containing {current}"
        elif leaf.pattern_from is not None:
            recorded = self.ev.state(leaf.pattern_from).found
            kind = "recorded"
            wanted = "|".join(recorded) if recorded else "a value the association recorded"
        else:
            kind, wanted = "mismatch", pattern or "a single value"
        row_only = pinned is None and _row_decided(spec)
        if kind in ("missing", "mismatch") and row_only:
            cell = example(pattern)
            fix = {column or spec.sources[0]: cell} if cell is not None else None
        return AttrFailure(
            condition=self._condition(attr_text(spec)),
            name=spec.name,
            sources=spec.sources,
            column=column,
            value=value,
            wanted=wanted,
            kind=kind,  # type: ignore[arg-type]
            row_only=row_only,
            fix=fix if row_only else None,
        )

    def _check_failure(self, leaf: CCheck) -> CheckFailure:
        spec, row, asn = leaf.spec, self.row, self.building
        match spec.kind:
            case "target_acquisition":
                value, wanted = row.exposure, "target_acquisition"
            case "exposure_is_science":
                value, wanted = asn.exposure_of(row), "science"
            case "exposure_not_science":
                value, wanted = asn.exposure_of(row), "not science"
            case "no_science_yet":
                value, wanted = "has science", "no science member"
            case "row":
                name = spec.predicate or ""
                columns = PREDICATES[name][0] if name in PREDICATES else ()
                value = ", ".join(f"{c}={row.values.get(c, 'no column')}" for c in columns)
                wanted = f"{name} {'fails' if spec.negate else 'holds'}"
            case "original_not_imprint":
                value, wanted = str(asn.original_exposure()), "not imprint"
            case "candidate_not_background":
                value, wanted = asn.acid_type, "not background"
            case _:
                value, wanted = "-", spec.kind
        return CheckFailure(
            condition=self._condition(check_text(spec)),
            kind=spec.kind,
            value=value,
            wanted=wanted,
            row_only=spec.kind in _ROW_CHECKS,
        )

    def _group(self, node: CGroup) -> _Walked:
        spec = node.spec
        if spec.name is not None:
            self.path.append(spec.name)
        negated = spec.reduce in ("none", "notall")
        self.negated += negated
        try:
            if spec.reduce in ("all", "notall"):
                base = self._every(node, diagnose=spec.reduce == "all")
            else:
                base = self._some(node)
        finally:
            self.negated -= negated
            if spec.name is not None:
                self.path.pop()
        if spec.reduce in ("all", "any"):
            extra: tuple[Reoffer, ...] = ()
            if base.matched and spec.reprocess_on_match is not None:
                extra = (Reoffer(spec.reprocess_on_match, False, False),)
            return _Walked(base.matched, base.reoffers + extra, base.failures, base.held)
        if not base.matched:
            return _Walked(True, base.reoffers, (), ((node, None, None),))
        return _Walked(False, base.reoffers, (self._excluded(node, base),))

    def _excluded(self, node: CGroup, inner: _Walked) -> Excluded:
        spec = node.spec
        text = f"{group_text(spec)}: {'; '.join(summary(child) for child in spec.children)}"
        fix: dict[str, str] | None = None
        row_only = _row_decided(spec)
        if spec.reduce == "none" and len(inner.held) == 1 and row_only:
            leaf = inner.held[0][0]
            if isinstance(leaf, CAttr) and leaf.spec.pattern is None and not leaf.spec.undefined:
                fix = dict.fromkeys(leaf.spec.sources, UNSPECIFIED)
        hits = tuple(
            Hit(text=_held_text(node), column=column, value=value)
            for node, column, value in inner.held
        )
        return Excluded(condition=self._condition(text), held=hits, row_only=row_only, fix=fix)

    def _every(self, node: CGroup, *, diagnose: bool) -> _Walked:
        if not node.children:
            return _Walked(False)
        kept: tuple[Reoffer, ...] = ()
        failed: tuple[Reoffer, ...] | None = None
        failures: tuple[Failing, ...] = ()
        held: tuple[_Held, ...] = ()
        stopped: dict[int, LeafState] | None = None
        for child in node.children:
            walked = self.walk(child)
            failures += walked.failures
            if walked.matched:
                held += walked.held
                if failed is None and walked.reoffers and stopped is None:
                    kept += walked.reoffers
            elif not walked.reoffers and stopped is None:
                if not diagnose:
                    return _Walked(False, (), failures, held)
                # The engine stops here: later children are tested on a copy of the pins.
                stopped = dict(self.ev.delta)
            elif failed is None and stopped is None:
                failed = walked.reoffers
        if stopped is not None:
            self.ev.delta = stopped
            return _Walked(False, (), failures, held)
        if failed is None:
            return _Walked(True, kept, failures, held)
        return _Walked(False, failed, failures, held)

    def _some(self, node: CGroup) -> _Walked:
        collected: tuple[Reoffer, ...] = ()
        options: list[tuple[Failing, ...]] = []
        for child in node.children:
            walked = self.walk(child)
            if walked.matched:
                return walked
            collected += walked.reoffers
            options.append(walked.failures)
        closest = min(options, key=_cost) if options else ()
        return _Walked(False, collected, closest)


def walk_new(
    rule: CompiledRule, row: Row, acid_type: str, tests: dict[int, Test] | None = None
) -> Walk:
    """Offer ``row`` to a new association of ``rule``; what fails, and whether it starts one.

    ``tests`` caches the rule's leaf tests between calls.
    """
    cache = tests if tests is not None else {}
    walker = _Walker(Building(rule, row.idx, acid_type, row.run), row, cache)
    walked = walker.walk(rule.root)
    if not walked.matched:
        # Up to its first failure the walk is the engine's evaluation: the offer fails too.
        return Walk(False, walked.failures)
    failures: tuple[Failing, ...] = ()
    starts = Building(rule, row.idx, acid_type, row.run).offer(row)[0]
    if not starts:
        failures = (
            Refused(
                condition=Condition(path=(), text="the row can start an association"),
                value="only joins existing associations",
                wanted="a row that starts one",
            ),
        )
    return Walk(starts, failures)
