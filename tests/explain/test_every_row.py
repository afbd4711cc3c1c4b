"""Every row of small corpus pools: failures really fail, and checked fixes select."""

from __future__ import annotations

from collections import defaultdict

import pytest

from asnfp.explain.core import explain_rows
from asnfp.explain.pipeline import Options
from asnfp.generator import generate_result, load_source
from asnfp.rules.registry import DEFAULT

from .helpers import edit_row, exposure_types, members_by_rule, pool_frame, really_fails


@pytest.mark.parametrize("pool", ["synth_bkg", "pool_010_spec_nirspec_lv2bkg"])
def test_every_verdict_of_every_row(pool: str) -> None:
    frame = pool_frame(pool)
    source = load_source(frame).unwrap()
    rows = explain_rows(source, DEFAULT, Options()).unwrap()
    cells, exposures = frame.to_dicts(), exposure_types(frame)
    assert [r.index for r in rows if r.orphan] == list(
        generate_result(source).unwrap().orphans
    )
    taken = members_by_rule(frame)
    fixes: dict[str, dict[int, dict[str, str]]] = defaultdict(dict)
    for row in rows:
        for verdict in row.verdicts:
            selected = row.index in taken.get(verdict.rule, set())
            assert (verdict.status == "selected") == selected, (row.filename, verdict.rule)
            for failure in verdict.failures:
                assert really_fails(failure, cells[row.index], exposures[row.index]), failure
            if verdict.fix is not None:
                fixes[verdict.rule][row.index] = verdict.fix
    assert fixes
    for rule, by_row in fixes.items():
        # Fixes only read the row itself: one edited pool per rule checks them all.
        edited = frame
        for idx, fix in by_row.items():
            edited = edit_row(edited, idx, fix)
        assert set(by_row) <= members_by_rule(edited, [rule]).get(rule, set()), rule
