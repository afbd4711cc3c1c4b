"""The ``asnfp generate-many`` sub-command.

Exit status: 0 when every pool is complete or skipped, 1 when a pool failed or the batch could
not run, 2 on options that cannot be used, 130 on an interrupt (the summary is still written).
"""

from __future__ import annotations

import argparse
import logging
import sys
from typing import TYPE_CHECKING, TypeAlias

from asnfp.errors import AsnError

if TYPE_CHECKING:
    from asnfp.many._options import GenerateOptions

__all__ = ("options_from_args", "register", "run")

log = logging.getLogger("asnfp")

Sub: TypeAlias = "argparse._SubParsersAction[argparse.ArgumentParser]"

COMMAND = "generate-many"


def _positive(text: str) -> int:
    value = int(text)
    if value < 1:
        raise argparse.ArgumentTypeError(f"{value} is not a positive number of workers")
    return value


def _generate_options(parser: argparse.ArgumentParser) -> None:
    """The options of ``asnfp generate`` that apply to each pool."""
    group = parser.add_argument_group("generate options (as for asnfp generate, per pool)")
    mode = group.add_mutually_exclusive_group()
    mode.add_argument("-i", "--ids", nargs="+", dest="asn_candidate_ids", metavar="ID",
                      help="generate only for these candidate ids")
    mode.add_argument("--discover", action="store_true",
                      help="produce only the discovered associations")
    mode.add_argument("--all-candidates", action="store_true", dest="all_candidates",
                      help="produce the candidate associations, without discovery")
    group.add_argument("--save-orphans", nargs="?", const="orphaned.csv", default=None,
                       metavar="FILE", help="write the pool rows that no association took "
                       "into each pool's folder (default orphaned.csv)")
    group.add_argument("--version-id", nargs="?", const=True, default=None,
                       help="version id for the file names; bare: a UTC time stamp, one for "
                       "the whole batch")
    group.add_argument("-r", "--rules", action="append", help="extra rule definitions")
    group.add_argument("--ignore-default", action="store_true",
                       help="use only the rules given with -r")
    group.add_argument("-d", "--delimiter", default="|", help="pool field delimiter")
    group.add_argument("--pool-format", default="ascii", help="pool file format")
    group.add_argument("--format", default="json", choices=("json", "yaml"),
                       help="association file format")
    group.add_argument("--DMS", action="store_true", dest="dms",
                       help="DMS log format and candidate handling")
    group.add_argument("--no-finalize", action="store_true", help="skip finalization")
    group.add_argument("--merge", action="store_true",
                       help="merge Level 2 associations of one candidate and type")
    group.add_argument("--no-merge", action="store_true",
                       help="deprecated: not merging is the default")
    group.add_argument("--per-pool-algorithm", action="store_true",
                       help="use the per-pool generation algorithm")
    group.add_argument("-v", "--verbose", action="store_true", help="more output")
    group.add_argument("-D", "--debug", action="store_true", help="debug output")


def register(sub: Sub) -> None:
    """Add ``generate-many`` to the ``asnfp`` parser."""
    parser = sub.add_parser(
        COMMAND,
        help="generate the associations of many pools on a Dask cluster",
        description="Generate the associations of many pools, each pool a task on a Dask "
        "cluster: a local one by default, or an existing one with --scheduler. Pool P.csv is "
        "written into OUT/P/, as asnfp generate P.csv -p OUT/P writes it; OUT/summary.json "
        "has a row per pool. Pools whose output is already complete are skipped.",
    )
    parser.add_argument("pools", nargs="+", metavar="POOL_OR_DIR",
                        help="pool files, and folders of pool files")
    parser.add_argument("-o", "--out", required=True, help="output folder (made if missing)")
    where = parser.add_mutually_exclusive_group()
    where.add_argument("--workers", type=_positive, default=None, metavar="N",
                       help="worker processes of the local cluster (default: one per core)")
    where.add_argument("--scheduler", default=None, metavar="ADDRESS",
                       help="use the existing Dask cluster of this scheduler, e.g. "
                       "tcp://host:8786")
    parser.add_argument("--force", action="store_true",
                        help="generate every pool, even those whose output is complete")
    parser.add_argument("--pattern", default="*.csv", metavar="GLOB",
                        help="pool files inside folders (default %(default)s; **/*.csv "
                        "descends)")
    parser.add_argument("--progress", default="auto", choices=("auto", "bar", "lines", "none"),
                        help="a live bar (auto: on a terminal), one line per pool, or nothing")
    _generate_options(parser)


def options_from_args(args: argparse.Namespace) -> GenerateOptions:
    """The per-pool generation options given on the command line."""
    from asnfp.many._options import GenerateOptions

    ids = args.asn_candidate_ids
    return GenerateOptions(
        candidate_ids=tuple(ids) if ids is not None else None,
        discover=args.discover,
        all_candidates=args.all_candidates,
        version_id=args.version_id,
        rules=tuple(args.rules or ()),
        ignore_default=args.ignore_default,
        finalize=not args.no_finalize,
        merge=args.merge,
        dms=args.dms,
        per_pool=args.per_pool_algorithm,
        debug=args.debug,
        delimiter=args.delimiter,
        pool_format=args.pool_format,
        format=args.format,
        save_orphans=args.save_orphans,
    )


def _fail(message: str, code: int) -> int:
    print(f"asnfp: error: {message}", file=sys.stderr)
    return code


def run(args: argparse.Namespace) -> int | None:
    """Run ``generate-many``; None when ``args`` is another command."""
    if args.command != COMMAND:
        return None
    from asnfp.many._api import generate_many

    if not (args.verbose or args.debug):
        import distributed  # sets its loggers' levels on import: quieten them after

        logging.getLogger(distributed.__name__).setLevel(logging.WARNING)
    if args.no_merge:
        log.warning('The "--no-merge" option is now the default and deprecated. '
                    'Use "--merge" to force merging.')
    try:
        summary = generate_many(
            args.pools,
            args.out,
            options=options_from_args(args),
            workers=args.workers,
            scheduler=args.scheduler,
            force=args.force,
            pattern=args.pattern,
            progress=args.progress,
        )
    except ValueError as problem:
        return _fail(str(problem), 2)
    except AsnError as problem:
        return _fail(str(problem), 1)
    except (OSError, TimeoutError) as problem:
        return _fail(f"the batch could not run: {problem}", 1)
    except KeyboardInterrupt:
        return _fail("interrupted; finished pools are kept, a rerun resumes", 130)
    from asnfp.many._summary import render

    print(render(summary))
    print(f"summary: {summary.out}/summary.json")
    return 1 if summary.failed else 0
