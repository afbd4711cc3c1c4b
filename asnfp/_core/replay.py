"""Replay one rule over one independent group of rows, as the DMS generator would.

The rows of a group agree on every value the rule pins unconditionally, so no
row outside the group can join its associations. Inside the group the DMS
order matters (which row creates, which joins, what gets pinned), so the
group is replayed in pool order: the main pass, the re-offers of the
``existing`` phase, then the target acquisitions offered last of all.

Offers whose refusal is certain are skipped, so that a group's cost grows with
its rows rather than with rows times associations: associations are indexed by
the values of the pinned leaves every accepted row must agree with, and
associations that already hold their single science member are passed over by
rows that could only join as science. Only rows missing one of those values
(which match any pinned value of an optional leaf) look at every association.
"""

from __future__ import annotations

from collections.abc import Sequence
from itertools import product

from asnfp._core.building import Building
from asnfp._core.compiled import CompiledRule
from asnfp._core.interpret import Reoffer
from asnfp._core.row import Row
from asnfp._core.tables import EMPTY_VALUES

_ListKey = tuple[str, bool, bool]
_Key = tuple[str | None, ...]
_Full = tuple[tuple[str, str], ...]
_SCREENED_NONE: set[int] = set()


class _Bucket:
    """The associations sharing one required-key tuple."""

    __slots__ = ("everyone", "exact", "wild")

    def __init__(self) -> None:
        self.everyone: list[Building] = []
        self.exact: dict[_Full, list[Building]] = {}
        """Associations whose every chain leaf is pinned, by their pinned values."""
        self.wild: list[Building] = []
        """Associations with some chain leaf still unpinned."""

    def place(self, building: Building, rule: CompiledRule) -> None:
        """File a new or newly pinned association under its pinned values."""
        full = _pinned(rule, building)
        if full is None:
            if building not in self.wild:
                self.wild.append(building)
            return
        if building in self.wild:
            self.wild.remove(building)
        self.exact.setdefault(full, []).append(building)


def _pinned(rule: CompiledRule, building: Building) -> _Full | None:
    values: list[tuple[str, str]] = []
    for index, _ in rule.chain:
        state = building.leaf(index)
        if state.pinned is None:
            return None
        values.append((state.sources[0], state.pinned))
    return tuple(values)


def _cell(row: Row, column: str) -> str | None:
    value = row.get(column)
    return None if value is None or value in EMPTY_VALUES else value.lower()


def _probes(rule: CompiledRule, row: Row) -> list[_Full] | None:
    """The pinned-value tuples an association must have to accept ``row``.

    None when the row lacks a value for some optional chain leaf (which then accepts
    any pinned value, so every association must be looked at).
    """
    options: list[list[tuple[str, str]]] = []
    for index, required in rule.chain:
        sources: tuple[str, ...] = rule.leaves[index].spec.sources  # type: ignore[union-attr]
        leaf_options = [
            (column, value) for column in sources if (value := _cell(row, column)) is not None
        ]
        if not required and len(leaf_options) < len(sources):
            # An optional leaf pinned on a column this row leaves empty accepts the row.
            return None
        options.append(leaf_options)
    return [tuple(choice) for choice in product(*options)]


def _key(rule: CompiledRule, row: Row) -> _Key:
    return tuple(_cell(row, column) for column in rule.bucket_columns)


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
    built: list[Building] = []
    order: dict[int, int] = {}
    buckets: dict[_Key, _Bucket] = {}
    queued: dict[_ListKey, list[Row]] = {}
    lock = rule.science_lock
    held: set[str] = set()
    stateful = rule.rule.stateful
    # Each row's bucket key and probes, computed once (rows are offered up to three times).
    routes: dict[int, tuple[_Key, list[_Full] | None]] = {}

    def queue(reoffers: tuple[Reoffer, ...], row: Row) -> None:
        for reoffer in reoffers:
            key = (reoffer.phase, reoffer.all_rules, reoffer.only_on_match)
            queued.setdefault(key, []).append(row)

    def targets(row: Row) -> tuple[list[Building], _Bucket | None, set[int]]:
        """The associations that may accept ``row``, in creation order; its bucket; and
        the ids of those already known to agree with it on every pinned chain leaf."""
        if not built:
            return [], None, _SCREENED_NONE
        if stateful or (rule.acquisitions_bypass and row.exposure == "target_acquisition"):
            return list(built), None, _SCREENED_NONE
        route = routes.get(id(row))
        if route is None:
            route = routes[id(row)] = (_key(rule, row), _probes(rule, row))
        key, probes = route
        bucket = buckets.get(key)
        if bucket is None:
            return [], None, _SCREENED_NONE
        screened = _SCREENED_NONE
        if probes is None:
            found = list(bucket.everyone)
        else:
            exact = [b for probe in probes for b in bucket.exact.get(probe, ())]
            found = exact + bucket.wild
            if len(found) > 1:
                found.sort(key=lambda b: order[id(b)])
            screened = {id(b) for b in exact}
        if lock is not None and not any(row.lookup(s) is not None for s in lock):
            # Only a science row could still join: associations with science refuse it.
            found = [b for b in found if not b.science]
        return found, bucket, screened

    def offer_all(row: Row) -> bool:
        found, bucket, screened = targets(row)
        # A row already held (same file name) counts as accepted by every holder.
        joined = row.filename in held
        for building in found:
            known = id(building) in screened
            was_wild = not known and bucket is not None and building in bucket.wild
            matched, reoffers = building.offer(row, screened=known)
            queue(reoffers, row)
            if matched:
                joined = True
                held.add(row.filename)
                if was_wild and bucket is not None:
                    bucket.place(building, rule)
        return joined

    for row in rows:
        if offer_all(row) or row.idx not in creators:
            continue
        fresh = Building(rule, row.idx, acid_types.get(row.run, "discovered"), row.run)
        matched, reoffers = fresh.offer(row)
        queue(reoffers, row)
        if matched:
            held.add(row.filename)
            order[id(fresh)] = len(built)
            built.append(fresh)
            slot = buckets.setdefault(fresh.bucket_key(), _Bucket())
            slot.everyone.append(fresh)
            slot.place(fresh, rule)
    if not built:
        return built
    main_pass = dict(queued)
    for phase in ("existing", "nonscience"):
        for (list_phase, all_rules, _), items in main_pass.items():
            if list_phase != phase or all_rules:
                continue
            for row in items:
                offer_all(row)
    for row in acquisitions:
        offer_all(row)
    return built
