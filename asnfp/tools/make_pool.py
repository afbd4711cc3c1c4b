"""Association pools made from exposure FITS headers (the reference's ``asn_make_pool``).

Every header keyword becomes a column (lower case, sorted; ``COMMENT``, ``HISTORY`` and blank
keywords left out), every cell is text, and a file without a keyword gets ``null``. Columns the
headers cannot give are added with these values: ``asn_candidate`` (the exposure's observation,
plus any given candidates), ``dms_note``, ``is_imprt``, ``pntgtype`` (from the options),
``targetid`` (a number per target name), ``mostilno`` and ``dithptin`` (``1``). FITS headers
are read with astropy, an optional dependency (the ``asnfp[models]`` extra).
"""

from __future__ import annotations

import ast
import io
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Final

import msgspec
from returns.result import Failure, Result, Success

from asnfp.errors import PoolError
from asnfp.io import write_atomic

__all__ = ("Exposure", "PoolTable", "make_pool", "pool_table", "pool_text", "read_header")

IGNORED_KEYWORDS: Final = frozenset({"", "COMMENT", "HISTORY"})
FIXED: Final[Mapping[str, str]] = {"mostilno": "1", "dithptin": "1"}
MISSING: Final = "null"
_EXTRA_HINT: Final = "reading FITS headers needs astropy: pip install 'asnfp[models]'"


class Exposure(msgspec.Struct, frozen=True, kw_only=True):
    """One exposure's header: keywords (as written, in header order) and their values as text."""

    file: str
    cards: tuple[tuple[str, str], ...]


class PoolTable(msgspec.Struct, frozen=True, kw_only=True):
    """A pool as columns and rows of text, ready to write."""

    columns: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]


def read_header(path: str) -> Result[Exposure, PoolError]:
    """The primary header of a FITS file, each value as Python's ``str`` gives it.

    ``FILENAME`` is set to ``path`` as given, whatever the header says.
    """
    try:
        from astropy.io import fits
    except ImportError:
        return Failure(PoolError(file=path, message=_EXTRA_HINT))
    try:
        header = fits.getheader(path)
    except (OSError, ValueError, TypeError, IndexError) as exc:
        reason = exc.strerror if isinstance(exc, OSError) and exc.strerror else str(exc)
        return Failure(PoolError(file=path, message=f"cannot read a FITS header: {reason}"))
    cards = [(str(keyword), str(value)) for keyword, value in header.items()]
    cards = [card for card in cards if card[0] != "FILENAME"] + [("FILENAME", path)]
    return Success(Exposure(file=path, cards=tuple(cards)))


def pool_table(
    exposures: Sequence[Exposure],
    *,
    asn_candidate: str | None = None,
    dms_note: str = "",
    is_imprt: str = "f",
    pntgtype: str = "science",
) -> Result[PoolTable, PoolError]:
    """The pool of some exposures.

    Parameters
    ----------
    exposures
        The headers, in pool row order.
    asn_candidate
        Extra candidates for every exposure, as a list literal such as
        ``"[('c1000', 'background')]"``; written after the observation candidate as given.
    dms_note, is_imprt, pntgtype
        The values of these columns in every row.

    Returns
    -------
    Result[PoolTable, PoolError]
        The table, or the file lacking ``OBSERVTN`` or ``TARGNAME``, or a bad candidate list.

    Examples
    --------
    >>> cards = (("OBSERVTN", "001"), ("TARGNAME", "M31"), ("EXP_TYPE", "NRC_IMAGE"))
    >>> table = pool_table([Exposure(file="a.fits", cards=cards)]).unwrap()
    >>> dict(zip(table.columns, table.rows[0]))["asn_candidate"]
    "[('o001', 'observation')]"
    """
    extra = _extra_candidates(asn_candidate)
    if isinstance(extra, Failure):
        return Failure(extra.failure())
    fixed = {"dms_note": dms_note, "is_imprt": is_imprt, "pntgtype": pntgtype, **FIXED}
    names = {keyword.lower() for e in exposures for keyword, _ in e.cards}
    names -= {keyword.lower() for keyword in IGNORED_KEYWORDS}
    columns = tuple(sorted(names | set(fixed) | {"asn_candidate", "targetid"}))
    targets: dict[str, int] = {}
    rows: list[tuple[str, ...]] = []
    for exposure in exposures:
        cells = {
            keyword.lower(): value
            for keyword, value in exposure.cards
            if keyword not in IGNORED_KEYWORDS
        }
        for keyword in ("observtn", "targname"):
            if keyword not in cells:
                return Failure(
                    PoolError(
                        file=exposure.file,
                        message=f"the header has no {keyword.upper()} keyword",
                        column=keyword,
                    )
                )
        cells.update(fixed)
        observation = f"('o{cells['observtn']}', 'observation')"
        cells["asn_candidate"] = f"[{observation}{extra.unwrap()}]"
        cells["targetid"] = str(targets.setdefault(cells["targname"], len(targets) + 1))
        rows.append(tuple(cells.get(column, MISSING) for column in columns))
    return Success(PoolTable(columns=columns, rows=tuple(rows)))


