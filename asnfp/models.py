"""Opening associations as the JWST pipeline does: ``ModelContainer`` and ``ModelLibrary``.

Both functions need ``jwst`` (the ``asnfp[models]`` extra), which is imported only when they
are called. The association is read and checked by asnfp first, so a bad file or a missing
member gives one clear error instead of a failure half-way through opening the models.
"""

from __future__ import annotations

import copy
import os
import re
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from returns.result import Failure

from asnfp.association import Association, Level2Association, Level3Association, to_dict
from asnfp.errors import AssociationFileError, AssociationInvalidError, raise_error
from asnfp.io import dump
from asnfp.tools.validate import read_document, validate_document

__all__ = ("MissingMembersError", "open_container", "open_library")

_EXTRA_HINT = "pip install 'asnfp[models]'"


class MissingMembersError(AssociationInvalidError):
    """Members of an association name files that do not exist.

    ``missing`` holds their expnames, in association order.
    """

    def __init__(self, value: AssociationFileError, missing: tuple[str, ...]) -> None:
        super().__init__(value)
        self.missing = missing


def _datamodels(caller: str) -> Any:
    """The ``jwst.datamodels`` module, or an ImportError naming the extra to install."""
    try:
        import jwst.datamodels
    except ImportError as exc:
        raise ImportError(
            f"asnfp.models.{caller} needs the jwst package: {_EXTRA_HINT}"
        ) from exc
    return jwst.datamodels


AsnSource = str | os.PathLike[str] | Association


def _document(source: AsnSource, base_dir: str | os.PathLike[str] | None) -> tuple[
    dict[str, Any], Path, str | None
]:
    """The association document, the folder its members are in, and its path when a file."""
    if isinstance(source, Level2Association | Level3Association):
        folder = Path(base_dir) if base_dir is not None else Path()
        return to_dict(source), folder, None
    path = Path(source)
    result = read_document(path).bind(lambda data: validate_document(data, str(path)).map(
        lambda _: data
    ))
    if isinstance(result, Failure):
        raise raise_error(result.failure())
    data = result.unwrap()
    folder = Path(base_dir) if base_dir is not None else path.parent
    return data, folder, os.fspath(source)


def _table_name(source: AsnSource) -> str:
    """The file name of an association: its file's, or the name it would be written under."""
    if isinstance(source, Level2Association | Level3Association):
        return dump(source)[0]
    return Path(source).name


def _first_product(data: dict[str, Any], name: str) -> list[dict[str, Any]]:
    """The members of the first product, the only one the pipeline opens."""
    if not data["products"]:
        raise raise_error(
            AssociationFileError(file=name, message="the association has no products")
        )
    members: list[dict[str, Any]] = data["products"][0]["members"]
    return members


def _check_present(members: Sequence[dict[str, Any]], folder: Path, name: str) -> None:
    """Raise MissingMembersError when some member file does not exist."""
    missing = tuple(
        dict.fromkeys(
            str(m["expname"]) for m in members if not (folder / str(m["expname"])).is_file()
        )
    )
    if missing:
        listed = ", ".join(missing)
        message = f"member files not found in {str(folder) or '.'}: {listed}"
        raise MissingMembersError(AssociationFileError(file=name, message=message), missing)


def open_container(
    asn_or_path: AsnSource,
    *,
    base_dir: str | os.PathLike[str] | None = None,
    exptypes: Sequence[str] | None = None,
    n_members: int | None = None,
) -> Any:
    """Open an association's models as a ``jwst.datamodels.ModelContainer``.

    Parameters
    ----------
    asn_or_path
        An association file, or an association value.
    base_dir
        The folder member files are relative to; by default the association file's folder
        (the current folder for an association value).
    exptypes
        Open only members of these types (the container's ``asn_exptypes``).
    n_members
        Open only the first members (the container's ``asn_n_members``).

    Returns
    -------
    jwst.datamodels.ModelContainer
        The container, as ``stdatamodels.jwst.datamodels.open`` would give it for the file.

    Raises
    ------
    ImportError
        jwst is not installed (install ``asnfp[models]``).
    asnfp.errors.AssociationInvalidError
        The file cannot be read or is not a valid association.
    MissingMembersError
        Member files are missing; all are listed.
    """
    datamodels = _datamodels("open_container")
    data, folder, file = _document(asn_or_path, base_dir)
    name = file if file is not None else _table_name(asn_or_path)
    members = _first_product(data, name)
    if exptypes:
        # The container takes each member's type as a pattern matched at the start of the
        # allowed names, ignoring case; the same selection is checked here.
        members = [
            m for m in members
            if any(re.match(str(m["exptype"]), allowed, re.IGNORECASE) for allowed in exptypes)
        ]
    _check_present(members[:n_members] if n_members else members, folder, name)
    container = datamodels.ModelContainer(asn_exptypes=exptypes, asn_n_members=n_members)
    # The container resolves members against the folder of asn_file_path and names its table
    # after that path, so it is pointed at the table's name inside the members' folder.
    container.asn_file_path = os.fspath(folder / _table_name(asn_or_path))
    container.from_asn(data)
    container.asn_file_path = file
    return container


def open_library(
    asn_or_path: AsnSource,
    *,
    base_dir: str | os.PathLike[str] | None = None,
    exptypes: Sequence[str] | None = None,
    n_members: int | None = None,
    on_disk: bool = False,
) -> Any:
    """Open an association as a ``jwst.datamodels.ModelLibrary``.

    Parameters
    ----------
    asn_or_path, base_dir, exptypes, n_members
        As for ``open_container``; the library keeps members whose type, in lower case, is
        one of ``exptypes``.
    on_disk
        Keep shelved models in temporary files rather than in memory.

    Returns
    -------
    jwst.datamodels.ModelLibrary
        The library, as ``ModelLibrary(path)`` would give it for the file.

    Raises
    ------
    ImportError, asnfp.errors.AssociationInvalidError, MissingMembersError
        As for ``open_container``.
    """
    datamodels = _datamodels("open_library")
    data, folder, file = _document(asn_or_path, base_dir)
    name = file if file is not None else _table_name(asn_or_path)
    members = _first_product(data, name)
    if exptypes is not None:
        allowed = {exptype.lower() for exptype in exptypes}
        members = [m for m in members if m["exptype"] in allowed]
    _check_present(members[:n_members] if n_members is not None else members, folder, name)
    library_type = datamodels.ModelLibrary
    library = library_type.__new__(library_type)
    # The library reads its association from the path it is given; an instance attribute
    # shadows that class method, so it gets the document asnfp has already read and checked,
    # while the path still sets its folder and table name.
    library._load_asn = lambda _path: copy.deepcopy(data)
    library_type.__init__(
        library,
        os.fspath(folder / _table_name(asn_or_path)),
        asn_exptypes=list(exptypes) if exptypes is not None else None,
        asn_n_members=n_members,
        on_disk=on_disk,
    )
    del library._load_asn
    return library
