"""Conformance of asnfp against the reference output vendored in ``tests/corpus``."""
