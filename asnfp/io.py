"""Association files: writing them as the reference does, reading and validating them.

Writing reproduces the reference layout byte for byte: ``json.dumps`` with a 4-space indent,
``", "``/``": "`` separators, ASCII escapes and no trailing newline.

Reading accepts JSON, and YAML for older files. A document is valid when the vendored Level 2b
or Level 3 schema (``asnfp/schemas``) accepts it. Which struct it becomes:

- ``Level3Association`` when the Level 3 schema accepts it and either its ``asn_type`` is a
  Level 3 type (``image3``, ``spec3``, ``coron3``, ``ami3``, ``tso3``, ``wfs-image3``) or its
  ``target`` key comes before its ``asn_pool`` key (the order Level 3 associations are written
  in);
- ``Level2Association`` otherwise.

What a loaded struct holds:

- every key of the file that the structs know; keys they do not know (the schemas allow any)
  are dropped, silently, at every level;
- member keys absent from the file (``exposerr``, ``asn_candidate``) stay ``UNSET``, so they are
  not written back; ``exposerr: null`` stays ``None``;
- absent top-level keys take the struct defaults, and are then written on dump; an absent
  ``asn_type`` becomes ``"None"`` and an absent ``asn_rule`` ``"Association"``, the values the
  reference gives a generic association;
- ``sequence`` (not a key of the file) is parsed from a standard file name,
  ``jw..._<type>_<NNNNN>_asn.json`` (or ``.yaml``/``.yml``), and is 1 otherwise.
"""

from __future__ import annotations

import contextlib
import json
import os
import re
import uuid
from collections.abc import Iterable, Mapping
from functools import cache
from importlib import resources
from pathlib import Path
from typing import IO, Any, Final, Literal

import jsonschema
import msgspec
import yaml
from jsonschema.exceptions import ValidationError, relevance
from returns.result import Failure, Result, Success

from asnfp.association import (
    INTERNAL_FIELDS,
    Association,
    Level2Association,
    Level3Association,
    file_stem,
    to_dict,
)
from asnfp.errors import AssociationFileError, raise_error

__all__ = ("dump", "load", "load_asn", "loads", "validate", "write_atomic")

LEVEL3_TYPES: Final = frozenset({"image3", "spec3", "coron3", "ami3", "tso3", "wfs-image3"})
"""The ``asn_type`` values that make a schema-valid document a Level 3 association."""

MISSING_TOP_LEVEL: Final[Mapping[str, str]] = {"asn_type": "None", "asn_rule": "Association"}
"""Values for the two struct fields without defaults when a file lacks them."""

_SCHEMA_FILES: Final[Mapping[int, str]] = {
    2: "asn_schema_jw_level2b.json",
    3: "asn_schema_jw_level3.json",
}
_STANDARD_NAME: Final = re.compile(r"jw.*_(\d{5})_asn\.(?:json|ya?ml)", re.IGNORECASE)
_YAML_SUFFIXES: Final = (".yaml", ".yml")
_MESSAGE_LIMIT: Final = 200
# libyaml's parser builds the same documents as the pure-Python one, many times faster.
_YAML_LOADER: Final = yaml.CSafeLoader if yaml.__with_libyaml__ else yaml.SafeLoader


# --- writing ---------------------------------------------------------------------------------


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
            return f"{stem}.json", json.dumps(data, indent=4, separators=(",", ": "))
        case "yaml":
            text: str = yaml.dump(data, default_flow_style=False)
            return f"{stem}.yaml", text
        case _:
            raise ValueError(f"{format=} is not one of 'json', 'yaml'")


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
    if not name or Path(name).name != name:
        return Failure(
            AssociationFileError(file=str(target), message=f"{name=} is not a plain file name")
        )
    temporary = directory / f".{name}.{uuid.uuid4().hex[:12]}.tmp"
    try:
        data = text.encode("utf-8")
        # os.open with 0o666 lets the umask decide the mode, as a plain open() would;
        # tempfile.mkstemp would leave the file readable by its owner only.
        descriptor = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666)
        try:
            with os.fdopen(descriptor, "wb") as handle:
                handle.write(data)
            os.replace(temporary, target)
        except BaseException:
            with contextlib.suppress(OSError):
                temporary.unlink()
            raise
    except (OSError, UnicodeError) as exc:
        return Failure(
            AssociationFileError(file=str(target), message=f"cannot write the file: {_reason(exc)}")
        )
    return Success(target)


