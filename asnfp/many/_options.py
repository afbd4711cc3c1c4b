"""The generation options of a batch: the options of ``asnfp generate``, as one value."""

from __future__ import annotations

import hashlib
from datetime import datetime
from functools import lru_cache
from pathlib import Path
from typing import Literal

import msgspec
from returns.result import Result

from asnfp._version import version_stamp
from asnfp.errors import RuleError
from asnfp.rules.rule import Rule

__all__ = (
    "GenerateOptions",
    "absolute_rules",
    "check_options",
    "load_rules",
    "resolve_version",
    "rules_digest",
)


class GenerateOptions(msgspec.Struct, frozen=True, kw_only=True, forbid_unknown_fields=True):
    """The options of ``asnfp generate`` that apply to each pool of a batch.

    Each field is the option of the same meaning: ``candidate_ids`` is ``-i``, ``version_id``
    is ``--version-id`` (``True`` for the bare option, a UTC time stamp taken once per
    batch), ``rules`` is ``-r``, ``finalize=False`` is ``--no-finalize``, ``dms`` is ``--DMS``,
    ``per_pool`` is ``--per-pool-algorithm``, ``pool_format`` is ``--pool-format``,
    ``format`` is ``--format`` and ``save_orphans`` is ``--save-orphans`` (a file name inside
    each pool's folder).

    Examples
    --------
    >>> GenerateOptions(merge=True).merge
    True
    """

    candidate_ids: tuple[str, ...] | None = None
    discover: bool = False
    all_candidates: bool = False
    version_id: str | bool | None = None
    rules: tuple[str, ...] = ()
    ignore_default: bool = False
    finalize: bool = True
    merge: bool = False
    dms: bool = False
    per_pool: bool = False
    debug: bool = False
    delimiter: str = "|"
    pool_format: str = "ascii"
    format: Literal["json", "yaml"] = "json"
    save_orphans: str | None = None


def check_options(options: GenerateOptions) -> str | None:
    """Why the options cannot be used together, or None when they can.

    Examples
    --------
    >>> check_options(GenerateOptions(discover=True, all_candidates=True))
    'discover and all_candidates exclude each other and candidate_ids'
    >>> check_options(GenerateOptions()) is None
    True
    """
    chosen = (options.candidate_ids is not None, options.discover, options.all_candidates)
    if sum(chosen) > 1:
        return "discover and all_candidates exclude each other and candidate_ids"
    if options.per_pool and options.candidate_ids is not None:
        return "per_pool (--per-pool-algorithm) with candidate_ids (-i) is not supported yet"
    orphans = options.save_orphans
    if orphans is not None and (not orphans or Path(orphans).name != orphans):
        return f"save_orphans={options.save_orphans!r} must be a plain file name"
    if options.format not in ("json", "yaml"):
        return f"format={options.format!r} is not one of 'json', 'yaml'"
    return None


def resolve_version(options: GenerateOptions, now: datetime | None = None) -> str | None:
    """The version id written into file names: the given one, or a time stamp for ``True``.

    Examples
    --------
    >>> resolve_version(GenerateOptions(version_id=True), datetime(2026, 1, 2, 3, 4, 5))
    '20260102t030405'
    """
    return version_stamp(options.version_id, now)


def absolute_rules(options: GenerateOptions) -> GenerateOptions:
    """The options with each rule file path made absolute, for workers in other folders.

    A spec is a file path when it ends in ``.py`` or names an existing file, as for ``-r``.
    """
    specs = tuple(
        str(Path(spec).resolve()) if spec.endswith(".py") or Path(spec).exists() else spec
        for spec in options.rules
    )
    return msgspec.structs.replace(options, rules=specs)


def rules_digest(options: GenerateOptions) -> tuple[str, ...]:
    """The SHA-256 of each rule file given with ``rules``; a module name stands for itself."""
    digests = []
    for spec in options.rules:
        path = Path(spec)
        try:
            digests.append(hashlib.sha256(path.read_bytes()).hexdigest())
        except OSError:
            digests.append(spec)
    return tuple(digests)


@lru_cache(maxsize=8)
def load_rules(specs: tuple[str, ...], ignore_default: bool) -> Result[tuple[Rule, ...], RuleError]:
    """The rules of a batch, loaded once per process."""
    from asnfp.rules.loading import rule_set
    from asnfp.rules.registry import DEFAULT

    return rule_set(specs, ignore_default=ignore_default, default=DEFAULT)
