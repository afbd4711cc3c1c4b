"""Rules compiled for evaluation: leaves numbered, patterns compiled."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from asnfp._core.tables import EMPTY_VALUES
from asnfp.constraints import Attr, Check, Group, Node
from asnfp.rules.rule import Rule

if TYPE_CHECKING:  # the gate is built from these types
    from asnfp._core.acquisitions import AcquisitionGate


@dataclass(slots=True, unsafe_hash=True)
class LeafState:
    """What a leaf has become inside one association (never changed once made: offers
    make new states; not frozen, because frozen construction is several times slower)."""

    pattern: str | None
    sources: tuple[str, ...]
    unique: bool
    found: tuple[str, ...]
    pinned: str | None = None
    """The pinned value, lowercased (then ``pattern`` is its escaped form)."""
    matched: bool = False
    """Whether the leaf passed when last evaluated (kept only for ``track_matched`` leaves)."""

    def describe(self, name: str) -> str:
        """One line of an association's ``constraints`` text: name, sources, pattern."""
        sources = ",".join(self.sources) if self.sources else "-"
        shown = self.pattern if self.pattern is not None else "*"
        return f"{name} [{sources}] ~ {shown}"


@dataclass(frozen=True, slots=True)
class CAttr:
    """An :class:`Attr` leaf with its index and compiled pattern."""

    index: int
    spec: Attr
    regex: re.Pattern[str] | None
    pattern_from: int | None


@dataclass(frozen=True, slots=True)
class CCheck:
    """A :class:`Check` leaf with its index."""

    index: int
    spec: Check


@dataclass(frozen=True, slots=True)
class CGroup:
    """A :class:`Group` with compiled children."""

    spec: Group
    children: tuple[CNode, ...]


CNode = CAttr | CCheck | CGroup


def initial_state(leaf: CAttr | CCheck) -> LeafState:
    """The state of a leaf before any row was accepted."""
    if isinstance(leaf, CAttr):
        return LeafState(leaf.spec.pattern, leaf.spec.sources, leaf.spec.pin, ())
    return LeafState(leaf.spec.value, (), True, ())


def anchored(pattern: str) -> re.Pattern[str]:
    """The pattern as the rules apply it: ``^P$``, case-insensitive, ungrouped."""
    return re.compile("^" + pattern + "$", re.IGNORECASE)


@dataclass(slots=True)
class _Numbering:
    leaves: list[CAttr | CCheck] = field(default_factory=list)


def _compile(
    node: Node, numbering: _Numbering, named: dict[str, int], shared: dict[int, CNode]
) -> CNode:
    # One node object used twice in a tree is one condition with one state (its pins
    # are shared), so it compiles once.
    seen = shared.get(id(node))
    if seen is not None:
        return seen
    compiled = _compile_new(node, numbering, named, shared)
    shared[id(node)] = compiled
    return compiled


def _compile_new(
    node: Node, numbering: _Numbering, named: dict[str, int], shared: dict[int, CNode]
) -> CNode:
    # Names resolve to the first node of that name in depth-first pre-order;
    # a group found first shadows later leaves (recorded as -1).
    if node.name is not None and node.name not in named:
        named[node.name] = -1 if isinstance(node, Group) else len(numbering.leaves)
    if isinstance(node, Group):
        kids = tuple(_compile(child, numbering, named, shared) for child in node.children)
        return CGroup(node, kids)
    index = len(numbering.leaves)
    leaf: CAttr | CCheck
    if isinstance(node, Attr):
        regex = anchored(node.pattern) if node.pattern is not None else None
        leaf = CAttr(index, node, regex, None)
    else:
        leaf = CCheck(index, node)
    numbering.leaves.append(leaf)
    return leaf


class PinnedForms(dict[str | None, str | None]):
    """Cells as pinned values are kept (lower case), or None for empty cells, each worked
    out once: lookups of known cells stay in C (one table per rule and generation)."""

    def __missing__(self, value: str | None) -> str | None:
        form = None if value is None or value in EMPTY_VALUES else value.lower()
        self[value] = form
        return form


@dataclass(frozen=True, slots=True)
class CompiledRule:
    """A rule ready to run: its tree (with the candidate condition, if any) compiled."""

    rule: Rule
    order: int
    root: CGroup
    leaves: tuple[CAttr | CCheck, ...]
    named: dict[str, int]
    """Leaf index of the first leaf (depth-first) of each name."""
    tree: Group
    initial: tuple[LeafState, ...]
    chain: tuple[tuple[int, bool], ...]
    """Pinned leaves every accepted row must satisfy: (leaf index, required)."""
    acquisitions_bypass: bool
    """Target acquisitions may match through another branch: never reject them early."""
    bucket_leaves: tuple[int, ...]
    """Required single-source chain leaves: an association and a row can only meet
    when their values agree on every one of them."""
    bucket_columns: tuple[str, ...]
    labelled: tuple[tuple[str, int], ...]
    """(name, leaf index) of every named leaf, in tree order."""
    read_columns: tuple[str, ...]
    """Every pool column the tree reads (and ``exp_type``, which member typing reads)."""
    test: Callable[[Any], Any]
    """The root's evaluation function (see ``interpret.build_test``)."""
    science_lock: tuple[tuple[str, ...], ...] | None
    """Once the association has science, only rows with a value in one of these
    source lists can still match (empty: none can); None when the rule has no such lock."""
    initial_lines: tuple[str, ...] = ()
    """The ``constraints`` lines of ``labelled`` before any row was taken."""
    acquisition_gate: AcquisitionGate | None = None
    """Set when target acquisitions may skip associations (rules with an acquisition
    branch), else None."""
    outcomes: dict[object, Any] = field(default_factory=dict)
    """Outcomes of offers by (row signature, association state), shared by the
    associations of one generation (see ``Building``)."""
    states: dict[object, int] = field(default_factory=dict)
    """A number for each association state met, the short form used in ``outcomes``."""
    pinned_forms: PinnedForms = field(default_factory=PinnedForms)
    """Cells as the chain index compares them, per generation."""


