"""The batch engine: one Dask task per pool, on a local cluster or an existing one.

A worker that dies has its tasks run again by the scheduler (up to Dask's
``distributed.scheduler.allowed-failures``, 3 by default); a task that raises is retried
once. Pools whose output is complete are skipped before any task is made.
"""

from __future__ import annotations

import contextlib
import logging
import os
import sys
import time
import uuid
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Protocol, TextIO

from distributed import Client, Future, KilledWorker, LocalCluster, as_completed
from returns.result import Failure

from asnfp.errors import RuleLoadError
from asnfp.io import write_atomic
from asnfp.many._manifest import skipped_row
from asnfp.many._options import (
    GenerateOptions,
    absolute_rules,
    check_options,
    load_rules,
    resolve_version,
    rules_digest,
)
from asnfp.many._pools import collect_pools
from asnfp.many._progress import ProgressMode, Reporter, reporter
from asnfp.many._summary import PoolRow, Summary, encode_summary, summarize
from asnfp.many._task import PoolTask, run_pool

__all__ = ("SUMMARY_FILE", "local_cluster", "run_batch")

SUMMARY_FILE = "summary.json"
_POLL_S = 0.1

log = logging.getLogger("asnfp")


def local_cluster(workers: int | None = None, env: dict[str, str] | None = None) -> LocalCluster:
    """A cluster of worker processes on this machine, one thread each, one per core by default.

    Each worker's Polars thread pool gets an equal share of the cores; ``env`` adds variables
    to the workers' environment. The dashboard takes a free port. The workers' statistical
    profiler is off: sampling the deep Python stacks of generation every 10 ms costs more CPU
    than its dashboard view is worth here.
    """
    import dask.config
    from dask.system import CPU_COUNT

    count = workers or CPU_COUNT
    share = max(1, CPU_COUNT // count)
    with dask.config.set({"distributed.worker.profile.enabled": False}):
        return LocalCluster(  # type: ignore[no-untyped-call]
            n_workers=count,
            threads_per_worker=1,
            processes=True,
            dashboard_address=":0",
            env={"POLARS_MAX_THREADS": str(share), **(env or {})},
        )


@contextlib.contextmanager
def _connect(
    client: Client | None, scheduler: str | None, workers: int | None
) -> Iterator[Client]:
    """The given client, a client of ``scheduler``, or a client of a new local cluster."""
    if client is not None:
        yield client
        return
    with contextlib.ExitStack() as stack:
        if scheduler is not None:
            yield stack.enter_context(Client(scheduler))  # type: ignore[no-untyped-call]
        else:
            cluster = stack.enter_context(local_cluster(workers))
            yield stack.enter_context(Client(cluster))  # type: ignore[no-untyped-call]


def _row(future: Future[PoolRow], task: PoolTask) -> PoolRow:
    """The row a finished future stands for; an exception becomes a failed row."""
    if future.status == "finished":
        return future.result()
    if future.status == "cancelled":
        reason = "cancelled"
    else:
        error = future.exception()  # type: ignore[no-untyped-call]
        if isinstance(error, KilledWorker):
            deaths = error.allowed_failures + 1
            reason = f"{deaths} workers died running this pool (out of memory?)"
        else:
            reason = f"{type(error).__name__}: {error}"
    return PoolRow(pool=task.name, path=task.pool, status="failed", reason=reason)


class _Completed(Protocol):
    """The part of ``distributed.as_completed`` used here."""

    def count(self) -> int:
        """Futures not yet returned."""

    def next_batch(self, block: bool = True) -> list[Future[PoolRow]]:
        """The futures finished since the last call."""


def _run_tasks(
    client: Client, tasks: Sequence[PoolTask], report: Reporter
) -> tuple[dict[str, PoolRow], bool]:
    """Run the tasks on the cluster; rows by pool name, and whether the run was interrupted.

    On an interrupt the pending tasks are cancelled and their rows say so.
    """
    batch = uuid.uuid4().hex[:8]
    keys = [f"asnfp-pool-{task.name}-{batch}" for task in tasks]
    futures: list[Future[PoolRow]] = client.map(run_pool, tasks, key=keys, retries=1)
    by_key: dict[object, PoolTask] = dict(zip(keys, tasks, strict=True))
    rows: dict[str, PoolRow] = {}
    completed: _Completed = as_completed(futures)  # type: ignore[no-untyped-call]
    try:
        while completed.count():
            ready = completed.next_batch(block=False)
            for future in ready:
                task = by_key[future.key]
                row = _row(future, task)
                rows[task.name] = row
                report.update(row)
            if not ready:
                report.tick()
                time.sleep(_POLL_S)
    except KeyboardInterrupt:
        pending = [f for f in futures if f.status == "pending"]
        client.cancel(pending)  # type: ignore[no-untyped-call]
        for task in tasks:
            if task.name not in rows:
                rows[task.name] = PoolRow(
                    pool=task.name, path=task.pool, status="failed", reason="interrupted"
                )
        return rows, True
    return rows, False


def _plan(
    entries: Sequence[tuple[str, Path] | PoolRow], out: Path, options: GenerateOptions,
    force: bool,
) -> tuple[dict[str, PoolRow], list[PoolTask]]:
    """The rows of pools skipped as complete, and the tasks of the pools to run."""
    digest = rules_digest(options)
    version_id = resolve_version(options)
    settled: dict[str, PoolRow] = {}
    tasks: list[PoolTask] = []
    for entry in entries:
        if isinstance(entry, PoolRow):
            continue
        name, path = entry
        done = None if force else skipped_row(out, name, path, options, digest)
        if done is not None:
            settled[name] = done
        else:
            tasks.append(PoolTask(name=name, pool=str(path), out=str(out), options=options,
                                  version_id=version_id, rules_sha256=digest))
    return settled, tasks


def run_batch(
    inputs: Sequence[str | os.PathLike[str]],
    out: str | os.PathLike[str],
    options: GenerateOptions,
    *,
    workers: int | None = None,
    scheduler: str | None = None,
    client: Client | None = None,
    force: bool = False,
    pattern: str = "*.csv",
    progress: ProgressMode = "none",
    stream: TextIO | None = None,
) -> Summary:
    """Generate every pool of ``inputs`` into ``out``; see ``asnfp.generate_many``."""
    problem = check_options(options)
    if problem is None and workers is not None and workers < 1:
        problem = f"{workers=} must be at least 1"
    if problem is None and workers is not None and (scheduler or client) is not None:
        problem = "workers applies to the local cluster only, not with scheduler or client"
    if problem is not None:
        raise ValueError(problem)
    options = absolute_rules(options)
    rules = load_rules(options.rules, options.ignore_default)
    if isinstance(rules, Failure):
        raise RuleLoadError(rules.failure())
    started = time.monotonic()
    target = Path(out).resolve()
    target.mkdir(parents=True, exist_ok=True)
    entries = collect_pools(inputs, pattern)
    settled, tasks = _plan(entries, target, options, force)
    report = reporter(progress, stream or sys.stderr)
    early = tuple(e for e in entries if isinstance(e, PoolRow)) + tuple(settled.values())
    report.start(len(entries), early)
    address, count = "", 0
    rows: dict[str, PoolRow] = {}
    interrupted = False
    with contextlib.ExitStack() as stack:
        stack.callback(report.finish)  # when no cluster was needed
        if tasks:
            connected = stack.enter_context(_connect(client, scheduler, workers))
            stack.callback(report.finish)  # runs before the cluster closes
            info = connected.scheduler_info()
            address, count = str(info.get("address", "")), len(info.get("workers", {}))
            log.info("Dask scheduler %s, %d workers, dashboard %s", address, count,
                     connected.dashboard_link)
            rows, interrupted = _run_tasks(connected, tasks, report)
    rows.update(settled)
    ordered = [e if isinstance(e, PoolRow) else rows[e[0]] for e in entries]
    summary = summarize(ordered, out=str(target), scheduler=address, workers=count,
                        seconds=time.monotonic() - started)
    written = write_atomic(target, SUMMARY_FILE, encode_summary(summary))
    if isinstance(written, Failure):
        raise OSError(written.failure().describe())
    if interrupted:
        raise KeyboardInterrupt
    return summary
