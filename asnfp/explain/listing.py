"""The rule listing: every rule's type, conditions, grouping and product name, from its value."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Literal

import msgspec

from asnfp.constraints import Attr, Check, Group, Node
from asnfp.explain.describe import group_text, node_text
from asnfp.rules.rule import NameParts, Rule

__all__ = ("ConditionTree", "Grouping", "RuleSummary", "product_template", "summarize")

Level = Literal["2b", "3"]


class ConditionTree(msgspec.Struct, frozen=True, kw_only=True):
    """One node of a rule's conditions, in words."""

    text: str
    name: str | None = None
    children: tuple[ConditionTree, ...] = ()


class Grouping(msgspec.Struct, frozen=True, kw_only=True):
    """A value every member of an association shares (a pinned condition)."""

    name: str | None
    sources: tuple[str, ...]
    required: bool
    """False: rows without a value may join too."""
    branch: bool
    """True: pinned only along one alternative of an ``any of``."""


class RuleSummary(msgspec.Struct, frozen=True, kw_only=True):
    """What one rule does, as listed by ``asnfp rules``."""

    name: str
    level: Level
    asn_type: str
    doc: str
    exposure: str
    validity: tuple[str, ...]
    multi_observation: bool
    product_name: str
    finalize: str | None
    grouping: tuple[Grouping, ...]
    conditions: ConditionTree


_PARTS = ("program", "acid", "target", "instrument", "opt_elem", "slit_name", "subarray")
_OPTIONAL = ("slit_name", "subarray")


def _named(node: Node) -> list[str]:
    if isinstance(node, Group):
        names = [node.name] if node.name is not None else []
        return names + [n for child in node.children for n in _named(child)]
    return [node.name] if node.name is not None else []


def product_template(rule: Rule) -> str:
    """The product-name template, made by calling the rule's name function on placeholders.

    ``<part>`` is filled from the association; ``{...}`` is literal text the pipeline fills.
    """
    if not rule.creates:
        return "none: the rule creates no association"
    if rule.product_name is None:
        return "<root of the first science member's file name>"
    pinned = {name: f"<{name}>" for name in _named(rule.tree)}
    filled = {part: f"<{part}>" for part in _PARTS}
    full = rule.product_name(NameParts(**filled, pinned=pinned))
    optional = []
    for part in _OPTIONAL:
        empty = rule.product_name(NameParts(**{**filled, part: ""}, pinned=pinned))
        if f"-<{part}>" in full and f"-<{part}>" not in empty:
            optional.append(f"-<{part}>")
    if optional:
        full += f" ({', '.join(optional)} only when not empty)"
    return full


def _tree(node: Node, negated: bool = False) -> ConditionTree:
    if isinstance(node, Group):
        inner = negated or node.reduce in ("none", "notall")
        return ConditionTree(
            text=group_text(node),
            name=node.name,
            children=tuple(_tree(child, inner) for child in node.children),
        )
    return ConditionTree(text=node_text(node, pinned=not negated), name=node.name)


def _acquisition_only(node: Node) -> bool:
    """A branch only target acquisitions take (an ``all of`` with that check)."""
    if isinstance(node, Check):
        return node.kind == "target_acquisition"
    if isinstance(node, Group) and node.reduce == "all":
        return any(_acquisition_only(child) for child in node.children)
    return False


def _grouping(node: Node, branch: bool, found: list[Grouping]) -> None:
    if isinstance(node, Group):
        if node.reduce in ("none", "notall"):
            return
        children = node.children
        if node.reduce == "any":
            others = [c for c in children if not _acquisition_only(c)]
            if len(others) == 1:
                # The other branches only let target acquisitions join.
                children = tuple(others)
            elif len(children) > 1:
                branch = True
        for child in children:
            _grouping(child, branch, found)
        return
    if not isinstance(node, Attr) or not node.pin or node.undefined:
        return
    if node.pattern_from is not None or node.excluding is not None:
        return
    entry = Grouping(name=node.name, sources=node.sources, required=node.required, branch=branch)
    if not any(g.name == entry.name and g.sources == entry.sources for g in found):
        found.append(entry)


def _finalize_text(rule: Rule) -> str | None:
    step = rule.finalize
    if step is None:
        return None
    doc = (step.__doc__ or "").strip().splitlines()
    name = getattr(step, "__qualname__", "step").replace("<locals>.", "")
    return f"{name}: {doc[0]}" if doc else name


def summarize(rules: Sequence[Rule]) -> tuple[RuleSummary, ...]:
    """The listing of ``rules``, in their order."""
    summaries = []
    for rule in rules:
        found: list[Grouping] = []
        _grouping(rule.tree, False, found)
        summaries.append(
            RuleSummary(
                name=rule.name,
                level="2b" if rule.level == 2 else "3",
                asn_type=rule.asn_type,
                doc=rule.doc,
                exposure=rule.exposure,
                validity=rule.validity,
                multi_observation=rule.multi_observation,
                product_name=product_template(rule),
                finalize=_finalize_text(rule),
                grouping=tuple(found),
                conditions=_tree(rule.tree),
            )
        )
    return tuple(summaries)
