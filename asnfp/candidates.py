"""The ``asn_candidate`` column: the candidates each exposure belongs to.

A cell is a Python literal, normally a list of ``(id, type)`` pairs such as
``[('o001', 'observation'), ('c1000', 'mosaic')]``. It is read as the reference
reads it:

- text that is not a literal (``null``, ``o001``) names no candidate;
- an integer ``n`` names candidate ``str(n)`` of type ``unknown``;
- anything else is iterated, each element unpacked as ``(id, type)``; the first
  element that does not unpack ends the cell, keeping the pairs before it;
- a value that cannot be iterated (a float, ``...``), or an element that cannot be
  unpacked at all (a number), makes the pool unusable, as it aborts the reference.

Ids and types must be strings; the reference fails later, or names odd types,
when they are not, so here that is an error too.
"""

from __future__ import annotations

import ast
import re
from collections.abc import Sequence
from typing import Final

import polars as pl
from returns.result import Failure, Result, Success

from asnfp.errors import PoolError, raise_error
from asnfp.pool import require_columns

__all__ = (
    "CANDIDATES",
    "Pair",
    "parse_cell",
    "rows_of_candidate",
    "select_ids",
    "with_candidates",
    "work_list",
)

Pair = tuple[str, str]
"""A candidate: ``(id, type)``, e.g. ``('o001', 'observation')``."""

_COLUMN: Final = "asn_candidate"
CANDIDATES: Final = "_candidates"
"""The parsed column ``with_candidates`` adds: ``List(Struct{id, type})``."""

_PAIRS: Final = pl.List(pl.Struct({"id": pl.String, "type": pl.String}))

# Cells in the form pools write, ``[('o001', 'observation'), ...]`` with plain quoted
# text, are read directly; any other text goes through ``ast.literal_eval``.
_PAIR_TEXT: Final = r"\('([^'\\\n]*)', '([^'\\\n]*)'\)"
_PAIR: Final = re.compile(_PAIR_TEXT)
_CANONICAL: Final = re.compile(rf"\[{_PAIR_TEXT}(?:, {_PAIR_TEXT})*\]")


def parse_cell(
    text: str, *, file: str = "in-memory", line: int | None = None
) -> Result[tuple[Pair, ...], PoolError]:
    """The candidates of one ``asn_candidate`` cell, in cell order.

    ``file`` and ``line`` only locate the error of a cell that cannot be used.

    Examples
    --------
    >>> parse_cell("[('o001', 'observation'), ('c1000', 'mosaic')]").unwrap()
    (('o001', 'observation'), ('c1000', 'mosaic'))
    >>> parse_cell("1000").unwrap()
    (('1000', 'unknown'),)
    >>> parse_cell("[('o001', 'observation'), ('x',), ('c1000', 'mosaic')]").unwrap()
    (('o001', 'observation'),)
    >>> parse_cell("null").unwrap()
    ()
    >>> parse_cell("1.5").failure().column
    'asn_candidate'
    """
    if _CANONICAL.fullmatch(text):
        return Success(tuple(_PAIR.findall(text)))
    try:
        value = ast.literal_eval(text)
    except (ValueError, SyntaxError):
        return Success(())
    except (TypeError, MemoryError, RecursionError) as error:
        return Failure(_error(f"cannot evaluate {text!r}: {error}", file, line))
    if isinstance(value, int):
        return Success(((str(value), "unknown"),))
    pairs: list[Pair] = []
    try:
        for element in value:
            cid, ctype = element
            if not (isinstance(cid, str) and isinstance(ctype, str)):
                message = f"candidate {element!r} in {text!r}: id and type must be strings"
                return Failure(_error(message, file, line))
            pairs.append((cid, ctype))
    except ValueError:
        # The reference stops reading a cell at its first element of another length.
        pass
    except TypeError:
        message = f"{text!r} is not a list of (id, type) pairs"
        return Failure(_error(message, file, line))
    return Success(tuple(pairs))


