"""MIRI LRS rules against the reference, on a pool no corpus pool covers.

It exercises: a TA-confirm processed before its science (its failing first branch pins the
mode), along-slit nods 1,2,1,2 (the other position becomes background), a ``patt_num``
that contains the science's as a substring (11 vs 1), a background candidate, and a
slitless TSO science with its TA-confirm and a background target.
"""

from __future__ import annotations

from pathlib import Path

from oracle.reference import assert_same_as_reference

HEADER = (
    "filename|exp_type|pntgtype|program|obs_num|obs_id|instrume|detector|filter|subarray|"
    "targetid|bkgdtarg|patttype|patt_num|tsovisit|asn_candidate"
)
BACKGROUND = "[('o{obs}', 'observation'), ('c1000', 'background')]"


def _row(n: int, exp_type: str, obs: str, *, target: str = "1", bkg: str = "f",
         pattern: str = "along-slit-nod", position: str = "1", tso: str = "f",
         candidate: str = "[('o{obs}', 'observation')]") -> str:
    pointing = "target_acquisition" if exp_type == "mir_taconfirm" else "science"
    optic = "f560w" if exp_type == "mir_taconfirm" else "p750l"
    cells = [
        f"jw_{n:05d}_uncal.fits", exp_type, pointing, "99009", obs, f"v99009{obs}001", "miri",
        "mirimage", optic, "full", target, bkg, pattern, position, tso,
        candidate.format(obs=obs),
    ]
    return "|".join(cells)


ROWS = [
    _row(1, "mir_taconfirm", "001", pattern="n", position="n"),
    _row(2, "mir_lrs-fixedslit", "001", position="1"),
    _row(3, "mir_lrs-fixedslit", "001", position="2"),
    _row(4, "mir_lrs-fixedslit", "001", position="1"),
    _row(5, "mir_lrs-fixedslit", "001", position="2"),
    _row(6, "mir_lrs-fixedslit", "002", position="1", candidate=BACKGROUND),
    _row(7, "mir_lrs-fixedslit", "002", position="11", candidate=BACKGROUND),
    _row(8, "mir_lrs-fixedslit", "003", target="2", bkg="t", candidate=BACKGROUND),
    _row(9, "mir_taconfirm", "002", pattern="n", position="n", candidate=BACKGROUND),
    _row(10, "mir_lrs-slitless", "004", pattern="n", position="n", tso="t"),
    _row(11, "mir_taconfirm", "004", pattern="n", position="n"),
    _row(12, "mir_lrs-slitless", "004", bkg="t", pattern="n", position="n"),
]


def test_miri_lrs_pool_matches_the_reference(tmp_path: Path) -> None:
    pool = tmp_path / "lrs.csv"
    pool.write_text("\n".join([HEADER, *ROWS]) + "\n")
    assert_same_as_reference(pool, tmp_path)


def test_science_before_its_ta_confirm(tmp_path: Path) -> None:
    pool = tmp_path / "lrs_science_first.csv"
    pool.write_text("\n".join([HEADER, ROWS[1], ROWS[2], ROWS[0], ROWS[3]]) + "\n")
    assert_same_as_reference(pool, tmp_path)
