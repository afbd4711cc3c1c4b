"""Implementation of ``asnfp.testing.strategies``; import from there."""
