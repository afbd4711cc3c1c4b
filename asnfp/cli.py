"""The ``asnfp`` command line: ``asnfp generate POOL`` with the options of ``asn_generate``."""

from __future__ import annotations

import argparse
import gc
import logging
import sys
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, NoReturn

from returns.result import Failure, Result

from asnfp._core.pause import collector_paused
from asnfp._version import __version__, version_stamp

if TYPE_CHECKING:
    import polars as pl

    from asnfp._level_split import Report
    from asnfp.errors import RuleError
    from asnfp.io import Staging
    from asnfp.options import Options
    from asnfp.rules.rule import Rule

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
    parser.add_argument("-j", "--jobs", type=int, choices=(1, 2), default=None,
                        help="processes: 2 generates Level 3 in a second process (default: "
                        "2 for pools of 1 MiB or more when two CPUs are free, else 1)")
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


@dataclass(frozen=True, slots=True)
class _Prepared:
    """One process's share of a generation."""

    files: list[tuple[str, str]]
    """Names and texts of the files not staged yet."""
    counts: dict[str, int]
    orphans: tuple[int, ...]
    frame: pl.DataFrame
    rules: tuple[Rule, ...]
    """Every rule of the run (``--save-orphans`` explains orphans with all of them)."""


def _rules(args: argparse.Namespace) -> Result[tuple[Rule, ...], RuleError]:
    from asnfp.rules.loading import rule_set
    from asnfp.rules.registry import DEFAULT

    return rule_set(args.rules or (), ignore_default=args.ignore_default, default=DEFAULT)


def _prepare(args: argparse.Namespace, pool: Path, level: int | None) -> _Prepared | str:
    """Generate and format the associations (with ``level``, of Level 2 or of the other
    levels only), or say why not."""
    from asnfp.generator import generate_result, load_source
    from asnfp.io import dump

    rules = _rules(args)
    if isinstance(rules, Failure):
        problem: str = rules.failure().describe()
        return problem
    chosen = every = rules.unwrap()
    if level is not None:
        chosen = tuple(rule for rule in every if (rule.level == 2) == (level == 2))
    result = load_source(pool, delimiter=args.delimiter, fmt=args.pool_format).bind(
        lambda source: generate_result(
            source, chosen, _options(args), debug=args.debug
        ).map(lambda generation: (source, generation))
    )
    if not isinstance(result.value_or(None), tuple):
        return result.failure().describe()
    source, generation = result.unwrap()
    return _Prepared(
        files=[dump(asn, args.format) for asn in generation.associations],
        counts=dict(Counter(asn.asn_type for asn in generation.associations)),
        orphans=generation.orphans,
        frame=source.frame,
        rules=every,
    )


def _staged(out: Path, files: list[tuple[str, str]]) -> Staging | str:
    """``files`` written into a new staging folder of ``out``; on a failure, the staging
    folder is gone and the reason is returned."""
    from asnfp.io import Staging

    opened = Staging.open(out)
    if isinstance(opened, Failure):
        problem: str = opened.failure().describe()
        return problem
    staging = opened.unwrap()
    added = staging.add(files)
    if isinstance(added, Failure):
        staging.discard()
        reason: str = added.failure().describe()
        return reason
    return staging


def _split_levels(args: argparse.Namespace, pool: Path) -> bool:
    """Whether to generate Level 3 in a second process (see ``asnfp._level_split``)."""
    from asnfp._level_split import MIN_POOL_BYTES, can_fork, usable_cpus

    if args.per_pool_algorithm or args.debug:
        return False  # these number or order associations across both levels
    if args.jobs is None:
        try:
            large = pool.stat().st_size >= MIN_POOL_BYTES
        except OSError:
            return False  # reading the pool reports it
        if not large or usable_cpus() < 2:
            return False
    elif args.jobs < 2:
        return False
    return can_fork()


