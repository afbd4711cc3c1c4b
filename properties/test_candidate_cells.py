"""Reading ``asn_candidate`` cells: the direct path agrees with Python's literal reading."""

from __future__ import annotations

import ast

from hypothesis import assume, given
from hypothesis import strategies as st

from asnfp.candidates import parse_cell

_TEXT = st.text(alphabet=st.characters(codec="ascii"), max_size=8)


@given(st.lists(st.tuples(_TEXT, _TEXT), max_size=4))
def test_any_list_of_text_pairs_reads_as_written(pairs: list[tuple[str, str]]) -> None:
    """However the text is quoted or escaped, the pairs come back as written."""
    cell = repr(pairs)
    assert ast.literal_eval(cell) == pairs
    assert parse_cell(cell).unwrap() == tuple(pairs)


@given(st.lists(st.tuples(_TEXT, _TEXT), min_size=1, max_size=4), st.sampled_from(
    [(",", ", "), ("(", "( "), ("'", '"'), ("[", " [")]
))
def test_other_spellings_read_as_the_reference_reads_them(
    pairs: list[tuple[str, str]], change: tuple[str, str]
) -> None:
    """Spacing and quoting other than the usual still read as a Python literal would."""
    cell = repr(pairs).replace(*change)
    try:
        value = ast.literal_eval(cell)
    except (ValueError, SyntaxError):
        assert parse_cell(cell).unwrap() == ()
        return
    # A changed quote can make other literals; only lists of text pairs are compared.
    assume(all(isinstance(p, tuple) and len(p) == 2 for p in value))
    assume(all(isinstance(text, str) for pair in value for text in pair))
    assert parse_cell(cell).unwrap() == tuple(value)
