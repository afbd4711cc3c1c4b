"""Errors: values inside the core, one exception family at the public edge."""

from __future__ import annotations

import msgspec


class PoolError(msgspec.Struct, frozen=True, kw_only=True, tag=True):
    """A pool that cannot be read or used.

    ``line`` is the 1-based line of the pool file at fault and ``column`` the
    pool column at fault, when they are known.
    """

    file: str
    message: str
    line: int | None = None
    column: str | None = None

    def describe(self) -> str:
        where = self.file
        if self.line is not None:
            where += f", line {self.line}"
        if self.column is not None:
            where += f", column {self.column!r}"
        return f"{where}: {self.message}"


class RuleError(msgspec.Struct, frozen=True, kw_only=True, tag=True):
    """A rule set that cannot be loaded or applied."""

    source: str
    message: str

    def describe(self) -> str:
        return f"{self.source}: {self.message}"


class AssociationFileError(msgspec.Struct, frozen=True, kw_only=True, tag=True):
    """An association file that cannot be read or does not validate."""

    file: str
    message: str

    def describe(self) -> str:
        return f"{self.file}: {self.message}"


ErrorValue = PoolError | RuleError | AssociationFileError


class PoolContentError(Exception):
    """Raised inside a rule's finalize step when pool values make it impossible.

    The generator turns it into a :class:`PoolError` value naming the file.
    """

    def __init__(self, message: str, *, column: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.column = column


class AsnError(Exception):
    """Base of every error ``asnfp`` raises at its public edge."""

    def __init__(self, value: ErrorValue) -> None:
        super().__init__(value.describe())
        self.value = value


class PoolReadError(AsnError):
    """The pool could not be read or lacks what generation needs."""


class RuleLoadError(AsnError):
    """A rule set could not be loaded."""


class AssociationInvalidError(AsnError):
    """An association file is unreadable or fails validation."""


def raise_error(value: ErrorValue) -> AsnError:
    """The exception of the family that matches an error value."""
    match value:
        case PoolError():
            return PoolReadError(value)
        case RuleError():
            return RuleLoadError(value)
        case AssociationFileError():
            return AssociationInvalidError(value)
