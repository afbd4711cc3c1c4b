"""Check the laws against the reference generator (``jwst`` 3.0.0) itself.

Before asnfp is held to a law, the reference must keep it. This script runs every law of
``asnfp.testing.laws.LAWS`` with the reference as the generator, on the corpus pools and on
generated pools, and prints each law's violations with the smallest pool that shows them::

    .venv/bin/python properties/reference_laws.py corpus
    .venv/bin/python properties/reference_laws.py generated --examples 100 --scenes 2

Determinism is checked without the ``constraints`` text, which the reference writes with
function addresses. Pools that show a violation are written to ``--out`` (default ``/tmp``).
It is a tool, not a test: each reference run takes seconds.
"""

from __future__ import annotations

import argparse
import json
import logging
import random
import sys
from collections import defaultdict
from collections.abc import Iterable
from pathlib import Path

import polars as pl
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from asnfp.association import to_dict
from asnfp.testing import strategies
from asnfp.testing.laws import LAWS, Case, output_is_deterministic, violations

if __name__ == "__main__":
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from properties._corpus import NAMES, frame
from properties._reference import reference_generator, write_pool

Found = dict[str, list[tuple[int, str, pl.DataFrame]]]


def _without_constraints(case: Case) -> tuple[str, ...]:
    """Determinism as the reference keeps it: equal files but for ``constraints``."""

    def files(run: Iterable[object]) -> set[str]:
        documents = [to_dict(a) for a in run]  # type: ignore[arg-type]
        for document in documents:
            document.pop("constraints", None)
        return {json.dumps(d) for d in documents}

    return () if files(case.associations) == files(case.run()) else ("two runs differ",)


def check(pool: pl.DataFrame, seed: int, found: Found) -> None:
    """Run every law on ``pool`` with the reference; record what breaks."""
    order = list(range(pool.height))
    random.Random(seed).shuffle(order)
    case = Case(pool, permutation=tuple(order), generator=reference_generator())
    laws = [law for law in LAWS if law is not output_is_deterministic]
    broken = violations(case, laws)
    if _without_constraints(case):
        broken["output_is_deterministic"] = ("two runs differ",)
    for name, problems in broken.items():
        found[name].append((pool.height, problems[0], pool))


def report(found: Found, seen: int, out: Path) -> None:
    """Print, per law, how many pools broke it and the smallest such pool."""
    print(f"{seen} pools checked")
    for name in sorted(found):
        items = sorted(found[name], key=lambda item: item[0])
        height, problem, pool = items[0]
        path = out / f"reference_{name}.csv"
        write_pool(pool, path)
        print(f"{name}: {len(items)} pools; smallest ({height} rows, {path}): {problem}")
    if not found:
        print("every law held")


def main(argv: list[str] | None = None) -> None:
    """Command line: ``corpus`` or ``generated``."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("source", choices=("corpus", "generated"))
    parser.add_argument("--examples", type=int, default=50)
    parser.add_argument("--scenes", type=int, default=2)
    parser.add_argument("--out", type=Path, default=Path("/tmp"))
    args = parser.parse_args(argv)
    logging.disable(logging.WARNING)
    found: Found = defaultdict(list)
    seen = 0
    if args.source == "corpus":
        for name in NAMES:
            if name != "mega_pool":
                check(frame(name), seen, found)
                seen += 1
                print(name, sorted(found), flush=True)
    else:

        @settings(max_examples=args.examples, deadline=None, database=None,
                  suppress_health_check=list(HealthCheck))  # fmt: skip
        @given(strategies.pools(max_scenes=args.scenes, shuffle=True), st.integers(0, 2**32))
        def run(pool: pl.DataFrame, seed: int) -> None:
            nonlocal seen
            check(pool, seed, found)
            seen += 1

        run()
    report(found, seen, args.out)


if __name__ == "__main__":
    main()
