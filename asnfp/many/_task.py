"""One pool of a batch, as it runs on a worker: generate, write, then write the manifest.

The files are made exactly as ``asnfp generate`` makes them (``load_source``,
``generate_result``, ``asnfp.io.dump``, ``asnfp.io.write_atomic`` and
``asnfp.orphans.write_orphans`` with the run's rules and options), so ``OUT/<pool>/`` equals a
serial run into that folder.
The order of the steps makes a run safe to interrupt and repeat: the old manifest goes
first, then the files are written, files of earlier runs that this run did not write are
removed, and the new manifest is written last.

For tests only: when the environment variable ``ASNFP_MANY_TEST_GATE`` names a folder that
holds ``<pool>.hold``, the task for that pool writes ``<pool>.<pid>.started`` there once its
files are written and waits (up to 60 s) for ``<pool>.release`` before finishing. A test can
then kill the worker process while the task is known to be mid-run.
"""

from __future__ import annotations

import os
import time
from collections import Counter
from pathlib import Path

import msgspec
from returns.pipeline import is_successful

from asnfp._version import __version__
from asnfp.generator import Generation, PoolSource, generate_result, load_source
from asnfp.io import dump, write_atomic
from asnfp.many._manifest import (
    Manifest,
    OutputFile,
    encode_manifest,
    file_sha256,
    manifest_path,
)
from asnfp.many._options import GenerateOptions, load_rules
from asnfp.many._summary import PoolRow
from asnfp.options import Options
from asnfp.orphans import write_orphans

__all__ = ("GATE_ENV", "PoolTask", "run_pool")

GATE_ENV = "ASNFP_MANY_TEST_GATE"
_GATE_TIMEOUT_S = 60.0


class PoolTask(msgspec.Struct, frozen=True, kw_only=True, forbid_unknown_fields=True):
    """What a worker needs for one pool: absolute paths, options and the resolved version id."""

    name: str
    pool: str
    out: str
    options: GenerateOptions
    version_id: str | None
    rules_sha256: tuple[str, ...]


def _failed(task: PoolTask, reason: str, started: float) -> PoolRow:
    """A failed row; a reason that starts with the pool's path loses it (the row has it)."""
    if reason.startswith(task.pool):
        reason = reason.removeprefix(task.pool).removeprefix(",").removeprefix(":").strip()
    return PoolRow(
        pool=task.name,
        path=task.pool,
        status="failed",
        reason=reason,
        seconds=round(time.perf_counter() - started, 3),
    )


def _generation(task: PoolTask) -> tuple[PoolSource, Generation] | str:
    """The pool's source and generation, or why there is none."""
    options = task.options
    rules = load_rules(options.rules, options.ignore_default)
    if not is_successful(rules):
        return rules.failure().describe()
    result = load_source(
        Path(task.pool), delimiter=options.delimiter, fmt=options.pool_format
    ).bind(
        lambda source: generate_result(
            source, rules.unwrap(), _options(task), debug=options.debug
        ).map(lambda generation: (source, generation))
    )
    if not is_successful(result):
        return result.failure().describe()
    return result.unwrap()


def _options(task: PoolTask) -> Options:
    """The task's generation options, as ``asnfp generate`` passes them."""
    options = task.options
    return Options(
        candidate_ids=options.candidate_ids,
        discover=options.discover,
        all_candidates=options.all_candidates,
        version_id=task.version_id,
        finalize=options.finalize,
        merge=options.merge,
        dms=options.dms,
        per_pool=options.per_pool,
    )


def _write(task: PoolTask, source: PoolSource, generation: Generation) -> list[str] | str:
    """Write the pool's files as ``asnfp generate`` does; their names, or why not."""
    options = task.options
    folder = Path(task.out) / task.name
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        return f"cannot make the output folder {str(folder)!r}: {exc.strerror or exc}"
    names = []
    for name, text in [dump(asn, options.format) for asn in generation.associations]:
        written = write_atomic(folder, name, text)
        if not is_successful(written):
            return written.failure().describe()
        names.append(name)
    if options.save_orphans is not None:
        target = folder / options.save_orphans
        saved = write_orphans(
            Path(task.pool), source.frame, generation.orphans, target,
            delimiter=options.delimiter,
            rules=load_rules(options.rules, options.ignore_default).unwrap(),
            options=_options(task),
        )
        if saved is not None:
            return saved
        names.append(options.save_orphans)
    return names


def _prune(folder: Path, keep: set[str]) -> None:
    """Remove the plain files of ``folder`` that the current run did not write."""
    for path in folder.iterdir():
        if path.name not in keep and path.is_file() and not path.is_symlink():
            path.unlink(missing_ok=True)


def _gate(name: str) -> None:
    """The test-only pause described in the module docstring."""
    gate = os.environ.get(GATE_ENV)
    if not gate or not (Path(gate) / f"{name}.hold").exists():
        return
    (Path(gate) / f"{name}.{os.getpid()}.started").touch()
    deadline = time.monotonic() + _GATE_TIMEOUT_S
    while not (Path(gate) / f"{name}.release").exists() and time.monotonic() < deadline:
        time.sleep(0.02)


def run_pool(task: PoolTask) -> PoolRow:
    """Generate and write one pool; its row, ``complete`` or ``failed`` with the reason."""
    started = time.perf_counter()
    out = Path(task.out)
    manifest = manifest_path(out, task.name)
    try:
        pool_sha256 = file_sha256(Path(task.pool))
        manifest.unlink(missing_ok=True)
    except OSError as exc:
        return _failed(task, f"cannot read the pool: {exc.strerror or exc}", started)
    made = _generation(task)
    if isinstance(made, str):
        return _failed(task, made, started)
    source, generation = made
    names = _write(task, source, generation)
    if isinstance(names, str):
        return _failed(task, names, started)
    _gate(task.name)
    folder = out / task.name
    try:
        _prune(folder, set(names))
        files = tuple(
            OutputFile(name=name, size=(folder / name).stat().st_size) for name in names
        )
        manifest.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        return _failed(task, f"cannot check the output folder: {exc.strerror or exc}", started)
    by_type = Counter(asn.asn_type for asn in generation.associations)
    row = PoolRow(
        pool=task.name,
        path=task.pool,
        status="complete",
        associations=len(generation.associations),
        by_type=dict(sorted(by_type.items())),
        orphans=len(generation.orphans),
        files=len(files),
        seconds=round(time.perf_counter() - started, 3),
    )
    record = Manifest(
        asnfp=__version__,
        pool=task.pool,
        pool_sha256=pool_sha256,
        options=task.options,
        rules_sha256=task.rules_sha256,
        files=files,
        row=row,
    )
    written = write_atomic(manifest.parent, manifest.name, encode_manifest(record))
    if not is_successful(written):
        return _failed(task, written.failure().describe(), started)
    return row
