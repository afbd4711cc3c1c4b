"""asnfp: a typed, functional, fast JWST association generator.

Pools are Polars frames, rules are values, associations are immutable structs.
The public names load on first use, so that ``import asnfp`` (and ``asnfp --help``)
stays quick.
"""

from typing import TYPE_CHECKING

from asnfp._lazy import lazy_exports
from asnfp._version import __version__ as __version__

if TYPE_CHECKING:
    from asnfp.association import Association as Association
    from asnfp.association import Level2Association as Level2Association
    from asnfp.association import Level3Association as Level3Association
    from asnfp.association import Member as Member
    from asnfp.association import Product as Product
    from asnfp.association import to_dict as to_dict
    from asnfp.errors import AsnError as AsnError
    from asnfp.errors import AssociationInvalidError as AssociationInvalidError
    from asnfp.errors import PoolReadError as PoolReadError
    from asnfp.errors import RuleLoadError as RuleLoadError
    from asnfp.explain import explain as explain
    from asnfp.generator import Generation as Generation
    from asnfp.generator import generate as generate
    from asnfp.generator import generate_result as generate_result
    from asnfp.io import dump as dump
    from asnfp.io import load_asn as load_asn
    from asnfp.many import generate_many as generate_many
    from asnfp.options import Options as Options
    from asnfp.pool import read_pool as read_pool

_HOMES = {
    "Association": "asnfp.association",
    "Level2Association": "asnfp.association",
    "Level3Association": "asnfp.association",
    "Member": "asnfp.association",
    "Product": "asnfp.association",
    "to_dict": "asnfp.association",
    "AsnError": "asnfp.errors",
    "AssociationInvalidError": "asnfp.errors",
    "PoolReadError": "asnfp.errors",
    "RuleLoadError": "asnfp.errors",
    "explain": "asnfp.explain",
    "Generation": "asnfp.generator",
    "generate": "asnfp.generator",
    "generate_result": "asnfp.generator",
    "dump": "asnfp.io",
    "load_asn": "asnfp.io",
    "generate_many": "asnfp.many",
    "Options": "asnfp.options",
    "read_pool": "asnfp.pool",
}

__all__ = (
    "AsnError",
    "Association",
    "AssociationInvalidError",
    "Generation",
    "Level2Association",
    "Level3Association",
    "Member",
    "Options",
    "PoolReadError",
    "Product",
    "RuleLoadError",
    "__version__",
    "dump",
    "explain",
    "generate",
    "generate_many",
    "generate_result",
    "load_asn",
    "read_pool",
    "to_dict",
)


__getattr__, __dir__ = lazy_exports(__name__, _HOMES, __all__)
