"""What each default rule groups by: the pool attributes its members must share.

Written from the reference's rule definitions (``/work/shared/reference/RULES.md`` sections 8 to
11), not from asnfp's rule values, so that the grouping law checks the rules against an
independent statement. ``group_keys`` derives the same kind of table from any rule's tree,
for rules that are not in it.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Final, Literal, NamedTuple

from asnfp.constraints import Attr, Check, Group, Node
from asnfp.rules.rule import Rule
from asnfp.testing._provenance import specified

__all__ = ("DEFAULT_KEYS", "Key", "Keys", "Scope", "disagreement", "group_keys")

Scope = Literal["science", "members"]
"""Which members share the keys: the ``science`` ones, or every member made from a pool row
except target acquisitions (``members``)."""


class Key(NamedTuple):
    """Attribute members share: the first specified value among ``sources``.

    A pinned multi-column leaf fixes the column that supplied the first value, so the law
    asks for one column of ``sources`` on which all specified values agree. ``required``
    keys must be specified on every member. Values in ``free`` neither pin nor conflict
    (S200A1/S200A2 slits). ``target`` keys do not hold in direct-image candidates, whose
    target is ``000`` whatever the rows say.
    """

    sources: tuple[str, ...]
    required: bool = True
    free: frozenset[str] = frozenset()
    target: bool = False


class Keys(NamedTuple):
    """The keys of one rule and the members they apply to."""

    scope: Scope
    keys: tuple[Key, ...]


def _k(*sources: str, required: bool = True) -> Key:
    return Key(sources, required)


PROGRAM = _k("program")
INSTRUMENT = _k("instrume")
EXP_TYPE = _k("exp_type")
TARGET = Key(("targetid",), target=True)
TSO_FLAG = _k("tsovisit", required=False)
BACKGROUND = _k("bkgdtarg")

MODE = (
    PROGRAM, TSO_FLAG, INSTRUMENT, _k("detector"), _k("filter", "band"),
    _k("pupil", "grating", required=False), _k("fxd_slit", required=False),
    _k("subarray", required=False), _k("channel", required=False),
)  # fmt: skip
"""Level 2 ``Constraint_Base`` and ``Constraint_Mode``."""

BASE3 = (PROGRAM, INSTRUMENT)
OPTICAL_PATH = (
    _k("filter", required=False), _k("pupil", "grating", required=False),
    Key(("fxd_slit",), False, frozenset({"s200a1", "s200a2"})), _k("subarray"),
)  # fmt: skip
VISIT_TYPE = _k("visitype", required=False)


def _science(*keys: Key | tuple[Key, ...]) -> Keys:
    return Keys("science", _flat(keys))


def _members(*keys: Key | tuple[Key, ...]) -> Keys:
    return Keys("members", _flat(keys))


def _flat(keys: tuple[Key | tuple[Key, ...], ...]) -> tuple[Key, ...]:
    flat: list[Key] = []
    for key in keys:
        if isinstance(key, Key):
            flat.append(key)
        else:
            flat.extend(key)
    return tuple(flat)


DEFAULT_KEYS: Final[Mapping[str, Keys]] = {
    "Asn_Lv2CoronAsRate": _members(MODE, EXP_TYPE),
    "Asn_Lv2FGS": _members(PROGRAM, TSO_FLAG, EXP_TYPE),
    "Asn_Lv2Image": _members(MODE, EXP_TYPE),
    "Asn_Lv2ImageNonScience": _members(PROGRAM, TSO_FLAG),
    "Asn_Lv2ImageSpecial": _members(MODE, EXP_TYPE),
    "Asn_Lv2ImageTSO": _members(MODE, EXP_TYPE),
    "Asn_Lv2MIRLRSFixedSlitNod": _members(PROGRAM, TSO_FLAG, EXP_TYPE),
    "Asn_Lv2NRSFSS": _members(MODE, EXP_TYPE),
    "Asn_Lv2NRSIFUNod": _members(MODE, EXP_TYPE, _k("patttype"), _k("mostilno")),
    "Asn_Lv2NRSLAMPImage": _members(PROGRAM, TSO_FLAG, EXP_TYPE),
    "Asn_Lv2NRSLAMPSpectral": _members(PROGRAM, TSO_FLAG, EXP_TYPE, _k("filter"), _k("lamp")),
    "Asn_Lv2NRSMSA": _members(MODE, EXP_TYPE, _k("msametfl"), _k("expspcin")),
    "Asn_Lv2Spec": _members(MODE, EXP_TYPE),
    "Asn_Lv2SpecImprint": _members(MODE, EXP_TYPE),
    "Asn_Lv2SpecSpecial": _members(MODE, EXP_TYPE),
    "Asn_Lv2SpecTSO": _members(MODE, EXP_TYPE),
    "Asn_Lv2WFSC": _members(PROGRAM, TSO_FLAG, EXP_TYPE, _k("visitype")),
    "Asn_Lv2WFSSMIR": _members(PROGRAM, TSO_FLAG, TARGET, INSTRUMENT, _k("detector")),
    "Asn_Lv2WFSSNIS": _members(
        PROGRAM, TSO_FLAG, TARGET, INSTRUMENT, _k("pupil"), _k("subarray")
    ),
    "Asn_Lv2WFSSNRC": _members(PROGRAM, TSO_FLAG, TARGET, INSTRUMENT, _k("detector")),
    "Asn_Lv2WFSSParallel": _members(INSTRUMENT),
    "Asn_MIRLRSTAConfirm": _members(PROGRAM, TSO_FLAG),
    "Asn_Lv3AMI": _science(BASE3, OPTICAL_PATH, EXP_TYPE, TARGET),
    "Asn_Lv3Image": _science(BASE3, OPTICAL_PATH, TARGET, EXP_TYPE, VISIT_TYPE),
    "Asn_Lv3ImageBackground": _science(
        BASE3, OPTICAL_PATH, TARGET, EXP_TYPE, VISIT_TYPE, BACKGROUND
    ),
    "Asn_Lv3ImageMosaic": _science(BASE3, OPTICAL_PATH, EXP_TYPE, VISIT_TYPE),
    "Asn_Lv3MIRCoron": _science(BASE3, OPTICAL_PATH, EXP_TYPE, TARGET),
    "Asn_Lv3MIRMRS": _science(BASE3, TARGET, EXP_TYPE),
    "Asn_Lv3MIRMRSBackground": _science(BASE3, TARGET, EXP_TYPE, BACKGROUND),
    "Asn_Lv3NRCCoron": _science(BASE3, OPTICAL_PATH, EXP_TYPE, TARGET),
    "Asn_Lv3NRCCoronImage": _science(BASE3, OPTICAL_PATH, EXP_TYPE, TARGET, _k("channel")),
    "Asn_Lv3NRSFSS": _science(BASE3, OPTICAL_PATH, TARGET),
    "Asn_Lv3NRSIFU": _science(BASE3, TARGET, _k("patttype"), _k("grating")),
    "Asn_Lv3NRSIFUBackground": _science(BASE3, TARGET, BACKGROUND, EXP_TYPE, _k("grating")),
    "Asn_Lv3SlitlessSpectral": _science(BASE3, OPTICAL_PATH, TARGET),
    "Asn_Lv3SpecAux": _science(BASE3, TARGET, BACKGROUND, EXP_TYPE, OPTICAL_PATH),
    "Asn_Lv3SpectralSource": _science(BASE3, OPTICAL_PATH, TARGET),
    "Asn_Lv3SpectralTarget": _science(BASE3, OPTICAL_PATH, TARGET, _k("patttype")),
    "Asn_Lv3TSO": _science(BASE3, TARGET, OPTICAL_PATH, EXP_TYPE),
    "Asn_Lv3WFSCMB": _science(
        BASE3, OPTICAL_PATH, TARGET, EXP_TYPE, _k("patttype"), _k("detector"), _k("obs_id"),
        _k("act_id"),
    ),
    "Asn_Lv3WFSSMIR": _science(BASE3, TARGET, EXP_TYPE, _k("filter")),
    "Asn_Lv3WFSSNIS": _science(BASE3, TARGET, EXP_TYPE, _k("filter"), _k("pupil")),
    "Asn_Lv3WFSSNRC": _science(BASE3, TARGET, EXP_TYPE, _k("pupil"), _k("filter")),
}
"""Keys of every default rule that makes associations, by rule name."""


def _acquisition_only(node: Node) -> bool:
    """The node is a branch only target acquisitions pass (it tests for one)."""
    if isinstance(node, Check):
        return node.kind == "target_acquisition"
    if isinstance(node, Group):
        return node.reduce == "all" and any(_acquisition_only(c) for c in node.children)
    return False


def _leaves(node: Node) -> list[Attr]:
    """Leaves every science row of an association passed: ``all`` chains, and the one
    branch of an ``any`` whose other branches only target acquisitions pass."""
    if isinstance(node, Attr):
        return [node]
    if isinstance(node, Check):
        return []
    if node.reduce == "all":
        return [leaf for child in node.children for leaf in _leaves(child)]
    if node.reduce == "any":
        science = [c for c in node.children if not _acquisition_only(c)]
        return _leaves(science[0]) if len(science) == 1 else []
    return []


def group_keys(rule: Rule) -> Keys:
    """The keys a rule's tree states: its pinned leaves that every science row passed.

    A pinned ``attr`` leaf with no ``undefined``, ``pattern_from`` or ``excluding`` twist,
    reached from the root through ``all`` groups (and through an ``any`` whose other
    branches only take target acquisitions), is a key over ``science`` members.
    """
    keys = [
        Key(leaf.sources, leaf.required)
        for leaf in _leaves(rule.tree)
        if leaf.pin and not (leaf.undefined or leaf.pattern_from or leaf.excluding or leaf.is_acid)
    ]
    return Keys("science", tuple(dict.fromkeys(keys)))


def disagreement(rows: Sequence[Mapping[str, str]], key: Key) -> str | None:
    """Why ``rows`` do not share ``key``, or None when some source column agrees on all."""
    for column in key.sources:
        values = [specified(row, column) for row in rows]
        values = [v for v in values if v not in key.free]
        if key.required and any(v is None for v in values):
            continue
        if len({v for v in values if v is not None}) <= 1:
            return None
    cells = [tuple(row.get(c, "") for c in key.sources) for row in rows]
    return f"{'/'.join(key.sources)} differ: {sorted(set(cells))}"
