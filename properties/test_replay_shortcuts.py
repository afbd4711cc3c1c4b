"""The replay's shortcuts change nothing: it builds what offering every row to every
association would.

``_core.replay`` skips offers it knows would be refused or would change nothing: the chain
index, the science lock and its count, the acquisition gate, settled re-offers and lone-row
groups. The plain replay below makes every offer the DMS order asks for, with none of them.
Every group a generation replays is replayed both ways and the associations compared: their
creators, members (names, types, rows) and leaf states.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import polars as pl
import pytest
from hypothesis import given, settings

import asnfp
from asnfp._core import engine, replay
from asnfp._core.build import leaf_states
from asnfp._core.building import Building
from asnfp._core.compiled import CompiledRule
from asnfp._core.interpret import Reoffer
from asnfp._core.row import Row
from asnfp.testing import strategies

POOLS = Path(__file__).resolve().parents[1] / "tests" / "corpus" / "pools"


def plain_replay(
    rule: CompiledRule,
    rows: Sequence[Row],
    acquisitions: Sequence[Row],
    creators: frozenset[int],
    acid_types: dict[int, str],
) -> list[Building]:
    """Every row offered to every association, in the DMS order, with no offer skipped."""
    built: list[Building] = []
    held: set[str] = set()
    queued: dict[tuple[str, bool, bool], list[Row]] = {}

    def queue(reoffers: tuple[Reoffer, ...], row: Row) -> None:
        for reoffer in reoffers:
            key = (reoffer.phase, reoffer.all_rules, reoffer.only_on_match)
            queued.setdefault(key, []).append(row)

    def offer_all(row: Row) -> bool:
        joined = row.filename in held
        for building in list(built):
            matched, reoffers = building.offer(row)
            queue(reoffers, row)
            if matched:
                joined = True
                held.add(row.filename)
        return joined

    for row in rows:
        if not offer_all(row) and row.idx in creators:
            fresh = Building(rule, row.idx, acid_types.get(row.run, "discovered"), row.run)
            matched, reoffers = fresh.offer(row)
            queue(reoffers, row)
            if matched:
                held.add(row.filename)
                built.append(fresh)
    if not built:
        return built
    main_pass = dict(queued)
    for phase in ("existing", "nonscience"):
        for (list_phase, all_rules, _), items in main_pass.items():
            if list_phase == phase and not all_rules:
                for row in items:
                    offer_all(row)
    for row in acquisitions:
        offer_all(row)
    return built


def _described(built: Sequence[Building]) -> list[object]:
    return [
        (
            b.creator,
            b.run,
            [(m.row.idx, m.expname, m.exptype) for m in b.members],
            [(s.pattern, s.sources, s.found, s.pinned, s.matched) for s in leaf_states(b)],
        )
        for b in built
    ]


def _compare_every_group(monkeypatch: pytest.MonkeyPatch, pool: object) -> int:
    """Generate ``pool``, replaying each group both ways; the number of groups compared."""
    shortcut = replay.replay
    compared = 0

    def both(
        rule: CompiledRule,
        rows: Sequence[Row],
        acquisitions: Sequence[Row],
        creators: frozenset[int],
        acid_types: dict[int, str],
    ) -> list[Building]:
        nonlocal compared
        found = shortcut(rule, rows, acquisitions, creators, acid_types)
        expected = plain_replay(rule, rows, acquisitions, creators, acid_types)
        assert _described(found) == _described(expected), rule.rule.name
        compared += 1
        return found

    monkeypatch.setattr(engine, "replay", both)
    asnfp.generate(pool)  # type: ignore[arg-type]
    return compared


@pytest.mark.parametrize(
    "name", ["mega_pool", "synth_bkg", "synth_ta", "synth_tahaz", "pool_024_nirspec_fss_nods"]
)
def test_shortcuts_build_what_plain_offers_build_on_corpus_pools(
    monkeypatch: pytest.MonkeyPatch, name: str
) -> None:
    assert _compare_every_group(monkeypatch, str(POOLS / f"{name}.csv")) > 0


@given(strategies.pools(max_scenes=4))
@settings(max_examples=40, deadline=None)
def test_shortcuts_build_what_plain_offers_build(pool: pl.DataFrame) -> None:
    with pytest.MonkeyPatch.context() as monkeypatch:
        _compare_every_group(monkeypatch, pool)
