"""Tests of ``asnfp.pool``: pool files read exactly as the reference reads them."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import polars as pl
import pytest
from conformance.corpus import POOLS_DIR
from returns.result import Failure

from asnfp.errors import PoolError, PoolReadError
from asnfp.pool import (
    PoolFile,
    normalize_frame,
    read_pool,
    read_pool_file,
    read_pool_result,
    require_columns,
)

# Small pools, each showing one reading rule; all are also compared with the reference.
EDGE_POOLS: dict[str, str] = {
    "widths": "A|B|C\n1|x|\n2||\n003|  yy  | \n",
    "all_empty": "A|LONGNAME\n|\n|\n",
    "comments": "  # c1\nA|B\n#c2\n\n   \n1|#x\n  #  c3  \n2|3\n",
    "quotes": 'A|B\n"a|b"|"c""d"\n x | "q|r" \n',
    "quoted_then_text": 'A|B\n"ab"cd|x\n',
    "quoted_empty": 'A|B\n""|x\n',
    "quoted_name": '"A B"|C\n1|2\n',
    "multiline_quote": 'A|B\n"ab|x\ny"|z\n1|2\n',
    "tabs": "A|B\n\ta\t|b c\t\n",
    "spaces": "  A\t | \tB  \n 1 |2\n",
    "case": "Filename|Asn_Candidate\nNRC_Image|[('O001', 'OBSERVATION')]\nNULL|N/A\n",
    "unicode_width": "A|B\n\u0130|x\n|y\n",
    "duplicate_names": "A|A|A_1\n1|2|3\n",
    "single_column": "A\n1\n\n22\n",
    "single_empty_name": '""\n1\n2\n',
    "number_name": "A|1\n1|2\n",
    "trailing_header_delimiter": "A|B|\n1|2|\n",
    "blank_name": "A| |C\n1|2|3\n",
    "commented_header": "# X|Y\nA|1\n1|2\n",
    "comment_not_header": "# X|Y\nA|B\n1|2\n",
    "single_quote_rescue": "A|B\nx|'p|q'\n",
    "tab_rescue": 'A|B|C\nx| "p|q"\n',
    "open_quote": 'A|B\n"ab|x\ny|z\n',
    "crlf": "A|B\r\n1|2\r\n\r\n3|4\r\n",
    "lone_cr": "A|B\r1|2\r3|4",
    "mixed_cr": "A|B\n1|2\r\n3|4\r\r\n",
    "vertical_tab": "A|B\n1|2\v3|4\n",
    "nbsp": "A|B\n\u00a01|2\u00a0\n",
    "unit_separator": "A|B\n1|\x1f2\n\x1f|3\n",
    "final_sigma": "A|B\n\u0391\u03a3|\u03a3\u0391\n",
    "padded_many": "A | B\n" + "".join(f" v{i} |  W{i}\t\n" for i in range(80)),
}

# Pools that cannot be read, with the line at fault when there is one.
BAD_POOLS: dict[str, tuple[str, int | None]] = {
    "ragged_long": ("A|B\n1|2\n1|2|\n", 3),
    "ragged_short": ("A|B|C\n1|2|3\n\n1|2\n", 4),
    "ragged_after_comment": ("A|B\n1|2\n#x\n3|4|5\n", 4),
    "form_feed": ("A|B\n1|x\fy\n", 3),
    "header_only": ("A|B\n", None),
    "comment_only": ("# only\n", None),
    "empty": ("", None),
    "case_clash": ("A|a\n1|2\n", None),
}


def _write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / f"{name}.csv"
    path.write_text(text, encoding="utf-8")
    return path


def _read(tmp_path: Path, text: str, **options: str) -> PoolFile:
    return read_pool_file(_write(tmp_path, "pool", text), **options).unwrap()


def _rows(tmp_path: Path, name: str) -> list[tuple[Any, ...]]:
    return _read(tmp_path, EDGE_POOLS[name]).frame.rows()


# --- the reading rules ---------------------------------------------------------------


def test_values_are_lowercase_strings_never_numbers(tmp_path: Path) -> None:
    pool = _read(tmp_path, "OBS_NUM|Exp_Type|X\n00123|NRC_IMAGE|1.50\n")
    assert pool.frame.columns == ["obs_num", "exp_type", "x"]
    assert pool.frame.schema == pl.Schema({c: pl.String for c in ("obs_num", "exp_type", "x")})
    assert pool.frame.rows() == [("00123", "nrc_image", "1.50")]


def test_case_of_every_value_and_name(tmp_path: Path) -> None:
    frame = _read(tmp_path, EDGE_POOLS["case"]).frame
    assert frame.columns == ["filename", "asn_candidate"]
    assert frame.rows() == [("nrc_image", "[('o001', 'observation')]"), ("null", "n/a")]


def test_empty_cells_are_null_cut_to_the_column_width(tmp_path: Path) -> None:
    assert _rows(tmp_path, "widths") == [("1", "x", "n"), ("2", "nu", "n"), ("003", "yy", "n")]


def test_header_length_does_not_widen_the_fill(tmp_path: Path) -> None:
    assert _rows(tmp_path, "all_empty") == [("n", "n"), ("n", "n")]


def test_width_counts_characters_after_lowercasing(tmp_path: Path) -> None:
    assert _rows(tmp_path, "unicode_width") == [("i\u0307", "x"), ("nu", "y")]


def test_comments_anywhere_are_kept_without_their_marker(tmp_path: Path) -> None:
    pool = _read(tmp_path, EDGE_POOLS["comments"])
    assert pool.frame.rows() == [("1", "#x"), ("2", "3")]
    assert pool.comments == ("c1", "c2", "c3")
    assert pool.lines == (6, 8)


def test_spaces_and_tabs_around_names_and_values_are_dropped(tmp_path: Path) -> None:
    assert _read(tmp_path, EDGE_POOLS["spaces"]).frame.rows() == [("1", "2")]
    assert _rows(tmp_path, "tabs") == [("a", "b c")]
    frame = _read(tmp_path, EDGE_POOLS["padded_many"]).frame
    assert frame.columns == ["a", "b"]
    assert frame.row(79) == ("v79", "w79")


def test_double_quotes(tmp_path: Path) -> None:
    assert _rows(tmp_path, "quotes") == [("a|b", 'c"d'), ("x", "q|r")]
    assert _rows(tmp_path, "quoted_then_text") == [("abcd", "x")]
    assert _rows(tmp_path, "quoted_empty") == [("n", "x")]
    assert _read(tmp_path, EDGE_POOLS["quoted_name"]).frame.columns == ["a b", "c"]


def test_a_quoted_field_may_span_lines(tmp_path: Path) -> None:
    pool = _read(tmp_path, EDGE_POOLS["multiline_quote"])
    assert pool.frame.rows() == [("ab|x\ny", "z"), ("1", "2")]
    assert pool.lines == (2, 4)


def test_repeated_names_get_suffixes(tmp_path: Path) -> None:
    frame = _read(tmp_path, EDGE_POOLS["duplicate_names"]).frame
    assert frame.columns == ["a", "a_1", "a_1_1"]


def test_other_layouts_are_guessed_when_the_plain_one_fails(tmp_path: Path) -> None:
    no_header = _read(tmp_path, EDGE_POOLS["trailing_header_delimiter"]).frame
    assert no_header.columns == ["col1", "col2", "col3"]
    assert no_header.rows() == [("a", "b", "n"), ("1", "2", "n")]
    commented = _read(tmp_path, EDGE_POOLS["commented_header"])
    assert commented.frame.columns == ["x", "y"]
    assert commented.frame.rows() == [("a", "1"), ("1", "2")]
    assert commented.comments == ()
    assert _rows(tmp_path, "single_quote_rescue") == [("x", "p|q")]
    assert _rows(tmp_path, "tab_rescue") == [("x", ' "p', 'q"')]
    assert _rows(tmp_path, "open_quote") == [('"ab', "x"), ("y", "z")]


def test_a_single_column_pool_reads_plainly(tmp_path: Path) -> None:
    assert _rows(tmp_path, "single_column") == [("1",), ("22",)]
    # Only this last layout keeps an empty name, which becomes col<0-based index>.
    assert _read(tmp_path, EDGE_POOLS["single_empty_name"]).frame.columns == ["col0"]


def test_other_delimiters(tmp_path: Path) -> None:
    assert _read(tmp_path, "A,B\n1, 2\n", delimiter=",").frame.rows() == [("1", "2")]
    assert _read(tmp_path, "A\tB\tC\n1\t\t3\n", delimiter="\t").frame.rows() == [("1", "n", "3")]
    # The line is stripped first, so a tab at either end is no delimiter.
    assert _read(tmp_path, "A\tB\n\t1\t 2 \t\n", delimiter="\t").frame.rows() == [("1", "2")]


# --- errors --------------------------------------------------------------------------


@pytest.mark.parametrize("name", sorted(BAD_POOLS))
def test_unreadable_pools_name_the_file_and_line(tmp_path: Path, name: str) -> None:
    text, line = BAD_POOLS[name]
    path = _write(tmp_path, name, text)
    error = read_pool_file(path).failure()
    assert error.file == str(path)
    assert error.line == line


def test_ragged_row_message(tmp_path: Path) -> None:
    error = read_pool_file(_write(tmp_path, "p", "A|B\n1|2\n1|2|\n")).failure()
    assert (
        error.describe() == f"{tmp_path / 'p.csv'}, line 3: row has 3 fields but the header has 2"
    )


def test_missing_file(tmp_path: Path) -> None:
    path = tmp_path / "absent.csv"
    assert read_pool_result(path) == Failure(
        PoolError(file=str(path), message="cannot read the pool: No such file or directory")
    )
    with pytest.raises(PoolReadError, match=r"absent\.csv: cannot read the pool"):
        read_pool(path)


def test_empty_pools_are_errors(tmp_path: Path) -> None:
    header_only = read_pool_file(_write(tmp_path, "h", "A|B\n")).failure()
    assert header_only.message == "pool has a header but no rows"
    empty = read_pool_file(_write(tmp_path, "e", "# nothing\n\n")).failure()
    assert empty.message == "pool is empty: it has no header line"


def test_not_utf8(tmp_path: Path) -> None:
    path = tmp_path / "latin.csv"
    path.write_bytes(b"A|B\n\xe9|2\n")
    assert read_pool_file(path).failure().message == "pool is not UTF-8 text (byte 4)"


def test_bad_options(tmp_path: Path) -> None:
    path = _write(tmp_path, "p", "A|B\n1|2\n")
    assert "unknown pool format" in read_pool_file(path, fmt="ascii.ecsv").failure().message
    assert "one character" in read_pool_file(path, delimiter="||").failure().message
    assert "one character" in read_pool_file(path, delimiter='"').failure().message


# --- in-memory pools and required columns --------------------------------------------


def test_normalize_frame() -> None:
    frame = pl.DataFrame(
        {"OBS_NUM": [1, None, 3], "Exp_Type": ["NRC_IMAGE", None, "x"], "Flag": [True, None, None]}
    )
    result = normalize_frame(frame.lazy(), name="mine")
    assert result.unwrap().columns == ["obs_num", "exp_type", "flag"]
    assert result.unwrap().rows() == [
        ("1", "nrc_image", "true"),
        ("n", "null", "null"),
        ("3", "x", "null"),
    ]


def test_normalize_frame_all_null_and_errors() -> None:
    assert normalize_frame(pl.DataFrame({"a": [None, None]})).unwrap().rows() == [("n",), ("n",)]
    nested = normalize_frame(pl.DataFrame({"a": ["x"], "b": [[1]]})).failure()
    assert (nested.file, nested.column) == ("in-memory", "b")
    clash = normalize_frame(pl.DataFrame({"A": ["x"], "a": ["y"]})).failure()
    assert clash.column == "a"
    assert "differ only in case" in clash.message


def test_require_columns() -> None:
    frame = pl.DataFrame({"filename": ["a"], "program": ["1"]})
    assert require_columns(frame, "p.csv", ("filename", "program")).unwrap() is frame
    error = require_columns(frame, "p.csv", ("filename", "asn_candidate", "exp_type")).failure()
    assert (error.file, error.column, error.line) == ("p.csv", "asn_candidate", None)
    assert error.message.startswith("pool has no 'asn_candidate' column; ")
    other = require_columns(frame, "p.csv", ("subarray",)).failure()
    assert other.message == "pool has no 'subarray' column; the association rules need it"


# --- agreement with the reference ------------------------------------------------------


def _corpus_pools() -> list[Path]:
    return sorted(POOLS_DIR.glob("*.csv"))


def _reference(path: Path) -> tuple[list[str], list[list[str]], list[str]] | None:
    """Names, rows and comments as the reference reads them; None when it cannot."""
    associations = pytest.importorskip("jwst.associations")
    try:
        table = associations.AssociationPool.read(str(path))
    except Exception:
        return None
    rows = [[str(value) for value in row] for row in table]
    return list(table.colnames), rows, list(table.meta.get("comments", []))


@pytest.mark.parametrize("path", _corpus_pools(), ids=lambda path: path.name)
def test_corpus_pool_reads_as_in_the_reference(path: Path) -> None:
    expected = _reference(path)
    assert expected is not None
    pool = read_pool_file(path).unwrap()
    assert (pool.frame.columns, [list(row) for row in pool.frame.rows()], list(pool.comments)) == (
        expected
    )


@pytest.mark.parametrize("name", sorted(EDGE_POOLS))
def test_edge_pool_reads_as_in_the_reference(tmp_path: Path, name: str) -> None:
    path = _write(tmp_path, name, EDGE_POOLS[name])
    expected = _reference(path)
    assert expected is not None
    pool = read_pool_file(path).unwrap()
    assert (pool.frame.columns, [list(row) for row in pool.frame.rows()], list(pool.comments)) == (
        expected
    )


@pytest.mark.parametrize("name", sorted(BAD_POOLS))
def test_bad_pool_has_no_rows_in_the_reference(tmp_path: Path, name: str) -> None:
    path = _write(tmp_path, name, BAD_POOLS[name][0])
    expected = _reference(path)
    assert expected is None or expected[1] == []
    assert isinstance(read_pool_file(path), Failure)
