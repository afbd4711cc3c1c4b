"""Association documents as files hold them: reading, schema checks and member look-ups.

The tools that rewrite associations (``edit``, ``gather``) work on the parsed document, a plain
dict in file key order, so that keys asnfp's structs do not know survive the round trip. The
checks here accept and reject the files the reference's ``load_asn`` accepts and rejects.
"""

from __future__ import annotations

import json
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any, Final, Literal

from returns.result import Failure, Result, Success

from asnfp.errors import AssociationFileError
from asnfp.io import loads
from asnfp.io import validate as validate_schema

__all__ = (
    "dump_document",
    "member_path",
    "members",
    "missing_members",
    "parse_document",
    "read_document",
    "validate_document",
    "validate_file",
)

_YAML_SUFFIXES: Final = (".yaml", ".yml")


def read_document(path: Path) -> Result[dict[str, Any], AssociationFileError]:
    """The parsed association file, keys in file order, without schema checks.

    JSON is tried first (YAML first for ``.yaml``/``.yml`` names), then YAML, as the reference
    reads older files.

    Parameters
    ----------
    path
        The association file.

    Returns
    -------
    Result[dict[str, Any], AssociationFileError]
        The document, or why it cannot be read or is not a mapping.

    Examples
    --------
    >>> read_document(Path("/no/such/file.json")).failure().describe()
    '/no/such/file.json: cannot read the file: No such file or directory'
    """
    name = str(path)
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeError) as exc:
        reason = exc.strerror if isinstance(exc, OSError) and exc.strerror else str(exc)
        return Failure(AssociationFileError(file=name, message=f"cannot read the file: {reason}"))
    return parse_document(text, name)


def parse_document(text: str, name: str) -> Result[dict[str, Any], AssociationFileError]:
    """The parsed text of an association file; see ``read_document``."""
    if name.lower().endswith(_YAML_SUFFIXES):
        return _from_yaml(text, name)
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        fallback = _from_yaml(text, name)
        if isinstance(fallback, Success):
            return fallback
        return Failure(AssociationFileError(file=name, message=f"not JSON: {exc}"))
    return _mapping(data, name, "JSON")


def _from_yaml(text: str, name: str) -> Result[dict[str, Any], AssociationFileError]:
    """The document of YAML text."""
    import yaml  # only older association files are YAML

    try:
        data = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        message = " ".join(str(exc).split())
        return Failure(AssociationFileError(file=name, message=f"not YAML: {message}"))
    return _mapping(data, name, "YAML")


def _mapping(data: object, name: str, kind: str) -> Result[dict[str, Any], AssociationFileError]:
    """The document when it is a mapping with string keys."""
    if isinstance(data, dict) and all(isinstance(key, str) for key in data):
        return Success(data)
    got = "an empty file" if data is None else f"a {type(data).__name__}"
    return Failure(AssociationFileError(file=name, message=f"expected a {kind} object, got {got}"))


def validate_document(
    data: Mapping[str, Any], name: str
) -> Result[Literal[2, 3], AssociationFileError]:
    """Check a document as the reference's ``load_asn`` does; the level it would load as.

    The schemas do not require members to be objects, but the reference fails on any that
    is not, so that is an error here too.

    Examples
    --------
    >>> validate_document({"products": [{"name": "p", "members": []}]}, "a.json")
    <Success: 2>
    >>> validate_document({"products": [{"members": ["x"]}]}, "a.json").failure().message
    'not a valid association: products[0].members[0]: expected an object, got str'
    """
    return validate_schema(data, name=name).bind(
        lambda level: _members_are_objects(data, name, level)
    )


def _members_are_objects(
    data: Mapping[str, Any], name: str, level: Literal[2, 3]
) -> Result[Literal[2, 3], AssociationFileError]:
    """The level, when every member of every product is an object."""
    for p, product in enumerate(data["products"]):
        for m, member in enumerate(product["members"]):
            if not isinstance(member, dict):
                where = f"products[{p}].members[{m}]"
                message = f"not a valid association: {where}: expected an object, got "
                return Failure(
                    AssociationFileError(file=name, message=message + type(member).__name__)
                )
    return Success(level)


def members(data: Mapping[str, Any]) -> Iterator[Mapping[str, Any]]:
    """Every member of every product of a validated document, in order."""
    for product in data["products"]:
        yield from product["members"]


def member_path(expname: str, folder: Path) -> Path:
    """Where a member lives: ``folder / expname`` (an absolute expname stays as it is)."""
    return folder / expname


def missing_members(data: Mapping[str, Any], folder: Path) -> tuple[str, ...]:
    """The expnames of a validated document that name no file, relative to ``folder``.

    Each name is listed once, in document order.
    """
    names = dict.fromkeys(str(member.get("expname", "")) for member in members(data))
    return tuple(name for name in names if not member_path(name, folder).is_file())


def validate_file(
    path: Path, *, check_members: bool = False, strict: bool = False
) -> Result[Literal[2, 3], AssociationFileError]:
    """Validate an association file; its level when valid.

    Parameters
    ----------
    path
        The association file.
    check_members
        Also require every member file to exist, relative to the association's folder.
    strict
        Also require the document to load as an asnfp association (string fields where the
        schemas allow anything, every product named), as asnfp's own tools read it.

    Returns
    -------
    Result[Literal[2, 3], AssociationFileError]
        2 or 3, or the first problem found.
    """
    return read_document(path).bind(lambda data: _checked(data, path, check_members, strict))


def _checked(
    data: dict[str, Any], path: Path, check_members: bool, strict: bool
) -> Result[Literal[2, 3], AssociationFileError]:
    """The level of a parsed document after the optional checks."""
    name = str(path)
    result = validate_document(data, name)
    if isinstance(result, Failure):
        return result
    if strict:
        loaded = loads(dump_document(data), name=name)
        if isinstance(loaded, Failure):
            return Failure(loaded.failure())
    if check_members:
        missing = missing_members(data, path.parent)
        if missing:
            listed = ", ".join(missing)
            word = "file" if len(missing) == 1 else "files"
            return Failure(
                AssociationFileError(file=name, message=f"member {word} not found: {listed}")
            )
    return result


def dump_document(data: Mapping[str, Any]) -> str:
    """A document as JSON text, in the reference's layout (4-space indent, no final newline)."""
    return json.dumps(data, indent=4, separators=(",", ": "))

