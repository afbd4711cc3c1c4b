"""Running asnfp on a corpus case through its command-line entry point."""

from __future__ import annotations

import importlib
import io
import traceback
from collections.abc import Callable, Mapping
from contextlib import redirect_stderr, redirect_stdout
from dataclasses import dataclass
from pathlib import Path
from time import perf_counter

from conformance.compare import CaseResult, compare_case
from conformance.corpus import Case, expected_files, read_json_files

CliMain = Callable[[list[str]], int]


@dataclass(frozen=True, slots=True)
class Generated:
    """What one run of ``asnfp generate`` left behind.

    ``error`` holds the reason when the run did not finish with status 0: the import failure,
    the exit status with the captured standard error, or the traceback of an exception.
    """

    case: str
    files: Mapping[str, str]
    error: str | None
    seconds: float

    @property
    def error_summary(self) -> str | None:
        """The last non-empty line of ``error``, for one-line reports."""
        if self.error is None:
            return None
        lines = [line for line in self.error.splitlines() if line.strip()]
        return lines[-1].strip() if lines else "failed without a message"


# The session fixture's type: runs a case, or returns the earlier run of it.
GenerateCase = Callable[[Case], Generated]


def argv_for(case: Case, out_dir: Path) -> list[str]:
    """The ``asnfp.cli.main`` arguments that run ``case`` into ``out_dir``."""
    return ["generate", str(case.pool_path), "-p", str(out_dir), *case.options]


def load_cli_main() -> CliMain:
    """``asnfp.cli.main``; imported on demand so the suite collects while the CLI is absent."""
    module = importlib.import_module("asnfp.cli")
    main: CliMain = module.main
    return main


def generate(case: Case, out_dir: Path) -> Generated:
    """Run asnfp on ``case``, writing into ``out_dir``, and read back every ``*.json`` there."""
    out_dir.mkdir(parents=True, exist_ok=True)
    if stale := read_json_files(out_dir):
        # Files left by an earlier run would be read back as this run's output.
        return Generated(case.name, {}, f"{out_dir} already holds {len(stale)} JSON files", 0.0)
    try:
        main = load_cli_main()
    except ImportError:
        return Generated(case.name, {}, "cannot import asnfp.cli:\n" + traceback.format_exc(), 0.0)
    stdout, stderr = io.StringIO(), io.StringIO()
    error: str | None = None
    start = perf_counter()
    try:
        with redirect_stdout(stdout), redirect_stderr(stderr):
            status = main(argv_for(case, out_dir))
    except SystemExit as exc:
        # argparse and explicit exits end the run this way instead of returning.
        status = exc.code if isinstance(exc.code, int) else 1
    except Exception:
        error = traceback.format_exc()
        status = 1
    seconds = perf_counter() - start
    if error is None and status != 0:
        error = f"exit status {status}\n{stderr.getvalue()}"
    return Generated(case.name, read_json_files(out_dir), error, seconds)


def compare_generated(case: Case, generated: Generated) -> CaseResult:
    """Compare a run's output with the expected output of its case."""
    return compare_case(case.name, expected_files(case), generated.files)