def with_candidates(
    frame: pl.DataFrame, *, file: str = "in-memory", lines: Sequence[int] | None = None
) -> Result[pl.DataFrame, PoolError]:
    """Add the parsed ``_candidates`` column, parsing each distinct cell once.

    ``lines`` (the file line of each row) locates the error of an unusable cell;
    the error is that of the first such row, as the reference stops there. A null
    cell names no candidate.

    Examples
    --------
    >>> frame = pl.DataFrame({"asn_candidate": ["[('o001', 'observation')]", "null"]})
    >>> with_candidates(frame).unwrap()["_candidates"].to_list()
    [[{'id': 'o001', 'type': 'observation'}], []]
    >>> with_candidates(pl.DataFrame({"asn_candidate": ["null", "2.5"]})).failure().describe()
    "in-memory, column 'asn_candidate': '2.5' is not a list of (id, type) pairs (row 2)"
    """
    checked = require_columns(frame, file, [_COLUMN])
    if isinstance(checked, Failure):
        return checked
    column = frame.get_column(_COLUMN)
    cells = column.drop_nulls().unique(maintain_order=True)
    owners: list[int] = []
    ids: list[str] = []
    types: list[str] = []
    for position, cell in enumerate(cells):
        result = parse_cell(cell, file=file)
        if isinstance(result, Failure):
            row = int(column.eq(cell).arg_true()[0])
            return Failure(_locate(result.failure(), row, lines))
        for cid, ctype in result.unwrap():
            owners.append(position)
            ids.append(cid)
            types.append(ctype)
    # Flat string columns grouped into lists: far cheaper than building the nested
    # values in Python. Cells without pairs get their empty list below.
    pairs = (
        pl.DataFrame(
            {"_cell": owners, "id": ids, "type": types},
            schema={"_cell": pl.UInt32, "id": pl.String, "type": pl.String},
        )
        .group_by("_cell")
        .agg(pl.struct("id", "type").alias(CANDIDATES))
    )
    lookup = (
        pl.DataFrame({_COLUMN: cells})
        .with_row_index("_cell")
        .join(pairs, on="_cell", how="left")
        .select(_COLUMN, pl.col(CANDIDATES).cast(_PAIRS))
    )
    joined = frame.drop(CANDIDATES, strict=False).join(
        lookup, on=_COLUMN, how="left", maintain_order="left"
    )
    return Success(joined.with_columns(pl.col(CANDIDATES).fill_null(pl.lit([], dtype=_PAIRS))))


def work_list(frame: pl.DataFrame) -> tuple[Pair, ...]:
    """Every candidate of the pool in the reference's run order.

    Types come in order of first appearance, and within a type the ids in order of
    first appearance (rows in pool order, pairs in cell order). A frame without
    ``_candidates`` gets it first; an unusable cell then raises ``PoolReadError``
    (call ``with_candidates`` beforehand to have the error as a value).

    Examples
    --------
    >>> frame = pl.DataFrame({"asn_candidate": [
    ...     "[('o002', 'observation'), ('c1000', 'mosaic')]",
    ...     "[('o001', 'observation'), ('c1000', 'mosaic')]",
    ...     "7",
    ... ]})
    >>> work_list(frame)
    (('o002', 'observation'), ('o001', 'observation'), ('c1000', 'mosaic'), ('7', 'unknown'))
    """
    pairs = (
        _parsed(frame)
        .select(pl.col(CANDIDATES).explode())
        .drop_nulls()
        .unnest(CANDIDATES)
        .with_row_index("_position")
        .unique(subset=["type", "id"], keep="first", maintain_order=True)
        .with_columns(pl.col("_position").min().over("type").alias("_type_position"))
        .sort("_type_position", "_position")
    )
    return tuple(zip(pairs["id"].to_list(), pairs["type"].to_list(), strict=True))


def select_ids(frame: pl.DataFrame, ids: Sequence[str]) -> tuple[tuple[Pair, ...], tuple[str, ...]]:
    """The candidates asked for by id, and the ids the pool does not have.

    Each id, in the order given (repeats kept), is paired with the first type, in
    run order, that has exactly that id.

    Examples
    --------
    >>> frame = pl.DataFrame({"asn_candidate": ["[('o001', 'observation'), ('c1000', 'mosaic')]"]})
    >>> select_ids(frame, ["c1000", "c9999", "o001"])
    ((('c1000', 'mosaic'), ('o001', 'observation')), ('c9999',))
    """
    first_type: dict[str, str] = {}
    for cid, ctype in work_list(frame):
        first_type.setdefault(cid, ctype)
    found = tuple((cid, first_type[cid]) for cid in ids if cid in first_type)
    missing = tuple(cid for cid in ids if cid not in first_type)
    return found, missing


def rows_of_candidate(cid: str) -> pl.Expr:
    """The rows whose raw ``asn_candidate`` text contains ``cid`` anywhere.

    The test is a plain substring test, as in the reference: ``c100`` also selects
    the rows of ``c1000``, and the unknown-type id ``1000`` those of ``c1000``.

    Examples
    --------
    >>> frame = pl.DataFrame({"asn_candidate": ["[('c1000', 'mosaic')]", "[('c2000', 'mosaic')]"]})
    >>> frame.filter(rows_of_candidate("c100")).height
    1
    """
    return pl.col(_COLUMN).str.contains(cid, literal=True)


def _parsed(frame: pl.DataFrame) -> pl.DataFrame:
    """The frame with ``_candidates``, added if missing (raising if it cannot be)."""
    if CANDIDATES in frame.columns:
        return frame
    result = with_candidates(frame)
    if isinstance(result, Failure):
        raise raise_error(result.failure())
    return result.unwrap()


def _error(message: str, file: str, line: int | None) -> PoolError:
    """An error about an ``asn_candidate`` cell."""
    return PoolError(file=file, line=line, column=_COLUMN, message=message)


def _locate(error: PoolError, row: int, lines: Sequence[int] | None) -> PoolError:
    """The error placed at the file line of a row, or else at its row number."""
    if lines is not None:
        return PoolError(file=error.file, line=lines[row], column=_COLUMN, message=error.message)
    return PoolError(file=error.file, column=_COLUMN, message=f"{error.message} (row {row + 1})")
