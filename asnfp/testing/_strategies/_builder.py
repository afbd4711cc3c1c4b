"""Building a pool row by row: observations, file names, candidates and the final frame."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

import polars as pl

from asnfp.testing._strategies._vocabulary import COLUMNS, DEFAULTS, CandidateType

Candidate = tuple[str, CandidateType]
"""A candidate: ``(id, type)``, such as ``('o001', 'observation')``."""

Row = dict[str, str]
"""One pool row: every column of ``COLUMNS``, as lower-case text."""


def candidate_cell(candidates: Sequence[Candidate]) -> str:
    """The ``asn_candidate`` cell naming ``candidates``, as pools write it.

    Examples
    --------
    >>> candidate_cell([("o001", "observation"), ("c1000", "group")])
    "[('o001', 'observation'), ('c1000', 'group')]"
    """
    return "[" + ", ".join(f"('{cid}', '{ctype}')" for cid, ctype in candidates) + "]"


@dataclass
class Observation:
    """One observation of a pool: its number, target and candidates."""

    number: int
    target: str
    candidates: list[Candidate] = field(default_factory=list)

    @property
    def obs_num(self) -> str:
        return str(self.number)


@dataclass
class PoolBuilder:
    """Rows of a pool under construction; candidates are rendered when the frame is made."""

    program: str
    rows: list[tuple[Observation, Row]] = field(default_factory=list)
    observations: list[Observation] = field(default_factory=list)
    groups: int = 0

    def observation(self, target: str) -> Observation:
        """A new observation, in its own ``observation`` candidate."""
        number = len(self.observations) + 1
        found = Observation(number, target, [(f"o{number:03d}", "observation")])
        self.observations.append(found)
        return found

    def group(self, kind: CandidateType, observations: Sequence[Observation]) -> None:
        """Put ``observations`` in one new candidate of type ``kind``."""
        cid = f"c{1000 + self.groups}"
        self.groups += 1
        for obs in observations:
            obs.candidates.append((cid, kind))

    def add(self, obs: Observation, **cells: str) -> None:
        """Add one exposure of ``obs``; ``cells`` override the defaults (``visit``, a number,
        sets the visit; default 1)."""
        number = len(self.rows) + 1
        row: Row = {**DEFAULTS, "program": self.program, "obs_num": obs.obs_num,
                    "targetid": obs.target, **cells}  # fmt: skip
        visit_id = f"{self.program}{obs.number:03d}{int(row.pop('visit', '1')):03d}"
        activity = f"02{1 if row['pntgtype'] == 'science' else 0}{int(row['act_id']):02d}"
        row["visit_id"] = visit_id
        row["obs_id"] = f"v{visit_id}p00000000{activity}"
        row["filename"] = f"jw{visit_id}_{activity}_{number:05d}_{row['detector']}_uncal.fits"
        self.rows.append((obs, row))

    def frame(self, order: Sequence[int] | None = None) -> pl.DataFrame:
        """The pool: every column as a string, rows in ``order`` (default: as added)."""
        rendered = [
            [candidate_cell(obs.candidates) if name == "asn_candidate" else row[name]
             for name in COLUMNS]
            for obs, row in self.rows
        ]  # fmt: skip
        if order is not None:
            rendered = [rendered[i] for i in order]
        return pl.DataFrame(rendered, schema=dict.fromkeys(COLUMNS, pl.String), orient="row")
