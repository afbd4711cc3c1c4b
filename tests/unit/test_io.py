"""Tests of ``asnfp.io``: exact dumps, validated loads and atomic writes."""

from __future__ import annotations

import io
import json
import os
from pathlib import Path
from typing import Any

import msgspec
import pytest
import yaml
from msgspec import UNSET
from returns.result import Failure, Success

from asnfp.association import (
    Association,
    Level2Association,
    Level3Association,
    Member,
    Product,
    to_dict,
)
from asnfp.errors import AssociationFileError, AssociationInvalidError
from asnfp.io import dump, load, load_asn, loads, validate, write_atomic

EXPECTED = Path(__file__).resolve().parents[2] / "tests" / "corpus" / "expected"
NO_CORPUS = f"the vendored corpus {EXPECTED} is absent"
LEVEL3_TYPES = {"image3", "spec3", "coron3", "ami3", "tso3", "wfs-image3"}


def _cases() -> list[Any]:
    """One parameter per corpus case, or one skipped parameter without a corpus."""
    if not EXPECTED.is_dir():
        return [pytest.param("none", marks=pytest.mark.skip(reason=NO_CORPUS))]
    return sorted(path.name for path in EXPECTED.iterdir() if path.is_dir())


CASES = _cases()


def _files(case: str) -> list[Path]:
    """The association files the reference wrote for a case."""
    return sorted((EXPECTED / case).glob("*.json"))


def _failure(result: object) -> AssociationFileError:
    """The error of a result that must have failed."""
    assert isinstance(result, Failure), result
    error = result.failure()
    assert isinstance(error, AssociationFileError)
    return error


def _asn(text: str, name: str = "<string>") -> Association:
    """The association of a text that must load."""
    result = loads(text, name=name)
    assert isinstance(result, Success), result
    asn: Association = result.unwrap()
    return asn


MEMBERS: list[dict[str, Any]] = [
    {"expname": "a_rate.fits", "exptype": "science", "exposerr": None},
    {"expname": "b_rate.fits", "exptype": "science"},
    {"expname": "c_rate.fits"},
]


# --- the corpus ------------------------------------------------------------------------------


@pytest.mark.parametrize("case", CASES)
def test_dump_reproduces_every_reference_file(case: str) -> None:
    files = _files(case)
    assert files
    wrong = []
    for path in files:
        name, text = dump(load_asn(path))
        if name != path.name or text.encode("ascii") != path.read_bytes():
            wrong.append(path.name)
    assert not wrong, f"{len(wrong)} of {len(files)} files differ: {wrong[:5]}"


@pytest.mark.parametrize("case", CASES)
def test_corpus_round_trips(case: str) -> None:
    for path in _files(case):
        asn = load_asn(path)
        parsed = json.loads(path.read_bytes())
        assert to_dict(asn) == parsed
        assert list(to_dict(asn)) == list(parsed)
        assert asn.level == (3 if parsed["asn_type"] in LEVEL3_TYPES else 2)
        name, text = dump(asn)
        assert _asn(text, name) == asn
        assert _asn(text) == msgspec.structs.replace(asn, sequence=1)


@pytest.mark.parametrize("case", CASES)
def test_yaml_round_trips(case: str) -> None:
    # The pure-Python YAML writer is slow: the first file of each case is enough.
    path = _files(case)[0]
    asn = load_asn(path)
    name, text = dump(asn, "yaml")
    assert name == path.name.removesuffix(".json") + ".yaml"
    assert text == yaml.dump(json.loads(path.read_bytes()), default_flow_style=False)
    assert _asn(text, name) == asn


# --- dump ------------------------------------------------------------------------------------


def test_dump_leaves_unset_keys_out_and_escapes_non_ascii() -> None:
    member = Member(expname="é.fits", exptype="science")
    asn = Level2Association(
        asn_type="image2", asn_rule="r", products=(Product(name="p", members=(member,)),)
    )
    name, text = dump(asn)
    assert name == "jwnoprogram-a3001_image2_00001_asn.json"
    assert '"expname": "\\u00e9.fits"' in text
    assert "exposerr" not in text
    assert "target" not in text
    assert not text.endswith("\n")
    assert json.loads(text) == to_dict(asn)


