"""Files staged in a hidden folder appear in the target folder together, or not at all."""

from __future__ import annotations

import os
from pathlib import Path

from asnfp.io import Staging


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

