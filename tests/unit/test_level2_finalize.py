"""Level 2 finalize steps: imprint pruning and nod splitting."""

from __future__ import annotations

import msgspec
import pytest

from asnfp.association import Level2Association, Member, Product
from asnfp.rules.level2._imprints import prune_imprints, prune_imprints_if_valid
from asnfp.rules.level2._nods import make_nod_asns, nod_background_overlap
from asnfp.rules.level2.nirspec import LV2_NRS_IFU_NOD
from asnfp.rules.rule import Finalizing, NameParts

PARTS = NameParts(
    program="99009", acid="o001", target="t001", instrument="nirspec", opt_elem="clear",
    slit_name="", subarray="", pinned={},
)  # fmt: skip

Cells = dict[str, str]


def _state(*members: tuple[str, str, Cells | None], valid: bool = True) -> Finalizing:
    product = Product(
        name="p",
        members=tuple(
            Member(expname=f"{name}_rate.fits", exptype=kind, exposerr=None)
            for name, kind, _ in members
        ),
    )
    asn = Level2Association(asn_type="spec2", asn_rule="r", products=(product,))
    return Finalizing(
        asn=asn, rows=tuple(row for _, _, row in members), acid_type="observation",
        valid=valid, found={}, parts=PARTS,
    )  # fmt: skip


def _row(target: str = "1", background: str = "f", **more: str) -> Cells:
    return {"targetid": target, "bkgdtarg": background, **more}


def _names(state: Finalizing) -> list[tuple[str, str]]:
    return [(m.expname.removesuffix("_rate.fits"), m.exptype)
            for m in state.asn.products[0].members]


# -- imprint pruning ---------------------------------------------------------------


def test_imprints_of_other_targets_go_when_one_matches() -> None:
    state = _state(
        ("s", "science", _row("1")),
        ("i1", "imprint", _row("1")),
        ("i2", "imprint", _row("2")),
    )
    pruned = prune_imprints(state)
    assert _names(pruned) == [("s", "science"), ("i1", "imprint")]
    assert pruned.rows == (state.rows[0], state.rows[1])


def test_no_imprint_of_the_science_target_keeps_them_all() -> None:
    state = _state(
        ("s", "science", _row("1")),
        ("i1", "imprint", _row("2")),
        ("i2", "imprint", _row("3")),
    )
    assert prune_imprints(state) == state


def test_extra_imprints_pruned_by_dither_position() -> None:
    state = _state(
        ("s", "science", _row(dithptin="2")),
        ("i1", "imprint", _row(dithptin="1")),
        ("i2", "imprint", _row(dithptin="2")),
        ("i3", "imprint", _row()),
    )
    assert _names(prune_imprints(state)) == [("s", "science"), ("i2", "imprint")]


def test_no_dither_match_keeps_every_imprint() -> None:
    state = _state(
        ("s", "science", _row(dithptin="5")),
        ("i1", "imprint", _row(dithptin="1")),
        ("i2", "imprint", _row(dithptin="2")),
    )
    assert prune_imprints(state) == state


def test_as_many_science_as_imprints_prunes_nothing_by_dither() -> None:
    state = _state(
        ("s1", "science", _row(dithptin="1")),
        ("s2", "science", _row(dithptin="2")),
        ("i1", "imprint", _row(dithptin="1")),
        ("i2", "imprint", _row(dithptin="3")),
    )
    assert prune_imprints(state) == state


def test_only_imprints_taken_like_the_science_are_pruned() -> None:
    state = _state(
        ("b", "science", _row("2", "t", dithptin="1")),
        ("si1", "imprint", _row("9", dithptin="1")),
        ("si2", "imprint", _row("9", dithptin="2")),
        ("bi1", "imprint", _row("2", "t", dithptin="1")),
        ("bi2", "imprint", _row("2", "t", dithptin="2")),
    )
    assert _names(prune_imprints(state)) == [
        ("b", "science"), ("si1", "imprint"), ("si2", "imprint"), ("bi1", "imprint")
    ]


def test_members_without_target_or_background_columns_take_no_part() -> None:
    state = _state(
        ("s", "science", {"bkgdtarg": "f", "dithptin": "1"}),
        ("i1", "imprint", _row(dithptin="1")),
        ("i2", "imprint", _row(dithptin="2")),
    )
    assert prune_imprints(state) == state


