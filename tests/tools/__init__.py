"""Tests of the association tools (``asnfp.tools``) and the datamodels adapter (``asnfp.models``).

The package makes the modules ``tools.test_*``, so their names cannot clash with other tests.
"""
