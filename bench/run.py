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
import shlex
import shutil
import statistics
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Sequence, Sized
from datetime import UTC, datetime
from pathlib import Path
from typing import NamedTuple

from plot import RECORDED_REFERENCE, Point, write_plot

from asnfp.scaling import corpus_pool, scale_pool_file, synthetic_pool, write_pool

ROOT = Path(__file__).resolve().parents[1]
BENCH = ROOT / "bench"
SCALED_DIR = BENCH / "pools"
OUT_DIR = BENCH / "out"
RESULTS = BENCH / "results.md"
PYTHON = ROOT / ".venv" / "bin" / "python"
ASNFP = ROOT / ".venv" / "bin" / "asnfp"
TIME = Path("/usr/bin/time")
REFERENCE_CANDIDATES = (
    ROOT / ".venv" / "bin" / "asn_generate",
    Path("/work/refvenv/bin/asn_generate"),
)

CORPUS_POOLS = ("mega_pool", "pool_004_wfs", "pool_001_candidates")
REFERENCE_POOLS = ("mega_pool", "pool_004_wfs", "pool_001_candidates")
SCALE_FACTORS = (4, 16)
SYNTHETIC_ROWS = 100_000
SYNTHETIC_LABEL = f"synthetic {SYNTHETIC_ROWS:,}"
CLI_REPEATS = 3
IMAGING_RULES = (
    "--ignore-default", "-r", "asnfp.rules.level2.imaging", "-r", "asnfp.rules.level3.imaging",
)
"""The rules of the core issue: Level 2 and Level 3 imaging (with WFS&C) only."""
IMAGING_POOLS = ("mega_pool", "mega_pool ×16")
IN_PROCESS_REPEATS = 5
SCALED_IN_PROCESS_REPEATS = 3
STARTUP_REPEATS = 7
CHILD_TIMEOUT_S = 3600.0
LEFTOVER_FILES = 1000
"""More files than this left in the output folder at the start are noted in the report."""

# The performance issue's targets, as checked in the summary at the top of the report.
TARGET_REFERENCE_RATIO = 150.0  # reference / asnfp whole-process wall time on mega_pool, at least
TARGET_IN_PROCESS_S = 0.15  # asnfp.generate(mega_pool), best in-process wall time, below
TARGET_GROWTH_16 = 20.0  # whole-process time(x16) / time(x1), at most
TARGET_SYNTHETIC_S = 15.0  # whole process on the 100,000-row pool, below
TARGET_SYNTHETIC_MIB = 2048.0  # peak RSS on the 100,000-row pool, below (2 GiB)
TARGET_IMAGING_S = 1.0  # whole process on mega_pool with the image rules only, at most
TARGET_STARTUP_S = 0.5  # `import asnfp` and `asnfp --help`, each as a child process, below


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


def tree_rss_kib(root: int) -> int:
    """Resident memory of process ``root`` and all its descendants now, in KiB (0 if gone)."""
    total = 0
    pending = [root]
    while pending:
        pid = pending.pop()
        try:
            with open(f"/proc/{pid}/status") as status:
                total += next(
                    (int(line.split()[1]) for line in status if line.startswith("VmRSS:")), 0
                )
            for task in os.listdir(f"/proc/{pid}/task"):
                with open(f"/proc/{pid}/task/{task}/children") as children:
                    pending.extend(int(child) for child in children.read().split())
        except (OSError, ValueError):
            continue
    return total


class TreePeak:
    """Samples the summed resident memory of a process tree until stopped (Linux /proc)."""

    def __init__(self, root: int, every_s: float = 0.02) -> None:
        self.peak_kib = 0
        self._root = root
        self._every_s = every_s
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._sample, daemon=True)
        self._thread.start()

    def _sample(self) -> None:
        while not self._stop.is_set():
            self.peak_kib = max(self.peak_kib, tree_rss_kib(self._root))
            self._stop.wait(self._every_s)

    def stop(self) -> int:
        self._stop.set()
        self._thread.join()
        return self.peak_kib


