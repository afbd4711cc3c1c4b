"""The package version, written into every association's ``code_version``, and the
``--version-id`` stamp written into file names."""

from __future__ import annotations

from datetime import UTC, datetime

__version__ = "0.1.0"


def version_stamp(given: str | bool | None, now: datetime | None = None) -> str | None:
    """The version id of ``--version-id``: the text given, a UTC time stamp for a bare
    option (``True``), or None.

    >>> version_stamp(True, datetime(2026, 1, 2, 3, 4, 5))
    '20260102t030405'
    """
    if given is True:
        return (now or datetime.now(UTC)).strftime("%Y%m%dt%H%M%S")
    return given if isinstance(given, str) else None
