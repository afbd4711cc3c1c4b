"""Exports of ``asnfp.explain`` and the examples in its docstrings."""

from __future__ import annotations

import doctest
import importlib
import subprocess
import sys

import asnfp
from asnfp.explain import api

from .helpers import POOLS


def test_asnfp_explain_explains_whichever_way_it_was_imported() -> None:
    assert "explain" in asnfp.__all__
    importlib.import_module("asnfp.explain.cli")
    pool = str(POOLS / "pool_002_image_miri.csv")
    assert asnfp.explain(pool, "jw_00001_uncal.fits") == api.explain(pool, "jw_00001_uncal.fits")
    for first in ("import asnfp", "import asnfp.explain.cli; import asnfp"):
        code = f"{first}; print(type(asnfp.explain({pool!r}, 'jw_00001_uncal.fits')).__name__)"
        out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                             check=True).stdout
        assert out == "Explanation\n"


def test_the_package_exports_its_public_names() -> None:
    importlib.import_module("asnfp.explain.cli")
    package = sys.modules["asnfp.explain"]
    for name in package.__all__:
        found = getattr(package, name)
        if name == "Options":  # the generator's options, which explanations take too
            assert found is asnfp.Options
            continue
        assert found.__module__.startswith("asnfp.explain."), name
    assert dir(package) == sorted(package.__all__)
    assert not hasattr(package, "no_such_name")


def test_registering_the_commands_loads_neither_the_engine_nor_polars() -> None:
    code = (
        "import sys; from asnfp.cli import build_parser; build_parser(); "
        "heavy = ('polars', 'asnfp._core.engine', 'asnfp.rules'); "
        "print(sorted(m for m in heavy if m in sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True).stdout
    assert out == "[]\n"


def test_docstring_examples() -> None:
    results = doctest.testmod(api)
    assert results.attempted > 0 and results.failed == 0
