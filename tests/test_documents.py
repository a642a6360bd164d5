"""Documents map every prose character back to the exact place in the original file."""
from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given, settings, strategies as st

from qc.documents import PLACEHOLDER, load_document, load_text
from qc.errors import InputError


def _prose_matches_source(doc):
    """Every prose character that is not a placeholder or separator comes from the same character in the file."""
    for i, ch in enumerate(doc.text):
        if ch in (PLACEHOLDER, "\n") or ch == " ":
            continue
        assert doc.source[doc.offsets[i]] == ch, (i, ch, doc.source[doc.offsets[i]])


def test_txt_lines_are_paragraphs_with_exact_offsets():
    src = "Titre sans point\nPremière phrase. Deuxième phrase !\n\nDernier paragraphe."
    doc = load_text(src, "txt")
    assert [doc.text[p.start:p.end] for p in doc.paragraphs] == [
        "Titre sans point", "Première phrase. Deuxième phrase !", "Dernier paragraphe."]
    _prose_matches_source(doc)
    sent = doc.sentences[2]
    off, length = doc.source_span(sent.start, sent.end)
    assert doc.source[off:off + length] == "Deuxième phrase !"
    assert doc.position(off) == (2, 18)


@settings(max_examples=60, deadline=None)
@given(st.text(alphabet=st.characters(blacklist_categories=("Cs",), blacklist_characters="\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029"), max_size=200))
def test_txt_mapping_is_exact_for_any_text(src):
    doc = load_text(src, "txt")
    _prose_matches_source(doc)


MD = """---
title: "Essai"
date: 2024-05-30
lang: fr
---
# Un titre avec `du code`

Selon **Le Monde**, [xAI](https://x.ai/news) a levé des fonds. Voir https://example.org/page pour le détail.
Suite du paragraphe sur une ligne coupée.

<!-- qc-disable name -->

```python
print("Openai")  # jamais vérifié
```

- Premier élément.
- Second élément avec l’apostrophe.
"""


def test_markdown_front_matter_and_skipped_parts():
    doc = load_text(MD, "md", path="a.md")
    assert doc.meta["published"] == date(2024, 5, 30)
    assert doc.meta["lang"] == "fr"
    assert "title" not in doc.text and "2024-05-30" not in doc.text
    assert "print" not in doc.text and "Openai" not in doc.text
    assert "https" not in doc.text and "x.ai/news" not in doc.text
    assert "Selon Le Monde, xAI a levé des fonds." in doc.text
    assert f"Un titre avec {PLACEHOLDER}" in doc.text
    assert "Voir " + PLACEHOLDER + " pour le détail." in doc.text
    assert [c.text for c in doc.comments] == ["qc-disable name"]
    assert doc.comments[0].line == 11
    _prose_matches_source(doc)


def test_markdown_positions_point_into_original_lines():
    doc = load_text(MD, "md", path="a.md")
    i = doc.text.index("xAI")
    off, length = doc.source_span(i, i + 3)
    assert doc.source[off:off + length] == "xAI"
    assert doc.position(off) == (8, 22)
    j = doc.text.index("l’apostrophe")
    off, _ = doc.source_span(j, j + 1)
    assert doc.position(off) == (18, 23)


def test_markdown_with_crlf_line_endings_reads_as_with_lf():
    """CRLF line endings read as LF ones, and offsets still point into the original lines."""
    lf = load_text(MD, "md", path="a.md")
    other = load_text(MD.replace("\n", "\r\n"), "md", path="a.md")
    assert other.text == lf.text
    assert [(p.end - p.start) for p in other.paragraphs] == [(p.end - p.start) for p in lf.paragraphs]
    i = other.text.index("xAI")
    off, length = other.source_span(i, i + 3)
    assert other.source[off:off + length] == "xAI"


def test_markdown_cr_line_endings_and_nul_are_normalised_as_commonmark_says():
    doc = load_text("Une phrase\0 coupée\rsur deux lignes.\r\rSuite.\r", "md")
    assert doc.text == "Une phrase\ufffd coupée sur deux lignes.\n\nSuite."


def test_markdown_table_cells_and_entities_map_to_their_own_characters():
    """Each text piece has its own source range: equal cells of one row, an entity, an
    escape, a code span broken over two lines all map where they stand."""
    src = "| Groupe | Pays |\n| --- | --- |\n| Orange | France |\n| Iliad | France |\n\nPrix &#233;lev&eacute; \\*fin\\* et `ligne\ncoupée` ici.\n"
    doc = load_text(src, "md")
    cells = [i for i in range(len(doc.text)) if doc.text.startswith("France", i)]
    assert len({doc.offsets[i] for i in cells}) == 2  # each "France" cell is its own
    assert doc.source.count("France") == 2
    i = doc.text.index("élevé")
    assert doc.source[doc.offsets[i]:].startswith("&#233;")
    assert doc.source[doc.offsets[i + 4]:].startswith("&eacute;")
    assert "*fin*" in doc.text
    assert f"et {PLACEHOLDER} ici." in doc.text
    assert doc.source[doc.offsets[doc.text.index(PLACEHOLDER)]:].startswith("ligne")


