"""Replay one rule over one independent group of rows, as the DMS generator would.

The rows of a group agree on every value the rule pins unconditionally, so no
row outside the group can join its associations. Inside the group the DMS
order matters (which row creates, which joins, what gets pinned), so the
group is replayed in pool order: the main pass, the re-offers of the
``existing`` phase, then the target acquisitions offered last of all.
"""

from __future__ import annotations

from collections.abc import Sequence

from asnfp._core.building import Building
from asnfp._core.compiled import CompiledRule
from asnfp._core.interpret import Reoffer
from asnfp._core.row import Row

_ListKey = tuple[str, bool, bool]


def replay(rule: CompiledRule, rows: Sequence[Row], acquisitions: Sequence[Row]) -> list[Building]:
    """The associations ``rule`` builds from ``rows`` (pool order), in creation order."""
    built: list[Building] = []
    queued: dict[_ListKey, list[Row]] = {}

    def queue(reoffers: list[Reoffer], row: Row) -> None:
        for reoffer in reoffers:
            key = (reoffer.phase, reoffer.all_rules, reoffer.only_on_match)
            queued.setdefault(key, []).append(row)

    creates = rule.rule.creates
    for row in rows:
        joined = False
        for building in built:
            matched, reoffers = building.offer(row)
            queue(reoffers, row)
            joined = joined or matched
        if joined or not creates:
            continue
        fresh = Building(rule, row.idx)
        matched, reoffers = fresh.offer(row)
        queue(reoffers, row)
        if matched:
            built.append(fresh)
    if not built:
        return built
    for phase in ("existing", "nonscience"):
        for (list_phase, all_rules, _), items in queued.items():
            if list_phase != phase or all_rules:
                continue
            for row in items:
                for building in built:
                    building.offer(row)
    for row in acquisitions:
        for building in built:
            building.offer(row)
    return built
