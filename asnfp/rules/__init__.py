"""Association rules: the default rule sets, and the pieces to write new rules."""

from asnfp.rules.registry import DEFAULT, LEVEL2B, LEVEL3
from asnfp.rules.rule import NameParts as NameParts
from asnfp.rules.rule import Rule as Rule

__all__ = ("NameParts", "Rule", "default", "level2b", "level3")


def default() -> tuple[Rule, ...]:
    """Every default rule, in the order they are tried (Level 2b, then Level 3)."""
    return DEFAULT


def level2b() -> tuple[Rule, ...]:
    """The default Level 2b rules."""
    return LEVEL2B


def level3() -> tuple[Rule, ...]:
    """The default Level 3 rules."""
    return LEVEL3


def __dir__() -> tuple[str, ...]:
    return __all__
