"""The specialised test of plain attribute leaves answers as the general one does.

For any leaf without an exposure condition, candidate column, borrowed pattern or
literal evaluation, in any state (unpinned, pinned, with recorded values), and any
row, both tests give the same outcome and record the same new leaf state.
"""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from asnfp._core.compiled import CAttr, LeafState, anchored, initial_state
from asnfp._core.interpret import AssociationView, Evaluation, _attr
from asnfp._core.row import Row
from asnfp.constraints import Attr

COLUMNS = ("filter", "pupil", "band")
CELLS = st.sampled_from(["f200w", "F200W", "clear", "f1.0", "", "null", "x"])
PATTERNS = st.sampled_from([None, "f200w", "f.*w", "clear|f200w", "((?!f2).)*", "f1\\.0"])


@st.composite
def leaves(draw: st.DrawFn) -> CAttr:
    sources = tuple(draw(st.lists(st.sampled_from(COLUMNS), min_size=1, max_size=3, unique=True)))
    spec = Attr(
        sources=sources,
        pattern=draw(PATTERNS),
        pin=draw(st.booleans()),
        required=draw(st.booleans()),
        reprocess=draw(st.sampled_from([None, "existing"])),
        only_on_match=draw(st.booleans()),
    )
    return CAttr(0, spec, None if spec.pattern is None else anchored(spec.pattern), None)


@st.composite
def states(draw: st.DrawFn, leaf: CAttr) -> LeafState:
    start = initial_state(leaf)
    recorded = st.sampled_from(["f200w", "clear", "F200W", "f1\\.0"])
    found = tuple(draw(st.lists(recorded, max_size=2)))
    match draw(st.sampled_from(["initial", "recorded", "pinned", "other pattern"])):
        case "initial":
            return start
        case "recorded":
            return LeafState(start.pattern, start.sources, start.unique, found)
        case "pinned":
            value = draw(st.sampled_from(["f200w", "clear", "f1.0"]))
            column = draw(st.sampled_from(start.sources))
            return LeafState(value.replace(".", "\\."), (column,), False, found, value)
        case _:
            return LeafState(draw(PATTERNS), start.sources, start.unique, found)


class _NoAssociation(AssociationView):
    """Plain leaves never ask the association anything."""


def _run(test: object, row: Row, state: LeafState, initial: LeafState) -> object:
    ev = Evaluation(_NoAssociation(), row, {0: state}, (initial,))
    return test(ev), ev.delta  # type: ignore[operator]


@settings(max_examples=1000)
@given(data=st.data())
def test_plain_leaf_answers_as_the_general_test(data: st.DataObject) -> None:
    leaf = data.draw(leaves())
    state = data.draw(states(leaf))
    values = {c: data.draw(CELLS) for c in COLUMNS if data.draw(st.booleans())}
    values["filename"] = "jw_file"
    row = Row(0, values, "[]", "science", True, False, False, False)
    initial = initial_state(leaf)
    assert _run(_attr(leaf), row, state, initial) == _run(
        _attr(leaf, specialise=False), row, state, initial
    )
