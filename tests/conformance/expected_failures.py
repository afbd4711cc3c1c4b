"""Corpus cases and imaging files that asnfp does not reproduce yet.

The tests mark every listed entry as a strict expected failure, so an entry that starts passing
fails the suite until it is removed from here. Only remove entries; a new failure is a bug.
"""

from __future__ import annotations

# Case names from tests/corpus/cases.tsv (test_corpus.py).
EXPECTED_FAILURES: frozenset[str] = frozenset()

# "case/file name" ids of imaging association files (test_imaging_files.py).
# Every imaging file must be reproduced, so this list is meant to stay empty.
IMAGING_EXPECTED_FAILURES: frozenset[str] = frozenset()
