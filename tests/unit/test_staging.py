"""Files staged in a hidden folder appear in the target folder together, or not at all."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from asnfp.io import Staging, _staging


@pytest.fixture(autouse=True, params=["relative to the folder", "by path"])
def _opening(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> None:
    """Every test both ways files can be opened: relative to the open staging folder
    (where the platform allows it) and by their whole path."""
    if request.param == "by path":
        monkeypatch.setattr(_staging, "_RELATIVE", False)


def _open(folder: Path) -> Staging:
    return Staging.open(folder).unwrap()


def test_nothing_appears_before_commit(tmp_path: Path) -> None:
    staging = _open(tmp_path)
    assert staging.add([("a.json", "{}"), ("b.json", "[]")]).unwrap() == 2
    assert sorted(p.name for p in tmp_path.iterdir() if not p.name.startswith(".")) == []
    assert staging.commit().unwrap() == 2
    assert sorted(os.listdir(tmp_path)) == ["a.json", "b.json"]
    assert (tmp_path / "b.json").read_text() == "[]"


def test_commit_replaces_files_and_keeps_the_last_text_of_a_name(tmp_path: Path) -> None:
    (tmp_path / "a.json").write_text("old")
    staging = _open(tmp_path)
    staging.add([("a.json", "first"), ("c.json", "é")]).unwrap()
    staging.add([("a.json", "second")]).unwrap()
    assert staging.commit().unwrap() == 2
    assert (tmp_path / "a.json").read_text() == "second"
    assert (tmp_path / "c.json").read_text(encoding="utf-8") == "é"
    assert sorted(os.listdir(tmp_path)) == ["a.json", "c.json"]


def test_a_bad_name_is_an_error_naming_it(tmp_path: Path) -> None:
    staging = _open(tmp_path)
    failure = staging.add([("ok.json", "{}"), ("../x.json", "{}")]).failure()
    assert failure.file.endswith("x.json")
    assert "not a plain file name" in failure.message
    staging.discard()
    assert os.listdir(tmp_path) == []


def test_discard_leaves_the_folder_as_it_was(tmp_path: Path) -> None:
    (tmp_path / "keep.json").write_text("1")
    staging = _open(tmp_path)
    staging.add([("keep.json", "2"), ("new.json", "3")]).unwrap()
    staging.discard()
    assert os.listdir(tmp_path) == ["keep.json"]
    assert (tmp_path / "keep.json").read_text() == "1"


def test_a_folder_that_cannot_be_written_is_an_error(tmp_path: Path) -> None:
    failure = Staging.open(tmp_path / "missing").failure()
    assert failure.file == str(tmp_path / "missing")
    assert "cannot write there" in failure.message



def test_an_empty_folder_is_replaced_by_the_staging_folder_in_one_rename(
    tmp_path: Path,
) -> None:
    out = tmp_path / "out"
    out.mkdir(mode=0o750)
    os.chmod(out, 0o750)
    staging = _open(out)
    staging.add([("a.json", "{}"), ("b.json", "[]")]).unwrap()
    # Staged beside the target, which stays empty until the commit.
    assert os.listdir(out) == []
    assert [p.name.startswith(".out.asnfp-staging") for p in tmp_path.iterdir()].count(True) == 1
    inode = out.stat().st_ino
    assert staging.commit().unwrap() == 2
    assert sorted(os.listdir(out)) == ["a.json", "b.json"]
    assert out.stat().st_ino != inode  # swapped, not moved file by file
    assert out.stat().st_mode & 0o777 == 0o750
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out"]


def test_a_file_arriving_meanwhile_is_kept_and_the_files_moved_one_by_one(
    tmp_path: Path,
) -> None:
    out = tmp_path / "out"
    out.mkdir()
    staging = _open(out)
    staging.add([("a.json", "new"), ("b.json", "[]")]).unwrap()
    (out / "a.json").write_text("meanwhile")
    (out / "z.json").write_text("other")
    assert staging.commit().unwrap() == 2
    assert sorted(os.listdir(out)) == ["a.json", "b.json", "z.json"]
    assert (out / "a.json").read_text() == "new"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out"]


def test_discarding_a_staging_folder_beside_the_target_leaves_nothing(tmp_path: Path) -> None:
    out = tmp_path / "out"
    out.mkdir()
    staging = _open(out)
    staging.add([("a.json", "{}")]).unwrap()
    staging.discard()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out"]
    assert os.listdir(out) == []


def test_a_linked_output_folder_stays_a_link_to_the_folder_with_the_files(
    tmp_path: Path,
) -> None:
    real = tmp_path / "real"
    real.mkdir()
    link = tmp_path / "link"
    link.symlink_to(real, target_is_directory=True)
    staging = _open(link)
    staging.add([("a.json", "{}")]).unwrap()
    assert staging.commit().unwrap() == 1
    assert link.is_symlink()
    assert os.listdir(real) == ["a.json"]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["link", "real"]


@pytest.mark.skipif(not hasattr(os, "geteuid") or os.geteuid() != 0, reason="needs chown")
def test_a_folder_of_another_group_receives_the_files_one_by_one(tmp_path: Path) -> None:
    out = tmp_path / "out"
    out.mkdir()
    os.chown(out, -1, 4321)
    staging = _open(out)
    staging.add([("a.json", "{}")]).unwrap()
    # Staged inside: a folder made beside it would not have its group.
    assert [p.name.startswith(".asnfp-staging") for p in out.iterdir()] == [True]
    inode = out.stat().st_ino
    assert staging.commit().unwrap() == 1
    assert out.stat().st_ino == inode
    assert out.stat().st_gid == 4321
    assert os.listdir(out) == ["a.json"]
