"""Schema validation of parsed association documents, and the Level 2 / Level 3 decision."""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from functools import cache
from importlib import resources
from typing import TYPE_CHECKING, Any, Final, Literal

from returns.result import Failure, Result, Success

from asnfp.errors import AssociationFileError

if TYPE_CHECKING:
    import jsonschema
    from jsonschema.exceptions import ValidationError

__all__ = ("LEVEL3_TYPES", "json_type", "shorten", "validate")

LEVEL3_TYPES: Final = frozenset({"image3", "spec3", "coron3", "ami3", "tso3", "wfs-image3"})
"""The ``asn_type`` values that make a schema-valid document a Level 3 association."""

_SCHEMA_FILES: Final[Mapping[int, str]] = {
    2: "asn_schema_jw_level2b.json",
    3: "asn_schema_jw_level3.json",
}
_MESSAGE_LIMIT: Final = 200


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


def _looks_level3(data: Mapping[str, Any]) -> bool:
    """Whether a document is shaped as a Level 3 association (the schema is checked apart)."""
    # Checked before the schema, so asn_type may be any JSON value, unhashable ones included.
    asn_type = data.get("asn_type")
    if isinstance(asn_type, str) and asn_type in LEVEL3_TYPES:
        return True
    if "target" not in data or "asn_pool" not in data:
        return False
    keys = list(data)
    return keys.index("target") < keys.index("asn_pool")


@cache
def _validator(level: int) -> jsonschema.Draft4Validator:
    """The compiled validator of a vendored schema."""
    text = resources.files("asnfp").joinpath("schemas", _SCHEMA_FILES[level]).read_text("utf-8")
    import jsonschema  # imported on first validation: it is slow to import

    return jsonschema.Draft4Validator(json.loads(text))


def _first_error(validator: jsonschema.Draft4Validator, data: Mapping[str, Any]) -> str | None:
    """The most relevant schema error, described, or None when the document is valid."""
    from jsonschema.exceptions import relevance

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
        message = f"expected {error.validator_value}, got {json_type(error.instance)}"
    else:
        message = shorten(error.message)
    path = _json_path(error.absolute_path)
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


def json_type(value: object) -> str:
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


def shorten(message: str) -> str:
    """A message cut to a readable length."""
    return message if len(message) <= _MESSAGE_LIMIT else message[: _MESSAGE_LIMIT - 3] + "..."
