"""A file name given twice in a pool, on rows that differ, against the reference.

The reference counts a row as taken by any association already holding its file name,
whatever the row's other values, so the second row starts no association of its own
even where its values would keep it apart from the first.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from oracle.reference import assert_same_as_reference

POOL = Path(__file__).resolve().parents[1] / "corpus" / "pools" / "pool_002_image_miri.csv"


def _pool_with_copy(tmp: Path, column: str, value: str) -> Path:
    """The first three exposures of a MIRI imaging pool, then the first again with
    ``column`` set to ``value`` (same file name)."""
    lines = [line for line in POOL.read_text().splitlines() if not line.startswith("#")]
    header = lines[0].split("|")
    rows = [line.split("|") for line in lines[1:4]]
    copy = list(rows[0])
    copy[header.index(column)] = value
    path = tmp / "pool.csv"
    path.write_text("\n".join("|".join(cells) for cells in [header, *rows, copy]) + "\n")
    return path


@pytest.mark.parametrize(
    ("column", "value"),
    [("program", "99010"), ("detector", "mirifulong"), ("filter", "f770w")],
)
def test_a_file_already_held_starts_nothing(tmp_path: Path, column: str, value: str) -> None:
    assert_same_as_reference(_pool_with_copy(tmp_path, column, value), tmp_path)
