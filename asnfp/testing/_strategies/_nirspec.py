"""Scenes of NIRSpec spectroscopy: IFU, MSA, fixed slits and calibration lamps."""

from __future__ import annotations

from hypothesis import strategies as st

from asnfp.testing._strategies import _vocabulary as v
from asnfp.testing._strategies._builder import Observation, PoolBuilder, Row
from asnfp.testing._strategies._common import acquisition, companion, count, target


def _nods(
    pool: PoolBuilder, obs: Observation, cells: Row, n: int, subpixels: int = 1, **extra: str
) -> None:
    """``n`` nod positions of ``subpixels`` sub-pixel points each; ``dithptin`` is the position."""
    for position in range(1, n * subpixels + 1):
        pool.add(obs, **{**cells, "patt_num": str(position), "numdthpt": str(n * subpixels),
                         "dithptin": str(position), **extra})  # fmt: skip


def _imprints(draw: st.DrawFn, pool: PoolBuilder, obs: Observation, cells: Row) -> None:
    """None to two (shrinks to none) imprint (leakcal) exposures of ``obs``."""
    for position in range(1, draw(st.integers(0, 2)) + 1):
        pool.add(obs, **{**cells, "is_imprt": "t", "dithptin": str(position),
                         "patt_num": str(position)})  # fmt: skip


def nirspec_ifu(draw: st.DrawFn, pool: PoolBuilder, size: int) -> None:
    """NIRSpec IFU dithers or nods on one or both detectors, imprints, autowaves, backgrounds."""
    grating, nrs_filter = draw(st.sampled_from(v.NRS_IFU_PATHS))
    detectors = ["nrs1", "nrs2"][: draw(st.integers(1, 2))]
    obs = pool.observation(target(draw))
    base = {"exp_type": "nrs_ifu", "instrume": "nirspec", "grating": grating,
            "filter": nrs_filter, "patttype": draw(st.sampled_from(v.NRS_IFU_PATTERNS)),
            "mostilno": draw(st.sampled_from(("1", "2", "1", "null")))}  # fmt: skip
    acquisition(draw, pool, obs, draw(st.sampled_from(v.NRS_ACQUISITIONS)),
                {**base, "detector": "nrs1"})  # fmt: skip
    n = count(draw, size)
    kind, other = companion(draw, pool, obs, ("background",))
    for detector in detectors:
        cells = {**base, "detector": detector}
        _nods(pool, obs, cells, n)
        _imprints(draw, pool, obs, cells)
        if other is not None:
            _nods(pool, other, cells, n, bkgdtarg="t" if kind == "background" else "f")
            if kind == "background":
                _imprints(draw, pool, other, {**cells, "bkgdtarg": "t"})
    if draw(st.booleans()):
        pool.add(obs, **{**base, "exp_type": "nrs_autowave", "detector": "nrs1"})


def nirspec_msa(draw: st.DrawFn, pool: PoolBuilder, size: int) -> None:
    """NIRSpec MSA nods per MSA configuration (``expspcin``), imprints and an all-open image."""
    grating, nrs_filter = draw(st.sampled_from(v.NRS_IFU_PATHS[:3]))
    obs = pool.observation(target(draw))
    msa = f"jw{pool.program}{obs.number:03d}001_01_msa.fits"
    base = {"exp_type": "nrs_msaspec", "instrume": "nirspec", "grating": grating,
            "filter": nrs_filter, "msametfl": msa, "subpxpts": "1",
            "msastate": "primarypark_config"}  # fmt: skip
    acquisition(draw, pool, obs, "nrs_msata", {**base, "detector": "nrs1"})
    if draw(st.booleans()):
        pool.add(obs, **{**base, "detector": "nrs1", "grating": "mirror", "filter": "clear",
                         "msastate": "primarypark_allopen"})  # fmt: skip
    nods = count(draw, min(size, 3))
    for config in range(1, draw(st.integers(1, 2)) + 1):
        for detector in ["nrs1", "nrs2"][: draw(st.integers(1, 2))]:
            cells = {**base, "detector": detector, "expspcin": str(config)}
            _nods(pool, obs, cells, nods)
            _imprints(draw, pool, obs, cells)


def nirspec_fs(draw: st.DrawFn, pool: PoolBuilder, size: int) -> None:
    """NIRSpec fixed-slit nods (maybe sub-pixel), lamp calibrations and a background target."""
    grating, nrs_filter, detector = draw(st.sampled_from(v.NRS_FS_PATHS))
    slits = draw(st.lists(st.sampled_from(v.NRS_SLITS), min_size=1, max_size=2, unique=True))
    obs = pool.observation(target(draw))
    base = {"exp_type": "nrs_fixedslit", "instrume": "nirspec", "grating": grating,
            "filter": nrs_filter, "detector": detector, "expspcin": "1",
            "subarray": draw(st.sampled_from(v.NRS_FS_SUBARRAYS))}  # fmt: skip
    acquisition(draw, pool, obs, draw(st.sampled_from(("nrs_wata", "nrs_taconfirm"))), base)
    subpixels = draw(st.sampled_from((1, 3)))
    n = count(draw, min(size, 3))
    kind, other = companion(draw, pool, obs, ("background", "group"))
    for slit in slits:
        cells = {**base, "fxd_slit": slit, "subpxpns": str(subpixels)}
        _nods(pool, obs, cells, n, subpixels)
        if other is not None:
            _nods(pool, other, cells, n, subpixels, bkgdtarg="t" if kind == "background" else "f")
    for exp_type in draw(st.lists(st.sampled_from(("nrs_autoflat", "nrs_autowave")), max_size=2)):
        pool.add(obs, **{**base, "exp_type": exp_type, "fxd_slit": slits[0]})


def _lamp_cells(draw: st.DrawFn, program: str) -> dict[str, str]:
    """A lamp exposure: through the mirror (imaging) or dispersed with the opaque filter."""
    if draw(st.booleans()):
        return {"exp_type": "nrs_lamp", "grating": "mirror", "lamp": "flat1",
                "opmode": draw(st.sampled_from(("image", "null", "msaspec"))),
                "filter": draw(st.sampled_from(("clear", "f100lp")))}  # fmt: skip
    grating, lamp = draw(st.sampled_from(v.NRS_LAMPS))
    opmode = draw(st.sampled_from(v.NRS_LAMP_OPMODES))
    return {"exp_type": draw(st.sampled_from(("nrs_lamp", "nrs_autoflat", "nrs_autowave"))),
            "grating": grating, "lamp": draw(st.sampled_from((lamp, lamp, "nolamp"))),
            "opmode": opmode, "filter": draw(st.sampled_from(("opaque", "opaque", "clear"))),
            "fxd_slit": "s200a1" if opmode == "fixedslit" else "null",
            "msametfl": draw(st.sampled_from((f"jw{program}_msa.fits",) * 2 + ("null",)))}


def nirspec_lamp(draw: st.DrawFn, pool: PoolBuilder, size: int) -> None:
    """NIRSpec lamp, autoflat and autowave exposures in the observing modes' configurations."""
    obs = pool.observation(target(draw))
    for _ in range(count(draw, size, low=2)):
        pool.add(obs, **_lamp_cells(draw, pool.program), instrume="nirspec",
                 pntgtype=draw(st.sampled_from(("science", "engineering"))),
                 detector=draw(st.sampled_from(("nrs1", "nrs2"))))  # fmt: skip
