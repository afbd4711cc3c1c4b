"""Rules compiled for evaluation: leaves numbered, patterns compiled."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from asnfp.constraints import Attr, Check, Group, Node
from asnfp.rules.rule import Rule


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


def anchored(pattern: str) -> re.Pattern[str]:
    """The pattern as the rules apply it: ``^P$``, case-insensitive, ungrouped."""
    return re.compile("^" + pattern + "$", re.IGNORECASE)


@dataclass(slots=True)
class _Numbering:
    leaves: list[CAttr | CCheck] = field(default_factory=list)


def _compile(node: Node, numbering: _Numbering, named: dict[str, int]) -> CNode:
    # Names resolve to the first node of that name in depth-first pre-order;
    # a group found first shadows later leaves (recorded as -1).
    if node.name is not None and node.name not in named:
        named[node.name] = -1 if isinstance(node, Group) else len(numbering.leaves)
    if isinstance(node, Group):
        kids = tuple(_compile(child, numbering, named) for child in node.children)
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


def compile_rule(rule: Rule, order: int, candidate: Attr | None) -> CompiledRule:
    """Number the leaves of ``rule`` and append the candidate condition."""
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
    root = _compile(tree, numbering, found)
    assert isinstance(root, CGroup)
    named = {name: index for name, index in found.items() if index >= 0}
    leaves = list(numbering.leaves)
    for position, leaf in enumerate(leaves):
        if isinstance(leaf, CAttr) and leaf.spec.pattern_from is not None:
            source = named.get(leaf.spec.pattern_from)
            leaves[position] = CAttr(leaf.index, leaf.spec, leaf.regex, source)
    # Re-link children to the leaves that now carry their pattern sources.
    root = _relink(root, leaves)
    return CompiledRule(rule, order, root, tuple(leaves), named, tree)


def _relink(node: CNode, leaves: list[CAttr | CCheck]) -> CNode:
    if isinstance(node, CGroup):
        return CGroup(node.spec, tuple(_relink(child, leaves) for child in node.children))
    return leaves[node.index]
