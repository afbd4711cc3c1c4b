"""Generation for many pools at once, each pool a task on a Dask cluster.

Importing this package does not import Dask; ``generate_many`` does, when called.
"""

from asnfp.many._api import generate_many as generate_many
from asnfp.many._options import GenerateOptions as GenerateOptions
from asnfp.many._progress import ProgressMode as ProgressMode
from asnfp.many._summary import PoolRow as PoolRow
from asnfp.many._summary import PoolStatus as PoolStatus
from asnfp.many._summary import Summary as Summary
from asnfp.many._summary import Totals as Totals

__all__ = (
    "GenerateOptions",
    "PoolRow",
    "PoolStatus",
    "ProgressMode",
    "Summary",
    "Totals",
    "generate_many",
)


def __dir__() -> tuple[str, ...]:
    return __all__
