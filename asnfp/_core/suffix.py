"""Calibration-step suffixes of JWST file names, and their removal."""

from __future__ import annotations

KNOWN_SUFFIXES: tuple[str, ...] = (
    "adaptive_trace_model", "adaptivetracemodelstep", "align_refs", "alignrefsstep", "ami",
    "ami-oi", "ami3pipeline", "ami_analyze", "ami_normalize", "amianalyzestep", "aminorm",
    "aminorm-oi", "aminormalizestep", "assign_mtwcs", "assign_wcs", "assignmtwcsstep",
    "assignwcsstep", "backgroundstep", "badpixselfcalstep", "barshadowstep", "bkg_subtract",
    "blot", "bsub", "bsubints", "c1d", "cal", "calints", "cat", "chargemigrationstep",
    "clean_flicker_noise", "cleanflickernoisestep", "combine1dstep", "combine_1d",
    "coron3pipeline", "crf", "crfints", "cube_build", "cubebuildstep", "dark", "dark_current",
    "darkcurrentstep", "darkpipeline", "detector1pipeline", "dq_init", "dqinitstep", "emicorr",
    "emicorrstep", "engdblog", "extract1dstep", "extract2dstep", "extract_1d", "extract_2d",
    "firstframe", "firstframestep", "flat_field", "flatfieldstep", "fringe", "fringestep",
    "gain_scale", "gainscalestep", "group_scale", "groupscalestep", "guider_cds",
    "guidercdsstep", "guiderpipeline", "hlsp", "hlspstep", "i2d", "image2pipeline",
    "image3pipeline", "imprint", "imprintstep", "ipc", "ipcstep", "jump", "jumpstep", "klip",
    "klipstep", "lastframe", "lastframestep", "linearity", "linearitystep",
    "master_background", "masterbackgroundmosstep", "masterbackgroundstep", "mbsub", "median",
    "msaflagopenstep", "outlier_detection", "outlierdetectionstep", "pathloss", "pathlossstep",
    "persistence", "persistencestep", "phot", "photom", "photomstep", "picture_frame",
    "pictureframestep", "pixelreplacestep", "psfalign", "psfstack", "psfsub", "ramp",
    "ramp_fit", "rampfitstep", "rate", "rateints", "refpix", "refpixstep", "resample",
    "resample_spec", "resamplespecstep", "resamplestep", "reset", "resetstep",
    "residual_fringe", "residualfringestep", "rscd", "rscdstep", "s2d", "s3d", "saturation",
    "saturationstep", "skymatch", "skymatchstep", "snr", "source_catalog", "sourcecatalogstep",
    "sourcetypestep", "spec2nrslamp", "spec2pipeline", "spec3pipeline", "spectral_leak",
    "spectralleakstep", "srctype", "stackrefs", "stackrefsstep", "straylight",
    "straylightstep", "superbias", "superbiasstep", "targ_centroid", "targcentroidstep",
    "tso3pipeline", "tsophotometrystep", "tweakreg", "tweakregstep", "uncal", "wavecorrstep",
    "wfscmb", "wfscombine", "wfscombinestep", "wfsscontamstep", "white_light",
    "whitelightstep", "whtlt", "x1d", "x1dints",
)  # fmt: skip

_SUFFIX_SET = frozenset(KNOWN_SUFFIXES)


def remove_suffix(name: str) -> tuple[str, str]:
    """Split one trailing known suffix off ``name``: (root, separator).

    The root is the shortest non-empty prefix followed by a separator (``_`` or
    ``-``) and exactly one known suffix running to the end of the name.
    """
    for position in range(1, len(name)):
        separator = name[position]
        if separator in "_-" and name[position + 1 :] in _SUFFIX_SET:
            return name[:position], separator
    return name, "_"
