"""Throughput of ``asnfp generate-many`` on the corpus: serial runs against Dask workers.

Run with ``make bench-many`` or ``.venv/bin/python bench/many.py [--repeats N] [--quick]``.
Every configuration generates all pools of ``tests/corpus/pools/`` into a fresh temporary
folder and is timed as a child process: wall time, and the CPU time of the child and everything
it started. Each run must write as many association files as the first; the table goes to
``bench/results-many.md``.

Configurations:

- ``serial, a process per pool``: ``asnfp generate POOL -p DIR`` once per pool, as a shell loop
  would run it.
- ``serial, one process``: one Python process calling ``asnfp generate`` for each pool in turn.
- ``generate-many --workers N``: the whole command, local cluster start and stop included.
- ``generate_many, running 2-worker cluster``: the batch alone, on a cluster started (and warmed
  by one batch) beforehand, as on a long-lived cluster.

The report always exits 0. On a shared machine the figures move with the load; the load average
before and after each run is in the table.
"""

from __future__ import annotations

import argparse
import os
import platform
import resource
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from datetime import UTC, datetime
from pathlib import Path
from typing import NamedTuple

ROOT = Path(__file__).resolve().parents[1]
POOLS = ROOT / "tests" / "corpus" / "pools"
RESULTS = ROOT / "bench" / "results-many.md"
PYTHON = ROOT / ".venv" / "bin" / "python"
ASNFP = ROOT / ".venv" / "bin" / "asnfp"

SERIAL_ONE_PROCESS = """
import sys
from pathlib import Path
from asnfp.cli import main
out = Path(sys.argv[1])
for pool in sys.argv[2:]:
    folder = out / Path(pool).stem
    folder.mkdir(parents=True)
    main(["generate", pool, "-p", str(folder)])
"""

PER_PROCESS = """
set -u
out="$1"; shift
for pool in "$@"; do
    name=$(basename "$pool" .csv)
    mkdir -p "$out/$name"
    "{asnfp}" generate "$pool" -p "$out/$name" 2>/dev/null || true
done
"""

WARM_CLUSTER = """
import resource, sys, time
from distributed import Client
from asnfp.many import generate_many
from asnfp.many._batch import local_cluster

def cpu():
    use = resource.getrusage(resource.RUSAGE_SELF)
    return use.ru_utime + use.ru_stime

if __name__ == "__main__":
    out, pools = sys.argv[1], sys.argv[2]
    with local_cluster(2) as cluster, Client(cluster) as client:
        generate_many([pools], out + "/warm-up", client=client)
        before, own = client.run(cpu), cpu()
        started = time.perf_counter()
        generate_many([pools], out + "/run", client=client, force=True)
        wall = time.perf_counter() - started
        after = client.run(cpu)
        used = cpu() - own + sum(after[w] - before[w] for w in after)
        print(wall, used)
"""


class Run(NamedTuple):
    """One timed configuration."""

    label: str
    wall: float
    cpu: float
    load: tuple[float, float]


def _load() -> float:
    return os.getloadavg()[0]


def timed(label: str, argv: Sequence[str], inner: bool = False) -> Run:
    """Run ``argv`` to the end; wall and CPU time (the child's own figures when ``inner``)."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    load = _load()
    started = time.perf_counter()
    done = subprocess.run(argv, capture_output=True, text=True, check=False)
    wall = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    if inner:
        if done.returncode != 0:
            raise SystemExit(f"{label} failed:\n{done.stderr}")
        wall, cpu = map(float, done.stdout.split()[-2:])
    return Run(label, wall, cpu, (load, _load()))


def count_files(folder: Path, inner: bool) -> int:
    """The association files a run wrote (for the running-cluster run: its timed batch)."""
    return sum(1 for _ in (folder / "run" if inner else folder).glob("*/*_asn.json"))


def configurations(pools: list[Path], workers: Sequence[int]) -> list[tuple[str, list[str], bool]]:
    """Label, command line and whether the child reports its own time, per configuration.

    ``{out}`` in a command line stands for the run's output folder.
    """
    names = [str(p) for p in pools]
    fresh = "{out}"
    runs = [
        ("serial, a process per pool",
         ["bash", "-c", PER_PROCESS.format(asnfp=ASNFP), "loop", fresh, *names], False),
        ("serial, one process",
         [str(PYTHON), "-c", SERIAL_ONE_PROCESS, fresh, *names], False),
    ]
    for count in workers:
        runs.append((f"generate-many --workers {count}",
                     [str(ASNFP), "generate-many", str(POOLS), "-o", fresh,
                      "--workers", str(count), "--progress", "none"], False))
    runs.append(("generate_many, running 2-worker cluster",
                 [str(PYTHON), "-c", WARM_CLUSTER, fresh, str(POOLS)], True))
    return runs


def main(argv: Sequence[str] | None = None) -> int:
    """Time every configuration, print the table and write it."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=1, help="runs per configuration (best kept)")
    parser.add_argument("--workers", type=int, nargs="+", default=[1, 2],
                        help="local cluster sizes (default 1 2)")
    parser.add_argument("--quick", action="store_true",
                        help="leave out the slow process-per-pool loop")
    parser.add_argument("--output", type=Path, default=RESULTS, help="the results file")
    args = parser.parse_args(argv)
    pools = sorted(POOLS.glob("*.csv"))
    if not pools:
        raise SystemExit(f"no pools in {POOLS}")
    best: dict[str, Run] = {}
    expected: int | None = None
    for label, command, inner in configurations(pools, args.workers):
        if args.quick and label.startswith("serial, a process"):
            continue
        for _ in range(args.repeats):
            with tempfile.TemporaryDirectory(prefix="asnfp-bench-many-") as folder:
                run = timed(label, [part.replace("{out}", folder) for part in command], inner)
                written = count_files(Path(folder), inner)
            expected = written if expected is None else expected
            if written != expected:
                raise SystemExit(f"{label}: {written} association files, expected {expected}")
            print(f"{label}: {len(pools) / run.wall:.2f} pools/s ({run.wall:.1f} s wall, "
                  f"{run.cpu:.1f} s CPU, load {run.load[0]:.1f}->{run.load[1]:.1f})",
                  flush=True)
            if label not in best or run.wall < best[label].wall:
                best[label] = run
    serial = best["serial, one process"].wall
    lines = [
        "# generate-many throughput",
        "",
        f"Made by `bench/many.py` on {datetime.now(UTC):%Y-%m-%d %H:%M} UTC: {os.cpu_count()} "
        f"cores, Python {platform.python_version()}, {len(pools)} corpus pools "
        f"(`tests/corpus/pools/`, one of them failing by design), best of {args.repeats}.",
        "",
        "| configuration | pools/s | wall s | CPU s | vs serial, one process | load before→after |",
        "|---|---:|---:|---:|---:|---|",
    ]
    for run in best.values():
        lines.append(
            f"| {run.label} | {len(pools) / run.wall:.2f} | {run.wall:.1f} | {run.cpu:.1f} | "
            f"{serial / run.wall:.2f}x | {run.load[0]:.1f}→{run.load[1]:.1f} |"
        )
    lines += [
        "",
        "CPU s counts the child and every process it started; for the running-cluster row, the "
        "CPU its workers, scheduler and client spent on the timed batch. The `generate-many` rows "
        "include starting and stopping the local cluster; the running-cluster row is the batch "
        "alone. A machine shared with other work gives the workers less than a core each: "
        "compare the CPU column too.",
    ]
    text = "\n".join(lines) + "\n"
    args.output.write_text(text)
    print()
    print(text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
