"""The parts of the batch engine that need no cluster: pools, options, progress, rows, imports."""

from __future__ import annotations

import io
import subprocess
import sys
from datetime import datetime
from pathlib import Path
from typing import cast

import pytest
from distributed import Future, KilledWorker
from distributed.scheduler import WorkerState

from asnfp.many import GenerateOptions, PoolRow
from asnfp.many._batch import _row
from asnfp.many._options import check_options, resolve_version
from asnfp.many._pools import collect_pools
from asnfp.many._progress import Bar, Lines, Quiet, reporter
from asnfp.many._summary import render, summarize
from asnfp.many._task import PoolTask

pytestmark = pytest.mark.xdist_group("many")


def _touch(path: Path) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("x")
    return path


def test_collect_pools_expands_folders_and_reports_bad_inputs(tmp_path: Path) -> None:
    b = _touch(tmp_path / "dir" / "b_pool.csv")
    a = _touch(tmp_path / "dir" / "a_pool.csv")
    _touch(tmp_path / "dir" / "notes.txt")
    clash = _touch(tmp_path / "other" / "a_pool.csv")
    hidden = _touch(tmp_path / "other" / ".csv.csv")
    missing = tmp_path / "gone.csv"
    entries = collect_pools([tmp_path / "dir", a, clash, hidden, missing])
    assert entries[:2] == [("a_pool", a), ("b_pool", b)]
    rows = entries[2:]
    assert all(isinstance(row, PoolRow) and row.status == "failed" for row in rows)
    reasons = [row.reason for row in rows if isinstance(row, PoolRow)]
    assert reasons == [
        f"pool name 'a_pool' is already used by {a}; rename one of them",
        "pool name '.csv' would be a hidden folder; rename the file",
        "no such file or folder",
    ]


def test_collect_pools_pattern_can_descend(tmp_path: Path) -> None:
    deep = _touch(tmp_path / "p1" / "x" / "jw1_pool.csv")
    _touch(tmp_path / "p1" / "jw2_pool.txt")
    assert collect_pools([tmp_path], "**/*_pool.csv") == [("jw1_pool", deep)]
    assert collect_pools([tmp_path]) == []


@pytest.mark.parametrize(
    ("options", "problem"),
    [
        (GenerateOptions(candidate_ids=("c1",), discover=True), "exclude each other"),
        (GenerateOptions(per_pool=True, candidate_ids=("c1",)), "per_pool"),
        (GenerateOptions(save_orphans="sub/o.csv"), "plain file name"),
        (GenerateOptions(save_orphans=""), "plain file name"),
    ],
)
def test_check_options_names_the_conflict(options: GenerateOptions, problem: str) -> None:
    assert problem in str(check_options(options))


def test_bare_version_id_is_one_time_stamp() -> None:
    when = datetime(2026, 3, 4, 5, 6, 7)
    assert resolve_version(GenerateOptions(version_id=True), when) == "20260304t050607"
    assert resolve_version(GenerateOptions(version_id="abc"), when) == "abc"
    assert resolve_version(GenerateOptions(), when) is None


ROWS = (
    PoolRow(pool="p1", path="/p1.csv", status="complete", associations=3,
            by_type={"image2": 2, "image3": 1}, orphans=1, files=3, seconds=1.5),
    PoolRow(pool="p2", path="/p2.csv", status="failed", reason="pool has no 'exp_type'"),
    PoolRow(pool="p3", path="/p3.csv", status="skipped", associations=4, by_type={"spec2": 4}),
)


class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_lines_report_each_pool() -> None:
    stream = io.StringIO()
    report = Lines(stream)
    report.start(3, ROWS[2:])
    for row in ROWS[:2]:
        report.update(row)
    report.finish()
    assert stream.getvalue().splitlines() == [
        "asnfp: 3 pools",
        "asnfp: [1/3] p3 skipped: 4 associations, 0 orphans (0.0 s)",
        "asnfp: [2/3] p1 complete: 3 associations, 1 orphans (1.5 s)",
        "asnfp: [3/3] p2 failed: pool has no 'exp_type'",
    ]


def test_bar_counts_pools_associations_and_errors() -> None:
    stream = _Terminal()
    report = Bar(stream)
    report.start(3, ROWS[2:])
    for row in ROWS[:2]:
        report.update(row)
    report.finish()
    last = stream.getvalue().split("\r\x1b[2K")[-1]
    assert last.startswith("[" + "#" * 24 + "] 3/3 pools, 3 associations, 1 error, ")
    assert last.endswith(" s\n")


def test_auto_progress_is_a_bar_only_on_a_terminal() -> None:
    assert isinstance(reporter("auto", _Terminal()), Bar)
    assert isinstance(reporter("auto", io.StringIO()), Lines)
    assert isinstance(reporter("none", _Terminal()), Quiet)


def test_summary_totals_and_text() -> None:
    summary = summarize(ROWS, out="/out", scheduler="tcp://s:1", workers=2, seconds=4.0)
    totals = summary.totals
    assert (totals.pools, totals.complete, totals.skipped, totals.failed) == (3, 1, 1, 1)
    assert totals.by_type == {"image2": 2, "image3": 1, "spec2": 4}
    assert totals.pools_per_second == 0.5  # skipped pools are not counted
    assert render(summary).splitlines() == [
        "3 pools: 1 complete, 1 skipped, 1 failed in 4.0 s (0.5 pools/s)",
        "7 associations (image2 2, image3 1, spec2 4), 1 orphaned rows",
        "failed: p2 (/p2.csv): pool has no 'exp_type'",
    ]


def test_importing_asnfp_does_not_import_dask() -> None:
    code = (
        "import sys, asnfp, asnfp.cli; asnfp.cli.build_parser(); "
        "print(sorted(m for m in ('dask', 'distributed') if m in sys.modules), "
        "asnfp.generate_many.__module__)"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          check=True)
    assert done.stdout.split() == ["[]", "asnfp.many._api"]


def test_bar_redraws_for_elapsed_time_once_a_second() -> None:
    stream = _Terminal()
    report = Bar(stream)
    report.start(2, ())
    report.tick()
    assert stream.getvalue().count("\r") == 1
    report.drawn -= 1.0
    report.tick()
    assert stream.getvalue().count("\r") == 2
    report.finish()
    report.finish()
    assert stream.getvalue().count("\n") == 1


class _Ended:
    """A stand-in for a Dask future that ended with an exception."""

    status = "error"

    def __init__(self, error: BaseException) -> None:
        self.error = error

    def exception(self) -> BaseException:
        return self.error


@pytest.mark.parametrize(
    ("error", "reason"),
    [
        (KilledWorker("k", cast("WorkerState", None), 3),
         "4 workers died running this pool (out of memory?)"),
        (RuntimeError("boom"), "RuntimeError: boom"),
    ],
)
def test_a_task_that_raised_is_a_failed_row(error: BaseException, reason: str) -> None:
    task = PoolTask(name="p", pool="/p.csv", out="/out", options=GenerateOptions(),
                    version_id=None, rules_sha256=())
    row = _row(cast("Future[PoolRow]", _Ended(error)), task)
    assert row == PoolRow(pool="p", path="/p.csv", status="failed", reason=reason)
