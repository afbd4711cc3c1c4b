"""Write a set of files together: into a hidden folder first, then moved into place."""

from __future__ import annotations

import contextlib
import itertools
import os
from collections.abc import Iterable
from pathlib import Path

from returns.result import Failure, Result, Success

from asnfp.errors import AssociationFileError
from asnfp.io._write import is_plain_name, os_reason, write_and_close

__all__ = ("Staging",)

_SERIAL = itertools.count()
_CREATE = os.O_WRONLY | os.O_CREAT | os.O_TRUNC | getattr(os, "O_CLOEXEC", 0)


class Staging:
    """Files written into a hidden folder inside their target folder, then moved in.

    Nothing appears in the target folder before ``commit``, and every file appears there
    whole (a rename within one file system). A failure before ``commit`` leaves the target
    folder as it was; ``discard`` removes what was staged. A name given twice keeps its
    last text, as writing the files one after the other would.
    """

    def __init__(self, directory: Path, folder: Path) -> None:
        self.directory = directory
        self._folder = folder
        self._names: dict[str, None] = {}

    @classmethod
    def open(cls, directory: Path) -> Result[Staging, AssociationFileError]:
        """A new staging folder inside ``directory`` (an existing folder)."""
        while True:
            folder = directory / f".asnfp-staging-{os.getpid()}-{next(_SERIAL)}"
            try:
                folder.mkdir(mode=0o700)
            except FileExistsError:
                continue
            except OSError as exc:
                return Failure(
                    AssociationFileError(
                        file=str(directory), message=f"cannot write there: {os_reason(exc)}"
                    )
                )
            return Success(cls(directory, folder))

    def add(self, files: Iterable[tuple[str, str]]) -> Result[int, AssociationFileError]:
        """Write ``(name, text)`` files (UTF-8) into the staging folder; how many."""
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
                write_and_close(os.open(self._folder / name, _CREATE, 0o666), data)
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

    def commit(self) -> Result[int, AssociationFileError]:
        """Move every staged file into the target folder (replacing files of the same
        name) and remove the staging folder; how many files were moved."""
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

    def discard(self) -> None:
        """Remove the staging folder and whatever is still in it."""
        with contextlib.suppress(OSError):
            for entry in os.scandir(self._folder):
                with contextlib.suppress(OSError):
                    os.unlink(entry.path)
            self._folder.rmdir()
        self._names.clear()
