"""Conformance report: run asnfp on every corpus case and tabulate agreement.

Run as ``python tests/conformance/report.py [--case NAME] [--show-diff]``. The exit status is
always 0; the suite in this folder is what passes or fails.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

# Run as a script, this file's folder is on sys.path but the package holding it is not.
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from conformance.compare import CaseResult, same_content_pairs
from conformance.corpus import Case, case_named, expected_files, load_cases
from conformance.expected_failures import EXPECTED_FAILURES
from conformance.harness import Generated, compare_generated, generate

_HEADERS = ("case", "expected", "identical", "differing", "missing", "extra", "seconds")


@dataclass(frozen=True, slots=True)
class Row:
    """One case of the report: its run and the comparison of its output."""

    generated: Generated
    result: CaseResult


def run_cases(cases: Sequence[Case], out_root: Path) -> list[Row]:
    """Generate and compare each case, writing its output under ``out_root/CASE``."""
    rows = []
    for case in cases:
        generated = generate(case, out_root / case.name)
        rows.append(Row(generated, compare_generated(case, generated)))
    return rows


def table(rows: Sequence[Row]) -> str:
    """The per-case table followed by the totals."""
    body = [
        (
            row.result.case,
            str(len(row.result.expected)),
            str(len(row.result.identical)),
            str(len(row.result.differing)),
            str(len(row.result.missing)),
            str(len(row.result.extra)),
            f"{row.generated.seconds:.2f}",
        )
        for row in rows
    ]
    widths = [max(len(cell) for cell in column) for column in zip(_HEADERS, *body, strict=True)]
    lines = [_line(_HEADERS, widths), _line(tuple("-" * width for width in widths), widths)]
    lines += [_line(cells, widths) for cells in body]
    return "\n".join([*lines, "", *totals(rows)])


def totals(rows: Sequence[Row]) -> list[str]:
    """The two score lines: cases identical and files identical."""
    cases = sum(row.result.is_identical for row in rows)
    files = sum(len(row.result.expected) for row in rows)
    identical = sum(len(row.result.identical) for row in rows)
    seconds = sum(row.generated.seconds for row in rows)
    return [
        f"cases identical: {cases} / {len(rows)}",
        f"files identical: {identical} / {files}",
        f"asnfp seconds:   {seconds:.2f}",
    ]


def errors(rows: Sequence[Row]) -> list[str]:
    """One line per case whose run failed."""
    return [
        f"{row.generated.case}: {row.generated.error_summary}"
        for row in rows
        if row.generated.error_summary is not None
    ]


def stale_expected_failures(rows: Sequence[Row]) -> list[str]:
    """Cases listed as expected failures that are now identical."""
    return [
        row.result.case
        for row in rows
        if row.result.is_identical and row.result.case in EXPECTED_FAILURES
    ]


def differences(rows: Sequence[Row], limit: int) -> list[str]:
    """For each case that disagrees: its first differences, missing and extra files."""
    return [_difference(row, limit) for row in rows if not row.result.is_identical]


def _difference(row: Row, limit: int) -> str:
    """One case's account, with missing files whose content was written under another name."""
    expected = expected_files(case_named(row.result.case))
    pairs = same_content_pairs(row.result, expected, row.generated.files)
    renamed = [f"    {missing} was written as {extra}" for missing, extra in pairs[:limit]]
    if len(pairs) > limit:
        renamed.append(f"    ... and {len(pairs) - limit} more")
    heading = ["  same content, other name:"] if renamed else []
    return "\n".join([row.result.describe(limit), *heading, *renamed])


def _line(cells: Sequence[str], widths: Sequence[int]) -> str:
    """A table line: the first column left-aligned, numbers right-aligned."""
    first, *rest = cells
    return "  ".join(
        [first.ljust(widths[0])]
        + [cell.rjust(width) for cell, width in zip(rest, widths[1:], strict=True)]
    ).rstrip()


def _arguments(argv: Sequence[str]) -> argparse.Namespace:
    """The parsed command line."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument(
        "--case", action="append", default=[], help="report only this case (repeatable)"
    )
    parser.add_argument(
        "--show-diff",
        action="store_true",
        help="print the first differing JSON path of each differing file",
    )
    parser.add_argument(
        "--limit", type=int, default=20, help="files listed per kind and case with --show-diff"
    )
    parser.add_argument(
        "--out",
        type=Path,
        help="keep the generated files in OUT/CASE (which must hold no JSON files yet)",
    )
    return parser.parse_args(argv)


def main(argv: Sequence[str]) -> int:
    """Print the report for the selected cases; always 0."""
    args = _arguments(argv)
    cases = load_cases()
    wanted: list[str] = args.case
    unknown = sorted(set(wanted) - {case.name for case in cases})
    if unknown:
        print(f"unknown case(s): {', '.join(unknown)}", file=sys.stderr)
    if wanted:
        cases = tuple(case for case in cases if case.name in wanted)
    if args.out is not None:
        rows = run_cases(cases, args.out)
    else:
        with tempfile.TemporaryDirectory(prefix="asnfp-conformance-") as tmp:
            rows = run_cases(cases, Path(tmp))
    sections = [table(rows)]
    if failed := errors(rows):
        sections.append("\n".join(["runs that failed:", *(f"  {line}" for line in failed)]))
    if args.show_diff and (diffs := differences(rows, args.limit)):
        sections.append("\n".join(diffs))
    if stale := stale_expected_failures(rows):
        sections.append(
            "identical but listed in EXPECTED_FAILURES (remove them from "
            "tests/conformance/expected_failures.py): " + ", ".join(stale)
        )
    print("\n\n".join(sections))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