def _child_level(args: argparse.Namespace, pool: Path, staging: Staging | None) -> Report:
    from asnfp._level_split import Report

    # Warnings about the pool as a whole (an unknown candidate id) come from the parent.
    logging.getLogger("asnfp.generator").setLevel(logging.ERROR)
    prepared = _prepare(args, pool, 3)
    if isinstance(prepared, str):
        return Report(False, prepared)
    written: list[str] = []
    if staging is not None:
        added = staging.add(prepared.files)
        if isinstance(added, Failure):
            reason: str = added.failure().describe()
            return Report(False, reason)
        written = [name for name, _ in prepared.files]
    return Report(True, written=written, counts=prepared.counts, orphans=prepared.orphans)


def _generate_split(
    args: argparse.Namespace, pool: Path, out: Path
) -> tuple[_Prepared, Staging | None] | str:
    """Level 2 here and the other levels in a forked child, combined; unless a dry run,
    every file staged in ``out`` (each process stages its own level's files)."""
    from asnfp._level_split import fork_child
    from asnfp.io._staging import Staging

    staging: Staging | None = None
    if not args.dry_run:
        opened = Staging.open(out)
        if isinstance(opened, Failure):
            problem: str = opened.failure().describe()
            return problem
        staging = opened.unwrap()
    child = fork_child(lambda: _child_level(args, pool, staging))
    failed: str | None = None
    try:
        mine = _prepare(args, pool, 2)
        if isinstance(mine, str):
            failed = mine
        elif staging is not None:
            added = staging.add(mine.files)  # while the child still works
            if isinstance(added, Failure):
                failed = added.failure().describe()
    except BaseException:
        child.report()
        if staging is not None:
            staging.discard()
        raise
    theirs = child.report()
    if isinstance(mine, str) or failed is not None or not theirs.ok:
        if staging is not None:
            staging.discard()
        return failed if failed is not None else theirs.message
    if staging is not None:
        staging.adopt(theirs.written)
    counts = Counter(mine.counts)
    counts.update(theirs.counts)
    combined = _Prepared(
        files=[],
        counts=dict(counts),
        orphans=tuple(sorted(set(mine.orphans).intersection(theirs.orphans))),
        frame=mine.frame,
        rules=mine.rules,
    )
    return combined, staging


@collector_paused
def _generate(args: argparse.Namespace) -> int:
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
    args.version_id = version_stamp(args.version_id)  # one stamp for both processes
    if _split_levels(args, pool):
        split = _generate_split(args, pool, out)
        if isinstance(split, str):
            return _fail(split)
        prepared, staging = split
    else:
        alone = _prepare(args, pool, None)
        if isinstance(alone, str):
            return _fail(alone)
        prepared, staging = alone, None
        if not args.dry_run:
            staged = _staged(out, prepared.files)
            if isinstance(staged, str):
                return _fail(staged)
            staging = staged
    if staging is not None:
        committed = staging.commit()
        if isinstance(committed, Failure):
            return _fail(committed.failure().describe())
    if args.save_orphans is not None and not args.dry_run:
        saved = _save_orphans(args, pool, out, prepared)
        if saved is not None:
            return _fail(saved)
    total = sum(prepared.counts.values())
    summary = ", ".join(f"{kind} {n}" for kind, n in sorted(prepared.counts.items()))
    log.info("Associations generated: %d (%s); orphans: %d",
             total, summary or "none", len(prepared.orphans))
    if args.verbose or args.sample:
        print(f"{total} associations ({summary or 'none'}), "
              f"{len(prepared.orphans)} orphaned rows"
              + ("" if args.dry_run else f", written to {out}"))
    return 0


def _options(args: argparse.Namespace) -> Options:
    """The generation options the command line asks for (the version stamp already taken)."""
    from asnfp.options import options_from_arguments

    return options_from_arguments(args)


def _save_orphans(
    args: argparse.Namespace, pool: Path, out: Path, prepared: _Prepared
) -> str | None:
    from asnfp.orphans import write_orphans

    return write_orphans(
        pool,
        prepared.frame,
        prepared.orphans,
        out / args.save_orphans,
        delimiter=args.delimiter,
        rules=prepared.rules,
        options=_options(args),
    )


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
