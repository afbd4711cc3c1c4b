"""Grouping invariants on pools drawn from the imaging corpus pools.

Each example takes a random subset of one corpus pool's rows (in a random order)
and generates its associations.
"""

from __future__ import annotations

from pathlib import Path

import polars as pl
from hypothesis import given, settings
from hypothesis import strategies as st

from asnfp import dump, generate, read_pool
from asnfp.association import Association

POOLS = Path(__file__).resolve().parent.parent / "tests" / "corpus" / "pools"
IMAGING = ("pool_002_image_miri", "pool_003_image_nircam", "pool_001_candidates", "synth_bkg",
           "synth_ta", "synth_wild")
FRAMES = {name: read_pool(POOLS / f"{name}.csv") for name in IMAGING}


@st.composite
def subpools(draw: st.DrawFn) -> pl.DataFrame:
    """A corpus pool restricted to a random subset of its rows, in random order."""
    frame = FRAMES[draw(st.sampled_from(IMAGING))]
    rows = draw(
        st.lists(st.integers(0, frame.height - 1), min_size=1, max_size=frame.height, unique=True)
    )
    return frame[rows]


def _files(associations: tuple[Association, ...]) -> dict[str, str]:
    return dict(dump(asn) for asn in associations)


@settings(max_examples=25)
@given(subpools())
def test_generation_is_deterministic(pool: pl.DataFrame) -> None:
    """The same pool gives the same files, byte for byte."""
    assert _files(generate(pool, pool_name="p.csv")) == _files(generate(pool, pool_name="p.csv"))


@settings(max_examples=25)
@given(subpools())
def test_members_belong_to_their_candidate(pool: pl.DataFrame) -> None:
    """Every member of a candidate's association lists that candidate in its row."""
    cells = dict(zip(pool.get_column("filename"), pool.get_column("asn_candidate"), strict=True))
    for asn in generate(pool, pool_name="p.csv"):
        if asn.asn_id == "a3001":
            continue
        for member in asn.products[0].members:
            stem = member.expname.rsplit("_", 1)[0]
            rows = [f for f in cells if f.startswith(stem + "_uncal")]
            assert rows, member.expname
            assert any(asn.asn_id in cells[f] for f in rows)
