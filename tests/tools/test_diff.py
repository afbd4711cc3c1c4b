"""``asnfp diff`` compared with the reference's ``lib.diff.compare_asn_files``."""

from __future__ import annotations

import copy
import itertools
import json
from pathlib import Path
from typing import Any

import pytest

from asnfp.tools.diff import REFERENCE_NAMES, association_files, compare_paths
from tools.helpers import assert_clean_failure, run


def _member(name: str, kind: str = "science") -> dict[str, str]:
    return {"expname": name, "exptype": kind}


LEVEL3: dict[str, Any] = {
    "asn_type": "image3", "asn_rule": "candidate_Asn_Lv3Image", "version_id": None,
    "code_version": "3.0.0", "asn_id": "o001", "target": "t001", "asn_pool": "pool.csv",
    "products": [{"name": "jw00001-o001_t001_nircam_clear-f200w",
                  "members": [_member("a_cal.fits"), _member("b_cal.fits"),
                              _member("c_cal.fits")]}],
}
LEVEL2: dict[str, Any] = {
    "asn_type": "image2", "asn_rule": "candidate_Asn_Lv2Image", "asn_id": "o001",
    "asn_pool": "pool.csv",
    "products": [
        {"name": "a", "members": [_member("a_rate.fits"), _member("bg.fits", "background")]},
        {"name": "b", "members": [_member("b_rate.fits")]},
    ],
}


def _with(document: dict[str, Any], **changes: Any) -> dict[str, Any]:
    changed = copy.deepcopy(document)
    changed.update(changes)
    return changed


def _members(document: dict[str, Any], members: list[dict[str, str]], product: int = 0
             ) -> dict[str, Any]:
    changed = copy.deepcopy(document)
    changed["products"][product]["members"] = members
    return changed


A, B, C = _member("a_cal.fits"), _member("b_cal.fits"), _member("c_cal.fits")
Sides = tuple[list[dict[str, Any]], list[dict[str, Any]]]
CASES: dict[str, Sides] = {
    "equal": ([LEVEL3, LEVEL2], [LEVEL3, LEVEL2]),
    "reordered_members": ([LEVEL3], [_members(LEVEL3, [C, A, B])]),
    "reordered_products": ([LEVEL2], [_with(LEVEL2, products=LEVEL2["products"][::-1])]),
    "reordered_files": ([LEVEL3, LEVEL2], [LEVEL2, LEVEL3]),
    "suffix_only": ([LEVEL3], [_members(LEVEL3, [_member("a_i2d.fits"), B, C])]),
    "missing_member": ([LEVEL3], [_members(LEVEL3, [A, B])]),
    "extra_member": ([LEVEL3], [_members(LEVEL3, [A, B, C, _member("d_cal.fits")])]),
    "duplicated_member": ([LEVEL3], [_members(LEVEL3, [A, B, C, B])]),
    "duplicated_both_sides": ([_members(LEVEL3, [A, A, B])], [_members(LEVEL3, [A, B, B])]),
    "replaced_member": ([LEVEL3], [_members(LEVEL3, [A, B, _member("z_cal.fits")])]),
    "member_type": ([LEVEL3], [_members(LEVEL3, [A, B, _member("c_cal.fits", "psf")])]),
    "asn_type": ([LEVEL3], [_with(LEVEL3, asn_type="coron3")]),
    "candidate_level": ([LEVEL3], [_with(LEVEL3, asn_id="c1000")]),
    "product_sets": ([LEVEL3, LEVEL2], [LEVEL3]),
    "duplicate_product": ([LEVEL3, _with(LEVEL3, asn_id="c1000")], [LEVEL3]),
    "duplicate_product_differing": (
        [LEVEL3, _members(_with(LEVEL3, asn_id="c1000"), [A])], [LEVEL3]),
    "duplicate_product_suffixes": (
        [LEVEL3, _members(_with(LEVEL3, asn_id="c1000"),
                          [_member("a_calints.fits"), _member("b_calints.fits"),
                           _member("c_calints.fits")])], [LEVEL3]),
    "many": ([LEVEL3, LEVEL2],
             [_members(_with(LEVEL3, asn_type="spec3"), [A, A]),
              _members(_with(LEVEL2, asn_id="c1"), [_member("b_rate.fits", "background")], 1)]),
}


