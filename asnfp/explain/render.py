"""Explanations as text: one line per failing condition, fate or rule."""

from __future__ import annotations

from asnfp.explain.model import (
    AttrFailure,
    CheckFailure,
    Excluded,
    Explanation,
    Failing,
    Fate,
    Kept,
    Membership,
    Refused,
    Removed,
    RowExplanation,
    RuleVerdict,
)

__all__ = ("explanation_text", "failure_text", "fate_text", "reason_text", "verdict_lines")


def failure_text(failure: Failing) -> str:
    """One failing condition: the row's value and the value wanted."""
    match failure:
        case AttrFailure():
            label = failure.column or "/".join(failure.sources)
            if failure.name is not None and failure.name != label:
                label = f"{failure.name} ({label})"
            value = failure.value if failure.value is not None else "unspecified"
            return f"{label} = {value}, wanted {failure.wanted}"
        case CheckFailure():
            return f"{failure.condition.text}: has {failure.value}, wanted {failure.wanted}"
        case Excluded():
            held = ", ".join(
                f"{h.column}={h.value}" if h.column is not None else h.text for h in failure.held
            )
            return f"{failure.condition.text}: holds ({held})"
        case Refused():
            return f"{failure.condition.text}: {failure.value}"


def fate_text(fate: Fate) -> str:
    """What finalize made of one association holding the row."""
    match fate:
        case Kept():
            return f"written as {fate.name} (product {fate.product}, member {fate.exptype})"
        case Removed():
            by = ""
            if fate.by is not None:
                kept = fate.step == "rule_finalize"
                by = f"; written without it as {fate.by}" if kept else f"; kept instead: {fate.by}"
            return f"removed at {fate.step}: {fate.why}{by}"


def _membership_text(membership: Membership) -> str:
    return (
        f"{membership.candidate} ({membership.candidate_type}), product {membership.product}, "
        f"member {membership.exptype}"
    )


def reason_text(verdict: RuleVerdict) -> str:
    """The orphan reason for the closest rule: its failing conditions, or its fates."""
    if verdict.status == "selected":
        fates = [fate_text(f) for m in verdict.memberships for f in m.fates]
        return f"{verdict.rule} took the row, then {'; '.join(dict.fromkeys(fates))}"
    failures = "; ".join(failure_text(f) for f in verdict.failures)
    count = len(verdict.failures)
    text = f"{verdict.rule} ({count} failing): {failures}" if count else verdict.rule
    return text + (f" ({verdict.note})" if verdict.note else "")


def verdict_lines(verdict: RuleVerdict, *, every: bool = False) -> list[str]:
    """A rule's verdict: a heading line, then indented details."""
    head = f"{verdict.rule} [{verdict.asn_type}]"
    if verdict.status == "creates_nothing":
        return [f"{head}: creates no association. {verdict.note or ''}".rstrip()]
    if verdict.status == "selected":
        lines = [f"{head}: selected"]
        for membership in verdict.memberships:
            lines.append(f"    in {_membership_text(membership)}")
            lines.extend(f"      {fate_text(fate)}" for fate in membership.fates)
        return lines
    where = f" (run {verdict.run})" if verdict.run is not None else ""
    if not verdict.failures:
        return [f"{head}: not selected{where}: {verdict.note or 'no condition fails'}"]
    first = verdict.failures[0]
    more = len(verdict.failures) - 1
    tail = f" (+{more} more)" if more and not every else ""
    lines = [f"{head}: not selected{where}: {failure_text(first)}{tail}"]
    if every:
        for failure in verdict.failures:
            path = " > ".join(failure.condition.path)
            lines.append(f"    - {failure_text(failure)}" + (f"  [in {path}]" if path else ""))
    if every and verdict.fix is not None:
        cells = ", ".join(f"{column}={value}" for column, value in verdict.fix.items())
        lines.append(f"    selected once the row has: {cells}")
    if every and verdict.unfixed:
        still = "; ".join(failure_text(f) for f in verdict.unfixed)
        lines.append(f"    with the wanted values set, still failing: {still}")
    if verdict.note:
        lines.append(f"    ({verdict.note})")
    return lines


def _row_text(row: RowExplanation, *, every: bool, rules: frozenset[str] | None) -> list[str]:
    candidates = ", ".join(f"{cid} ({kind})" for cid, kind in row.candidates) or "none"
    lines = [
        f"{row.filename}: pool row {row.index} (0-based), exp_type {row.exp_type}, "
        f"exposure {row.exposure}, candidates {candidates}",
    ]
    if row.orphan:
        lines.append("orphan: no written association holds it")
        lines.append(f"reason: {row.reason}")
    for level in (2, 3):
        shown = [
            v for v in row.verdicts
            if v.level == level and (rules is None or v.rule.lower() in rules)
        ]
        if not shown:
            continue
        lines.append("")
        lines.append("Level 2b rules" if level == 2 else "Level 3 rules")
        for verdict in shown:
            lines.extend("  " + line for line in verdict_lines(verdict, every=every))
    return lines


def explanation_text(
    explanation: Explanation, *, every: bool = False, rules: frozenset[str] | None = None
) -> str:
    """The whole explanation; ``every`` lists all failing conditions, ``rules`` filters."""
    blocks = ["\n".join(_row_text(row, every=every, rules=rules)) for row in explanation.rows]
    return "\n\n".join(blocks) + "\n"