_PLAIN_TYPING = frozenset({"level3", "auxdata"})
"""Exposure modes whose typing of a row leaves no trace on the association."""


@dataclass(slots=True)
class _Shape:
    chain: list[tuple[int, bool]] = field(default_factory=list)
    bypass: bool = False
    lock: tuple[tuple[str, ...], ...] | None = None


def _is_single_science(node: CNode) -> bool:
    return (
        isinstance(node, CGroup)
        and node.spec.reduce == "all"
        and [c.spec.kind for c in node.children if isinstance(c, CCheck)]
        == ["exposure_is_science", "no_science_yet"]
        and len(node.children) == 2
    )


def acquisition_only(node: CNode) -> bool:
    """Only target acquisitions can pass ``node`` (an ``all`` holding the acquisition check)."""
    if isinstance(node, CCheck):
        return node.spec.kind == "target_acquisition"
    if isinstance(node, CGroup) and node.spec.reduce == "all":
        return any(acquisition_only(child) for child in node.children)
    return False


def _plain_presence(node: CNode) -> tuple[str, ...] | None:
    if not isinstance(node, CAttr):
        return None
    spec = node.spec
    plain = (
        spec.pattern is None
        and spec.required
        and not spec.undefined
        and spec.onlyif is None
        and spec.pattern_from is None
    )
    return spec.sources if plain else None


def _shape(node: CNode, shape: _Shape) -> None:
    """Find the leaves on the ``all`` chain, and the single-science lock."""
    if isinstance(node, CAttr):
        spec = node.spec
        if (
            spec.pin
            and not spec.undefined
            and spec.onlyif is None
            and spec.pattern_from is None
            and not spec.evaluate
            and "asn_candidate" not in spec.sources
        ):
            shape.chain.append((node.index, spec.required))
        return
    if isinstance(node, CCheck):
        return
    if _is_single_science(node):
        shape.lock = ()
        return
    if node.spec.reduce == "all":
        for child in node.children:
            _shape(child, shape)
        return
    if node.spec.reduce != "any":
        return
    others = [child for child in node.children if not acquisition_only(child)]
    if len(others) == 1 and len(node.children) > 1:
        shape.bypass = True
        _shape(others[0], shape)
        return
    singles = [child for child in node.children if _is_single_science(child)]
    presences = [_plain_presence(child) for child in node.children if not _is_single_science(child)]
    if len(singles) == 1 and presences and all(p is not None for p in presences):
        shape.lock = tuple(p for p in presences if p is not None)


def compile_rule(rule: Rule, order: int, candidate: Attr | Check | None) -> CompiledRule:
    """Number the leaves of ``rule`` and append the candidate condition."""
    # The evaluator and the acquisition gate build on these types.
    from asnfp._core.acquisitions import acquisition_gate
    from asnfp._core.interpret import build_test

    tree = rule.tree
    if not isinstance(tree, Group) or tree.reduce != "all":
        tree = Group(reduce="all", children=(tree,))
    if candidate is not None:
        tree = Group(
            reduce=tree.reduce,
            children=(*tree.children, candidate),
            name=tree.name,
            reprocess_on_match=tree.reprocess_on_match,
        )
    numbering = _Numbering()
    found: dict[str, int] = {}
    root = _compile(tree, numbering, found, {})
    assert isinstance(root, CGroup)
    named = {name: index for name, index in found.items() if index >= 0}
    leaves = list(numbering.leaves)
    for position, leaf in enumerate(leaves):
        if isinstance(leaf, CAttr) and (leaf.spec.pattern_from or leaf.spec.excluding):
            source = named.get(leaf.spec.pattern_from or leaf.spec.excluding or "")
            leaves[position] = CAttr(leaf.index, leaf.spec, leaf.regex, source)
    # Re-link children to the leaves that now carry their pattern sources.
    root = _relink(root, leaves)
    assert isinstance(root, CGroup)
    shape = _Shape()
    _shape(root, shape)
    initial = tuple(initial_state(leaf) for leaf in leaves)
    buckets = []
    for index, required in shape.chain:
        leaf = leaves[index]
        if required and isinstance(leaf, CAttr) and len(leaf.spec.sources) == 1:
            buckets.append((index, leaf.spec.sources[0]))
    return CompiledRule(
        rule, order, root, tuple(leaves), named, tree, initial,
        tuple(shape.chain), shape.bypass,
        tuple(i for i, _ in buckets), tuple(c for _, c in buckets),
        tuple((leaf.spec.name, leaf.index) for leaf in leaves if leaf.spec.name is not None),
        tuple(sorted({"exp_type"}.union(
            *(leaf.spec.sources for leaf in leaves if isinstance(leaf, CAttr))
        ))),
        build_test(root),
        shape.lock,
        tuple(initial[leaf.index].describe(leaf.spec.name) for leaf in leaves
              if leaf.spec.name is not None),
        acquisition_gate(root) if shape.bypass and rule.exposure in _PLAIN_TYPING else None,
    )


def _relink(node: CNode, leaves: list[CAttr | CCheck]) -> CNode:
    if isinstance(node, CGroup):
        return CGroup(node.spec, tuple(_relink(child, leaves) for child in node.children))
    return leaves[node.index]
