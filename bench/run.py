"""Benchmark asnfp against the reference generator and write ``bench/results.md``.

Run with ``make bench`` or ``.venv/bin/python bench/run.py [--quick] [--no-reference]``.
``bench/README.md`` explains every figure.
"""

from __future__ import annotations

import argparse
import importlib
import importlib.metadata
import math
import os
import platform
import shutil
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Sequence, Sized
from datetime import UTC, datetime
from pathlib import Path
from typing import NamedTuple

from asnfp.scaling import corpus_pool, scale_pool_file, synthetic_pool, write_pool

ROOT = Path(__file__).resolve().parents[1]
BENCH = ROOT / "bench"
SCALED_DIR = BENCH / "pools"
OUT_DIR = BENCH / "out"
RESULTS = BENCH / "results.md"
ASNFP = ROOT / ".venv" / "bin" / "asnfp"
TIME = Path("/usr/bin/time")
REFERENCE_CANDIDATES = (
    ROOT / ".venv" / "bin" / "asn_generate",
    Path("/work/refvenv/bin/asn_generate"),
)

CORPUS_POOLS = ("mega_pool", "pool_004_wfs", "pool_001_candidates")
REFERENCE_POOLS = ("mega_pool", "pool_004_wfs")
SCALE_FACTORS = (4, 16)
SYNTHETIC_ROWS = 100_000
CLI_REPEATS = 3
IN_PROCESS_REPEATS = 5
SCALED_IN_PROCESS_REPEATS = 3
CHILD_TIMEOUT_S = 3600.0


class Pool(NamedTuple):
    """A pool file to benchmark, with its label and row count."""

    label: str
    path: Path
    rows: int
    family: bool  # one of mega_pool's sizes (used for the growth fit)


class ChildRun(NamedTuple):
    """Wall time, CPU time, peak resident memory and outcome of one child process."""

    seconds: float
    cpu_seconds: float
    peak_mib: float
    status: int
    files: int
    log: Path


class Timing(NamedTuple):
    """Best and first wall time of repeated in-process calls, and the result size."""

    best: float
    first: float
    associations: int


def count_rows(path: Path) -> int:
    """Data rows of a pool file: non-comment, non-blank lines after the header."""
    with path.open() as handle:
        lines = sum(1 for line in handle if line.strip() and not line.startswith("#"))
    return max(lines - 1, 0)


def peak_kib(rss_file: Path, fallback: int) -> int:
    """Peak RSS in KiB that ``/usr/bin/time -f %M`` wrote to ``rss_file``, else ``fallback``."""
    try:
        return int(rss_file.read_text().split()[-1])
    except (OSError, ValueError, IndexError):
        return fallback


def run_child(argv: Sequence[str], outdir: Path, log: Path) -> ChildRun:
    """Run ``argv`` once into a fresh ``outdir``; measure wall time and the child's peak RSS.

    The child runs under ``/usr/bin/time -f %M`` when present: Linux folds the memory high-water
    mark of the process that called exec into ``ru_maxrss``, so a child spawned straight from this
    (possibly large) process would report at least this process's size.
    """
    shutil.rmtree(outdir, ignore_errors=True)
    outdir.mkdir(parents=True)
    log.parent.mkdir(parents=True, exist_ok=True)
    rss_file = log.with_suffix(".rss")
    rss_file.unlink(missing_ok=True)
    timed = TIME.is_file()
    command = [os.fspath(TIME), "-f", "%M", "-o", os.fspath(rss_file), *argv] if timed else argv
    with log.open("w") as err:
        start = time.perf_counter()
        proc = subprocess.Popen(command, cwd=ROOT, stdout=err, stderr=subprocess.STDOUT)
        timer = threading.Timer(CHILD_TIMEOUT_S, proc.kill)
        timer.start()
        try:
            _, wait_status, usage = os.wait4(proc.pid, 0)
        finally:
            timer.cancel()
        seconds = time.perf_counter() - start
    status = os.waitstatus_to_exitcode(wait_status)
    proc.returncode = status
    files = sum(1 for _ in outdir.glob("*.json"))
    cpu = usage.ru_utime + usage.ru_stime
    peak = peak_kib(rss_file, usage.ru_maxrss) if timed else usage.ru_maxrss
    return ChildRun(seconds, cpu, peak / 1024.0, status, files, log)


