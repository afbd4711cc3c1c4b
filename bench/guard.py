"""Performance regression guard: generation time as a multiple of a same-run read baseline.

Run with ``make bench-guard``. Both figures come from this one process, and the ratio is taken
over CPU time (``time.process_time``, all threads), so the machine's speed and the load of other
processes mostly cancel out. Wall times are printed too. Exits 1 when the ratio exceeds
``MAX_RATIO``.
"""

from __future__ import annotations

import importlib
import os
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import NamedTuple

from asnfp.scaling import corpus_pool

MAX_RATIO = 400.0
"""Largest accepted (best generation CPU time) / (best pool-read CPU time) on mega_pool.

Measured at 107-130x with the complete generator (two cores, load average 12-14); wall-time
ratios in the same runs ranged from 127x to 317x, which is why the gate uses CPU time.
"""

REPEATS = 5
POOL = "mega_pool"


class Best(NamedTuple):
    """Smallest wall and CPU time over repeated calls, in seconds."""

    wall: float
    cpu: float


def best_of(call: Callable[[], object], repeats: int) -> Best:
    """Smallest wall and CPU time of ``repeats`` calls of ``call``."""
    walls: list[float] = []
    cpus: list[float] = []
    for _ in range(repeats):
        wall, cpu = time.perf_counter(), time.process_time()
        call()
        cpus.append(time.process_time() - cpu)
        walls.append(time.perf_counter() - wall)
    return Best(min(walls), min(cpus))


def public(name: str) -> Callable[[str], object]:
    """The public asnfp function ``name``; exit with a clear message when it is missing."""
    try:
        module = importlib.import_module("asnfp")
    except ImportError as error:
        sys.exit(f"bench-guard: asnfp does not import: {error!r}")
    found: object = getattr(module, name, None)
    if not callable(found):
        sys.exit(f"bench-guard: asnfp.{name} is not available; nothing to measure")

    def call(path: str) -> object:
        return found(path)

    return call


def main() -> int:
    """Measure both figures, print them, and return 1 when generation is too slow."""
    path = os.fspath(corpus_pool(POOL))
    read_pool, generate = public("read_pool"), public("generate")
    read = best_of(lambda: read_pool(path), REPEATS)
    gen = best_of(lambda: generate(path), REPEATS)
    ratio = gen.cpu / read.cpu
    print(f"bench-guard: {POOL} ({Path(path).name}), best of {REPEATS}, CPU / wall ms")
    print(f"  baseline asnfp.read_pool: {read.cpu * 1e3:9.1f} / {read.wall * 1e3:9.1f}")
    print(f"  asnfp.generate:           {gen.cpu * 1e3:9.1f} / {gen.wall * 1e3:9.1f}")
    print(
        f"  CPU ratio: {ratio:.1f}x (limit {MAX_RATIO:g}x); wall ratio {gen.wall / read.wall:.1f}x"
    )
    sys.stdout.flush()
    if ratio > MAX_RATIO:
        print(
            f"bench-guard: FAILED: generating {POOL} took {gen.cpu * 1e3:.1f} ms of CPU, "
            f"{ratio:.1f}x the {read.cpu * 1e3:.1f} ms pool read; the limit is {MAX_RATIO:g}x. "
            "Profile asnfp.generate for a regression, or raise MAX_RATIO in bench/guard.py "
            "with a reason if the slowdown is intended.",
            file=sys.stderr,
        )
        return 1
    print("bench-guard: ok")
    return 0


if __name__ == "__main__":
    sys.exit(main())
