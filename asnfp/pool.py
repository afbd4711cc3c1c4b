"""Read association pools: delimited text tables whose cells are lowercase strings.

A pool file is read the way the reference generator reads it (astropy's ``ascii``
reader with format guessing, every column converted to lowercase text):

- lines are split where ``str.splitlines`` splits them; a line whose first non-blank
  character is ``#`` is a comment, anywhere in the file; blank lines are skipped;
- the first other line is the header; names and values lose surrounding spaces and
  tabs; CSV double quoting is honoured (a quoted field may span lines);
- every value is a string (``00123`` stays ``00123``) and is lowercased, and so is
  every column name; repeated names get ``_1``, ``_2``, ... suffixes first;
- an empty cell becomes ``null`` cut to the column's width, the length of its longest
  value but at least 1 (header excluded): width 1 gives ``n``, 2 ``nu``, 3 ``nul``;
- a row with the wrong number of fields is an error naming its line.

When that plain reading fails the reference guesses other layouts, in a fixed order
that ``_CASCADE`` repeats: tab-style unstripped values, the header taken from the
first comment line, single-quote quoting, and no header at all (columns ``col1``,
``col2``, ...). Its guesses that need markers no pool carries (ECSV, RDB, IPAC, fixed
width, LaTeX, ...) are not repeated.
"""

from __future__ import annotations

import csv
import os
import re
from collections.abc import Sequence
from pathlib import Path
from typing import Final, Literal, NamedTuple

import msgspec
import polars as pl
from returns.result import Failure, Result, Success

from asnfp.errors import PoolError, raise_error

__all__ = (
    "PoolFile",
    "normalize_frame",
    "read_pool",
    "read_pool_file",
    "read_pool_result",
    "require_columns",
)

_COMMENT: Final = re.compile(r"\s*#")
_BAD_NAME_ENDS: Final = frozenset(" ,|\t'\"")
_FILL: Final = "null"
_PURPOSES: Final[dict[str, str]] = {
    "asn_candidate": "it lists each exposure's candidates, which decide what is generated",
    "filename": "it names each exposure and becomes the member's expname",
    "program": "it gives the program number used in association names",
    "exp_type": "it gives each exposure's type, which decides its role",
    "pntgtype": "it tells science exposures from acquisitions in member names",
    "targetid": "it gives the Level 2 target",
}


class PoolFile(msgspec.Struct, frozen=True, kw_only=True):
    """A pool as read from its file.

    ``frame`` holds the cells, every column ``pl.String``; ``comments`` the comment
    lines in file order without their ``#`` and surrounding blanks (the reference's
    ``meta['comments']``, written back before orphaned rows); ``lines`` the 1-based
    file line on which each row starts; ``file`` the path as given.
    """

    file: str
    frame: pl.DataFrame
    comments: tuple[str, ...]
    lines: tuple[int, ...]


class _Attempt(NamedTuple):
    """One layout to try; ``guessing`` also demands at least two columns."""

    layout: Literal["basic", "tab", "commented_header", "no_header"]
    quotechar: str
    strict_names: bool
    guessing: bool


class _Text(NamedTuple):
    """Table lines with their numbers, comment lines, and whether the text is plain."""

    body: pl.Series
    numbers: pl.Series
    comments: list[str]
    plain: bool


class _Table(NamedTuple):
    """What a layout read: names, the fields of each row, each row's line."""

    names: list[str]
    fields: pl.Series
    lines: pl.Series
    comments: list[str]
    lowered: bool


_CASCADE: Final[tuple[_Attempt, ...]] = (
    _Attempt("basic", '"', True, True),
    _Attempt("tab", '"', True, True),
    _Attempt("commented_header", '"', True, True),
    _Attempt("commented_header", "'", True, True),
    _Attempt("basic", "'", True, True),
    _Attempt("no_header", '"', True, True),
    _Attempt("no_header", "'", True, True),
    # When every guess fails, the reference retries the plain layout without the
    # guessing requirements; that last failure is the one reported.
    _Attempt("basic", '"', False, False),
)