def best_child(argv: Sequence[str], label: str, repeats: int) -> ChildRun:
    """Best wall time of ``repeats`` runs (peak RSS is the largest seen); stop at a failure."""
    runs: list[ChildRun] = []
    for index in range(repeats):
        run = run_child(argv, OUT_DIR / label, OUT_DIR / f"{label}.{index}.log")
        runs.append(run)
        if run.status != 0:
            tail = run.log.read_text(errors="replace").strip().splitlines()[-3:]
            print(f"  {label}: exit {run.status}; see {run.log}: {' | '.join(tail)}")
            return run
    best = min(runs, key=lambda run: run.seconds)
    return best._replace(peak_mib=max(run.peak_mib for run in runs))


def asnfp_api(name: str) -> Callable[..., object] | None:
    """The public asnfp function ``name``, or None when the package does not provide it yet."""
    try:
        module = importlib.import_module("asnfp")
    except ImportError as error:
        print(f"  asnfp does not import: {error!r}")
        return None
    found: object = getattr(module, name, None)
    return found if callable(found) else None


def time_in_process(generate: Callable[..., object], path: Path, repeats: int) -> Timing:
    """Best and first wall time of ``generate(path)`` over ``repeats`` calls."""
    times: list[float] = []
    count = 0
    for _ in range(repeats):
        start = time.perf_counter()
        result = generate(os.fspath(path))
        times.append(time.perf_counter() - start)
        count = len(result) if isinstance(result, Sized) else -1
    return Timing(min(times), times[0], count)


def fitted_exponent(points: Sequence[tuple[int, float]]) -> float:
    """Least-squares slope of log(seconds) against log(rows)."""
    xs = [math.log(rows) for rows, _ in points]
    ys = [math.log(seconds) for _, seconds in points]
    mean_x, mean_y = sum(xs) / len(xs), sum(ys) / len(ys)
    spread = sum((x - mean_x) ** 2 for x in xs)
    return sum((x - mean_x) * (y - mean_y) for x, y in zip(xs, ys, strict=True)) / spread


def prepare_pools(quick: bool) -> list[Pool]:
    """Corpus pools plus mega_pool scaled 4x and 16x (and the 100k-row pool unless quick)."""
    paths = {name: corpus_pool(name) for name in CORPUS_POOLS}
    pools = [
        Pool(name, path, count_rows(path), name == "mega_pool") for name, path in paths.items()
    ]
    mega = corpus_pool("mega_pool")
    for factor in SCALE_FACTORS:
        dst = SCALED_DIR / f"mega_pool_x{factor}.csv"
        scale_pool_file(mega, dst, factor)
        pools.append(Pool(f"mega_pool ×{factor}", dst, count_rows(dst), True))
    if not quick:
        dst = SCALED_DIR / f"synthetic_{SYNTHETIC_ROWS}.csv"
        write_pool(synthetic_pool(SYNTHETIC_ROWS), dst)
        pools.append(Pool(f"synthetic {SYNTHETIC_ROWS:,}", dst, count_rows(dst), True))
    return pools


def reference_executable() -> Path | None:
    """The reference ``asn_generate``: the dev venv's, else the separate reference venv's."""
    return next((path for path in REFERENCE_CANDIDATES if path.is_file()), None)


def fmt_s(seconds: float | None) -> str:
    """Seconds for a table cell."""
    if seconds is None:
        return "n/a"
    return f"{seconds:.3f}" if seconds < 10 else f"{seconds:.1f}"


