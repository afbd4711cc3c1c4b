"""Every corpus case: asnfp must write exactly the expected association files."""

from __future__ import annotations

import pytest

from conformance.corpus import Case, load_cases
from conformance.expected_failures import EXPECTED_FAILURES
from conformance.harness import GenerateCase, compare_generated
from conformance.support import case_param, fail_with, require_run


@pytest.mark.parametrize(
    "case",
    [case_param(case, case, test_id=case.name, listed=EXPECTED_FAILURES) for case in load_cases()],
)
def test_case_is_identical(case: Case, generated_case: GenerateCase) -> None:
    generated = generated_case(case)
    require_run(generated)
    result = compare_generated(case, generated)
    if not result.is_identical:
        fail_with(result.describe(limit=20))


def test_expected_failures_name_real_cases() -> None:
    names = {case.name for case in load_cases()}
    assert names >= EXPECTED_FAILURES, sorted(EXPECTED_FAILURES - names)
