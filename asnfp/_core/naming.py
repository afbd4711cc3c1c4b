"""Member and Level 2 product names derived from pool file names."""

from __future__ import annotations

import logging
import re
from pathlib import PurePosixPath

from asnfp._core.suffix import remove_suffix
from asnfp._core.tables import LEVEL2B_EXP_TYPES

log = logging.getLogger("asnfp")

_LEVEL1B = re.compile(r"(?P<path>.+)(?P<type>_uncal)(?P<extension>\..+)")


def rate_name(filename: str, integrations: bool) -> str:
    """The Level 2a (``rate``/``rateints``) name of a Level 1b file."""
    found = _LEVEL1B.match(filename)
    if found is None:
        log.warning("Item FILENAME=%r is not a Level 1b name. Cannot transform to Level 2a.",
                    filename)
        return filename
    suffix = "_rateints" if integrations else "_rate"
    return found.group("path") + suffix + found.group("extension")


def level2b_name(filename: str, exp_type: str, integrations: bool, member_exptype: str) -> str:
    """The Level 2b name (``cal``, ``rate`` or ``x1d``, maybe ``ints``) of a Level 1b file."""
    found = _LEVEL1B.match(filename)
    if found is None:
        log.warning('Item FILENAME="%s" is not a Level 1b name. Cannot transform to Level 2b.',
                    filename)
        return filename
    if member_exptype == "background":
        suffix = "x1d"
    elif exp_type in LEVEL2B_EXP_TYPES:
        suffix = "cal"
    else:
        suffix = "rate"
    if integrations:
        suffix += "ints"
    return found.group("path") + "_" + suffix + found.group("extension")


def _is_plain(name: str) -> bool:
    """A file name with no directory part, whose stem plain string slicing gives."""
    return bool(name) and "/" not in name and name not in (".", "..")


def _stem(name: str) -> str:
    """``PurePosixPath(name).stem`` for a plain file name."""
    dot = name.rfind(".")
    return name[:dot] if 0 < dot < len(name) - 1 else name


def exposure_root(expname: str) -> str:
    """A member name without its extension and one known suffix (directory kept)."""
    if _is_plain(expname):
        return exposure_basename_root(expname)
    path = PurePosixPath(expname)
    return remove_suffix(str(path.parent / path.stem))[0]


def exposure_basename_root(expname: str) -> str:
    """A member name without directory, extension and one known suffix."""
    stem = _stem(expname) if _is_plain(expname) else PurePosixPath(expname).stem
    return remove_suffix(stem)[0]
