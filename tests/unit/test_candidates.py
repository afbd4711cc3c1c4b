"""Tests of ``asnfp.candidates``: the ``asn_candidate`` column read as the reference reads it."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import polars as pl
import pytest
from conformance.corpus import POOLS_DIR
from returns.result import Failure, Result

from asnfp import candidates
from asnfp.candidates import (
    CANDIDATES,
    Pair,
    parse_cell,
    rows_of_candidate,
    select_ids,
    with_candidates,
    work_list,
)
from asnfp.errors import PoolError, PoolReadError
from asnfp.pool import read_pool_file

# Cells the reference accepts, with the pairs it takes from each.
GOOD_CELLS: dict[str, tuple[Pair, ...]] = {
    "[('o001', 'observation'), ('c1000', 'mosaic')]": (
        ("o001", "observation"),
        ("c1000", "mosaic"),
    ),
    "1000": (("1000", "unknown"),),
    "-5": (("-5", "unknown"),),
    "0x1f": (("31", "unknown"),),
    "1_000": (("1000", "unknown"),),
    "01": (),
    "null": (),
    "n": (),
    "o001": (),
    "'ab'": (),
    "[]": (),
    "[('o001','observation'),('x',),('c1','mosaic')]": (("o001", "observation"),),
    "[('o003', 'observation'), ('a', 'b', 'c'), ('c2', 'mosaic')]": (("o003", "observation"),),
    "['ab']": (("a", "b"),),
    "[{'ab': 1}]": (),
    "[{'a': 1, 'b': 2}]": (("a", "b"),),
    "(('a', 'b'),)": (("a", "b"),),
    "{('a', 'b')}": (("a", "b"),),
    "[['c9', 'group']]": (("c9", "group"),),
}

# Cells that abort the reference (TypeError), and one it reads but cannot run.
BAD_CELLS = ("1.5", "1e3", "...", "[('o001', 'observation'), 1]", "b'ab'", "{[1]: 2}", "[(1, 'x')]")


def _frame(*cells: str) -> pl.DataFrame:
    return pl.DataFrame({"filename": [f"f{i}" for i in range(len(cells))], "asn_candidate": cells})


@pytest.mark.parametrize("cell", sorted(GOOD_CELLS))
def test_parse_cell(cell: str) -> None:
    assert parse_cell(cell).unwrap() == GOOD_CELLS[cell]


@pytest.mark.parametrize("cell", BAD_CELLS)
def test_parse_cell_errors_name_the_column(cell: str) -> None:
    error = parse_cell(cell, file="p.csv", line=7).failure()
    assert (error.file, error.line, error.column) == ("p.csv", 7, "asn_candidate")
    assert repr(cell) in error.message


def test_with_candidates_adds_a_typed_column() -> None:
    frame = _frame("[('o001', 'observation')]", "null", "[('o001', 'observation')]", "12")
    result = with_candidates(frame).unwrap()
    assert result.columns == ["filename", "asn_candidate", CANDIDATES]
    assert result.schema[CANDIDATES] == pl.List(pl.Struct({"id": pl.String, "type": pl.String}))
    assert result[CANDIDATES].to_list() == [
        [{"id": "o001", "type": "observation"}],
        [],
        [{"id": "o001", "type": "observation"}],
        [{"id": "12", "type": "unknown"}],
    ]
    assert with_candidates(result).unwrap().equals(result)


def test_with_candidates_parses_each_distinct_cell_once(monkeypatch: pytest.MonkeyPatch) -> None:
    seen: list[str] = []
    original: Callable[..., Result[tuple[Pair, ...], PoolError]] = candidates.parse_cell

    def counting(text: str, **where: str) -> Result[tuple[Pair, ...], PoolError]:
        seen.append(text)
        return original(text, **where)

    monkeypatch.setattr(candidates, "parse_cell", counting)
    cells = ("[('o001', 'observation')]", "[('o002', 'observation')]") * 50
    assert with_candidates(_frame(*cells)).unwrap().height == 100
    assert seen == list(cells[:2])


def test_with_candidates_reports_the_first_bad_row() -> None:
    frame = _frame("[('o001', 'observation')]", "2.5", "null", "2.5", "1.5")
    located = with_candidates(frame, file="p.csv", lines=(4, 6, 7, 9, 10)).failure()
    assert (located.file, located.line, located.column) == ("p.csv", 6, "asn_candidate")
    unlocated = with_candidates(frame).failure()
    assert unlocated.describe() == (
        "in-memory, column 'asn_candidate': '2.5' is not a list of (id, type) pairs (row 2)"
    )


def test_with_candidates_needs_the_column() -> None:
    error = with_candidates(pl.DataFrame({"filename": ["a"]}), file="p.csv").failure()
    assert (error.file, error.column) == ("p.csv", "asn_candidate")


def test_work_list_orders_types_then_ids_by_first_appearance() -> None:
    frame = _frame(
        "[('o002', 'observation'), ('c1001', 'mosaic')]",
        "[('o001', 'observation'), ('c1000', 'mosaic'), ('c1001', 'mosaic')]",
        "null",
        "[('c1000', 'background'), ('o002', 'observation')]",
        "7",
    )
    assert work_list(frame) == (
        ("o002", "observation"),
        ("o001", "observation"),
        ("c1001", "mosaic"),
        ("c1000", "mosaic"),
        ("c1000", "background"),
        ("7", "unknown"),
    )
    assert work_list(with_candidates(frame).unwrap()) == work_list(frame)


def test_work_list_of_a_pool_without_candidates() -> None:
    assert work_list(_frame("null", "n")) == ()


def test_work_list_raises_on_a_bad_cell() -> None:
    with pytest.raises(PoolReadError, match="not a list of"):
        work_list(_frame("1.5"))


def test_select_ids() -> None:
    frame = _frame(
        "[('o001', 'observation'), ('c1000', 'mosaic')]",
        "[('c1000', 'background'), ('o002', 'observation')]",
    )
    assert select_ids(frame, ["c1000", "O001", "o002", "c100", "c1000"]) == (
        (("c1000", "mosaic"), ("o002", "observation"), ("c1000", "mosaic")),
        ("O001", "c100"),
    )


def test_rows_of_candidate_is_a_plain_substring_test() -> None:
    frame = _frame("[('c1000', 'mosaic')]", "[('c2000', 'mosaic')]", "[('o1.0', 'x')]", "1000")
    assert frame.filter(rows_of_candidate("c100"))["filename"].to_list() == ["f0"]
    assert frame.filter(rows_of_candidate("1000"))["filename"].to_list() == ["f0", "f3"]
    assert frame.filter(rows_of_candidate("o1."))["filename"].to_list() == ["f2"]
    assert frame.filter(rows_of_candidate("("))["filename"].to_list() == ["f0", "f1", "f2"]


# --- agreement with the reference ------------------------------------------------------


def _reference_work_list(path: Path) -> list[list[str]] | None:
    """``ids_by_ctype`` flattened in run order; None when it raises."""
    pool_module = pytest.importorskip("jwst.associations")
    generator = pytest.importorskip("jwst.associations.generator.generate_per_candidate")
    try:
        by_type = generator.ids_by_ctype(pool_module.AssociationPool.read(str(path)))
    except TypeError:
        return None
    return [[cid, ctype] for ctype in by_type for cid in by_type[ctype]]


def _ours(path: Path) -> list[list[str]] | None:
    pool = read_pool_file(path).unwrap()
    parsed = with_candidates(pool.frame, file=pool.file, lines=pool.lines)
    if isinstance(parsed, Failure):
        return None
    return [list(pair) for pair in work_list(parsed.unwrap())]


def _pools_with_candidates() -> list[Path]:
    pools = sorted(POOLS_DIR.glob("*.csv"))
    return [path for path in pools if "asn_candidate" in path.read_text().lower()]


@pytest.mark.parametrize("path", _pools_with_candidates(), ids=lambda path: path.name)
def test_corpus_work_list_matches_the_reference(path: Path) -> None:
    expected = _reference_work_list(path)
    assert expected is not None
    assert _ours(path) == expected


def test_tricky_cells_match_the_reference(tmp_path: Path) -> None:
    path = tmp_path / "cells.csv"
    lines = [f"f{i}|{cell}" for i, cell in enumerate(GOOD_CELLS)]
    path.write_text("filename|asn_candidate\n" + "\n".join(lines) + "\n")
    assert _ours(path) == _reference_work_list(path)


@pytest.mark.parametrize("cell", BAD_CELLS[:-1])
def test_bad_cells_abort_the_reference_too(tmp_path: Path, cell: str) -> None:
    path = tmp_path / "bad.csv"
    path.write_text(f"filename|asn_candidate\nf0|[('o001', 'observation')]\nf1|{cell}\n")
    assert _reference_work_list(path) is None
    assert _ours(path) is None
