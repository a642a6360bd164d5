"""Typography artefacts of machine translation and CMS pipelines.

Spaces before a comma or full stop, words glued after a full stop, stray
punctuation, a paragraph break in the middle of a sentence, missing elision,
English quotes. French conventions (space before ; : ! ? », a no-break space
before %) are correct and never flagged; where usage varies between sites (a
space before %, ! or ?), only the minority form of the article is flagged.
"""
from __future__ import annotations

import re
from collections import Counter
from typing import Iterable, Iterator

from qc.checks.base import Check, Context, Rule, register
from qc.findings import Finding, Severity
from qc.resources import Resources
from qc.wordlists import is_word

_SPACES = " \u00a0\u202f"


def _rule(rid: str, summary: str, bad: str, good: str, severity: Severity = Severity.WARNING, explanation: str = "") -> Rule:
    return Rule(rid, "fluency", severity, summary, explanation or summary, bad, good)


SPACE_BEFORE = _rule(
    "typography.space-before-punctuation", "Espace parasite avant une virgule, un point ou une parenthèse fermante.",
    "OpenAI , le créateur de ChatGPT , a annoncé", "OpenAI, le créateur de ChatGPT, a annoncé",
    explanation="En français, la virgule, le point et la parenthèse fermante suivent le mot sans espace ; "
    "ces espaces apparaissent quand un lien ou une balise a été retiré par la traduction.",
)
SPACE_AFTER_APOSTROPHE = _rule(
    "typography.space-after-apostrophe", "Espace parasite après une apostrophe d'élision.",
    "au tour d' Elon Musk", "au tour d'Elon Musk",
)
MISSING_SPACE = _rule(
    "typography.missing-space", "Espace manquante après un point, ou deux mots soudés.",
    "une hausse de 5 %.De plus, la société", "une hausse de 5 %. De plus, la société",
    explanation="Un point suivi d'une majuscule sans espace, ou deux mots français soudés (« partiedu »), "
    "trahissent une phrase recollée par la traduction.",
)
STRAY_PUNCT = _rule(
    "typography.stray-punctuation", "Ponctuation doublée ou égarée (« . . », « ,, », « . -mot »).",
    "ses grandes entreprises. . -partenaire", "ses grandes entreprises, partenaire",
)
PARAGRAPH_BREAK = _rule(
    "typography.broken-paragraph", "Saut de paragraphe au milieu d'une phrase.",
    "Microsoft\n\nMSFT.O a publié", "Microsoft (MSFT.O) a publié",
)
ELISION = _rule(
    "typography.missing-elision", "Élision manquante devant une voyelle (« que Apple », « de OpenAI »).",
    "Il rappelle que Apple a gagné.", "Il rappelle qu'Apple a gagné.",
)
QUOTES = _rule(
    "typography.english-quotes", "Guillemets anglais dans un texte français.",
    "une « superintelligence » dite 'personnelle'", "une superintelligence dite « personnelle »",
    severity=Severity.INFO,
)
SPACING_CONSISTENCY = _rule(
    "typography.inconsistent-spacing", "Espace avant %, ? ou ! absente alors que l'article la met ailleurs.",
    "une hausse de 40 % puis de 18%", "une hausse de 40 % puis de 18 %", severity=Severity.INFO,
)
MISSING_SPACE_BEFORE = _rule(
    "typography.missing-space-before", "Espace manquante avant une parenthèse ouvrante ou un deux-points.",
    "au quatrième trimestre(32,73 milliards)", "au quatrième trimestre (32,73 milliards)",
    explanation="En français, la parenthèse ouvrante est précédée d'une espace, et le deux-points d'une "
    "espace (insécable).",
)

_ELIDING = r"(?P<word>que|de|ne|je|me|te|se|ce|le|la|jusque|lorsque|puisque)"
_NO_ELISION_BEFORE = frozenset("un une uns unes onze onzième oui ouate yacht yaourt iode ion huit".split())
_ELISION_RE = re.compile(rf"\b{_ELIDING}[{_SPACES}]+(?P<next>[aeiouéèêàâîôûAEIOUÉÈÊÀÂÎÔÛ][\w.-]*)", re.IGNORECASE)