def test_dump_rejects_unknown_formats() -> None:
    asn = Level2Association(asn_type="image2", asn_rule="r")
    with pytest.raises(ValueError, match="format='xml'"):
        dump(asn, "xml")  # type: ignore[arg-type]


# --- loading ---------------------------------------------------------------------------------


def test_members_keep_exactly_their_keys() -> None:
    doc = {
        "asn_type": "image2",
        "asn_rule": "r",
        "products": [{"name": "p", "members": MEMBERS[:2]}],
    }
    asn = _asn(json.dumps(doc))
    first, second = asn.products[0].members
    assert first.exposerr is None
    assert first.asn_candidate is UNSET
    assert second.exposerr is UNSET
    assert to_dict(asn)["products"] == doc["products"]


def test_extra_keys_are_dropped() -> None:
    member = {**MEMBERS[0], "group": 4}
    doc = {
        "asn_type": "image3",
        "asn_rule": "r",
        "sequence": 9,
        "comment": "hand made",
        "products": [{"name": "p", "members": [member], "note": 1}],
    }
    asn = _asn(json.dumps(doc))
    assert asn.sequence == 1
    assert to_dict(asn)["products"] == [{"name": "p", "members": [MEMBERS[0]]}]
    assert "comment" not in to_dict(asn)


def test_missing_top_level_keys_take_defaults() -> None:
    asn = _asn('{"products": []}')
    assert isinstance(asn, Level2Association)
    assert (asn.asn_type, asn.asn_rule, asn.asn_pool) == ("None", "Association", "none")


@pytest.mark.parametrize(
    ("doc", "level"),
    [
        ({"asn_type": "image3", "asn_pool": "p", "target": "t", "products": []}, 3),
        ({"asn_type": "None", "target": "t", "asn_pool": "p", "products": []}, 3),
        ({"asn_type": "image2", "target": "t", "asn_pool": "p", "products": []}, 3),
        ({"asn_type": "image2", "asn_pool": "p", "target": "2", "products": []}, 2),
        ({"asn_type": "spec2", "products": []}, 2),
        ({"target": "t", "products": []}, 2),
    ],
)
def test_level_follows_type_and_key_order(doc: dict[str, Any], level: int) -> None:
    assert validate(doc) == Success(level)
    asn = _asn(json.dumps(doc))
    assert isinstance(asn, Level3Association if level == 3 else Level2Association)
    assert list(to_dict(asn))[-1] == "products"


def test_sequence_comes_from_a_standard_name(tmp_path: Path) -> None:
    text = '{"asn_type": "image2", "asn_rule": "r", "asn_id": "o001", "products": []}'
    name = "jwnoprogram-o001_image2_00042_asn.json"
    assert _asn(text, name).sequence == 42
    assert _asn(text, "my_asn.json").sequence == 1
    path = tmp_path / name
    path.write_text(text)
    asn = load_asn(path)
    assert asn.sequence == 42
    assert dump(asn)[0] == name
    with path.open() as handle:
        assert load_asn(handle) == asn
    assert load_asn(io.StringIO(text)).sequence == 1


def test_yaml_by_suffix_or_as_fallback(tmp_path: Path) -> None:
    text = "asn_type: spec3\nasn_rule: r\nproducts:\n- name: p\n  members: []\n"
    for name in ("a.yaml", "a.yml", "a.json", "a"):
        path = tmp_path / name
        path.write_text(text)
        asn = load_asn(os.fspath(path))
        assert isinstance(asn, Level3Association)
        assert asn.products == (Product(name="p"),)


def test_yaml_suffix_reports_yaml_errors() -> None:
    error = _failure(loads("products: [", name="x.yaml"))
    assert error.file == "x.yaml"
    assert error.message.startswith("not YAML: ")


