"""Cases beyond the corpus: each generator option on two pools, and a shuffled pool.

``tests/extra`` holds them, laid out like the corpus (``cases.tsv``, ``pools/``,
``expected/``); its PROVENANCE.md says how the reference produced the expected files.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from asnfp.cli import main
from conformance.compare import compare_case
from conformance.corpus import read_json_files

EXTRA = Path(__file__).resolve().parent.parent / "extra"


def _cases() -> list[tuple[str, Path, tuple[str, ...]]]:
    cases = []
    for line in (EXTRA / "cases.tsv").read_text().splitlines():
        if not line.strip():
            continue
        name, pool, options = [*line.split("\t"), ""][:3]
        cases.append((name, (EXTRA / "pools" / pool).resolve(), tuple(options.split())))
    return cases


@pytest.mark.parametrize(("name", "pool", "options"), _cases(), ids=[c[0] for c in _cases()])
def test_extra_case_is_identical(
    name: str, pool: Path, options: tuple[str, ...], tmp_path: Path
) -> None:
    assert main(["generate", str(pool), "-p", str(tmp_path), *options]) == 0
    result = compare_case(name, read_json_files(EXTRA / "expected" / name),
                          read_json_files(tmp_path))
    assert result.is_identical, result.describe(limit=10)
