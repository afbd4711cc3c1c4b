"""The ``asnfp`` command line: ``asnfp generate POOL`` with the options of ``asn_generate``."""

from __future__ import annotations

import argparse
import gc
import logging
import sys
from collections import Counter
from collections.abc import Sequence
from datetime import UTC, datetime
from importlib import resources
from pathlib import Path
from typing import NoReturn

from returns.result import Failure

from asnfp._core.pause import collector_paused
from asnfp._version import __version__

log = logging.getLogger("asnfp")



def _generate_parser(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = sub.add_parser(
        "generate",
        help="generate the associations of a pool",
        description="Generate the associations of a pool, as asn_generate does.",
    )
    parser.add_argument("pool", nargs="?", help="the association pool file")
    parser.add_argument(
        "--sample", action="store_true", help="use the sample pool shipped with asnfp"
    )
    parser.add_argument("-p", "--path", default=".", help="folder to write the associations to")
    mode = parser.add_mutually_exclusive_group()
    mode.add_argument("-i", "--ids", nargs="+", dest="asn_candidate_ids", metavar="ID",
                      help="generate only for these candidate ids")
    mode.add_argument("--discover", action="store_true",
                      help="produce only the discovered associations")
    mode.add_argument("--all-candidates", action="store_true", dest="all_candidates",
                      help="produce the candidate associations, without discovery")
    parser.add_argument("--save-orphans", nargs="?", const="orphaned.csv", default=None,
                        metavar="FILE",
                        help="write the pool rows that no association took (default "
                        "orphaned.csv, inside --path)")
    parser.add_argument("--version-id", nargs="?", const=True, default=None,
                        help="version id for the file names; bare: a UTC time stamp")
    parser.add_argument("-r", "--rules", action="append", help="extra rule definitions")
    parser.add_argument("--ignore-default", action="store_true",
                        help="use only the rules given with -r")
    parser.add_argument("--dry-run", action="store_true", help="generate, but write nothing")
    parser.add_argument("-d", "--delimiter", default="|", help="pool field delimiter")
    parser.add_argument("--pool-format", default="ascii", help="pool file format")
    parser.add_argument("--format", default="json", choices=("json", "yaml"),
                        help="association file format")
    parser.add_argument("--DMS", action="store_true", dest="dms",
                        help="DMS log format and candidate handling")
    parser.add_argument("--no-finalize", action="store_true", help="skip finalization")
    parser.add_argument("--merge", action="store_true",
                        help="merge Level 2 associations of one candidate and type")
    parser.add_argument("--no-merge", action="store_true",
                        help="deprecated: not merging is the default")
    parser.add_argument("--per-pool-algorithm", action="store_true",
                        help="use the per-pool generation algorithm")
    parser.add_argument("-v", "--verbose", action="store_true", help="more output")
    parser.add_argument("-D", "--debug", action="store_true", help="debug output")
    parser.add_argument("--version", action="version", version=f"asnfp generate {__version__}")


def build_parser() -> argparse.ArgumentParser:
    """The ``asnfp`` argument parser."""
    parser = argparse.ArgumentParser(prog="asnfp", description=__doc__)
    parser.add_argument("--version", action="version", version=f"asnfp {__version__}")
    sub = parser.add_subparsers(dest="command", required=True)
    _generate_parser(sub)
    from asnfp.tools.commands import register

    register(sub)
    from asnfp.many.cli import register as register_many

    register_many(sub)
    from asnfp.explain.cli import register as register_explain

    register_explain(sub)
    return parser


def sample_pool() -> Path:
    """The path of the sample pool shipped inside the package."""
    return Path(str(resources.files("asnfp") / "data" / "sample_pool.csv"))


def _fail(message: str, code: int = 1) -> int:
    print(f"asnfp: error: {message}", file=sys.stderr)
    return code


@collector_paused
def _generate(args: argparse.Namespace) -> int:
    from asnfp.generator import generate_result, load_source
    from asnfp.io import dump, write_atomic

    if args.per_pool_algorithm and args.asn_candidate_ids:
        return _fail("--per-pool-algorithm with -i is not supported yet", 2)
    if args.no_merge:
        log.warning('The "--no-merge" option is now the default and deprecated. '
                    'Use "--merge" to force merging.')
    if args.sample:
        pool = sample_pool()
    elif args.pool is None:
        return _fail("a pool is required (or --sample)", 2)
    else:
        pool = Path(args.pool)
    out = Path(args.path)
    if not args.dry_run and not out.is_dir():
        return _fail(f"output folder {str(out)!r} does not exist")
    from asnfp.rules.loading import rule_set
    from asnfp.rules.registry import DEFAULT

    rules = rule_set(args.rules or (), ignore_default=args.ignore_default, default=DEFAULT)
    if isinstance(rules, Failure):
        return _fail(rules.failure().describe())
    version_id = args.version_id
    if version_id is True:
        version_id = datetime.now(UTC).strftime("%Y%m%dt%H%M%S")
    result = load_source(pool, delimiter=args.delimiter, fmt=args.pool_format).bind(
        lambda source: generate_result(
            source,
            rules.unwrap(),
            candidate_ids=args.asn_candidate_ids,
            discover=args.discover,
            all_candidates=args.all_candidates,
            version_id=version_id,
            finalize=not args.no_finalize,
            merge=args.merge,
            dms=args.dms,
            per_pool=args.per_pool_algorithm,
            debug=args.debug,
        ).map(lambda generation: (source, generation))
    )
    if not isinstance(result.value_or(None), tuple):
        return _fail(result.failure().describe())
    source, generation = result.unwrap()
    files = [dump(asn, args.format) for asn in generation.associations]
    if not args.dry_run:
        for name, text in files:
            written = write_atomic(out, name, text)
            if not isinstance(written.value_or(None), Path):
                return _fail(written.failure().describe())
        if args.save_orphans is not None:
            from asnfp.explain.pipeline import Options
            from asnfp.orphans import write_orphans

            saved = write_orphans(
                pool,
                source.frame,
                generation.orphans,
                out / args.save_orphans,
                delimiter=args.delimiter,
                rules=rules.unwrap(),
                options=Options(
                    candidate_ids=tuple(args.asn_candidate_ids)
                    if args.asn_candidate_ids is not None
                    else None,
                    discover=args.discover,
                    all_candidates=args.all_candidates,
                    version_id=version_id,
                    finalize=not args.no_finalize,
                    merge=args.merge,
                    dms=args.dms,
                    per_pool=args.per_pool_algorithm,
                ),
            )
            if saved is not None:
                return _fail(saved)
    counts = Counter(asn.asn_type for asn in generation.associations)
    summary = ", ".join(f"{kind} {n}" for kind, n in sorted(counts.items()))
    log.info("Associations generated: %d (%s); orphans: %d",
             len(generation.associations), summary or "none", len(generation.orphans))
    if args.verbose or args.sample:
        print(f"{len(generation.associations)} associations ({summary or 'none'}), "
              f"{len(generation.orphans)} orphaned rows"
              + ("" if args.dry_run else f", written to {out}"))
    return 0


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit status."""
    args = build_parser().parse_args(argv)
    level = logging.WARNING
    if getattr(args, "verbose", False):
        level = logging.INFO
    if getattr(args, "debug", False):
        level = logging.DEBUG
    logging.basicConfig(
        level=level,
        format="%(levelname)s: %(message)s",
    )
    if args.command == "generate":
        return _generate(args)
    from asnfp.explain.cli import run as run_explain

    if (explained := run_explain(args)) is not None:
        return explained
    from asnfp.many.cli import run as run_many

    if (many := run_many(args)) is not None:
        return many
    from asnfp.tools.commands import run

    status = run(args)
    if status is None:  # pragma: no cover - argparse rejects unknown commands
        return _fail(f"unknown command {args.command}", 2)
    return status


def command() -> NoReturn:
    """The ``asnfp`` executable: ``main`` on the process's arguments, then exit.

    The objects the command made are frozen out of the cyclic collector's reach before the
    interpreter shuts down: scanning them again there (a few tens of milliseconds after a
    generation) would free nothing the exit does not.
    """
    status = main()
    gc.freeze()
    sys.exit(status)


if __name__ == "__main__":  # pragma: no cover
    command()
