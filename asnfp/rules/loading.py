"""Loading rule sets that users write: a Python file or an importable module exporting ``RULES``."""

from __future__ import annotations

import importlib
import importlib.util
import sys
from collections.abc import Sequence
from pathlib import Path
from types import ModuleType

from returns.result import Failure, Result, Success

from asnfp.errors import RuleError
from asnfp.rules.rule import Rule


def _import(spec: str) -> ModuleType:
    path = Path(spec)
    if path.suffix == ".py" or path.exists():
        name = f"asnfp_user_rules_{abs(hash(str(path.resolve())))}"
        found = importlib.util.spec_from_file_location(name, path)
        if found is None or found.loader is None:
            raise ImportError(f"cannot import {spec!r} as a Python file")
        module = importlib.util.module_from_spec(found)
        sys.modules[name] = module
        found.loader.exec_module(module)
        return module
    return importlib.import_module(spec)


def load_rules(spec: str) -> Result[tuple[Rule, ...], RuleError]:
    """The ``RULES`` tuple of a rule file or module, ordered by rule name.

    Examples
    --------
    >>> load_rules("asnfp.rules.level2.miri_lrs").unwrap()[0].name
    'Asn_Lv2MIRLRSFixedSlitNod'
    >>> load_rules("no.such.module").failure().message
    "cannot load the rules: No module named 'no'"
    """
    try:
        module = _import(spec)
    except (ImportError, OSError, SyntaxError) as error:
        return Failure(RuleError(source=spec, message=f"cannot load the rules: {error}"))
    rules = getattr(module, "RULES", None)
    if not isinstance(rules, tuple | list) or not rules:
        return Failure(
            RuleError(source=spec, message="expected a non-empty RULES tuple of asnfp Rule values")
        )
    wrong = [type(r).__name__ for r in rules if not isinstance(r, Rule)]
    if wrong:
        return Failure(
            RuleError(source=spec, message=f"RULES holds values that are not Rule: {wrong[0]}")
        )
    return Success(tuple(sorted(rules, key=lambda rule: rule.name)))


def rule_set(
    extra: Sequence[str], *, ignore_default: bool, default: tuple[Rule, ...]
) -> Result[tuple[Rule, ...], RuleError]:
    """The rules a run uses: the defaults (unless ignored), then each file's rules."""
    if ignore_default and not extra:
        return Failure(
            RuleError(source="--ignore-default", message="no rule definitions given (use -r)")
        )
    rules: list[Rule] = [] if ignore_default else list(default)
    for spec in extra:
        loaded = load_rules(spec)
        if isinstance(loaded, Failure):
            return loaded
        rules.extend(loaded.unwrap())
    return Success(tuple(rules))
