"""Performance regression guard: generation time as a multiple of a same-run read baseline.

Run with ``make bench-guard``. Both figures come from this one process, so the ratio cancels most
of the machine's speed and load. Exits 1 when the ratio exceeds ``MAX_RATIO``.
"""

from __future__ import annotations

import importlib
import os
import sys
import time
from collections.abc import Callable
from pathlib import Path

from asnfp.scaling import corpus_pool

MAX_RATIO = 200.0
"""Largest accepted (best generation time) / (best pool-read time) on mega_pool."""

REPEATS = 5
POOL = "mega_pool"


def best_of(call: Callable[[], object], repeats: int) -> float:
    """Smallest wall time of ``repeats`` calls of ``call``."""
    times: list[float] = []
    for _ in range(repeats):
        start = time.perf_counter()
        call()
        times.append(time.perf_counter() - start)
    return min(times)


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
    read_s = best_of(lambda: read_pool(path), REPEATS)
    generate_s = best_of(lambda: generate(path), REPEATS)
    ratio = generate_s / read_s
    print(f"bench-guard: {POOL} ({Path(path).name}), best of {REPEATS}")
    print(f"  baseline asnfp.read_pool: {read_s * 1000:9.1f} ms")
    print(f"  asnfp.generate:           {generate_s * 1000:9.1f} ms")
    print(f"  ratio: {ratio:.1f}x (limit {MAX_RATIO:g}x)")
    if ratio > MAX_RATIO:
        print(
            f"bench-guard: FAILED: generating {POOL} took {generate_s * 1000:.1f} ms, "
            f"{ratio:.1f}x the {read_s * 1000:.1f} ms pool read; the limit is {MAX_RATIO:g}x. "
            "Profile asnfp.generate for a regression, or raise MAX_RATIO in bench/guard.py "
            "with a reason if the slowdown is intended.",
            file=sys.stderr,
        )
        return 1
    print("bench-guard: ok")
    return 0


if __name__ == "__main__":
    sys.exit(main())
