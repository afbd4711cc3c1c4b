"""Which rows a rule could ever accept, and the keys that split them into independent groups.

Each tree compiles to a pair of Polars expressions, a lower and an upper bound:
a row outside the upper bound can join no association of the rule, whatever the
association's state. Conditions on the association (``no_science_yet``), on the
run (the candidate column) or on recorded values are unknown here and widen the
bounds. Patterns keep the DMS regex semantics (Python ``re``, ungrouped
alternations, look-arounds) by being evaluated once per distinct cell value.
"""

from __future__ import annotations

from dataclasses import dataclass

import polars as pl

from asnfp._core.compiled import anchored
from asnfp._core.facts import EXPOSURE, specified
from asnfp._core.predicates import predicate_column
from asnfp._core.tables import DIRECT_IMAGE_EXP_TYPES
from asnfp.constraints import Attr, Check, Group, Node
from asnfp.rules.rule import Rule

Bounds = tuple[pl.Expr, pl.Expr]
_UNKNOWN: Bounds = (pl.lit(False), pl.lit(True))


class Stages:
    """Bounds as named columns, in layers: each layer reads only earlier ones.

    Rules share most of their conditions, and one expression tree per rule would
    evaluate each shared condition once per rule that holds it (thousands of nodes
    for the default rules). As columns, each condition is computed once per pool.
    """

    def __init__(self) -> None:
        self.layers: list[dict[str, pl.Expr]] = []
        self._depth: dict[str, int] = {}

    def add(self, expr: pl.Expr) -> pl.Expr:
        """``expr`` as a column of the first layer after every staged column it reads."""
        if expr.meta.is_literal(allow_aliasing=True):
            return expr
        depth = 1 + max((self._depth.get(n, -1) for n in expr.meta.root_names()), default=-1)
        name = f"_bound{len(self._depth)}"
        self._depth[name] = depth
        if depth == len(self.layers):
            self.layers.append({})
        self.layers[depth][name] = expr
        return pl.col(name)

    def evaluate(self, frame: pl.LazyFrame) -> pl.LazyFrame:
        """``frame`` with every staged column."""
        for layer in self.layers:
            frame = frame.with_columns(**layer)
        return frame


@dataclass(frozen=True, slots=True)
class KeyLeaf:
    """A pinned, required leaf on the top-level ``all`` chain: rows that differ never mix."""

    sources: tuple[str, ...]


