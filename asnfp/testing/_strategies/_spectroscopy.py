"""Scenes of time series, single-object and slitless spectroscopy (NIRCam, NIRISS, MIRI)."""

from __future__ import annotations

from hypothesis import strategies as st

from asnfp.testing._strategies import _vocabulary as v
from asnfp.testing._strategies._builder import Observation, PoolBuilder, Row
from asnfp.testing._strategies._common import (
    acquisition,
    companion,
    count,
    dithers,
    flag,
    target,
)


def nircam_tso(draw: st.DrawFn, pool: PoolBuilder, size: int) -> None:
    """NIRCam grism time series on the long-wave SCA, with its short-wave imaging series."""
    obs = pool.observation(target(draw))
    grism = {"exp_type": "nrc_tsgrism", "instrume": "nircam", "channel": "long",
             "detector": draw(st.sampled_from(("nrcalong", "nrcblong", "nrcalong"))),
             "tsovisit": "t",
             "filter": draw(st.sampled_from(("f444w", "f322w2"))),
             "pupil": draw(st.sampled_from(("grismr", "clear", "gdhs0", "grismr"))),
             "subarray": draw(st.sampled_from(
                 ("subgrism64", "sub41stripe1_dhs", "subgrism256")))}  # fmt: skip
    acquisition(draw, pool, obs, "nrc_tacq", {**grism, "detector": "nrcalong"})
    dithers(pool, obs, grism, count(draw, size))
    if draw(st.booleans()):
        image = {**grism, "exp_type": "nrc_tsimage", "channel": "short", "detector": "nrca1",
                 "filter": "f210m", "pupil": "clear"}  # fmt: skip
        dithers(pool, obs, image, count(draw, size))


def nirspec_bots(draw: st.DrawFn, pool: PoolBuilder, size: int) -> None:
    """NIRSpec bright-object time series through S1600A1."""
    grating, nrs_filter, detector = draw(st.sampled_from(v.NRS_FS_PATHS))
    obs = pool.observation(target(draw))
    cells = {"exp_type": "nrs_brightobj", "instrume": "nirspec", "detector": detector,
             "grating": grating, "filter": nrs_filter, "fxd_slit": "s1600a1",
             "subarray": draw(st.sampled_from(("sub2048", "sub512"))), "tsovisit": "t"}
    acquisition(draw, pool, obs, "nrs_wata", cells)
    dithers(pool, obs, cells, count(draw, size))


def niriss_soss(draw: st.DrawFn, pool: PoolBuilder, size: int) -> None:
    """NIRISS SOSS, as a time series, staring or nodded."""
    obs = pool.observation(target(draw))
    kind = draw(st.sampled_from(("stare", "tso", "nod", "stare")))
    cells = {"exp_type": "nis_soss", "instrume": "niriss", "detector": "nis", "pupil": "gr700xd",
             "filter": draw(st.sampled_from(v.SOSS_FILTERS)),
             "subarray": draw(st.sampled_from(v.SOSS_SUBARRAYS)),
             "tsovisit": "t" if kind == "tso" else "f",
             "patttype": "2-point-nod" if kind == "nod" else "null",
             "mostilno": draw(st.sampled_from(("1", "null"))),
             "nints": draw(st.sampled_from(("10", "1")))}  # fmt: skip
    acquisition(draw, pool, obs, "nis_tacq", cells)
    dithers(pool, obs, cells, count(draw, size, low=2 if kind == "nod" else 1))


def _ta_confirm(draw: st.DrawFn, pool: PoolBuilder, obs: Observation, cells: Row) -> None:
    """Maybe (shrinks to not) a MIRI target-acquisition confirmation image of ``obs``."""
    if draw(st.booleans()):
        pool.add(obs, **{**cells, "exp_type": "mir_taconfirm", "pntgtype": "target_acquisition",
                         "filter": draw(st.sampled_from(("f560w", "p750l")))})  # fmt: skip


def miri_lrs_slitless(draw: st.DrawFn, pool: PoolBuilder, size: int) -> None:
    """MIRI LRS slitless spectra, a time series or not, with a TA confirmation."""
    obs = pool.observation(target(draw))
    cells = {"exp_type": "mir_lrs-slitless", "instrume": "miri", "detector": "mirimage",
             "filter": "p750l", "subarray": "slitlessprism",
             "tsovisit": draw(st.sampled_from(("t", "f")))}  # fmt: skip
    first = draw(st.booleans())
    if first:
        _ta_confirm(draw, pool, obs, cells)
    dithers(pool, obs, cells, count(draw, size))
    if not first:
        _ta_confirm(draw, pool, obs, cells)


