"""Fixtures of the conformance tests: one asnfp run per case and test session."""

from __future__ import annotations

import pytest

from conformance.corpus import Case
from conformance.harness import GenerateCase, Generated, generate


@pytest.fixture(scope="session")
def generated_case(tmp_path_factory: pytest.TempPathFactory) -> GenerateCase:
    """A function running asnfp on a case, at most once per case in this session."""
    runs: dict[str, Generated] = {}

    def run(case: Case) -> Generated:
        if case.name not in runs:
            runs[case.name] = generate(case, tmp_path_factory.mktemp(case.name))
        return runs[case.name]

    return run
