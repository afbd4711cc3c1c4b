"""The associations of one replay, indexed by the values their chain leaves are pinned to.

Every accepted row must agree with an association on each pinned leaf of the rule's
top-level ``all`` chain. A leaf pinned on column ``c`` refuses a row whose ``c`` differs
from the pinned value, and, when the leaf is required, a row that leaves ``c`` empty; an
optional leaf accepts a row that leaves ``c`` empty, and a leaf not pinned yet accepts
any row. The index answers "which associations pass all of that for this row" with
dictionary lookups instead of one test per association:

- associations are first split by their bucket key (the required single-source leaves,
  pinned when the association is created, see ``CompiledRule.bucket_leaves``);
- then by shape: which chain leaves are pinned, and on which column;
- within a shape, by the pinned values of the leaves the row has values for. A row that
  leaves some optional leaves empty looks up a table keyed by the others only; such
  tables are built on first use and kept up to date.
"""

from __future__ import annotations

from asnfp._core.building import Building
from asnfp._core.compiled import CompiledRule, PinnedForms
from asnfp._core.row import Row

_Shape = tuple[str | None, ...]
"""Per chain leaf: the column its value was pinned from, or None while it is unpinned."""
_Values = tuple[str | None, ...]
"""Per chain leaf: the pinned value, or None while it is unpinned."""
_Kept = tuple[int, ...]
"""Chain positions a lookup compares (pinned in the shape, specified in the row)."""
_Route = tuple[_Kept, tuple[str, ...]] | None


class _Shaped:
    """The associations of one bucket that share one shape."""

    __slots__ = ("tables", "values")

    def __init__(self) -> None:
        self.values: dict[Building, _Values] = {}
        self.tables: dict[_Kept, dict[tuple[str | None, ...], list[Building]]] = {}

    def add(self, building: Building, values: _Values) -> None:
        self.values[building] = values
        for kept, table in self.tables.items():
            table.setdefault(tuple(values[i] for i in kept), []).append(building)

    def remove(self, building: Building) -> None:
        values = self.values.pop(building)
        for kept, table in self.tables.items():
            table[tuple(values[i] for i in kept)].remove(building)

    def find(self, kept: _Kept, key: tuple[str, ...]) -> list[Building]:
        table = self.tables.get(kept)
        if table is None:
            table = self.tables[kept] = {}
            for building, values in self.values.items():
                table.setdefault(tuple(values[i] for i in kept), []).append(building)
        return table.get(key, [])


class ChainIndex:
    """Finds, in creation order, the associations whose pinned chain leaves accept a row."""

    __slots__ = ("_buckets", "_chain", "_columns", "_forms", "_order", "_placed", "_rule", "_seen")

    def __init__(self, rule: CompiledRule) -> None:
        self._rule = rule
        self._chain = rule.chain
        self._columns = rule.bucket_columns
        self._forms: PinnedForms = rule.pinned_forms
        self._buckets: dict[tuple[str | None, ...], dict[_Shape, _Shaped]] = {}
        self._placed: dict[Building, tuple[_Shaped, tuple[int, ...]]] = {}
        """Where each association is filed, and its chain leaves unpinned then."""
        self._order: dict[Building, int] = {}
        # Rows are offered up to three times: each row's bucket key and routes are
        # worked out once (keyed by id: the replay holds its rows until it ends).
        self._seen: dict[int, tuple[tuple[str | None, ...], dict[_Shape, _Route]]] = {}

    def add(self, building: Building) -> None:
        """File a new association."""
        self._order[building] = len(self._order)
        self._file(building)

    def update(self, building: Building) -> None:
        """Re-file an association that may have pinned another chain leaf."""
        shaped, unpinned = self._placed[building]
        # Pins never change once set: only a leaf unpinned so far can move the association.
        for index in unpinned:
            if building.leaf(index).pinned is not None:
                break
        else:
            return
        shaped.remove(building)
        self._file(building)

    def _file(self, building: Building) -> None:
        shape, values = self._shape(building)
        shapes = self._buckets.setdefault(building.bucket_key(), {})
        shaped = shapes.setdefault(shape, _Shaped())
        shaped.add(building, values)
        unpinned = tuple(
            index for (index, _), column in zip(self._chain, shape, strict=True) if column is None
        )
        self._placed[building] = (shaped, unpinned)

    def candidates(self, row: Row) -> list[Building]:
        """The associations none of whose pinned chain leaves refuses ``row``."""
        seen = self._seen.get(id(row))
        if seen is None:
            key = tuple(map(self._forms.__getitem__, map(row.values.get, self._columns)))
            seen = self._seen[id(row)] = (key, {})
        key, routes = seen
        shapes = self._buckets.get(key)
        if shapes is None:
            return []
        found: list[Building] = []
        for shape, shaped in shapes.items():
            if not shaped.values:
                continue
            if shape in routes:
                route = routes[shape]
            else:
                route = routes[shape] = self._route(row, shape)
            if route is not None:
                found.extend(shaped.find(*route))
        if len(found) > 1:
            found.sort(key=self._order.__getitem__)
        return found

    def _shape(self, building: Building) -> tuple[_Shape, _Values]:
        columns: list[str | None] = []
        values: list[str | None] = []
        for index, _ in self._chain:
            state = building.leaf(index)
            if state.pinned is None:
                columns.append(None)
                values.append(None)
            else:
                columns.append(state.sources[0])
                values.append(state.pinned)
        return tuple(columns), tuple(values)

    def _route(self, row: Row, shape: _Shape) -> _Route:
        kept: list[int] = []
        key: list[str] = []
        forms = self._forms
        values = row.values  # chain leaves never read the candidate column
        for position, column in enumerate(shape):
            if column is None:
                continue
            value = forms[values.get(column)]
            if value is None:
                if self._chain[position][1]:
                    return None  # a required leaf refuses a row without its value
                continue  # an optional leaf accepts a row without its value
            kept.append(position)
            key.append(value)
        return tuple(kept), tuple(key)
