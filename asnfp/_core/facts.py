"""Row facts computed once per pool, vectorized: exposure types and integration flags."""

from __future__ import annotations

import polars as pl

from asnfp._core.predicates import with_predicates
from asnfp._core.tables import (
    ACQ_EXP_TYPES,
    CORON_EXP_TYPES,
    EMPTY_VALUES,
    EXPTYPE_MAP,
    SPECIAL_MODIFIERS,
    TSO_EXP_TYPES,
)

EXPOSURE = "_exposure"
SCIENCE_POINTING = "_science_pointing"
CORON = "_coron"
AMI = "_ami"
TSO = "_tso"
FACT_COLUMNS = (EXPOSURE, SCIENCE_POINTING, CORON, AMI, TSO)

_EMPTY = sorted(EMPTY_VALUES)


def cell(frame_columns: frozenset[str], column: str) -> pl.Expr:
    """The column, or nulls when the pool lacks it."""
    if column in frame_columns:
        return pl.col(column)
    return pl.lit(None, dtype=pl.String)


def valid(frame_columns: frozenset[str], column: str) -> pl.Expr:
    """The cell exists and holds a specified value."""
    value = cell(frame_columns, column)
    return value.is_not_null() & ~value.is_in(_EMPTY)


def specified(frame_columns: frozenset[str], column: str) -> pl.Expr:
    """The specified value of the cell, or null."""
    return pl.when(valid(frame_columns, column)).then(cell(frame_columns, column))


def exposure_type(columns: frozenset[str]) -> pl.Expr:
    """The row's exposure type; null where it cannot be determined (no ``exp_type``)."""
    pntgtype = specified(columns, "pntgtype")
    exp_type = specified(columns, "exp_type")
    mapped = exp_type.replace_strict(EXPTYPE_MAP, default="science", return_dtype=pl.String)
    modifiers = pl.lit("science")
    for column, kind in reversed(SPECIAL_MODIFIERS):
        modifiers = pl.when(valid(columns, column)).then(pl.lit(kind)).otherwise(modifiers)
    return (
        pl.when(pntgtype.is_not_null() & (pntgtype != "science"))
        .then(pntgtype)
        .when(exp_type.is_null())
        .then(pl.lit(None, dtype=pl.String))
        .when(mapped != "science")
        .then(mapped)
        .otherwise(modifiers)
    )


def with_facts(frame: pl.DataFrame) -> pl.DataFrame:
    """The pool with the row-fact columns added."""
    columns = frozenset(frame.columns)
    raw_exp_type = cell(columns, "exp_type")
    exp_type = specified(columns, "exp_type")
    pointing = (cell(columns, "pntgtype") == "science").fill_null(False) & ~raw_exp_type.is_in(
        ACQ_EXP_TYPES
    ).fill_null(False)
    subarray = cell(columns, "subarray")
    pupil = cell(columns, "pupil")
    detector = cell(columns, "detector")
    unocculted = (
        (raw_exp_type == "nrc_coron")
        & (subarray == "full")
        & (
            ((pupil == "maskbar") & detector.is_in(["nrca1", "nrca2", "nrca3"]))
            | ((pupil == "maskrnd") & detector.is_in(["nrca1", "nrca3", "nrca4"]))
        )
    ).fill_null(False)
    coron = exp_type.is_in(CORON_EXP_TYPES).fill_null(False) & ~unocculted
    tso = (specified(columns, "tsovisit") == "t").fill_null(False) | exp_type.is_in(
        TSO_EXP_TYPES
    ).fill_null(False)
    return with_predicates(frame).with_columns(
        exposure_type(columns).alias(EXPOSURE),
        pointing.alias(SCIENCE_POINTING),
        (pointing & coron).alias(CORON),
        (pointing & (exp_type == "nis_ami").fill_null(False)).alias(AMI),
        (pointing & tso).alias(TSO),
    )
