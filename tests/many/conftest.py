"""Fixtures of the ``generate-many`` tests: one 2-worker local cluster for all of them.

The workers see ``ASNFP_MANY_TEST_GATE``, so a test can hold a pool's task mid-run.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from distributed import Client

from asnfp.many._batch import local_cluster
from asnfp.many._task import GATE_ENV


@pytest.fixture(scope="session")
def gate(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The folder of the test gate (see ``asnfp.many._task``)."""
    return tmp_path_factory.mktemp("gate")


@pytest.fixture(scope="session")
def client(gate: Path) -> Iterator[Client]:
    """A client of a local cluster of 2 worker processes."""
    with (
        local_cluster(2, env={GATE_ENV: str(gate)}) as cluster,
        Client(cluster) as connected,  # type: ignore[no-untyped-call]
    ):
        yield connected
