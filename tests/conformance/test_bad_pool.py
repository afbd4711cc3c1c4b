"""A pool without the ``asn_candidate`` column fails cleanly from the command line."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from conformance.corpus import POOLS_DIR

BAD_POOL = POOLS_DIR / "jw93060_20150312T160130_pool.csv"


def _run_generate(pool: Path, out_dir: Path) -> subprocess.CompletedProcess[str]:
    """``python -m asnfp generate POOL -p OUT_DIR`` in a fresh interpreter."""
    return subprocess.run(
        [sys.executable, "-m", "asnfp", "generate", str(pool), "-p", str(out_dir)],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def test_pool_without_asn_candidate_fails_cleanly(tmp_path: Path) -> None:
    out_dir = tmp_path / "out"
    out_dir.mkdir()
    result = _run_generate(BAD_POOL, out_dir)
    lines = [line for line in result.stderr.splitlines() if line.strip()]
    assert result.returncode != 0, result.stderr
    assert "Traceback" not in result.stderr, result.stderr
    assert len(lines) == 1, result.stderr
    assert "asn_candidate" in lines[0], lines[0]
    assert BAD_POOL.name in lines[0], lines[0]
    assert not list(out_dir.iterdir())
