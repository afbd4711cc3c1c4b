"""Reading associations: JSON or YAML text to a validated association struct."""

from __future__ import annotations

import json
import os
import re
from collections.abc import Mapping
from pathlib import Path
from typing import IO, Any, Final, Literal

import msgspec
from returns.result import Failure, Result, Success

from asnfp.association import INTERNAL_FIELDS, Association, Level2Association, Level3Association
from asnfp.errors import AssociationFileError, raise_error
from asnfp.io._validate import json_type, shorten, validate
from asnfp.io._write import os_reason

__all__ = ("MISSING_TOP_LEVEL", "load", "load_asn", "loads")

MISSING_TOP_LEVEL: Final[Mapping[str, str]] = {"asn_type": "None", "asn_rule": "Association"}
"""Values for the two struct fields without defaults when a file lacks them."""

_STANDARD_NAME: Final = re.compile(r"jw.*_(\d{5})_asn\.(?:json|ya?ml)", re.IGNORECASE)
_YAML_SUFFIXES: Final = (".yaml", ".yml")
# libyaml's parser builds the same documents as the pure-Python one, many times faster.


def loads(text: str, *, name: str = "<string>") -> Result[Association, AssociationFileError]:
    """Parse, validate and build an association from the text of a file.

    Parameters
    ----------
    text
        JSON, or YAML for older files.
    name
        The file name: used in error messages, to choose YAML (suffix ``.yaml``/``.yml``;
        otherwise YAML is tried only when the text is not JSON) and to find the ``sequence``.

    Returns
    -------
    Result[Association, AssociationFileError]
        The association, or the first problem found, with the JSON path at fault.

    Examples
    --------
    >>> text = '{"asn_type": "image3", "asn_rule": "r", "products": []}'
    >>> loads(text).unwrap().level
    3
    >>> loads('{"products": [{"members": [{"expname": "a.fits"}]}]}').failure().describe()
    "<string>: not a valid association: products[0].members[0]: 'exptype' is a required property"
    """
    return _parse(text, name).bind(lambda data: _build(data, name))


def load(
    source: str | os.PathLike[str] | IO[str],
) -> Result[Association, AssociationFileError]:
    """Read an association from a path or an open text file; see ``loads``.

    Unlike the reference, a ``str`` is a path, never the text itself. An open file is read from
    its current position, and its ``name`` (if any) serves as the file name.
    """
    if isinstance(source, str | os.PathLike):
        name = os.fspath(source)
        try:
            text = Path(name).read_text(encoding="utf-8")
        except (OSError, UnicodeError) as exc:
            return Failure(
                AssociationFileError(file=name, message=f"cannot read the file: {os_reason(exc)}")
            )
    else:
        handle_name = getattr(source, "name", None)
        name = handle_name if isinstance(handle_name, str) else "<file>"
        try:
            text = source.read()
        except (OSError, UnicodeError) as exc:
            return Failure(
                AssociationFileError(file=name, message=f"cannot read the file: {os_reason(exc)}")
            )
    return loads(text, name=name)


def load_asn(path_or_file: str | os.PathLike[str] | IO[str]) -> Association:
    """Read an association from a path or an open text file, raising if it is not valid.

    Raises
    ------
    asnfp.errors.AssociationInvalidError
        The file cannot be read, parsed or validated; the message names the file, the problem
        and the JSON path at fault.
    """
    result = load(path_or_file)
    if isinstance(result, Failure):
        raise raise_error(result.failure())
    return result.unwrap()


def _parse(text: str, name: str) -> Result[dict[str, Any], AssociationFileError]:
    """The document as a dict, from JSON or YAML text."""
    if name.lower().endswith(_YAML_SUFFIXES):
        return _parse_yaml(text, name)
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        # Older association files are YAML; keep the JSON complaint if YAML gives no mapping.
        fallback = _parse_yaml(text, name)
        if isinstance(fallback, Success):
            return fallback
        return Failure(AssociationFileError(file=name, message=f"not JSON: {exc}"))
    return _as_object(data, name, "JSON")


def _parse_yaml(text: str, name: str) -> Result[dict[str, Any], AssociationFileError]:
    """The document as a dict, from YAML text."""
    try:
        import yaml  # only older association files are YAML

        loader = yaml.CSafeLoader if yaml.__with_libyaml__ else yaml.SafeLoader
        data = yaml.load(text, Loader=loader)
    except yaml.YAMLError as exc:
        message = " ".join(str(exc).split())
        return Failure(AssociationFileError(file=name, message=f"not YAML: {message}"))
    return _as_object(data, name, "YAML")


def _as_object(data: object, name: str, kind: str) -> Result[dict[str, Any], AssociationFileError]:
    """The parsed document if it is a mapping with string keys."""
    if isinstance(data, dict) and all(isinstance(key, str) for key in data):
        return Success(data)
    got = "a mapping with non-string keys" if isinstance(data, dict) else json_type(data)
    return Failure(AssociationFileError(file=name, message=f"expected a {kind} object, got {got}"))


def _build(data: dict[str, Any], name: str) -> Result[Association, AssociationFileError]:
    """The association struct for a parsed document."""
    return validate(data, name=name).bind(lambda level: _convert(data, level, name))


def _convert(
    data: dict[str, Any], level: Literal[2, 3], name: str
) -> Result[Association, AssociationFileError]:
    """Build the struct of ``level``, keeping only keys the struct serializes."""
    fields = (
        Level3Association.__struct_fields__ if level == 3 else Level2Association.__struct_fields__
    )
    known = {key: value for key, value in data.items() if key in fields}
    for key in INTERNAL_FIELDS:
        known.pop(key, None)
    fields_data = {**MISSING_TOP_LEVEL, **known, "sequence": _sequence(name)}
    try:
        if level == 3:
            return Success(msgspec.convert(fields_data, type=Level3Association))
        return Success(msgspec.convert(fields_data, type=Level2Association))
    except msgspec.ValidationError as exc:
        return Failure(
            AssociationFileError(file=name, message=f"not a valid association: {_msgspec(exc)}")
        )


def _sequence(name: str) -> int:
    """The sequence number in a standard association file name, else 1."""
    match = _STANDARD_NAME.fullmatch(Path(name).name)
    return int(match.group(1)) if match else 1


def _msgspec(exc: msgspec.ValidationError) -> str:
    """``path: message`` for a struct conversion error."""
    text = str(exc)
    message, _, where = text.rpartition(" - at `$")
    if not message:
        return shorten(text)
    path = where.removesuffix("`").removeprefix(".")
    return f"{path}: {message}" if path else message
