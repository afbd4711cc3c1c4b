"""Condition texts: what each node of a rule tree asks, in words, and example values."""

from __future__ import annotations

import re
from functools import lru_cache

from asnfp._core.compiled import anchored
from asnfp._core.predicates import PREDICATES
from asnfp.constraints import Attr, Check, Group, Node

__all__ = (
    "SPECIFIED",
    "UNSPECIFIED",
    "attr_text",
    "check_text",
    "example",
    "group_text",
    "node_text",
)

UNSPECIFIED = "null"
"""The cell value written where a condition wants no value."""

SPECIFIED = "t"
"""The cell value written where a condition wants any value."""

_META = re.compile(r"[\\.^$*+?{}\[\]()|]")

_CHECKS: dict[str, str] = {
    "target_acquisition": "the exposure is a target acquisition",
    "exposure_is_science": "the rule types the exposure as science",
    "exposure_not_science": "the rule does not type the exposure as science",
    "no_science_yet": "the association has no science member yet",
    "original_not_imprint": "the association did not last type an exposure as imprint",
    "candidate_not_background": "the association is new, or not for a background candidate",
    "force_match": "always holds; then the row may also start an association of its own",
    "constant": "always holds",
    "never": "never holds",
}

_REDUCE = {"all": "all of", "any": "any of", "none": "none of", "notall": "not all of"}


def _columns(sources: tuple[str, ...]) -> str:
    return sources[0] + "".join(f" (else {other})" for other in sources[1:])


@lru_cache(maxsize=4096)
def attr_text(spec: Attr, *, notes: bool = True, pinned: bool = True) -> str:
    """What an :class:`~asnfp.constraints.Attr` leaf asks.

    ``notes`` adds its options; ``pinned`` (with ``notes``) says a pinned value is shared.
    """
    columns = _columns(spec.sources)
    if spec.undefined:
        text = f"{columns} is unspecified"
    elif spec.pattern_from is not None:
        text = f"{columns} is one of the values recorded by {spec.pattern_from}"
    elif spec.excluding is not None:
        text = f"{columns} does not contain the association's {spec.excluding} value"
    elif spec.pattern is None:
        text = f"{columns} is specified" if spec.required else f"{columns}: any value"
    else:
        text = f"{columns} matches {spec.pattern}"
    if not spec.required and not spec.undefined:
        text += ", or unspecified"
    if not notes:
        return text
    extra: list[str] = []
    if spec.pin and pinned and not spec.undefined:
        extra.append("one value per association")
    if spec.onlyif == "not_background":
        extra.append("backgrounds skip it")
    elif spec.onlyif == "science":
        extra.append("tested for science only")
    if spec.reprocess is not None:
        extra.append(f"offered again: {spec.reprocess}")
    return text + (f" ({'; '.join(extra)})" if extra else "")


@lru_cache(maxsize=1024)
def check_text(spec: Check) -> str:
    """What a :class:`~asnfp.constraints.Check` leaf asks."""
    if spec.kind == "row":
        name = spec.predicate or "?"
        columns = ", ".join(PREDICATES[name][0]) if name in PREDICATES else ""
        verb = "does not hold" if spec.negate else "holds"
        text = f"{name} {verb} (reads {columns})"
    else:
        text = _CHECKS.get(spec.kind, spec.kind)
    if spec.kind == "constant" and spec.value is not None:
        text += f", recording {spec.value}"
    if spec.reprocess_on_fail is not None:
        text += f" (when it fails, offered again: {spec.reprocess_on_fail})"
    return text


def group_text(spec: Group) -> str:
    """The heading of a group: how its children combine."""
    text = _REDUCE[spec.reduce]
    if spec.reprocess_on_match is not None:
        text += f" (when it holds, offered again: {spec.reprocess_on_match})"
    return text


def node_text(node: Node, *, pinned: bool = True) -> str:
    """One line for any node (a group gives its heading only)."""
    if isinstance(node, Attr):
        return attr_text(node, pinned=pinned)
    if isinstance(node, Check):
        return check_text(node)
    return group_text(node)


def _alternatives(pattern: str) -> list[str]:
    """The top-level alternatives of a pattern (``a|b(c|d)`` gives ``a``, ``b(c|d)``)."""
    parts: list[str] = []
    depth, start, escaped = 0, 0, False
    for position, char in enumerate(pattern):
        if escaped:
            escaped = False
        elif char == "\\":
            escaped = True
        elif char in "([":
            depth += 1
        elif char in ")]":
            depth -= 1
        elif char == "|" and depth == 0:
            parts.append(pattern[start:position])
            start = position + 1
    parts.append(pattern[start:])
    return parts


@lru_cache(maxsize=1024)
def example(pattern: str | None) -> str | None:
    """A cell value the pattern accepts: its first literal alternative, else None.

    A missing pattern (any value) gives :data:`SPECIFIED`.
    """
    if pattern is None:
        return SPECIFIED
    regex = anchored(pattern)
    for alternative in _alternatives(pattern):
        if alternative and not _META.search(alternative) and regex.match(alternative):
            return alternative.lower()
    return None
