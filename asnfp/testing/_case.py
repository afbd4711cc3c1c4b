"""The case a law looks at: a pool, rules, a generator, and what a law may vary."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import cached_property

import polars as pl

from asnfp.association import Association
from asnfp.generator import generate
from asnfp.rules.registry import DEFAULT
from asnfp.rules.rule import Rule
from asnfp.testing import _provenance as prov
from asnfp.testing._keys import DEFAULT_KEYS, Keys, group_keys

__all__ = ("POOL_NAME", "Case", "Generate", "asnfp_generator")

Generate = Callable[[pl.DataFrame, "Sequence[str] | None"], tuple[Association, ...]]
"""A generator under test: a pool and optional candidate ids (``-i``) to associations."""

POOL_NAME = "pool.csv"
"""The pool name every generated association records (``asn_pool``)."""

_CACHE: dict[tuple[object, ...], tuple[Association, ...]] = {}
_CACHE_SIZE = 1024


def asnfp_generator(rules: Sequence[Rule] = DEFAULT, *, cached: bool = True) -> Generate:
    """asnfp as a :data:`Generate`.

    With ``cached``, the last ``_CACHE_SIZE`` full runs (no candidate ids) are remembered by
    pool content and rules, so laws looking at one pool generate it once.
    """
    rules = tuple(rules)
    rules_key: object = "default" if rules == DEFAULT else rules

    def run(pool: pl.DataFrame, candidate_ids: Sequence[str] | None) -> tuple[Association, ...]:
        ids = None if candidate_ids is None else list(candidate_ids)
        if not cached or ids is not None:
            return generate(pool, rules, candidate_ids=ids, pool_name=POOL_NAME)
        key = (pool.write_csv(), rules_key)
        if key not in _CACHE:
            if len(_CACHE) >= _CACHE_SIZE:
                del _CACHE[next(iter(_CACHE))]
            _CACHE[key] = generate(pool, rules, candidate_ids=ids, pool_name=POOL_NAME)
        return _CACHE[key]

    return run


@dataclass(frozen=True)
class Case:
    """What a law looks at: a pool, the rules, and the variations some laws need.

    ``permutation`` reorders the pool rows (empty: reversed); ``candidate`` is the id a
    subset run selects (None: the pool's first candidate); ``generator`` defaults to asnfp
    with ``rules``; ``keys`` give the group keys by rule name (default: ``DEFAULT_KEYS``, then
    the keys a rule's tree states).
    """

    pool: pl.DataFrame
    rules: tuple[Rule, ...] = DEFAULT
    permutation: tuple[int, ...] = ()
    candidate: str | None = None
    generator: Generate | None = None
    keys: Mapping[str, Keys] = field(default_factory=lambda: DEFAULT_KEYS)

    def run(self, pool: pl.DataFrame | None = None, candidate_ids: Sequence[str] | None = None,
            *, fresh: bool = False) -> tuple[Association, ...]:  # fmt: skip
        """The associations of ``pool`` (default: the case's), maybe of some candidates only.

        Only the case's own pool is looked up in the cache, unless ``fresh``.
        """
        cached = pool is None and not fresh
        chosen = self.generator or asnfp_generator(self.rules, cached=cached)
        return chosen(self.pool if pool is None else pool, candidate_ids)

    @cached_property
    def associations(self) -> tuple[Association, ...]:
        """The associations of the whole pool."""
        return self.run()

    @cached_property
    def rows(self) -> prov.Rows:
        """The pool rows by file-name stem."""
        return prov.pool_rows(self.pool)

    def rule(self, asn: Association) -> Rule | None:
        """The rule value that made ``asn``, if it is one of the case's rules."""
        name = prov.rule_name(asn)
        return next((rule for rule in self.rules if rule.name == name), None)

    def keys_of(self, asn: Association) -> Keys | None:
        """The group keys of the rule that made ``asn``."""
        name = prov.rule_name(asn)
        if name in self.keys:
            return self.keys[name]
        rule = self.rule(asn)
        return None if rule is None else group_keys(rule)
