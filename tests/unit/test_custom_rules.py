"""User rule modules: ``-r FILE_OR_MODULE`` adds rules, ``--ignore-default`` keeps only them."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import asnfp
from asnfp.cli import main
from asnfp.rules.loading import load_rules
from asnfp.rules.registry import DEFAULT

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE = ROOT / "examples" / "custom_rules.py"
HEADER = "filename|exp_type|pntgtype|program|obs_num|instrume|detector|filter|pupil|subarray|"
CELLS = "nis_image|science|99009|001|niriss|nis|f200w|clear|full|{target}|[('o001', 'observation')]"
POOL = "\n".join(
    [HEADER + "targetid|asn_candidate"]
    + [f"jw_0000{n}_uncal.fits|" + CELLS.format(target=t) for n, t in ((1, 1), (2, 1), (3, 2))]
) + "\n"


def _rules_written(out: Path) -> list[str]:
    return sorted(json.loads(p.read_text())["asn_rule"] for p in out.glob("*.json"))


@pytest.fixture
def pool(tmp_path: Path) -> Path:
    path = tmp_path / "pool.csv"
    path.write_text(POOL)
    return path


def test_user_rule_adds_to_the_defaults(pool: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    out.mkdir()
    assert main(["generate", str(pool), "-r", str(EXAMPLE), "-p", str(out)]) == 0
    written = _rules_written(out)
    assert "candidate_Asn_User_NirissFilterStack" in written
    assert "candidate_Asn_Lv3Image" in written
    assert "candidate_Asn_Lv2Image" in written
    stack = [
        json.loads(p.read_text()) for p in out.glob("*.json")
        if "User" in json.loads(p.read_text())["asn_rule"]
    ]
    assert [len(a["products"][0]["members"]) for a in stack] == [3]


def test_ignore_default_keeps_only_user_rules(pool: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    out.mkdir()
    argv = ["generate", str(pool), "-r", str(EXAMPLE), "--ignore-default", "-p", str(out)]
    assert main(argv) == 0
    assert _rules_written(out) == ["candidate_Asn_User_NirissFilterStack"]


def test_rules_by_module_name() -> None:
    assert [r.name for r in load_rules("asnfp.rules.level2.miri_lrs").unwrap()] == [
        "Asn_Lv2MIRLRSFixedSlitNod",
        "Asn_MIRLRSTAConfirm",
    ]


def test_bad_rule_sources_are_clear_errors(tmp_path: Path, capsys: pytest.CaptureFixture[str]
                                           ) -> None:
    empty = tmp_path / "empty_rules.py"
    empty.write_text("X = 1\n")
    assert main(["generate", "p.csv", "-r", str(empty)]) == 1
    assert "RULES" in capsys.readouterr().err
    assert main(["generate", "p.csv", "--ignore-default"]) == 1
    assert "-r" in capsys.readouterr().err


def test_rules_that_make_nothing_make_no_associations(pool: Path) -> None:
    assert asnfp.generate(pool, rules=[]) == ()
    # Rules that only re-offer rows to others (no rule creates) make none either.
    assert asnfp.generate(pool, rules=[r for r in DEFAULT if not r.creates]) == ()
    assert asnfp.generate(pool) != ()
