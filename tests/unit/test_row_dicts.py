"""Row dicts built column by column, on demand, equal Polars' own ``to_dicts``."""

from __future__ import annotations

import polars as pl
import pytest

from asnfp._core.items import RowDicts


@pytest.mark.parametrize(
    "frame",
    [
        pl.DataFrame({"a": ["x", None, "x", "y"], "b": ["1", "2", "3", "4"]}),
        pl.DataFrame({"a": [None, None]}, schema={"a": pl.String}),
        pl.DataFrame({"a": [], "b": []}, schema={"a": pl.String, "b": pl.String}),
        pl.DataFrame({"f": ["A", "a", "A ", "", "null"]}),
    ],
)
def test_same_as_to_dicts(frame: pl.DataFrame) -> None:
    rows = RowDicts(frame)
    assert len(rows) == frame.height
    assert [rows[i] for i in reversed(range(len(rows)))][::-1] == frame.to_dicts()


def test_repeated_values_are_one_object() -> None:
    rows = RowDicts(pl.DataFrame({"instrume": ["nircam"] * 3, "n": ["1", "2", "3"]}))
    assert rows[0]["instrume"] is rows[2]["instrume"]

