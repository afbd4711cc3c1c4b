"""``asnfp generate-many``: options, output, summary text and exit statuses."""

from __future__ import annotations

import shutil
from pathlib import Path

import msgspec
import pytest
from distributed import Client

from asnfp.cli import main
from asnfp.many import Summary
from many._helpers import SMALL, copy_pools, folder_files, serial

pytestmark = pytest.mark.xdist_group("many")

EXAMPLE_RULES = Path(__file__).resolve().parents[2] / "examples" / "custom_rules.py"


def _address(client: Client) -> str:
    return str(client.scheduler_info()["address"])


def test_generate_options_give_the_serial_output(
    client: Client, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    pools = copy_pools(SMALL[:2], tmp_path / "pools")
    options = ["--merge", "--save-orphans", "--version-id", "x1", "--format", "yaml"]
    out = tmp_path / "out"
    status = main(["generate-many", str(pools), "-o", str(out), "--scheduler", _address(client),
                   "--progress", "lines", *options])
    assert status == 0
    for name in SMALL[:2]:
        assert serial(pools / f"{name}.csv", tmp_path / "serial" / name, *options) == 0
        files = folder_files(out / name)
        assert "orphaned.csv" in files
        assert files == folder_files(tmp_path / "serial" / name)
    captured = capsys.readouterr()
    assert captured.out.startswith("2 pools: 2 complete, 0 skipped, 0 failed in ")
    assert captured.out.endswith(f"summary: {out.resolve()}/summary.json\n")
    assert "asnfp: [2/2] " in captured.err
    summary = msgspec.json.decode((out / "summary.json").read_bytes(), type=Summary)
    assert [row.pool for row in summary.rows] == sorted(SMALL[:2])


def test_a_failed_pool_gives_status_1_and_a_line(
    client: Client, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    pools = copy_pools(SMALL[:1], tmp_path / "pools")
    missing = tmp_path / "missing_pool.csv"
    out = tmp_path / "out"
    status = main(["generate-many", str(pools), str(missing), "-o", str(out),
                   "--scheduler", _address(client), "--progress", "none"])
    assert status == 1
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].startswith("2 pools: 1 complete, 0 skipped, 1 failed")
    assert f"failed: missing_pool ({missing}): no such file or folder" in lines


@pytest.mark.parametrize(
    "extra",
    [
        ["--workers", "0"],
        ["--workers", "2", "--scheduler", "tcp://127.0.0.1:1"],
        ["--discover", "--all-candidates"],
    ],
)
def test_conflicting_options_are_usage_errors(tmp_path: Path, extra: list[str]) -> None:
    with pytest.raises(SystemExit) as stop:
        main(["generate-many", str(tmp_path), "-o", str(tmp_path / "out"), *extra])
    assert stop.value.code == 2


def test_per_pool_with_ids_is_refused_before_any_work(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    pools = copy_pools(SMALL[:1], tmp_path / "pools")
    status = main(["generate-many", str(pools), "-o", str(tmp_path / "out"),
                   "--per-pool-algorithm", "-i", "c1000"])
    assert status == 2
    assert "per_pool" in capsys.readouterr().err
    assert not (tmp_path / "out").exists()


def test_bad_rule_file_is_reported(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    pools = copy_pools(SMALL[:1], tmp_path / "pools")
    rules = tmp_path / "rules.py"
    rules.write_text("RULES = ()\n")
    status = main(["generate-many", str(pools), "-o", str(tmp_path / "out"), "-r", str(rules)])
    assert status == 1
    assert "RULES" in capsys.readouterr().err


def test_relative_rule_file_reaches_the_workers(
    client: Client, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    pools = copy_pools(SMALL[1:2], tmp_path / "pools")
    (tmp_path / "rules").mkdir()
    shutil.copy(EXAMPLE_RULES, tmp_path / "rules" / "stack.py")
    monkeypatch.chdir(tmp_path)  # the workers run elsewhere
    options = ["-r", "rules/stack.py"]
    status = main(["generate-many", "pools", "-o", "out", "--scheduler", _address(client),
                   "--progress", "none", *options])
    assert status == 0
    assert serial(pools / f"{SMALL[1]}.csv", tmp_path / "serial", *options) == 0
    assert folder_files(tmp_path / "out" / SMALL[1]) == folder_files(tmp_path / "serial")