class AdmissionCompiler:
    """Compiles rule trees to bounds, which read the pool only through named columns: the
    value of each list of sources, and the result of each pattern test. The bounds are
    thus the same for every pool; ``pool_columns`` makes those columns for one pool (a
    pattern is tested once per distinct cell value, keeping Python ``re`` semantics).

    Bounds are built on demand, one side at a time: a rule's admission needs only the
    upper bound of its tree, and lower bounds only below a negation. A node whose bounds
    do not depend on whether an association is new is built once for both cases.
    """

    def __init__(self, *, stages: Stages | None = None) -> None:
        self.stages = stages
        """Where bounds become columns (None: one expression tree per bound)."""
        self.values: dict[str, tuple[str, ...]] = {}
        """The value columns the bounds read, by name: the sources each is taken from."""
        self.tests: dict[str, tuple[tuple[str, ...], str]] = {}
        """The pattern-test columns the bounds read, by name: sources and pattern."""
        self._matches: dict[tuple[tuple[str, ...], str], pl.Expr] = {}
        self._sides: dict[tuple[Node, str, bool, bool | None], pl.Expr] = {}
        self._leaves: dict[tuple[Node, str, bool], Bounds] = {}
        self._new_only: dict[tuple[Node, str], bool] = {}
        self._demand: dict[tuple[Node, str, bool, bool | None], int] = {}

    def value(self, sources: tuple[str, ...]) -> pl.Expr:
        """The first specified value among ``sources`` (a pool column)."""
        name = _value_name(sources)
        self.values.setdefault(name, sources)
        return pl.col(name)

    def matches(self, sources: tuple[str, ...], pattern: str) -> pl.Expr:
        """The row's value matches ``^pattern$`` (case-insensitive), as the rules test it."""
        found = self._matches.get((sources, pattern))
        if found is None:
            self.value(sources)
            name = f"_test{len(self._matches)}"
            self.tests[name] = (sources, pattern)
            found = self._matches[(sources, pattern)] = pl.col(name)
        return found

    def pool_columns(
        self, frame: pl.DataFrame, distinct: dict[str, list[str]]
    ) -> tuple[dict[str, pl.Expr], dict[str, pl.Expr]]:
        """The columns the bounds read, for ``frame``: the values, then the pattern tests
        (which read the values). ``distinct`` holds the distinct values of each column
        a pattern is tested on (see ``tested_columns``)."""
        present = frozenset(frame.columns)
        values: dict[str, pl.Expr] = {}
        for name, sources in self.values.items():
            found = [specified(present, c) for c in sources if c in present]
            if not found:
                values[name] = pl.lit(None, dtype=pl.String)
            else:
                values[name] = found[0] if len(found) == 1 else pl.coalesce(found)
        tests: dict[str, pl.Expr] = {}
        for name, (sources, pattern) in self.tests.items():
            regex = anchored(pattern)
            accepted = {
                text
                for column in sources if column in present
                for text in _distinct(frame, distinct, column)
                if regex.match(text)
            }
            value = pl.col(_value_name(sources))
            tests[name] = value.is_in(sorted(accepted)).fill_null(False)
        return values, tests

    def tested_columns(self) -> frozenset[str]:
        """The pool columns some pattern is tested on."""
        return frozenset(c for sources, _ in self.tests.values() for c in sources)

    def bounds(self, node: Node, rule: Rule, *, creation: bool = False) -> Bounds:
        """Lower and upper bound of ``node`` for rows offered to an existing association,
        or with ``creation``, to a new one (nothing recorded yet)."""
        return (
            self.side(node, rule, creation=creation, upper=False),
            self.side(node, rule, creation=creation, upper=True),
        )

    def side(self, node: Node, rule: Rule, *, creation: bool, upper: bool) -> pl.Expr:
        """One bound of ``node``: rows outside the upper bound are refused whatever the
        association's state; rows inside the lower bound are accepted in every state."""
        # Rules repeat the same conditions (equal nodes), and a node's bounds depend on
        # the rule only through its exposure mode: build each once.
        key = (node, rule.exposure, upper, self._mode(node, rule, creation))
        found = self._sides.get(key)
        if found is None:
            found = self._new_side(node, rule, creation=creation, upper=upper)
            # A bound read in one place stays inline: a column costs more than the node.
            # Without a plan every bound becomes a column.
            if self.stages is not None and self._demand.get(key, 2) > 1:
                found = self.stages.add(found)
            self._sides[key] = found
        return found

    def plan(self, node: Node, rule: Rule, *, creation: bool, upper: bool) -> None:
        """Count where a bound will be read, before any is built, so that only bounds
        read in several places become columns."""
        key = (node, rule.exposure, upper, self._mode(node, rule, creation))
        seen = self._demand.get(key, 0)
        self._demand[key] = seen + 1
        if seen or not isinstance(node, Group):
            return
        negated = node.reduce in ("none", "notall")
        for child in node.children:
            self.plan(child, rule, creation=creation, upper=upper != negated)

    def _new_side(self, node: Node, rule: Rule, *, creation: bool, upper: bool) -> pl.Expr:
        if not isinstance(node, Group):
            found = self._leaf(node, rule, creation=creation)
            return found[1] if upper else found[0]
        if not node.children:
            return pl.lit(False)
        # A negation swaps the sides: its upper bound holds where no child surely holds.
        negated = node.reduce in ("none", "notall")
        parts = [
            self.side(child, rule, creation=creation, upper=upper != negated)
            for child in node.children
        ]
        if node.reduce == "all":
            return pl.all_horizontal(parts)
        if node.reduce == "any":
            return pl.any_horizontal(parts)
        if node.reduce == "none":
            return ~pl.any_horizontal(parts)
        return ~pl.all_horizontal(parts)

    def _leaf(self, leaf: Attr | Check, rule: Rule, *, creation: bool) -> Bounds:
        key = (leaf, rule.exposure, creation)
        found = self._leaves.get(key)
        if found is None:
            if isinstance(leaf, Attr):
                found = self._attr(leaf, rule, creation=creation)
            else:
                found = self._check(leaf, rule, creation=creation)
            self._leaves[key] = found
        return found

    def _mode(self, node: Node, rule: Rule, creation: bool) -> bool | None:
        """``creation`` where ``node``'s bounds depend on it; None where both cases share
        them."""
        return creation if self._depends_on_creation(node, rule) else None

    def _depends_on_creation(self, node: Node, rule: Rule) -> bool:
        """Whether ``node``'s bounds differ between new and existing associations (for a
        leaf: whether its two pairs of bounds differ, as built)."""
        key = (node, rule.exposure)
        found = self._new_only.get(key)
        if found is None:
            if isinstance(node, Group):
                found = any(self._depends_on_creation(c, rule) for c in node.children)
            else:
                new = self._leaf(node, rule, creation=True)
                existing = self._leaf(node, rule, creation=False)
                found = not all(a.meta.eq(b) for a, b in zip(new, existing, strict=True))
            self._new_only[key] = found
        return found

    def _attr(self, leaf: Attr, rule: Rule, *, creation: bool) -> Bounds:
        if "asn_candidate" in leaf.sources:
            return _UNKNOWN
        present = self.value(leaf.sources).is_not_null()
        if leaf.undefined:
            exact = ~present
            return exact, exact
        if leaf.excluding is not None:
            return pl.lit(False), present
        if leaf.pattern_from is not None:
            # Nothing is recorded in a new association, so only an empty value could match.
            return pl.lit(False), pl.lit(False) if creation else present
        absent_ok = pl.lit(not leaf.required)
        test = present if leaf.pattern is None else self.matches(leaf.sources, leaf.pattern)
        exact = pl.when(present).then(test).otherwise(absent_ok)
        if leaf.onlyif is not None:
            kind = self._exposure(rule)
            if leaf.onlyif == "not_background":
                skipped = (kind == "background").fill_null(False)
            else:
                skipped = (kind != "science").fill_null(True)
            if rule.exposure == "special":
                return exact, pl.lit(True)
            exact = skipped | exact
        return exact, exact

    def _exposure(self, rule: Rule) -> pl.Expr:
        """The rule's exposure type of each row (for ``special``: as for a new association)."""
        kind = pl.col(EXPOSURE)
        if rule.exposure == "auxdata":
            return pl.when(kind == "target_acquisition").then(kind).otherwise(pl.lit("science"))
        if rule.exposure == "level3":
            return kind
        level2 = pl.when(kind == "psf").then(pl.lit("science")).otherwise(kind)
        if rule.exposure == "lrs_nod":
            return level2  # the nod typing depends on the association: bounded by level2
        if rule.exposure == "wfss":
            image = self.value(("exp_type",)).is_in(list(DIRECT_IMAGE_EXP_TYPES)).fill_null(False)
            return pl.when((level2 == "science") & image).then(pl.lit("direct_image")).otherwise(
                level2
            )
        return level2

    def _check(self, leaf: Check, rule: Rule, *, creation: bool) -> Bounds:
        kind = pl.col(EXPOSURE)
        match leaf.kind:
            case "target_acquisition":
                exact = (kind == "target_acquisition").fill_null(False)
                return exact, exact
            case "exposure_is_science" | "exposure_not_science":
                if rule.exposure == "special":
                    at_start = leaf.kind == "exposure_is_science"
                    return (pl.lit(at_start), pl.lit(at_start)) if creation else _UNKNOWN
                if rule.exposure == "lrs_nod" and not creation:
                    return _UNKNOWN
                exact = (self._exposure(rule) == "science").fill_null(False)
                if leaf.kind == "exposure_not_science":
                    exact = ~exact
                return exact, exact
            case "original_not_imprint" | "candidate_not_background" | "force_match":
                return (pl.lit(True), pl.lit(True)) if creation else _UNKNOWN
            case "no_science_yet":
                return (pl.lit(True), pl.lit(True)) if creation else _UNKNOWN
            case "row":
                assert leaf.predicate is not None
                exact = pl.col(predicate_column(leaf.predicate)).fill_null(False)
                if leaf.negate:
                    exact = ~exact
                return exact, exact
            case "constant":
                return pl.lit(True), pl.lit(True)
            case "never":
                return pl.lit(False), pl.lit(False)


