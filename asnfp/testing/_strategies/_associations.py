"""Strategies for the association structs, drawn field by field (no pool, no rules)."""

from __future__ import annotations

from typing import Final, NamedTuple

from hypothesis import strategies as st
from msgspec import UNSET

from asnfp.association import (
    DEGRADED_STATUS,
    OK_STATUS,
    Level2Association,
    Level3Association,
    Member,
    Product,
)
from asnfp.testing._strategies._builder import candidate_cell

LEVEL2_TYPES: Final = ("image2", "spec2", "tso-image2", "tso-spec2", "nrslamp-spec2")
LEVEL3_TYPES: Final = ("image3", "spec3", "coron3", "ami3", "tso3", "wfs-image3")
EXPTYPES: Final = ("science", "background", "target_acquisition", "psf", "imprint",
                   "direct_image", "sourcecat", "segmap", "autoflat", "autowave")  # fmt: skip

_WORD = st.text(st.characters(codec="ascii", categories=("Ll", "Nd")), min_size=1, max_size=8)
_TEXT = st.text(max_size=12)
"""Any text, control and non-ASCII characters included: JSON escapes them."""


def _observation_cell(number: int) -> str:
    return candidate_cell([(f"o{number:03d}", "observation")])


@st.composite
def members(draw: st.DrawFn) -> Member:
    """A product member: an exposure name and type, maybe its error and candidate.

    Shrinks to ``jw_a_rate.fits`` typed ``science`` with neither optional key.
    """
    stem = draw(_WORD)
    return Member(
        expname=f"jw_{stem}_{draw(st.sampled_from(('rate', 'cal', 'x1d', 'rateints')))}.fits",
        exptype=draw(st.sampled_from(EXPTYPES)),
        exposerr=draw(st.sampled_from((UNSET, None, "null")) | _TEXT),
        asn_candidate=draw(st.just(UNSET) | st.builds(_observation_cell, st.integers(1, 999))),
    )


@st.composite
def products(draw: st.DrawFn) -> Product:
    """A product: a name and up to four members (shrinks to no members)."""
    return Product(name=draw(_TEXT), members=tuple(draw(st.lists(members(), max_size=4))))


class _Fields(NamedTuple):
    """The fields both association kinds have."""

    asn_rule: str
    version_id: str | None
    code_version: str
    degraded_status: str
    program: str
    constraints: str
    asn_id: str
    asn_pool: str
    products: tuple[Product, ...]
    sequence: int


@st.composite
def _fields(draw: st.DrawFn) -> _Fields:
    return _Fields(
        asn_rule=draw(_TEXT),
        version_id=draw(st.none() | _WORD),
        code_version=draw(_TEXT),
        degraded_status=draw(st.sampled_from((OK_STATUS, DEGRADED_STATUS))),
        program=f"{draw(st.integers(0, 99999)):05d}",
        constraints=draw(_TEXT),
        asn_id=draw(st.sampled_from(("a3001", "o001", "c1000"))),
        asn_pool=draw(_TEXT),
        products=tuple(draw(st.lists(products(), min_size=1, max_size=2))),
        sequence=draw(st.integers(1, 99999)),
    )


@st.composite
def level2_associations(draw: st.DrawFn) -> Level2Association:
    """A Level 2b association of a Level 2 type, any text in its free fields.

    Shrinks to one empty product and the first choice of every field.
    """
    fields = draw(_fields())
    return Level2Association(
        asn_type=draw(st.sampled_from(LEVEL2_TYPES)),
        target=draw(st.just(UNSET) | _WORD),
        **fields._asdict(),
    )


@st.composite
def level3_associations(draw: st.DrawFn) -> Level3Association:
    """A Level 3 association of a Level 3 type, any text in its free fields.

    Shrinks to one empty product and the first choice of every field.
    """
    fields = draw(_fields())
    return Level3Association(
        asn_type=draw(st.sampled_from(LEVEL3_TYPES)),
        target=f"t{draw(st.integers(0, 999)):03d}",
        **fields._asdict(),
    )


def associations() -> st.SearchStrategy[Level2Association | Level3Association]:
    """A Level 2b or Level 3 association (see ``level2_associations``, ``level3_associations``).

    Shrinks to a Level 2b association.
    """
    return st.one_of(level2_associations(), level3_associations())
