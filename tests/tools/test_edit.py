"""``asnfp edit`` compared with the reference's ``asn_edit``."""

from __future__ import annotations

import json
import shutil
import warnings
from pathlib import Path
from typing import Any

import pytest

from asnfp.tools.edit import add_members, remove_members
from tools.helpers import assert_clean_failure, files_in, run, run_reference_script

DOCUMENT: dict[str, Any] = {
    "asn_type": "image2",
    "asn_rule": "candidate_Asn_Lv2Image",
    "version_id": None,
    "code_version": "3.0.0",
    "asn_id": "o001",
    "asn_pool": "jw00001_pool.csv",
    "custom_key": {"kept": [1, 2]},
    "products": [
        {
            "name": "jw00001_a",
            "members": [
                {"expname": "jw00001_a_rate.fits", "exptype": "science", "exposerr": None,
                 "asn_candidate": "('o001', 'observation')"},
                {"expname": "bg_rate.fits", "exptype": "background", "note": "extra"},
            ],
        },
        {
            "name": "jw00001_b",
            "members": [{"expname": "jw00001_b_rate.fits", "exptype": "science"}],
        },
    ],
}

SAME_AS_REFERENCE: dict[str, tuple[list[str], list[str]]] = {
    "add": (["-a"], ["new_cal.fits"]),
    "add_typed_with_path": (["-a", "-t", "background"], ["some/dir/bg2_x1d.fits", "third.fits"]),
    "remove": (["-r"], ["bg_rate.fits"]),
    "remove_emptying_a_product": (["-r"], ["jw00001_b_rate.fits"]),
    "remove_ignoring_suffix": (["-r", "-i"], ["jw00001_a_cal.fits", "bg_x1d.fits"]),
    "remove_all": (["-r"], ["jw00001_a_rate.fits", "bg_rate.fits", "jw00001_b_rate.fits"]),
    "rewrite_only": ([], ["whatever.fits"]),
    "output": (["-o", "{out}", "-a"], ["n.fits"]),
}


def _write(folder: Path, name: str = "jw00001-o001_image2_00001_asn.json") -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_text(json.dumps(DOCUMENT, indent=2))
    return path


@pytest.mark.parametrize("case", sorted(SAME_AS_REFERENCE))
def test_edit_writes_the_reference_file(
    case: str, tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    results = {}
    for who in ("reference", "asnfp"):
        folder = tmp_path / who
        asn = _write(folder)
        out = folder / "out.json"
        options, names = SAME_AS_REFERENCE[case]
        args = [*(a.replace("{out}", str(out)) for a in options), str(asn), *names]
        if who == "reference":
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")
                run_reference_script(monkeypatch, "asn_edit", *args)
        else:
            status, _, err = run(capsys, "edit", *args)
            assert status == 0, err
        results[who] = files_in(folder)
    assert results["asnfp"] == results["reference"]


def test_edit_keeps_a_corpus_file_byte_for_byte(
    corpus_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    originals = sorted((corpus_dir / "expected").glob("*/*_asn.json"))
    if not originals:
        pytest.skip("the corpus is absent")
    asn = tmp_path / originals[0].name
    shutil.copyfile(originals[0], asn)
    status, _, _ = run(capsys, "edit", str(asn), "x.fits")
    assert status == 0
    assert asn.read_bytes() == originals[0].read_bytes()


def test_removing_a_file_that_is_no_member_changes_nothing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    asn = _write(tmp_path)
    before = files_in(tmp_path)
    status, _, err = run(capsys, "edit", "-r", str(asn), "bg_rate.fits", "ghost.fits")
    assert_clean_failure(status, err, str(asn), "ghost.fits")
    assert "bg_rate.fits" not in err
    assert files_in(tmp_path) == before


def test_adding_a_member_twice_changes_nothing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    asn = _write(tmp_path)
    before = files_in(tmp_path)
    status, _, err = run(capsys, "edit", "-a", str(asn), "elsewhere/bg_rate.fits")
    assert_clean_failure(status, err, "bg_rate.fits")
    status, _, err = run(capsys, "edit", "-a", str(asn), "n.fits", "other/n.fits")
    assert_clean_failure(status, err, "n.fits")
    assert files_in(tmp_path) == before


def test_pure_edits_leave_their_input_alone() -> None:
    snapshot = json.dumps(DOCUMENT)
    added = add_members(DOCUMENT, ["z.fits"], "science").unwrap()
    removed = remove_members(DOCUMENT, ["bg_rate.fits"]).unwrap()
    assert json.dumps(DOCUMENT) == snapshot
    assert [m["expname"] for m in added["products"][1]["members"]] == [
        "jw00001_b_rate.fits", "z.fits"]
    assert [m["expname"] for m in removed["products"][0]["members"]] == ["jw00001_a_rate.fits"]


BAD = {
    "missing": (None, "cannot read"),
    "malformed": ('{"products": [', "not JSON"),
    "wrong_schema": ('{"asn_type": "image2"}', "products"),
    "not_an_object": ("[1, 2]", "object"),
    "member_not_object": ('{"products": [{"name": "p", "members": ["a"]}]}', "members[0]"),
}


@pytest.mark.parametrize("case", sorted(BAD))
def test_bad_association_fails_cleanly(
    case: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    text, reason = BAD[case]
    asn = tmp_path / "a_asn.json"
    if text is not None:
        asn.write_text(text)
    before = files_in(tmp_path)
    for mode in ("-a", "-r"):
        status, _, err = run(capsys, "edit", mode, str(asn), "x.fits")
        assert_clean_failure(status, err, str(asn), reason)
    assert files_in(tmp_path) == before


def test_non_json_names_fail_cleanly(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    asn = _write(tmp_path, "a_asn.yaml")
    status, _, err = run(capsys, "edit", "-a", str(asn), "x.fits")
    assert_clean_failure(status, err, str(asn), ".json")
    asn = _write(tmp_path)
    out = tmp_path / "out.txt"
    status, _, err = run(capsys, "edit", "-a", "-o", str(out), str(asn), "x.fits")
    assert_clean_failure(status, err, str(out), ".json")
    assert not out.exists()
