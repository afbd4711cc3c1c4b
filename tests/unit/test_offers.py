"""Rows a rule is never offered: its candidate pattern fails on the candidate text."""

from __future__ import annotations

from typing import Literal

import polars as pl

from asnfp._core.build import DISCOVERED, Acid
from asnfp._core.offers import CELL, offered, skipped_runs
from asnfp._core.runs import RUN, Run
from asnfp.constraints import all_of, attr
from asnfp.rules.rule import Rule, Validity

DIRECT = r"\[\('c\d{4}', 'direct_image'\)\]"

RUNS = (
    Run(0, DISCOVERED, "discover", None),
    Run(1, Acid("o001", "observation"), "candidate", "[('o001', 'observation')]"),
    Run(2, Acid("c1000", "direct_image"), "candidate", "[('c1000', 'direct_image')]"),
)


def _rule(*, stateful: bool = False, required: bool = True) -> Rule:
    return Rule(
        name="Asn_Test",
        level=2,
        asn_type="spec2",
        doc="A test rule.",
        exposure="level2",
        validity=(),
        stateful=stateful,
        tree=all_of(
            attr("acdirect", "asn_candidate", DIRECT, required=required),
            attr("instrument", "instrume"),
        ),
    )


def _kept(rule: Rule) -> list[tuple[int, str]]:
    cells = ["[('c1000', 'direct_image')]", "[('o001', 'observation')]"]
    pairs = pl.DataFrame(
        {
            RUN: [0, 0, 1, 2],
            CELL: cells + cells[:1] * 2,
            "_join0": [True, True, True, True],
        }
    )
    kept = pairs.filter(offered(0, rule, RUNS, cells))
    return list(zip(kept[RUN].to_list(), kept[CELL].to_list(), strict=True))


def test_runs_and_discovery_rows_failing_the_candidate_pattern_are_not_offered() -> None:
    direct = "[('c1000', 'direct_image')]"
    assert _kept(_rule()) == [(0, direct), (2, direct)]


def test_conditions_that_may_pass_or_change_state_keep_every_row() -> None:
    every = [(0, "[('c1000', 'direct_image')]"), (0, "[('o001', 'observation')]")]
    every += [(1, "[('c1000', 'direct_image')]"), (2, "[('c1000', 'direct_image')]")]
    assert _kept(_rule(stateful=True)) == every
    assert _kept(_rule(required=False)) == every


def _typed_rule(level: Literal[2, 3], check: Validity) -> Rule:
    """An imaging rule whose associations need science and pass ``check``."""
    return Rule(
        name=f"Asn_Test{level}", level=level, asn_type=f"image{level}", doc="A test rule.",
        exposure="level2" if level == 2 else "level3", validity=("has_science", check),
        tree=all_of(attr("instrument", "instrume")),
    )  # fmt: skip


def test_runs_whose_candidate_type_makes_every_association_invalid_are_skipped() -> None:
    mosaic = _typed_rule(3, "is_type_mosaic")
    runs = (*RUNS, Run(3, Acid("c1001", "mosaic"), "candidate", "[('c1001', 'mosaic')]"))
    frame = pl.DataFrame({"instrume": ["nircam"]})
    assert skipped_runs(mosaic, runs, frame, keep_invalid=False) == [0, 1, 2]
    assert skipped_runs(_rule(), runs, frame, keep_invalid=False) == []


def test_with_invalid_kept_only_the_discovery_pass_of_candidate_limited_rules_is_skipped() -> None:
    limited = _typed_rule(2, "allowed_candidates")
    frame = pl.DataFrame({"instrume": ["nircam"]})
    assert skipped_runs(limited, RUNS, frame, keep_invalid=True) == [0]
    assert skipped_runs(limited, RUNS, frame, keep_invalid=False) == [0, 2]
