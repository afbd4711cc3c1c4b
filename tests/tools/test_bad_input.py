"""Every tool on bad input: one clear line on standard error, a non-zero exit, nothing written."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from tools.helpers import assert_clean_failure, files_in, run

KINDS = {
    "missing": None,
    "malformed": '{"products": [{"name": "p", "members": [}',
    "wrong_schema": '{"asn_type": "image3", "products": [{"name": "p", "members": [{}]}]}',
}
REASONS = {"missing": "cannot read", "malformed": "not JSON", "wrong_schema": "required property"}


def _bad_asn(folder: Path, kind: str) -> Path:
    path = folder / "jw00001-o001_image3_00001_asn.json"
    text = KINDS[kind]
    if text is not None:
        path.write_text(text)
    return path


def _argv(tool: str, folder: Path, kind: str) -> tuple[list[str], str, int]:
    """Arguments giving ``tool`` a bad input of ``kind``; the culprit named and the status."""
    if tool == "make-pool":
        fits = folder / "exposure.fits"
        if kind == "malformed":
            fits.write_text("SIMPLE = garbage\n")
        elif kind == "wrong_schema":
            astropy_fits = pytest.importorskip("astropy.io.fits")
            astropy_fits.PrimaryHDU().writeto(fits)
        return [str(folder / "pool.csv"), str(fits)], str(fits), 1
    if tool == "from-list":
        rules = folder / "rules.py"
        if kind == "malformed":
            rules.write_text("RULES = (\n")
        elif kind == "wrong_schema":
            rules.write_text("RULES = ('not a rule',)\n")
        argv = ["-o", str(folder / "out.json"), "--ruledefs", str(rules), "--product-name", "p",
                "a.fits"]
        return argv, str(rules), 1
    asn = _bad_asn(folder, kind)
    match tool:
        case "edit":
            return ["-a", str(asn), "x.fits"], str(asn), 1
        case "gather":
            dest = folder / "dest"
            dest.mkdir()
            return [str(asn), str(dest)], str(asn), 1
        case "diff":
            good = folder / "good_asn.json"
            good.write_text('{"products": []}')
            return [str(good), str(asn)], str(asn), 2
        case _:
            return [str(asn)], str(asn), 1


TOOLS = ["from-list", "edit", "gather", "make-pool", "diff", "validate"]


@pytest.mark.parametrize("kind", sorted(KINDS))
@pytest.mark.parametrize("tool", TOOLS)
def test_bad_input_in_process(
    tool: str, kind: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    argv, culprit, code = _argv(tool, tmp_path, kind)
    before = files_in(tmp_path)
    status, _, err = run(capsys, tool, *argv)
    assert_clean_failure(status, err, culprit, code=code)
    if tool not in ("make-pool", "from-list"):
        assert REASONS[kind] in err
    assert files_in(tmp_path) == before


@pytest.mark.parametrize("tool", TOOLS)
def test_bad_input_as_a_process(tool: str, tmp_path: Path) -> None:
    argv, culprit, code = _argv(tool, tmp_path, "malformed")
    done = subprocess.run([sys.executable, "-m", "asnfp", tool, *argv],
                          capture_output=True, text=True, timeout=120)
    assert_clean_failure(done.returncode, done.stderr, culprit, code=code)
