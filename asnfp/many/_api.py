"""``generate_many``: the public entry point, which imports Dask only when called."""

from __future__ import annotations

import os
from collections.abc import Sequence
from typing import TYPE_CHECKING, TextIO

from asnfp.many._options import GenerateOptions
from asnfp.many._progress import ProgressMode
from asnfp.many._summary import Summary

if TYPE_CHECKING:
    from distributed import Client

__all__ = ("generate_many",)


def generate_many(
    pools: Sequence[str | os.PathLike[str]],
    out: str | os.PathLike[str],
    *,
    options: GenerateOptions | None = None,
    workers: int | None = None,
    scheduler: str | None = None,
    client: Client | None = None,
    force: bool = False,
    pattern: str = "*.csv",
    progress: ProgressMode = "none",
    stream: TextIO | None = None,
) -> Summary:
    """Generate the associations of many pools, each pool a Dask task.

    Pool ``P.csv`` is written into ``out/P/``, with the same files, byte for byte, as
    ``asnfp generate P.csv -p out/P`` with the same options. ``out/summary.json`` gets the
    returned summary. A pool that cannot be generated is a ``failed`` row with its reason and
    does not stop the others. A pool whose output from an earlier batch is complete (its
    manifest in ``out/.manifests/`` matches) is ``skipped`` unless ``force``.

    Parameters
    ----------
    pools
        Pool files, and folders standing for their files that match ``pattern``.
    out
        The output folder; made if missing.
    options
        The ``asnfp generate`` options for every pool; the defaults when None.
    workers
        Worker processes of the local cluster; one per core when None.
    scheduler
        The address of an existing Dask scheduler (``tcp://host:8786``) to use instead of a
        local cluster. Its workers must have asnfp installed and see the same paths.
    client
        An existing ``distributed.Client`` to use instead; it is left open.
    force
        Generate every pool, complete or not.
    pattern
        Glob for pool files inside folders (``**/*.csv`` descends).
    progress : {'auto', 'bar', 'lines', 'none'}
        Progress on ``stream`` (standard error when None): a live bar, one line per pool,
        nothing, or ``auto``, a bar on a terminal and lines otherwise.
    stream
        Where progress goes.

    Returns
    -------
    Summary
        One row per pool in input order, and the totals.

    Raises
    ------
    ValueError
        On options that exclude each other, or ``workers`` with ``scheduler`` or ``client``.
    asnfp.errors.RuleLoadError
        When the rule files of ``options.rules`` cannot be loaded.

    Examples
    --------
    >>> import asnfp, tempfile
    >>> from asnfp.many import GenerateOptions
    >>> with tempfile.TemporaryDirectory() as out:  # doctest: +SKIP
    ...     summary = asnfp.generate_many(["pools/"], out, options=GenerateOptions(merge=True))
    ...     print(summary.totals.failed)
    0
    """
    from asnfp.many._batch import run_batch

    return run_batch(
        pools,
        out,
        options or GenerateOptions(),
        workers=workers,
        scheduler=scheduler,
        client=client,
        force=force,
        pattern=pattern,
        progress=progress,
        stream=stream,
    )
