"""``asnfp validate`` accepts and rejects the files the reference's ``load_asn`` does."""

from __future__ import annotations

import warnings
from pathlib import Path

import pytest

from tools.helpers import assert_clean_failure, run

DOCUMENTS = {
    "ok.json": '{"products": []}',
    "level3.json": '{"asn_type": "image3", "asn_id": "o001", "target": "t", "asn_pool": "p", '
                   '"products": [{"name": "p", "members": [{"expname": "a", "exptype": "x"}]}]}',
    "no_products.json": '{"asn_type": "x"}',
    "products_not_array.json": '{"products": {}}',
    "product_without_name.json": '{"products": [{"members": []}]}',
    "product_without_members.json": '{"products": [{"name": "p"}]}',
    "member_without_exptype.json": '{"products": [{"name": "p", "members": [{"expname": "a"}]}]}',
    "member_not_object.json": '{"products": [{"name": "p", "members": ["a"]}]}',
    "asn_id_number.json": '{"products": [], "asn_id": 5}',
    "asn_type_number.json": '{"products": [], "asn_type": 5}',
    "target_number.json": '{"products": [], "target": 5}',
    "exptype_number.json":
        '{"products": [{"name": "p", "members": [{"expname": "a", "exptype": 3}]}]}',
    "name_number.json": '{"products": [{"name": 5, "members": []}]}',
    "version_number.json": '{"products": [], "version_id": 5, "asn_type": "image3"}',
    "extra_keys.json": '{"products": [], "anything": {"goes": [1]}}',
    "array.json": "[]",
    "string.json": '"products"',
    "malformed.json": '{"products": [',
    "trailing_comma.json": '{"products": [],}',
    "yaml_in_json.json": "products: []\n",
    "old.yaml": "products:\n- name: p\n  members:\n  - {expname: a, exptype: science}\n",
    "bad.yaml": "products: [\n",
    "empty.json": "",
}


@pytest.fixture(scope="module")
def documents(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("documents")
    for name, text in DOCUMENTS.items():
        (folder / name).write_text(text)
    return folder


def _reference_accepts(path: Path) -> bool:
    pytest.importorskip("jwst.associations")
    from jwst.associations import load_asn

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        try:
            with path.open() as handle:
                load_asn(handle)
        except Exception:  # every way the reference can refuse a file
            return False
    return True


@pytest.mark.parametrize("name", sorted(DOCUMENTS))
def test_validate_agrees_with_the_reference(
    name: str, documents: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = documents / name
    status, out, err = run(capsys, "validate", str(path))
    if _reference_accepts(path):
        assert (status, err) == (0, ""), err
        assert out.startswith(f"{path}: valid Level ")
    else:
        assert_clean_failure(status, err, str(path), code=1)
        assert out == ""


def test_several_files_report_each_problem(
    documents: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    names = ["ok.json", "malformed.json", "level3.json", "no_products.json"]
    status, out, err = run(capsys, "validate", "-q", *(str(documents / n) for n in names))
    assert status == 1
    assert out == ""
    lines = err.splitlines()
    assert len(lines) == 2
    assert "malformed.json: not JSON" in lines[0]
    assert "no_products.json: not a valid association: 'products' is a required property" in (
        lines[1])
    status, out, _ = run(capsys, "validate", str(documents / "level3.json"))
    assert (status, out) == (0, f"{documents / 'level3.json'}: valid Level 3 association\n")


def test_strict_requires_what_asnfp_reads(
    documents: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    for name in ("product_without_name.json", "asn_id_number.json"):
        status, _, err = run(capsys, "validate", "--strict", str(documents / name))
        assert_clean_failure(status, err, name)
    status, _, _ = run(capsys, "validate", "--strict", str(documents / "level3.json"))
    assert status == 0


def test_members_option_lists_missing_files(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "sub").mkdir()
    (tmp_path / "a_cal.fits").write_text("a")
    (tmp_path / "sub" / "b_cal.fits").write_text("b")
    asn = tmp_path / "x_asn.json"
    members = ", ".join(
        f'{{"expname": "{e}", "exptype": "science"}}'
        for e in ("a_cal.fits", "sub/b_cal.fits", "c_cal.fits", "sub", "d_cal.fits")
    )
    asn.write_text(f'{{"products": [{{"name": "p", "members": [{members}]}}]}}')
    status, _, _ = run(capsys, "validate", str(asn))
    assert status == 0
    status, _, err = run(capsys, "validate", "--members", str(asn))
    assert_clean_failure(status, err, str(asn), "c_cal.fits, sub, d_cal.fits")
    assert "a_cal.fits" not in err
    status, _, err = run(capsys, "validate", str(tmp_path / "missing_asn.json"))
    assert_clean_failure(status, err, "missing_asn.json", "cannot read")
