"""WFSS rules against the reference, on pools no corpus pool covers.

The corpus has NIRISS and MIRI WFSS observations only. These pools add NIRCam WFSS (direct
images on the grism's detector only), pure-parallel WFSS in direct-image candidates (one of
them also seen by discovery), MIRI choices of the closest direct image (ties, earlier
directs only, a science without ``expspcin``, a direct without a filter), a NIRISS subarray
with a character that is escaped in names, and the pools on which the reference crashes.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from asnfp.cli import main
from oracle.reference import assert_same_as_reference

HEADER = (
    "filename|exp_type|pntgtype|program|obs_num|instrume|detector|filter|pupil|subarray|"
    "targetid|expspcin|asn_candidate"
)
OBSERVATION = "[('o{obs}', 'observation')]"
PARALLEL = "[('o{obs}', 'observation'), ('c1000', 'direct_image')]"
PARALLEL_ONLY = "[('c1001', 'direct_image')]"
INSTRUMENTS = {"nrc": "nircam", "nis": "niriss", "mir": "miri"}


def _row(name: str, exp_type: str, obs: str, detector: str, filt: str, pupil: str, *,
         subarray: str = "full", target: str = "1", expspcin: str = "1",
         candidate: str = OBSERVATION) -> str:
    cells = [
        f"{name}_uncal.fits", exp_type, "science", "99009", obs,
        INSTRUMENTS[exp_type[:3]], detector, filt, pupil, subarray, target, expspcin,
        candidate.format(obs=obs),
    ]
    return "|".join(cells)


def _pool(tmp: Path, name: str, rows: list[str]) -> Path:
    pool = tmp / f"{name}.csv"
    pool.write_text("\n".join([HEADER, *rows]) + "\n")
    return pool


def _nrc(n: int, obs: str, detector: str) -> str:
    return f"jw99009{obs}001_02101_{n:05d}_{detector}"


NIRCAM = [
    _row(_nrc(1, "001", "nrcalong"), "nrc_image", "001", "nrcalong", "f444w", "clear"),
    _row(_nrc(2, "001", "nrca1"), "nrc_image", "001", "nrca1", "f200w", "clear"),
    _row(_nrc(3, "001", "nrcalong"), "nrc_wfss", "001", "nrcalong", "f444w", "grismr",
         expspcin="2"),
    _row(_nrc(4, "001", "nrcalong"), "nrc_image", "001", "nrcalong", "f444w", "clear",
         expspcin="3"),
    _row(_nrc(5, "001", "nrcalong"), "nrc_wfss", "001", "nrcalong", "f444w", "grismc",
         expspcin="4"),
    _row(_nrc(6, "001", "nrcblong"), "nrc_image", "001", "nrcblong", "f444w", "clear",
         expspcin="5"),
    _row(_nrc(7, "001", "nrcblong"), "nrc_wfss", "001", "nrcblong", "f444w", "grismr",
         expspcin="6"),
    # No expspcin on the grism: its directs' values are never read.
    _row(_nrc(8, "002", "nrcalong"), "nrc_image", "002", "nrcalong", "f356w", "clear",
         target="2", expspcin="x"),
    _row(_nrc(9, "002", "nrcalong"), "nrc_wfss", "002", "nrcalong", "f356w", "grismr",
         target="2", expspcin="null"),
]

PARALLELS = [
    _row(_nrc(1, "003", "nrca1"), "nrc_image", "003", "nrca1", "f150w", "clear",
         target="null", candidate=PARALLEL),
    _row(_nrc(2, "003", "nrcblong"), "nrc_image", "003", "nrcblong", "f356w", "clear",
         target="null", candidate=PARALLEL),
    _row(_nrc(3, "003", "nrcalong"), "nrc_image", "003", "nrcalong", "f356w", "clear",
         target="null", candidate=PARALLEL),
    _row(_nrc(1, "004", "nrcalong"), "nrc_wfss", "004", "nrcalong", "f356w", "grismr",
         target="null", candidate=PARALLEL),
    _row(_nrc(2, "004", "nrcblong"), "nrc_wfss", "004", "nrcblong", "f356w", "grismr",
         target="null", candidate=PARALLEL),
    _row("jw_00101", "nis_wfss", "005", "nis", "gr150c", "f200w", target="null",
         candidate=PARALLEL_ONLY),
    _row("jw_00102", "nis_image", "005", "nis", "clear", "f200w", target="null",
         candidate=PARALLEL_ONLY),
    _row("jw_00103", "nis_image", "005", "nis", "clear", "f150w", target="null",
         candidate=PARALLEL_ONLY),
    _row("jw_00104", "nis_wfss", "005", "nis", "gr150r", "f150w", target="null",
         candidate=PARALLEL_ONLY),
]

MIRI = [
    # The direct taken soonest after the grism; of two equally close, the first.
    _row("jw_00201", "mir_image", "006", "mirimage", "f1000w", "null", expspcin="1"),
    _row("jw_00202", "mir_wfss", "006", "mirimage", "p750l", "null", expspcin="2"),
    _row("jw_00203", "mir_image", "006", "mirimage", "f560w", "null", expspcin="4"),
    _row("jw_00204", "mir_image", "006", "mirimage", "f770w", "null", expspcin="3"),
    _row("jw_00205", "mir_image", "006", "mirimage", "f1130w", "null", expspcin="3"),
    _row("jw_00206", "mir_image", "006", "mirimage", "f1280w", "null", expspcin="null"),
    # A grism without expspcin: the first direct.
    _row("jw_00211", "mir_image", "007", "mirimage", "f1280w", "null", expspcin="5"),
    _row("jw_00212", "mir_image", "007", "mirimage", "f560w", "null", expspcin="6"),
    _row("jw_00213", "mir_wfss", "007", "mirimage", "p750l", "null", expspcin="null"),
    # Only earlier directs: the first.
    _row("jw_00221", "mir_image", "008", "mirimage", "f1500w", "null", expspcin="2"),
    _row("jw_00222", "mir_image", "008", "mirimage", "f560w", "null", expspcin="1"),
    _row("jw_00223", "mir_wfss", "008", "mirimage", "p750l", "null", expspcin="5"),
    # A direct without a filter: its raw cell names the catalog.
    _row("jw_00231", "mir_wfss", "009", "mirimage", "p750l", "null", expspcin="1"),
    _row("jw_00232", "mir_image", "009", "mirimage", "null", "null", expspcin="2"),
]

NIRISS = [
    _row("jw_00301", "nis_image", "010", "nis", "clear", "f150w", subarray="wfss64.r"),
    _row("jw_00302", "nis_wfss", "010", "nis", "gr150r", "f150w", subarray="wfss64.r",
         expspcin="2"),
    _row("jw_00303", "nis_image", "010", "nis", "clear", "f200w", subarray="wfss64.r",
         expspcin="3"),
    _row("jw_00304", "nis_wfss", "010", "nis", "gr150c", "f150w", expspcin="4"),
    _row("jw_00305", "nis_image", "010", "nis", "clear", "f150w", expspcin="5"),
]


def test_nircam_wfss_matches_the_reference(tmp_path: Path) -> None:
    assert_same_as_reference(_pool(tmp_path, "nircam_wfss", NIRCAM), tmp_path)


def test_parallel_wfss_matches_the_reference(tmp_path: Path) -> None:
    assert_same_as_reference(_pool(tmp_path, "parallel_wfss", PARALLELS), tmp_path)


def test_miri_closest_direct_matches_the_reference(tmp_path: Path) -> None:
    assert_same_as_reference(_pool(tmp_path, "miri_wfss", MIRI), tmp_path)


def test_niriss_subarray_matches_the_reference(tmp_path: Path) -> None:
    assert_same_as_reference(_pool(tmp_path, "niriss_wfss", NIRISS), tmp_path)


def test_all_wfss_together_matches_the_reference(tmp_path: Path) -> None:
    pool = _pool(tmp_path, "all_wfss", [*NIRCAM, *PARALLELS, *MIRI, *NIRISS])
    assert_same_as_reference(pool, tmp_path)


CRASHES = {
    "direct_expspcin": (
        [
            _row(_nrc(1, "001", "nrcalong"), "nrc_wfss", "001", "nrcalong", "f444w", "grismr"),
            _row(_nrc(2, "001", "nrcalong"), "nrc_image", "001", "nrcalong", "f444w", "clear",
                 expspcin="x"),
        ],
        "ValueError",
        "expspcin",
    ),
    "science_expspcin": (
        [
            _row("jw_00001", "mir_wfss", "001", "mirimage", "p750l", "null", expspcin="2.5"),
            _row("jw_00002", "mir_image", "001", "mirimage", "f560w", "null"),
        ],
        "ValueError",
        "expspcin",
    ),
    "direct_without_pupil": (
        [
            _row(_nrc(1, "001", "nrcalong"), "nrc_wfss", "001", "nrcalong", "f444w", "grismr"),
            _row(_nrc(2, "001", "nrcalong"), "nrc_image", "001", "nrcalong", "f444w", "null"),
        ],
        "TypeError",
        "pupil",
    ),
    "direct_without_filter": (
        [
            _row("jw_00001", "nis_wfss", "001", "nis", "gr150r", "f150w"),
            _row("jw_00002", "nis_image", "001", "nis", "null", "f150w"),
        ],
        "TypeError",
        "filter",
    ),
    "invalid_association": (
        [
            _row(_nrc(1, "001", "nrcalong"), "nrc_wfss", "001", "nrcalong", "f444w", "grismr",
                 candidate=PARALLEL_ONLY),
            _row(_nrc(2, "001", "nrcalong"), "nrc_image", "001", "nrcalong", "f444w", "clear",
                 expspcin="x", candidate=PARALLEL_ONLY),
        ],
        "ValueError",
        "expspcin",
    ),
    # Each observation alone is fine; the discovered association holds both.
    "discovery_only": (
        [
            _row(_nrc(1, "001", "nrcalong"), "nrc_wfss", "001", "nrcalong", "f444w", "grismr"),
            _row(_nrc(2, "002", "nrcalong"), "nrc_image", "002", "nrcalong", "f444w", "clear",
                 expspcin="x"),
        ],
        "ValueError",
        "expspcin",
    ),
}
@pytest.mark.parametrize("case", sorted(CRASHES))
def test_reference_crash_is_a_pool_error(
    case: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    pytest.importorskip("jwst.associations")
    rows, exception, column = CRASHES[case]
    pool = _pool(tmp_path, case, rows)
    (tmp_path / "reference").mkdir()
    command = [
        sys.executable, "-c", "from jwst.associations.main import main; main()",
        str(pool), "-p", str(tmp_path / "reference"),
    ]
    reference = subprocess.run(command, capture_output=True, text=True, timeout=600)
    assert reference.returncode != 0
    assert exception in reference.stderr
    (tmp_path / "asnfp").mkdir()
    assert main(["generate", str(pool), "-p", str(tmp_path / "asnfp")]) == 1
    error = capsys.readouterr().err.strip()
    assert error.startswith(f"asnfp: error: {pool}")
    assert f"column {column!r}" in error
    assert "\n" not in error
    assert not list((tmp_path / "asnfp").iterdir())
