"""Why an exposure is, or is not, in an association; and what the rules are.

``asnfp.explain`` names both this package and its ``explain`` function: once the package
is imported, the import system binds ``asnfp.explain`` to it, so the package is callable
and calling it calls :func:`explain`.
"""

import sys as _sys
import types as _types
from typing import TYPE_CHECKING, Any

from asnfp._lazy import lazy_exports

if TYPE_CHECKING:
    from asnfp.explain.api import explain as explain
    from asnfp.explain.api import reasons_for as reasons_for
    from asnfp.explain.listing import RuleSummary as RuleSummary
    from asnfp.explain.listing import summarize as summarize
    from asnfp.explain.model import AttrFailure as AttrFailure
    from asnfp.explain.model import CheckFailure as CheckFailure
    from asnfp.explain.model import Excluded as Excluded
    from asnfp.explain.model import Explanation as Explanation
    from asnfp.explain.model import Kept as Kept
    from asnfp.explain.model import Membership as Membership
    from asnfp.explain.model import Refused as Refused
    from asnfp.explain.model import Removed as Removed
    from asnfp.explain.model import RowExplanation as RowExplanation
    from asnfp.explain.model import RuleVerdict as RuleVerdict
    from asnfp.explain.rules_render import render_rules as render_rules
    from asnfp.options import Options as Options

_HOMES = {
    "explain": "asnfp.explain.api",
    "reasons_for": "asnfp.explain.api",
    "RuleSummary": "asnfp.explain.listing",
    "summarize": "asnfp.explain.listing",
    "AttrFailure": "asnfp.explain.model",
    "CheckFailure": "asnfp.explain.model",
    "Excluded": "asnfp.explain.model",
    "Explanation": "asnfp.explain.model",
    "Kept": "asnfp.explain.model",
    "Membership": "asnfp.explain.model",
    "Refused": "asnfp.explain.model",
    "Removed": "asnfp.explain.model",
    "RowExplanation": "asnfp.explain.model",
    "RuleVerdict": "asnfp.explain.model",
    "Options": "asnfp.options",
    "render_rules": "asnfp.explain.rules_render",
}

__all__ = (
    "AttrFailure",
    "CheckFailure",
    "Excluded",
    "Explanation",
    "Kept",
    "Membership",
    "Options",
    "Refused",
    "Removed",
    "RowExplanation",
    "RuleSummary",
    "RuleVerdict",
    "explain",
    "reasons_for",
    "render_rules",
    "summarize",
)


__getattr__, __dir__ = lazy_exports(__name__, _HOMES, __all__)


def _call_explain(*args: Any, **kwargs: Any) -> Any:
    from asnfp.explain.api import explain as run

    return run(*args, **kwargs)


class _CallablePackage(_types.ModuleType):
    """This package, callable as :func:`explain`."""

    __call__ = staticmethod(_call_explain)


_sys.modules[__name__].__class__ = _CallablePackage
