"""The comparison library, checked against the corpus itself and mutated copies of it."""

from __future__ import annotations

import json
from typing import Any

import pytest

from conformance.compare import (
    JsonValue,
    compare_case,
    compare_texts,
    first_difference,
    iter_differences,
    same_content_pairs,
)
from conformance.corpus import (
    IMAGING_ASN_TYPES,
    Case,
    expected_files,
    imaging_files,
    load_cases,
    parse_case_line,
)

CASE = "pool_002_image_miri"


def _files(name: str = CASE) -> dict[str, str]:
    """A mutable copy of the expected files of a case."""
    return dict(expected_files(_case(name)))


def _case(name: str) -> Case:
    """The corpus case called ``name``."""
    return next(case for case in load_cases() if case.name == name)


def _edit(text: str, change: dict[str, JsonValue]) -> str:
    """``text`` re-serialised with top-level keys replaced."""
    document = json.loads(text)
    document.update(change)
    return json.dumps(document, indent=4)


def _first_file() -> tuple[str, dict[str, Any]]:
    """The first expected file of ``CASE`` with two or more members, parsed for editing."""
    for name, text in sorted(_files().items()):
        document = json.loads(text)
        if len(document["products"][0]["members"]) >= 2:
            return name, document
    raise AssertionError(f"{CASE} has no product with two members")


@pytest.mark.parametrize("case", load_cases(), ids=lambda case: case.name)
def test_expected_output_is_identical_to_itself(case: Case) -> None:
    files = expected_files(case)
    assert files, f"no expected files for {case.name}"
    result = compare_case(case.name, files, files)
    assert result.is_identical
    assert result.identical == result.expected == tuple(sorted(files))


def test_cases_point_at_existing_pools() -> None:
    cases = load_cases()
    assert len({case.name for case in cases}) == len(cases)
    for case in cases:
        assert case.pool_path.is_file(), case.pool_path
        assert case.expected_dir.is_dir(), case.expected_dir


def test_case_lines_parse_options() -> None:
    assert parse_case_line("a\tp.csv\t\n") == Case(name="a", pool="p.csv", options=())
    assert parse_case_line("b\tp.csv\t-i o001 c1000") == Case(
        name="b", pool="p.csv", options=("-i", "o001", "c1000")
    )
    with pytest.raises(ValueError, match="malformed"):
        parse_case_line("only-a-name")


def test_imaging_files_are_found() -> None:
    names = imaging_files(_case(CASE))
    assert names
    for name in names:
        assert json.loads(expected_files(_case(CASE))[name])["asn_type"] in IMAGING_ASN_TYPES


def test_ignored_keys_and_key_order_do_not_count() -> None:
    files = _files()
    name = sorted(files)[0]
    document = json.loads(files[name])
    document["constraints"] = "written differently"
    document["code_version"] = "0.0.0"
    reordered = dict(reversed(list(document.items())))
    actual = {**files, name: json.dumps(reordered)}
    assert compare_case(CASE, files, actual).is_identical


def test_changed_member_is_reported_at_its_path() -> None:
    name, document = _first_file()
    document["products"][0]["members"][1]["expname"] = "changed.fits"
    difference = compare_texts(name, _files()[name], json.dumps(document))
    assert difference is not None
    assert difference.first.path == "products[0].members[1].expname"
    assert '"changed.fits"' in difference.first.message


def test_reordered_members_are_reported_as_order() -> None:
    name, document = _first_file()
    members = document["products"][0]["members"]
    members.reverse()
    result = compare_case(CASE, _files(), {**_files(), name: json.dumps(document)})
    assert not result.is_identical
    assert result.differing_names == (name,)
    first = result.differing[0].first
    assert first.path == "products[0].members"
    assert "another order" in first.message


def test_dropped_member_is_reported_with_the_missing_item() -> None:
    name, document = _first_file()
    members = document["products"][0]["members"]
    dropped = members.pop()
    difference = compare_texts(name, _files()[name], json.dumps(document))
    assert difference is not None
    assert difference.first.path == "products[0].members"
    assert "missing" in difference.first.message
    assert str(dropped["expname"]) in difference.first.message


def test_missing_extra_and_invalid_files_are_detected() -> None:
    files = _files()
    first, second = sorted(files)[:2]
    actual = dict(files)
    del actual[first]
    actual["jw_extra_asn.json"] = files[second]
    actual[second] = "{not json"
    result = compare_case(CASE, files, actual)
    assert result.missing == (first,)
    assert result.extra == ("jw_extra_asn.json",)
    assert result.differing_names == (second,)
    assert "not valid JSON" in result.differing[0].first.message
    assert len(result.identical) == len(files) - 2
    assert "1 missing" in result.describe()


def test_changed_top_level_value_is_detected() -> None:
    files = _files()
    name = sorted(files)[0]
    actual = {**files, name: _edit(files[name], {"asn_id": "o999"})}
    result = compare_case(CASE, files, actual)
    assert result.differing_names == (name,)
    assert result.differing[0].first.path == "asn_id"


@pytest.mark.parametrize(
    ("expected", "actual", "path"),
    [
        ({"a": 1}, {"a": True}, "a"),
        ({"a": 1}, {"a": 1.0}, "a"),
        ({"a": None}, {"a": "none"}, "a"),
        ({"a": [1, True]}, {"a": [True, 1]}, "a"),
        ({"a": 1}, {}, "a"),
        ({}, {"b": 1}, "b"),
        ([{"x": [1, 2]}], [{"x": [1, 3]}], "[0].x[1]"),
    ],
)
def test_json_values_are_compared_by_type(
    expected: JsonValue, actual: JsonValue, path: str
) -> None:
    difference = first_difference(expected, actual)
    assert difference is not None
    assert difference.path == path


def test_every_difference_is_counted() -> None:
    expected: JsonValue = {"a": 1, "b": [1, 2], "c": "x"}
    actual: JsonValue = {"a": 2, "b": [1, 3], "c": "x", "d": None}
    paths = [difference.path for difference in iter_differences(expected, actual)]
    assert paths == ["d", "a", "b[1]"]


def test_renamed_file_is_paired_with_its_expected_name() -> None:
    files = _files()
    first, second = sorted(files)[:2]
    actual = dict(files)
    actual["jw_renamed_asn.json"] = actual.pop(first)
    actual["jw_other_asn.json"] = actual.pop(second).replace('"science"', '"background"')
    result = compare_case(CASE, files, actual)
    assert same_content_pairs(result, files, actual) == [(first, "jw_renamed_asn.json")]