def _write(folder: Path, documents: list[dict[str, Any]]) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for i, document in enumerate(documents):
        path = folder / f"asn{i}_asn.json"
        path.write_text(json.dumps(document))
        paths.append(path)
    return paths


def _reference_kinds(left: list[Path], right: list[Path]) -> list[str]:
    pytest.importorskip("jwst.associations")
    from jwst.associations.lib.diff import MultiDiffError, compare_asn_files

    try:
        compare_asn_files(left, right)
    except MultiDiffError as diffs:
        return [type(d).__name__ for d in diffs]
    return []


@pytest.mark.parametrize("case", sorted(CASES))
def test_diff_finds_what_the_reference_finds(case: str, tmp_path: Path) -> None:
    left_docs, right_docs = CASES[case]
    left = _write(tmp_path / "left", left_docs)
    right = _write(tmp_path / "right", right_docs)
    want = _reference_kinds(left, right)
    got = compare_paths(tmp_path / "left", tmp_path / "right").unwrap()
    assert [REFERENCE_NAMES[d.kind] for d in got] == want
    if case.startswith(("equal", "reordered", "suffix")):
        assert got == ()
    else:
        assert got


def test_corpus_folders_against_the_reference(corpus_dir: Path) -> None:
    folders = [p for p in (corpus_dir / "expected").iterdir() if p.is_dir()]
    # The smallest cases: the reference reads every file slowly.
    cases = sorted(folders, key=lambda p: (len(association_files(p)), p.name))[:4]
    if len(cases) < 2:
        pytest.skip("the corpus is absent")
    for left, right in [(c, c) for c in cases] + list(itertools.pairwise(cases)):
        want = _reference_kinds(list(association_files(left)), list(association_files(right)))
        got = compare_paths(left, right).unwrap()
        assert [REFERENCE_NAMES[d.kind] for d in got] == want, (left.name, right.name)
        assert bool(got) == (left != right)


def test_diff_command_statuses_and_report(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (same,) = _write(tmp_path / "same", [LEVEL3])
    (other,) = _write(tmp_path / "other", [_members(LEVEL3, [A, B, _member("z_cal.fits")])])
    status, out, _ = run(capsys, "diff", str(same), str(same))
    assert (status, out) == (0, "no differences\n")
    status, out, _ = run(capsys, "diff", str(tmp_path / "same"), str(tmp_path / "other"))
    assert status == 1
    assert "only on the left: c_cal.fits (science)" in out
    assert "only on the right: z_cal.fits (science)" in out
    status, out, _ = run(capsys, "diff", "-q", str(same), str(other))
    assert (status, out) == (1, "")
    status, out, _ = run(capsys, "diff", "--strict-expname", str(same),
                         str(_write(tmp_path / "s", [_members(LEVEL3, [
                             _member("a_i2d.fits"), B, C])])[0]))
    assert status == 1


def test_diff_bad_input_exits_2(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (good,) = _write(tmp_path / "good", [LEVEL3])
    malformed = tmp_path / "malformed.json"
    malformed.write_text('{"products": [')
    wrong = tmp_path / "wrong.json"
    wrong.write_text('{"asn_type": "image3"}')
    empty = tmp_path / "empty"
    empty.mkdir()
    for bad in (tmp_path / "missing.json", malformed, wrong, empty):
        for argv in ((str(good), str(bad)), (str(bad), str(good))):
            status, _, err = run(capsys, "diff", *argv)
            assert_clean_failure(status, err, str(bad), code=2)