def read_pool_file(
    source: str | os.PathLike[str], *, delimiter: str = "|", fmt: str = "ascii"
) -> Result[PoolFile, PoolError]:
    """Read a pool file with its comments and the line of each row.

    Parameters
    ----------
    source
        Path of the pool file, UTF-8 text.
    delimiter
        The one character between fields.
    fmt
        ``{'ascii'}``, the reference's default and only pool format.

    Returns
    -------
    Result[PoolFile, PoolError]
        The pool, or an error naming the file and, when one is at fault, the line.
    """
    file = os.fspath(source)
    if fmt != "ascii":
        return Failure(PoolError(file=file, message=f"unknown pool format {fmt=}; use 'ascii'"))
    if len(delimiter) != 1 or delimiter in "\"'\r\n":
        message = f"{delimiter=} must be one character other than a quote or line break"
        return Failure(PoolError(file=file, message=message))
    return (
        _load_text(file)
        .map(_scan)
        .bind(lambda text: _read_table(text, delimiter, file))
        .bind(lambda table: _to_pool(table, file))
    )


def read_pool_result(
    source: str | os.PathLike[str], *, delimiter: str = "|", fmt: str = "ascii"
) -> Result[pl.DataFrame, PoolError]:
    """Read a pool file into a frame of lowercase strings.

    Examples
    --------
    >>> import tempfile
    >>> path = Path(tempfile.mkdtemp()) / "pool.csv"
    >>> _ = path.write_text("# demo\\nFILENAME|OBS_NUM|DMS_NOTE\\njw_A.fits|001|\\n")
    >>> read_pool_result(path).unwrap().row(0)
    ('jw_a.fits', '001', 'n')
    >>> read_pool_result(path.with_name("absent.csv")).failure().message
    'cannot read the pool: No such file or directory'
    """
    return read_pool_file(source, delimiter=delimiter, fmt=fmt).map(lambda pool: pool.frame)


def read_pool(
    source: str | os.PathLike[str], *, delimiter: str = "|", fmt: str = "ascii"
) -> pl.DataFrame:
    """Read a pool file; raise ``PoolReadError`` if it cannot be read."""
    result = read_pool_result(source, delimiter=delimiter, fmt=fmt)
    if isinstance(result, Failure):
        raise raise_error(result.failure())
    return result.unwrap()


def normalize_frame(
    frame: pl.DataFrame | pl.LazyFrame, *, name: str = "in-memory"
) -> Result[pl.DataFrame, PoolError]:
    """Make an in-memory pool look like a read one.

    Every column is cast to ``pl.String`` and its name and values lowercased; nulls
    become ``null`` cut to the column's width, as empty cells of a file do.

    Examples
    --------
    >>> frame = pl.DataFrame({"OBS_NUM": [1, None], "Note": ["Ab", None]})
    >>> normalize_frame(frame).unwrap().rows()
    [('1', 'ab'), ('n', 'nu')]
    >>> normalize_frame(pl.DataFrame({"a": [[1]]})).failure().column
    'a'
    """
    try:
        eager = frame.collect() if isinstance(frame, pl.LazyFrame) else frame
    except pl.exceptions.PolarsError as error:
        return Failure(PoolError(file=name, message=f"cannot compute the pool: {error}"))
    for column, dtype in eager.schema.items():
        if dtype.is_nested() or dtype == pl.Object:
            message = f"pool cells must be scalars, not {dtype}"
            return Failure(PoolError(file=name, column=column, message=message))
    clash = _case_clash(eager.columns)
    if clash is not None:
        return Failure(_clash_error(name, clash))
    try:
        cells = eager.select(
            _fill_nulls(pl.col(name).cast(pl.String).str.to_lowercase()).alias(name.lower())
            for name in eager.columns
        )
    except pl.exceptions.PolarsError as error:
        return Failure(PoolError(file=name, message=f"cannot turn the pool into text: {error}"))
    return Success(cells)


