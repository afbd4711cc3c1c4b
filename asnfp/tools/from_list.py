"""Associations made by hand from a list of files (the reference's ``asn_from_list``).

Level 3: one product, named by the caller, holding every file. Level 2: one product per science
file, named after it (``a_rate.fits`` makes ``a``). A file may carry its member type after a
colon (``b_rate.fits:background``); in a Level 2 association every member that is not science
joins every product, after the science member, which is how backgrounds and imprints are
attached to science exposures.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from pathlib import Path
from typing import Final, Literal

from returns.result import Failure, Result, Success

from asnfp._core.suffix import remove_suffix
from asnfp._version import __version__
from asnfp.association import Association, Level2Association, Level3Association, Member, Product
from asnfp.errors import AssociationFileError
from asnfp.rules.registry import DEFAULT
from asnfp.rules.rule import Rule

__all__ = ("BASE_RULES", "from_list", "parse_item", "rule_level")

BASE_RULES: Final = {"DMS_Level3_Base": 3, "DMSLevel2bBase": 2}
"""The reference's base rule names, and the association level each makes."""

_TYPE: Final = re.compile(r"[A-Za-z][A-Za-z0-9_]*")
_PRODUCT_DEFAULT: Final = "undefined"


def parse_item(text: str) -> Member:
    """A member from ``NAME`` or ``NAME:TYPE``; the type defaults to ``science``.

    The text after the last colon is a type only when it is a plain word, so paths with
    colons elsewhere stay whole.

    Examples
    --------
    >>> parse_item("a_rate.fits:background").exptype
    'background'
    >>> parse_item("a_rate.fits").exptype
    'science'
    >>> parse_item("x:/data/a_rate.fits").expname
    'x:/data/a_rate.fits'
    """
    name, colon, kind = text.rpartition(":")
    if colon and name and _TYPE.fullmatch(kind):
        return Member(expname=name, exptype=kind)
    return Member(expname=text, exptype="science")


def rule_level(
    name: str, rules: Sequence[Rule] = DEFAULT
) -> Result[Literal[2, 3], AssociationFileError]:
    """The level of association a rule name makes: a base rule or one of ``rules``.

    Examples
    --------
    >>> rule_level("Asn_Lv2Image")
    <Success: 2>
    >>> rule_level("Nope").failure().file
    '--rule'
    """
    if name in BASE_RULES:
        return Success(2 if BASE_RULES[name] == 2 else 3)
    for rule in rules:
        if rule.name == name:
            return Success(rule.level)
    message = (
        f"unknown rule {name!r}; use DMS_Level3_Base, DMSLevel2bBase or the name of a rule "
        "(asnfp.rules.registry, or a --ruledefs file)"
    )
    return Failure(AssociationFileError(file="--rule", message=message))


def from_list(
    items: Sequence[str | Member],
    *,
    rule: str = "DMS_Level3_Base",
    product_name: str | None = None,
    acid: str | None = None,
    pool_name: str | None = None,
    rules: Sequence[Rule] = DEFAULT,
) -> Result[Association, AssociationFileError]:
    """Build an association from file names.

    Parameters
    ----------
    items
        Member files, as ``NAME`` or ``NAME:TYPE`` text (see ``parse_item``) or members.
    rule
        ``DMS_Level3_Base`` (the default), ``DMSLevel2bBase`` or a rule name; it decides the
        level and is written as ``asn_rule``.
    product_name
        The product of a Level 3 association (required there); not used by Level 2.
    acid
        The ``asn_id``; ``a3001`` when not given. A Level 2 id starts with ``o``, or with ``c``
        when the association has a background member.
    pool_name
        The ``asn_pool``; ``none`` when not given.
    rules
        The rules whose names ``rule`` may be.

    Returns
    -------
    Result[Association, AssociationFileError]
        The association, or the argument at fault.

    Examples
    --------
    >>> asn = from_list(["a_cal.fits", "b_cal.fits"], product_name="mosaic").unwrap()
    >>> [m.expname for m in asn.products[0].members]
    ['a_cal.fits', 'b_cal.fits']
    >>> asn = from_list(["a_rate.fits", "bg_rate.fits:background"], rule="DMSLevel2bBase").unwrap()
    >>> [(p.name, [m.exptype for m in p.members]) for p in asn.products]
    [('a', ['science', 'background'])]
    >>> from_list(["a_cal.fits"]).failure().describe()
    '--product-name: a Level 3 association needs a product name'
    """
    members = tuple(item if isinstance(item, Member) else parse_item(item) for item in items)
    if not members:
        return Failure(AssociationFileError(file="FILES", message="no files given"))
    if not any(member.exptype == "science" for member in members):
        return Failure(
            AssociationFileError(
                file="FILES", message="no science member; an association needs at least one"
            )
        )
    return rule_level(rule, rules).bind(
        lambda level: _level2(members, rule, product_name, acid, pool_name)
        if level == 2
        else _level3(members, rule, product_name, acid, pool_name)
    )


def _level3(
    members: tuple[Member, ...],
    rule: str,
    product_name: str | None,
    acid: str | None,
    pool_name: str | None,
) -> Result[Association, AssociationFileError]:
    """A Level 3 association: one product of every member."""
    if not product_name:
        return Failure(
            AssociationFileError(
                file="--product-name", message="a Level 3 association needs a product name"
            )
        )
    if acid is not None and not acid:
        return Failure(AssociationFileError(file="--id", message="the id is empty"))
    return Success(
        Level3Association(
            asn_type="None",
            asn_rule=rule,
            code_version=__version__,
            asn_id=acid or "a3001",
            asn_pool=pool_name or "none",
            products=(Product(name=product_name, members=members),),
        )
    )


def _level2(
    members: tuple[Member, ...],
    rule: str,
    product_name: str | None,
    acid: str | None,
    pool_name: str | None,
) -> Result[Association, AssociationFileError]:
    """A Level 2 association: one product per science member."""
    if product_name is not None:
        return Failure(
            AssociationFileError(
                file="--product-name",
                message="Level 2 products are named after their science member; "
                "drop --product-name or use a Level 3 rule",
            )
        )
    others = tuple(member for member in members if member.exptype != "science")
    if acid is not None:
        problem = _level2_id_problem(acid, others)
        if problem:
            return Failure(AssociationFileError(file="--id", message=problem))
    products = tuple(
        Product(name=level2_product_name(member.expname), members=(member, *others))
        for member in members
        if member.exptype == "science"
    )
    return Success(
        Level2Association(
            asn_type="None",
            asn_rule=rule,
            code_version=__version__,
            asn_id=acid or "a3001",
            asn_pool=pool_name or "none",
            products=products,
        )
    )


def _level2_id_problem(acid: str, others: tuple[Member, ...]) -> str | None:
    """Why ``acid`` cannot be the id of a Level 2 association, if it cannot."""
    if acid.startswith("o"):
        return None
    if acid.startswith("c"):
        if any(member.exptype.lower() == "background" for member in others):
            return None
        return f"{acid!r} is a background candidate id, but no member is typed background"
    return f"{acid!r} must start with 'o' (observation) or 'c' (background) in Level 2"


def level2_product_name(expname: str) -> str:
    """A Level 2 product name: the member's path without extension and known suffix.

    Examples
    --------
    >>> level2_product_name("data/jw001_nrca1_rate.fits")
    'data/jw001_nrca1'
    """
    path = Path(expname)
    if not path.name:
        return _PRODUCT_DEFAULT
    root, _ = remove_suffix(str(path.parent / path.stem))
    return root
