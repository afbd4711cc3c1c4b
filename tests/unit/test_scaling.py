"""Tests for asnfp.scaling: scaled pools keep their ids consistent and distinct."""

from __future__ import annotations

import re
from pathlib import Path

import polars as pl
import pytest

from asnfp.scaling import (
    COPIES_PER_PROGRAM,
    OBS_SHIFT,
    corpus_pool,
    read_pool_strings,
    scale_pool,
    scale_pool_file,
    synthetic_pool,
)

_IDS = re.compile(r"'([oc]\d+)'")
_EMBEDDED_OBS = {
    "obs_id": r"^v\d{5}(\d{3})\d{3}p",
    "visit_id": r"^\d{5}(\d{3})\d{3}$",
    "filename": r"^jw\d{5}(\d{3})\d{3}_",
}


@pytest.fixture(scope="module")
def mega() -> pl.DataFrame:
    """The mega_pool corpus pool as all-string columns."""
    return read_pool_strings(corpus_pool("mega_pool"))


def _copy(scaled: pl.DataFrame, height: int, k: int) -> pl.DataFrame:
    """Rows of copy ``k`` in a scaled pool."""
    return scaled.slice(k * height, height)


def _candidate_ids(frame: pl.DataFrame) -> set[str]:
    """Distinct ``o###``/``c####`` ids named in ``asn_candidate``."""
    cells: list[str] = frame.get_column("asn_candidate").drop_nulls().to_list()
    return {found for cell in cells for found in _IDS.findall(cell)}


def _shifted(value: str, shift: int) -> str:
    """Reference shift of one candidate id, e.g. ``o001`` by 250 is ``o251``."""
    return value[0] + str(int(value[1:]) + shift).zfill(len(value) - 1)


@pytest.mark.parametrize("factor", [1, 2, 4, 5, 9])
def test_row_count_and_columns(mega: pl.DataFrame, factor: int) -> None:
    scaled = scale_pool(mega, factor)
    assert scaled.height == factor * mega.height
    assert scaled.columns == mega.columns
    assert all(dtype == pl.String for dtype in scaled.dtypes)


def test_copy_zero_is_original(mega: pl.DataFrame) -> None:
    assert _copy(scale_pool(mega, 3), mega.height, 0).equals(mega)


def test_file_names_unique_per_copy(mega: pl.DataFrame) -> None:
    factor = 6
    scaled = scale_pool(mega, factor)
    assert (
        scaled.get_column("filename").n_unique() == factor * mega.get_column("filename").n_unique()
    )
    copy = _copy(scaled, mega.height, 5)
    originals = mega.get_column("filename").to_list()
    for before, after in zip(originals, copy.get_column("filename").to_list(), strict=True):
        if before.endswith("_uncal.fits"):
            assert after.startswith("jw")
            assert after.endswith("_k5_uncal.fits")


def test_observations_and_candidates_shift(mega: pl.DataFrame) -> None:
    scaled = scale_pool(mega, COPIES_PER_PROGRAM)
    for k in range(1, COPIES_PER_PROGRAM):
        copy = _copy(scaled, mega.height, k)
        shift = OBS_SHIFT * k
        assert copy.get_column("program").to_list() == mega.get_column("program").to_list()
        for before, after in zip(
            mega.get_column("obs_num").to_list(), copy.get_column("obs_num").to_list(), strict=True
        ):
            expected = str(int(before) + shift) if before.isdigit() else before
            assert after == expected
        assert _candidate_ids(copy) == {_shifted(v, shift) for v in _candidate_ids(mega)}


def test_candidate_ids_keep_width(mega: pl.DataFrame) -> None:
    ids = _candidate_ids(scale_pool(mega, COPIES_PER_PROGRAM))
    assert all(re.fullmatch(r"o\d{3}|c\d{4}", found) for found in ids)


def test_four_copies_ids_never_substrings(mega: pl.DataFrame) -> None:
    ids = sorted(_candidate_ids(scale_pool(mega, COPIES_PER_PROGRAM)))
    assert len(ids) == COPIES_PER_PROGRAM * len(_candidate_ids(mega))
    clashes = [(a, b) for a in ids for b in ids if a != b and a in b]
    assert clashes == []