# --- reading ---------------------------------------------------------------------------------


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
                AssociationFileError(file=name, message=f"cannot read the file: {_reason(exc)}")
            )
    else:
        handle_name = getattr(source, "name", None)
        name = handle_name if isinstance(handle_name, str) else "<file>"
        try:
            text = source.read()
        except (OSError, UnicodeError) as exc:
            return Failure(
                AssociationFileError(file=name, message=f"cannot read the file: {_reason(exc)}")
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


def validate(
    data: Mapping[str, Any], *, name: str = "<string>"
) -> Result[Literal[2, 3], AssociationFileError]:
    """Check a parsed document against the schemas and say which association level it is.

    Parameters
    ----------
    data
        The parsed document, keys in file order (the order can decide the level).
    name
        The file name, for error messages.

    Returns
    -------
    Result[Literal[2, 3], AssociationFileError]
        3 for a ``Level3Association`` and 2 for a ``Level2Association`` (see the module
        docstring for the rule), or the schema's objection, with the JSON path at fault.

    Examples
    --------
    >>> validate({"asn_type": "spec2", "products": []})
    <Success: 2>
    >>> validate({"asn_id": "o001", "target": "t001", "asn_pool": "p", "products": []})
    <Success: 3>
    >>> validate({"asn_type": "spec2"}).failure().message
    "not a valid association: 'products' is a required property"
    """
    # The shape test is cheap and most documents are Level 2: skip the second schema for them.
    if _looks_level3(data) and _first_error(_validator(3), data) is None:
        return Success(3)
    error = _first_error(_validator(2), data)
    if error is None:
        return Success(2)
    return Failure(AssociationFileError(file=name, message=f"not a valid association: {error}"))


# --- helpers ---------------------------------------------------------------------------------


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
        data = yaml.load(text, Loader=_YAML_LOADER)
    except yaml.YAMLError as exc:
        message = " ".join(str(exc).split())
        return Failure(AssociationFileError(file=name, message=f"not YAML: {message}"))
    return _as_object(data, name, "YAML")


def _as_object(data: object, name: str, kind: str) -> Result[dict[str, Any], AssociationFileError]:
    """The parsed document if it is a mapping with string keys."""
    if isinstance(data, dict) and all(isinstance(key, str) for key in data):
        return Success(data)
    got = "a mapping with non-string keys" if isinstance(data, dict) else _json_type(data)
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


def _looks_level3(data: Mapping[str, Any]) -> bool:
    """Whether a document that the Level 3 schema accepts is a Level 3 association."""
    if data.get("asn_type") in LEVEL3_TYPES:
        return True
    if "target" not in data or "asn_pool" not in data:
        return False
    keys = list(data)
    return keys.index("target") < keys.index("asn_pool")


@cache
def _validator(level: int) -> jsonschema.Draft4Validator:
    """The compiled validator of a vendored schema."""
    text = resources.files("asnfp").joinpath("schemas", _SCHEMA_FILES[level]).read_text("utf-8")
    return jsonschema.Draft4Validator(json.loads(text))


def _first_error(validator: jsonschema.Draft4Validator, data: Mapping[str, Any]) -> str | None:
    """The most relevant schema error, described, or None when the document is valid."""
    errors = sorted(validator.iter_errors(data), key=relevance)
    if not errors:
        return None
    # relevance sorts the most relevant error last.
    best = _describe(errors[-1])
    more = len(errors) - 1
    return best if not more else f"{best} (and {more} more problem{'s' if more > 1 else ''})"


def _describe(error: ValidationError) -> str:
    """``path: message`` for one schema error, without dumping a large instance."""
    if error.validator == "type":
        message = f"expected {error.validator_value}, got {_json_type(error.instance)}"
    else:
        message = _shorten(error.message)
    path = _json_path(error.absolute_path)
    return f"{path}: {message}" if path else message


def _msgspec(exc: msgspec.ValidationError) -> str:
    """``path: message`` for a struct conversion error."""
    text = str(exc)
    message, _, where = text.rpartition(" - at `$")
    if not message:
        return _shorten(text)
    path = where.removesuffix("`").removeprefix(".")
    return f"{path}: {message}" if path else message


def _json_path(parts: Iterable[str | int]) -> str:
    """A JSON path written as ``products[0].members[2]``."""
    path = ""
    for part in parts:
        if isinstance(part, int):
            path += f"[{part}]"
        else:
            path += f".{part}" if path else part
    return path


def _json_type(value: object) -> str:
    """The JSON name of a parsed value's type."""
    match value:
        case None:
            return "null"
        case bool():
            return "boolean"
        case int():
            return "integer"
        case float():
            return "number"
        case str():
            return "string"
        case list():
            return "array"
        case dict():
            return "object"
        case _:
            return type(value).__name__


def _shorten(message: str) -> str:
    """A message cut to a readable length."""
    return message if len(message) <= _MESSAGE_LIMIT else message[: _MESSAGE_LIMIT - 3] + "..."


def _reason(exc: Exception) -> str:
    """The cause of an I/O error without the repeated file name."""
    if isinstance(exc, OSError) and exc.strerror:
        return exc.strerror
    return str(exc)
