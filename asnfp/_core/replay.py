"""Replay one rule over one independent group of rows, as the DMS generator would.

The rows of a group agree on every value the rule pins unconditionally, so no
row outside the group can join its associations. Inside the group the DMS
order matters (which row creates, which joins, what gets pinned), so the
group is replayed in pool order: the main pass, the re-offers of the
``existing`` phase, then the target acquisitions offered last of all.

Offers whose refusal is certain are skipped, so that a group's cost grows with
its rows rather than with rows times associations: associations are indexed by
the values of the pinned leaves every accepted row must agree with
(``_core.chain_index``), and associations that already hold their single science
member are passed over by rows that could only join as science. A lone row is
its creating offer alone. ``properties/test_replay_shortcuts.py`` holds every
shortcut to the plain algorithm, which offers each row to every association.
"""

from __future__ import annotations

from collections.abc import Sequence

from asnfp._core.building import Building
from asnfp._core.chain_index import ChainIndex
from asnfp._core.compiled import CompiledRule
from asnfp._core.interpret import Reoffer
from asnfp._core.row import Row

_ListKey = tuple[str, bool, bool]


def replay(
    rule: CompiledRule,
    rows: Sequence[Row],
    acquisitions: Sequence[Row],
    creators: frozenset[int],
    acid_types: dict[int, str],
) -> list[Building]:
    """The associations ``rule`` builds from ``rows`` (pool order), in creation order.

    ``creators`` are the pool indices of rows that could start an association;
    ``acid_types`` the candidate type of each run the rows come from.
    """
    if len(rows) == 1 and not acquisitions:
        # Nothing can meet the row's association but the row itself, whose re-offers
        # return at once: the replay reduces to the creating offer.
        row = rows[0]
        if row.idx not in creators:
            return []
        fresh = _started_by(rule, row, acid_types)
        return [fresh] if fresh.offer(row)[0] else []
    built: list[Building] = []
    index = ChainIndex(rule)
    queued: dict[_ListKey, list[Row]] = {}
    lock = rule.science_lock
    held: set[str] = set()
    stateful = rule.rule.stateful
    gate = rule.acquisition_gate
    gated: dict[int, bool] = {}
    with_science = 0  # associations holding a science member

    def queue(reoffers: tuple[Reoffer, ...], row: Row) -> None:
        for reoffer in reoffers:
            key = (reoffer.phase, reoffer.all_rules, reoffer.only_on_match)
            queued.setdefault(key, []).append(row)

    def targets(row: Row) -> tuple[list[Building], bool, bool]:
        """The associations that may accept ``row``, in creation order; whether they are
        known to pass the early refusal check (see ``Building.offer``); and whether the
        others can never accept the row later (pins only get stricter)."""
        if not built:
            return [], False, True
        if stateful:
            return list(built), False, True
        if rule.acquisitions_bypass and row.exposure == "target_acquisition":
            if gate is None:
                return list(built), False, True
            fails = gated.get(row.idx)
            if fails is None:
                fails = gated[row.idx] = gate.rule_branch_fails(row)
            if not fails:
                return list(built), False, True
            # Only the acquisition branch can take the row (see ``_core.acquisitions``);
            # an association passed over may record the row's observation later.
            return gate.takers(row, built), False, False
        if lock is not None and not any(row.lookup(s) is not None for s in lock):
            # Only a science row could still join: associations with science refuse it.
            if with_science == len(built):
                return [], True, True
            return [b for b in index.candidates(row) if not b.science], True, True
        return index.candidates(row), True, True

    def offer_all(row: Row) -> tuple[bool, bool]:
        """Offer ``row`` to every association that may take it: whether one did, and
        whether every association that could ever take it now holds it."""
        nonlocal with_science
        found, screened, closed = targets(row)
        # A row already held (same file name) counts as accepted by every holder.
        joined = row.filename in held
        complete = closed
        for building in found:
            science = building.science
            matched, reoffers = building.offer(row, screened=screened)
            with_science += building.science and not science
            queue(reoffers, row)
            if matched:
                joined = True
                held.add(row.filename)
                index.update(building)
            # A re-offer returns at once only where the file is a member.
            complete = complete and row.filename in building.filenames
        return joined, complete

    # Rows whose re-offer could change nothing: every association that may take them
    # holds them, and no association was made since (the value is how many there were).
    settled: dict[int, int] = {}
    for row in rows:
        joined, complete = offer_all(row)
        if not joined and row.idx in creators:
            fresh = _started_by(rule, row, acid_types)
            matched, reoffers = fresh.offer(row)
            queue(reoffers, row)
            if matched:
                held.add(row.filename)
                built.append(fresh)
                index.add(fresh)
                with_science += fresh.science
        if complete:
            settled[id(row)] = len(built)
    if not built:
        return built
    main_pass = dict(queued)
    made = len(built)
    for phase in ("existing", "nonscience"):
        for (list_phase, all_rules, _), items in main_pass.items():
            if list_phase != phase or all_rules:
                continue
            for row in items:
                if settled.get(id(row)) != made:
                    offer_all(row)
    for row in acquisitions:
        offer_all(row)
    return built


def _started_by(rule: CompiledRule, row: Row, acid_types: dict[int, str]) -> Building:
    """A new association of ``rule`` for ``row``'s run, not offered the row yet."""
    return Building(rule, row.idx, acid_types.get(row.run, "discovered"), row.run)
