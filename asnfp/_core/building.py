"""An association while its run is being replayed: leaf states and members."""

from __future__ import annotations

from dataclasses import dataclass

from asnfp._core.compiled import CompiledRule, LeafState
from asnfp._core.interpret import AssociationView, Evaluation, Outcome, Reoffer
from asnfp._core.naming import level2b_name, rate_name
from asnfp._core.row import Row
from asnfp._core.tables import DIRECT_IMAGE_EXP_TYPES


@dataclass(slots=True, eq=False)
class BuiltMember:
    """A member as accepted: its row, names and the pass that added it."""

    row: Row
    expname: str
    exptype: str


class Building(AssociationView):
    """Mutable only inside one replay; frozen into an Association afterwards."""

    __slots__ = (
        "_current",
        "_initial",
        "_named",
        "_state",
        "acid_type",
        "committed",
        "creator",
        "filenames",
        "members",
        "original",
        "rule",
        "run",
        "science",
    )

    def __init__(
        self, rule: CompiledRule, creator: int, acid_type: str, run: int = -1
    ) -> None:
        self.rule = rule
        self.creator = creator
        self.run = run
        """The run of the row that created the association."""
        self.acid_type = acid_type
        self._current: Evaluation | None = None
        self._initial = rule.initial
        self.committed: dict[int, LeafState] = {}
        self.members: list[BuiltMember] = []
        self.filenames: set[str] = set()
        self.science = False
        self._state: int | None = None
        self._named: set[tuple[str, str]] = set()
        self.original: str | None = None
        """The exposure type last computed for any row (Level 2 special rules read it)."""

    # -- AssociationView -------------------------------------------------
    def leaf(self, index: int) -> LeafState:
        state = self.committed.get(index)
        return state if state is not None else self._initial[index]

    def has_science(self) -> bool:
        return self.science

    def original_exposure(self) -> str | None:
        return self.original

    def candidate_not_background(self) -> bool:
        # The candidate is only known once a row has been accepted.
        return not self.members or self.acid_type != "background"

    def _matched(self, name: str) -> bool:
        index = self.rule.named.get(name)
        if index is None:
            return False
        current = self._current
        state = current.state(index) if current is not None else self.leaf(index)
        return state.matched

    def exposure_of(self, row: Row) -> str:
        mode = self.rule.rule.exposure
        kind = row.exposure
        if mode == "level3":
            return kind
        if mode == "auxdata":
            return "target_acquisition" if kind == "target_acquisition" else "science"
        level2 = "science" if kind == "psf" else kind
        self.original = level2
        if mode == "level2":
            return level2
        if mode == "lrs_nod":
            nodding = level2 == "science" and self._matched("is_current_patt_num")
            return "background" if nodding else level2
        if mode == "wfss":
            image = row.values.get("exp_type") in DIRECT_IMAGE_EXP_TYPES
            return "direct_image" if (level2 == "science" and image) else level2
        return "imprint" if (self.science and level2 == "imprint") else "science"

    # -- offers ------------------------------------------------------------
    def offer(self, row: Row, *, screened: bool = False) -> tuple[bool, tuple[Reoffer, ...]]:
        """Offer a row; on a match its pins are kept and it becomes a member.

        ``screened``: the caller has found the row's values equal to every pinned chain
        leaf and has checked the science lock, so the early refusal cannot apply.
        """
        if row.filename in self.filenames:
            return True, ()
        if not screened and not self.rule.rule.stateful and self._rejects(row):
            return False, ()
        outcome, delta = self._evaluate(row)
        matched, reoffers = outcome
        if matched:
            before = (self.science, bool(self.members))
            if delta:
                self.committed.update(delta)
            self._add(row)
            if delta or before != (self.science, bool(self.members)):
                self._state = None  # what offers depend on has changed
            forced = self.rule.named.get("force_match")
            if forced is not None and self.leaf(forced).matched:
                return False, reoffers
        return matched, reoffers

    def _evaluate(self, row: Row) -> tuple[Outcome, dict[int, LeafState]]:
        """The tree's outcome for ``row``, and the pins it would set.

        The outcome depends only on what the tree reads of the row and on the
        association's state (leaf states, science, membership, candidate type), so
        associations of one rule in the same state share it (stateful rules excepted).
        """
        key: object = None
        outcomes = self.rule.outcomes
        if not self.rule.rule.stateful:
            state = self._state
            if state is None:
                full = (
                    tuple(sorted(self.committed.items())),
                    self.science,
                    bool(self.members),
                    self.acid_type,
                )
                state = self._state = self.rule.states.setdefault(full, len(self.rule.states))
            key = (row.signature(self.rule.read_columns), state)
            found = outcomes.get(key)
            if found is not None:
                return found  # type: ignore[no-any-return]
        evaluation = Evaluation(self, row, self.committed, self._initial)
        self._current = evaluation
        try:
            outcome: Outcome = self.rule.test(evaluation)
        finally:
            self._current = None
        if key is not None:
            outcomes[key] = (outcome, evaluation.delta)
        return outcome, evaluation.delta

    def bucket_key(self) -> tuple[str | None, ...]:
        """The pinned values of the rule's bucket columns."""
        return tuple(self.leaf(i).pinned for i in self.rule.bucket_leaves)

    def _rejects(self, row: Row) -> bool:
        """A cheap, exact early answer for rows that cannot match (no pins change)."""
        rule = self.rule
        if rule.acquisitions_bypass and row.exposure == "target_acquisition":
            return False
        lock = rule.science_lock
        if self.science and lock is not None and all(row.lookup(s) is None for s in lock):
            return True
        return self.chain_refuses(row)

    def chain_refuses(self, row: Row) -> bool:
        """Some pinned leaf of the rule's top-level chain refuses ``row``: its column is
        empty in the row (for a required leaf) or holds another value."""
        committed = self.committed
        for index, required in self.rule.chain:
            state = committed.get(index)
            if state is None or state.pinned is None:
                continue
            found = row.lookup(state.sources)
            if found is None:
                if required:
                    return True
            elif found[1].lower() != state.pinned:
                return True
        return False

    def _add(self, row: Row) -> None:
        exptype = self.exposure_of(row)
        integrations = self._integrations(row)
        if self.rule.rule.level == 2:
            expname = rate_name(row.filename, integrations)
        else:
            expname = level2b_name(
                row.filename, row.values.get("exp_type", ""), integrations, exptype
            )
        if (expname, exptype) in self._named:
            return
        self._named.add((expname, exptype))
        self.members.append(BuiltMember(row, expname, exptype))
        self.filenames.add(row.filename)
        if exptype == "science":
            self.science = True

    def _integrations(self, row: Row) -> bool:
        if not row.science_pointing:
            return False
        coron = row.coron and not self.rule.rule.coron_as_rate
        return coron or row.ami or row.tso or self._pinned_tso()

    def _pinned_tso(self) -> bool:
        index = self.rule.named.get("is_tso")
        return index is not None and self.leaf(index).pattern == "t"
