"""Level 3 coronagraphy, AMI, TSO and spectroscopy rules on small pools, against the reference."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from conformance.compare import normalise

from oracle.reference import asnfp_files, reference_files

COLUMNS = (
    "filename", "exp_type", "pntgtype", "program", "obs_num", "instrume", "detector", "channel",
    "filter", "pupil", "grating", "fxd_slit", "subarray", "targetid", "bkgdtarg", "is_imprt",
    "is_psf", "patttype", "tsovisit", "nints", "msametfl", "exposerr", "asn_candidate",
)  # fmt: skip

DEFAULTS = {
    "pntgtype": "science", "program": "99009", "obs_num": "1", "channel": "null",
    "pupil": "null", "grating": "null", "fxd_slit": "null", "subarray": "full", "targetid": "1",
    "bkgdtarg": "f", "is_imprt": "f", "is_psf": "f", "patttype": "null", "tsovisit": "f",
    "nints": "10", "msametfl": "null", "exposerr": "null",
}  # fmt: skip

OBSERVATION = "[('o001', 'observation')]"
GROUP = "[('c1000', 'group'), ('o001', 'observation')]"
GROUP_OTHER = "[('c1000', 'group'), ('o002', 'observation')]"

NRC_CORON = {
    "exp_type": "nrc_coron", "instrume": "nircam", "detector": "nrca2", "channel": "short",
    "filter": "f210m", "pupil": "maskrnd", "asn_candidate": GROUP,
}  # fmt: skip
MIR_CORON = {
    "exp_type": "mir_4qpm", "instrume": "miri", "detector": "mirimage", "filter": "f1065c",
    "subarray": "mask1065", "asn_candidate": GROUP,
}  # fmt: skip
AMI = {
    "exp_type": "nis_ami", "instrume": "niriss", "detector": "nis", "filter": "f480m",
    "pupil": "nrm", "subarray": "sub80", "asn_candidate": GROUP,
}  # fmt: skip
NRC_TSGRISM = {
    "exp_type": "nrc_tsgrism", "instrume": "nircam", "detector": "nrcalong", "filter": "f444w",
    "pupil": "grismr", "subarray": "subgrism64", "tsovisit": "t", "asn_candidate": OBSERVATION,
}  # fmt: skip
SOSS = {
    "exp_type": "nis_soss", "instrume": "niriss", "detector": "nis", "filter": "clear",
    "pupil": "gr700xd", "subarray": "substrip256", "asn_candidate": OBSERVATION,
}  # fmt: skip
MRS = {
    "exp_type": "mir_mrs", "instrume": "miri", "detector": "mirifushort", "filter": "null",
    "grating": "null", "asn_candidate": OBSERVATION,
}  # fmt: skip
LRS = {
    "exp_type": "mir_lrs-fixedslit", "instrume": "miri", "detector": "mirimage",
    "filter": "p750l", "asn_candidate": OBSERVATION,
}  # fmt: skip
NRS = {
    "instrume": "nirspec", "detector": "nrs1", "filter": "f100lp", "grating": "g140m",
    "asn_candidate": OBSERVATION,
}  # fmt: skip
NRS_FS = {**NRS, "exp_type": "nrs_fixedslit", "fxd_slit": "s1600a1"}
NRS_IFU = {**NRS, "exp_type": "nrs_ifu", "filter": "f170lp", "grating": "g235h"}
NRS_MSA = {**NRS, "exp_type": "nrs_msaspec", "msametfl": "jw99009001001_01_msa.fits"}


def _acquisition(base: dict[str, str], exp_type: str) -> dict[str, str]:
    return {**base, "exp_type": exp_type, "pntgtype": "target_acquisition"}


def _pool(tmp: Path, *rows: dict[str, str]) -> Path:
    lines = ["|".join(COLUMNS)]
    for n, row in enumerate(rows, start=1):
        cells = {**DEFAULTS, **row}
        obs = cells["obs_num"].rjust(3, "0")
        cells["filename"] = f"jw99009{obs}001_01101_{n:05d}_{cells['detector']}_uncal.fits"
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


def _products(files: dict[str, Any], rule: str) -> list[tuple[str, list[tuple[int, str, str]]]]:
    """Product name and members (pool row, name suffix, exptype) of each association of ``rule``."""
    found = []
    for _, doc in sorted(files.items()):
        if not doc["asn_rule"].endswith("_" + rule):
            continue
        product = doc["products"][0]
        members = [
            (int(m["expname"][20:25]), m["expname"].rsplit("_", 1)[1].split(".")[0], m["exptype"])
            for m in product["members"]
        ]
        found.append((product["name"], members))
    return found


def test_nircam_coronagraphy_psfs_backgrounds_and_unocculted_detectors(tmp_path: Path) -> None:
    files = _same(
        tmp_path,
        _acquisition(NRC_CORON, "nrc_tacq"),
        NRC_CORON,
        {**NRC_CORON, "detector": "nrca1"},
        {**NRC_CORON, "obs_num": "2", "targetid": "2", "is_psf": "t", "asn_candidate": GROUP_OTHER},
        {**NRC_CORON, "obs_num": "2", "targetid": "2", "is_psf": "y", "asn_candidate": GROUP_OTHER},
        {**NRC_CORON, "bkgdtarg": "t", "targetid": "3"},
        {**NRC_CORON, "pupil": "maskbar", "detector": "nrca4"},
    )
    assert _products(files, "Asn_Lv3NRCCoron") == [
        ("jw99009-c1000_t001_nircam_f210m-maskrnd",
         [(2, "calints", "science"), (4, "calints", "psf"), (5, "calints", "psf"),
          (1, "cal", "target_acquisition")]),
    ]  # fmt: skip
    assert _products(files, "Asn_Lv3NRCCoronImage")[0] == (
        "jw99009-c1000_t001_nircam_f210m-maskrnd-image3",
        [
            (2, "cal", "science"),
            (3, "cal", "science"),
            (5, "cal", "psf"),
            (1, "cal", "target_acquisition"),
        ],
    )


def test_nircam_coronagraphy_without_psf_is_imaging_only(tmp_path: Path) -> None:
    files = _same(
        tmp_path,
        {**NRC_CORON, "asn_candidate": OBSERVATION},
        {**NRC_CORON, "asn_candidate": OBSERVATION, "subarray": "sub320a335r", "channel": "long"},
        {**NRC_CORON, "asn_candidate": OBSERVATION, "detector": "nrca3", "is_imprt": "t"},
    )
    assert _products(files, "Asn_Lv3NRCCoron") == []


def test_miri_coronagraphy_and_ami(tmp_path: Path) -> None:
    files = _same(
        tmp_path,
        _acquisition(MIR_CORON, "mir_tacq"),
        MIR_CORON,
        {**MIR_CORON, "obs_num": "2", "is_psf": "t", "asn_candidate": GROUP_OTHER},
        {**MIR_CORON, "bkgdtarg": "t"},
        {**MIR_CORON, "exp_type": "mir_lyot", "filter": "f2300c", "subarray": "masklyot"},
        {**MIR_CORON, "exp_type": "mir_lyot", "filter": "f2300c", "subarray": "masklyot",
         "is_psf": "t"},
        _acquisition(AMI, "nis_taconfirm"),
        AMI,
        {**AMI, "obs_num": "2", "is_psf": "t", "asn_candidate": GROUP_OTHER},
        {**AMI, "bkgdtarg": "t", "targetid": "4"},
    )  # fmt: skip
    assert [name for name, _ in _products(files, "Asn_Lv3AMI")] == [
        "jw99009-c1000_t001_niriss_f480m-nrm-sub80"
    ]
    assert [name for name, _ in _products(files, "Asn_Lv3MIRCoron")] == [
        "jw99009-c1000_t001_miri_f1065c-mask1065",
        "jw99009-o001_t001_miri_f2300c-masklyot",
    ]


def test_time_series_exclusions(tmp_path: Path) -> None:
    tso = {"tsovisit": "t"}
    _same(
        tmp_path,
        NRC_TSGRISM,
        {**NRC_TSGRISM, "pupil": "clearp"},
        {**NRC_TSGRISM, "detector": "nrcblong"},
        {**NRC_TSGRISM, "subarray": "sub41stripe1_dhs"},
        {**NRC_TSGRISM, "pupil": "gdhs0", "filter": "f322w2"},
        {**SOSS, **tso},
        {**SOSS, **tso, "nints": "1", "filter": "f150w"},
        {**SOSS, **tso, "filter": "f277w"},
        {**NRS, "exp_type": "nrs_brightobj", "fxd_slit": "s1600a1", "filter": "clear",
         "grating": "prism", "subarray": "sub512"},
        {**NRS, "exp_type": "nrs_brightobj", "fxd_slit": "s1600a1", "filter": "clear",
         "grating": "prism", "subarray": "sub512", "detector": "nrs2"},
        {**NRS_IFU, **tso},
        {**MRS, **tso},
        {**LRS, "exp_type": "mir_lrs-slitless", "subarray": "slitlessprism", **tso},
    )  # fmt: skip


def test_time_series_in_a_group_candidate_is_not_written(tmp_path: Path) -> None:
    files = _same(
        tmp_path,
        {**NRC_TSGRISM, "asn_candidate": GROUP},
        {**NRC_TSGRISM, "obs_num": "2", "asn_candidate": GROUP_OTHER},
    )
    assert _products(files, "Asn_Lv3TSO") == [
        ("jw99009-o001_t001_nircam_f444w-grismr-subgrism64", [(1, "calints", "science")]),
        ("jw99009-o002_t001_nircam_f444w-grismr-subgrism64", [(2, "calints", "science")]),
    ]


def test_miri_mrs_and_its_backgrounds(tmp_path: Path) -> None:
    files = _same(
        tmp_path,
        _acquisition(MRS, "mir_tacq"),
        MRS,
        {**MRS, "detector": "mirifulong", "subarray": "sub128"},
        {**MRS, "bkgdtarg": "t", "targetid": "2"},
        {**MRS, "bkgdtarg": "y", "targetid": "2"},
        {**MRS, "bkgdtarg": "t", "targetid": "3"},
    )
    assert _products(files, "Asn_Lv3MIRMRS")[0][0] == "jw99009-o001_t001_miri"


def test_nirspec_fixed_slit_s200a_joins_every_slit(tmp_path: Path) -> None:
    files = _same(
        tmp_path,
        NRS_FS,
        {**NRS_FS, "fxd_slit": "s200a1"},
        {**NRS_FS, "fxd_slit": "s200a2"},
        {**NRS_FS, "fxd_slit": "s400a1"},
        {**NRS_FS, "exp_type": "nrs_autoflat", "pntgtype": "engineering"},
        {**NRS_FS, "exp_type": "nrs_autowave", "pntgtype": "engineering", "fxd_slit": "s400a1"},
        {**NRS_FS, "bkgdtarg": "t", "targetid": "2"},
        {**NRS_FS, "bkgdtarg": "t", "targetid": "2", "detector": "nrs2"},
        {**NRS_FS, "detector": "nrs2"},
        {**NRS_FS, "fxd_slit": "s200b1", "detector": "nrs2"},
    )
    names = [name for name, _ in _products(files, "Asn_Lv3NRSFSS")]
    assert "jw99009-o001_t001-{source_id}_nirspec_f100lp-g140m-{slit_name}" in names
    assert [name for name, _ in _products(files, "Asn_Lv3SpecAux")] == [
        "jw99009-o001_t002_nirspec_f100lp-g140m-s1600a1"
    ]


def test_nirspec_ifu_pattern_type_and_backgrounds(tmp_path: Path) -> None:
    dither = {"patttype": "4-point-dither"}
    files = _same(
        tmp_path,
        {**NRS_IFU, **dither},
        {**NRS_IFU, **dither, "detector": "nrs2"},
        {**NRS_IFU, **dither, "filter": "f100lp", "grating": "g140h", "detector": "nrs2"},
        {**NRS_IFU, "patttype": "2-point-nod"},
        {**NRS_IFU},
        {**NRS_IFU, **dither, "exp_type": "nrs_autowave", "pntgtype": "engineering"},
        {**NRS_IFU, **dither, "bkgdtarg": "t", "targetid": "2"},
        {**NRS_IFU, **dither, "bkgdtarg": "t", "targetid": "2", "detector": "nrs2"},
        {**NRS_IFU, **dither, "bkgdtarg": "t", "targetid": "2", "grating": "g140m",
         "filter": "f070lp", "detector": "nrs2"},
    )  # fmt: skip
    assert [name for name, _ in _products(files, "Asn_Lv3NRSIFUBackground")] == [
        "jw99009-o001_t002_nirspec_g235h"
    ]


def test_nirspec_msa_sources(tmp_path: Path) -> None:
    files = _same(
        tmp_path,
        _acquisition(NRS_MSA, "nrs_msata"),
        NRS_MSA,
        {**NRS_MSA, "msametfl": "jw99009001001_02_msa.fits"},
        {**NRS_MSA, "msametfl": "null"},
        {**NRS_MSA, "exp_type": "nrs_autoflat", "pntgtype": "engineering", "msametfl": "null"},
        {**NRS_MSA, "targetid": "2"},
        {**NRS_MSA, "bkgdtarg": "t", "targetid": "3"},
        {**NRS_MSA, "grating": "g235m", "filter": "f170lp"},
    )
    assert [name for name, _ in _products(files, "Asn_Lv3SpectralSource")] == [
        "jw99009-o001_{source_id}_nirspec_f170lp-g235m",
        "jw99009-o001_{source_id}_nirspec_f100lp-g140m",
    ]


def test_nodded_lrs_gets_x1d_backgrounds(tmp_path: Path) -> None:
    nod = {"patttype": "along-slit-nod"}
    files = _same(
        tmp_path,
        _acquisition(LRS, "mir_tacq"),
        {**LRS, **nod},
        {**LRS, **nod},
        {**LRS, **nod, "targetid": "2"},
        {**LRS, **nod, "bkgdtarg": "t", "targetid": "3"},
        {**LRS, "patttype": "none"},
    )
    assert _products(files, "Asn_Lv3SpectralTarget")[-1] == (
        "jw99009-o001_t001_miri_p750l",
        [(2, "cal", "science"), (3, "cal", "science"), (5, "x1d", "background"),
         (1, "cal", "target_acquisition"), (2, "x1d", "background"), (3, "x1d", "background")],
    )  # fmt: skip


def test_single_nodded_exposure_and_soss(tmp_path: Path) -> None:
    _same(
        tmp_path,
        {**LRS, "patttype": "2-point-nod"},
        {**LRS, "patttype": "2-POINT-NOD", "filter": "p750l", "obs_num": "2",
         "asn_candidate": "[('o002', 'observation')]"},
        {**LRS, "patttype": "2-POINT-NOD", "obs_num": "2",
         "asn_candidate": "[('o002', 'observation')]"},
        {**SOSS, "patttype": "4-point-nod"},
        {**SOSS, "patttype": "4-point-nod"},
        SOSS,
        {**SOSS, "filter": "f277w"},
        {**SOSS, "patttype": "none"},
    )  # fmt: skip


def test_slit_s200a_rows_before_the_first_pinned_slit(tmp_path: Path) -> None:
    _same(
        tmp_path,
        {**NRS_FS, "fxd_slit": "s200a1"},
        NRS_FS,
        {**NRS_FS, "fxd_slit": "s400a1"},
        {**NRS_FS, "fxd_slit": "s200a2"},
        {**NRS_FS, "fxd_slit": "null"},
        {**NRS_FS, "fxd_slit": "s400a1", "bkgdtarg": "t", "targetid": "2"},
    )


def test_acquisition_pins_an_unset_optical_element(tmp_path: Path) -> None:
    files = _same(
        tmp_path,
        MIR_CORON,
        {**MIR_CORON, "obs_num": "2", "is_psf": "t", "asn_candidate": GROUP_OTHER},
        {**_acquisition(MIR_CORON, "mir_tacq"), "pupil": "clear", "fxd_slit": "s1"},
        {**LRS, "patttype": "2-point-nod"},
        {**LRS, "patttype": "2-point-nod"},
        {**_acquisition(LRS, "mir_tacq"), "grating": "g1"},
    )
    assert [name for name, _ in _products(files, "Asn_Lv3MIRCoron")] == [
        "jw99009-a3001_t001_miri_clear-f1065c-s1-mask1065",
        "jw99009-c1000_t001_miri_clear-f1065c-s1-mask1065",
    ]
    assert [name for name, _ in _products(files, "Asn_Lv3SpectralTarget")] == [
        "jw99009-o001_t001_miri_g1-p750l"
    ]


def test_single_observation_group_candidates(tmp_path: Path) -> None:
    group_only = {"asn_candidate": "[('c1000', 'group')]"}
    nod = {"patttype": "2-point-nod"}
    files = _same(
        tmp_path,
        {**LRS, **nod, **group_only},
        {**LRS, **nod, **group_only, "exposerr": "ramp fitting failed"},
        {**AMI, **group_only},
        {**AMI, **group_only, "is_psf": "t"},
    )
    assert _products(files, "Asn_Lv3SpectralTarget") == [
        ("jw99009-c1000_t001_miri_p750l",
         [(1, "cal", "science"), (2, "cal", "science"),
          (1, "x1d", "background"), (2, "x1d", "background")]),
    ]  # fmt: skip
    assert [name for name, _ in _products(files, "Asn_Lv3AMI")] == [
        "jw99009-a3001_t001_niriss_f480m-nrm-sub80"
    ]


def test_discovered_associations_across_observations(tmp_path: Path) -> None:
    second = {"obs_num": "2", "asn_candidate": "[('o002', 'observation')]"}
    _same(
        tmp_path,
        MRS,
        {**MRS, **second},
        {**MRS, "bkgdtarg": "t", "targetid": "2", **second},
        {**NRC_CORON, "asn_candidate": OBSERVATION},
        {**NRC_CORON, "is_psf": "t", **second},
        {**NRS_FS, "fxd_slit": "s200a1"},
        {**NRS_FS, **second},
        {**NRC_TSGRISM},
        {**NRC_TSGRISM, **second},
    )


def test_psfs_join_every_target_of_their_candidate(tmp_path: Path) -> None:
    psf = {
        **MIR_CORON,
        "is_psf": "t",
        "obs_num": "2",
        "targetid": "9",
        "asn_candidate": GROUP_OTHER,
    }
    third = "[('c1000', 'group'), ('o003', 'observation')]"
    files = _same(
        tmp_path,
        psf,
        MIR_CORON,
        {**MIR_CORON, "targetid": "2"},
        psf,
        {**MIR_CORON, "targetid": "2", "obs_num": "3", "asn_candidate": third},
    )
    assert [name for name, _ in _products(files, "Asn_Lv3MIRCoron")] == [
        "jw99009-c1000_t002_miri_f1065c-mask1065",
        "jw99009-c1000_t001_miri_f1065c-mask1065",
    ]


def test_mrs_backgrounds_join_every_target(tmp_path: Path) -> None:
    background = "[('c1000', 'background'), ('o001', 'observation')]"
    other = {"obs_num": "2", "asn_candidate": "[('c1000', 'background'), ('o002', 'observation')]"}
    _same(
        tmp_path,
        {**MRS, "bkgdtarg": "t", "targetid": "3"},
        MRS,
        {**MRS, "targetid": "2"},
        {**MRS, "bkgdtarg": "t", "targetid": "4"},
        {**MRS, "bkgdtarg": "t", "targetid": "4", **other},
        {**MRS, "asn_candidate": background},
    )
