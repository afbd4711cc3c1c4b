"""Tree evaluation: the DMS constraint semantics, one behaviour per test."""

from __future__ import annotations

from asnfp._core.building import Building
from asnfp._core.compiled import compile_rule
from asnfp._core.interpret import Evaluation, Outcome
from asnfp._core.row import Row
from asnfp.constraints import Check, Node, all_of, any_of, attr, none_of, not_all
from asnfp.rules.rule import Rule


def _row(idx: int = 0, **values: str) -> Row:
    cells = {"filename": f"jw_{idx:05d}_uncal.fits", **values}
    return Row(idx, cells, "[('o001', 'observation')]", "science", True, False, False, False)


def _building(tree: Node) -> Building:
    rule = Rule(
        name="T", level=3, asn_type="image3", tree=tree, doc="", exposure="level3",
        validity=(), product_name=lambda parts: "p",
    )
    return Building(compile_rule(rule, 0, None), 0, "observation")


def _evaluate(building: Building, row: Row) -> Outcome:
    evaluation = Evaluation(building, row, building.committed, building.rule.initial)
    return evaluation.run(building.rule.root)


def _matches(building: Building, row: Row) -> bool:
    return _evaluate(building, row)[0]


def test_ungrouped_alternation_is_a_prefix_test_for_all_but_the_last() -> None:
    building = _building(all_of(attr("x", "pupil", "clear|gdhs0|gdhs60", pin=False)))
    assert _matches(building, _row(pupil="clearp"))
    assert _matches(building, _row(pupil="gdhs0x"))
    assert not _matches(building, _row(pupil="gdhs60x"))
    assert _matches(building, _row(pupil="GDHS60"))


def test_a_pin_fixes_the_value_and_the_column() -> None:
    building = _building(all_of(attr("opt", ("filter", "band"))))
    assert building.offer(_row(0, band="b1"))[0]
    assert building.offer(_row(1, filter="f1", band="b1"))[0]  # pinned on band
    assert not building.offer(_row(2, filter="b1"))[0]
    assert not building.offer(_row(3, band="b2"))[0]


def test_optional_leaf_lets_empty_values_pass_without_pinning() -> None:
    building = _building(all_of(attr("opt", "filter", required=False)))
    assert building.offer(_row(0, filter="n"))[0]
    assert building.offer(_row(1, filter="f1"))[0]
    assert not building.offer(_row(2, filter="f2"))[0]
    assert building.offer(_row(3))[0]


def test_undefined_accepts_only_missing_values() -> None:
    building = _building(all_of(attr(None, "is_imprt", undefined=True)))
    assert _matches(building, _row(is_imprt="f"))
    assert not _matches(building, _row(is_imprt="t"))


def test_pins_from_a_failed_branch_survive_when_the_tree_matches() -> None:
    tree = all_of(
        any_of(
            all_of(attr("opt", "filter"), attr(None, "exp_type", "never")),
            attr("other", "exp_type"),
        )
    )
    building = _building(tree)
    assert building.offer(_row(0, filter="f1", exp_type="x"))[0]
    assert building.leaf(building.rule.named["opt"]).pinned == "f1"
    assert building.leaf(building.rule.named["other"]).pinned == "x"


def test_failed_tree_drops_every_pin() -> None:
    building = _building(all_of(attr("opt", "filter"), attr(None, "exp_type", "ok")))
    assert not building.offer(_row(0, filter="f1", exp_type="no"))[0]
    assert building.offer(_row(1, filter="f2", exp_type="ok"))[0]


def test_all_returns_the_first_failing_reoffer_and_stops_on_a_plain_failure() -> None:
    reoffer = attr("t", "targetid", onlyif="not_background", reprocess="existing")
    building = _building(all_of(reoffer, attr(None, "exp_type", "ok")))
    matched, reoffers = _evaluate(building, _row(targetid="1", exp_type="ok"))
    assert matched and [r.phase for r in reoffers] == ["existing"]
    matched, reoffers = _evaluate(building, _row(targetid="1", exp_type="no"))
    assert not matched and reoffers == ()


def test_none_and_notall_negate() -> None:
    building = _building(
        all_of(
            none_of(attr(None, "detector", "nirspec")),
            not_all(attr(None, "detector", "nrcblong"), attr(None, "exp_type", "nrc_tsgrism")),
        )
    )
    assert _matches(building, _row(detector="nrcblong", exp_type="nrc_image"))
    assert not _matches(building, _row(detector="nrcblong", exp_type="nrc_tsgrism"))
    assert not _matches(building, _row(detector="nirspec"))


def test_recorded_values_feed_a_later_pattern() -> None:
    tree = all_of(
        any_of(
            all_of(attr(None, "exp_type", "img"), attr("obs_num", "obs_num", pin=False)),
            all_of(
                Check(kind="target_acquisition"),
                attr("acq", "obs_num", pin=False, pattern_from="obs_num"),
            ),
        )
    )
    building = _building(tree)
    assert building.offer(_row(0, exp_type="img", obs_num="001"))[0]
    ta = Row(1, {"filename": "ta_uncal.fits", "obs_num": "001"}, "", "target_acquisition",
             False, False, False, False)
    other = Row(2, {"filename": "tb_uncal.fits", "obs_num": "002"}, "", "target_acquisition",
                False, False, False, False)
    assert building.offer(ta)[0]
    assert not building.offer(other)[0]
    assert [m.exptype for m in building.members] == ["science", "target_acquisition"]
