"""The corpus comparison rules: file-name sets, then each file as a JSON value.

Two outputs of one case agree when they hold the same file names and, per file, the parsed
documents are equal once the top-level keys ``constraints`` and ``code_version`` are dropped.
Object key order is ignored; list order (products, members) is not.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from typing import TypeAlias

JsonValue: TypeAlias = "bool | int | float | str | list[JsonValue] | dict[str, JsonValue] | None"

# Keys whose content is implementation-defined: a free-text constraint dump and a version string.
IGNORED_KEYS = frozenset({"constraints", "code_version"})

_SHOWN_CHARS = 120
_SHOWN_ITEMS = 3


@dataclass(frozen=True, slots=True)
class Difference:
    """One place where two JSON documents disagree."""

    path: str
    message: str

    def describe(self) -> str:
        """``path: message`` on one line."""
        return f"{self.path or '<document>'}: {self.message}"


@dataclass(frozen=True, slots=True)
class FileDifference:
    """A file present on both sides whose contents disagree."""

    name: str
    first: Difference
    count: int

    def describe(self) -> str:
        """The file name, its first difference and how many more there are."""
        more = f" (+{self.count - 1} more)" if self.count > 1 else ""
        return f"{self.name}: {self.first.describe()}{more}"


@dataclass(frozen=True, slots=True)
class CaseResult:
    """How one case's output compares with the expected output."""

    case: str
    expected: tuple[str, ...]
    identical: tuple[str, ...]
    differing: tuple[FileDifference, ...]
    missing: tuple[str, ...]
    extra: tuple[str, ...]

    @property
    def is_identical(self) -> bool:
        """Whether every file agrees and no file is missing or extra."""
        return not (self.differing or self.missing or self.extra)

    @property
    def differing_names(self) -> tuple[str, ...]:
        """Names of the files that differ."""
        return tuple(diff.name for diff in self.differing)

    def describe(self, limit: int = 10) -> str:
        """A multi-line account of what disagrees, at most ``limit`` files per kind."""
        lines = [
            f"{self.case}: {len(self.identical)}/{len(self.expected)} files identical, "
            f"{len(self.differing)} differing, {len(self.missing)} missing, "
            f"{len(self.extra)} extra"
        ]
        lines += _listed("differing", [diff.describe() for diff in self.differing], limit)
        lines += _listed("missing", list(self.missing), limit)
        lines += _listed("extra", list(self.extra), limit)
        return "\n".join(lines)


def _listed(title: str, items: list[str], limit: int) -> list[str]:
    """An indented block of at most ``limit`` items under a title."""
    if not items:
        return []
    shown = [f"    {item}" for item in items[:limit]]
    if len(items) > limit:
        shown.append(f"    ... and {len(items) - limit} more")
    return [f"  {title}:", *shown]


def parse(text: str) -> JsonValue:
    """A JSON document as a value; ``ValueError`` when it is not valid JSON."""
    value: JsonValue = json.loads(text)
    return value


def normalise(document: JsonValue) -> JsonValue:
    """The document without the keys the comparison ignores."""
    if isinstance(document, dict):
        return {key: value for key, value in document.items() if key not in IGNORED_KEYS}
    return document


def iter_differences(
    expected: JsonValue, actual: JsonValue, path: str = ""
) -> Iterator[Difference]:
    """Every difference between two JSON values, in document order of ``expected``."""
    if _kind(expected) != _kind(actual):
        yield Difference(
            path,
            f"expected {_typed(expected)}, got {_typed(actual)}",
        )
    elif isinstance(expected, dict) and isinstance(actual, dict):
        yield from _object_differences(expected, actual, path)
    elif isinstance(expected, list) and isinstance(actual, list):
        yield from _array_differences(expected, actual, path)
    elif expected != actual:
        yield Difference(path, f"expected {_show(expected)}, got {_show(actual)}")


def first_difference(expected: JsonValue, actual: JsonValue) -> Difference | None:
    """The first difference between two JSON values, or ``None`` when they are equal."""
    return next(iter_differences(expected, actual), None)


def compare_texts(name: str, expected: str, actual: str) -> FileDifference | None:
    """Compare two association files under the corpus rules; ``None`` when they agree."""
    try:
        actual_value = parse(actual)
    except ValueError as exc:
        return FileDifference(name, Difference("", f"not valid JSON: {exc}"), 1)
    differences = list(iter_differences(normalise(parse(expected)), normalise(actual_value)))
    if not differences:
        return None
    return FileDifference(name, differences[0], len(differences))


