"""Generation for many pools at once, each pool a task on a Dask cluster.

Importing this package does not import Dask; ``generate_many`` does, when called.
"""

from typing import TYPE_CHECKING

from asnfp._lazy import lazy_exports

if TYPE_CHECKING:
    from asnfp.many._api import generate_many as generate_many
    from asnfp.many._options import GenerateOptions as GenerateOptions
    from asnfp.many._progress import ProgressMode as ProgressMode
    from asnfp.many._summary import PoolRow as PoolRow
    from asnfp.many._summary import PoolStatus as PoolStatus
    from asnfp.many._summary import Summary as Summary
    from asnfp.many._summary import Totals as Totals

_HOMES = {
    "generate_many": "asnfp.many._api",
    "GenerateOptions": "asnfp.many._options",
    "ProgressMode": "asnfp.many._progress",
    "PoolRow": "asnfp.many._summary",
    "PoolStatus": "asnfp.many._summary",
    "Summary": "asnfp.many._summary",
    "Totals": "asnfp.many._summary",
}

__all__ = (
    "GenerateOptions",
    "PoolRow",
    "PoolStatus",
    "ProgressMode",
    "Summary",
    "Totals",
    "generate_many",
)


__getattr__, __dir__ = lazy_exports(__name__, _HOMES, __all__)
