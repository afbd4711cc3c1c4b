"""Scale association pools into larger, self-consistent pools for benchmarking.

A scaled pool holds ``factor`` copies of a pool. Copy 0 is the original. Copies 1-3 stay in the
same programs with observation numbers and candidate ids shifted by 250, 500 and 750. Copies from
the 5th on (``k >= 4``) move to fresh program numbers and repeat that shift pattern there, so
copy ``k`` uses program group ``k // 4`` and shift ``250 * (k % 4)``. Every file name gets a copy
marker (``_k<k>``) before its ``_uncal`` ending, and the ids embedded in ``obs_id``,
``visit_id``, ``filename`` and ``msametfl`` follow the same mapping as the columns they repeat.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Mapping
from pathlib import Path

import polars as pl

__all__ = (
    "COPIES_PER_PROGRAM",
    "OBS_SHIFT",
    "corpus_pool",
    "read_pool_strings",
    "scale_pool",
    "scale_pool_file",
    "synthetic_pool",
    "write_pool",
)

OBS_SHIFT = 250
"""Observation-number and candidate-id shift between consecutive copies in one program."""

COPIES_PER_PROGRAM = 4
"""Copies that share a program number (shifts 0, 250, 500, 750)."""

_FRESH_PROGRAM_START = 20000
_PROGRAM_LIMIT = 100000
_OBS_LIMIT = 1000
_CID_LIMIT = 10000
_CORPUS_POOLS = Path(__file__).resolve().parents[1] / "tests" / "corpus" / "pools"

_DIGITS = re.compile(r"\d+")
_OBS_CANDIDATE = re.compile(r"(?<=')o(\d{3})(?=')")
_CID_CANDIDATE = re.compile(r"(?<=')c(\d{4})(?=')")
_JW_ID = re.compile(r"jw(\d{5})(\d{3})(\d{3})")
_OBS_ID = re.compile(r"^v(\d{5})(\d{3})(\d{3})")
_VISIT_ID = re.compile(r"^(\d{5})(\d{3})(\d{3})$")
_UNCAL = re.compile(r"_uncal(?=\.[^_]*$)")

ValueMap = Callable[[str], str]


def _shift_number(value: str, shift: int, limit: int) -> str:
    """Add ``shift`` to a digit string, keeping its zero padding."""
    shifted = int(value) + shift
    if shifted >= limit:
        raise ValueError(f"{value=} shifted by {shift} no longer fits below {limit}")
    return str(shifted).zfill(len(value))


def _shift_obs_num(shift: int) -> ValueMap:
    """Shift a plain observation number; leave non-numeric cells unchanged."""

    def apply(value: str) -> str:
        if _DIGITS.fullmatch(value) is None:
            return value
        return _shift_number(value, shift, _OBS_LIMIT)

    return apply


def _shift_candidates(shift: int) -> ValueMap:
    """Shift ``o###`` and ``c####`` ids of an ``asn_candidate`` cell (or a bare id counter)."""

    def apply(value: str) -> str:
        if _DIGITS.fullmatch(value) is not None:
            return _shift_number(value, shift, _CID_LIMIT)
        with_obs = _OBS_CANDIDATE.sub(
            lambda m: "o" + _shift_number(m.group(1), shift, _OBS_LIMIT), value
        )
        return _CID_CANDIDATE.sub(
            lambda m: "c" + _shift_number(m.group(1), shift, _CID_LIMIT), with_obs
        )

    return apply


def _embedded(pattern: re.Pattern[str], programs: Mapping[str, str], shift: int) -> ValueMap:
    """Rewrite the program and observation embedded as ``PPPPPOOOVVV`` where ``pattern`` finds."""

    def rewrite(match: re.Match[str]) -> str:
        program, obs, visit = match.group(1), match.group(2), match.group(3)
        whole = match.group(0)
        prefix = whole[: match.start(1) - match.start(0)]
        new_obs = _shift_number(obs, shift, _OBS_LIMIT)
        return f"{prefix}{programs.get(program, program)}{new_obs}{visit}"

    def apply(value: str) -> str:
        return pattern.sub(rewrite, value)

    return apply


