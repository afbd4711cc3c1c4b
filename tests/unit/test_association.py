"""Tests of ``asnfp.association``: mapping access, ``to_dict`` and file names."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any, cast

import msgspec
import pytest
from msgspec import UNSET

from asnfp.association import (
    DEGRADED_STATUS,
    Level2Association,
    Level3Association,
    Member,
    Product,
    file_stem,
    to_dict,
)
from asnfp.io import load_asn

EXPECTED = Path(__file__).resolve().parents[2] / "tests" / "corpus" / "expected"
SAMPLE = EXPECTED / "pool_002_image_miri" / "jw99009-o001_image3_00001_asn.json"

MEMBERS = (
    Member(expname="a_cal.fits", exptype="science", exposerr=None, asn_candidate="('o001', 'x')"),
    Member(expname="b_cal.fits", exptype="background"),
)
LEVEL3 = Level3Association(
    asn_type="image3",
    asn_rule="candidate_Asn_Lv3Image",
    program="01234",
    asn_id="c1000",
    target="t001",
    asn_pool="pool.csv",
    products=(Product(name="jw01234-c1000_t001_miri_f770w", members=MEMBERS),),
    sequence=3,
)


def test_mapping_access_reads_fields() -> None:
    asn = cast(Any, LEVEL3)
    assert asn["products"][0]["members"][0]["expname"] == "a_cal.fits"
    assert asn["products"][0]["name"] == "jw01234-c1000_t001_miri_f770w"
    assert asn["target"] == "t001"
    assert asn.get("version_id", "absent") is None
    assert asn.get("sequence", "absent") == "absent"


def test_mapping_keys_follow_written_order_and_skip_unset() -> None:
    assert list(LEVEL3) == [
        "asn_type",
        "asn_rule",
        "version_id",
        "code_version",
        "degraded_status",
        "program",
        "constraints",
        "asn_id",
        "target",
        "asn_pool",
        "products",
    ]
    assert len(LEVEL3) == 11
    assert list(MEMBERS[0]) == ["expname", "exptype", "exposerr", "asn_candidate"]
    assert list(MEMBERS[1]) == ["expname", "exptype"]
    assert "exposerr" in MEMBERS[0]
    assert "exposerr" not in MEMBERS[1]
    assert 3 not in MEMBERS[1]
    level2 = Level2Association(asn_type="image2", asn_rule="r")
    assert "target" not in level2
    assert list(level2)[-2:] == ["asn_pool", "products"]


@pytest.mark.parametrize("key", ["sequence", "exposerr", "nothing"])
def test_missing_internal_and_unset_keys_raise(key: str) -> None:
    with pytest.raises(KeyError):
        MEMBERS[1][key] if key == "exposerr" else LEVEL3[key]


def test_structs_are_read_only() -> None:
    with pytest.raises(AttributeError):
        LEVEL3.target = "t002"  # type: ignore[misc]
    with pytest.raises(TypeError):
        cast(Any, LEVEL3)["target"] = "t002"


def test_to_dict_is_the_written_json() -> None:
    data = to_dict(LEVEL3)
    assert "sequence" not in data
    assert isinstance(data["products"], list)
    assert isinstance(data["products"][0]["members"], list)
    assert data["products"][0]["members"][1] == {"expname": "b_cal.fits", "exptype": "background"}
    assert json.loads(json.dumps(data)) == data


@pytest.mark.skipif(not SAMPLE.is_file(), reason=f"the corpus file {SAMPLE} is absent")
def test_to_dict_equals_the_parsed_reference_file() -> None:
    parsed = json.loads(SAMPLE.read_bytes())
    asn = load_asn(SAMPLE)
    assert to_dict(asn) == parsed
    assert (
        cast(Any, asn)["products"][0]["members"][0]["expname"]
        == (parsed["products"][0]["members"][0]["expname"])
    )
    assert asn.keys() == tuple(parsed)


def test_file_stem_names_and_lowercases() -> None:
    assert file_stem(LEVEL3) == "jw01234-c1000_image3_00003_asn"
    versioned = msgspec.structs.replace(LEVEL3, version_id="V2024", asn_type="Image3")
    assert file_stem(versioned) == "jw01234-c1000_v2024_image3_00003_asn"


def test_defaults() -> None:
    level2 = Level2Association(asn_type="spec2", asn_rule="r")
    assert (level2.level, LEVEL3.level) == (2, 3)
    assert level2.target is UNSET
    assert level2.sequence == 1
    assert DEGRADED_STATUS.startswith("One or more members")
