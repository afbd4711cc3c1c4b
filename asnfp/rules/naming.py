"""Level 3 product-name templates, as small pure functions of the name parts."""

from __future__ import annotations

from asnfp.rules.rule import NameParts


def _suffixes(parts: NameParts, *, slit: bool = True) -> str:
    slit_part = f"-{parts.slit_name}" if slit and parts.slit_name else ""
    subarray_part = f"-{parts.subarray}" if parts.subarray else ""
    return slit_part + subarray_part


def generic(parts: NameParts) -> str:
    """``jw{program}-{acid}_{target}_{instrument}_{opt_elem}{-slit}{-subarray}``."""
    return (
        f"jw{parts.program}-{parts.acid}_{parts.target}_{parts.instrument}_"
        f"{parts.opt_elem}{_suffixes(parts)}"
    ).lower()


def wfs_combined(parts: NameParts) -> str:
    """The generic name, then ``-{detector}_{suffix}-{activity}`` (``{suffix}`` kept as is)."""
    detector = parts.pinned.get("detector", "")
    activity = parts.pinned.get("act_id", "").rjust(2, "0")
    return f"{generic(parts)}-{detector}_{{suffix}}-{activity}".lower()