def compare_case(case: str, expected: Mapping[str, str], actual: Mapping[str, str]) -> CaseResult:
    """Compare the output of one case, each mapping being file name to JSON text."""
    identical: list[str] = []
    differing: list[FileDifference] = []
    for name in sorted(expected.keys() & actual.keys()):
        difference = compare_texts(name, expected[name], actual[name])
        if difference is None:
            identical.append(name)
        else:
            differing.append(difference)
    return CaseResult(
        case=case,
        expected=tuple(sorted(expected)),
        identical=tuple(identical),
        differing=tuple(differing),
        missing=tuple(sorted(expected.keys() - actual.keys())),
        extra=tuple(sorted(actual.keys() - expected.keys())),
    )


def same_content_pairs(
    result: CaseResult, expected: Mapping[str, str], actual: Mapping[str, str]
) -> list[tuple[str, str]]:
    """(missing, extra) file-name pairs whose contents agree: output right but named wrongly."""
    extra_by_content: dict[str, list[str]] = {}
    for name in result.extra:
        try:
            key = _canonical(normalise(parse(actual[name])))
        except ValueError:
            continue
        extra_by_content.setdefault(key, []).append(name)
    pairs = []
    for name in result.missing:
        candidates = extra_by_content.get(_canonical(normalise(parse(expected[name]))))
        if candidates:
            pairs.append((name, candidates.pop(0)))
    return pairs


def _object_differences(
    expected: dict[str, JsonValue], actual: dict[str, JsonValue], path: str
) -> Iterator[Difference]:
    """Missing keys, unexpected keys, then differences under shared keys."""
    for key, value in expected.items():
        if key not in actual:
            yield Difference(_key_path(path, key), f"missing key (expected {_show(value)})")
    for key, value in actual.items():
        if key not in expected:
            yield Difference(_key_path(path, key), f"unexpected key (got {_show(value)})")
    for key, value in expected.items():
        if key in actual:
            yield from iter_differences(value, actual[key], _key_path(path, key))


def _array_differences(
    expected: list[JsonValue], actual: list[JsonValue], path: str
) -> Iterator[Difference]:
    """Differences between two arrays.

    Arrays of equal length are compared item by item, so a changed member is reported at its
    own path. A reordering and a change of length are each reported once, at the array, since
    item-by-item paths would only repeat the shift.
    """
    expected_texts = [_canonical(item) for item in expected]
    actual_texts = [_canonical(item) for item in actual]
    if expected_texts == actual_texts:
        return
    expected_counts, actual_counts = Counter(expected_texts), Counter(actual_texts)
    if expected_counts == actual_counts:
        pairs = zip(expected_texts, actual_texts, strict=True)
        index = next(i for i, (left, right) in enumerate(pairs) if left != right)
        yield Difference(
            path,
            f"same {len(expected)} items in another order; first at [{index}]: "
            f"expected {_show(expected[index])}, got {_show(actual[index])}",
        )
    elif len(expected) == len(actual):
        for index, (left, right) in enumerate(zip(expected, actual, strict=True)):
            yield from iter_differences(left, right, f"{path}[{index}]")
    else:
        missing = list((expected_counts - actual_counts).elements())
        unexpected = list((actual_counts - expected_counts).elements())
        yield Difference(
            path,
            f"expected {_items_count(len(expected))}, got {len(actual)}"
            + _items("; missing", missing)
            + _items("; unexpected", unexpected),
        )


def _canonical(value: JsonValue) -> str:
    """A text that is equal for equal JSON values, whatever their object key order."""
    return json.dumps(value, sort_keys=True)


def _kind(value: JsonValue) -> str:
    """The JSON type of a value; ``bool`` is not a number and ``int`` is not ``float``."""
    match value:
        case None:
            return "null"
        case bool():
            return "boolean"
        case int():
            return "integer"
        case float():
            return "float"
        case str():
            return "string"
        case list():
            return "array"
        case _:
            return "object"


def _typed(value: JsonValue) -> str:
    """A value with its JSON type, for messages about a type mismatch."""
    return "null" if value is None else f"{_kind(value)} {_show(value)}"


def _items_count(count: int) -> str:
    """``1 item`` or ``N items``."""
    return f"{count} item" if count == 1 else f"{count} items"


def _key_path(path: str, key: str) -> str:
    """The path of an object member."""
    return f"{path}.{key}" if path else key


def _show(value: JsonValue) -> str:
    """A value as compact JSON, shortened for a one-line message."""
    text = json.dumps(value)
    return text if len(text) <= _SHOWN_CHARS else text[: _SHOWN_CHARS - 3] + "..."


def _items(title: str, texts: list[str]) -> str:
    """A few canonical item texts after a title, or nothing when there are none."""
    if not texts:
        return ""
    shown = ", ".join(_show(json.loads(text)) for text in texts[:_SHOWN_ITEMS])
    more = f" and {len(texts) - _SHOWN_ITEMS} more" if len(texts) > _SHOWN_ITEMS else ""
    return f"{title} {shown}{more}"
