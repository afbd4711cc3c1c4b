"""The reference generator (``jwst`` 3.0.0) run in this process, as a generator under test.

Running ``jwst.associations.main.Main.cli`` in process costs the generation alone; a
subprocess would add about three seconds of imports per pool.
"""

from __future__ import annotations

import logging
import tempfile
from collections.abc import Sequence
from pathlib import Path

import polars as pl

from asnfp.association import Association
from asnfp.io import loads
from asnfp.testing.laws import POOL_NAME, Generate


def write_pool(pool: pl.DataFrame, path: Path) -> None:
    """Write a frame of string cells as a ``|``-separated pool file."""
    lines = ["|".join(pool.columns)]
    lines += ["|".join(str(cell) for cell in row) for row in pool.iter_rows()]
    path.write_text("\n".join(lines) + "\n")


def reference_texts(pool: pl.DataFrame, *options: str) -> dict[str, str]:
    """The reference's association files for ``pool``, by file name, without writing them."""
    from jwst.associations.main import Main

    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / POOL_NAME
        write_pool(pool, path)
        generator = Main.cli([str(path), "-p", tmp, "--dry-run", *options])
    logging.getLogger("jwst").setLevel(logging.ERROR)
    return dict(asn.dump() for asn in generator.associations)


def reference_generator() -> Generate:
    """The reference as a :data:`asnfp.testing.laws.Generate`."""

    def run(pool: pl.DataFrame, candidate_ids: Sequence[str] | None) -> tuple[Association, ...]:
        options = ("-i", *candidate_ids) if candidate_ids is not None else ()
        texts = reference_texts(pool, *options)
        return tuple(loads(text, name=name).unwrap() for name, text in texts.items())

    return run