def require_columns(
    frame: pl.DataFrame, file: str, columns: Sequence[str]
) -> Result[pl.DataFrame, PoolError]:
    """Check that a pool has the given columns; the error names the first one missing.

    Examples
    --------
    >>> frame = pl.DataFrame({"filename": ["a.fits"]})
    >>> require_columns(frame, "p.csv", ["filename"]).unwrap() is frame
    True
    >>> require_columns(frame, "p.csv", ["filename", "asn_candidate"]).failure().column
    'asn_candidate'
    """
    present = set(frame.columns)
    for column in columns:
        if column not in present:
            purpose = _PURPOSES.get(column, "the association rules need it")
            message = f"pool has no {column!r} column; {purpose}"
            return Failure(PoolError(file=file, column=column, message=message))
    return Success(frame)


# --- text --------------------------------------------------------------------------


def _load_text(file: str) -> Result[str, PoolError]:
    """The decoded text of a pool file."""
    try:
        data = Path(file).read_bytes()
    except OSError as error:
        return Failure(PoolError(file=file, message=f"cannot read the pool: {error.strerror}"))
    try:
        return Success(data.decode("utf-8"))
    except UnicodeDecodeError as error:
        message = f"pool is not UTF-8 text (byte {error.start})"
        return Failure(PoolError(file=file, message=message))


def _scan(text: str) -> _Text:
    """Sort the lines into table lines, numbered from 1, and comment lines.

    Plain text (ASCII, breaking lines only at ``\\n`` or ``\\r\\n``, no ``\\x1f``) is
    sorted by Polars, whose whitespace and lowercasing there match Python's.
    """
    plain = text.isascii() and not any(c in text for c in "\v\f\x1c\x1d\x1e\x1f")
    if plain and ("\r" not in text or text.count("\r") == text.count("\r\n")):
        lines = pl.Series(text.split("\n"), dtype=pl.String).str.strip_suffix("\r")
        comment = lines.str.contains(r"^[ \t]*#")
        keep = ~comment & (lines.str.strip_chars(" \t") != "")
        numbers = pl.int_range(1, len(lines) + 1, eager=True).filter(keep)
        return _Text(lines.filter(keep), numbers, lines.filter(comment).to_list(), True)
    body: list[str] = []
    where: list[int] = []
    comments: list[str] = []
    for number, line in enumerate(text.splitlines(), start=1):
        if _COMMENT.match(line):
            comments.append(line)
        elif line.strip():
            body.append(line)
            where.append(number)
    return _Text(
        pl.Series(body, dtype=pl.String), pl.Series(where, dtype=pl.Int64), comments, False
    )


# --- layouts -----------------------------------------------------------------------


def _read_table(text: _Text, delimiter: str, file: str) -> Result[_Table, PoolError]:
    """The first layout of the cascade that reads; else the last one's error."""
    result: Result[_Table, PoolError] = Failure(PoolError(file=file, message="no layout"))
    for attempt in _CASCADE:
        result = _try_layout(text, attempt, delimiter).alt(
            lambda error: msgspec.structs.replace(error, file=file)
        )
        if isinstance(result, Success):
            break
    return result


