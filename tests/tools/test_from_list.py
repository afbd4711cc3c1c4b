"""``asnfp from-list`` compared with the reference's ``asn_from_list``."""

from __future__ import annotations

import json
import warnings
from pathlib import Path

import pytest
import yaml

from asnfp.association import Member
from asnfp.io import dump, load
from asnfp.tools.from_list import from_list, parse_item
from tools.helpers import as_reference, assert_clean_failure, run

SAME_AS_REFERENCE = {
    "level3": ["--product-name", "mosaic", "a_cal.fits", "b_cal.fits"],
    "level3_paths": ["--product-name", "m", "data/a_cal.fits", "/abs/b_cal.fits"],
    "level3_rule": ["-r", "Asn_Lv3SpecAux", "--product-name", "p", "a_cal.fits"],
    "level2": ["-r", "DMSLevel2bBase", "a_rate.fits", "data/b_rate.fits", "c_rateints.fits"],
    "level2_rule": ["-r", "Asn_Lv2Image", "jw001_nrca1_rate.fits"],
    "level2_odd_names": ["-r", "DMSLevel2bBase", "x.y_cal.fits", "plain", "a_b_c_uncal.fits"],
    "level3_yaml": ["-f", "yaml", "--product-name", "p", "a_cal.fits"],
}


def _reference(tmp: Path, argv: list[str]) -> str:
    """The text the reference's asn_from_list writes."""
    pytest.importorskip("jwst.associations")
    from jwst.associations.asn_from_list import main as reference_main

    out = tmp / "reference.out"
    with warnings.catch_warnings():
        # Path and YAML warnings of the reference are not under test.
        warnings.simplefilter("ignore")
        reference_main(["-o", str(out), *argv])
    return out.read_text()


@pytest.mark.parametrize("case", sorted(SAME_AS_REFERENCE))
def test_from_list_writes_the_reference_text(
    case: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    argv = SAME_AS_REFERENCE[case]
    out = tmp_path / "asnfp.out"
    status, _, err = run(capsys, "from-list", "-o", str(out), *argv)
    assert status == 0, err
    text = out.read_text()
    if "yaml" in case:
        assert text.replace("code_version: 0.1.0", "code_version: 3.0.0") == _reference(
            tmp_path, argv
        )
    else:
        assert as_reference(text) == _reference(tmp_path, argv)


def test_typed_level3_members_equal_the_reference_api() -> None:
    """Typed members of a Level 3 association, as the reference's ``with_exptype`` makes them."""
    pytest.importorskip("jwst.associations")
    from jwst.associations.asn_from_list import asn_from_list as reference_from_list

    items = [("a_cal.fits", "science"), ("psf_cal.fits", "psf"), ("bg_x1d.fits", "background")]
    want = reference_from_list(items, product_name="p", with_exptype=True)
    _, want_text = want.dump()
    got = from_list([f"{name}:{kind}" for name, kind in items], product_name="p").unwrap()
    assert as_reference(dump(got)[1]) == want_text


def test_typed_level2_members_join_every_science_product(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "l2.json"
    argv = ["-r", "DMSLevel2bBase", "-i", "c1000", "a_rate.fits", "bg_rate.fits:background",
            "b_rate.fits", "imp_rate.fits:imprint"]
    status, _, err = run(capsys, "from-list", "-o", str(out), *argv)
    assert status == 0, err
    data = json.loads(out.read_text())
    assert data["asn_id"] == "c1000"
    assert "target" not in data
    assert [
        (p["name"], [(m["expname"], m["exptype"]) for m in p["members"]])
        for p in data["products"]
    ] == [
        ("a", [("a_rate.fits", "science"), ("bg_rate.fits", "background"),
               ("imp_rate.fits", "imprint")]),
        ("b", [("b_rate.fits", "science"), ("bg_rate.fits", "background"),
               ("imp_rate.fits", "imprint")]),
    ]
    assert load(out).unwrap().level == 2


def test_explicit_id_and_pool_name_are_written(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "l3.json"
    status, _, _ = run(capsys, "from-list", "-o", str(out), "--product-name", "p",
                       "-i", "o012", "--pool-name", "jw01_pool.csv", "a_cal.fits")
    assert status == 0
    data = json.loads(out.read_text())
    assert (data["asn_id"], data["asn_pool"]) == ("o012", "jw01_pool.csv")


def test_ruledefs_name_user_rules(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    rules = Path(__file__).resolve().parents[2] / "examples" / "custom_rules.py"
    if not rules.is_file():
        pytest.skip(f"{rules} is absent")
    from asnfp.rules.loading import load_rules

    name = load_rules(str(rules)).unwrap()[0].name
    out = tmp_path / "u.json"
    status, _, err = run(capsys, "from-list", "-o", str(out), "--ruledefs", str(rules), "-r",
                         name, "--product-name", "p", "a_cal.fits")
    assert status == 0, err
    assert json.loads(out.read_text())["asn_rule"] == name


def test_parse_item() -> None:
    assert parse_item("a.fits:imprint") == Member(expname="a.fits", exptype="imprint")
    assert parse_item("dir:x/a.fits") == Member(expname="dir:x/a.fits", exptype="science")
    assert parse_item(":science") == Member(expname=":science", exptype="science")
    assert parse_item("a.fits:") == Member(expname="a.fits:", exptype="science")


BAD = {
    "no_product_name": (["a_cal.fits"], "--product-name"),
    "level2_product_name": (["-r", "DMSLevel2bBase", "--product-name", "p", "a.fits"],
                            "--product-name"),
    "level2_bad_id": (["-r", "DMSLevel2bBase", "-i", "x12", "a.fits"], "--id"),
    "level2_background_id": (["-r", "DMSLevel2bBase", "-i", "c1000", "a.fits"], "--id"),
    "unknown_rule": (["-r", "Asn_Nothing", "--product-name", "p", "a.fits"], "Asn_Nothing"),
    "no_science": (["--product-name", "p", "a.fits:background"], "science"),
    "missing_ruledefs": (["--ruledefs", "/no/such/rules.py", "--product-name", "p", "a.fits"],
                         "/no/such/rules.py"),
}


@pytest.mark.parametrize("case", sorted(BAD))
def test_bad_arguments_fail_cleanly(
    case: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    argv, culprit = BAD[case]
    out = tmp_path / "out.json"
    status, _, err = run(capsys, "from-list", "-o", str(out), *argv)
    assert_clean_failure(status, err, culprit)
    assert not out.exists()
    assert list(tmp_path.iterdir()) == []


def test_unwritable_output_fails_cleanly(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "missing" / "out.json"
    status, _, err = run(capsys, "from-list", "-o", str(out), "--product-name", "p", "a.fits")
    assert_clean_failure(status, err, str(out))


def test_yaml_output_reads_back(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "a.yaml"
    run(capsys, "from-list", "-o", str(out), "-f", "yaml", "--product-name", "p", "a.fits")
    assert yaml.safe_load(out.read_text())["products"][0]["name"] == "p"
    assert load(out).unwrap().products[0].members[0].expname == "a.fits"
