"""Level 3 product-name templates, as small pure functions of the name parts.

Names are lower-cased. ``{source_id}`` and ``{slit_name}`` placeholders, where a
template has them, stay in the name as literal text for the pipeline to fill.
"""

from __future__ import annotations

from asnfp.rules.rule import NameParts


def _subarray(parts: NameParts) -> str:
    return f"-{parts.subarray}" if parts.subarray else ""


def _suffixes(parts: NameParts, *, slit: bool = True) -> str:
    slit_part = f"-{parts.slit_name}" if slit and parts.slit_name else ""
    return slit_part + _subarray(parts)


def generic(parts: NameParts) -> str:
    """``jw{program}-{acid}_{target}_{instrument}_{opt_elem}{-slit}{-subarray}``."""
    return (
        f"jw{parts.program}-{parts.acid}_{parts.target}_{parts.instrument}_"
        f"{parts.opt_elem}{_suffixes(parts)}"
    ).lower()


def wfss(parts: NameParts) -> str:
    """The generic name (WFSS rules, whose trees have no slit or subarray leaves)."""
    return generic(parts)


def noopt(parts: NameParts) -> str:
    """``jw{program}-{acid}_{target}_{instrument}``: no optical path."""
    return f"jw{parts.program}-{parts.acid}_{parts.target}_{parts.instrument}".lower()


def sources(parts: NameParts) -> str:
    """The generic name with the literal ``{source_id}`` in place of the target."""
    return (
        f"jw{parts.program}-{parts.acid}_{{source_id}}_{parts.instrument}_"
        f"{parts.opt_elem}{_suffixes(parts)}"
    ).lower()


def nrsfs_sources(parts: NameParts) -> str:
    """``jw{program}-{acid}_{target}-{source_id}_{instrument}_{opt_elem}-{slit_name}{-subarray}``.

    Both ``{source_id}`` and ``{slit_name}`` are literal text.
    """
    return (
        f"jw{parts.program}-{parts.acid}_{parts.target}-{{source_id}}_{parts.instrument}_"
        f"{parts.opt_elem}-{{slit_name}}{_subarray(parts)}"
    ).lower()


def coronimage(parts: NameParts) -> str:
    """``jw{program}-{acid}_{target}_{instrument}_{opt_elem}{-subarray}-image3`` (no slit)."""
    return (
        f"jw{parts.program}-{parts.acid}_{parts.target}_{parts.instrument}_"
        f"{parts.opt_elem}{_subarray(parts)}-image3"
    ).lower()


def wfs_combined(parts: NameParts) -> str:
    """The generic name, then ``-{detector}_{suffix}-{activity}`` (``{suffix}`` kept as is)."""
    detector = parts.pinned.get("detector", "")
    activity = parts.pinned.get("act_id", "").rjust(2, "0")
    return f"{generic(parts)}-{detector}_{{suffix}}-{activity}".lower()