def test_invalid_association_is_dropped() -> None:
    state = _state(("s", "science", _row()), valid=False)
    assert prune_imprints_if_valid(state) == ()
    assert prune_imprints_if_valid(_state(("s", "science", _row()))) == (
        _state(("s", "science", _row())),
    )


# -- nod overlap -------------------------------------------------------------------


def _fs(patt: str, **more: str) -> Cells:
    return {"exp_type": "nrs_fixedslit", "targetid": "1", "numdthpt": "5", "patt_num": patt,
            "subpxpts": "1", "fxd_slit": "s1600a1", **more}


def _msa(patt: str, **more: str) -> Cells:
    return {**_fs(patt), "exp_type": "nrs_msaspec", **more}


@pytest.mark.parametrize(
    ("science", "candidate", "overlap"),
    [
        ({"exp_type": "nrs_ifu"}, {"exp_type": "nrs_ifu"}, False),
        ({}, {}, False),
        (_fs("1"), _fs("3", targetid="2"), True),
        (_fs("1", targetid="A"), _fs("3", targetid="a"), False),
        (_fs("1"), {k: v for k, v in _fs("3").items() if k != "targetid"}, False),
        (_fs("1"), _fs("2"), True),
        (_fs("1"), _fs("3"), False),
        (_fs("1", fxd_slit="s200a1"), _fs("2"), False),
        (_fs("1", numdthpt="3"), _fs("2"), False),
        (_fs("1"), _fs("null"), True),
        (_msa("1"), _msa("null"), False),
        (_fs("1", subpxpts="0"), _fs("3"), True),
        (_msa("1", subpxpts="0"), _msa("1"), False),
        (_msa("1"), _msa("2"), False),
        (_msa("1"), _msa("1"), True),
        (_msa("1", subpxpts="3"), _msa("3", subpxpts="3"), True),
        (_msa("1", subpxpts="null", subpxpns="3"), _msa("4", subpxpts="3"), False),
        (_fs("1", numdthpt="x"), _fs("3"), True),
    ],
)
def test_nod_background_overlap(science: Cells, candidate: Cells, overlap: bool) -> None:
    assert nod_background_overlap(science, candidate) is overlap


# -- nod splitting -----------------------------------------------------------------


def test_each_science_gets_an_association_with_the_others_as_background() -> None:
    state = _state(
        ("jw_1", "science", _msa("1")),
        ("jw_2", "science", _msa("2")),
        ("jw_i", "imprint", _msa("1")),
        ("jw_3", "science", _msa("1")),
    )
    nods = make_nod_asns(state)
    assert [n.asn.products[0].name for n in nods] == ["jw_1", "jw_2", "jw_3"]
    assert [_names(n) for n in nods] == [
        [("jw_1", "science"), ("jw_2", "background"), ("jw_i", "imprint")],
        [("jw_2", "science"), ("jw_1", "background"), ("jw_3", "background"),
         ("jw_i", "imprint")],
        [("jw_3", "science"), ("jw_2", "background"), ("jw_i", "imprint")],
    ]
    assert nods[1].rows == (state.rows[1], state.rows[0], state.rows[3], state.rows[2])
    assert nods[0].asn.products[0].members[1].exposerr is None


def test_invalid_or_scienceless_associations_give_no_nods() -> None:
    assert make_nod_asns(_state(("a", "science", _msa("1")), valid=False)) == ()
    assert make_nod_asns(_state(("a", "imprint", _msa("1")))) == ()


def test_ifu_nods_prune_imprints_first() -> None:
    assert LV2_NRS_IFU_NOD.finalize is not None
    ifu = {"exp_type": "nrs_ifu"}
    state = _state(
        ("s1", "science", _row(dithptin="1", **ifu)),
        ("s2", "science", _row(dithptin="2", **ifu)),
        ("i1", "imprint", _row(dithptin="1", **ifu)),
        ("i2", "imprint", _row(dithptin="2", **ifu)),
        ("i3", "imprint", _row(dithptin="3", **ifu)),
    )
    nods = LV2_NRS_IFU_NOD.finalize(state)
    assert [_names(n) for n in nods] == [
        [("s1", "science"), ("s2", "background"), ("i1", "imprint"), ("i2", "imprint")],
        [("s2", "science"), ("s1", "background"), ("i1", "imprint"), ("i2", "imprint")],
    ]
    assert LV2_NRS_IFU_NOD.finalize(msgspec.structs.replace(state, valid=False)) == ()
