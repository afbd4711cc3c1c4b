"""Per-pool manifests: written last and atomically, they mark a pool's output as complete.

A pool's manifest is ``OUT/.manifests/<pool>.json``. It records the pool's SHA-256, the
options and rule files used, the asnfp version, and the name and size of every file written
into ``OUT/<pool>/``. A later batch skips the pool when all of these still match.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

import msgspec

from asnfp._version import __version__
from asnfp.many._options import GenerateOptions
from asnfp.many._summary import PoolRow

__all__ = (
    "MANIFEST_DIR",
    "Manifest",
    "OutputFile",
    "decode_manifest",
    "encode_manifest",
    "file_sha256",
    "manifest_path",
    "skipped_row",
)

MANIFEST_DIR = ".manifests"
"""Folder of the manifests inside ``OUT``; hidden, so no pool folder can take its name."""


class OutputFile(msgspec.Struct, frozen=True, kw_only=True, forbid_unknown_fields=True):
    """A file of a pool's output folder and its size in bytes."""

    name: str
    size: int


class Manifest(msgspec.Struct, frozen=True, kw_only=True, forbid_unknown_fields=True):
    """The record of a pool whose output is complete."""

    asnfp: str
    pool: str
    pool_sha256: str
    options: GenerateOptions
    rules_sha256: tuple[str, ...]
    files: tuple[OutputFile, ...]
    row: PoolRow


def manifest_path(out: Path, name: str) -> Path:
    """Where the manifest of pool ``name`` lives under ``out``."""
    return out / MANIFEST_DIR / f"{name}.json"


def file_sha256(path: Path) -> str:
    """The SHA-256 of a file's bytes, in hexadecimal; raises OSError."""
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def encode_manifest(manifest: Manifest) -> str:
    """A manifest as indented JSON."""
    return msgspec.json.format(msgspec.json.encode(manifest), indent=2).decode() + "\n"


def decode_manifest(text: bytes) -> Manifest | None:
    """The manifest in ``text``, or None when it is not one."""
    try:
        return msgspec.json.decode(text, type=Manifest)
    except msgspec.DecodeError:
        return None


def skipped_row(
    out: Path, name: str, pool: Path, options: GenerateOptions, rules_sha256: tuple[str, ...]
) -> PoolRow | None:
    """The ``skipped`` row of a pool whose output is complete and current, else None.

    Complete and current: the manifest reads, names this asnfp version, the same options and
    rule files and the pool's present content, and every file it lists is in ``OUT/<pool>/``
    with its recorded size.
    """
    try:
        manifest = decode_manifest(manifest_path(out, name).read_bytes())
    except OSError:
        return None
    if (
        manifest is None
        or manifest.asnfp != __version__
        or manifest.options != options
        or manifest.rules_sha256 != rules_sha256
    ):
        return None
    folder = out / name
    for entry in manifest.files:
        try:
            if (folder / entry.name).stat().st_size != entry.size:
                return None
        except OSError:
            return None
    try:
        if file_sha256(pool) != manifest.pool_sha256:
            return None
    except OSError:
        return None
    return msgspec.structs.replace(manifest.row, status="skipped", path=str(pool))
