"""The strategies themselves: realistic, valid pools; exports; no Hypothesis in ``asnfp``."""

from __future__ import annotations

import subprocess
import sys

import polars as pl
from hypothesis import given

from asnfp.candidates import parse_cell
from asnfp.testing import strategies


@given(strategies.pools(shuffle=True))
def test_pools_are_well_formed(pool: pl.DataFrame) -> None:
    """Every column is text, file names are unique Level 1b names, every candidate cell
    parses, and every row lists its own observation candidate."""
    assert pool.columns == list(strategies.COLUMNS)
    assert all(dtype == pl.String for dtype in pool.dtypes)
    names = pool.get_column("filename")
    assert names.is_unique().all()
    assert names.str.ends_with("_uncal.fits").all()
    for obs, cell in pool.select("obs_num", "asn_candidate").iter_rows():
        ids = [cid for cid, _ in parse_cell(cell).unwrap()]
        assert f"o{int(obs):03d}" in ids


@given(strategies.exposures())
def test_exposures_are_pool_rows(row: strategies.Row) -> None:
    """An exposure has every pool column, as text, and names its observation candidate."""
    assert tuple(row) == strategies.COLUMNS
    assert all(isinstance(cell, str) and cell for cell in row.values())
    ids = [cid for cid, _ in parse_cell(row["asn_candidate"]).unwrap()]
    assert f"o{int(row['obs_num']):03d}" in ids


@given(strategies.candidates(observation=12))
def test_candidates_start_with_the_observation(found: tuple[strategies.Candidate, ...]) -> None:
    """The observation's candidate comes first; group ids are distinct."""
    assert found[0] == ("o012", "observation")
    assert len({cid for cid, _ in found}) == len(found)
    assert parse_cell(strategies.candidate_cell(found)).unwrap() == found


def test_exports_match_module() -> None:
    """``__all__`` lists exactly the public names of ``asnfp.testing.strategies``."""
    public = {n for n in vars(strategies) if not n.startswith("_")} - {"annotations", "register"}
    assert set(strategies.__all__) == public


def test_importing_asnfp_does_not_import_hypothesis() -> None:
    """Hypothesis is the ``testing`` extra: only ``asnfp.testing`` imports it."""
    code = "import sys, asnfp, asnfp.rules, asnfp.io; print('hypothesis' in sys.modules)"
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                            check=True)  # fmt: skip
    assert result.stdout.strip() == "False"