def test_embedded_observations_follow_obs_num(mega: pl.DataFrame) -> None:
    scaled = scale_pool(mega, 7)
    for k in (1, 3, 4, 6):
        copy = _copy(scaled, mega.height, k)
        shift = OBS_SHIFT * (k % COPIES_PER_PROGRAM)
        for column, pattern in _EMBEDDED_OBS.items():
            before = mega.select(pl.col(column).str.extract(pattern, 1).cast(pl.Int64))
            after = copy.select(pl.col(column).str.extract(pattern, 1).cast(pl.Int64))
            assert (after.to_series() - before.to_series()).drop_nulls().unique().to_list() in (
                [shift],
                [],
            ), column


def test_later_copies_move_to_new_programs(mega: pl.DataFrame) -> None:
    scaled = scale_pool(mega, 2 * COPIES_PER_PROGRAM + 1)
    originals = set(mega.get_column("program").to_list())
    seen: list[set[str]] = []
    for k in (4, 8):
        copy = _copy(scaled, mega.height, k)
        numeric = {p for p in copy.get_column("program").to_list() if p.isdigit()}
        assert numeric.isdisjoint(originals)
        assert all(len(p) == 5 for p in numeric)
        assert copy.get_column("obs_num").to_list() == mega.get_column("obs_num").to_list()
        assert _candidate_ids(copy) == _candidate_ids(mega)
        seen.append(numeric)
    assert seen[0].isdisjoint(seen[1])
    fifth = _copy(scaled, mega.height, 5)
    assert _candidate_ids(fifth) == {_shifted(v, OBS_SHIFT) for v in _candidate_ids(mega)}


def test_embedded_programs_follow_program(mega: pl.DataFrame) -> None:
    copy = _copy(scale_pool(mega, 5), mega.height, 4)
    rows = copy.filter(pl.col("visit_id").str.contains(r"^\d{11}$")).select("program", "visit_id")
    original = mega.filter(pl.col("visit_id").str.contains(r"^\d{11}$")).select(
        "program", "visit_id"
    )
    same_before = original.select(
        pl.col("visit_id").str.slice(0, 5) == pl.col("program").str.zfill(5)
    )
    same_after = rows.select(pl.col("visit_id").str.slice(0, 5) == pl.col("program").str.zfill(5))
    assert same_before.to_series().to_list() == same_after.to_series().to_list()


def test_zero_padding_kept() -> None:
    pool = pl.DataFrame(
        {
            "filename": ["jw00009001001_02101_00001_nrca1_uncal.fits"],
            "program": ["00009"],
            "obs_num": ["001"],
            "asn_candidate": ["[('o001', 'observation'), ('c1000', 'mosaic')]"],
            "visit_id": ["00009001001"],
        }
    )
    row = scale_pool(pool, 6).row(5, named=True)
    assert row == {
        "filename": "jw20000251001_02101_00001_nrca1_k5_uncal.fits",
        "program": "20000",
        "obs_num": "251",
        "asn_candidate": "[('o251', 'observation'), ('c1250', 'mosaic')]",
        "visit_id": "20000251001",
    }


def test_rejects_ids_too_large_to_shift() -> None:
    pool = pl.DataFrame({"filename": ["jw_1_uncal.fits"], "obs_num": ["300"]})
    with pytest.raises(ValueError, match="not below 250"):
        scale_pool(pool, 2)
    with pytest.raises(ValueError, match="factor=0"):
        scale_pool(pool, 0)


def test_scale_pool_file_round_trip(tmp_path: Path) -> None:
    src = corpus_pool("pool_001_candidates")
    dst = tmp_path / "out" / "scaled.csv"
    scale_pool_file(src, dst, 3)
    text = dst.read_text()
    assert not text.startswith("#")
    assert text.splitlines()[0].split("|") == read_pool_strings(src).columns
    assert read_pool_strings(dst).equals(scale_pool(read_pool_strings(src), 3))


def test_synthetic_pool_size(mega: pl.DataFrame) -> None:
    rows = 3 * mega.height + 10
    pool = synthetic_pool(rows)
    assert pool.height == rows
    assert pool.columns == mega.columns
    assert pool.head(mega.height).equals(mega)