def _try_layout(text: _Text, how: _Attempt, delimiter: str) -> Result[_Table, PoolError]:
    """Read the table lines in one layout (errors carry no file name yet)."""
    names: list[str] | None = None
    data, numbers, comments = text.body, text.numbers, text.comments
    if how.layout == "commented_header":
        if not comments:
            return Failure(PoolError(file="", message="pool has no header line"))
        header = _COMMENT.sub("", comments[0], count=1)
        names = _split_header(header, delimiter, how.quotechar, strip=True)
        comments = comments[1:]
    elif how.layout != "no_header":
        if data.is_empty():
            return Failure(PoolError(file="", message="pool is empty: it has no header line"))
        names = _split_header(data[0], delimiter, how.quotechar, strip=how.layout == "basic")
        data, numbers = data.slice(1), numbers.slice(1)
    lower = text.plain and not delimiter.isalpha()
    split = _split_rows(data, numbers, how, delimiter, lower=lower)
    if isinstance(split, Failure):
        return split
    fields, starts = split.unwrap()
    if names is None:
        if fields.is_empty():
            return Failure(PoolError(file="", message="pool is empty: it has no rows"))
        names = [f"col{index}" for index in range(1, fields[0].len() + 1)]
    problem = _name_problem(names, how)
    if problem is not None:
        header_line = text.numbers[0] if how.layout in ("basic", "tab") else None
        return Failure(PoolError(file="", line=header_line, message=problem))
    wrong = (fields.list.len() != len(names)).arg_true()
    if not wrong.is_empty():
        index = wrong[0]
        message = f"row has {fields[index].len()} fields but the header has {len(names)}"
        return Failure(PoolError(file="", line=starts[index], message=message))
    return Success(_Table(names, fields, starts, comments, lower))


def _name_problem(names: Sequence[str], how: _Attempt) -> str | None:
    """Why the header names do not suit the layout, if they do not."""
    if how.strict_names:
        for name in names:
            if not name or _is_number(name) or {name[0], name[-1]} & _BAD_NAME_ENDS:
                return f"column name {name!r} is empty, a number, or starts or ends badly"
    if how.guessing and len(names) < 2:
        return f"the header has {len(names)} column(s); format guessing needs two"
    return None


def _is_number(text: str) -> bool:
    """Whether ``float`` accepts the text (``nan``, ``1e3`` and ``1_0`` count)."""
    try:
        float(text)
    except ValueError:
        return False
    return True


def _split_header(line: str, delimiter: str, quotechar: str, *, strip: bool) -> list[str]:
    """The names in a header line; a quote left open runs to the line's end."""
    prepared = (line.strip() if strip else line) + "\n"
    reader = csv.reader([prepared], delimiter=delimiter, quotechar=quotechar, skipinitialspace=True)
    return [name.strip(" \t") for name in next(reader, [])]


def _split_rows(
    lines: pl.Series, numbers: pl.Series, how: _Attempt, delimiter: str, *, lower: bool
) -> Result[tuple[pl.Series, pl.Series], PoolError]:
    """Split table lines into a ``List(String)`` series of fields and each row's line.

    Lines without the quote character split exactly as the ``csv`` module splits
    them, so Polars does it. Otherwise the ``csv`` module reads all lines at once,
    since a quoted field may continue on the next line. ``lower`` lowercases whole
    lines, which is exact for plain text and a delimiter that is no letter.
    """
    strip = how.layout != "tab"
    if lower:
        prepared = (lines.str.strip_chars(" \t") if strip else lines).str.to_lowercase()
    elif strip:
        prepared = pl.Series([line.strip() for line in lines], dtype=pl.String)
    else:
        prepared = lines
    if delimiter not in " \t" and not prepared.str.contains(how.quotechar, literal=True).any():
        if strip:
            prepared = _strip_around(prepared, delimiter)
        return Success((prepared.str.split(delimiter), numbers))
    reader = csv.reader(
        (line + "\n" for line in prepared),
        delimiter=delimiter,
        quotechar=how.quotechar,
        skipinitialspace=strip,
    )
    rows: list[list[str]] = []
    starts: list[int] = []
    consumed = 0
    try:
        for row in reader:
            rows.append([value.strip(" \t") for value in row] if strip else row)
            starts.append(numbers[consumed])
            consumed = reader.line_num
    except csv.Error as error:
        return Failure(PoolError(file="", message=f"cannot split the rows: {error}"))
    return Success((pl.Series(rows, dtype=pl.List(pl.String)), pl.Series(starts, dtype=pl.Int64)))


