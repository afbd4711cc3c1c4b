"""Run the reference generator (``jwst`` 3.0.0, an optional test dependency) on a pool.

Tests that compare asnfp with the reference skip when ``jwst`` is not installed.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from conformance.compare import normalise


def reference_files(pool: Path, out: Path, *options: str) -> dict[str, Any]:
    """The reference's association files for ``pool`` (parsed JSON, by file name)."""
    pytest.importorskip("jwst.associations")
    out.mkdir(parents=True, exist_ok=True)
    command = [
        sys.executable, "-c", "from jwst.associations.main import main; main()",
        str(pool), "-p", str(out), *options,
    ]
    subprocess.run(command, check=True, capture_output=True, text=True, timeout=600)
    return {p.name: json.loads(p.read_text()) for p in sorted(out.glob("*.json"))}


def asnfp_files(pool: Path, out: Path, *options: str) -> dict[str, Any]:
    """asnfp's association files for ``pool`` (parsed JSON, by file name)."""
    from asnfp.cli import main

    out.mkdir(parents=True, exist_ok=True)
    assert main(["generate", str(pool), "-p", str(out), *options]) == 0
    return {p.name: json.loads(p.read_text()) for p in sorted(out.glob("*.json"))}


def assert_same_as_reference(pool: Path, tmp: Path, *options: str) -> None:
    """asnfp writes the reference's files for ``pool`` (corpus comparison rules)."""
    want = reference_files(pool, tmp / "reference", *options)
    got = asnfp_files(pool, tmp / "asnfp", *options)
    assert sorted(got) == sorted(want)
    for name, document in want.items():
        assert normalise(got[name]) == normalise(document), name