def run_child(argv: Sequence[str], outdir: Path, log: Path) -> ChildRun:
    """Run ``argv`` once into a fresh ``outdir``; measure wall time and the child's peak RSS.

    The child runs under ``/usr/bin/time -f %M`` when present: Linux folds the memory high-water
    mark of the process that called exec into ``ru_maxrss``, so a child spawned straight from this
    (possibly large) process would report at least this process's size. ``%M`` is the largest
    single process; ``asnfp generate`` may fork a second one, so the summed memory of the whole
    process tree is also sampled, and the peak is the larger of the two.
    """
    # A fresh directory: deleting the last run's files just before the next run would charge
    # the file system's deferred work for the deletion to the run being timed.
    outdir.mkdir(parents=True)
    log.parent.mkdir(parents=True, exist_ok=True)
    rss_file = log.with_suffix(".rss")
    rss_file.unlink(missing_ok=True)
    timed = TIME.is_file()
    command = [os.fspath(TIME), "-f", "%M", "-o", os.fspath(rss_file), *argv] if timed else argv
    # Earlier runs' files still being written back would slow this one's writes.
    os.sync()
    with log.open("w") as err:
        start = time.perf_counter()
        proc = subprocess.Popen(command, cwd=ROOT, stdout=err, stderr=subprocess.STDOUT)
        tree = TreePeak(proc.pid)
        timer = threading.Timer(CHILD_TIMEOUT_S, proc.kill)
        timer.start()
        try:
            _, wait_status, usage = os.wait4(proc.pid, 0)
        finally:
            timer.cancel()
            sampled = tree.stop()
        seconds = time.perf_counter() - start
    status = os.waitstatus_to_exitcode(wait_status)
    proc.returncode = status
    files = sum(1 for _ in outdir.glob("*.json"))
    cpu = usage.ru_utime + usage.ru_stime
    peak = peak_kib(rss_file, usage.ru_maxrss) if timed else usage.ru_maxrss
    return ChildRun(seconds, cpu, max(peak, sampled) / 1024.0, status, files, log)


def clear_outputs() -> int:
    """Remove what the last benchmark left (its logs, or all its output if it was stopped
    early) before anything is timed, and let it settle; how many files were removed."""
    removed = sum(len(files) for _, _, files in os.walk(OUT_DIR))
    shutil.rmtree(OUT_DIR, ignore_errors=True)
    OUT_DIR.mkdir(parents=True)
    os.sync()
    return removed


def remove_written() -> None:
    """Remove the association files the runs wrote (the logs stay), once nothing more is timed.

    Not at the start of the next run: for several minutes after many files are deleted, this
    file system creates files several times more slowly (its inode allocator steps over the
    slots of recently deleted inodes), which would be charged to that run's timings.
    """
    for entry in OUT_DIR.iterdir():
        if entry.is_dir():
            shutil.rmtree(entry, ignore_errors=True)


def best_child(argv: Sequence[str], label: str, repeats: int) -> ChildRun:
    """Best wall time of ``repeats`` runs (peak RSS is the largest seen); stop at a failure."""
    runs: list[ChildRun] = []
    for index in range(repeats):
        outdir = OUT_DIR / label / f"run{index}"
        run = run_child([*argv, os.fspath(outdir)], outdir, OUT_DIR / f"{label}.{index}.log")
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
        pools.append(Pool(SYNTHETIC_LABEL, dst, count_rows(dst), True))
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


