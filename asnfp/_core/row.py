"""Pool rows as the matching step sees them."""

from __future__ import annotations

from dataclasses import dataclass

from asnfp._core.tables import EMPTY_VALUES


@dataclass(slots=True, eq=False)
class Row:
    """One pool row within one run (never changed once made; not frozen, because a
    large pool makes hundreds of thousands and frozen construction is several times slower).

    ``values`` are the pool cells (shared between runs); ``candidate`` is the
    ``asn_candidate`` text as this run sees it. The remaining fields are
    row facts computed once per pool.
    """

    idx: int
    values: dict[str, str]
    candidate: str
    exposure: str
    """The row's exposure type (``science``, ``psf``, ``target_acquisition``, ...)."""
    science_pointing: bool
    """``pntgtype`` is ``science`` and the exposure is not an acquisition."""
    coron: bool
    ami: bool
    tso: bool
    """TSO by the row alone (``tsovisit`` or a TSO exposure type)."""
    predicates: frozenset[str] = frozenset()
    """Names of the row predicates that hold."""
    run: int = -1
    """The run (candidate) this row belongs to here; -1 for a row with its own text."""

    def get(self, column: str) -> str | None:
        """The cell, or None when the pool has no such column."""
        if column == "asn_candidate":
            return self.candidate
        return self.values.get(column)

    def lookup(self, sources: tuple[str, ...]) -> tuple[str, str] | None:
        """The first (column, value) among ``sources`` whose value is specified."""
        for column in sources:
            value = self.get(column)
            if value is not None and value not in EMPTY_VALUES:
                return column, value
        return None

    def signature(self, columns: tuple[str, ...]) -> tuple[object, ...]:
        """Everything a rule reading ``columns`` can see of this row."""
        return (
            tuple(map(self.values.get, columns)),
            self.candidate if "asn_candidate" in columns else None,
            self.exposure,
            self.science_pointing,
            self.coron,
            self.ami,
            self.tso,
            self.predicates,
        )

    @property
    def filename(self) -> str:
        return self.values["filename"]
