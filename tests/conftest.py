"""Fixtures shared by every test under ``tests``.

``tests`` itself has no ``__init__.py``: pytest then puts this folder on ``sys.path``, which makes
``conformance`` (and ``unit``) importable packages for the tests and for mypy alike.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from conformance.corpus import CORPUS_DIR, POOLS_DIR, load_cases


def pytest_configure(config: pytest.Config) -> None:
    """Register ``xdist_group`` so the suite also runs without pytest-xdist (``-p no:xdist``)."""
    config.addinivalue_line("markers", "xdist_group(name): run tests of one group on one worker")


def pytest_report_header() -> str:
    """Name the corpus the run compares against."""
    return f"asnfp corpus: {len(load_cases())} cases in {CORPUS_DIR}"


@pytest.fixture(scope="session")
def corpus_dir() -> Path:
    """The vendored corpus folder (``tests/corpus``)."""
    return CORPUS_DIR


@pytest.fixture(scope="session")
def pools_dir() -> Path:
    """The folder of corpus pools, for tests that need a real pool file."""
    return POOLS_DIR
