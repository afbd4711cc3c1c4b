"""Write a set of files together: into a hidden folder first, then moved into place."""

from __future__ import annotations

import contextlib
import itertools
import os
import stat
from collections.abc import Iterable
from pathlib import Path

from returns.result import Failure, Result, Success

from asnfp.errors import AssociationFileError
from asnfp.io._write import is_plain_name, os_reason, write_and_close

__all__ = ("Staging",)

_SERIAL = itertools.count()
_CREATE = os.O_WRONLY | os.O_CREAT | os.O_TRUNC | getattr(os, "O_CLOEXEC", 0)
_FOLDER = os.O_RDONLY | getattr(os, "O_DIRECTORY", 0) | getattr(os, "O_CLOEXEC", 0)
_RELATIVE = os.open in os.supports_dir_fd
"""Files can be opened relative to an open folder here (not on every platform)."""


class Staging:
    """Files written into a hidden staging folder, then moved into their target folder.

    Nothing appears in the target folder before ``commit``, and every file appears there
    whole (a rename within one file system). A failure before ``commit`` leaves the target
    folder as it was; ``discard`` removes what was staged. A name given twice keeps its
    last text, as writing the files one after the other would.

    The staging folder is inside the target folder, except when the target folder is
    empty: then it is made beside it, with the target's owner, group and mode, and at
    ``commit`` takes its place in one rename (a run that writes 100,000 files would
    otherwise spend seconds moving them one by one).
    """

    def __init__(self, directory: Path, folder: Path, *, swap_for: Path | None = None) -> None:
        self.directory = directory
        self._folder = folder
        self._swap_for = swap_for
        """The target folder itself (links resolved) when the staging folder may replace it."""
        self._names: dict[str, None] = {}

    @classmethod
    def open(cls, directory: Path) -> Result[Staging, AssociationFileError]:
        """A new staging folder for ``directory`` (an existing folder)."""
        target = _swappable(directory)
        if target is not None:
            folder = _new_folder(target.parent, f".{target.name}.asnfp-staging")
            if isinstance(folder, Path) and _like(folder, target):
                return Success(cls(directory, folder, swap_for=target))
            if isinstance(folder, Path):
                with contextlib.suppress(OSError):
                    folder.rmdir()
        folder = _new_folder(directory, ".asnfp-staging")
        if isinstance(folder, OSError):
            return Failure(
                AssociationFileError(
                    file=str(directory), message=f"cannot write there: {os_reason(folder)}"
                )
            )
        return Success(cls(directory, folder))

    def add(self, files: Iterable[tuple[str, str]]) -> Result[int, AssociationFileError]:
        """Write ``(name, text)`` files (UTF-8) into the staging folder; how many."""
        try:
            # Names opened relative to the open folder: no path to build or walk per file.
            folder = os.open(self._folder, _FOLDER) if _RELATIVE else None
        except OSError as exc:
            return Failure(
                AssociationFileError(
                    file=str(self.directory), message=f"cannot write there: {os_reason(exc)}"
                )
            )
        try:
            return self._write(files, folder)
        finally:
            if folder is not None:
                os.close(folder)

    def _write(
        self, files: Iterable[tuple[str, str]], folder: int | None
    ) -> Result[int, AssociationFileError]:
        count = 0
        for name, text in files:
            if not is_plain_name(name):
                return Failure(
                    AssociationFileError(
                        file=str(self.directory / name), message=f"{name=} is not a plain file name"
                    )
                )
            try:
                data = text.encode("utf-8")
                # Mode 0o666 lets the umask decide, as a plain open() would.
                if folder is None:
                    descriptor = os.open(self._folder / name, _CREATE, 0o666)
                else:
                    descriptor = os.open(name, _CREATE, 0o666, dir_fd=folder)
                write_and_close(descriptor, data)
            except (OSError, UnicodeError) as exc:
                return Failure(
                    AssociationFileError(
                        file=str(self.directory / name),
                        message=f"cannot write the file: {os_reason(exc)}",
                    )
                )
            self._names[name] = None
            count += 1
        return Success(count)

    def adopt(self, names: Iterable[str]) -> None:
        """Count files another process wrote into this staging folder (a forked child
        given this object) as staged here, so that ``commit`` moves them too."""
        for name in names:
            self._names[name] = None

    def commit(self) -> Result[int, AssociationFileError]:
        """Move every staged file into the target folder (replacing files of the same
        name) and remove the staging folder; how many files were moved."""
        count = len(self._names)
        if self._swap_for is not None and self._swap(self._swap_for):
            return Success(count)
        moved = 0
        try:
            for name in self._names:
                try:
                    os.replace(self._folder / name, self.directory / name)
                except OSError as exc:
                    return Failure(
                        AssociationFileError(
                            file=str(self.directory / name),
                            message=f"cannot write the file: {os_reason(exc)}",
                        )
                    )
                moved += 1
        finally:
            self.discard()
        return Success(moved)

    def _swap(self, target: Path) -> bool:
        """Put the staging folder in place of the (still empty) target folder."""
        try:
            os.rename(self._folder, target)
        except OSError:
            return False  # not empty any more, or no such rename here: move file by file
        self._names.clear()
        return True

    def discard(self) -> None:
        """Remove the staging folder and whatever is still in it."""
        with contextlib.suppress(OSError):
            for entry in os.scandir(self._folder):
                with contextlib.suppress(OSError):
                    os.unlink(entry.path)
            self._folder.rmdir()
        self._names.clear()


def _new_folder(parent: Path, stem: str) -> Path | OSError:
    while True:
        folder = parent / f"{stem}-{os.getpid()}-{next(_SERIAL)}"
        try:
            folder.mkdir(mode=0o700)
        except FileExistsError:
            continue
        except OSError as exc:
            return exc
        return folder


def _like(folder: Path, target: Path) -> bool:
    """Give ``folder`` the mode of ``target``; whether it then has the same owner, group
    and mode (files made in it get the group they would get in ``target``)."""
    try:
        wanted = os.stat(target)
        os.chmod(folder, stat.S_IMODE(wanted.st_mode))
        made = os.stat(folder)
    except OSError:
        return False
    return (made.st_uid, made.st_gid, made.st_mode) == (
        wanted.st_uid, wanted.st_gid, wanted.st_mode
    )


def _swappable(directory: Path) -> Path | None:
    """``directory`` with links resolved, when it could be replaced by one rename:
    empty, not the working folder or a mount point."""
    try:
        target = directory.resolve(strict=True)
        parent = target.parent
        if target == parent or target == Path.cwd().resolve():
            return None
        if os.stat(parent).st_dev != os.stat(target).st_dev:
            return None
        with os.scandir(target) as entries:
            if next(entries, None) is not None:
                return None
    except (OSError, RuntimeError):
        return None
    return target