@register
class TypographyCheck(Check):
    rules = (SPACE_BEFORE, SPACE_AFTER_APOSTROPHE, MISSING_SPACE, STRAY_PUNCT, PARAGRAPH_BREAK, ELISION, QUOTES,
             SPACING_CONSISTENCY, MISSING_SPACE_BEFORE)

    def __init__(self, resources: Resources):
        self.resources = resources

    def run(self, ctx: Context) -> Iterable[Finding]:
        text = ctx.doc.text
        yield from self._simple(ctx, text)
        yield from self._glued_words(ctx, text)
        yield from self._paragraph_breaks(ctx, text)
        yield from self._elision(ctx, text)
        yield from self._consistency(ctx, text)

    def _simple(self, ctx: Context, text: str) -> Iterator[Finding]:
        for m in re.finditer(r"(?<=[\w%)»\"”])[ \t]+(?P<p>[,.)])(?=[\s\w]|$)", text):
            if m.group("p") == "." and text[m.end() : m.end() + 2] == "..":
                continue
            if m.group("p") == "." and re.match(r"\.(?:\d|[a-z]{2,4}\b)", text[m.start("p") :]):
                continue  # ".NET", ".com", ".5"
            start = _word_start(text, m.start())
            yield ctx.finding(SPACE_BEFORE, start, m.end("p"), f"Espace parasite avant « {m.group('p')} ».",
                              text[start : m.start()] + m.group("p"))
        for m in re.finditer(r"\b(?:[dlDLjJnNsScCmMtT]|[qQ]u|[jJ]usqu|[lL]orsqu|[pP]uisqu)['’][ \t]+(?=\w)", text):
            end = m.end()
            while end < len(text) and text[end].isalnum():
                end += 1
            yield ctx.finding(SPACE_AFTER_APOSTROPHE, m.start(), end, "Espace parasite après l'apostrophe.",
                              text[m.start() : m.end()].rstrip(" \t") + text[m.end() : end])
        for m in re.finditer(r"(?<=[a-zà-ÿ%)»]{2})[.!?](?P<next>[A-ZÀ-Ý][a-zà-ÿ]+)", text):
            yield ctx.finding(MISSING_SPACE, m.start(), m.end(), "Espace manquante après la fin de phrase.",
                              text[m.start()] + " " + m.group("next"))
        for m in re.finditer(r"(?:(?<![.])\.[ \t]+\.(?![.])|,[ \t]*,|;[ \t]*;|\.[ \t]+-(?=\w)|\)[ \t]*\.?[ \t]*\)|\([ \t]*\))", text):
            yield ctx.finding(STRAY_PUNCT, m.start(), m.end(), "Ponctuation doublée ou égarée : phrase probablement abîmée par la traduction.")
        for m in re.finditer(rf"(?<=[a-zà-ÿ]{{3}})\((?!s\)|e\)|es\)|x\)|nt\)|le\)|la\))(?=\w)", text):
            yield ctx.finding(MISSING_SPACE_BEFORE, m.start() - 1, m.end(), "Espace manquante avant la parenthèse ouvrante.")
        for m in re.finditer(r"(?<=[a-zà-ÿ]{2})(?P<c>:)(?=[ \t]+\w)", text):
            yield ctx.finding(MISSING_SPACE_BEFORE, m.start() - 1, m.end(), "Il faut une espace (insécable) avant le deux-points.",
                              text[m.start() - 1] + "\u00a0:")
        for m in re.finditer(r"(?<![\w'’])'(?P<q>[^'’\s][^'’\n]{0,60}?[^'’\s])'(?![\w])", text):
            yield ctx.finding(QUOTES, m.start(), m.end(), "Apostrophes droites employées comme guillemets : en français, « … ».",
                              f"« {m.group('q')} »")
        for m in re.finditer(r"“(?P<q>[^”\n]{1,300})”", text):
            if "«" in text:
                yield ctx.finding(QUOTES, m.start(), m.end(), "Guillemets anglais “…” alors que l'article emploie « … ».",
                                  f"« {m.group('q')} »")

    def _glued_words(self, ctx: Context, text: str) -> Iterator[Finding]:
        """"bordOn", "crypto-monnaiesen": two words joined when a space was lost."""
        known = {w for e in self.resources.names.table.entities.values() for f in e.forms for w in f.split()}
        for m in re.finditer(r"\b(?P<a>[a-zà-ÿ]{2,})(?P<b>[A-ZÀ-Ý][a-zà-ÿ]+)\b", text):
            word = m.group(0)
            if word in known or not is_word(m.group("a")) or not (is_word(m.group("b")) or is_word(m.group("b"), "en")):
                continue
            yield ctx.finding(MISSING_SPACE, m.start(), m.end(), f"« {word} » : deux mots soudés, une espace manque.",
                              f"{m.group('a')} {m.group('b')}")
        for m in re.finditer(r"\b[a-zà-ÿ]{6,}\b", text):
            word = m.group(0)
            if is_word(word) or is_word(word, "en"):
                continue
            split = _split_glued(word)
            if split:
                yield ctx.finding(MISSING_SPACE, m.start(), m.end(), f"« {word} » : deux mots soudés, une espace manque.",
                                  " ".join(split), confidence=0.8)

    def _paragraph_breaks(self, ctx: Context, text: str) -> Iterator[Finding]:
        paras = ctx.doc.paragraphs
        for a, b in zip(paras, paras[1:]):
            last = text[a.end - 1]
            if not (last.isalnum()):
                continue
            nxt = text[b.start : b.start + 12]
            if re.match(r"[a-zà-ÿ]", nxt) or re.match(r"[A-Z]{2,5}\.[A-Z]{1,2}\b", nxt):
                start = a.end - 1
                while start > a.start and text[start - 1].isalnum():
                    start -= 1
                end = b.start
                while end < b.end and not text[end].isspace():
                    end += 1
                yield ctx.finding(PARAGRAPH_BREAK, start, end, "Saut de paragraphe au milieu d'une phrase.",
                                  re.sub(r"\s+", " ", text[start:end]))

    def _elision(self, ctx: Context, text: str) -> Iterator[Finding]:
        for m in _ELISION_RE.finditer(text):
            nxt = m.group("next")
            word = m.group("word")
            if nxt.lower() in _NO_ELISION_BEFORE or len(nxt) < 2 or nxt.isupper() and len(nxt) <= 4:
                continue
            if word.lower() in ("le", "la") and (nxt[0].isupper() and not _is_brand(nxt)):
                continue  # "la Intel Foundry"? leave article + capitalised words alone
            if word.lower() == "la" and nxt.lower().startswith("une"):
                continue
            elided = {"que": "qu'", "jusque": "jusqu'", "lorsque": "lorsqu'", "puisque": "puisqu'"}.get(word.lower(), word[0] + "'")
            yield ctx.finding(ELISION, m.start(), m.end(), f"« {word} {nxt} » : l'élision est obligatoire devant une voyelle.",
                              elided + nxt)

    def _consistency(self, ctx: Context, text: str) -> Iterator[Finding]:
        for mark, spaced_re, tight_re in (
            ("%", rf"\d[{_SPACES}]%", r"\d%"),
            ("?", rf"\w[{_SPACES}]\?", r"\w\?"),
            ("!", rf"\w[{_SPACES}]!", r"\w!"),
        ):
            spaced = len(re.findall(spaced_re, text))
            tight = list(re.finditer(tight_re, text))
            if spaced and tight and spaced >= len(tight):
                for m in tight:
                    start = _word_start(text, m.start() + 1)
                    yield ctx.finding(SPACING_CONSISTENCY, start, m.end(),
                                      f"Espace avant « {mark} » absente, alors que l'article la met ailleurs ({spaced} fois).",
                                      text[start : m.end() - 1] + "\u00a0" + mark)


def _word_start(text: str, pos: int) -> int:
    start = pos
    while start > 0 and (text[start - 1].isalnum() or text[start - 1] in ",."):
        start -= 1
    return start


def _is_brand(word: str) -> bool:
    return any(c.isupper() for c in word[1:])


_SHORT_WORDS = frozenset("de du des le la les un une en et à au aux sur par pour dans que qui ne se sa son ses".split())


def _split_glued(word: str) -> tuple[str, str] | None:
    """Split a non-word into two French words, one of them a short function word."""
    for i in range(2, len(word) - 1):
        a, b = word[:i], word[i:]
        if (a in _SHORT_WORDS or b in _SHORT_WORDS) and len(a) >= 2 and len(b) >= 2 and is_word(a) and is_word(b):
            if len(a) + len(b) >= 6 and (len(a) >= 4 or len(b) >= 4):
                return a, b
    return None
