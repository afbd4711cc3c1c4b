"""The harness and the report, driven by stand-ins for ``asnfp.cli``."""

from __future__ import annotations

import shutil
import sys
import types
from collections.abc import Callable
from pathlib import Path

import pytest

from conformance import report
from conformance.corpus import case_named
from conformance.expected_failures import EXPECTED_FAILURES
from conformance.harness import argv_for, compare_generated, generate

CASE = case_named("dev_010_ids")


def _install_cli(monkeypatch: pytest.MonkeyPatch, main: Callable[[list[str]], int]) -> None:
    """Make ``asnfp.cli`` resolve to a module whose ``main`` is ``main``."""
    module = types.ModuleType("asnfp.cli")
    module.main = main  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, "asnfp.cli", module)


def _copy_expected(argv: list[str]) -> int:
    """A stand-in generator: checks the argument contract and copies the expected output."""
    command, pool, flag, out_dir, *options = argv
    assert (command, flag) == ("generate", "-p")
    assert Path(pool) == CASE.pool_path
    assert tuple(options) == CASE.options
    for path in CASE.expected_dir.glob("*.json"):
        shutil.copy(path, out_dir)
    print("chatter on stdout")
    return 0


def test_argv_follows_the_cli_contract(tmp_path: Path) -> None:
    assert argv_for(CASE, tmp_path) == [
        "generate",
        str(CASE.pool_path),
        "-p",
        str(tmp_path),
        "-i",
        "o001",
        "c1000",
    ]


def test_generated_files_are_read_back(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _install_cli(monkeypatch, _copy_expected)
    generated = generate(CASE, tmp_path / "out")
    assert generated.error is None
    assert compare_generated(CASE, generated).is_identical
    assert "chatter" not in capsys.readouterr().out


def test_nonzero_status_keeps_stderr(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    def refuse(argv: list[str]) -> int:
        print("pool.csv: missing column 'asn_candidate'", file=sys.stderr)
        return 2

    _install_cli(monkeypatch, refuse)
    generated = generate(CASE, tmp_path)
    assert generated.error is not None
    assert generated.error.startswith("exit status 2")
    assert generated.error_summary == "pool.csv: missing column 'asn_candidate'"


def test_exceptions_and_exits_are_recorded(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    def crash(argv: list[str]) -> int:
        raise RuntimeError("boom")

    def exit_early(argv: list[str]) -> int:
        raise SystemExit(3)

    _install_cli(monkeypatch, crash)
    crashed = generate(CASE, tmp_path / "crash")
    assert crashed.error_summary == "RuntimeError: boom"
    _install_cli(monkeypatch, exit_early)
    exited = generate(CASE, tmp_path / "exit")
    assert exited.error is not None
    assert exited.error.startswith("exit status 3")


def test_report_tabulates_and_flags_stale_entries(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _install_cli(monkeypatch, _copy_expected)
    assert report.main(["--case", CASE.name, "--show-diff", "--out", str(tmp_path)]) == 0
    out = capsys.readouterr().out
    assert "cases identical: 1 / 1" in out
    assert f"files identical: {len(list(CASE.expected_dir.glob('*.json')))} / " in out
    if CASE.name in EXPECTED_FAILURES:
        assert "identical but listed in EXPECTED_FAILURES" in out
    assert (tmp_path / CASE.name).is_dir()


def test_report_shows_first_difference(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    def rename_one(argv: list[str]) -> int:
        _copy_expected(argv)
        first = sorted(Path(argv[3]).glob("*.json"))[0]
        first.rename(first.with_name("jw_renamed_asn.json"))
        return 0

    _install_cli(monkeypatch, rename_one)
    report.main(["--case", CASE.name, "--show-diff", "--out", str(tmp_path)])
    out = capsys.readouterr().out
    assert "cases identical: 0 / 1" in out
    assert "missing:" in out
    assert "was written as jw_renamed_asn.json" in out


def test_output_folder_must_start_empty(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    _install_cli(monkeypatch, _copy_expected)
    (tmp_path / "left_over_asn.json").write_text("{}", encoding="utf-8")
    generated = generate(CASE, tmp_path)
    assert generated.error_summary == f"{tmp_path} already holds 1 JSON files"
    assert not generated.files
