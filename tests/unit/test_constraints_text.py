"""The ``constraints`` text of every association names each labelled condition's state."""

from __future__ import annotations

from pathlib import Path

import pytest

import asnfp
from asnfp._core import build
from asnfp._core.building import Building

POOLS = Path(__file__).parents[1] / "corpus" / "pools"


def _every_line(building: Building) -> str:
    states = build.leaf_states(building)
    lines = []
    for name, index in building.rule.labelled:
        state = states[index]
        sources = ",".join(state.sources) if state.sources else "-"
        shown = state.pattern if state.pattern is not None else "*"
        lines.append(f"{name} [{sources}] ~ {shown}")
    return "\n".join(lines)


@pytest.mark.parametrize("pool", ["mega_pool.csv", "synth_wild.csv"])
def test_text_equals_one_line_per_labelled_leaf(
    pool: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    associations = asnfp.generate(POOLS / pool)
    made = [a.constraints for a in associations]
    monkeypatch.setattr(build, "constraints_text", _every_line)
    expected = [a.constraints for a in asnfp.generate(POOLS / pool)]
    assert made == expected
    # Pinned values show up: more texts than rules.
    assert len(set(made)) > len({a.asn_rule for a in associations})
