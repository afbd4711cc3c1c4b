"""``asnfp make-pool`` compared with the reference's ``asn_make_pool``, and used to generate."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from pathlib import Path

import pytest

from asnfp.tools.make_pool import Exposure, pool_table
from tools.helpers import assert_clean_failure, run, run_reference_script

fits = pytest.importorskip("astropy.io.fits")

BASE: Mapping[str, object] = {
    "TELESCOP": "JWST", "PROGRAM": "01234", "VISIT": "001", "VISITGRP": "01", "SEQ_ID": "1",
    "ACT_ID": "01", "EXP_TYPE": "NRC_IMAGE", "INSTRUME": "NIRCAM", "DETECTOR": "NRCA1",
    "PUPIL": "CLEAR", "SUBARRAY": "FULL", "VISITYPE": "PRIME_TARGETED_FIXED",
    "TSOVISIT": False, "BKGDTARG": False, "NEXPOSUR": 2, "EFFEXPTM": 10.5,
}
EXPOSURES = [  # observation, exposure, filter, target
    ("001", "1", "F200W", "NGC 104"),
    ("001", "2", "F200W", "NGC 104"),
    ("001", "1", "F444W", "NGC 104"),
    ("002", "1", "F200W", "NGC 104"),
]


def _write_fits(folder: Path, name: str, cards: Mapping[str, object]) -> str:
    header = fits.Header()
    for keyword, value in cards.items():
        header[keyword] = value
    header["COMMENT"] = "left out of the pool"
    header["HISTORY"] = "left out too"
    fits.PrimaryHDU(header=header).writeto(folder / name)
    return name


@pytest.fixture(scope="module")
def exposures(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Path, list[str]]]:
    """A folder of imaging exposures (headers only) and their file names."""
    folder = tmp_path_factory.mktemp("exposures")
    names = []
    for i, (obs, exp, filt, target) in enumerate(EXPOSURES, start=1):
        cards = {**BASE, "OBSERVTN": obs, "EXPOSURE": exp, "FILTER": filt, "TARGNAME": target}
        names.append(_write_fits(folder, f"jw01234{obs}001_0110{i}_0000{exp}_nrca1_uncal.fits",
                                 cards))
    odd = {"OBSERVTN": 3, "TARGNAME": "M 31", "EXP_TYPE": "MIR_IMAGE", "FLAG": True,
           "SMALL": 1.0e-7, "PIPE": "a|b", "QUOTE": 'say "hi"', "EMPTY": "", "UNDEF": None}
    names.append(_write_fits(folder, "odd_uncal.fits", odd))
    yield folder, names


OPTIONS = {
    "defaults": [],
    "all_options": ["--asn-candidate", "[('c1000', 'background'), ('c1001', 'mosaic')]",
                    "--dms-note", "wfsc_los_jitter", "--is-imprt", "t",
                    "--pntgtype", "target_acquisition"],
    "one_candidate": ["--asn-candidate", "[('c1000','background')]"],
}


@pytest.mark.parametrize("case", sorted(OPTIONS))
def test_make_pool_writes_the_reference_pool(
    case: str,
    exposures: tuple[Path, list[str]],
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    folder, names = exposures
    monkeypatch.chdir(folder)
    run_reference_script(monkeypatch, "asn_make_pool", f"reference_{case}.csv", *names,
                         *OPTIONS[case])
    status, _, err = run(capsys, "make-pool", f"asnfp_{case}.csv", *names, *OPTIONS[case])
    assert status == 0, err
    assert (folder / f"asnfp_{case}.csv").read_text() == (
        folder / f"reference_{case}.csv").read_text()


def test_generation_from_the_pool_matches_the_reference(
    exposures: tuple[Path, list[str]],
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from oracle.reference import assert_same_as_reference

    folder, names = exposures
    monkeypatch.chdir(folder)
    pool = tmp_path / "jw01234_20250101t000000_pool.csv"
    status, _, err = run(capsys, "make-pool", str(pool), *names[:4])
    assert status == 0, err
    assert_same_as_reference(pool, tmp_path)
    made = sorted(p.name for p in (tmp_path / "asnfp").glob("*.json"))
    assert "jw01234-o001_image3_00001_asn.json" in made
    assert "jw01234-o002_image2_00001_asn.json" in made


def test_each_target_name_keeps_its_id() -> None:
    """A target met again keeps its first id (the reference gives it the latest count)."""
    exposures = [
        Exposure(file=f"{i}.fits", cards=(("OBSERVTN", "001"), ("TARGNAME", target)))
        for i, target in enumerate(["A", "B", "A", "C"])
    ]
    table = pool_table(exposures).unwrap()
    column = table.columns.index("targetid")
    assert [row[column] for row in table.rows] == ["1", "2", "1", "3"]


def test_bad_inputs_fail_cleanly(
    exposures: tuple[Path, list[str]], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder, names = exposures
    good = str(folder / names[0])
    pool = tmp_path / "pool.csv"
    not_fits = tmp_path / "text.fits"
    not_fits.write_text("not a FITS file\n")
    _write_fits(tmp_path, "no_observtn.fits", {"TARGNAME": "x"})
    cases = [
        ([good, str(tmp_path / "missing.fits")], "missing.fits"),
        ([good, str(not_fits)], str(not_fits)),
        ([str(tmp_path / "no_observtn.fits")], "OBSERVTN"),
        ([good, "--asn-candidate", "('c1000', 'background')"], "--asn-candidate"),
        ([good, "--asn-candidate", "[('c1000',)]"], "--asn-candidate"),
    ]
    for argv, culprit in cases:
        status, _, err = run(capsys, "make-pool", str(pool), *argv)
        assert_clean_failure(status, err, culprit)
        assert not pool.exists()
    status, _, err = run(capsys, "make-pool", str(tmp_path / "no" / "pool.csv"), good)
    assert_clean_failure(status, err, str(tmp_path / "no" / "pool.csv"))
