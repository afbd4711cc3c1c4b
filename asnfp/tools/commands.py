"""Sub-commands of ``asnfp`` other than ``generate``: argument parsing and exit statuses.

Each command takes the options of the reference tool it stands for; the work is done by the
modules of ``asnfp.tools``, and errors are reported here as one line on standard error.
"""

from __future__ import annotations

import argparse
import logging
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Final, TypeAlias

from returns.result import Failure, Result

from asnfp.errors import ErrorValue

log = logging.getLogger("asnfp")

Sub: TypeAlias = "argparse._SubParsersAction[argparse.ArgumentParser]"


def _from_list_parser(sub: Sub) -> None:
    parser = sub.add_parser(
        "from-list",
        help="make an association from a list of files",
        description="Make an association from a list of files, as asn_from_list does. A file "
        "may carry its member type: b_rate.fits:background.",
    )
    parser.add_argument("-o", "--output-file", required=True, help="file to write")
    parser.add_argument("-f", "--format", default="json", choices=("json", "yaml"),
                        help="association file format (default %(default)s)")
    parser.add_argument("--product-name", help="the product name of a Level 3 association")
    parser.add_argument("-r", "--rule", default="DMS_Level3_Base",
                        help="DMS_Level3_Base (default), DMSLevel2bBase or a rule name")
    parser.add_argument("--ruledefs", action="append", default=[], metavar="FILE",
                        help="rule definitions that --rule may name (repeatable)")
    parser.add_argument("-i", "--id", dest="acid", default=None,
                        help="the association id (default a3001)")
    parser.add_argument("--pool-name", default=None, help="the asn_pool value (default none)")
    parser.add_argument("filelist", nargs="+", metavar="FILE",
                        help="member files, each NAME or NAME:TYPE")


def _edit_parser(sub: Sub) -> None:
    parser = sub.add_parser(
        "edit",
        help="add or remove members of an association",
        description="Add files to, or remove them from, an association file, as asn_edit does.",
    )
    mode = parser.add_mutually_exclusive_group()
    mode.add_argument("-a", "--add", action="store_true", help="add the files to every product")
    mode.add_argument("-r", "--remove", action="store_true", help="remove the files")
    parser.add_argument("-t", "--type", default="science", help="member type of added files")
    parser.add_argument("-i", "--ignore", action="store_true",
                        help="ignore file name suffixes when matching files to remove")
    parser.add_argument("-o", "--output", help="write here instead of over the association")
    parser.add_argument("association", help="the association file (.json)")
    parser.add_argument("filenames", nargs="+", help="the files to add or remove")


def _gather_parser(sub: Sub) -> None:
    parser = sub.add_parser(
        "gather",
        help="copy an association and its members to a folder",
        description="Copy an association and its members into a folder, rewriting member "
        "names, as asn_gather does.",
    )
    parser.add_argument("association", help="the association to gather")
    parser.add_argument("destination", help="the folder to copy to (must exist)")
    parser.add_argument("-s", "--source", dest="source_folder",
                        help="folder the members are in (default: the association's folder)")
    parser.add_argument("-t", "--exp-types", dest="exp_types", action="append",
                        help="member type to gather (repeatable; default all)")
    parser.add_argument("-x", "--exclude-types", dest="exclude_types", action="append",
                        help="member type to leave out (repeatable)")
    parser.add_argument("-v", "--verbose", action="count", default=0, help="more output")
    parser.add_argument("-c", "--cmd", dest="shellcmd", default=None,
                        help="copy with this command (run as CMD SOURCE TARGET) instead of "
                        "natively")


def _make_pool_parser(sub: Sub) -> None:
    parser = sub.add_parser(
        "make-pool",
        help="make an association pool from FITS files",
        description="Make an association pool from exposure FITS headers, as asn_make_pool "
        "does.",
    )
    parser.add_argument("pool", help="the pool file to write")
    parser.add_argument("data", nargs="+", help="the exposure FITS files")
    parser.add_argument("--asn-candidate", default=None,
                        help="extra candidates, e.g. \"[('c1000', 'background')]\"")
    parser.add_argument("--dms-note", default="", help="value of the dms_note column")
    parser.add_argument("--is-imprt", default="f", help="value of the is_imprt column")
    parser.add_argument("--pntgtype", default="science", help="value of the pntgtype column")
    parser.add_argument("-v", "--verbose", action="count", default=0, help="more output")


def _diff_parser(sub: Sub) -> None:
    parser = sub.add_parser(
        "diff",
        help="compare two associations or two folders of them",
        description="Compare two association files, or the .json files of two folders. Exit "
        "status: 0 equal, 1 different, 2 bad input.",
    )
    parser.add_argument("left", help="an association file or folder")
    parser.add_argument("right", help="an association file or folder")
    parser.add_argument("--strict-expname", action="store_true",
                        help="pair members by exact expname, suffixes included")
    parser.add_argument("-q", "--quiet", action="store_true", help="print nothing")


