"""Helpers shared by the tool tests: running commands, checking failures, reference calls."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

import pytest

from asnfp._version import __version__
from asnfp.cli import main

REFERENCE_VERSION = "3.0.0"


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    """Run ``asnfp ARGV`` in-process: exit status, standard output, standard error."""
    status = main(list(argv))
    captured = capsys.readouterr()
    return status, captured.out, captured.err


def assert_clean_failure(status: int, err: str, *culprits: str, code: int | None = None) -> None:
    """A failure reported as one ``asnfp: error:`` line naming each culprit, without traceback."""
    assert status != 0
    if code is not None:
        assert status == code
    lines = err.strip().splitlines()
    assert len(lines) == 1, err
    assert lines[0].startswith("asnfp: error: "), err
    assert "Traceback" not in err
    for culprit in culprits:
        assert culprit in lines[0], (culprit, err)


def as_reference(text: str) -> str:
    """asnfp's output text with its ``code_version`` replaced by the reference's."""
    ours = f'"code_version": "{__version__}"'
    assert text.count(ours) <= 1
    return text.replace(ours, f'"code_version": "{REFERENCE_VERSION}"')


def read_json(path: Path) -> Any:
    """A parsed JSON file."""
    return json.loads(path.read_text())


def run_reference_script(
    monkeypatch: pytest.MonkeyPatch, module: str, *argv: str
) -> None:
    """Run a ``jwst.scripts`` command's ``main`` in-process with ``argv``."""
    pytest.importorskip("jwst.associations")
    import importlib

    script = importlib.import_module(f"jwst.scripts.{module}")
    monkeypatch.setattr(sys, "argv", [module, *argv])
    script.main()


def files_in(folder: Path) -> dict[str, bytes]:
    """Every file under a folder, by relative path, with its bytes."""
    return {
        str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()
    }
