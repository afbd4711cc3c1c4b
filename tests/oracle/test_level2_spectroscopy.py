"""Level 2b spectroscopic rules on small pools no corpus case covers, against the reference."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from conformance.compare import normalise

from oracle.reference import asnfp_files, reference_files

COLUMNS = (
    "filename", "exp_type", "pntgtype", "program", "obs_num", "instrume", "detector", "filter",
    "grating", "pupil", "fxd_slit", "subarray", "targetid", "bkgdtarg", "is_imprt", "is_psf",
    "mostilno", "dithptin", "patttype", "tsovisit", "opmode", "lamp", "msametfl", "expspcin",
    "numdthpt", "patt_num", "subpxpts", "asn_candidate",
)  # fmt: skip

DEFAULTS = {
    "pntgtype": "science", "program": "99009", "obs_num": "001", "instrume": "nirspec",
    "detector": "nrs1", "filter": "f100lp", "grating": "g140h", "pupil": "null",
    "fxd_slit": "null", "subarray": "full", "targetid": "1", "bkgdtarg": "f", "is_imprt": "f",
    "is_psf": "f", "mostilno": "1", "dithptin": "1", "patttype": "none", "tsovisit": "f",
    "opmode": "null", "lamp": "null", "msametfl": "null", "expspcin": "1", "numdthpt": "1",
    "patt_num": "1", "subpxpts": "1", "asn_candidate": "[('o001', 'observation')]",
}  # fmt: skip

IFU = {"exp_type": "nrs_ifu", "opmode": "ifu"}


def _pool(tmp: Path, *rows: dict[str, str]) -> Path:
    lines = ["|".join(COLUMNS)]
    for n, row in enumerate(rows, start=1):
        cells = {**DEFAULTS, "filename": f"jw99009001001_01101_{n:05d}_nrs1_uncal.fits", **row}
        lines.append("|".join(cells[c] for c in COLUMNS))
    path = tmp / "pool.csv"
    path.write_text("\n".join(lines) + "\n")
    return path


def _same(tmp: Path, *rows: dict[str, str]) -> dict[str, Any]:
    """Assert asnfp writes the reference's files; return the reference's files."""
    pool = _pool(tmp, *rows)
    want = reference_files(pool, tmp / "reference")
    got = asnfp_files(pool, tmp / "asnfp")
    assert sorted(got) == sorted(want)
    for name, document in want.items():
        assert normalise(got[name]) == normalise(document), name
    return want


def _memberships(files: dict[str, Any], rule: str) -> list[list[tuple[int, str]]]:
    """Members (pool row number, exptype) of each association of ``rule``, by file name."""
    return [
        [(int(m["expname"][20:25]), m["exptype"]) for m in doc["products"][0]["members"]]
        for _, doc in sorted(files.items())
        if doc["asn_rule"].endswith("_" + rule)
    ]


def test_lamp_exposures_on_valid_paths_only(tmp_path: Path) -> None:
    lamp = {"exp_type": "nrs_lamp", "pntgtype": "engineering", "filter": "opaque"}
    files = _same(
        tmp_path,
        {**lamp, "grating": "g140h", "opmode": "fixedslit", "lamp": "flat1"},
        {**lamp, "exp_type": "nrs_autowave", "detector": "nrs2", "opmode": "ifu", "lamp": "flat4"},
        {**lamp, "exp_type": "nrs_autoflat", "grating": "g395h", "opmode": "ifu", "lamp": "line3"},
        {**lamp, "grating": "g140m", "opmode": "msaspec", "lamp": "line1"},
        {**lamp, "grating": "g140m", "opmode": "msaspec", "lamp": "line1", "msametfl": "m.fits"},
        {**lamp, "opmode": "msaspec", "lamp": "nolamp", "msametfl": "m.fits"},
        {**lamp, "grating": "mirror", "opmode": "image", "lamp": "flat1"},
        {**lamp, "filter": "f100lp", "opmode": "fixedslit", "lamp": "flat1"},
        {**lamp, "exp_type": "nrs_autowave", "grating": "prism", "opmode": "ifu",
         "lamp": "line4", "pntgtype": "science"},
        {**lamp, "opmode": "msaspec", "msametfl": "m.fits"},
        {**lamp, "opmode": "grating-only", "lamp": "flat1"},
    )
    assert _memberships(files, "Asn_Lv2NRSLAMPSpectral") == [
        [(9, "science")], [(5, "science")], [(3, "science")], [(1, "science")]
    ]


BKG = {**IFU, "bkgdtarg": "t", "targetid": "2"}
BKG_IMPRINT = {**BKG, "is_imprt": "t"}


@pytest.mark.parametrize(
    "order",
    ["B1 B2 I1 I2", "I1 B1 I2 B2", "B1 I1 I2 B2", "I1 I2 B1 B2", "B1 I1 B2 I2 B3"],
)
def test_special_imprints_follow_the_reference_state(tmp_path: Path, order: str) -> None:
    kinds = {
        "B1": {**BKG, "dithptin": "1"}, "B2": {**BKG, "dithptin": "2"},
        "B3": {**BKG, "dithptin": "3", "mostilno": "2"},
        "I1": {**BKG_IMPRINT, "dithptin": "1"}, "I2": {**BKG_IMPRINT, "dithptin": "2"},
    }  # fmt: skip
    files = _same(tmp_path, *(kinds[k] for k in order.split()))
    assert _memberships(files, "Asn_Lv2SpecSpecial")


def test_psf_special_exposures_take_imprints_of_their_tile(tmp_path: Path) -> None:
    psf = {**IFU, "is_psf": "t"}
    _same(
        tmp_path,
        {**psf, "dithptin": "1"},
        {**psf, "is_imprt": "t", "dithptin": "1"},
        {**psf, "is_imprt": "t", "dithptin": "2", "mostilno": "2"},
        {**psf, "dithptin": "2", "mostilno": "2"},
        {**psf, "is_imprt": "t", "dithptin": "3"},
    )


def test_imprints_pruned_by_target_then_dither(tmp_path: Path) -> None:
    files = _same(
        tmp_path,
        {**IFU, "dithptin": "1"},
        {**IFU, "dithptin": "2"},
        {**IFU, "is_imprt": "t", "dithptin": "1"},
        {**IFU, "is_imprt": "t", "dithptin": "2"},
        {**IFU, "is_imprt": "t", "dithptin": "3", "targetid": "7"},
        {**BKG, "dithptin": "1"},
        {**BKG_IMPRINT, "dithptin": "1"},
        {**BKG_IMPRINT, "dithptin": "2"},
        {**BKG_IMPRINT, "dithptin": "1", "targetid": "9"},
    )
    science = _memberships(files, "Asn_Lv2Spec")
    assert science
    assert all((5, "imprint") not in members for members in science)


def test_imprint_before_its_science_and_lone_imprints(tmp_path: Path) -> None:
    _same(
        tmp_path,
        {**IFU, "is_imprt": "t", "dithptin": "1"},
        {**IFU, "dithptin": "1"},
        {**IFU, "is_imprt": "t", "dithptin": "2", "mostilno": "2"},
        {**IFU, "dithptin": "3", "mostilno": "3"},
        {**IFU, "is_imprt": "t", "dithptin": "3", "mostilno": "3"},
        {**IFU, "is_imprt": "t", "dithptin": "4", "mostilno": "3"},
    )


def test_ifu_nods_prune_imprints_before_splitting(tmp_path: Path) -> None:
    nod = {**IFU, "patttype": "2-point-nod"}
    files = _same(
        tmp_path,
        {**nod, "dithptin": "1", "patt_num": "1"},
        {**nod, "dithptin": "2", "patt_num": "2"},
        {**nod, "is_imprt": "t", "dithptin": "1"},
        {**nod, "is_imprt": "t", "dithptin": "2"},
        {**nod, "is_imprt": "t", "dithptin": "3"},
        {**nod, "is_imprt": "t", "dithptin": "1", "targetid": "5"},
        {**nod, "dithptin": "1", "mostilno": "2"},
    )
    assert len(_memberships(files, "Asn_Lv2NRSIFUNod")) >= 2


def test_tso_spectra_and_their_exclusions(tmp_path: Path) -> None:
    nircam = {"instrume": "nircam", "exp_type": "nrc_tsgrism", "tsovisit": "t",
              "detector": "nrcalong", "filter": "f322w2", "grating": "null"}
    niriss = {"instrume": "niriss", "exp_type": "nis_soss", "tsovisit": "t", "detector": "nis",
              "filter": "clear", "grating": "null", "pupil": "gr700xd"}
    bots = {"exp_type": "nrs_brightobj", "fxd_slit": "s1600a1"}
    files = _same(
        tmp_path,
        {**nircam, "pupil": "grismr"},
        {**nircam, "pupil": "clear"},
        {**nircam, "pupil": "grismr", "detector": "nrcblong"},
        {**bots, "grating": "g395h", "filter": "f290lp"},
        {**bots, "grating": "g140m", "filter": "f100lp", "detector": "nrs2"},
        niriss,
        {**niriss, "filter": "f277w"},
        {**niriss, "tsovisit": "f"},
        {**IFU, "tsovisit": "t"},
        {**IFU, "tsovisit": "t", "grating": "prism", "detector": "nrs2"},
    )
    assert _memberships(files, "Asn_Lv2SpecTSO")


def test_nod_overlap_edges(tmp_path: Path) -> None:
    fs = {"exp_type": "nrs_fixedslit", "fxd_slit": "s1600a1", "grating": "g140m",
          "numdthpt": "5", "patttype": "5-point-nod"}
    msa = {"exp_type": "nrs_msaspec", "msametfl": "m.fits", "numdthpt": "3", "expspcin": "2"}
    _same(
        tmp_path,
        *({**fs, "patt_num": str(n)} for n in range(1, 6)),
        {**fs, "patt_num": "null"},
        {**fs, "patt_num": "3", "targetid": "4"},
        {**fs, "bkgdtarg": "t", "patt_num": "1"},
        {**msa, "patt_num": "1", "subpxpts": "0"},
        {**msa, "patt_num": "2", "subpxpts": "0"},
        {**msa, "patt_num": "3", "targetid": "6"},
        {**msa, "patt_num": "x"},
    )