def _validate_parser(sub: Sub) -> None:
    parser = sub.add_parser(
        "validate",
        help="check association files against the schemas",
        description="Check association files as the pipeline reads them. Exit status 0 when "
        "every file is valid.",
    )
    parser.add_argument("associations", nargs="+", metavar="ASN", help="association files")
    parser.add_argument("--members", action="store_true",
                        help="also check that every member file exists")
    parser.add_argument("--strict", action="store_true",
                        help="also check that asnfp's own tools can read the file")
    parser.add_argument("-q", "--quiet", action="store_true", help="report only problems")


def register(sub: Sub) -> None:
    """Add the tool sub-commands to the ``asnfp`` parser."""
    for add in (_from_list_parser, _edit_parser, _gather_parser, _make_pool_parser,
                _diff_parser, _validate_parser):
        add(sub)


def _fail(error: ErrorValue | str, code: int = 1) -> int:
    message = error if isinstance(error, str) else error.describe()
    print(f"asnfp: error: {message}", file=sys.stderr)
    return code


def _status(result: Result[Path, ErrorValue], done: str) -> int:
    """Exit status of a command that writes one file."""
    if isinstance(result, Failure):
        return _fail(result.failure())
    log.info("%s %s", done, result.unwrap())
    return 0


def _from_list(args: argparse.Namespace) -> int:
    from asnfp.io import dump, write_atomic
    from asnfp.rules.loading import rule_set
    from asnfp.rules.registry import DEFAULT
    from asnfp.tools.from_list import from_list

    rules = rule_set(args.ruledefs, ignore_default=False, default=DEFAULT)
    if isinstance(rules, Failure):
        return _fail(rules.failure())
    out = Path(args.output_file)
    made = from_list(
        args.filelist,
        rule=args.rule,
        product_name=args.product_name,
        acid=args.acid,
        pool_name=args.pool_name,
        rules=rules.unwrap(),
    )
    if isinstance(made, Failure):
        return _fail(made.failure())
    _, text = dump(made.unwrap(), args.format)
    return _status(write_atomic(out.parent, out.name, text), "wrote")


def _edit(args: argparse.Namespace) -> int:
    from asnfp.tools.edit import EditMode, edit_file

    mode: EditMode = "add" if args.add else "remove" if args.remove else "none"
    result = edit_file(
        Path(args.association),
        args.filenames,
        mode=mode,
        exptype=args.type,
        ignore_suffix=args.ignore,
        output=Path(args.output) if args.output else None,
    )
    return _status(result, "wrote")


def _gather(args: argparse.Namespace) -> int:
    from asnfp.tools.gather import gather

    result = gather(
        Path(args.association),
        Path(args.destination),
        source_folder=Path(args.source_folder) if args.source_folder else None,
        exp_types=args.exp_types,
        exclude_types=args.exclude_types or (),
        command=args.shellcmd,
    )
    return _status(result, "gathered into")


def _make_pool(args: argparse.Namespace) -> int:
    from asnfp.tools.make_pool import make_pool

    result = make_pool(
        Path(args.pool),
        args.data,
        asn_candidate=args.asn_candidate,
        dms_note=args.dms_note,
        is_imprt=args.is_imprt,
        pntgtype=args.pntgtype,
    )
    return _status(result, "wrote")


def _diff(args: argparse.Namespace) -> int:
    from asnfp.tools.diff import compare_paths, report

    result = compare_paths(Path(args.left), Path(args.right), strict_expname=args.strict_expname)
    if isinstance(result, Failure):
        return _fail(result.failure(), 2)
    differences = result.unwrap()
    if not args.quiet:
        print(report(differences))
    return 1 if differences else 0


def _validate(args: argparse.Namespace) -> int:
    from asnfp.tools.validate import validate_file

    status = 0
    for name in args.associations:
        result = validate_file(Path(name), check_members=args.members, strict=args.strict)
        if isinstance(result, Failure):
            status = _fail(result.failure())
        elif not args.quiet:
            print(f"{name}: valid Level {result.unwrap()} association")
    return status


COMMANDS: Final[dict[str, Callable[[argparse.Namespace], int]]] = {
    "from-list": _from_list,
    "edit": _edit,
    "gather": _gather,
    "make-pool": _make_pool,
    "diff": _diff,
    "validate": _validate,
}


def run(args: argparse.Namespace) -> int | None:
    """Run the tool named by ``args.command``; None when it is not a tool command."""
    command = COMMANDS.get(args.command)
    if command is None:
        return None
    return command(args)
