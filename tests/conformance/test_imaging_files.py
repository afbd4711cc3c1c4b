"""Imaging associations of the default-option cases must each be reproduced exactly."""

from __future__ import annotations

import pytest

from conformance.compare import compare_texts
from conformance.corpus import Case, expected_files, imaging_files, load_cases
from conformance.expected_failures import IMAGING_EXPECTED_FAILURES
from conformance.harness import GenerateCase
from conformance.support import case_param, fail_with, require_run


def _imaging_files() -> list[tuple[Case, str, str]]:
    """Every imaging file of the default-option cases: case, file name and ``case/name`` id."""
    return [
        (case, name, f"{case.name}/{name}")
        for case in load_cases()
        if case.is_default
        for name in imaging_files(case)
    ]


@pytest.mark.parametrize(
    ("case", "name"),
    [
        case_param(case, case, name, test_id=file_id, listed=IMAGING_EXPECTED_FAILURES)
        for case, name, file_id in _imaging_files()
    ],
)
def test_imaging_file_is_identical(case: Case, name: str, generated_case: GenerateCase) -> None:
    generated = generated_case(case)
    require_run(generated)
    if name not in generated.files:
        fail_with(f"asnfp wrote no {name} for case {case.name}")
    difference = compare_texts(name, expected_files(case)[name], generated.files[name])
    if difference is not None:
        fail_with(difference.describe())


def test_imaging_expected_failures_name_real_files() -> None:
    ids = {file_id for _, _, file_id in _imaging_files()}
    assert ids >= IMAGING_EXPECTED_FAILURES, sorted(IMAGING_EXPECTED_FAILURES - ids)
