"""Reading the vendored corpus: its cases, pools and expected association files."""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache
from pathlib import Path

CORPUS_DIR = Path(__file__).resolve().parent.parent / "corpus"
CASES_FILE = CORPUS_DIR / "cases.tsv"
POOLS_DIR = CORPUS_DIR / "pools"
EXPECTED_DIR = CORPUS_DIR / "expected"

# Level 2 and Level 3 imaging association types, held to exact agreement by test_imaging_files.
IMAGING_ASN_TYPES = frozenset({"image2", "tso-image2", "image3", "wfs-image3"})


@dataclass(frozen=True, slots=True)
class Case:
    """One line of ``cases.tsv``: a pool run with a set of ``asn_generate`` options."""

    name: str
    pool: str
    options: tuple[str, ...]

    @property
    def pool_path(self) -> Path:
        """The pool file inside the corpus."""
        return POOLS_DIR / self.pool

    @property
    def expected_dir(self) -> Path:
        """The folder holding the reference output of this case."""
        return EXPECTED_DIR / self.name

    @property
    def is_default(self) -> bool:
        """Whether the case runs the generator with its default options."""
        return not self.options


def parse_case_line(line: str) -> Case:
    """A case from one tab-separated ``cases.tsv`` line."""
    fields = line.rstrip("\r\n").split("\t")
    if len(fields) == 2:
        fields.append("")
    if len(fields) != 3 or not fields[0] or not fields[1]:
        raise ValueError(f"malformed cases.tsv line: {line!r}")
    name, pool, options = fields
    return Case(name=name, pool=pool, options=tuple(options.split()))


@cache
def load_cases() -> tuple[Case, ...]:
    """Every case of the corpus, in ``cases.tsv`` order."""
    lines = CASES_FILE.read_text(encoding="utf-8").splitlines()
    return tuple(parse_case_line(line) for line in lines if line.strip())


def case_named(name: str) -> Case:
    """The case called ``name``; ``KeyError`` when there is none."""
    for case in load_cases():
        if case.name == name:
            return case
    raise KeyError(name)


def read_json_files(directory: Path) -> dict[str, str]:
    """The text of every ``*.json`` file directly inside ``directory``, keyed by file name."""
    return {
        path.name: path.read_text(encoding="utf-8") for path in sorted(directory.glob("*.json"))
    }


def expected_files(case: Case) -> Mapping[str, str]:
    """The reference output of ``case``: file name to JSON text."""
    return _expected_files(case.name)


@cache
def _expected_files(name: str) -> Mapping[str, str]:
    """Cached reading of one case's expected folder."""
    return read_json_files(EXPECTED_DIR / name)


def imaging_files(case: Case) -> tuple[str, ...]:
    """Names of the expected files of ``case`` whose ``asn_type`` is an imaging type."""
    return tuple(
        name
        for name, text in expected_files(case).items()
        if json.loads(text).get("asn_type") in IMAGING_ASN_TYPES
    )
