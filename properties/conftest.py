"""Hypothesis settings profiles for the property tests.

Choose one with the ``HYPOTHESIS_PROFILE`` environment variable: ``dev`` for quick local runs,
``ci`` for a thorough derandomized run, ``default`` otherwise.
"""

from __future__ import annotations

import os

from hypothesis import HealthCheck, settings

# Polars compiles an expression on first use, so the first example of a test can be slow:
# deadlines would flag that warm-up instead of real regressions.
settings.register_profile("default", max_examples=100, deadline=None)
settings.register_profile("dev", max_examples=20, deadline=None)
settings.register_profile(
    "ci",
    max_examples=300,
    deadline=None,
    derandomize=True,
    print_blob=True,
    suppress_health_check=(HealthCheck.too_slow,),
)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "default"))
