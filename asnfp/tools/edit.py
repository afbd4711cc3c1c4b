"""Adding and removing members of an association file (the reference's ``asn_edit``).

The edits work on the parsed document, so every key of the file, known to asnfp or not, is
written back in its place; only member lists change.
"""

from __future__ import annotations

import copy
import os
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any, Literal

from returns.result import Failure, Result, Success

from asnfp._core.suffix import remove_suffix
from asnfp.errors import AssociationFileError
from asnfp.io import write_atomic
from asnfp.tools.validate import dump_document, read_document, validate_document

__all__ = ("add_members", "edit_file", "expname_of", "remove_members")

EditMode = Literal["add", "remove", "none"]


def expname_of(filename: str) -> str:
    """The member name of a file given on the command line: its resolved base name.

    Variables and ``~`` are expanded first, as a shell would.

    Examples
    --------
    >>> expname_of("some/dir/a_cal.fits")
    'a_cal.fits'
    """
    return Path(os.path.expandvars(filename)).expanduser().resolve().name


def add_members(
    data: Mapping[str, Any], filenames: Sequence[str], exptype: str, *, name: str = "<asn>"
) -> Result[dict[str, Any], AssociationFileError]:
    """A copy of the document with each file added, as a member, to every product.

    Parameters
    ----------
    data
        A validated association document.
    filenames
        Files to add; members are named by base name (see ``expname_of``).
    exptype
        The member type of every added file.
    name
        The file name, for error messages.

    Returns
    -------
    Result[dict[str, Any], AssociationFileError]
        The edited copy, or the names that would be duplicates.

    Examples
    --------
    >>> member = {"expname": "a.fits", "exptype": "science"}
    >>> doc = {"products": [{"name": "p", "members": [member]}]}
    >>> edited = add_members(doc, ["b.fits"], "science").unwrap()
    >>> [m["expname"] for m in edited["products"][0]["members"]]
    ['a.fits', 'b.fits']
    >>> add_members(doc, ["a.fits"], "science").failure().message
    'already a member, not added: a.fits'
    """
    expnames = [expname_of(filename) for filename in filenames]
    repeated = sorted({e for e in expnames if expnames.count(e) > 1})
    present = {
        str(member.get("expname"))
        for product in data["products"]
        for member in product["members"]
    }
    duplicates = [e for e in dict.fromkeys(expnames) if e in present]
    if duplicates:
        message = "already a member, not added: " + ", ".join(duplicates)
        return Failure(AssociationFileError(file=name, message=message))
    if repeated:
        message = "given more than once: " + ", ".join(repeated)
        return Failure(AssociationFileError(file=name, message=message))
    edited = copy.deepcopy(dict(data))
    for product in edited["products"]:
        product["members"].extend({"expname": e, "exptype": exptype} for e in expnames)
    return Success(edited)


def remove_members(
    data: Mapping[str, Any],
    filenames: Sequence[str],
    *,
    ignore_suffix: bool = False,
    name: str = "<asn>",
) -> Result[dict[str, Any], AssociationFileError]:
    """A copy of the document without the members matching each file; emptied products go.

    A file matches a member when its base name equals the member's expname, or, with
    ``ignore_suffix``, when both names without extension and known suffix are equal
    (``a_rate.fits`` then removes ``a_cal.fits``).

    Returns
    -------
    Result[dict[str, Any], AssociationFileError]
        The edited copy, or the files that match no member (then nothing is removed).

    Examples
    --------
    >>> member = {"expname": "a_cal.fits", "exptype": "science"}
    >>> doc = {"products": [{"name": "p", "members": [member]}]}
    >>> remove_members(doc, ["a_rate.fits"], ignore_suffix=True).unwrap()["products"]
    []
    >>> remove_members(doc, ["b.fits"]).failure().message
    'not a member, nothing removed: b.fits'
    """
    keys = {filename: _search_key(filename, ignore_suffix) for filename in filenames}
    members_keys = {
        _member_key(str(member.get("expname", "")), ignore_suffix)
        for product in data["products"]
        for member in product["members"]
        if member.get("expname")
    }
    not_found = [filename for filename, key in keys.items() if key not in members_keys]
    if not_found:
        message = "not a member, nothing removed: " + ", ".join(not_found)
        return Failure(AssociationFileError(file=name, message=message))
    wanted = set(keys.values())
    edited = copy.deepcopy(dict(data))
    products = []
    for product in edited["products"]:
        kept = [
            member
            for member in product["members"]
            if not (
                member.get("expname")
                and _member_key(str(member["expname"]), ignore_suffix) in wanted
            )
        ]
        if kept:
            product["members"] = kept
            products.append(product)
        elif not product["members"]:
            # A product that was already empty was not emptied by this edit: it stays.
            products.append(product)
    edited["products"] = products
    return Success(edited)


def _search_key(filename: str, ignore_suffix: bool) -> str:
    """What a command-line file name is matched by."""
    path = Path(os.path.expandvars(filename)).expanduser().resolve()
    return remove_suffix(path.stem)[0] if ignore_suffix else path.name


def _member_key(expname: str, ignore_suffix: bool) -> str:
    """What a member's expname is matched by."""
    return remove_suffix(Path(expname).stem)[0] if ignore_suffix else expname


def edit_file(
    association: Path,
    filenames: Sequence[str],
    *,
    mode: EditMode,
    exptype: str = "science",
    ignore_suffix: bool = False,
    output: Path | None = None,
) -> Result[Path, AssociationFileError]:
    """Edit an association file and write the result in one step.

    Parameters
    ----------
    association
        The ``.json`` association file.
    filenames
        The files to add or remove.
    mode : {'add', 'remove', 'none'}
        What to do; ``'none'`` rewrites the file unchanged.
    exptype
        Member type of added files.
    ignore_suffix
        Match removed files without their suffix.
    output
        Where to write (a ``.json`` name); the input file by default.

    Returns
    -------
    Result[Path, AssociationFileError]
        The file written, or why nothing was.
    """
    name = str(association)
    if association.suffix != ".json":
        return Failure(
            AssociationFileError(file=name, message="not an association file (expected .json)")
        )
    target = output if output is not None else association
    if target.suffix != ".json":
        return Failure(
            AssociationFileError(file=str(target), message="the output must be a .json file")
        )

    def edit(data: dict[str, Any]) -> Result[dict[str, Any], AssociationFileError]:
        match mode:
            case "add":
                return add_members(data, filenames, exptype, name=name)
            case "remove":
                return remove_members(data, filenames, ignore_suffix=ignore_suffix, name=name)
            case _:
                return Success(data)

    return (
        read_document(association)
        .bind(lambda data: validate_document(data, name).map(lambda _: data))
        .bind(edit)
        .bind(lambda data: write_atomic(target.parent, target.name, dump_document(data)))
    )
