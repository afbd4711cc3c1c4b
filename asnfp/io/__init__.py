"""Association files: writing them as the reference does, reading and validating them.

Writing reproduces the reference layout byte for byte: ``json.dumps`` with a 4-space indent,
``", "``/``": "`` separators, ASCII escapes and no trailing newline.

Reading accepts JSON, and YAML for older files. A document is valid when the vendored Level 2b
or Level 3 schema (``asnfp/schemas``) accepts it. Which struct it becomes:

- ``Level3Association`` when the Level 3 schema accepts it and either its ``asn_type`` is a
  Level 3 type (``image3``, ``spec3``, ``coron3``, ``ami3``, ``tso3``, ``wfs-image3``) or its
  ``target`` key comes before its ``asn_pool`` key (the order Level 3 associations are written
  in);
- ``Level2Association`` otherwise.

What a loaded struct holds:

- every key of the file that the structs know; keys they do not know (the schemas allow any)
  are dropped, silently, at every level;
- member keys absent from the file (``exposerr``, ``asn_candidate``) stay ``UNSET``, so they are
  not written back; ``exposerr: null`` stays ``None``;
- absent top-level keys take the struct defaults, and are then written on dump; an absent
  ``asn_type`` becomes ``"None"`` and an absent ``asn_rule`` ``"Association"``, the values the
  reference gives a generic association;
- ``sequence`` (not a key of the file) is parsed from a standard file name,
  ``jw..._<type>_<NNNNN>_asn.json`` (or ``.yaml``/``.yml``), and is 1 otherwise.
"""

from __future__ import annotations

from asnfp.io._read import load as load
from asnfp.io._read import load_asn as load_asn
from asnfp.io._read import loads as loads
from asnfp.io._staging import Staging as Staging
from asnfp.io._validate import LEVEL3_TYPES as LEVEL3_TYPES
from asnfp.io._validate import validate as validate
from asnfp.io._write import dump as dump
from asnfp.io._write import write_atomic as write_atomic

__all__ = (
    "LEVEL3_TYPES", "Staging", "dump", "load", "load_asn", "loads", "validate", "write_atomic"
)


def __dir__() -> tuple[str, ...]:
    return __all__
