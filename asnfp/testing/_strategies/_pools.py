"""Pool strategies: scenes per instrument mode, composed into pools, rows and candidates."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Final

import polars as pl
from hypothesis import strategies as st

from asnfp.testing._strategies import _imaging, _nirspec, _spectroscopy
from asnfp.testing._strategies._builder import Candidate, PoolBuilder, Row
from asnfp.testing._strategies._common import Scene
from asnfp.testing._strategies._vocabulary import (
    CANDIDATE_TYPES,
    MODES,
    PROGRAMS,
    CandidateType,
    Mode,
)

SCENES: Final[Mapping[Mode, Scene]] = {
    "nircam_image": _imaging.imaging("nircam"),
    "miri_image": _imaging.imaging("miri"),
    "niriss_image": _imaging.imaging("niriss"),
    "fgs_image": _imaging.imaging("fgs"),
    "nonscience": _imaging.nonscience,
    "wfsc": _imaging.wfsc,
    "nircam_coron": _imaging.nircam_coron,
    "miri_coron": _imaging.miri_coron,
    "niriss_ami": _imaging.niriss_ami,
    "nircam_tso": _spectroscopy.nircam_tso,
    "nirspec_bots": _spectroscopy.nirspec_bots,
    "niriss_soss": _spectroscopy.niriss_soss,
    "miri_lrs_slitless": _spectroscopy.miri_lrs_slitless,
    "miri_lrs_slit": _spectroscopy.miri_lrs_slit,
    "miri_mrs": _spectroscopy.miri_mrs,
    "nircam_wfss": _spectroscopy.nircam_wfss,
    "niriss_wfss": _spectroscopy.niriss_wfss,
    "miri_wfss": _spectroscopy.miri_wfss,
    "nirspec_ifu": _nirspec.nirspec_ifu,
    "nirspec_msa": _nirspec.nirspec_msa,
    "nirspec_fs": _nirspec.nirspec_fs,
    "nirspec_lamp": _nirspec.nirspec_lamp,
}
"""How each mode adds its observations to a pool."""


def modes(choices: Sequence[Mode] = MODES) -> st.SearchStrategy[Mode]:
    """An instrument mode among ``choices``; shrinks towards the first.

    Examples
    --------
    >>> modes(("miri_mrs",)).example()
    'miri_mrs'
    """
    return st.sampled_from(tuple(choices))


@st.composite
def _scenes(
    draw: st.DrawFn, choices: Sequence[Mode], size: int, low: int, high: int, distinct: bool
) -> PoolBuilder:
    pool = PoolBuilder(program=draw(st.sampled_from(PROGRAMS)))
    chosen = draw(st.lists(modes(choices), min_size=low, max_size=high, unique=distinct))
    for mode in chosen:
        SCENES[mode](draw, pool, size)
    return pool


@st.composite
def pools(
    draw: st.DrawFn,
    modes: Sequence[Mode] = MODES,
    *,
    min_scenes: int = 1,
    max_scenes: int = 3,
    max_exposures: int = 3,
    distinct_modes: bool = False,
    shuffle: bool = False,
) -> pl.DataFrame:
    """Realistic association pools: a polars frame of string columns (``COLUMNS``).

    A pool is a program's sequence of *scenes*, one instrument mode each (``modes``). A scene
    is one observation, sometimes with a companion sharing a candidate: a background field
    (``background``), a PSF reference (``coronagraphy``, ``ami``, ``group``), a second tile
    (``mosaic``) or visit (``group``). Its rows are the exposures of that mode: detectors,
    filters and pupils or gratings, dithers or nods, imprints, target acquisitions, TSO
    series, direct images, lamps. Every row lists its observation candidate and its groups.

    Parameters
    ----------
    modes
        The modes scenes are drawn from (``asnfp.testing.strategies.MODES``).
    min_scenes, max_scenes
        How many scenes a pool has.
    max_exposures
        The size knob: the largest number of dithers, nods or repeats per setup.
    distinct_modes
        Whether the scenes of one pool have distinct modes.
    shuffle
        Whether rows come in a drawn order instead of the order they were observed in.

    Shrinking goes to fewer scenes, the earlier modes of ``modes``, fewer exposures, no
    companions or acquisitions, and the first (most ordinary) value of every table.

    Examples
    --------
    >>> pool = pools(("miri_image",), max_scenes=1).example()
    >>> set(pool.get_column("instrume")) <= {"miri"}
    True
    """
    pool = draw(_scenes(modes, max_exposures, min_scenes, max_scenes, distinct_modes))
    order = draw(st.permutations(range(len(pool.rows)))) if shuffle else None
    return pool.frame(order)


@st.composite
def exposures(draw: st.DrawFn, mode: Mode | None = None) -> Row:
    """One pool row (column name to cell text) of ``mode``, or of any mode.

    It is a row of a one-scene pool (see ``pools``); the observation is number 1. Shrinks like
    ``pools`` does, then towards the first row of the scene.

    Examples
    --------
    >>> exposures("nirspec_msa").example()["exp_type"] in {"nrs_msaspec", "nrs_msata"}
    True
    """
    chosen = mode if mode is not None else draw(modes())
    pool = draw(_scenes((chosen,), 2, 1, 1, False))
    index = draw(st.integers(0, len(pool.rows) - 1))
    return {name: str(cell) for name, cell in pool.frame().row(index, named=True).items()}


@st.composite
def candidates(
    draw: st.DrawFn, observation: int = 1, types: Sequence[CandidateType] = CANDIDATE_TYPES[1:]
) -> tuple[Candidate, ...]:
    """The candidates of one exposure: its observation's, then up to two groups of ``types``.

    Group ids count up from ``c1000``. Shrinks to the observation candidate alone.

    Examples
    --------
    >>> candidates(observation=7, types=()).example()
    (('o007', 'observation'),)
    """
    groups = draw(st.lists(st.sampled_from(tuple(types)), max_size=2)) if types else []
    own: Candidate = (f"o{observation:03d}", "observation")
    return (own, *((f"c{1000 + n}", kind) for n, kind in enumerate(groups)))
