"""Rule strategies: random but valid rules built from the shared condition blocks."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Final, Literal

from hypothesis import strategies as st

from asnfp.constraints import Node, all_of, any_of, attr
from asnfp.rules import blocks, naming
from asnfp.rules.rule import Rule, Validity
from asnfp.testing._strategies._vocabulary import Mode

Family = Literal["image", "spectral", "coron"]
"""The exposure types a drawn rule selects: images, spectra, or coronagraphy and AMI."""

FAMILY_TYPES: Final[Mapping[Family, tuple[str, ...]]] = {
    "image": ("nrc_image", "mir_image", "nis_image", "fgs_image"),
    "spectral": ("nrs_ifu", "mir_mrs", "nrs_fixedslit", "nrs_msaspec", "nis_soss"),
    "coron": ("nrc_coron", "mir_4qpm", "mir_lyot", "nis_ami"),
}
FAMILY_MODES: Final[Mapping[Family, tuple[Mode, ...]]] = {
    "image": ("nircam_image", "miri_image", "niriss_image", "fgs_image"),
    "spectral": ("nirspec_ifu", "miri_mrs", "nirspec_fs", "nirspec_msa", "niriss_soss"),
    "coron": ("nircam_coron", "miri_coron", "niriss_ami"),
}
"""The pool modes whose exposures a rule of each family selects."""

_LEVEL3_KEYS: Final[tuple[Node, ...]] = (
    attr("opt_elem", "filter", required=False),
    attr("subarray", "subarray"),
    attr("opt_elem2", ("pupil", "grating"), required=False),
    attr("detector", "detector"),
    attr("channel", "channel", required=False),
    attr("patttype", "patttype", required=False),
    attr("visit", "visit_id"),
    attr("exp_pattern", "numdthpt", required=False),
)
"""Leaves a drawn Level 3 rule may group by, most common first."""

_LEVEL3_FILTERS: Final[tuple[Node, ...]] = (
    blocks.level3_target(),
    blocks.not_background(),
    blocks.not_tso(),
    blocks.not_wfs_visit(),
)
"""Condition blocks a drawn Level 3 rule may add."""

_LEVEL2_KEYS: Final[tuple[Node, ...]] = (
    blocks.level2_mode(),
    attr("target", "targetid"),
    attr("detector", "detector"),
    attr("opt_elem", ("filter", "band")),
)


@st.composite
def _exp_type(draw: st.DrawFn, family: Family) -> Node:
    """An exposure-type leaf over types of one family, pinned or not."""
    types = FAMILY_TYPES[family]
    chosen = draw(st.lists(st.sampled_from(types), min_size=1, max_size=len(types),
                           unique=True))  # fmt: skip
    return attr("exp_type", "exp_type", "|".join(chosen), pin=draw(st.booleans()))


def _subset(draw: st.DrawFn, choices: tuple[Node, ...], low: int = 0) -> list[Node]:
    """Some of ``choices``, in their order (shrinks to the first ``low``)."""
    picked = draw(st.lists(st.integers(0, len(choices) - 1), min_size=low, unique=True))
    return [choices[i] for i in sorted(picked)]


@st.composite
def _level3(draw: st.DrawFn, family: Family, index: int) -> Rule:
    tree = all_of(
        draw(_exp_type(family)), *_subset(draw, _LEVEL3_KEYS, 1), *_subset(draw, _LEVEL3_FILTERS)
    )
    extra: tuple[Validity, ...] = draw(
        st.sampled_from(((), ("is_type_observation",), ("has_psf",)))
    )
    return Rule(
        name=f"Asn_Lv3Drawn{index:02d}",
        level=3,
        asn_type=draw(st.sampled_from(("image3", "spec3", "coron3", "tso3"))),
        doc="A rule drawn by asnfp.testing.strategies.rules.",
        exposure=draw(st.sampled_from(("level3", "auxdata"))),
        validity=("has_science", *extra),
        multi_observation=draw(st.booleans()),
        product_name=draw(st.sampled_from((naming.generic, naming.noopt, naming.sources))),
        tree=blocks.science(tree),
    )


@st.composite
def _level2(draw: st.DrawFn, family: Family, index: int) -> Rule:
    members = draw(st.sampled_from(("single", "backgrounds")))
    science = (blocks.single_science() if members == "single"
               else any_of(blocks.level2_background(), blocks.single_science()))  # fmt: skip
    tree = all_of(
        blocks.level2_base(), draw(_exp_type(family)), *_subset(draw, _LEVEL2_KEYS), science
    )
    return Rule(
        name=f"Asn_Lv2Drawn{index:02d}",
        level=2,
        asn_type=draw(st.sampled_from(("image2", "spec2", "tso-image2"))),
        doc="A rule drawn by asnfp.testing.strategies.rules.",
        exposure=draw(st.sampled_from(("level2", "special"))),
        validity=("has_science", "allowed_candidates"),
        tree=tree,
    )


@st.composite
def rules(
    draw: st.DrawFn,
    level: Literal[2, 3] | None = None,
    family: Family | None = None,
    index: int = 0,
) -> Rule:
    """A rule of random but valid conditions, built from ``asnfp.rules.blocks``.

    Level 3 rules (``level=3``) are science rules (``blocks.science``): an exposure-type leaf
    over types of one ``family`` (``FAMILY_TYPES``; pools of ``FAMILY_MODES[family]`` have
    such exposures), pinned or mixing types, at least
    one grouping leaf (filter, subarray, pupil or grating, detector, ...) and maybe the target,
    background, TSO and WFS&C blocks. Level 2 rules (``level=2``) take one science exposure of
    a type family, maybe with the background-target exposures of its mode. The name is
    ``Asn_Lv<level>Drawn<index>``; other fields (type, exposure typing, validity, product
    name) are drawn too.

    Shrinks to a Level 3 rule over ``nrc_image`` grouped by filter alone, with the first
    choice of every other field.

    Examples
    --------
    >>> rules(level=2).example().level
    2
    """
    chosen = level if level is not None else draw(st.sampled_from((3, 2)))
    kind = family if family is not None else draw(st.sampled_from(tuple(FAMILY_TYPES)))
    return draw(_level3(kind, index) if chosen == 3 else _level2(kind, index))
