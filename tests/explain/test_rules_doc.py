"""``docs/rules.md`` is the Markdown listing of the default rules, regenerated."""

from __future__ import annotations

from pathlib import Path

from asnfp.explain import render_rules, summarize
from asnfp.explain.listing import product_template
from asnfp.rules import level3
from asnfp.rules.registry import DEFAULT

DOC = Path(__file__).resolve().parents[2] / "docs" / "rules.md"


def test_docs_rules_md_is_current() -> None:
    expected = render_rules(summarize(DEFAULT), "markdown")
    assert DOC.read_text() == expected, (
        "docs/rules.md is stale: run `asnfp rules --format markdown > docs/rules.md`"
    )


def test_docs_rules_md_lists_every_default_rule() -> None:
    text = DOC.read_text()
    assert [line[4:] for line in text.splitlines() if line.startswith("### ")] == [
        rule.name for rule in DEFAULT
    ]


def test_product_templates_come_from_the_name_functions() -> None:
    templates = {rule.name: product_template(rule) for rule in level3()}
    assert templates["Asn_Lv3MIRMRS"] == "jw<program>-<acid>_<target>_<instrument>"
    assert templates["Asn_Lv3NRCCoronImage"] == (
        "jw<program>-<acid>_<target>_<instrument>_<opt_elem>-<subarray>-image3 "
        "(-<subarray> only when not empty)"
    )
    assert templates["Asn_Lv3WFSCMB"].startswith(
        "jw<program>-<acid>_<target>_<instrument>_<opt_elem>-<slit_name>-<subarray>-"
        "<detector>_{suffix}-<act_id>"
    )