def _mark_filename(k: int) -> ValueMap:
    """Insert the copy marker ``_k<k>`` before ``_uncal`` (or append it when there is none)."""
    marker = f"_k{k}"

    def apply(value: str) -> str:
        marked, count = _UNCAL.subn(f"{marker}_uncal", value, count=1)
        return marked if count else value + marker

    return apply


def _compose(*maps: ValueMap) -> ValueMap:
    """Apply ``maps`` left to right."""

    def apply(value: str) -> str:
        for one in maps:
            value = one(value)
        return value

    return apply


def _program_numbers(frame: pl.DataFrame) -> tuple[int, ...]:
    """Distinct numeric program numbers of ``frame``, ascending."""
    if "program" not in frame.columns:
        return ()
    values = frame.get_column("program").drop_nulls().unique().to_list()
    return tuple(sorted({int(v) for v in values if _DIGITS.fullmatch(v) is not None}))


def _fresh_programs(taken: tuple[int, ...], count: int) -> tuple[int, ...]:
    """The first ``count`` five-digit program numbers from 20000 up that are not in ``taken``."""
    used = set(taken)
    fresh = tuple(n for n in range(_FRESH_PROGRAM_START, _PROGRAM_LIMIT) if n not in used)
    if len(fresh) < count:
        raise ValueError(f"cannot allocate {count} new program numbers below {_PROGRAM_LIMIT}")
    return fresh[:count]


def _program_maps(
    frame: pl.DataFrame, group: int, programs: tuple[int, ...], fresh: tuple[int, ...]
) -> tuple[dict[str, str], dict[str, str]]:
    """Program renames for ``group``: (column value -> new, five-digit -> five-digit)."""
    if group == 0:
        return {}, {}
    start = (group - 1) * len(programs)
    new_by_old = dict(zip(programs, fresh[start : start + len(programs)], strict=True))
    padded = {f"{old:05d}": f"{new:05d}" for old, new in new_by_old.items()}
    values: list[str] = frame.get_column("program").drop_nulls().unique().to_list()
    column = {
        v: str(new_by_old[int(v)]).zfill(len(v)) for v in values if _DIGITS.fullmatch(v) is not None
    }
    return column, padded


def _check_ranges(frame: pl.DataFrame) -> None:
    """Raise ``ValueError`` when ids are too large for shifted copies to stay distinct."""
    cells = (
        frame.get_column("asn_candidate").drop_nulls().to_list()
        if "asn_candidate" in frame.columns
        else []
    )
    obs_ids = [int(m) for cell in cells for m in _OBS_CANDIDATE.findall(cell)]
    if "obs_num" in frame.columns:
        obs_ids += [
            int(v)
            for v in frame.get_column("obs_num").drop_nulls().to_list()
            if _DIGITS.fullmatch(v) is not None
        ]
    if obs_ids and max(obs_ids) >= OBS_SHIFT:
        raise ValueError(
            f"observation {max(obs_ids)} is not below {OBS_SHIFT}; shifted copies would collide"
        )
    cids = [int(m) for cell in cells for m in _CID_CANDIDATE.findall(cell)]
    if cids and max(cids) - min(cids) >= OBS_SHIFT:
        raise ValueError(
            f"candidate ids c{min(cids)}..c{max(cids)} span {OBS_SHIFT} or more;"
            " shifted copies would collide"
        )


def _replace_column(frame: pl.DataFrame, column: str, value_map: ValueMap) -> pl.Expr:
    """An expression mapping each distinct non-null value of ``column`` through ``value_map``."""
    olds: list[str] = frame.get_column(column).drop_nulls().unique().to_list()
    news = [value_map(v) for v in olds]
    return pl.col(column).replace(olds, news)


def _copy(
    frame: pl.DataFrame, k: int, programs: tuple[int, ...], fresh: tuple[int, ...]
) -> pl.DataFrame:
    """Copy ``k`` of ``frame`` (copy 0 is ``frame`` itself)."""
    if k == 0:
        return frame
    shift = OBS_SHIFT * (k % COPIES_PER_PROGRAM)
    column_programs, padded_programs = _program_maps(
        frame, k // COPIES_PER_PROGRAM, programs, fresh
    )
    maps: dict[str, ValueMap] = {
        "program": lambda v: column_programs.get(v, v),
        "obs_num": _shift_obs_num(shift),
        "asn_candidate": _shift_candidates(shift),
        "obs_id": _embedded(_OBS_ID, padded_programs, shift),
        "visit_id": _embedded(_VISIT_ID, padded_programs, shift),
        "msametfl": _embedded(_JW_ID, padded_programs, shift),
        "filename": _compose(_embedded(_JW_ID, padded_programs, shift), _mark_filename(k)),
    }
    return frame.with_columns(
        _replace_column(frame, column, value_map)
        for column, value_map in maps.items()
        if column in frame.columns
    )


