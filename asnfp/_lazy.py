"""Package attributes imported on first use, so that importing a package stays quick."""

from __future__ import annotations

import importlib
import sys
from collections.abc import Callable, Mapping
from typing import Any


def lazy_exports(
    package: str, homes: Mapping[str, str], names: tuple[str, ...]
) -> tuple[Callable[[str], Any], Callable[[], tuple[str, ...]]]:
    """A module ``__getattr__`` and ``__dir__`` for ``package``.

    ``homes`` maps each public name to the module that defines it; the name is imported
    from there on first access and then kept on the package. ``__dir__`` lists ``names``.
    """

    def getattr_(name: str) -> Any:
        home = homes.get(name)
        if home is None:
            raise AttributeError(f"module {package!r} has no attribute {name!r}")
        value = getattr(importlib.import_module(home), name)
        setattr(sys.modules[package], name, value)
        return value

    def dir_() -> tuple[str, ...]:
        return names

    return getattr_, dir_