def _value_name(sources: tuple[str, ...]) -> str:
    return "_value:" + ",".join(sources)


def _distinct(frame: pl.DataFrame, distinct: dict[str, list[str]], column: str) -> list[str]:
    found = distinct.get(column)
    if found is None:  # not a string column: not in ``distinct_values``
        found = distinct[column] = frame.get_column(column).unique().drop_nulls().to_list()
    return found


def distinct_values(
    frame: pl.DataFrame, columns: frozenset[str] | None = None
) -> dict[str, list[str]]:
    """The distinct non-null values of every string column (or of those of ``columns``
    the frame has), in one pass."""
    names = [
        c for c, dtype in frame.schema.items()
        if dtype == pl.String and (columns is None or c in columns)
    ]
    if not names:
        return {}
    row = frame.select(pl.col(c).unique().drop_nulls().implode() for c in names).row(0)
    return {column: list(values) for column, values in zip(names, row, strict=True)}


def key_leaves(node: Node) -> tuple[KeyLeaf, ...]:
    """Pinned, required leaves that every accepted row must agree on."""
    if isinstance(node, Group):
        if node.reduce != "all":
            return ()
        return tuple(k for child in node.children for k in key_leaves(child))
    if (
        isinstance(node, Attr)
        and node.pin
        and node.required
        and not node.undefined
        and node.onlyif is None
        and node.pattern_from is None
        and not node.evaluate
        and "asn_candidate" not in node.sources
        and len(node.sources) == 1
    ):
        # A leaf pinned on one of several sources accepts rows whose first specified
        # source is another one: only single-source leaves split rows safely.
        return (KeyLeaf(node.sources),)
    return ()


def key_columns(compiler: AdmissionCompiler, node: Node, prefix: str) -> dict[str, pl.Expr]:
    """Named key expressions for ``node``: the value, and for several sources the column used."""
    keys: dict[str, pl.Expr] = {}
    seen: set[tuple[str, ...]] = set()
    for position, leaf in enumerate(key_leaves(node)):
        if leaf.sources in seen:
            continue
        seen.add(leaf.sources)
        keys[f"{prefix}{position}"] = compiler.value(leaf.sources)
    return keys