def test_markdown_paragraph_lines_are_those_a_comment_can_end():
    from qc.documents.readers import markdown_paragraph_lines

    src = ("# Titre ATX\n\nTitre setext\n============\n\nUne phrase\nsur *deux\nlignes*.\n\n"
           "- élément\n  suite\n- autre\n\n```\ncode\n```\n\n| a | b |\n| --- | --- |\n| c | d |\n")
    assert markdown_paragraph_lines(src) == {0, 5, 6, 7, 9, 10, 11}


_MARKUP = st.sampled_from(["*", "_", "**", "`", "``", "[", "]", "(http://x.fr)", "<", ">", "<!-- qc-disable name -->", "&amp;",
                           "&#233;", "\\", "# ", "- ", "1. ", "> ", "|", "---", "\n", "\n\n", "\r\n", "    ", "![a](b.png)",
                           "<https://a.b>", "~~", "Le Monde", "l’IA", "é", " "])


@settings(max_examples=150, deadline=None)
@given(st.lists(_MARKUP, max_size=40).map("".join))
def test_any_markdown_loads_with_offsets_into_the_file(src):
    """Whatever the markup soup, reading never fails (but for a front matter that is not a
    YAML mapping, said in one line) and every prose character maps into the file."""
    try:
        doc = load_text(src, "md")
    except InputError as exc:
        assert "front matter" in str(exc) and "\n" not in str(exc)
        return
    assert len(doc.offsets) == len(doc.text) + 1
    assert all(0 <= off <= len(src) for off in doc.offsets)
    for i, ch in enumerate(doc.text):
        if ch.isalpha() and ch != "é":  # "é" may come from an entity
            assert doc.source[doc.offsets[i]] == ch


def test_markdown_soft_break_joins_lines_of_a_paragraph():
    doc = load_text("Une phrase coupée\nen deux lignes.\n", "md")
    assert doc.text == "Une phrase coupée en deux lignes."
    assert len(doc.sentences) == 1


def test_markdown_invalid_front_matter_says_where():
    with pytest.raises(InputError, match=r"a\.md:3: front matter YAML invalide"):
        load_text("---\ntitle: ok\ndate: [2024\n---\ntexte\n", "md", path="a.md")


HTML = """<!doctype html>
<html lang="fr"><head><title>Titre</title><style>p{color:red}</style>
<meta property="article:published_time" content="2024-05-30T10:00:00Z"></head>
<body><nav>Menu Openai</nav>
<article>
  <h1>Le titre &amp; la suite</h1>
  <p>Selon <a href="https://wsj.com">le Wall Street Journal</a>, xAI
     lève des fonds.<script>var Openai = 1;</script></p>
  <!-- qc-disable-next-line name.casing -->
  <p>Deuxième <code>Openai</code> paragraphe.</p>
</article>
<footer>Pied Chatgpt</footer>
</body></html>"""


def test_html_article_body_only():
    doc = load_text(HTML, "html", path="a.html")
    assert "Menu" not in doc.text and "Pied" not in doc.text and "color" not in doc.text
    assert "var" not in doc.text and "Openai" not in doc.text
    assert "Le titre & la suite" in doc.text
    assert "Selon le Wall Street Journal, xAI lève des fonds." in doc.text
    assert doc.meta["published"] == date(2024, 5, 30)
    assert doc.meta["lang"] == "fr"
    assert [c.text for c in doc.comments] == ["qc-disable-next-line name.casing"]
    i = doc.text.index("xAI")
    off, length = doc.source_span(i, i + 3)
    assert HTML[off:off + length] == "xAI"
    assert doc.position(off) == (7, 66)
    amp = doc.text.index("&")
    off, length = doc.source_span(amp, amp + 1)
    assert HTML[off:off + 5] == "&amp;"


@pytest.mark.parametrize("data,match", [
    (b"", None),
    (b"\x00\x01binary\x00", "binaire"),
    ("ligne un\nd\u00e9but ".encode() + b"\xff\xfe", r":2:7: UTF-8 invalide"),
])
def test_bad_bytes(tmp_path, data, match):
    f = tmp_path / "a.txt"
    f.write_bytes(data)
    if match is None:
        doc = load_document(str(f))
        assert doc.text == "" and doc.sentences == []
    else:
        with pytest.raises(InputError, match=match):
            load_document(str(f))


def test_huge_file_is_refused_without_reading(tmp_path):
    f = tmp_path / "big.txt"
    f.write_bytes(b"a" * 2048)
    with pytest.raises(InputError, match="trop volumineux"):
        load_document(str(f), max_bytes=1024)


def test_offsets_stay_exact_past_the_shared_positions(tmp_path):
    # long files take their offsets from ranges rather than the shared list of ints
    line = "Une phrase de test qui se répète. Et une autre !\n"
    src = line * (200_000 // len(line))
    doc = load_text(src, "txt")
    assert len(doc.offsets) == len(doc.text) + 1 and doc.offsets[-1] == len(src)
    _prose_matches_source(doc)
    last = doc.paragraphs[-1]
    assert doc.offsets[last.start] == len(src) - len(line)


def test_italics_are_recorded_as_prose_spans_in_markdown_and_html():
    md = load_text("Un *leak* et un _render_, pas **gras**.\n", "md")
    assert [md.text[s.start:s.end] for s in md.emphasis] == ["leak", "render"]
    html = load_text("<html><body><p>Un <em>leak</em> et <i>render</i>, pas <b>gras</b>.</p></body></html>", "html")
    assert [html.text[s.start:s.end] for s in html.emphasis] == ["leak", "render"]
