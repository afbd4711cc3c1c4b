"""Log–log plot of whole-process time against pool rows: ``bench/scaling.png``.

``bench/run.py`` draws it after every run. Run alone, this script redraws it from the tables of a
report that ``bench/run.py`` wrote, without measuring anything:

    .venv/bin/python bench/plot.py                          # bench/results.md -> bench/scaling.png
    .venv/bin/python bench/plot.py /tmp/r.md -o /tmp/scaling.png

Matplotlib is imported only inside :func:`write_plot`, with the Agg backend, so the benchmark runs
without it (the report then says why there is no plot). The PNG carries no software or date
metadata: the same figures give the same file.
"""

from __future__ import annotations

import argparse
import re
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any, NamedTuple

BENCH = Path(__file__).resolve().parent
RESULTS = BENCH / "results.md"
PLOT = BENCH / "scaling.png"


class Point(NamedTuple):
    """One measured whole-process run: pool label, pool rows and wall seconds."""

    label: str
    rows: int
    seconds: float


class Recorded(NamedTuple):
    """A reference run recorded before, on mega_pool or a scaled copy; never re-run."""

    label: str
    rows: int
    seconds: float
    peak_gb: float


RECORDED_REFERENCE = (
    Recorded("mega_pool", 837, 135.0, 1.0),
    Recorded("mega_pool ×2", 1_674, 602.0, 3.1),
    Recorded("mega_pool ×4", 3_348, 1_729.0, 11.9),
)
"""The reference's (``asn_generate``, jwst 3.0.0) wall time and peak memory on mega_pool ×1, ×2
and ×4, recorded earlier on this machine. The benchmark never runs the reference on scaled pools."""


def is_family(label: str) -> bool:
    """Whether a pool label is mega_pool or one of its scaled copies (the growth series)."""
    return label == "mega_pool" or label.startswith(("mega_pool ×", "synthetic "))


def short_label(label: str) -> str:
    """A point's annotation: ``×4`` for ``mega_pool ×4``, ``100k`` for the synthetic pool."""
    if label == "mega_pool":
        return "×1"
    if label.startswith("mega_pool "):
        return label.removeprefix("mega_pool ")
    if label.startswith("synthetic "):
        rows = int(label.removeprefix("synthetic ").replace(",", ""))
        return f"{rows // 1000}k" if rows % 1000 == 0 else f"{rows:,}"
    return label


def write_plot(
    asnfp: Sequence[Point], reference: Sequence[Point], path: Path, subtitle: str
) -> str | None:
    """Draw the plot into ``path``: None when written, else the reason it was not."""
    if not asnfp and not reference:
        return "no successful run to plot"
    try:
        from matplotlib.backends.backend_agg import FigureCanvasAgg
        from matplotlib.figure import Figure
    except ImportError:
        return "matplotlib is not installed"

    figure = Figure(figsize=(8.0, 6.2), dpi=100, layout="constrained")
    FigureCanvasAgg(figure)
    axes = figure.add_subplot()
    axes.set_xscale("log")
    axes.set_yscale("log")

    family = sorted((p for p in asnfp if is_family(p.label)), key=lambda p: p.rows)
    others = sorted((p for p in asnfp if not is_family(p.label)), key=lambda p: p.rows)
    measured = sorted(reference, key=lambda p: p.rows)
    recorded = [Point(r.label, r.rows, r.seconds) for r in RECORDED_REFERENCE]
    blue, red, grey = "#1f5fa8", "#b2262d", "#808080"
    if family:
        names = ", ".join(short_label(p.label) for p in family)
        _series(axes, family, "o-", blue, f"asnfp: mega_pool {names}")
        base = family[0]
        ends = [base.rows, family[-1].rows]
        axes.plot(
            ends,
            [base.seconds * rows / base.rows for rows in ends],
            ":",
            color=grey,
            label=f"linear growth from asnfp {short_label(base.label)}",
        )
        _notes(axes, family, [f"{short_label(p.label)}: {p.seconds:.3g} s" for p in family],
               blue, (6, -12))  # fmt: skip
    if others:
        _series(axes, others, "^", blue, "asnfp: smaller corpus pools")
    if measured:
        _series(axes, measured, "s", red, "reference: measured in this run")
        _notes(axes, measured, [f"{p.seconds:.3g} s" for p in measured], red, (-8, -3),
               align="right")  # fmt: skip
    _series(axes, recorded, "s--", red, "reference: recorded earlier (×1, ×2, ×4; not this run)",
            hollow=True)  # fmt: skip
    _notes(
        axes,
        recorded,
        [f"{short_label(r.label)}: {r.seconds:,.0f} s, {r.peak_gb} GB" for r in RECORDED_REFERENCE],
        red,
        (8, -3),
    )

    axes.margins(x=0.15)  # room for the labels right of the largest pool
    axes.set_xlabel("pool rows")
    axes.set_ylabel("whole-process wall seconds")
    axes.set_title(f"Whole-process time against pool size\n{subtitle}", fontsize=10)
    axes.grid(True, which="major", alpha=0.4)
    axes.grid(True, which="minor", alpha=0.15)
    figure.legend(loc="outside lower center", ncols=2, fontsize=8)
    path.parent.mkdir(parents=True, exist_ok=True)
    figure.savefig(path, format="png", metadata={"Software": None})
    return None


