"""The ``explain`` and ``rules`` sub-commands of ``asnfp``."""

from __future__ import annotations

import argparse
import sys
from typing import TypeAlias

import msgspec
from returns.result import Failure

from asnfp.errors import ErrorValue

__all__ = ("register", "run")

Sub: TypeAlias = "argparse._SubParsersAction[argparse.ArgumentParser]"


def _explain_parser(sub: Sub) -> None:
    parser = sub.add_parser(
        "explain",
        help="say why an exposure is, or is not, in an association",
        description="For the pool row with this file name, every rule in turn: selected or "
        "not; for a rule that did not select it, the first condition that fails, with the "
        "row's value and the value wanted; for one that did, the associations it joined and "
        "what finalize did with them. Takes the options of 'asnfp generate'.",
    )
    parser.add_argument("pool", help="the association pool file")
    parser.add_argument("filename", help="the row's value in the filename column")
    parser.add_argument("--format", dest="output", default="text", choices=("text", "json"),
                        help="output format (default %(default)s)")
    parser.add_argument("-a", "--all", action="store_true", dest="every",
                        help="list every failing condition, not only the first")
    parser.add_argument("--rule", action="append", dest="only", metavar="NAME",
                        help="show only this rule (repeatable)")
    mode = parser.add_mutually_exclusive_group()
    mode.add_argument("-i", "--ids", nargs="+", dest="asn_candidate_ids", metavar="ID",
                      help="generate only for these candidate ids")
    mode.add_argument("--discover", action="store_true",
                      help="produce only the discovered associations")
    mode.add_argument("--all-candidates", action="store_true", dest="all_candidates",
                      help="produce the candidate associations, without discovery")
    parser.add_argument("--version-id", nargs="?", const=True, default=None,
                        help="version id for the association names; bare: a UTC time stamp")
    parser.add_argument("-r", "--rules", action="append", help="extra rule definitions")
    parser.add_argument("--ignore-default", action="store_true",
                        help="use only the rules given with -r")
    parser.add_argument("-d", "--delimiter", default="|", help="pool field delimiter")
    parser.add_argument("--pool-format", default="ascii", help="pool file format")
    parser.add_argument("--DMS", action="store_true", dest="dms",
                        help="DMS candidate handling")
    parser.add_argument("--no-finalize", action="store_true", help="skip finalization")
    parser.add_argument("--merge", action="store_true",
                        help="merge Level 2 associations of one candidate and type")
    parser.add_argument("--per-pool-algorithm", action="store_true",
                        help="use the per-pool generation algorithm")


def _rules_parser(sub: Sub) -> None:
    parser = sub.add_parser(
        "rules",
        help="list the association rules",
        description="Every rule with its association type, selection conditions, grouping "
        "attributes and product-name template, from the rule values themselves.",
    )
    parser.add_argument("--level", choices=("2b", "3"), help="only the rules of this level")
    parser.add_argument("--format", dest="output", default="table",
                        choices=("table", "json", "markdown"),
                        help="output format (default %(default)s)")
    parser.add_argument("-r", "--rules", action="append", help="extra rule definitions")
    parser.add_argument("--ignore-default", action="store_true",
                        help="use only the rules given with -r")


def register(sub: Sub) -> None:
    """Add the ``explain`` and ``rules`` sub-commands to the ``asnfp`` parser."""
    _explain_parser(sub)
    _rules_parser(sub)


def _fail(error: ErrorValue) -> int:
    print(f"asnfp: error: {error.describe()}", file=sys.stderr)
    return 1


def _explain(args: argparse.Namespace) -> int:
    from asnfp.explain.core import explain_source
    from asnfp.explain.render import explanation_text
    from asnfp.generator import load_source
    from asnfp.options import options_from_arguments
    from asnfp.rules.loading import rule_set
    from asnfp.rules.registry import DEFAULT

    rules = rule_set(args.rules or (), ignore_default=args.ignore_default, default=DEFAULT)
    if isinstance(rules, Failure):
        return _fail(rules.failure())
    options = options_from_arguments(args)
    result = load_source(args.pool, delimiter=args.delimiter, fmt=args.pool_format).bind(
        lambda source: explain_source(source, args.filename, rules.unwrap(), options)
    )
    if isinstance(result, Failure):
        return _fail(result.failure())
    explanation = result.unwrap()
    if args.output == "json":
        text = msgspec.json.format(msgspec.json.encode(explanation)).decode() + "\n"
    else:
        only = frozenset(name.lower() for name in args.only) if args.only else None
        text = explanation_text(explanation, every=args.every, rules=only)
    sys.stdout.write(text)
    return 0


def _rules(args: argparse.Namespace) -> int:
    from asnfp.explain.listing import summarize
    from asnfp.explain.rules_render import render_rules
    from asnfp.rules.loading import rule_set
    from asnfp.rules.registry import DEFAULT

    rules = rule_set(args.rules or (), ignore_default=args.ignore_default, default=DEFAULT)
    if isinstance(rules, Failure):
        return _fail(rules.failure())
    chosen = [
        rule for rule in rules.unwrap()
        if args.level is None or (rule.level == 2) == (args.level == "2b")
    ]
    sys.stdout.write(render_rules(summarize(chosen), args.output))
    return 0


def run(args: argparse.Namespace) -> int | None:
    """Run ``explain`` or ``rules``; None for any other command."""
    if args.command == "explain":
        return _explain(args)
    if args.command == "rules":
        return _rules(args)
    return None
