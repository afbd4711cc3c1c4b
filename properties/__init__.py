"""Hypothesis property tests of asnfp, one module per invariant."""