# --- invalid documents -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ('{"asn_type": "image2"}', "'products' is a required property"),
        (
            json.dumps({"products": [{"members": MEMBERS}]}),
            "products[0].members[2]: 'exptype' is a required property",
        ),
        ('{"products": [{"name": "p"}]}', "products[0]: 'members' is a required property"),
        ('{"products": {"members": []}}', "products: expected array, got object"),
        ('{"asn_type": 3, "products": []}', "asn_type: expected string, got integer"),
        ('{"asn_type": ["image3"], "products": []}', "asn_type: expected string, got array"),
        ('{"products": [{"members": ["a.fits"]}]}', "products[0].members[0]: Expected `object`"),
        ('{"products": [], "target": null}', "target: Expected `str`, got `null`"),
        ('{"products": [], "asn_id": 7}', "asn_id: Expected `str`, got `int`"),
        ('{"products": [', "not JSON: Expecting value: line 1 column 15"),
        ("hello", "not JSON: Expecting value: line 1 column 1"),
        ("", "not JSON"),
        ("[1, 2]", "expected a JSON object, got array"),
        ('"products"', "expected a JSON object, got string"),
    ],
)
def test_invalid_documents_name_the_problem(text: str, message: str) -> None:
    error = _failure(loads(text, name="bad_asn.json"))
    assert error.file == "bad_asn.json"
    assert message in error.message
    assert error.describe().startswith("bad_asn.json: ")


def test_several_schema_problems_are_counted() -> None:
    doc = {"asn_type": 1, "products": [{"members": [{"expname": 1}]}]}
    error = _failure(validate(doc))
    assert error.message == (
        "not a valid association: asn_type: expected string, got integer (and 2 more problems)"
    )


def test_load_asn_raises_at_the_edge(tmp_path: Path) -> None:
    path = tmp_path / "bad_asn.json"
    path.write_text('{"asn_type": "image2"}')
    with pytest.raises(AssociationInvalidError, match=r"bad_asn\.json: .*'products'"):
        load_asn(path)
    with pytest.raises(AssociationInvalidError, match="cannot read the file: No such file"):
        load_asn(tmp_path / "missing.json")
    assert _failure(load(tmp_path)).message.startswith("cannot read the file")


# --- write_atomic ----------------------------------------------------------------------------


def test_write_atomic_writes_and_replaces(tmp_path: Path) -> None:
    (tmp_path / "a.json").write_text("old")
    assert write_atomic(tmp_path, "a.json", "new") == Success(tmp_path / "a.json")
    assert (tmp_path / "a.json").read_text() == "new"
    assert os.listdir(tmp_path) == ["a.json"]


def test_write_atomic_honours_the_umask(tmp_path: Path) -> None:
    previous = os.umask(0o027)
    try:
        path = write_atomic(tmp_path, "a.json", "{}").unwrap()
    finally:
        os.umask(previous)
    assert path.stat().st_mode & 0o777 == 0o640


def test_write_atomic_into_a_missing_directory_fails(tmp_path: Path) -> None:
    error = _failure(write_atomic(tmp_path / "missing", "a.json", "{}"))
    assert error.file == str(tmp_path / "missing" / "a.json")
    assert "No such file or directory" in error.message
    assert os.listdir(tmp_path) == []


def test_write_atomic_rejects_paths_as_names(tmp_path: Path) -> None:
    assert "not a plain file name" in _failure(write_atomic(tmp_path, "sub/a.json", "")).message
    assert "not a plain file name" in _failure(write_atomic(tmp_path, "", "")).message


def test_failed_write_keeps_the_existing_file(tmp_path: Path) -> None:
    (tmp_path / "a.json").write_text("old")
    # A lone surrogate cannot be encoded: the write fails before anything is created.
    _failure(write_atomic(tmp_path, "a.json", "\ud800"))
    assert (tmp_path / "a.json").read_text() == "old"
    assert os.listdir(tmp_path) == ["a.json"]


def test_failed_rename_removes_the_temporary_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "a.json").write_text("old")

    def refuse(source: object, target: object) -> None:
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(os, "replace", refuse)
    error = _failure(write_atomic(tmp_path, "a.json", "new"))
    assert error.message == "cannot write the file: Permission denied"
    assert (tmp_path / "a.json").read_text() == "old"
    assert os.listdir(tmp_path) == ["a.json"]
