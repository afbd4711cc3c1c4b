"""The ``asnfp explain`` and ``asnfp rules`` commands."""

from __future__ import annotations

import msgspec
import pytest

from asnfp import explain
from asnfp.cli import main
from asnfp.explain import CheckFailure, Explanation, RuleSummary
from asnfp.rules.registry import DEFAULT, LEVEL2B, LEVEL3

from .helpers import POOLS

POOL = str(POOLS / "pool_002_image_miri.csv")


def test_explain_text_gives_each_rule_its_verdict(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["explain", POOL, "jw_00001_uncal.fits"]) == 0
    text = capsys.readouterr().out
    assert text.startswith("jw_00001_uncal.fits: pool row 0 (0-based), exp_type mir_image")
    assert "  Asn_Lv2FGS [image2]: not selected (run o001): exp_type = mir_image, wanted " \
           "fgs_image|fgs_focus\n" in text
    assert "  Asn_Lv3Image [image3]: selected\n" in text
    assert "written as jw99009-o001_image3_00001_asn" in text
    assert "removed at validity: has_science: no science member" in text
    assert all(f"  {rule.name} [" in text for rule in DEFAULT)


def test_explain_all_and_rule_filter(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["explain", POOL, "jw_00001_uncal.fits", "--all", "--rule", "asn_lv2nrsifunod"
                 ]) == 0
    lines = capsys.readouterr().out.splitlines()
    shown = [line for line in lines if line.startswith("  Asn_")]
    assert shown == [
        "  Asn_Lv2NRSIFUNod [spec2]: not selected (run o001): exp_type = mir_image, "
        "wanted nrs_ifu"
    ]
    assert "      - patttype = unspecified, wanted 2-point-nod|4-point-nod" in lines
    assert "      with the wanted values set, still failing: nrsifu_valid_detector holds (reads " \
        "exp_type, detector, filter, grating): has exp_type=nrs_ifu, detector=mirimage, " \
        "filter=f560w, grating=null, wanted nrsifu_valid_detector holds" in lines


def test_explain_json_is_the_api_result(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["explain", POOL, "JW_00002_UNCAL.FITS", "--format", "json"]) == 0
    decoded = msgspec.json.decode(capsys.readouterr().out, type=Explanation)
    assert decoded == explain(POOL, "jw_00002_uncal.fits")
    assert decoded.filename == "jw_00002_uncal.fits" and len(decoded.rows) == 1


def test_a_fix_that_is_not_enough_says_what_still_fails() -> None:
    (row,) = explain(POOL, "jw_00001_uncal.fits").rows
    verdict = next(v for v in row.verdicts if v.rule == "Asn_Lv2NRSIFUNod")
    assert [f.fix for f in verdict.failures] == [
        {"exp_type": "nrs_ifu"}, {"patttype": "2-point-nod"}
    ]
    assert verdict.fix is None
    assert [(f.kind, f.wanted) for f in verdict.unfixed if isinstance(f, CheckFailure)] == [
        ("row", "nrsifu_valid_detector holds")
    ]


def test_explain_an_unknown_file_fails(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["explain", POOL, "nothing.fits"]) == 1
    assert "no row has filename 'nothing.fits'" in capsys.readouterr().err


@pytest.mark.parametrize(("level", "rules"), [(None, DEFAULT), ("2b", LEVEL2B), ("3", LEVEL3)])
def test_rules_json_lists_every_rule(
    capsys: pytest.CaptureFixture[str], level: str | None, rules: tuple[object, ...]
) -> None:
    assert main(["rules", "--format", "json", *(["--level", level] if level else [])]) == 0
    listed = msgspec.json.decode(capsys.readouterr().out, type=tuple[RuleSummary, ...])
    assert [s.name for s in listed] == [r.name for r in rules]  # type: ignore[attr-defined]


def test_rules_table(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["rules"]) == 0
    text = capsys.readouterr().out
    assert text.splitlines()[0].split() == ["RULE", "LEVEL", "TYPE", "PRODUCT", "NAME"]
    row = next(line for line in text.splitlines() if line.startswith("Asn_Lv3WFSCMB "))
    assert row.split()[:4] == ["Asn_Lv3WFSCMB", "3", "wfs-image3", "jw<program>-<acid>_<target>_"
                               "<instrument>_<opt_elem>-<slit_name>-<subarray>-<detector>_"
                               "{suffix}-<act_id>"]
    assert "  grouped by: program; instrument (instrume);" in text
