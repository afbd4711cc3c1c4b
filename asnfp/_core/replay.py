"""Replay one rule over one independent group of rows, as the DMS generator would.

The rows of a group agree on every value the rule pins unconditionally, so no
row outside the group can join its associations. Inside the group the DMS
order matters (which row creates, which joins, what gets pinned), so the
group is replayed in pool order: the main pass, the re-offers of the
``existing`` phase, then the target acquisitions offered last of all.

Offers whose outcome is known to be a plain refusal are skipped: associations
are bucketed by the values of their pinned, required keys, and associations
that already hold their single science member are set aside for rows that
could only join as science.
"""

from __future__ import annotations

from collections.abc import Sequence

from asnfp._core.building import Building
from asnfp._core.compiled import CompiledRule
from asnfp._core.interpret import Reoffer
from asnfp._core.row import Row

_ListKey = tuple[str, bool, bool]
_Key = tuple[str | None, ...]


class _Bucket:
    """The associations sharing one key tuple, in creation order."""

    __slots__ = ("everyone", "open")

    def __init__(self) -> None:
        self.everyone: list[Building] = []
        self.open: list[Building] = []


def _key(rule: CompiledRule, row: Row) -> _Key:
    values: list[str | None] = []
    for column in rule.bucket_columns:
        found = row.lookup((column,))
        values.append(found[1].lower() if found is not None else None)
    return tuple(values)


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
    buckets: dict[_Key, _Bucket] = {}
    queued: dict[_ListKey, list[Row]] = {}
    lock = rule.science_lock
    held: set[str] = set()
    stateful = rule.rule.stateful

    def queue(reoffers: tuple[Reoffer, ...], row: Row) -> None:
        for reoffer in reoffers:
            key = (reoffer.phase, reoffer.all_rules, reoffer.only_on_match)
            queued.setdefault(key, []).append(row)

    def targets(row: Row) -> tuple[Sequence[Building], _Bucket | None]:
        if stateful or (rule.acquisitions_bypass and row.exposure == "target_acquisition"):
            return built, None
        bucket = buckets.get(_key(rule, row))
        if bucket is None:
            return (), None
        if lock is None or any(row.lookup(s) is not None for s in lock):
            return bucket.everyone, bucket
        return bucket.open, bucket

    def offer_all(row: Row) -> bool:
        found, bucket = targets(row)
        # A row already held (same file name) counts as accepted by every holder.
        joined = row.filename in held
        for building in list(found):
            matched, reoffers = building.offer(row)
            queue(reoffers, row)
            if matched:
                joined = True
                held.add(row.filename)
        if bucket is not None and lock is not None:
            bucket.open = [b for b in bucket.open if not b.science]
        return joined

    for row in rows:
        if offer_all(row) or row.idx not in creators:
            continue
        fresh = Building(rule, row.idx, acid_types.get(row.run, "discovered"), row.run)
        matched, reoffers = fresh.offer(row)
        queue(reoffers, row)
        if matched:
            held.add(row.filename)
            built.append(fresh)
            slot = buckets.setdefault(fresh.bucket_key(), _Bucket())
            slot.everyone.append(fresh)
            if not fresh.science:
                slot.open.append(fresh)
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
