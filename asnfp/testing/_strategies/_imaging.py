"""Scenes of imaging modes: direct imaging, FGS, focus and WFS&C, coronagraphy, AMI."""

from __future__ import annotations

from hypothesis import strategies as st

from asnfp.testing._strategies import _vocabulary as v
from asnfp.testing._strategies._builder import Observation, PoolBuilder, Row
from asnfp.testing._strategies._common import (
    Scene,
    acquisition,
    companion,
    count,
    dithers,
    flag,
    other_target,
    target,
)


def _nircam_setup(draw: st.DrawFn) -> tuple[list[str], Row, tuple[str, ...]]:
    long = draw(st.booleans())
    detectors = v.NRC_LONG_DETECTORS if long else v.NRC_SHORT_DETECTORS
    filters = v.NRC_LONG_FILTERS if long else v.NRC_SHORT_FILTERS
    chosen = draw(st.lists(st.sampled_from(detectors), min_size=1, max_size=2, unique=True))
    cells = {
        "exp_type": "nrc_image", "instrume": "nircam", "channel": "long" if long else "short",
        "filter": draw(st.sampled_from(filters)), "pupil": draw(st.sampled_from(v.NRC_PUPILS)),
        "subarray": draw(st.sampled_from(v.NRC_SUBARRAYS)),
    }  # fmt: skip
    return chosen, cells, filters


def _setup(draw: st.DrawFn, instrument: str) -> tuple[list[str], Row, str, tuple[str, ...]]:
    """Detectors, cells, target-acquisition type and other filters of an imaging setup."""
    if instrument == "nircam":
        detectors, cells, filters = _nircam_setup(draw)
        return detectors, cells, "nrc_tacq", filters
    if instrument == "miri":
        cells = {"exp_type": "mir_image", "instrume": "miri",
                 "filter": draw(st.sampled_from(v.MIR_FILTERS)),
                 "subarray": draw(st.sampled_from(v.MIR_SUBARRAYS))}  # fmt: skip
        return ["mirimage"], cells, "mir_tacq", v.MIR_FILTERS
    if instrument == "niriss":
        cells = {"exp_type": "nis_image", "instrume": "niriss", "pupil": "clearp",
                 "filter": draw(st.sampled_from(v.NIS_FILTERS))}  # fmt: skip
        return ["nis"], cells, "nis_tacq", v.NIS_FILTERS
    cells = {"exp_type": draw(st.sampled_from(("fgs_image", "fgs_focus"))), "instrume": "fgs",
             "filter": draw(st.sampled_from(("null", "clear")))}  # fmt: skip
    return [draw(st.sampled_from(v.FGS_DETECTORS))], cells, "fgs_id-acq1", ()


def _exposures(
    draw: st.DrawFn, pool: PoolBuilder, obs: Observation, detectors: list[str], cells: Row,
    size: int, filters: tuple[str, ...], **extra: str,
) -> None:  # fmt: skip
    """Dithers of each filter on each detector."""
    n = count(draw, size)
    for image_filter in filters:
        for detector in detectors:
            dithers(pool, obs, {**cells, "detector": detector, "filter": image_filter}, n,
                    **extra)  # fmt: skip


def imaging(instrument: str) -> Scene:
    """The scene of direct imaging with ``instrument``: science in one or two filters, then
    maybe a companion observation."""

    def scene(draw: st.DrawFn, pool: PoolBuilder, size: int) -> None:
        detectors, cells, ta_type, choices = _setup(draw, instrument)
        obs = pool.observation(target(draw))
        acquisition(draw, pool, obs, ta_type, {**cells, "detector": detectors[0]})
        kind = draw(st.sampled_from(("science", "psf", "tso")))
        extra = {"is_psf": flag(draw)} if kind == "psf" else {}
        if kind == "tso" and instrument == "nircam":
            series = draw(st.sampled_from(("nrc_tsimage", "nrc_image")))
            extra = {"tsovisit": "t", "exp_type": series}
        filters: tuple[str, ...] = (cells["filter"],)
        if len(choices) > 0 and draw(st.booleans()):
            filters += (draw(st.sampled_from(choices)),)
        _exposures(draw, pool, obs, detectors, cells, size, filters, **extra)
        companion_kind, other = companion(draw, pool, obs, ("background", "mosaic", "group"))
        if other is not None:
            # A mosaic tile or a second visit keeps the setup; a background field flags it.
            more = {}
            if companion_kind == "background":
                more["bkgdtarg"] = draw(st.sampled_from(v.TRUE_FLAGS))
            _exposures(draw, pool, other, detectors, cells, size, filters, **more)

    return scene


def nonscience(draw: st.DrawFn, pool: PoolBuilder, size: int) -> None:
    """Focus, coronagraphic-calibration and NIRSpec images of one observation."""
    obs = pool.observation(target(draw))
    chosen = draw(st.lists(st.sampled_from(v.NONSCIENCE), min_size=1, max_size=max(1, size)))
    for exp_type, instrument, detector in chosen:
        pool.add(obs, exp_type=exp_type, instrume=instrument, detector=detector,
                 filter=draw(st.sampled_from(("f150w", "null"))))  # fmt: skip


