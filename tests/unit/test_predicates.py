"""Row predicates as columns: each row gets what its own cells give the predicate."""

from __future__ import annotations

import polars as pl
import pytest

from asnfp._core.predicates import PREDICATES, predicate_column, with_predicates

ROWS = {
    "exp_type": ["nrs_fixedslit", "nrs_ifu", "nrs_ifu", "nis_soss", "nis_soss", "nrc_coron",
                 "nrc_coron", "nrs_lamp", None],
    "detector": ["nrs1", "nrs2", "nrs1", "nis", "nis", "nrca2", "nrca4", "nrs2", "nrs1"],
    "filter": ["clear", "f290lp", "f070lp", "f277w", "clear", None, "f210m", "null", "clear"],
    "grating": ["prism", "g395h", "g235m", None, None, None, None, "g140h", "prism"],
    "fxd_slit": ["s200a1", None, None, None, None, None, None, None, "s200b1"],
    "subarray": ["full"] * 5 + ["full", "full", "full", "sub64"],
    "pupil": [None] * 5 + ["maskbar", "maskbar", None, None],
    "opmode": [None] * 7 + ["ifu", None],
    "lamp": [None] * 7 + ["flat1", None],
}


@pytest.mark.parametrize("dropped", [(), ("lamp", "opmode"), ("fxd_slit",)])
def test_each_row_gets_its_own_predicates(dropped: tuple[str, ...]) -> None:
    frame = pl.DataFrame(ROWS, schema=dict.fromkeys(ROWS, pl.String)).drop(dropped)
    result = with_predicates(frame)
    assert result.columns[: frame.width] == frame.columns
    for name, (_, test) in PREDICATES.items():
        expected = [test(row) for row in frame.iter_rows(named=True)]
        assert result.get_column(predicate_column(name)).to_list() == expected, name
        if not dropped:  # every predicate answers both ways here: the test can fail
            assert len(set(expected)) == 2, name
