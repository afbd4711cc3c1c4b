"""Association rules: the default rule sets, and the pieces to write new rules."""

from collections.abc import Iterable

from asnfp.rules.registry import DEFAULT, LEVEL2B, LEVEL3
from asnfp.rules.rule import NameParts as NameParts
from asnfp.rules.rule import Rule as Rule

__all__ = ("NameParts", "Rule", "default", "level2b", "level3", "select")


def default() -> tuple[Rule, ...]:
    """Every default rule, in the order they are tried (Level 2b, then Level 3)."""
    return DEFAULT


def level2b() -> tuple[Rule, ...]:
    """The default Level 2b rules."""
    return LEVEL2B


def level3() -> tuple[Rule, ...]:
    """The default Level 3 rules."""
    return LEVEL3


def select(
    rules: tuple[Rule, ...] | None = None,
    *,
    names: Iterable[str] | None = None,
    asn_types: Iterable[str] | None = None,
    level: int | None = None,
) -> tuple[Rule, ...]:
    """The rules (default: every default rule) that match every filter given, in order.

    Rule sets are tuples, so extending one is concatenation:
    ``select(asn_types={"image3"}) + my_rules``.

    Examples
    --------
    >>> [r.name for r in select(asn_types={"wfs-image3"})]
    ['Asn_Lv3WFSCMB']
    >>> len(select(level=2)) == len(level2b())
    True
    """
    wanted_names = None if names is None else frozenset(names)
    wanted_types = None if asn_types is None else frozenset(asn_types)
    return tuple(
        rule
        for rule in (DEFAULT if rules is None else rules)
        if (wanted_names is None or rule.name in wanted_names)
        and (wanted_types is None or rule.asn_type in wanted_types)
        and (level is None or rule.level == level)
    )


def __dir__() -> tuple[str, ...]:
    return __all__
