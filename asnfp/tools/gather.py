"""Copying an association and its members to one folder (the reference's ``asn_gather``).

Members are copied natively, each to a temporary name in the destination and then renamed, so
no partial file is ever left under a member's name. Whatever a member's expname says (``../x``,
an absolute path), its copy is the destination folder joined with the expname's base name, and a
base name that is not a plain file name is refused; nothing is written outside the destination.
"""

from __future__ import annotations

import contextlib
import os
import shlex
import shutil
import subprocess
import uuid
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any, Final

import msgspec
from returns.result import Failure, Result, Success

from asnfp._version import __version__
from asnfp.errors import AssociationFileError
from asnfp.io import write_atomic
from asnfp.tools.validate import dump_document, read_document, validate_document

__all__ = ("Copy", "GatherPlan", "gather", "plan_gather")

BASE_KEYS: Final[Mapping[str, object]] = {
    "asn_type": "None",
    "asn_rule": "Association",
    "version_id": None,
    "code_version": __version__,
}
"""Keys the gathered file starts with, and their values when the source file lacks them."""


class Copy(msgspec.Struct, frozen=True, kw_only=True):
    """One member file to copy: from ``source`` to the plain file name ``name`` in the folder."""

    source: Path
    name: str


class GatherPlan(msgspec.Struct, frozen=True, kw_only=True):
    """What gathering does: the files to copy and the association document to write."""

    copies: tuple[Copy, ...]
    document: dict[str, Any]


def plan_gather(
    data: Mapping[str, Any],
    *,
    source_folder: Path,
    exp_types: Sequence[str] | None = None,
    exclude_types: Sequence[str] = (),
    name: str = "<asn>",
) -> Result[GatherPlan, AssociationFileError]:
    """The copies and rewritten association of a gather, without touching any file.

    Parameters
    ----------
    data
        A validated association document.
    source_folder
        The folder relative expnames are read from.
    exp_types
        Member types to gather (exact, case-sensitive); all when None.
    exclude_types
        Member types to leave out.
    name
        The association file name, for error messages.

    Returns
    -------
    Result[GatherPlan, AssociationFileError]
        The plan: products keep only their name and the selected members, whose expnames
        become base names; or the problem (no member selected, a name that is not a file
        name, two different files with one base name).

    Examples
    --------
    >>> member = {"expname": "../up/a.fits", "exptype": "science"}
    >>> doc = {"products": [{"name": "p", "members": [member]}]}
    >>> plan = plan_gather(doc, source_folder=Path("src")).unwrap()
    >>> plan.copies[0].source.as_posix(), plan.copies[0].name
    ('src/../up/a.fits', 'a.fits')
    >>> plan.document["products"][0]["members"][0]["expname"]
    'a.fits'
    """
    products: list[dict[str, Any]] = []
    sources: dict[str, Path] = {}
    for product in data["products"]:
        members: list[dict[str, Any]] = []
        for member in product["members"]:
            exptype = member.get("exptype")
            if exptype in exclude_types or (exp_types is not None and exptype not in exp_types):
                continue
            expname = str(member.get("expname", ""))
            base = Path(expname).name
            if base in ("", ".", "..") or "/" in base or "\\" in base:
                return Failure(
                    AssociationFileError(
                        file=name, message=f"member {expname!r} does not name a file"
                    )
                )
            source = source_folder / expname
            earlier = sources.setdefault(base, source)
            if os.path.normpath(earlier) != os.path.normpath(source):
                message = f"members {str(earlier)!r} and {str(source)!r} would both be {base!r}"
                return Failure(AssociationFileError(file=name, message=message))
            members.append({**member, "expname": base})
        if members:
            named = {"name": product["name"]} if "name" in product else {}
            products.append({**named, "members": members})
    if not products:
        return Failure(
            AssociationFileError(file=name, message="no products to gather: no member selected")
        )
    document = {key: data.get(key, default) for key, default in BASE_KEYS.items()}
    document.update((key, value) for key, value in data.items() if key not in BASE_KEYS)
    document["products"] = products
    copies = tuple(Copy(source=source, name=base) for base, source in sources.items())
    return Success(GatherPlan(copies=copies, document=document))


def gather(
    association: Path,
    destination: Path,
    *,
    source_folder: Path | None = None,
    exp_types: Sequence[str] | None = None,
    exclude_types: Sequence[str] = (),
    command: str | None = None,
) -> Result[Path, AssociationFileError]:
    """Copy an association's members into ``destination`` and write the association there.

    Parameters
    ----------
    association
        The association file.
    destination
        An existing folder.
    source_folder
        Where relative expnames are read from; the association's folder by default.
    exp_types, exclude_types
        Member types to gather, and to leave out; see ``plan_gather``.
    command
        A copy command run as ``command SOURCE TARGET`` instead of copying natively (the
        reference's ``--cmd``); TARGET is always inside ``destination``.

    Returns
    -------
    Result[Path, AssociationFileError]
        The association file written, or why the gather stopped. Every member is checked
        before the first copy; the association is written last.
    """
    name = str(association)
    if not destination.is_dir():
        return Failure(
            AssociationFileError(file=str(destination), message="the destination is not a folder")
        )
    folder = source_folder if source_folder is not None else association.parent
    planned = (
        read_document(association)
        .bind(lambda data: validate_document(data, name).map(lambda _: data))
        .bind(
            lambda data: plan_gather(
                data,
                source_folder=folder,
                exp_types=exp_types,
                exclude_types=exclude_types,
                name=name,
            )
        )
    )
    if isinstance(planned, Failure):
        return Failure(planned.failure())
    plan = planned.unwrap()
    missing = [str(c.source) for c in plan.copies if not c.source.is_file()]
    if missing:
        message = "member files not found: " + ", ".join(missing)
        return Failure(AssociationFileError(file=name, message=message))
    for item in plan.copies:
        copied = _copy(item, destination, command)
        if isinstance(copied, Failure):
            return copied
    return write_atomic(destination, association.name, dump_document(plan.document))


def _copy(item: Copy, destination: Path, command: str | None) -> Result[Path, AssociationFileError]:
    """Copy one member into ``destination`` under its plain name."""
    target = destination / item.name
    if target.exists() and _same_file(item.source, target):
        return Success(target)
    temporary = destination / f".{item.name}.{uuid.uuid4().hex[:12]}.tmp"
    try:
        if command is None:
            shutil.copyfile(item.source, temporary)
        else:
            _run(command, item.source, temporary)
        # Renaming replaces a symbolic link at the target instead of writing through it.
        os.replace(temporary, target)
    except (OSError, subprocess.CalledProcessError) as exc:
        with contextlib.suppress(OSError):
            temporary.unlink()
        return Failure(
            AssociationFileError(file=str(item.source), message=f"cannot copy: {_reason(exc)}")
        )
    return Success(target)


def _run(command: str, source: Path, target: Path) -> None:
    """Run a user copy command on one file."""
    subprocess.run(
        [*shlex.split(command), str(source), str(target)],
        check=True,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
    )


def _same_file(left: Path, right: Path) -> bool:
    """Whether two paths are one file (gathering a folder into itself)."""
    try:
        return left.samefile(right)
    except OSError:
        return False


def _reason(exc: Exception) -> str:
    """A short cause of a failed copy."""
    if isinstance(exc, subprocess.CalledProcessError):
        output = exc.stdout.decode(errors="replace").strip() if exc.stdout else ""
        return f"the copy command exited with status {exc.returncode}" + (
            f": {output}" if output else ""
        )
    if isinstance(exc, OSError) and exc.strerror:
        return exc.strerror
    return str(exc)
