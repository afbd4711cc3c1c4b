"""Shared checks for the explanation tests: independent of the explanation code."""

from __future__ import annotations

import re
from collections.abc import Collection, Mapping
from pathlib import Path

import polars as pl

from asnfp._core import engine
from asnfp._core.facts import EXPOSURE, with_facts
from asnfp._core.predicates import PREDICATES
from asnfp._core.runs import IDX, candidate_runs, discovery_run
from asnfp._core.tables import EMPTY_VALUES
from asnfp.candidates import with_candidates, work_list
from asnfp.explain import AttrFailure, CheckFailure, Excluded, Refused, RuleVerdict
from asnfp.explain.model import Failing
from asnfp.generator import load_source
from asnfp.rules.registry import DEFAULT

POOLS = Path(__file__).resolve().parents[1] / "corpus" / "pools"


def pool_frame(name: str) -> pl.DataFrame:
    """A corpus pool as read (lowercased strings)."""
    return load_source(POOLS / f"{name}.csv").unwrap().frame


def edit_row(frame: pl.DataFrame, idx: int, cells: Mapping[str, str]) -> pl.DataFrame:
    """``frame`` with ``cells`` set in row ``idx`` (new columns are ``null`` elsewhere)."""
    at_row = pl.int_range(pl.len()) == idx
    return frame.with_columns(
        pl.when(at_row)
        .then(pl.lit(value))
        .otherwise(pl.col(column) if column in frame.columns else pl.lit("null"))
        .alias(column)
        for column, value in cells.items()
    )


def members_by_rule(
    frame: pl.DataFrame, names: Collection[str] | None = None
) -> dict[str, set[int]]:
    """Rows (0-based) each rule's associations took while matching, by rule name.

    Runs the engine directly (discovery and every candidate), before finalize, with the
    default rules, or those of them named in ``names`` (each rule builds on its own).
    """
    source = load_source(frame).unwrap()
    full = with_facts(with_candidates(source.frame).unwrap().with_row_index(IDX))
    runs = (discovery_run(), *candidate_runs(work_list(full), first_order=1))
    rules = [r for r in DEFAULT if names is None or r.name in names]
    drafts = engine.build_drafts(full, rules, runs, pool_name="test", version_id=None)
    rows = full.drop(c for c in full.columns if c.startswith("_")).to_dicts()
    found: dict[str, set[int]] = {}
    for draft in drafts:
        for cells in draft.state.rows:
            if cells is not None:
                found.setdefault(draft.rule.name, set()).add(rows.index(dict(cells)))
    return found


def exposure_types(frame: pl.DataFrame) -> list[str | None]:
    """Each row's exposure type, from the row facts."""
    return with_facts(frame).get_column(EXPOSURE).to_list()


def _first(cells: Mapping[str, str], sources: tuple[str, ...]) -> tuple[str, str] | None:
    for column in sources:
        value = cells.get(column)
        if value is not None and value not in EMPTY_VALUES:
            return column, value
    return None


def really_fails(failure: Failing, cells: Mapping[str, str], exposure: str | None) -> bool:
    """The reported failure holds for the row's own cells (checked without the engine)."""
    match failure:
        case AttrFailure():
            if "asn_candidate" in failure.sources:
                return failure.value is not None  # the run's candidate text, not the cell
            found = _first(cells, failure.sources)
            column, value = found if found is not None else (None, None)
            if (column, value) != (failure.column, failure.value):
                return False
            if failure.kind == "missing":
                return value is None
            if failure.kind == "defined":
                return value is not None
            if failure.kind == "mismatch":
                pattern = "^" + failure.wanted + "$"
                return value is not None and re.match(pattern, value, re.IGNORECASE) is None
            return value is not None and value.lower() != failure.wanted
        case CheckFailure():
            if failure.kind == "target_acquisition":
                return exposure != "target_acquisition" and failure.value == exposure
            if failure.kind == "row":
                name, verb = failure.wanted.split(" ")
                return PREDICATES[name][1](cells) != (verb == "holds")
            return failure.value != failure.wanted
        case Excluded():
            return bool(failure.held) and all(
                hit.column is None or cells.get(hit.column) == hit.value for hit in failure.held
            )
        case Refused():
            return True


def failing_rules(verdicts: tuple[RuleVerdict, ...]) -> list[RuleVerdict]:
    """The verdicts of rules that did not select the row."""
    return [v for v in verdicts if v.status == "not_selected"]
