"""Pytest helpers of the corpus tests: parameters with strict xfail marks, readable failures."""

from __future__ import annotations

from collections.abc import Collection

import pytest

from conformance.corpus import Case
from conformance.harness import Generated

XFAIL_REASON = (
    "listed in tests/conformance/expected_failures.py; remove the entry once the test passes"
)


def case_param(case: Case, *values: object, test_id: str, listed: Collection[str]) -> object:
    """``pytest.param(*values)`` for a test of ``case``; a strict xfail if ``test_id`` is listed.

    All parameters of one case share an xdist group, so under ``--dist loadgroup`` one worker
    runs every test of a case and generates its output once.
    """
    marks: list[pytest.MarkDecorator] = [pytest.mark.xdist_group(case.name)]
    if test_id in listed:
        marks.append(pytest.mark.xfail(strict=True, reason=XFAIL_REASON))
    return pytest.param(*values, id=test_id, marks=marks)


def require_run(generated: Generated) -> None:
    """Fail the test with the run's error, without the harness's own traceback."""
    if generated.error is not None:
        pytest.fail(f"asnfp generate failed on {generated.case}:\n{generated.error}", pytrace=False)


def fail_with(report: str) -> None:
    """Fail the test with a comparison report as the whole message."""
    pytest.fail(report, pytrace=False)
