"""The finalize trace and the traced generation agree with the generator itself."""

from __future__ import annotations

import pytest

from asnfp._core import engine
from asnfp._core.facts import with_facts
from asnfp._core.runs import IDX, candidate_runs, discovery_run
from asnfp.association import file_stem
from asnfp.candidates import with_candidates, work_list
from asnfp.explain import Kept, Options
from asnfp.explain.pipeline import trace
from asnfp.generator import generate_result, load_source
from asnfp.rules.registry import DEFAULT

from .helpers import POOLS

TRACED_POOLS = [
    "pool_002_image_miri",
    "pool_024_nirspec_fss_nods",
    "pool_019_niriss_wfss",
    "jw00632_dups",
    "synth_ta",
]


@pytest.mark.parametrize("pool", TRACED_POOLS)
def test_trace_finalize_ends_where_finalize_ends(pool: str) -> None:
    source = load_source(POOLS / f"{pool}.csv").unwrap()
    frame = with_facts(with_candidates(source.frame).unwrap().with_row_index(IDX))
    runs = (discovery_run(), *candidate_runs(work_list(frame), first_order=1))
    drafts = engine.build_drafts(frame, DEFAULT, runs, pool_name=pool, version_id=None)
    traces = engine.trace_finalize(drafts)
    assert [d.asn for t in traces for d in t.final] == [
        d.asn for d in engine.finalize(drafts)
    ]
    for level in traces:
        made = [child for _, children in level.made for child in children]
        assert len(made) == len(level.kept) + len(level.duplicates) + len(level.subsets)


OPTIONS = [
    Options(),
    Options(discover=True),
    Options(all_candidates=True),
    Options(finalize=False),
    Options(merge=True),
    Options(candidate_ids=("o001",)),
    Options(candidate_ids=("o001",), dms=True),
    Options(per_pool=True),
]


@pytest.mark.parametrize("options", OPTIONS, ids=lambda o: str(o).replace(" ", ""))
@pytest.mark.parametrize("pool", ["pool_002_image_miri", "pool_024_nirspec_fss_nods"])
def test_traced_orphans_and_names_are_the_generators(pool: str, options: Options) -> None:
    source = load_source(POOLS / f"{pool}.csv").unwrap()
    traced = trace(source, DEFAULT, options).unwrap()
    generated = generate_result(source, DEFAULT, options).unwrap()
    assert traced.orphans == generated.orphans
    kept = {f.name for fates in traced.fates.values() for _, f in fates if isinstance(f, Kept)}
    assert kept == {file_stem(asn) for asn in generated.associations}
