"""The test of a text against recorded values answers as the pattern it stands for.

Recorded values are kept escaped; the acquisition branch's leaf (and the acquisition
gate) test a row's value against ``^(v1|v2|...)$``, case-insensitive. The set lookup
used for plain values must agree with that pattern for every text, including texts
with non-ASCII letters whose case folds onto ASCII ones, a final newline, and empty
texts.
"""

from __future__ import annotations

import re

from hypothesis import given
from hypothesis import strategies as st

from asnfp._core.acquisitions import alternation

RAW = st.sampled_from(["1", "01", "001", "2", "a_b", "K", "s", "x1.5", "1.5", "é", "i", ""])
TEXTS = st.one_of(
    RAW,
    st.text(alphabet="01kKsSiI_.\u212a\u017f\u0130\u0131é\n", max_size=4),
)


@given(st.lists(RAW, max_size=3), TEXTS)
def test_recorded_values_match_as_their_pattern(raw: list[str], text: str) -> None:
    found = tuple(re.escape(value) for value in raw)
    pattern = re.compile("^(" + "|".join(found) + ")$", re.IGNORECASE)
    assert alternation(found).match(text) == (pattern.match(text) is not None)


def test_plain_values_are_compared_without_case() -> None:
    recorded = alternation(("001", "a_b"))
    assert recorded.match("001") and recorded.match("A_B")
    assert not recorded.match("01") and not recorded.match("001 ")
    assert recorded.match("001\n")  # ``$`` before a final newline, as the pattern
    # Case folding beyond ASCII: the long s and the Kelvin sign match ``s`` and ``k``.
    assert alternation(("s",)).match("\u017f") and alternation(("k",)).match("\u212a")
