"""Suffix removal and member naming."""

from __future__ import annotations

import itertools
from pathlib import PurePosixPath

import pytest

from asnfp._core.naming import exposure_basename_root, exposure_root, level2b_name, rate_name
from asnfp._core.suffix import KNOWN_SUFFIXES, remove_suffix


@pytest.mark.parametrize(
    ("name", "root"),
    [
        ("a_dark_current", "a"),
        ("foo_resample_spec", "foo"),
        ("x_ami-oi", "x"),
        ("x_cal_rate", "x_cal"),
        ("a-b_cal", "a-b"),
        ("jw1_nrcalong_rateints", "jw1_nrcalong"),
        ("jw_00010", "jw_00010"),
        ("_cal", "_cal"),
    ],
)
def test_shortest_root_wins(name: str, root: str) -> None:
    assert remove_suffix(name)[0] == root


def test_matches_the_reference_on_many_names() -> None:
    reference = pytest.importorskip("jwst.lib.suffix")
    names = [f"{a}{s}{b}" for a in ("x", "jw_1", "a-b") for s in ("_", "-")
             for b in KNOWN_SUFFIXES]
    names += [f"{n}_{s}" for n in names[:200] for s in ("cal", "rate", "x")]
    for name in names:
        assert remove_suffix(name) == tuple(reference.remove_suffix(name)), name


def test_member_names() -> None:
    assert rate_name("d/jw_1_uncal.fits", False) == "d/jw_1_rate.fits"
    assert rate_name("jw_1_uncal.fits", True) == "jw_1_rateints.fits"
    assert rate_name("jw_1.fits", False) == "jw_1.fits"
    assert level2b_name("jw_1_uncal.fits", "nrc_image", False, "science") == "jw_1_cal.fits"
    assert level2b_name("jw_1_uncal.fits", "nrs_autowave", False, "science") == "jw_1_rate.fits"
    assert level2b_name("jw_1_uncal.fits", "nrs_ifu", True, "background") == "jw_1_x1dints.fits"
    assert exposure_root("d/jw_1_nrca1_rate.fits") == "d/jw_1_nrca1"


def test_member_roots_match_the_path_reading_for_every_short_name() -> None:
    """The plain-name shortcut gives what ``PurePosixPath`` parsing gives, for every name
    of up to five pieces among dots, slashes, separators and suffix text."""
    pieces = ["a", ".", "_", "-", "/", "rate", "fits"]
    for size in range(6):
        for parts in itertools.product(pieces, repeat=size):
            name = "".join(parts)
            path = PurePosixPath(name)
            assert exposure_root(name) == remove_suffix(str(path.parent / path.stem))[0], name
            assert exposure_basename_root(name) == remove_suffix(path.stem)[0], name
