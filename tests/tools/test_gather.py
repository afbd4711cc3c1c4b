"""``asnfp gather`` compared with the reference's ``asn_gather``, and kept inside DEST."""

from __future__ import annotations

import json
import warnings
from pathlib import Path
from typing import Any

import pytest

from tools.helpers import as_reference, assert_clean_failure, files_in, run, run_reference_script

NAME = "jw00001-o001_image3_00001_asn.json"


def _document(members: list[tuple[str, str]], **top: Any) -> dict[str, Any]:
    head = {"asn_type": "image3", "asn_rule": "candidate_Asn_Lv3Image", "version_id": None,
            "code_version": "3.0.0", "asn_id": "o001", "asn_pool": "pool.csv"}
    return {
        **(top if top else head),
        "products": [
            {"name": "first", "members": [{"expname": e, "exptype": t} for e, t in members],
             "extra": "dropped"},
            {"name": "second", "members": [{"expname": "bg_cal.fits", "exptype": "background",
                                            "exposerr": None}]},
        ],
    }


def _source(root: Path, document: dict[str, Any], files: list[str]) -> Path:
    """A source folder holding the association and the named member files."""
    src = root / "src"
    src.mkdir(parents=True)
    for name in files:
        path = src / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(f"data of {name}\n")
    asn = src / NAME
    asn.write_text(json.dumps(document))
    return asn


MEMBERS = [("a_cal.fits", "science"), ("b_cal.fits", "science"), ("bg_cal.fits", "background")]
FILES = ["a_cal.fits", "b_cal.fits", "bg_cal.fits"]

SAME_AS_REFERENCE: dict[str, tuple[list[str], dict[str, Any]]] = {
    "all": ([], _document(MEMBERS)),
    "only_science": (["-t", "science"], _document(MEMBERS)),
    "exclude_background": (["-x", "background"], _document(MEMBERS)),
    "two_types": (["-t", "science", "-t", "background"], _document(MEMBERS)),
    "without_base_keys": ([], _document(MEMBERS, asn_pool="p", zeta=1)),
    "dot_names": ([], _document([("./a_cal.fits", "science"), ("b_cal.fits", "science")])),
}


