"""The examples in the tool modules' docstrings run and print what they show."""

from __future__ import annotations

import doctest
import importlib

import pytest

MODULES = [
    "asnfp.tools.diff",
    "asnfp.tools.edit",
    "asnfp.tools.from_list",
    "asnfp.tools.gather",
    "asnfp.tools.make_pool",
    "asnfp.tools.validate",
]


@pytest.mark.parametrize("name", MODULES)
def test_docstring_examples(name: str) -> None:
    result = doctest.testmod(importlib.import_module(name), optionflags=doctest.ELLIPSIS)
    assert result.failed == 0
    assert result.attempted > 0