def _strip_around(lines: pl.Series, delimiter: str) -> pl.Series:
    """Lines without the spaces and tabs around each delimiter (ends already stripped)."""
    sep = f"\\x{{{ord(delimiter):x}}}"
    if lines.str.contains(f"[ \\t]{sep}|{sep}[ \\t]").any():
        # The replacement is a template, in which a literal ``$`` is doubled.
        dropped = f"[ \\t]+{sep}[ \\t]*|{sep}[ \\t]+"
        return lines.str.replace_all(dropped, delimiter.replace("$", "$$"))
    return lines


# --- frame -------------------------------------------------------------------------


def _to_pool(table: _Table, file: str) -> Result[PoolFile, PoolError]:
    """Build the frame of a read table: unique lowercase names, filled empty cells."""
    if table.fields.is_empty():
        return Failure(PoolError(file=file, message="pool has a header but no rows"))
    names = _unique_names(table.names)
    clash = _case_clash(names)
    if clash is not None:
        return Failure(_clash_error(file, clash))
    slots = [f"_{index}" for index in range(len(names))]
    raw = table.fields.list.to_struct(fields=slots).struct.unnest()
    if not table.lowered:
        raw = raw.select(pl.all().str.to_lowercase())
    cells = _fill_empty(raw).rename(dict(zip(slots, (n.lower() for n in names), strict=True)))
    comments = tuple(_COMMENT.sub("", line, count=1).strip() for line in table.comments)
    return Success(
        PoolFile(file=file, frame=cells, comments=comments, lines=tuple(table.lines.to_list()))
    )


def _fill_empty(raw: pl.DataFrame) -> pl.DataFrame:
    """Replace empty strings by ``null`` cut to each column's width."""
    empty = raw.select(pl.all().eq("").any()).row(0)
    columns = [column for column, has in zip(raw.columns, empty, strict=True) if has]
    if not columns:
        return raw
    widths = raw.select(pl.col(columns).str.len_chars().max()).row(0)
    return raw.with_columns(
        pl.when(pl.col(column) == "")
        .then(pl.lit(_FILL[: max(width, 1)]))
        .otherwise(pl.col(column))
        .alias(column)
        for column, width in zip(columns, widths, strict=True)
    )


def _fill_nulls(value: pl.Expr) -> pl.Expr:
    """Replace nulls by ``null`` cut to the column's width (at least 1)."""
    width = pl.max_horizontal(value.str.len_chars().max(), pl.lit(1))
    return value.fill_null(pl.lit(_FILL).str.slice(0, width))


def _unique_names(names: Sequence[str]) -> list[str]:
    """Repeats suffixed with the first free ``_1``, ``_2``, ...; then ``''`` → ``col<i>``."""
    taken: set[str] = set()
    unique: list[str] = []
    for name in names:
        candidate, suffix = name, 0
        while candidate in taken:
            suffix, candidate = suffix + 1, f"{name}_{suffix + 1}"
        taken.add(candidate)
        unique.append(candidate)
    # An empty name survives only the last, non-guessing layout; astropy's table
    # then names the column after its 0-based position.
    return [name or f"col{index}" for index, name in enumerate(unique)]


def _case_clash(names: Sequence[str]) -> tuple[str, str] | None:
    """The first two names that are equal once lowercased, if any."""
    seen: dict[str, str] = {}
    for name in names:
        if name.lower() in seen:
            return (seen[name.lower()], name)
        seen[name.lower()] = name
    return None


def _clash_error(file: str, names: tuple[str, str]) -> PoolError:
    """The error for two column names that differ only in case."""
    first, second = names
    message = f"columns {first!r} and {second!r} differ only in case; rename one"
    return PoolError(file=file, column=second.lower(), message=message)
