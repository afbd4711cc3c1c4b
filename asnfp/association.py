"""Associations as immutable values: members, products and the two association kinds.

Field order is the key order of the written JSON. Keys that a file may lack
(``exposerr`` and ``asn_candidate`` on members made by finalize steps, ``target``
on hand-made Level 2 associations) default to ``UNSET`` and are then left out.
The structs can also be read the way association dicts are read:
``asn["products"][0]["members"][0]["expname"]`` works, read-only.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any, Literal

import msgspec
from msgspec import UNSET, UnsetType

__all__ = (
    "Association",
    "Level2Association",
    "Level3Association",
    "Member",
    "Product",
    "file_stem",
    "to_dict",
)

INTERNAL_FIELDS = frozenset({"sequence", "name_prefix"})


class _Readable(msgspec.Struct, frozen=True, kw_only=True):
    """Read-only mapping access over the serialized fields."""

    def __getitem__(self, key: str) -> object:
        if key in INTERNAL_FIELDS or key not in self.__struct_fields__:
            raise KeyError(key)
        value = getattr(self, key)
        if value is UNSET:
            raise KeyError(key)
        return value

    def __contains__(self, key: object) -> bool:
        return isinstance(key, str) and key in self.keys()

    def keys(self) -> tuple[str, ...]:
        return tuple(
            name
            for name in self.__struct_fields__
            if name not in INTERNAL_FIELDS and getattr(self, name) is not UNSET
        )

    def __iter__(self) -> Iterator[str]:
        return iter(self.keys())

    def __len__(self) -> int:
        return len(self.keys())

    def get(self, key: str, default: object = None) -> object:
        try:
            return self[key]
        except KeyError:
            return default


class Member(_Readable, frozen=True, kw_only=True):
    """One exposure of a product."""

    expname: str
    exptype: str
    exposerr: str | UnsetType | None = UNSET
    asn_candidate: str | UnsetType = UNSET


class Product(_Readable, frozen=True, kw_only=True):
    """A product to make and the members it is made from."""

    name: str
    members: tuple[Member, ...] = ()


OK_STATUS = "No known degraded exposures in association."
DEGRADED_STATUS = (
    "One or more members have an error associated with them."
    "\nDetails can be found in the member.exposerr attribute."
)


class Level2Association(_Readable, frozen=True, kw_only=True):
    """A Level 2b association (``image2``, ``spec2``, ``tso-image2``, ...)."""

    asn_type: str
    asn_rule: str
    version_id: str | None = None
    code_version: str = ""
    degraded_status: str = OK_STATUS
    program: str = "noprogram"
    constraints: str = "No constraints"
    asn_id: str = "a3001"
    asn_pool: str = "none"
    target: str | UnsetType = UNSET
    products: tuple[Product, ...] = ()
    sequence: int = 1
    name_prefix: str = ""

    @property
    def level(self) -> Literal[2]:
        return 2


class Level3Association(_Readable, frozen=True, kw_only=True):
    """A Level 3 association (``image3``, ``spec3``, ``coron3``, ...)."""

    asn_type: str
    asn_rule: str
    version_id: str | None = None
    code_version: str = ""
    degraded_status: str = OK_STATUS
    program: str = "noprogram"
    constraints: str = "No constraints"
    asn_id: str = "a3001"
    target: str = "none"
    asn_pool: str = "none"
    products: tuple[Product, ...] = ()
    sequence: int = 1
    name_prefix: str = ""

    @property
    def level(self) -> Literal[3]:
        return 3


Association = Level2Association | Level3Association


def file_stem(asn: Association) -> str:
    """The association's DMS name, without the ``.json`` extension."""
    version = f"_{asn.version_id}" if asn.version_id else ""
    name = f"jw{asn.program}-{asn.asn_id}{version}_{asn.asn_type}_{asn.sequence:05d}_asn"
    return asn.name_prefix + name.lower()


def to_dict(asn: Association) -> dict[str, Any]:
    """A plain dict of the association, keys in written order, sequences as lists.

    It equals ``json.loads`` of the written file, lists included.
    """
    # to_builtins would keep tuples, which compare unequal to parsed JSON lists and which
    # yaml.dump tags as python/tuple; a JSON round trip gives exactly the parsed form.
    raw = msgspec.json.decode(msgspec.json.encode(asn))
    assert isinstance(raw, dict)
    for name in INTERNAL_FIELDS:
        raw.pop(name, None)
    return raw