def wfsc(draw: st.DrawFn, pool: PoolBuilder, size: int) -> None:
    """Wavefront sensing: weak-lens images per detector and activity, over one or two visits."""
    obs = pool.observation(target(draw))
    detectors = draw(st.lists(st.sampled_from(("nrca3", "nrca4")), min_size=1, max_size=2,
                              unique=True))  # fmt: skip
    cells = {"exp_type": "nrc_image", "instrume": "nircam", "channel": "short",
             "visitype": draw(st.sampled_from(("prime_wfsc_sensing_only", "prime_wfsc_routine"))),
             "patttype": "wfsc", "filter": draw(st.sampled_from(("f212n", "f187n"))),
             "pupil": draw(st.sampled_from(("wlp8", "wlm8")))}  # fmt: skip
    jitter = draw(st.booleans())
    for visit in range(1, draw(st.integers(1, 2)) + 1):
        for activity in range(1, draw(st.integers(1, 2)) + 1):
            for detector in detectors:
                for _ in range(count(draw, size, low=2 if activity == 1 else 1)):
                    note = "wfsc_los_jitter" if jitter and activity == 2 else "null"
                    pool.add(obs, visit=str(visit), **cells, detector=detector,
                             act_id=f"{activity:02d}", dms_note=note)  # fmt: skip


def _psf_companion(
    draw: st.DrawFn, pool: PoolBuilder, obs: Observation, kinds: tuple[v.CandidateType, ...]
) -> Observation:
    """A PSF-reference observation sharing a candidate with ``obs`` (or ``obs`` itself)."""
    if draw(st.booleans()):
        return obs
    other = pool.observation(other_target(draw, obs.target))
    pool.group(draw(st.sampled_from(kinds)), [obs, other])
    return other


def nircam_coron(draw: st.DrawFn, pool: PoolBuilder, size: int) -> None:
    """NIRCam coronagraphy: science and PSF-reference exposures on some of the module A SCAs."""
    pupil = draw(st.sampled_from(("maskrnd", "maskbar")))
    long = draw(st.integers(0, 2)) == 2
    detectors = (("nrcalong",) if long else
                 draw(st.lists(st.sampled_from(("nrca2", "nrca4", "nrca1", "nrca3")),
                               min_size=1, max_size=2, unique=True)))  # fmt: skip
    cells = {"exp_type": "nrc_coron", "instrume": "nircam", "pupil": pupil,
             "channel": "long" if long else "short",
             "filter": draw(st.sampled_from(("f444w", "f430m") if long else ("f210m", "f182m"))),
             "subarray": draw(st.sampled_from(("full", "sub320a335r")))}  # fmt: skip
    obs = pool.observation(target(draw))
    acquisition(draw, pool, obs, "nrc_tacq", {**cells, "detector": detectors[0]})
    n = count(draw, size)
    for detector in detectors:
        dithers(pool, obs, {**cells, "detector": detector}, n)
    psf = _psf_companion(draw, pool, obs, ("coronagraphy", "group"))
    for detector in detectors:
        dithers(pool, psf, {**cells, "detector": detector}, count(draw, size),
                is_psf=draw(st.sampled_from(v.TRUE_FLAGS)))  # fmt: skip


def miri_coron(draw: st.DrawFn, pool: PoolBuilder, size: int) -> None:
    """MIRI four-quadrant or Lyot coronagraphy, with PSF references and maybe a calibration."""
    exp_type, mask_filter, subarray = draw(st.sampled_from(v.MIR_CORON))
    cells = {"exp_type": exp_type, "instrume": "miri", "detector": "mirimage",
             "filter": mask_filter, "subarray": subarray}  # fmt: skip
    obs = pool.observation(target(draw))
    acquisition(draw, pool, obs, "mir_tacq", cells)
    dithers(pool, obs, cells, count(draw, size))
    psf = _psf_companion(draw, pool, obs, ("coronagraphy", "group"))
    dithers(pool, psf, cells, count(draw, size), is_psf="t")
    if draw(st.booleans()):
        pool.add(obs, **{**cells, "exp_type": "mir_coroncal"})


def niriss_ami(draw: st.DrawFn, pool: PoolBuilder, size: int) -> None:
    """NIRISS aperture masking interferometry of a target and a PSF reference."""
    cells = {"exp_type": "nis_ami", "instrume": "niriss", "detector": "nis", "pupil": "nrm",
             "filter": draw(st.sampled_from(v.AMI_FILTERS)), "subarray": "sub80"}  # fmt: skip
    obs = pool.observation(target(draw))
    acquisition(draw, pool, obs, "nis_tacq", cells)
    dithers(pool, obs, cells, count(draw, size))
    psf = _psf_companion(draw, pool, obs, ("ami", "group"))
    dithers(pool, psf, cells, count(draw, size), is_psf="t")
