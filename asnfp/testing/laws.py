"""Grouping invariants as named pure functions, and property tests of them for any rule.

A law takes a :class:`Case` (a pool, the rules, and what the law may vary) and returns the
violations it finds, as messages; none means it holds. ``LAWS`` collects them all;
``check_rule_properties`` turns them into one Hypothesis test for a rule.

Each law holds for the reference generator (``jwst`` 3.0.0) as stated here; where the
reference keeps less than the plain statement, the docstring says how the law is narrowed.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Callable, Iterator, Sequence
from itertools import combinations

import polars as pl
from hypothesis import given
from hypothesis import strategies as st

from asnfp.association import Association, Member, to_dict
from asnfp.io import dump, loads
from asnfp.rules.rule import Rule
from asnfp.testing import _provenance as prov
from asnfp.testing import strategies
from asnfp.testing._case import POOL_NAME as POOL_NAME
from asnfp.testing._case import Case as Case
from asnfp.testing._case import Generate as Generate
from asnfp.testing._case import asnfp_generator as asnfp_generator
from asnfp.testing._keys import DEFAULT_KEYS, Keys, disagreement
from asnfp.testing._provenance import order_sensitive as order_sensitive

__all__ = (
    "LAWS",
    "Case",
    "Generate",
    "Law",
    "candidate_runs_are_subsets",
    "check_rule_properties",
    "files_round_trip",
    "members_belong_to_candidate",
    "members_derive_from_rows",
    "members_share_group_keys",
    "memberships_are_unique",
    "order_sensitive",
    "output_is_deterministic",
    "output_is_order_independent",
    "product_names_are_unique",
    "violations",
)

Law = Callable[[Case], tuple[str, ...]]
"""An invariant: the violations found in one case (none when it holds)."""


def _files(associations: Sequence[Association]) -> dict[str, str]:
    return dict(dump(asn) for asn in associations)


def _members(asn: Association) -> Iterator[Member]:
    for product in asn.products:
        yield from product.members


def output_is_deterministic(case: Case) -> tuple[str, ...]:
    """The same pool gives the same files, byte for byte.

    The reference keeps this within one process; across processes its ``constraints`` text
    (set-ordered alternations, function addresses) may differ, which asnfp's does not.
    """
    first, second = _files(case.associations), _files(case.run(fresh=True))
    if first == second:
        return ()
    changed = sorted(set(first) ^ set(second)) or [n for n in first if first[n] != second[n]]
    return (f"two runs on one pool differ in {changed[:3]}",)


def _signature(asn: Association) -> tuple[object, ...]:
    products = tuple(
        (p.name, frozenset((m.expname, m.exptype) for m in p.members)) for p in asn.products
    )
    return (asn.asn_type, asn.asn_id, products)


def output_is_order_independent(case: Case) -> tuple[str, ...]:
    """Permuting pool rows keeps the file names and each association's type, candidate,
    product name and member set; sequence numbers and member order may move.

    Narrowed to the pools the reference keeps it for: pools where ``order_sensitive`` finds no
    reason (an optional key set on some rows of an exposure type only, or a row that is both
    background target and PSF) are checked; the others are not.
    """
    if prov.order_sensitive(case.pool) is not None:
        return ()
    order = case.permutation or tuple(range(case.pool.height - 1, -1, -1))
    moved = case.run(case.pool[list(order)])
    found: list[str] = []
    if set(_files(moved)) != set(_files(case.associations)):
        found.append(f"file names differ after reordering rows as {order}")
    lost = {_signature(a) for a in case.associations} ^ {_signature(a) for a in moved}
    found.extend(f"only one order makes {sig}" for sig in sorted(lost, key=repr)[:3])
    return tuple(found)


def members_derive_from_rows(case: Case) -> tuple[str, ...]:
    """Each member comes from one pool row (``<stem>_uncal.fits`` becomes ``<stem>_<suffix>``)
    with the suffix the level gives, or is a WFSS catalog product named after a direct image.

    Level 2: ``rate``; Level 3: ``x1d`` for backgrounds, ``cal`` for Level 2b exposure types,
    ``rate`` for others. ``ints`` is added exactly for integration products (coronagraphy,
    AMI, TSO), except that a Level 2 association whose rows carry ``tsovisit`` ``t`` may name
    any science-pointing member ``rateints``, and a Level 3 ``x1d`` background copy of a
    science member never has it.
    """
    found: list[str] = []
    for asn in case.associations:
        rule = case.rule(asn)
        coron_as_rate = rule is not None and rule.coron_as_rate
        tso_pinned = any(
            prov.specified(row, "tsovisit") == "t"
            for member in _members(asn) for row in prov.member_rows(member, case.rows)[0]
        )  # fmt: skip
        catalogs: list[str] = []
        for member in _members(asn):
            rows, suffix = prov.member_rows(member, case.rows)
            if not rows:
                if member.exptype in prov.DERIVED_TYPES or member.exptype == "direct_image":
                    catalogs.append(member.expname)
                else:
                    found.append(f"{member.expname} ({member.exptype}) comes from no pool row")
                continue
            problems = [prov.suffix_problem(asn, member, row, suffix, coron_as_rate, tso_pinned)
                        for row in rows]  # fmt: skip
            if all(problems):
                found.append(f"{asn.asn_rule}: {problems[0]}")
        found.extend(prov.catalog_problems(case.rows, asn, catalogs))
    return tuple(found)


def _duplicated(members: Sequence[Member]) -> bool:
    names = Counter(m.expname for m in members)
    return any(n > 1 for n in names.values())


def memberships_are_unique(case: Case) -> tuple[str, ...]:
    """No two associations of one level have the same membership ((expname, exptype) pairs).

    Narrowed as the reference's pruning is: products that list one expname twice are not
    compared, and only first products count.
    """
    seen: dict[tuple[int, frozenset[tuple[tuple[str, str], int]]], str] = {}
    found = []
    for asn in case.associations:
        if not asn.products or _duplicated(asn.products[0].members):
            continue
        pairs = Counter((m.expname, m.exptype) for m in asn.products[0].members)
        key = (asn.level, frozenset(pairs.items()))
        name = dump(asn)[0]
        if key in seen:
            found.append(f"{seen[key]} and {name} have the same members")
        seen[key] = name
    return tuple(found)


def members_belong_to_candidate(case: Case) -> tuple[str, ...]:
    """Every member of an association built for candidate X lists X in its row's
    ``asn_candidate`` (discovered associations, ``a3001``, have no candidate)."""
    found = []
    for asn in case.associations:
        if asn.asn_id == "a3001":
            continue
        for member in _members(asn):
            rows = prov.member_rows(member, case.rows)[0]
            if rows and not any(
                asn.asn_id in prov.candidate_ids(row["asn_candidate"]) for row in rows
            ):
                found.append(f"{dump(asn)[0]}: {member.expname} is not in {asn.asn_id}")
    return tuple(found)


def _direct_image_run(case: Case, asn: Association) -> bool:
    """The association was built where the target is ``000`` (a direct-image candidate)."""
    for member in _members(asn):
        for row in prov.member_rows(member, case.rows)[0]:
            cell = row["asn_candidate"]
            if f"('{asn.asn_id}', 'direct_image')" in cell:
                return True
            if asn.asn_id == "a3001" and cell.count("(") == 1 and "'direct_image'" in cell:
                return True
    return False


def members_share_group_keys(case: Case) -> tuple[str, ...]:
    """Within one product, the members agree on each attribute their rule groups by.

    The keys and the members they bind are in ``asnfp.testing._keys``: Level 3 rules bind
    their science members; Level 2 rules every member made from a row except target
    acquisitions. Narrowed as the reference is: values of S200A1/S200A2 slits never pin; a
    multi-column attribute agrees on the column it was first read from; targets do not bind
    in direct-image candidates; a member named after a file name two pool rows share
    (``mega_pool`` repeats some) may come from either row, so it is not compared.
    """
    found = []
    for asn in case.associations:
        keys = case.keys_of(asn)
        if keys is None:
            continue
        for product in asn.products:
            rows = [
                made[0] for member in product.members
                if len(made := prov.member_rows(member, case.rows)[0]) == 1
                and (member.exptype == "science" if keys.scope == "science"
                     else member.exptype != "target_acquisition")
            ]  # fmt: skip
            for key in keys.keys:
                if key.target and _direct_image_run(case, asn):
                    continue
                problem = disagreement(rows, key) if len(rows) > 1 else None
                if problem:
                    found.append(f"{dump(asn)[0]} ({asn.asn_rule}): {problem}")
    return tuple(found)


def _subset(left: Sequence[Member], right: Sequence[Member]) -> bool:
    """The reference's loose subset test of two products (RULES.md 12.3): member counts
    differ, members are unaccounted for, and nothing else differs."""
    if len(left) == len(right) or _duplicated(left) or _duplicated(right):
        return False
    pending = list(right)
    for member in left:
        match = next((m for m in pending if m.expname == member.expname), None)
        if match is not None:
            if match.exptype != member.exptype:
                return False
            pending.remove(match)
    return True


def product_names_are_unique(case: Case) -> tuple[str, ...]:
    """Product names are unique within one level of a run, except for pairs the reference's
    pruning keeps: the same number of members, a member typed differently in each, or an
    expname listed twice. A product of fewer members than another of its name is never
    kept beside it when the larger one only adds members."""
    found = []
    for level in (2, 3):
        firsts = [a for a in case.associations if a.level == level and a.products]
        for left, right in combinations(firsts, 2):
            if left.products[0].name != right.products[0].name:
                continue
            if _subset(left.products[0].members, right.products[0].members):
                found.append(f"{dump(left)[0]} and {dump(right)[0]} share product name "
                             f"{left.products[0].name} though one only adds members")
    return tuple(found)


def files_round_trip(case: Case) -> tuple[str, ...]:
    """Loading the text ``dump(a)`` writes gives back ``a``, for every association."""
    found = []
    for asn in case.associations:
        name, text = dump(asn)
        back = loads(text, name=name)
        if back.value_or(None) != asn:
            found.append(f"{name} reads back as {back}")
    return tuple(found)


def candidate_runs_are_subsets(case: Case) -> tuple[str, ...]:
    """A run with ``-i X`` makes exactly the associations of X that the full run keeps, and
    those the full run prunes: for a dropped one, the full run has another of the same
    membership, or of the same product name and more members.

    Associations are compared as files without their ``constraints`` text, which the
    reference writes with function addresses that change from one run to the next.
    """
    ids = [c for cell in case.pool.get_column("asn_candidate") for c in prov.candidate_ids(cell)]
    chosen = case.candidate or (ids[0] if ids else None)
    if chosen is None:
        return ()
    subset = case.run(candidate_ids=[chosen])
    full = case.associations

    def content(asn: Association) -> str:
        document = to_dict(asn)
        document.pop("constraints", None)
        return json.dumps(document)

    kept = {content(a) for a in full if a.asn_id == chosen}
    made = {content(a) for a in subset}
    found = [f"-i {chosen} lacks an association the full run keeps" for _ in kept - made]
    for asn in subset:
        if content(asn) in kept:
            continue
        if not any(_replaces(other, asn) for other in full):
            found.append(f"-i {chosen} makes {dump(asn)[0]}, which the full run neither keeps "
                         "nor prunes for another")
    return tuple(found)


def _replaces(winner: Association, loser: Association) -> bool:
    """``winner`` is why pruning drops ``loser``: same membership, or same name and more."""
    if not winner.products or not loser.products or winner.level != loser.level:
        return False
    big, small = winner.products[0], loser.products[0]
    same = Counter((m.expname, m.exptype) for m in big.members) == Counter(
        (m.expname, m.exptype) for m in small.members
    )
    return same or (big.name == small.name and _subset(small.members, big.members)
                    and len(big.members) > len(small.members))


LAWS: tuple[Law, ...] = (
    output_is_deterministic,
    output_is_order_independent,
    members_derive_from_rows,
    memberships_are_unique,
    members_belong_to_candidate,
    members_share_group_keys,
    product_names_are_unique,
    files_round_trip,
    candidate_runs_are_subsets,
)
"""Every law, in the order the issue lists the invariants."""


def violations(case: Case, laws: Sequence[Law] = LAWS) -> dict[str, tuple[str, ...]]:
    """The laws ``case`` breaks, by name, with what each found."""
    found = {law.__name__: law(case) for law in laws}
    return {name: problems for name, problems in found.items() if problems}


def check_rule_properties(
    rule: Rule,
    *,
    pools: st.SearchStrategy[pl.DataFrame] | None = None,
    laws: Sequence[Law] = LAWS,
    keys: Keys | None = None,
) -> Callable[[], None]:
    """A Hypothesis test that ``rule``, alone, keeps every law on drawn pools.

    Parameters
    ----------
    rule
        The rule under test; generation runs it alone.
    pools
        Where pools come from (default: ``asnfp.testing.strategies.pools()``).
    laws
        The laws to check (default: all of ``LAWS``).
    keys
        What the rule groups by (default: the reference's keys for a default rule's name,
        otherwise the pinned leaves of the rule's tree; see ``group_keys``).

    Returns
    -------
    Callable[[], None]
        The test, named ``test_<rule name>_properties``. Assign it to a module-level name
        for pytest to collect it, or call it. Settings come from the active profile; wrap it
        in ``hypothesis.settings(...)`` to change them.

    Examples
    --------
    >>> from asnfp.rules.level3.imaging import LV3_IMAGE
    >>> from asnfp.testing import strategies
    >>> test_image3 = check_rule_properties(LV3_IMAGE, pools=strategies.pools(("miri_image",)))
    >>> test_image3.__name__
    'test_Asn_Lv3Image_properties'
    """
    chosen = pools if pools is not None else strategies.pools()
    table = {rule.name: keys} if keys is not None else {**DEFAULT_KEYS}

    @given(chosen, st.data())
    def test(pool: pl.DataFrame, data: st.DataObject) -> None:
        order = data.draw(st.permutations(range(pool.height)), label="row order")
        ids = sorted({c for cell in pool.get_column("asn_candidate")
                      for c in prov.candidate_ids(cell)})  # fmt: skip
        candidate = data.draw(st.sampled_from(ids), label="candidate") if ids else None
        case = Case(pool, rules=(rule,), permutation=tuple(order), candidate=candidate,
                    keys=table)  # fmt: skip
        broken = violations(case, laws)
        assert not broken, "\n".join(
            f"{name}: {problem}" for name, problems in broken.items() for problem in problems
        )

    test.__name__ = test.__qualname__ = f"test_{rule.name}_properties"
    return test
