"""Inline suppressions in Markdown and HTML."""
from __future__ import annotations


def rules(findings):
    return [(f.rule, f.text, f.line) for f in findings]


MD = """Openai recrute.

<!-- qc-disable name.casing -->
Openai recrute encore.

Chatgpt aussi.
<!-- qc-enable -->

<!-- qc-disable-next-line name -->
Openai, toujours.
Openai, enfin.

<!-- qc-disable -->
Openai et Le journal de Wall Street.
"""


def test_markdown_regions_and_next_line(sample_check):
    found = rules(sample_check(MD, fmt="md"))
    assert found == [("name.casing", "Openai", 1), ("name.casing", "Openai", 11)]


def test_unknown_rule_in_suppression_is_reported(sample_check):
    found = sample_check("<!-- qc-disable name.casng -->\nOpenai recrute.\n", fmt="md")
    unknown = [f for f in found if f.rule == "suppression.unknown-rule"]
    assert len(unknown) == 1 and unknown[0].text == "<!-- qc-disable name.casng -->"
    assert unknown[0].line == 1 and unknown[0].column == 1
    assert [f.rule for f in found if f.rule == "name.casing"] == ["name.casing"]


def test_html_suppressions(sample_check):
    html = """<article>
<p>Openai recrute.</p>
<!-- qc-disable-next-line name.casing -->
<p>Openai encore.</p>
<p>Openai enfin.</p>
</article>"""
    assert rules(sample_check(html, fmt="html")) == [("name.casing", "Openai", 2), ("name.casing", "Openai", 5)]


def test_prefix_and_multiple_ids(sample_check):
    md = "<!-- qc-disable-next-line idiom, name.casing -->\nOpenai recrute.\n"
    assert rules(sample_check(md, fmt="md")) == []
