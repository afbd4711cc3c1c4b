"""Writing associations: the reference's file names and layout, and atomic file writes."""

from __future__ import annotations

import contextlib
import itertools
import json
import os
from pathlib import Path
from typing import Literal

import msgspec
from returns.result import Failure, Result, Success

from asnfp.association import Association, file_stem, to_dict
from asnfp.errors import AssociationFileError

__all__ = ("dump", "os_reason", "write_atomic")

_SERIAL = itertools.count()
_CREATE = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_CLOEXEC", 0)


def dump(asn: Association, format: Literal["json", "yaml"] = "json") -> tuple[str, str]:
    """The file name and text of an association, as the reference writes them.

    Parameters
    ----------
    asn
        The association to write.
    format : {'json', 'yaml'}
        ``'json'``: the reference's JSON layout, keys in written order. ``'yaml'``:
        ``yaml.dump(..., default_flow_style=False)``, keys sorted.

    Returns
    -------
    tuple[str, str]
        ``file_stem(asn)`` plus ``.json`` or ``.yaml``, and the text.

    Examples
    --------
    >>> from asnfp.association import Level2Association
    >>> name, text = dump(Level2Association(asn_type="image2", asn_rule="r", asn_id="o001"))
    >>> name
    'jwnoprogram-o001_image2_00001_asn.json'
    >>> text.splitlines()[1]
    '    "asn_type": "image2",'
    """
    data = to_dict(asn)
    stem = file_stem(asn)
    match format:
        case "json":
            return f"{stem}.json", _json_text(data)
        case "yaml":
            import yaml  # deprecated format, rarely asked for

            text: str = yaml.dump(data, default_flow_style=False)
            return f"{stem}.yaml", text
        case _:
            raise ValueError(f"{format=} is not one of 'json', 'yaml'")


def _json_text(data: object) -> str:
    """``json.dumps(data, indent=4, separators=(",", ": "))``, by a faster encoder.

    Association data holds only strings, integers, booleans and None, for which msgspec
    writes the same text when it is ASCII; non-ASCII text (which ``json`` escapes) and
    values msgspec refuses go through ``json`` itself.
    """
    try:
        text = msgspec.json.format(msgspec.json.encode(data), indent=4).decode()
    except (msgspec.MsgspecError, TypeError, ValueError):
        text = ""
    if text and text.isascii():
        return text
    return json.dumps(data, indent=4, separators=(",", ": "))


def write_atomic(directory: Path, name: str, text: str) -> Result[Path, AssociationFileError]:
    """Write ``text`` to ``directory / name`` in one step, replacing any existing file.

    The text goes to a hidden temporary file in the same directory, which is then renamed over
    the target, so readers never see a partial file and a failure leaves the target untouched.

    Parameters
    ----------
    directory
        An existing directory.
    name
        A plain file name, without directory parts.
    text
        The content, written as UTF-8.

    Returns
    -------
    Result[Path, AssociationFileError]
        The path written, or why nothing was.

    Examples
    --------
    >>> import tempfile
    >>> with tempfile.TemporaryDirectory() as tmp:
    ...     write_atomic(Path(tmp), "a.json", "{}").map(Path.read_text)
    <Success: {}>
    >>> write_atomic(Path("/nonexistent"), "a.json", "{}").failure().message
    'cannot write the file: No such file or directory'
    """
    target = directory / name
    if not is_plain_name(name):
        return Failure(
            AssociationFileError(file=str(target), message=f"{name=} is not a plain file name")
        )
    try:
        data = text.encode("utf-8")
        descriptor, temporary = _temporary(os.fspath(directory), name)
        try:
            write_and_close(descriptor, data)
            os.replace(temporary, target)
        except BaseException:
            with contextlib.suppress(OSError):
                os.unlink(temporary)
            raise
    except (OSError, UnicodeError) as exc:
        return Failure(
            AssociationFileError(
                file=str(target), message=f"cannot write the file: {os_reason(exc)}"
            )
        )
    return Success(target)


def is_plain_name(name: str) -> bool:
    """``name`` names a file directly inside a folder (no folder parts, not . or ..)."""
    return bool(name) and "/" not in name and os.sep not in name and name not in (".", "..")


def write_and_close(descriptor: int, data: bytes) -> None:
    """Write all of ``data`` to an open file, then close it (also when writing fails)."""
    try:
        view = memoryview(data)
        while view:
            view = view[os.write(descriptor, view) :]
    finally:
        os.close(descriptor)


def _temporary(directory: str, name: str) -> tuple[int, str]:
    """A new hidden file beside ``name``, open for writing: its descriptor and path.

    Names are unique per process (pid and a counter); ``O_EXCL`` skips any left over.
    """
    while True:
        path = os.path.join(directory, f".{name}.{os.getpid()}-{next(_SERIAL)}.tmp")
        try:
            # Mode 0o666 lets the umask decide, as a plain open() would; tempfile.mkstemp
            # would leave the file readable by its owner only.
            return os.open(path, _CREATE, 0o666), path
        except FileExistsError:
            continue


def os_reason(exc: Exception) -> str:
    """The cause of an I/O error without the repeated file name."""
    if isinstance(exc, OSError) and exc.strerror:
        return exc.strerror
    return str(exc)