def _extra_candidates(text: str | None) -> Result[str, PoolError]:
    """The text that follows the observation candidate: ``, `` and the given list's items."""
    if text is None:
        return Success("")
    problem = PoolError(
        file="--asn-candidate",
        message=f"{text!r} is not a list of (id, type) pairs, "
        "such as \"[('c1000', 'background')]\"",
    )
    try:
        value = ast.literal_eval(text)
    except (ValueError, SyntaxError, TypeError, MemoryError, RecursionError):
        return Failure(problem)
    pairs_ok = isinstance(value, list) and all(
        isinstance(pair, tuple) and len(pair) == 2 and all(isinstance(p, str) for p in pair)
        for pair in value
    )
    stripped = text.strip()
    if not pairs_ok or not stripped.startswith("["):
        return Failure(problem)
    if not value:
        return Success("")
    # The reference splices the given text in after its first character, spacing kept.
    return Success(", " + stripped[1:-1].strip())


def pool_text(table: PoolTable) -> Result[str, PoolError]:
    """The pool file text: ``|``-separated, written by astropy as the reference writes it."""
    try:
        from astropy.table import Table
    except ImportError:
        return Failure(PoolError(file="<pool>", message=_EXTRA_HINT))
    frame = Table(names=table.columns, dtype=[object] * len(table.columns))
    for row in table.rows:
        frame.add_row(row)
    buffer = io.StringIO()
    frame.write(buffer, format="ascii", delimiter="|")
    return Success(buffer.getvalue())


def make_pool(
    pool: Path,
    files: Sequence[str],
    *,
    asn_candidate: str | None = None,
    dms_note: str = "",
    is_imprt: str = "f",
    pntgtype: str = "science",
) -> Result[Path, PoolError]:
    """Read the headers of ``files`` and write their pool to ``pool``, replacing it.

    Returns
    -------
    Result[Path, PoolError]
        The pool written, or the first file that cannot be used; nothing is written then.
    """
    exposures: list[Exposure] = []
    for file in files:
        header = read_header(file)
        if isinstance(header, Failure):
            return Failure(header.failure())
        exposures.append(header.unwrap())
    text = pool_table(
        exposures,
        asn_candidate=asn_candidate,
        dms_note=dms_note,
        is_imprt=is_imprt,
        pntgtype=pntgtype,
    ).bind(pool_text)
    if isinstance(text, Failure):
        return Failure(text.failure())
    written = write_atomic(pool.parent, pool.name, text.unwrap())
    if isinstance(written, Failure):
        error = written.failure()
        return Failure(PoolError(file=error.file, message=error.message))
    return Success(written.unwrap())
