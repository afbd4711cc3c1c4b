"""Freeze a replayed association into an :class:`~asnfp.association.Association`."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TypedDict

from asnfp._core.building import Building
from asnfp._core.compiled import LeafState
from asnfp._core.naming import exposure_root
from asnfp._core.tables import EMPTY_VALUES, MULTI_OBS_CANDIDATE_TYPES
from asnfp._version import __version__
from asnfp.association import (
    DEGRADED_STATUS,
    OK_STATUS,
    Association,
    Level2Association,
    Level3Association,
    Member,
    Product,
)
from asnfp.rules.rule import Finalizing, NameParts, Rule


@dataclass(frozen=True, slots=True)
class Acid:
    """An association candidate id and its type (``observation``, ``mosaic``, ...)."""

    id: str
    type: str


DISCOVERED = Acid("a3001", "discovered")


@dataclass(frozen=True, slots=True)
class RunContext:
    """What every association of one run shares."""

    acid: Acid
    registry: str
    pool_name: str
    version_id: str | None


def _program(building: Building) -> str:
    return building.members[0].row.values.get("program", "").rjust(5, "0")


def _degraded(building: Building) -> str:
    for member in building.members:
        error = member.row.values.get("exposerr")
        if error is not None and error not in EMPTY_VALUES:
            return DEGRADED_STATUS
    return OK_STATUS


_States = list[LeafState]
"""Every leaf's state in one association, by leaf index."""


def leaf_states(building: Building) -> _States:
    """The state of every leaf of ``building`` (committed, else initial)."""
    committed = building.committed
    return [committed.get(i) or state for i, state in enumerate(building.rule.initial)]


def _found(building: Building, states: _States, name: str) -> tuple[str, ...]:
    index = building.rule.named.get(name)
    return states[index].found if index is not None else ()


def _joined_sorted(values: tuple[str, ...]) -> str:
    if len(values) < 2:  # the usual case: nothing to sort
        return values[0] if values else ""
    return "-".join(sorted(values, key=str.lower))


def name_parts(building: Building, program: str, acid: Acid, states: _States) -> NameParts:
    """The Level 3 name pieces, from the values the association recorded."""
    target = ""
    for name, index in building.rule.labelled:
        if name == "target":
            found = states[index].found
            if found:
                target = "-".join(found)
                break
    opt: list[str] = []
    for name in ("opt_elem", "opt_elem2"):
        value = _joined_sorted(_found(building, states, name))
        if value not in EMPTY_VALUES:
            opt.append(value)
    slits: list[str] = []
    for name in ("fxd_slit", "fxd_slit2"):
        value = _joined_sorted(_found(building, states, name))
        if value not in EMPTY_VALUES and value not in slits:
            slits.append(value)
    subarray = "-".join(_found(building, states, "subarray"))
    pinned = {name: states[index].pattern or "" for name, index in building.rule.named.items()}
    return NameParts(
        program=program,
        acid=acid.id,
        target="t" + target.rjust(3, "0"),
        instrument="-".join(_found(building, states, "instrument")),
        opt_elem="-".join(sorted(opt, key=str.lower)) or "clear",
        slit_name="-".join(sorted(slits, key=str.lower)),
        subarray="" if subarray == "full" else subarray,
        pinned=pinned,
    )


def _member_named(program: str, acid: Acid) -> NameParts:
    """The parts of a Level 2 association without a finalize step: its product is named
    after a member, so only the program and candidate are filled in."""
    return NameParts(
        program=program, acid=acid.id, target="", instrument="", opt_elem="",
        slit_name="", subarray="", pinned={},
    )


def constraints_text(building: Building) -> str:
    """A readable account of the association's named conditions and their values."""
    rule = building.rule
    committed = building.committed
    lines = list(rule.initial_lines)
    # Only leaves a row has set differ from the rule's initial lines.
    for position, (name, index) in enumerate(rule.labelled):
        state = committed.get(index)
        if state is not None:
            lines[position] = state.describe(name)
    return "\n".join(lines)


def _level2_product_name(building: Building) -> str:
    for member in building.members:
        if member.exptype == "science":
            return exposure_root(member.expname)
    return "undefined"


