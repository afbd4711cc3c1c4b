"""Pieces every scene uses: targets, flags, dithers, acquisitions and companion observations."""

from __future__ import annotations

from collections.abc import Callable, Mapping

from hypothesis import strategies as st

from asnfp.testing._strategies._builder import Observation, PoolBuilder
from asnfp.testing._strategies._vocabulary import TRUE_FLAGS, CandidateType

Scene = Callable[[st.DrawFn, PoolBuilder, int], None]
"""Adds the observations of one instrument mode to a pool; the int bounds exposures."""

TARGETS = ("1", "2", "3")


def target(draw: st.DrawFn) -> str:
    """A target id (shrinks to ``1``)."""
    return draw(st.sampled_from(TARGETS))


def other_target(draw: st.DrawFn, than: str) -> str:
    """A target id other than ``than``."""
    return draw(st.sampled_from([t for t in TARGETS if t != than]))


def flag(draw: st.DrawFn, chance: bool = True) -> str:
    """``f`` or, when drawn, a set flag (``t`` mostly; shrinks to ``f``)."""
    if not chance or not draw(st.booleans()):
        return "f"
    return draw(st.sampled_from(TRUE_FLAGS))


def count(draw: st.DrawFn, size: int, low: int = 1) -> int:
    """How many exposures: ``low`` to ``max(low, size)`` (shrinks to ``low``)."""
    return draw(st.integers(low, max(low, size)))


def dithers(
    pool: PoolBuilder, obs: Observation, cells: Mapping[str, str], n: int, **extra: str
) -> None:
    """``n`` dithered exposures of one setup: ``patt_num`` 1 to ``n`` of ``numdthpt`` ``n``."""
    for position in range(1, n + 1):
        pool.add(obs, **{**cells, "patt_num": str(position), "numdthpt": str(n), **extra})


def acquisition(
    draw: st.DrawFn, pool: PoolBuilder, obs: Observation, exp_type: str, cells: Mapping[str, str]
) -> None:
    """Maybe (shrinks to not) a target acquisition of ``obs``, with the setup ``cells``."""
    if draw(st.booleans()):
        pool.add(obs, **{**cells, "exp_type": exp_type, "pntgtype": "target_acquisition",
                         "subarray": draw(st.sampled_from(("sub64", "full")))})  # fmt: skip


def companion(
    draw: st.DrawFn, pool: PoolBuilder, obs: Observation, kinds: tuple[CandidateType, ...]
) -> tuple[CandidateType | None, Observation | None]:
    """Maybe (shrinks to none; drawn one time in three) a second observation sharing a
    candidate of one of ``kinds``.

    A ``background`` companion observes another target; the others the same one.
    """
    kind = draw(st.sampled_from((None, *kinds, *kinds)))
    if kind is None:
        return None, None
    other = pool.observation(other_target(draw, obs.target) if kind == "background" else obs.target)
    pool.group(kind, [obs, other])
    return kind, other