def miri_lrs_slit(draw: st.DrawFn, pool: PoolBuilder, size: int) -> None:
    """MIRI LRS slit spectra nodded along the slit, a TA confirmation, maybe a background."""
    obs = pool.observation(target(draw))
    cells = {"exp_type": "mir_lrs-fixedslit", "instrume": "miri", "detector": "mirimage",
             "filter": "p750l", "subarray": "full",
             "patttype": draw(st.sampled_from(("along-slit-nod", "along-slit-nod", "null")))}
    _ta_confirm(draw, pool, obs, cells)
    for _ in range(count(draw, (size + 1) // 2)):
        dithers(pool, obs, cells, 2)
    kind, other = companion(draw, pool, obs, ("background", "group"))
    if other is not None:
        more = {"bkgdtarg": "t"} if kind == "background" else {}
        dithers(pool, other, {**cells, **more}, 2)


def miri_mrs(draw: st.DrawFn, pool: PoolBuilder, size: int) -> None:
    """MIRI MRS dithers on both detectors in one band, maybe with a background observation."""
    obs = pool.observation(target(draw))
    band = draw(st.sampled_from(v.MRS_BANDS))
    pattern = draw(st.sampled_from(("null", "4-point-dither")))
    detectors = draw(st.lists(st.sampled_from(v.MRS_DETECTORS), min_size=1, max_size=2,
                              unique=True))  # fmt: skip
    acquisition(draw, pool, obs, "mir_tacq", {"instrume": "miri", "detector": "mirimage",
                                              "filter": "f560w"})  # fmt: skip
    n = count(draw, size)
    kind, other = companion(draw, pool, obs, ("background",))
    for detector, channel in detectors:
        cells = {"exp_type": "mir_mrs", "instrume": "miri", "detector": detector,
                 "channel": channel, "band": band, "mostilno": "1", "patttype": pattern}
        dithers(pool, obs, cells, n)
        if other is not None:
            dithers(pool, other, cells, n, bkgdtarg="t" if kind == "background" else "f")


def _wfss(
    draw: st.DrawFn, pool: PoolBuilder, size: int, grism: Row, direct: Row,
    parallel: Row | None = None,
) -> None:  # fmt: skip
    """Direct images (and maybe ``parallel`` ones) around a run of grism exposures, numbered
    by ``expspcin``; sometimes in a direct-image candidate too."""
    obs = pool.observation(target(draw))
    if draw(st.booleans()):
        pool.group("direct_image", [obs])
    directs = [direct] if parallel is None else [direct, parallel]
    before, after = draw(st.integers(0, 1)), draw(st.integers(0, 1))
    sequence = directs * before + [grism] * count(draw, size) + directs * after
    for index, cells in enumerate(sequence, start=1):
        pool.add(obs, **cells, expspcin=str(index))


def nircam_wfss(draw: st.DrawFn, pool: PoolBuilder, size: int) -> None:
    """NIRCam grism spectra on the long-wave SCA, with direct images through the same filter."""
    nrc_filter = draw(st.sampled_from(("f444w", "f356w")))
    grism = {"exp_type": "nrc_wfss", "instrume": "nircam", "detector": "nrcalong",
             "channel": "long", "filter": nrc_filter,
             "pupil": draw(st.sampled_from(("grismr", "grismc")))}  # fmt: skip
    direct = {**grism, "exp_type": "nrc_image", "pupil": "clear", "detector": "nrcalong"}
    short = {**direct, "detector": "nrca1", "channel": "short", "filter": "f200w"}
    _wfss(draw, pool, size, grism, direct, short if draw(st.booleans()) else None)


def niriss_wfss(draw: st.DrawFn, pool: PoolBuilder, size: int) -> None:
    """NIRISS grism spectra with direct images through the same blocking filter."""
    pupil = draw(st.sampled_from(v.NIS_WFSS_PUPILS))
    grism = {"exp_type": "nis_wfss", "instrume": "niriss", "detector": "nis", "pupil": pupil,
             "filter": draw(st.sampled_from(v.NIS_WFSS_FILTERS))}  # fmt: skip
    _wfss(draw, pool, size, grism, {**grism, "exp_type": "nis_image", "filter": "clear"})


def miri_wfss(draw: st.DrawFn, pool: PoolBuilder, size: int) -> None:
    """MIRI slitless prism spectra with MIRI direct images."""
    grism = {"exp_type": "mir_wfss", "instrume": "miri", "detector": "mirimage",
             "filter": "p750l", "subarray": "full"}  # fmt: skip
    direct = {**grism, "exp_type": "mir_image", "filter": draw(st.sampled_from(v.MIR_FILTERS)),
              "bkgdtarg": flag(draw, False)}  # fmt: skip
    _wfss(draw, pool, size, grism, direct)
