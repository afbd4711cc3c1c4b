"""Hypothesis settings profiles for the property tests.

Choose one with the ``HYPOTHESIS_PROFILE`` environment variable:

- ``default`` (what ``make test`` and CI run): 100 examples per property, derandomized and
  without the example database, so every run draws the same examples and a failure
  reproduces on any machine;
- ``ci``: the same settings under an explicit name;
- ``dev``: 20 random examples, for quick local runs;
- ``explore``: 1000 random examples, to look for new counterexamples (slow).

In the derandomized profiles, the law tests share one seed (``properties._shared``), so they
see the same pools and generate each pool once.
"""

from __future__ import annotations

import os

import pytest
from hypothesis import HealthCheck, settings

# Polars compiles an expression on first use, so the first example of a test can be slow:
# deadlines would flag that warm-up instead of real regressions. Pools are drawn scene by
# scene, which the input-generation health check would call slow.
_QUIET = (HealthCheck.too_slow,)

settings.register_profile(
    "default",
    max_examples=100,
    deadline=None,
    derandomize=True,
    database=None,
    print_blob=True,
    suppress_health_check=_QUIET,
)
settings.register_profile("ci", settings.get_profile("default"))
settings.register_profile("dev", max_examples=20, deadline=None, suppress_health_check=_QUIET)
settings.register_profile(
    "explore", max_examples=1000, deadline=None, print_blob=True, suppress_health_check=_QUIET
)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "default"))


def pytest_configure(config: pytest.Config) -> None:
    """Register ``xdist_group``, so ``properties/`` also runs alone with ``--strict-markers``."""
    config.addinivalue_line("markers", "xdist_group(name): run tests of one group on one worker")