def git_commit() -> str:
    """Short hash of the checked-out commit, or ``unknown``."""
    found = subprocess.run(
        ["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True, text=True
    ).stdout.strip()
    return found or "unknown"


def header_lines(args: argparse.Namespace, started: datetime, commit: str) -> list[str]:
    """Run conditions: date, commit, machine, versions, load."""
    versions = ", ".join(
        f"{package} {importlib.metadata.version(package)}" for package in ("polars", "jwst")
    )
    load = ", ".join(f"{value:.2f}" for value in os.getloadavg())
    flags = [
        flag for flag, on in (("--quick", args.quick), ("--no-reference", args.no_reference)) if on
    ]
    if not args.no_reference and list(args.reference_pools) != list(REFERENCE_POOLS):
        flags.append("--reference-pools " + " ".join(args.reference_pools))
    return [
        "# asnfp benchmark results",
        "",
        f"- date: {started:%Y-%m-%d %H:%M} UTC; commit {commit}",
        f"- machine: {platform.machine()}, {os.cpu_count()} cores; Python "
        f"{platform.python_version()} ({os.path.realpath(sys.executable)}); {versions}",
        f"- load average at start: {load}; flags: {' '.join(flags) or 'none'}",
        "",
    ]


class Startup(NamedTuple):
    """Best and median wall time of a short command run as a child process, or its failure."""

    command: str
    best: float | None
    median: float | None
    status: int


def time_startup(argv: Sequence[str], repeats: int) -> Startup:
    """Wall time of ``argv`` as a child process (output discarded), over ``repeats`` runs."""
    command = shlex.join(os.path.relpath(arg, ROOT) if os.sep in arg else arg for arg in argv)
    times: list[float] = []
    for _ in range(repeats):
        start = time.perf_counter()
        proc = subprocess.run(
            argv, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False
        )
        if proc.returncode != 0:
            return Startup(command, None, None, proc.returncode)
        times.append(time.perf_counter() - start)
    return Startup(command, min(times), statistics.median(times), 0)


def measure_startup() -> list[Startup]:
    """``import asnfp`` and ``asnfp --help``, each as a child process."""
    commands = ([os.fspath(PYTHON), "-c", "import asnfp"], [os.fspath(ASNFP), "--help"])
    results: list[Startup] = []
    for argv_ in commands:
        print(f"start-up: {' '.join(argv_)} x{STARTUP_REPEATS}", flush=True)
        results.append(time_startup(argv_, STARTUP_REPEATS))
    return results


def measure_in_process(pools: Sequence[Pool]) -> tuple[dict[str, Timing], dict[str, str]]:
    """``asnfp.generate`` on mega_pool and its scaled copies: timings, and failures by label."""
    timings: dict[str, Timing] = {}
    failures: dict[str, str] = {}
    generate = asnfp_api("generate")
    if generate is None:
        return timings, {pool.label: "asnfp.generate is not available" for pool in pools}
    for pool in (p for p in pools if p.family):
        print(f"asnfp.generate {pool.label} x{in_process_repeats(pool)}", flush=True)
        try:
            timings[pool.label] = time_in_process(generate, pool.path, in_process_repeats(pool))
        except Exception as error:  # a report, not a gate: record and go on
            failures[pool.label] = f"failed: {error!r}"
    return timings, failures


def in_process_repeats(pool: Pool) -> int:
    """Calls of ``asnfp.generate`` timed on ``pool``."""
    if pool.rows >= SYNTHETIC_ROWS:
        return 1
    return IN_PROCESS_REPEATS if pool.label == "mega_pool" else SCALED_IN_PROCESS_REPEATS


def reference_skip_reason(args: argparse.Namespace, reference: Path | None) -> str | None:
    """Why the reference is not run, or None when it is."""
    if args.no_reference:
        return "skipped (`--no-reference`)"
    if reference is None:
        return "skipped: no `asn_generate` found"
    return None


def cli_section(pools: Sequence[Pool], cli: dict[str, ChildRun]) -> list[str]:
    """Table of asnfp's whole-process runs."""
    lines = [
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
    return [*lines, ""]


def in_process_section(
    pools: Sequence[Pool], timings: dict[str, Timing], failures: dict[str, str]
) -> list[str]:
    """Table of the in-process ``asnfp.generate`` timings."""
    lines = [
        "",
        "## asnfp, in process: `asnfp.generate(path)` (pool read and associations built)",
        "",
        "| pool | rows | repeats | best seconds | first call seconds | associations |",
        "|---|---:|---:|---:|---:|---:|",
    ]
    for pool in (p for p in pools if p.family):
        timing = timings.get(pool.label)
        if timing is None:
            why = failures.get(pool.label, "not run")
            lines.append(f"| {pool.label} | {pool.rows:,} | {why} | | | |")
            continue
        lines.append(
            f"| {pool.label} | {pool.rows:,} | {in_process_repeats(pool)} | {fmt_s(timing.best)} "
            f"| {fmt_s(timing.first)} | {timing.associations} |"
        )
    return lines


def reference_section(
    pools: Sequence[Pool],
    cli: dict[str, ChildRun],
    refs: dict[str, ChildRun],
    executable: Path | None,
    skipped: str | None,
) -> list[str]:
    """Table of the reference's runs in this benchmark, against asnfp's on the same pools."""
    lines = ["", "## Reference: `asn_generate POOL -p DIR`, one run each", ""]
    if skipped is not None:
        return [*lines, skipped[0].upper() + skipped[1:] + "."]
    lines += [
        f"Executable: `{executable}`.",
        "",
        "| pool | rows | reference seconds | reference CPU seconds | peak RSS MiB | files "
        "| asnfp seconds | reference / asnfp | CPU ratio |",
        "|---|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for pool in (p for p in pools if p.label in refs):
        ref, ours_run = refs[pool.label], cli.get(pool.label)
        ref_s, ours = ok_seconds(ref), ok_seconds(ours_run)
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
    return lines


def recorded_section() -> list[str]:
    """The reference's figures recorded earlier on mega_pool ×1, ×2 and ×4 (constants)."""
    lines = [
        "",
        "## Reference, recorded earlier (not measured in this run)",
        "",
        "`asn_generate` (jwst 3.0.0) on mega_pool and its ×2 and ×4 copies, recorded earlier on "
        "this machine. The benchmark never runs the reference on scaled pools; these figures are "
        "constants in `bench/plot.py`.",
        "",
        "| pool | rows | seconds | peak GB |",
        "|---|---:|---:|---:|",
    ]
    lines += [
        f"| {r.label} | {r.rows:,} | {r.seconds:,.0f} | {r.peak_gb:.1f} |"
        for r in RECORDED_REFERENCE
    ]
    exponent = fitted_exponent([(r.rows, r.seconds) for r in RECORDED_REFERENCE])
    lines += ["", f"Fitted exponent of the recorded times over the three sizes: {exponent:.2f}."]
    return lines


def growth_section(
    pools: Sequence[Pool], cli: dict[str, ChildRun], timings: dict[str, Timing]
) -> list[str]:
    """time(×16)/time(×1) and the fitted exponent, whole process and in process."""
    family = [p for p in pools if p.family]
    whole = [(p.rows, s) for p in family if (s := ok_seconds(cli[p.label])) is not None]
    inner = [(p.rows, timings[p.label].best) for p in family if p.label in timings]
    return [
        "",
        "## Growth with pool size (mega_pool and its scaled copies)",
        "",
        "| figure | whole process | in process |",
        "|---|---:|---:|",
        f"| time(×16) / time(×1) | {ratio_cell(cli_times(cli))} | "
        f"{ratio_cell({k: v.best for k, v in timings.items()})} |",
        f"| fitted exponent over {len(family)} sizes | {exponent_cell(whole, len(family))} "
        f"| {exponent_cell(inner, len(family))} |",
    ]


def startup_section(startup: Sequence[Startup]) -> list[str]:
    """Table of the start-up commands' wall times."""
    lines = [
        "",
        f"## Start-up: child processes, best of {STARTUP_REPEATS}",
        "",
        "| command | best seconds | median seconds |",
        "|---|---:|---:|",
    ]
    for run in startup:
        if run.best is None or run.median is None:
            lines.append(f"| `{run.command}` | failed (exit {run.status}) | |")
        else:
            lines.append(f"| `{run.command}` | {run.best:.3f} | {run.median:.3f} |")
    return lines


def plot_section(output: Path, plot_path: Path, why_not: str | None) -> list[str]:
    """The plot embedded in the report, or why there is none."""
    lines = ["", "## Whole-process time against pool rows (log–log)", ""]
    if why_not is not None:
        return [*lines, f"No plot: {why_not}."]
    link = os.path.relpath(plot_path, output.resolve().parent)
    return [*lines, f"![whole-process seconds against pool rows, log–log]({link})"]


def verdict(ok: bool | None) -> str:
    """Summary status cell."""
    return "not measured" if ok is None else ("met" if ok else "**not met**")


def summary_section(
    cli: dict[str, ChildRun],
    refs: dict[str, ChildRun],
    reference_skipped: str | None,
    timings: dict[str, Timing],
    startup: Sequence[Startup],
    imaging: dict[str, ChildRun],
) -> list[str]:
    """The issues' targets, each with the figure measured in this run and whether it is met."""
    rows: list[tuple[str, str, str, bool | None]] = imaging_rows(imaging)

    ours_run, ref_run = cli.get("mega_pool"), refs.get("mega_pool")
    ours, ref_s = ok_seconds(ours_run), ok_seconds(ref_run)
    target = "reference / asnfp, mega_pool, whole process"
    goal = f"≥ {TARGET_REFERENCE_RATIO:.0f}×"
    if ours is not None and ref_s is not None and ref_run is not None and ours_run is not None:
        ratio = ref_s / ours
        recorded = RECORDED_REFERENCE[0].seconds / ours
        measured = (
            f"{ratio:,.0f}× ({fmt_s(ref_s)} s / {fmt_s(ours)} s; CPU ratio "
            f"{ref_run.cpu_seconds / ours_run.cpu_seconds:,.0f}×; against the recorded "
            f"{RECORDED_REFERENCE[0].seconds:.0f} s: {recorded:,.0f}×)"
        )
        rows.append((target, goal, measured, ratio >= TARGET_REFERENCE_RATIO))
    else:
        why = reference_skipped or (
            "reference not run on mega_pool" if ref_run is None else "a run failed"
        )
        rows.append((target, goal, why, None))

    timing = timings.get("mega_pool")
    rows.append(
        (
            f"`asnfp.generate(mega_pool)`, in process, best of {IN_PROCESS_REPEATS}",
            f"< {TARGET_IN_PROCESS_S} s",
            f"{timing.best:.3f} s" if timing else "failed",
            timing.best < TARGET_IN_PROCESS_S if timing else None,
        )
    )

    times = cli_times(cli)
    big, small = times.get("mega_pool ×16"), times.get("mega_pool")
    growth = big / small if big and small else None
    rows.append(
        (
            "time(×16) / time(×1), whole process",
            f"≤ {TARGET_GROWTH_16:.0f}",
            f"{growth:.2f} ({fmt_s(big)} s / {fmt_s(small)} s)" if growth else "a run failed",
            growth <= TARGET_GROWTH_16 if growth else None,
        )
    )

    synthetic = cli.get(SYNTHETIC_LABEL)
    seconds = ok_seconds(synthetic)
    missing = "not run (`--quick`)" if synthetic is None else "failed"
    rows.append(
        (
            f"{SYNTHETIC_ROWS:,}-row pool, whole process",
            f"< {TARGET_SYNTHETIC_S:.0f} s",
            f"{fmt_s(seconds)} s ({SYNTHETIC_ROWS / seconds:,.0f} rows/s)" if seconds else missing,
            seconds < TARGET_SYNTHETIC_S if seconds else None,
        )
    )
    peak = synthetic.peak_mib if synthetic is not None and seconds else None
    rows.append(
        (
            f"{SYNTHETIC_ROWS:,}-row pool, peak RSS",
            f"< {TARGET_SYNTHETIC_MIB / 1024:.0f} GiB",
            f"{peak / 1024:.2f} GiB ({peak:,.0f} MiB)" if peak else missing,
            peak < TARGET_SYNTHETIC_MIB if peak else None,
        )
    )

    for run in startup:
        rows.append(
            (
                f"`{run.command}`, child process, best of {STARTUP_REPEATS}",
                f"< {TARGET_STARTUP_S} s",
                f"{run.best:.3f} s" if run.best is not None else f"failed (exit {run.status})",
                run.best < TARGET_STARTUP_S if run.best is not None else None,
            )
        )

    lines = [
        "## Summary: the performance targets",
        "",
        "Measured in this run; the sections below give the detail.",
        "",
        "| target | goal | measured | status |",
        "|---|---|---|---|",
    ]
    lines += [f"| {t} | {g} | {m} | {verdict(ok)} |" for t, g, m, ok in rows]
    return [*lines, ""]


def imaging_rows(imaging: dict[str, ChildRun]) -> list[tuple[str, str, str, bool | None]]:
    """The core issue's speed targets: image rules only, whole process."""
    one, big = ok_seconds(imaging.get("mega_pool")), ok_seconds(imaging.get("mega_pool ×16"))
    growth = big / one if big and one else None
    return [
        (
            f"image rules only, mega_pool, whole process, best of {CLI_REPEATS}",
            f"≤ {TARGET_IMAGING_S:.0f} s",
            f"{one:.3f} s" if one else "a run failed",
            one <= TARGET_IMAGING_S if one else None,
        ),
        (
            "image rules only, time(×16) / time(×1), whole process",
            f"≤ {TARGET_GROWTH_16:.0f}",
            f"{growth:.2f} ({fmt_s(big)} s / {fmt_s(one)} s)" if growth else "a run failed",
            growth <= TARGET_GROWTH_16 if growth else None,
        ),
    ]


def imaging_section(pools: Sequence[Pool], imaging: dict[str, ChildRun]) -> list[str]:
    """Table of the whole-process runs with the image rules only."""
    lines = [
        f"## asnfp, image rules only: `asnfp generate POOL {' '.join(IMAGING_RULES)} -p DIR`, "
        f"best of {CLI_REPEATS}",
        "",
        "| pool | rows | seconds | CPU seconds | peak RSS MiB | files |",
        "|---|---:|---:|---:|---:|---:|",
    ]
    for pool in (p for p in pools if p.label in imaging):
        run = imaging[pool.label]
        lines.append(
            f"| {pool.label} | {pool.rows:,} | {cli_cell(run)} | {run.cpu_seconds:.3f} "
            f"| {run.peak_mib:.0f} | {run.files} |"
        )
    return [*lines, ""]


def main(argv: Sequence[str] | None = None) -> int:
    """Run the benchmark; write and print the markdown report and draw the plot."""
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
    parser.add_argument(
        "--plot", type=Path, help="PNG path (default: scaling.png beside the report)"
    )
    args = parser.parse_args(argv)
    plot_path: Path = args.plot or args.output.with_name("scaling.png")
    started, commit = datetime.now(UTC), git_commit()
    header = header_lines(args, started, commit)

    removed = clear_outputs()
    if removed > LEFTOVER_FILES:
        header.insert(-1, f"- {removed:,} files left by an earlier, interrupted run were removed "
                          "before timing: file creation may have been slowed (see bench/README.md)")
    pools = prepare_pools(args.quick)
    print(f"pools ready in {SCALED_DIR.relative_to(ROOT)}/", flush=True)

    startup = measure_startup()

    cli: dict[str, ChildRun] = {}
    for pool in pools:
        print(f"asnfp generate {pool.label} ({pool.rows:,} rows)", flush=True)
        argv_ = [os.fspath(ASNFP), "generate", os.fspath(pool.path), "-p"]
        label = "asnfp_" + pool.path.stem
        cli[pool.label] = best_child(argv_, label, CLI_REPEATS)
    imaging: dict[str, ChildRun] = {}
    for pool in (p for p in pools if p.label in IMAGING_POOLS):
        print(f"asnfp generate {pool.label}, image rules only", flush=True)
        argv_ = [os.fspath(ASNFP), "generate", os.fspath(pool.path), *IMAGING_RULES, "-p"]
        label = "asnfp_imaging_" + pool.path.stem
        imaging[pool.label] = best_child(argv_, label, CLI_REPEATS)

    timings, failures = measure_in_process(pools)

    executable = reference_executable()
    reference_skipped = reference_skip_reason(args, executable)
    refs: dict[str, ChildRun] = {}
    if executable is not None and reference_skipped is None:
        for pool in (p for p in pools if p.label in args.reference_pools):
            print(f"asn_generate {pool.label} (reference, once)", flush=True)
            label = "reference_" + pool.path.stem
            argv_ = [os.fspath(executable), os.fspath(pool.path), "-p"]
            refs[pool.label] = best_child(argv_, label, 1)
    remove_written()

    why_not = write_plot(
        [Point(p.label, p.rows, s) for p in pools if (s := ok_seconds(cli[p.label])) is not None],
        [Point(p.label, p.rows, s) for p in pools if (s := ok_seconds(refs.get(p.label)))],
        plot_path,
        f"commit {commit}, {started:%Y-%m-%d %H:%M} UTC",
    )
    if why_not is not None:
        print(f"no plot: {why_not}", flush=True)

    lines = [
        *header,
        *summary_section(cli, refs, reference_skipped, timings, startup, imaging),
        *cli_section(pools, cli),
        *imaging_section(pools, imaging),
        *in_process_section(pools, timings, failures),
        *reference_section(pools, cli, refs, executable, reference_skipped),
        *recorded_section(),
        *growth_section(pools, cli, timings),
        *startup_section(startup),
        *plot_section(args.output, plot_path, why_not),
    ]
    report = "\n".join(lines) + "\n"
    args.output.write_text(report)
    print()
    print(report)
    if why_not is None:
        print(f"plot: {plot_path}")
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