def cli_cell(run: ChildRun | None) -> str:
    """Wall-time cell of a child run, or why there is none."""
    if run is None:
        return "n/a"
    return fmt_s(run.seconds) if run.status == 0 else f"failed (exit {run.status})"


def ok_seconds(run: ChildRun | None) -> float | None:
    """Wall time of a successful run."""
    return run.seconds if run is not None and run.status == 0 else None


def header_lines(args: argparse.Namespace) -> list[str]:
    """Run conditions: date, commit, machine, versions, load."""
    commit = subprocess.run(
        ["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True, text=True
    ).stdout.strip()
    versions = ", ".join(
        f"{package} {importlib.metadata.version(package)}" for package in ("polars", "jwst")
    )
    load = ", ".join(f"{value:.2f}" for value in os.getloadavg())
    flags = " ".join(flag for flag, on in (("--quick", args.quick),) if on) or "none"
    return [
        "# asnfp benchmark results",
        "",
        f"- date: {datetime.now(UTC):%Y-%m-%d %H:%M} UTC; commit {commit or 'unknown'}",
        f"- machine: {platform.machine()}, {os.cpu_count()} cores; Python "
        f"{platform.python_version()}; {versions}",
        f"- load average at start: {load}; flags: {flags}",
        "",
    ]


def main(argv: Sequence[str] | None = None) -> int:
    """Run the benchmark; write and print the markdown report."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--no-reference", action="store_true", help="skip the reference runs")
    parser.add_argument("--quick", action="store_true", help="skip the 100,000-row pool")
    parser.add_argument(
        "--reference-pools",
        nargs="+",
        choices=REFERENCE_POOLS,
        default=list(REFERENCE_POOLS),
        help="corpus pools to run the reference on (default: %(default)s)",
    )
    parser.add_argument("--output", type=Path, default=RESULTS, help="markdown report path")
    args = parser.parse_args(argv)
    lines = header_lines(args)

    pools = prepare_pools(args.quick)
    print(f"pools ready in {SCALED_DIR.relative_to(ROOT)}/", flush=True)

    cli: dict[str, ChildRun] = {}
    for pool in pools:
        print(f"asnfp generate {pool.label} ({pool.rows:,} rows)", flush=True)
        argv_ = [os.fspath(ASNFP), "generate", os.fspath(pool.path), "-p"]
        label = "asnfp_" + pool.path.stem
        cli[pool.label] = best_child([*argv_, os.fspath(OUT_DIR / label)], label, CLI_REPEATS)
    lines += [
        f"## asnfp, whole process: `asnfp generate POOL -p DIR`, best of {CLI_REPEATS}",
        "",
        "| pool | rows | seconds | CPU seconds | rows/s | peak RSS MiB | files |",
        "|---|---:|---:|---:|---:|---:|---:|",
    ]
    for pool in pools:
        run = cli[pool.label]
        seconds = ok_seconds(run)
        rate = f"{pool.rows / seconds:,.0f}" if seconds else "n/a"
        files = str(run.files) if seconds else "n/a"
        lines.append(
            f"| {pool.label} | {pool.rows:,} | {cli_cell(run)} | {fmt_s(run.cpu_seconds)} | {rate} "
            f"| {run.peak_mib:.0f} | {files} |"
        )

    generate = asnfp_api("generate")
    in_process: dict[str, Timing] = {}
    lines += [
        "",
        "## asnfp, in process: `asnfp.generate(path)` (pool read and associations built)",
        "",
        "| pool | rows | repeats | best seconds | first call seconds | associations |",
        "|---|---:|---:|---:|---:|---:|",
    ]
    if generate is None:
        lines.append("| (asnfp.generate is not available) | | | | | |")
    else:
        for pool in (p for p in pools if p.family):
            repeats = IN_PROCESS_REPEATS if pool.label == "mega_pool" else SCALED_IN_PROCESS_REPEATS
            repeats = 1 if pool.rows >= SYNTHETIC_ROWS else repeats
            print(f"asnfp.generate {pool.label} x{repeats}", flush=True)
            try:
                timing = time_in_process(generate, pool.path, repeats)
            except Exception as error:  # a report, not a gate: record and go on
                lines.append(f"| {pool.label} | {pool.rows:,} | failed: {error!r} | | | |")
                continue
            in_process[pool.label] = timing
            lines.append(
                f"| {pool.label} | {pool.rows:,} | {repeats} | {fmt_s(timing.best)} "
                f"| {fmt_s(timing.first)} | {timing.associations} |"
            )

    lines += ["", "## Reference: `asn_generate POOL -p DIR`, one run each", ""]
    reference = reference_executable()
    if args.no_reference:
        lines.append("Skipped (`--no-reference`).")
    elif reference is None:
        lines.append("Skipped: no `asn_generate` found.")
    else:
        lines += [
            f"Executable: `{reference}`.",
            "",
            "| pool | rows | reference seconds | reference CPU seconds | peak RSS MiB | files "
            "| asnfp seconds | reference / asnfp | CPU ratio |",
            "|---|---:|---:|---:|---:|---:|---:|---:|---:|",
        ]
        for pool in (p for p in pools if p.label in args.reference_pools):
            print(f"asn_generate {pool.label} (reference, once)", flush=True)
            label = "reference_" + pool.path.stem
            argv_ = [os.fspath(reference), os.fspath(pool.path), "-p", os.fspath(OUT_DIR / label)]
            ref = best_child(argv_, label, 1)
            ref_s, ours = ok_seconds(ref), ok_seconds(cli.get(pool.label))
            ours_run = cli.get(pool.label)
            ratio = f"{ref_s / ours:,.0f}×" if ref_s and ours else "n/a"
            cpu_ratio = (
                f"{ref.cpu_seconds / ours_run.cpu_seconds:,.0f}×"
                if ref_s and ours and ours_run is not None
                else "n/a"
            )
            lines.append(
                f"| {pool.label} | {pool.rows:,} | {cli_cell(ref)} | {fmt_s(ref.cpu_seconds)} "
                f"| {ref.peak_mib:.0f} | {ref.files} | {fmt_s(ours)} | {ratio} | {cpu_ratio} |"
            )

    lines += ["", "## Growth with pool size (mega_pool and its scaled copies)", ""]
    lines += ["| figure | whole process | in process |", "|---|---:|---:|"]
    family = [p for p in pools if p.family]
    whole = [(p.rows, s) for p in family if (s := ok_seconds(cli[p.label])) is not None]
    inner = [(p.rows, in_process[p.label].best) for p in family if p.label in in_process]
    lines.append(
        f"| time(×16) / time(×1) | {ratio_cell(cli_times(cli))} | "
        f"{ratio_cell({k: v.best for k, v in in_process.items()})} |"
    )
    lines.append(
        f"| fitted exponent over {len(family)} sizes | {exponent_cell(whole, len(family))} "
        f"| {exponent_cell(inner, len(family))} |"
    )

    report = "\n".join(lines) + "\n"
    args.output.write_text(report)
    print()
    print(report)
    return 0


def cli_times(runs: dict[str, ChildRun]) -> dict[str, float]:
    """Wall times of the successful runs by pool label."""
    return {label: s for label, run in runs.items() if (s := ok_seconds(run)) is not None}


def ratio_cell(times: dict[str, float]) -> str:
    """time(16x)/time(1x) of mega_pool, or n/a."""
    big, small = times.get("mega_pool ×16"), times.get("mega_pool")
    return f"{big / small:.2f}" if big and small else "n/a"


def exponent_cell(points: list[tuple[int, float]], expected: int) -> str:
    """Fitted exponent when every size was measured, else n/a."""
    return f"{fitted_exponent(points):.2f}" if len(points) == expected >= 2 else "n/a"


if __name__ == "__main__":
    sys.exit(main())
