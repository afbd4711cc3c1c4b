"""``asnfp generate -j 2``: Level 3 in a forked process, the same files as one process.

These run the command in a fresh interpreter: the split only happens where Polars is not
loaded yet, which is never the case inside the test process.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
POOLS = ROOT / "tests" / "corpus" / "pools"


def _asnfp(*argv: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "asnfp", *argv], capture_output=True, text=True, cwd=ROOT,
        check=False,
    )


def _files(folder: Path) -> dict[str, str]:
    return {p.name: p.read_text() for p in sorted(folder.iterdir())}


@pytest.mark.parametrize(
    ("pool", "options"),
    [
        ("mega_pool.csv", ()),
        ("pool_001_candidates.csv", ("--save-orphans", "--merge")),
        ("pool_001_candidates.csv", ("--no-finalize", "--version-id", "v1")),
        ("pool_018_all_exptypes.csv", ("-i", "o001", "c1003")),
    ],
)
def test_split_writes_what_one_process_writes(
    pool: str, options: tuple[str, ...], tmp_path: Path
) -> None:
    outputs = {}
    for jobs in ("1", "2"):
        out = tmp_path / jobs
        out.mkdir()
        done = _asnfp("generate", str(POOLS / pool), "-p", str(out), "-j", jobs, "-v", *options)
        assert done.returncode == 0, done.stderr
        outputs[jobs] = (_files(out), done.stdout.replace(str(out), "OUT"))
    assert outputs["2"] == outputs["1"]
    assert any("_image3_" in name or "_spec3_" in name for name in outputs["2"][0])


def test_split_into_a_folder_with_files_moves_both_levels(tmp_path: Path) -> None:
    # A folder that already holds a file is not replaced by the staging folder: the files
    # are moved one by one, the Level 3 ones (written by the child) included.
    outputs = {}
    for jobs in ("1", "2"):
        out = tmp_path / jobs
        out.mkdir()
        (out / "notes.txt").write_text("kept")
        done = _asnfp("generate", str(POOLS / "mega_pool.csv"), "-p", str(out), "-j", jobs)
        assert done.returncode == 0, done.stderr
        outputs[jobs] = _files(out)
        assert not [p for p in out.iterdir() if p.name.startswith(".")]
    assert outputs["2"] == outputs["1"]
    assert outputs["2"]["notes.txt"] == "kept"
    assert any("_image3_" in name for name in outputs["2"])


def test_pool_warnings_come_once(tmp_path: Path) -> None:
    argv = ("generate", str(POOLS / "pool_001_candidates.csv"), "-p", str(tmp_path),
            "-i", "o001", "c9999")
    for jobs in ("1", "2"):
        done = _asnfp(*argv, "-j", jobs)
        assert done.returncode == 0, done.stderr
        assert done.stderr.count("Candidate id c9999 not found in pool") == 1


def test_split_dry_run_writes_nothing(tmp_path: Path) -> None:
    done = _asnfp("generate", str(POOLS / "mega_pool.csv"), "-p", str(tmp_path), "-j", "2",
                  "--dry-run", "-v")
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("858 associations (")
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("level", [2, 3])
def test_a_failing_level_leaves_no_files_of_the_other(level: int, tmp_path: Path) -> None:
    rules = tmp_path / "failing_rules.py"
    rules.write_text(
        "from asnfp.rules.registry import DEFAULT\n"
        "import msgspec\n"
        "def _boom(parts):\n"
        "    raise RuntimeError('rule failed on purpose')\n"
        f"RULES = tuple(msgspec.structs.replace(r, name=r.name + '_Failing', product_name=_boom,"
        f" finalize=lambda state: _boom(state)) for r in DEFAULT if r.level == {level}"
        " and r.name in ('Asn_Lv2Image', 'Asn_Lv3Image'))\n"
    )
    out = tmp_path / "out"
    out.mkdir()
    done = _asnfp("generate", str(POOLS / "mega_pool.csv"), "-p", str(out), "-j", "2",
                  "-r", str(rules))
    assert done.returncode != 0
    assert "rule failed on purpose" in done.stderr
    assert list(out.iterdir()) == []
    # Nor a staging folder beside it, with what the other level wrote.
    assert sorted(p.name for p in tmp_path.iterdir()) == ["failing_rules.py", "out"]


def test_no_split_once_polars_runs() -> None:
    import polars  # noqa: F401  (the test process has it loaded in any case)

    from asnfp._level_split import can_fork

    assert not can_fork()
