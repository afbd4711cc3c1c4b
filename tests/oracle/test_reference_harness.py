"""The reference harness itself, on a tiny imaging pool."""

from __future__ import annotations

from pathlib import Path

from oracle.reference import assert_same_as_reference

HEADER = "filename|exp_type|pntgtype|program|obs_num|instrume|detector|filter|subarray|targetid"
CELLS = "mir_image|science|99009|001|miri|mirimage|f560w|full|1|[('o001', 'observation')]"
POOL = "\n".join(
    [HEADER + "|asn_candidate", *(f"jw_0000{n}_uncal.fits|{CELLS}" for n in (1, 2))]
) + "\n"


def test_tiny_imaging_pool_matches_the_reference(tmp_path: Path) -> None:
    pool = tmp_path / "tiny.csv"
    pool.write_text(POOL)
    assert_same_as_reference(pool, tmp_path)
