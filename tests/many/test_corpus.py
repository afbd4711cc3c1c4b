"""The whole corpus on a 2-worker local cluster: serial output, a corrupt pool, a killed worker.

One batch covers the three: the vendored corpus plus a corrupt pool, with the task of one pool
held mid-run (its files written, its manifest not) while its worker process is killed. The
serial ``asnfp generate`` of every pool runs meanwhile in a subprocess, for the comparison.
"""

from __future__ import annotations

import io
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import msgspec
import pytest
from distributed import Client

from asnfp.many import Summary, generate_many
from many._helpers import POOLS, folder_files, kill_when_started

pytestmark = pytest.mark.xdist_group("many")

HELD = "pool_004_wfs"
NO_CANDIDATES = "jw93060_20150312T160130_pool"

SERIAL = """
import sys
from pathlib import Path
from asnfp.cli import main
out = Path(sys.argv[1])
for pool in sys.argv[2:]:
    folder = out / Path(pool).stem
    folder.mkdir()
    main(["generate", pool, "-p", str(folder)])
"""


def _corrupt(folder: Path) -> Path:
    """A pool whose text stops being UTF-8 in its second line."""
    path = folder / "corrupt_pool.csv"
    header = (POOLS / "synth_ta.csv").read_bytes().splitlines()[1]
    path.write_bytes(header + b"\n\x00\xff\xfe|garbage\n")
    return path


def test_corpus_batch_equals_serial_despite_corrupt_pool_and_killed_worker(
    client: Client, gate: Path, tmp_path: Path
) -> None:
    pools = sorted(POOLS.glob("*.csv"))
    corrupt = _corrupt(tmp_path)
    serial_out = tmp_path / "serial"
    serial_out.mkdir()
    reference = subprocess.Popen(
        [sys.executable, "-c", SERIAL, str(serial_out), *map(str, pools)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    (gate / f"{HELD}.hold").touch()
    out = tmp_path / "out"
    log = io.StringIO()
    try:
        with ThreadPoolExecutor(1) as watcher:
            killed = watcher.submit(kill_when_started, gate, HELD)
            summary = generate_many([POOLS, corrupt], out, client=client, progress="lines",
                                    stream=log)
            killed_pid = killed.result(timeout=60)
    finally:
        (gate / f"{HELD}.hold").unlink()
        reference.wait(timeout=600)
    # The held task ran again, in another process, after its worker was killed.
    attempts = {int(p.name.split(".")[1]) for p in gate.glob(f"{HELD}.*.started")}
    assert killed_pid in attempts and len(attempts) == 2
    # Every pool has a row; only the two bad pools failed, with their reasons.
    statuses = {row.pool: row.status for row in summary.rows}
    assert len(summary.rows) == len(pools) + 1
    failed = {row.pool: str(row.reason) for row in summary.failed}
    assert set(failed) == {NO_CANDIDATES, "corrupt_pool"}
    assert "'asn_candidate'" in failed[NO_CANDIDATES]
    assert "not UTF-8" in failed["corrupt_pool"]
    assert statuses[HELD] == "complete"
    assert summary.totals.complete == len(pools) - 1
    assert summary.workers == 2
    # Every pool's folder holds exactly what the serial generate wrote, byte for byte.
    for pool in pools:
        assert folder_files(out / pool.stem) == folder_files(serial_out / pool.stem), pool.stem
    assert sum(len(folder_files(out / p.stem)) for p in pools) == summary.totals.associations
    # summary.json is the returned summary; progress had a line per pool.
    assert msgspec.json.decode((out / "summary.json").read_bytes(), type=Summary) == summary
    assert log.getvalue().count("\nasnfp: [") == len(pools) + 1