class _Common(TypedDict):
    asn_type: str
    asn_rule: str
    version_id: str | None
    code_version: str
    degraded_status: str
    program: str
    constraints: str
    asn_id: str
    asn_pool: str


def found_values(building: Building, states: _States) -> dict[str, tuple[str, ...]]:
    """Values recorded by the first leaf of each name."""
    return {name: states[index].found for name, index in building.rule.named.items()}


def finalizing(building: Building, run: RunContext, valid: bool) -> Finalizing:
    """The association as it leaves the replay, ready for the rule's finalize step
    (``valid``: ``is_valid`` of it)."""
    program = _program(building)
    rule = building.rule.rule
    # Only finalize steps read the recorded values, and only Level 3 names and finalize
    # steps the name parts.
    found: dict[str, tuple[str, ...]] = {}
    if rule.level == 3 or rule.finalize is not None:
        states = leaf_states(building)
        parts = name_parts(building, program, run.acid, states)
        if rule.finalize is not None:
            found = found_values(building, states)
    else:
        parts = _member_named(program, run.acid)
    return Finalizing(
        asn=freeze(building, run, parts),
        rows=tuple(m.row.values for m in building.members),
        acid_type=run.acid.type,
        valid=valid,
        found=found,
        parts=parts,
    )


def freeze(building: Building, run: RunContext, parts: NameParts) -> Association:
    """The association as it will be written (sequence numbers come later)."""
    rule = building.rule.rule
    first = building.members[0].row
    program = parts.program
    common = _Common(
        asn_type=rule.asn_type,
        asn_rule=f"{run.registry}_{rule.name}",
        version_id=run.version_id,
        code_version=__version__,
        degraded_status=_degraded(building),
        program=program,
        constraints=constraints_text(building),
        asn_id=run.acid.id,
        asn_pool=run.pool_name,
    )
    if rule.level == 2:
        members = tuple(
            Member(expname=m.expname, exptype=m.exptype, exposerr=m.row.values.get("exposerr"))
            for m in building.members
        )
        product = Product(name=_level2_product_name(building), members=members)
        return Level2Association(
            **common, target=first.values.get("targetid", ""), products=(product,)
        )
    assert rule.product_name is not None
    members = tuple(
        Member(
            expname=m.expname,
            exptype=m.exptype,
            exposerr=m.row.values.get("exposerr"),
            asn_candidate=m.row.candidate,
        )
        for m in building.members
    )
    product = Product(name=rule.product_name(parts), members=members)
    return Level3Association(**common, target=parts.target, products=(product,))


def is_valid(building: Building, acid: Acid) -> bool:
    """Every validity condition of the rule holds."""
    rule = building.rule.rule
    if invalid_for(rule, acid.type):
        return False
    exptypes = {m.exptype for m in building.members}
    for check in rule.validity:
        match check:
            case "has_science":
                ok = "science" in exptypes
            case "allowed_candidates":
                # The type is observation or background; a background candidate's
                # association must also hold a background.
                ok = acid.type == "observation" or "background" in exptypes
            case "has_psf":
                ok = "psf" in exptypes
            case "has_pair":
                ok = len(building.members) >= 2
            case _:
                ok = True  # conditions on the candidate type alone: checked above
        if not ok:
            return False
    return True


def invalid_for(rule: Rule, acid_type: str) -> bool:
    """Whatever its members, an association of ``rule`` for this candidate type is invalid."""
    for check in rule.validity:
        match check:
            case "allowed_candidates":
                wrong = acid_type not in ("observation", "background")
            case "is_type_mosaic":
                wrong = acid_type != "mosaic"
            case "is_type_observation":
                wrong = acid_type != "observation"
            case "is_not_group":
                wrong = acid_type == "group"
            case _:
                wrong = False
        if wrong:
            return True
    return False


def spans_enough_observations(building: Building, acid: Acid) -> bool:
    """Group, mosaic and background candidates need at least two observations."""
    if not building.rule.rule.multi_observation or acid.type not in MULTI_OBS_CANDIDATE_TYPES:
        return True
    index = building.rule.named.get("obs_num")
    return index is not None and len(building.leaf(index).found) > 1