def _series(
    axes: Any, points: Sequence[Point], style: str, color: str, label: str, *,
    hollow: bool = False,
) -> None:
    """One line or set of markers of seconds against rows."""
    extra = {"markerfacecolor": "none"} if hollow else {}
    axes.plot([p.rows for p in points], [p.seconds for p in points], style, color=color,
              label=label, **extra)  # fmt: skip


def _notes(
    axes: Any, points: Sequence[Point], texts: Sequence[str], color: str,
    offset: tuple[int, int], *, align: str = "left",
) -> None:
    """A small label beside each point."""
    for point, text in zip(points, texts, strict=True):
        axes.annotate(text, (point.rows, point.seconds), textcoords="offset points",
                      xytext=offset, ha=align, fontsize=8, color=color)  # fmt: skip


def table_rows(text: str, heading: str) -> list[dict[str, str]]:
    """The rows of the first markdown table under the ``## `` heading starting with ``heading``."""
    lines = text.splitlines()
    start = next((i for i, line in enumerate(lines) if line.startswith("## " + heading)), None)
    if start is None:
        return []
    table: list[list[str]] = []
    for line in lines[start + 1 :]:
        if line.startswith("## "):
            break
        if line.startswith("|"):
            table.append([cell.strip() for cell in line.strip().strip("|").split("|")])
        elif table:
            break
    if len(table) < 2:
        return []
    header = table[0]
    return [dict(zip(header, row, strict=False)) for row in table[2:]]


def number(cell: str) -> float | None:
    """A figure in a table cell (``3,348``, ``5.173``), or None (``n/a``, ``failed (exit 1)``)."""
    try:
        return float(cell.replace(",", ""))
    except ValueError:
        return None


def points(rows: list[dict[str, str]], column: str) -> list[Point]:
    """Pool label, rows and the seconds of ``column`` for every row where both are numbers."""
    found: list[Point] = []
    for row in rows:
        count, seconds = number(row.get("rows", "")), number(row.get(column, ""))
        if count is not None and seconds is not None:
            found.append(Point(row.get("pool", "?"), int(count), seconds))
    return found


def subtitle_of(text: str) -> str:
    """``commit X, date`` from a report's header line, for the plot title."""
    match = re.search(r"^- date: (.+?) UTC; commit (\S+)", text, re.MULTILINE)
    return f"commit {match.group(2)}, {match.group(1)} UTC" if match else "bench/results.md"


def main(argv: Sequence[str] | None = None) -> int:
    """Redraw the plot from a report written by ``bench/run.py``."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("report", type=Path, nargs="?", default=RESULTS, help="results file")
    parser.add_argument("-o", "--output", type=Path, default=PLOT, help="PNG path")
    args = parser.parse_args(argv)
    text = args.report.read_text()
    asnfp = points(table_rows(text, "asnfp, whole process"), "seconds")
    reference = points(table_rows(text, "Reference: "), "reference seconds")
    why_not = write_plot(asnfp, reference, args.output, subtitle_of(text))
    if why_not is not None:
        print(f"no plot: {why_not}", file=sys.stderr)
        return 1
    print(f"wrote {args.output}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