@pytest.mark.parametrize("case", sorted(SAME_AS_REFERENCE))
def test_gather_matches_the_reference(
    case: str, tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    options, document = SAME_AS_REFERENCE[case]
    results = {}
    for who in ("reference", "asnfp"):
        asn = _source(tmp_path / who, document, FILES)
        dest = tmp_path / who / "dest"
        dest.mkdir()
        args = [str(asn), str(dest), *options]
        if who == "reference":
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")
                # rsync, the reference's default, may be absent; cp copies the same bytes.
                run_reference_script(monkeypatch, "asn_gather", *args, "-c", "cp")
        else:
            status, _, err = run(capsys, "gather", *args)
            assert status == 0, err
        results[who] = files_in(dest)
    ours = {name: data.decode() for name, data in results["asnfp"].items()}
    ours[NAME] = as_reference(ours[NAME])
    assert ours == {name: data.decode() for name, data in results["reference"].items()}


def test_source_folder_option(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    asn = _source(tmp_path, _document(MEMBERS), [])
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    for name in FILES:
        (elsewhere / name).write_text(name)
    dest = tmp_path / "dest"
    dest.mkdir()
    status, _, err = run(capsys, "gather", str(asn), str(dest), "-s", str(elsewhere))
    assert status == 0, err
    assert sorted(files_in(dest)) == sorted([*FILES, NAME])


def _outside(tmp_path: Path, dest: Path) -> dict[str, bytes]:
    """Every file under ``tmp_path`` that is not inside ``dest``."""
    return {k: v for k, v in files_in(tmp_path).items() if not k.startswith(dest.name + "/")}


def test_hostile_names_stay_inside_dest(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    secret = tmp_path / "abs" / "passwd"
    secret.parent.mkdir()
    secret.write_text("outside\n")
    up = tmp_path / "up" / "x_cal.fits"
    up.parent.mkdir()
    up.write_text("up\n")
    members = [("../up/x_cal.fits", "science"), (str(secret), "science"),
               ("bg_cal.fits", "background")]
    asn = _source(tmp_path, _document(members), ["bg_cal.fits"])
    dest = tmp_path / "dest"
    dest.mkdir()
    # A link in DEST named like a member must be replaced, not written through.
    (dest / "x_cal.fits").symlink_to(secret)
    before = _outside(tmp_path, dest)
    status, _, err = run(capsys, "gather", str(asn), str(dest))
    assert status == 0, err
    assert _outside(tmp_path, dest) == before
    assert sorted(p.name for p in dest.iterdir()) == sorted(
        ["x_cal.fits", "passwd", "bg_cal.fits", NAME])
    assert not (dest / "x_cal.fits").is_symlink()
    assert (dest / "x_cal.fits").read_text() == "up\n"
    written = json.loads((dest / NAME).read_text())
    assert [m["expname"] for p in written["products"] for m in p["members"]] == [
        "x_cal.fits", "passwd", "bg_cal.fits", "bg_cal.fits"]


@pytest.mark.parametrize("expname", ["..", "sub/..", ".", "", "/"])
def test_names_that_are_no_file_are_refused(
    expname: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    asn = _source(tmp_path, _document([(expname, "science")]), ["bg_cal.fits"])
    dest = tmp_path / "dest"
    dest.mkdir()
    before = files_in(tmp_path)
    status, _, err = run(capsys, "gather", str(asn), str(dest))
    assert_clean_failure(status, err, str(asn), "does not name a file")
    assert files_in(tmp_path) == before


def test_two_files_with_one_name_are_refused(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    members = [("one/a_cal.fits", "science"), ("two/a_cal.fits", "science")]
    asn = _source(tmp_path, _document(members), ["one/a_cal.fits", "two/a_cal.fits",
                                                  "bg_cal.fits"])
    dest = tmp_path / "dest"
    dest.mkdir()
    status, _, err = run(capsys, "gather", str(asn), str(dest))
    assert_clean_failure(status, err, "a_cal.fits")
    assert list(dest.iterdir()) == []


def test_gathering_into_the_source_folder_keeps_the_files(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    asn = _source(tmp_path, _document(MEMBERS), FILES)
    status, _, err = run(capsys, "gather", str(asn), str(asn.parent))
    assert status == 0, err
    assert (asn.parent / "a_cal.fits").read_text() == "data of a_cal.fits\n"
    assert [p.name for p in asn.parent.iterdir() if p.name.startswith(".")] == []


def test_copy_command_option(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    asn = _source(tmp_path, _document(MEMBERS), FILES)
    dest = tmp_path / "dest"
    dest.mkdir()
    status, _, err = run(capsys, "gather", str(asn), str(dest), "-c", "cp -p")
    assert status == 0, err
    assert (dest / "b_cal.fits").read_text() == "data of b_cal.fits\n"
    status, _, err = run(capsys, "gather", str(asn), str(dest), "-c", "false")
    assert_clean_failure(status, err, "a_cal.fits", "copy command")
    assert [p.name for p in dest.iterdir() if p.name.startswith(".")] == []


BAD: dict[str, tuple[str | None, str]] = {
    "missing": (None, "cannot read"),
    "malformed": ('{"products": [', "not JSON"),
    "wrong_schema": ('{"products": [{"name": "p"}]}', "members"),
}


@pytest.mark.parametrize("case", sorted(BAD))
def test_bad_association_fails_cleanly(
    case: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    text, reason = BAD[case]
    asn = tmp_path / NAME
    if text is not None:
        asn.write_text(text)
    dest = tmp_path / "dest"
    dest.mkdir()
    status, _, err = run(capsys, "gather", str(asn), str(dest))
    assert_clean_failure(status, err, str(asn), reason)
    assert list(dest.iterdir()) == []


def test_missing_members_and_dest_fail_before_any_copy(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    asn = _source(tmp_path, _document(MEMBERS), ["a_cal.fits"])
    dest = tmp_path / "dest"
    status, _, err = run(capsys, "gather", str(asn), str(dest))
    assert_clean_failure(status, err, str(dest))
    dest.mkdir()
    status, _, err = run(capsys, "gather", str(asn), str(dest))
    assert_clean_failure(status, err, "b_cal.fits", "bg_cal.fits")
    assert list(dest.iterdir()) == []
    status, _, err = run(capsys, "gather", str(asn), str(dest), "-t", "imprint")
    assert_clean_failure(status, err, "no member selected")