def scale_pool(frame: pl.DataFrame, factor: int) -> pl.DataFrame:
    """Concatenate ``factor`` consistent copies of an all-string pool frame.

    Parameters
    ----------
    frame
        A pool with string columns, as read by :func:`read_pool_strings`.
    factor
        Number of copies, at least 1; copy 0 is ``frame`` unchanged.

    Returns
    -------
    pl.DataFrame
        ``factor * frame.height`` rows with the columns of ``frame``.

    Examples
    --------
    >>> pool = pl.DataFrame({
    ...     "filename": ["jw_00001_uncal.fits", "jw_00002_uncal.fits"],
    ...     "program": ["99009", "99009"],
    ...     "obs_num": ["1", "2"],
    ...     "asn_candidate": [
    ...         "[('o001', 'observation')]",
    ...         "[('o002', 'observation'), ('c1000', 'mosaic')]",
    ...     ],
    ... })
    >>> scaled = scale_pool(pool, 2)
    >>> scaled.get_column("filename").to_list()[2:]
    ['jw_00001_k1_uncal.fits', 'jw_00002_k1_uncal.fits']
    >>> scaled.get_column("asn_candidate").to_list()[3]
    "[('o252', 'observation'), ('c1250', 'mosaic')]"
    >>> scale_pool(pool, 5).get_column("program").to_list()[-1]
    '20000'
    """
    if factor < 1:
        raise ValueError(f"{factor=} must be at least 1")
    if factor == 1:
        return frame
    _check_ranges(frame)
    programs = _program_numbers(frame)
    groups = math.ceil(factor / COPIES_PER_PROGRAM) - 1
    fresh = _fresh_programs(programs, groups * len(programs))
    return pl.concat([_copy(frame, k, programs, fresh) for k in range(factor)], how="vertical")


def read_pool_strings(path: Path) -> pl.DataFrame:
    """Read a ``|``-separated pool file as all-string columns, dropping ``#`` comment lines."""
    return pl.read_csv(
        path,
        separator="|",
        comment_prefix="#",
        quote_char=None,
        infer_schema=False,
    )


def write_pool(frame: pl.DataFrame, dst: Path) -> None:
    """Write ``frame`` to ``dst`` as a ``|``-separated pool with a header line and no quoting."""
    dst.parent.mkdir(parents=True, exist_ok=True)
    frame.write_csv(dst, separator="|", quote_style="never")


def scale_pool_file(src: Path, dst: Path, factor: int) -> None:
    """Write ``factor`` copies of the pool at ``src`` to ``dst`` (``|``-separated, with header)."""
    write_pool(scale_pool(read_pool_strings(src), factor), dst)


def corpus_pool(name: str) -> Path:
    """Path of corpus pool ``name`` (e.g. ``"mega_pool"``) under ``tests/corpus/pools``."""
    path = _CORPUS_POOLS / f"{name}.csv"
    if not path.is_file():
        raise FileNotFoundError(
            f"corpus pool {path} not found; vendor the corpus pools into tests/corpus/pools"
        )
    return path


def synthetic_pool(rows: int, source: Path | None = None) -> pl.DataFrame:
    """A pool of exactly ``rows`` rows: copies of mega_pool (or ``source``), the last one cut short.

    Parameters
    ----------
    rows
        Number of rows wanted, at least 1 (100,000 is the benchmark size).
    source
        Pool file to scale; defaults to ``tests/corpus/pools/mega_pool.csv``.

    Returns
    -------
    pl.DataFrame
        The first ``rows`` rows of ``ceil(rows / height)`` copies.
    """
    if rows < 1:
        raise ValueError(f"{rows=} must be at least 1")
    frame = read_pool_strings(corpus_pool("mega_pool") if source is None else source)
    return scale_pool(frame, math.ceil(rows / frame.height)).head(rows)
