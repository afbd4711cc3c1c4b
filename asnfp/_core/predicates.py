"""Row predicates the rules test by name: detector and optical-path validity.

Each is a pure function of a few cells. They are evaluated once per distinct
combination of those cells over the whole pool, and stored as row facts.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping

import polars as pl

from asnfp._core.tables import EMPTY_VALUES

Cells = Mapping[str, str | None]

NRS_FSS_VALID_OPTICAL_PATHS: frozenset[tuple[str, str, str, str]] = frozenset(
    [("a", "prism", "clear", "nrs1")]
    + [("a", g, f, d) for g, f in (("g395h", "f290lp"), ("g235h", "f170lp"), ("g140h", "f100lp"))
       for d in ("nrs1", "nrs2")]
    + [("a", g, f, "nrs1") for g, f in (("g140h", "f070lp"), ("g395m", "f290lp"),
                                        ("g235m", "f170lp"), ("g140m", "f100lp"),
                                        ("g140m", "f070lp"))]
    + [("s200b1", g, f, "nrs2") for g, f in (("prism", "clear"), ("g395h", "f290lp"),
                                             ("g235h", "f170lp"), ("g140h", "f100lp"),
                                             ("g395m", "f290lp"), ("g235m", "f170lp"),
                                             ("g140m", "f100lp"))]
    + [("s200b1", g, "f070lp", d) for g in ("g140h", "g140m") for d in ("nrs1", "nrs2")]
)
"""(slit, grating, filter, detector) combinations that put fixed-slit light on the detector."""

NRS_FSS_VALID_LAMP_OPTICAL_PATHS: frozenset[tuple[str, str, str]] = frozenset(
    (grating, lamp, detector)
    for grating, lamps in (
        ("prism", ("line4", "flat5", "test")),
        ("g395h", ("flat3", "line3")),
        ("g235h", ("flat2", "line2")),
        ("g140h", ("flat1", "ref", "line1", "flat4")),
        ("g395m", ("flat3", "line3")),
        ("g235m", ("flat2", "line2")),
        ("g140m", ("flat1", "line1", "flat4")),
    )
    for lamp in lamps
    for detector in ("nrs1", "nrs2")
)

NRS_IFU_VALID_OPTICAL_PATHS: frozenset[tuple[str, str, str]] = frozenset(
    [("prism", "clear", "nrs1"), ("g140m", "f070lp", "nrs1"), ("g140m", "f100lp", "nrs1"),
     ("g235m", "f170lp", "nrs1"), ("g395m", "f290lp", "nrs1"), ("g140h", "f070lp", "nrs1")]
    + [(g, f, d) for g, f in (("g140h", "f100lp"), ("g235h", "f170lp"), ("g395h", "f290lp"))
       for d in ("nrs1", "nrs2")]
)

NIS_SOSS_UNCALIBRATED_FILTERS = frozenset({"f277w"})


def _value(cells: Cells, column: str) -> str | None:
    value = cells.get(column)
    return None if value is None or value in EMPTY_VALUES else value


def nrsfss_valid_detector(cells: Cells) -> bool:
    """A fixed-slit exposure whose slit, grating, filter and detector see light."""
    detector, nrs_filter = _value(cells, "detector"), _value(cells, "filter")
    grating, slit = _value(cells, "grating"), _value(cells, "fxd_slit")
    if detector is None or nrs_filter is None or grating is None or slit is None:
        return False
    slit = slit if slit == "s200b1" else "a"
    return (slit, grating, nrs_filter, detector) in NRS_FSS_VALID_OPTICAL_PATHS


def nrsifu_valid_detector(cells: Cells) -> bool:
    """Not IFU, or an IFU exposure whose grating, filter and detector see light."""
    if _value(cells, "exp_type") != "nrs_ifu":
        return True
    path = (_value(cells, "grating"), _value(cells, "filter"), _value(cells, "detector"))
    return path in NRS_IFU_VALID_OPTICAL_PATHS


def nrslamp_valid_detector(cells: Cells) -> bool:
    """A NIRSpec lamp exposure whose mode, grating, lamp and detector see light."""
    detector, grating = _value(cells, "detector"), _value(cells, "grating")
    opmode = _value(cells, "opmode")
    if detector is None or grating is None or opmode is None:
        return False
    if opmode == "msaspec":
        return True
    lamp = _value(cells, "lamp")
    if opmode == "ifu":
        if lamp is None:
            return False
        if grating in ("g395h", "g235h"):
            return True
        if grating in ("g395m", "g235m", "g140m", "prism"):
            return detector == "nrs1"
        if grating == "g140h":
            return not (detector == "nrs2" and lamp == "flat4")
        return False
    if opmode == "fixedslit":
        return lamp is not None and (grating, lamp, detector) in NRS_FSS_VALID_LAMP_OPTICAL_PATHS
    return False


def nissoss_calibrated_filter(cells: Cells) -> bool:
    """Not SOSS, or a SOSS exposure through a calibrated filter."""
    if _value(cells, "exp_type") != "nis_soss":
        return True
    nis_filter = _value(cells, "filter")
    return nis_filter is not None and nis_filter not in NIS_SOSS_UNCALIBRATED_FILTERS


def nrccoron_valid_detector(cells: Cells) -> bool:
    """A NIRCam coronagraphic exposure on a detector that sees the occulter."""
    detector, subarray = _value(cells, "detector"), _value(cells, "subarray")
    pupil = _value(cells, "pupil")
    if detector is None or subarray is None or pupil is None:
        return False
    if subarray != "full":
        return True
    if pupil == "maskbar" and detector in ("nrca1", "nrca2", "nrca3"):
        return False
    return not (pupil == "maskrnd" and detector in ("nrca1", "nrca3", "nrca4"))


PREDICATES: dict[str, tuple[tuple[str, ...], Callable[[Cells], bool]]] = {
    "nrsfss_valid_detector": (("detector", "filter", "grating", "fxd_slit"), nrsfss_valid_detector),
    "nrsifu_valid_detector": (("exp_type", "detector", "filter", "grating"), nrsifu_valid_detector),
    "nrslamp_valid_detector": (("detector", "grating", "opmode", "lamp"), nrslamp_valid_detector),
    "nissoss_calibrated_filter": (("exp_type", "filter"), nissoss_calibrated_filter),
    "nrccoron_valid_detector": (("detector", "subarray", "pupil"), nrccoron_valid_detector),
}
"""Predicate name → (cells it reads, the test)."""


def predicate_column(name: str) -> str:
    """The row-fact column holding a predicate's value."""
    return f"_is_{name}"


def with_predicates(frame: pl.DataFrame) -> pl.DataFrame:
    """The pool with one boolean column per predicate, each evaluated once per distinct
    combination of the cells the predicates read (one pass for all of them)."""
    present = set(frame.columns)
    columns = sorted({c for read, _ in PREDICATES.values() for c in read})
    cells = frame.select(
        (pl.col(c) if c in present else pl.lit(None, pl.String)).alias(c) for c in columns
    )
    combos = cells.unique()
    named = list(combos.iter_rows(named=True))
    table = combos.with_columns(
        pl.Series(predicate_column(name), [test(row) for row in named], pl.Boolean)
        for name, (_, test) in PREDICATES.items()
    )
    flags = cells.join(
        table, on=columns, how="left", nulls_equal=True, maintain_order="left"
    ).drop(columns)
    return frame.hstack(flags)
