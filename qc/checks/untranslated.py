"""Words and clauses left in English or Spanish.

A cheap word-list test finds candidate runs (words that are English or Spanish
and not French, once names of the fact table, loan words, quotations, code and
URLs are masked); only those runs go to langdetect (seeded, deterministic), so
the detector never dominates the run time. Short runs need stronger evidence.
"""
from __future__ import annotations

import functools
import re
from importlib import resources as importlib_resources
from itertools import compress
from pathlib import Path
from typing import Iterable, Iterator

from qc.checks.base import Check, Context, Rule, register
from qc.checks.context import name_mask, sentence_words
from qc.findings import Finding, Severity
from qc.resources import Resources
from qc.tokens import ELISION_VOWELS, Memo, Token, Words
from qc.wordlists import frequency

CLAUSE = Rule(
    "untranslated.fragment", "untranslated", Severity.WARNING,
    "Passage resté en anglais ou en espagnol.",
    "Une proposition ou un titre non traduit (hors noms propres, citations, italiques et mots d'emprunt courants) "
    "a échappé à la traduction. La langue est confirmée par langdetect ; la probabilité est dans l'évidence.",
    "Le dirigeant a conclu : we are not going to sell the company.",
    "Le dirigeant a conclu : nous ne vendrons pas la société.",
)
WORD = Rule(
    "untranslated.word", "untranslated", Severity.INFO,
    "Mot anglais isolé resté dans une phrase française.",
    "Un mot anglais courant, absent des dictionnaires français et des emprunts admis "
    "(qc/checks/data/loanwords.txt), est sans doute un oubli de traduction ; en italique, il est voulu.",
    "Le site se trouve dans le panhandle du Texas.",
    "Le site se trouve dans l'extrême nord du Texas.",
)
TIME = Rule(
    "untranslated.time-format", "untranslated", Severity.WARNING,
    "Heure au format anglais (10:00 a.m.).",
    "L'heure s'écrit « 10 h » ou « 10 h 30 » en français ; a.m./p.m. n'existent pas.",
    "À 10:00 a.m. heure du Pacifique", "À 10 h, heure du Pacifique",
)

POSSESSIVE = Rule(
    "untranslated.possessive", "untranslated", Severity.WARNING,
    "Génitif anglais « X's » laissé dans une phrase française.",
    "« Apple's », « Nvidia's » : la traduction a gardé le génitif anglais. En français : « d'Apple », "
    "« de Nvidia ». Les noms propres qui contiennent 's (Barron's, McDonald's) sont dans la table des faits "
    "ou dans la liste des exceptions.",
    "Le nouveau modèle d'Nvidia's concurrent arrive.", "Le nouveau modèle du concurrent de Nvidia arrive.",
)

#: brand names that really end in 's (besides those of the fact table)
_POSSESSIVE_NAMES = frozenset(
    "mcdonald's macy's moody's levi's kellogg's domino's wendy's sotheby's christie's lloyd's "
    "denny's lowe's kohl's sainsbury's dillard's hardee's arby's".split()
)
_POSSESSIVE_RE = re.compile(r"\b(?P<owner>[A-ZÀ-Ý][\w.-]*)['’]s\b")

DATA = Path(str(importlib_resources.files("qc.checks"))) / "data"
#: endings English shares with French cognates ("addiction", "document"): a word
#: list gap there is far more likely than an untranslated word
COGNATE_ENDINGS = ("tion", "tions", "sion", "sions", "ment", "ments", "ance", "ances", "ence", "ences", "ible", "able", "isme", "iste", "al", "ure", "ures")
_TIME_RE = re.compile(r"\b(\d{1,2})(?::(\d{2}))?\s?(a\.m\.|p\.m\.|am\b|pm\b|AM\b|PM\b)")
#: what every _TIME_RE match ends with: a digit, perhaps a space, then am or pm in any
#: case. Searched for twice as fast as _TIME_RE, whose leading \b makes the engine try
#: every position; and without the digit, words ending in "am" ("Instagram", "Islam")
#: sent two articles in three to _TIME_RE
_AM_PM = re.compile(r"\d\s?[aApP]\.?[mM]\b")
#: minimum langdetect probability by run length (words): short runs need more evidence
MIN_PROBABILITY = {1: 1.1, 2: 0.99, 3: 0.95, 4: 0.9}
DEFAULT_PROBABILITY = 0.85


@functools.lru_cache(maxsize=1)
def loanwords() -> frozenset[str]:
    lines = (DATA / "loanwords.txt").read_text(encoding="utf-8").splitlines()
    return frozenset(line.strip() for line in lines if line.strip() and not line.startswith("#"))


#: distinct words FOREIGN_LANGUAGE remembers before it starts afresh
FOREIGN_CACHE_SIZE = 200_000


def _foreign_language(word: str) -> str | None:
    """'en' or 'es' when the word is common there and unknown in French; a hyphenated
    compound the word lists lack ("year-over-year", "pre-orders") when each of its parts is
    ("capital-intensive" is not: "capital" is French too)."""
    w = word.lower()
    if frequency(w, "fr") or w in loanwords():
        return None
    if "-" in w.strip("-"):
        languages = [_foreign_language(part) for part in w.split("-")]
        if None in languages:
            return None
        return "en" if languages.count("en") >= languages.count("es") else "es"
    en, es = frequency(w, "en"), frequency(w, "es")
    if max(en, es) < 50:
        return None
    return "en" if en >= es else "es"


def _english_frequency(norm: str) -> int:
    """The word's English frequency; a hyphenated compound's is its rarest part's."""
    if "-" in norm.strip("-"):
        return min(frequency(part, "en") for part in norm.split("-"))
    return frequency(norm, "en")


#: _foreign_language by word, remembered: it is asked about every word of every article,
#: and words repeat a lot
FOREIGN_LANGUAGE = Memo(_foreign_language, FOREIGN_CACHE_SIZE)


@functools.lru_cache(maxsize=4096)
def detect(text: str) -> tuple[str, float]:
    from langdetect import DetectorFactory, detect_langs
    from langdetect.lang_detect_exception import LangDetectException

    DetectorFactory.seed = 0
    try:
        best = detect_langs(text)[0]
    except LangDetectException:
        return "unknown", 0.0
    return best.lang, round(best.prob, 3)


#: words a title leaves in lower case ("Call of Duty", "Click to Do", "Juego de Tronos")
_TITLE_MINOR_WORDS = frozenset("a an the and but or nor for of to in on at by with from as de del la el y".split())


def _function_words(words: list[Token]) -> int:
    return sum(t.norm in _TITLE_MINOR_WORDS for t in words)


#: punctuation that does not end a run: "Specs, Rumors & Latest News" stays one run
_RUN_JOINERS = frozenset(("&", "-", "'", "’", ","))


def _foreign_runs(words: Words, masked: bytearray) -> list[list[tuple[Token, str]]]:
    """The runs of English or Spanish words of a sentence, with the language of each word.

    A run is words that FOREIGN_LANGUAGE accepts, outside names, quotations and numbers,
    with nothing but _RUN_JOINERS between them. The cached word-list test is mapped over
    the whole sentence at C level; only the few words it accepts are looked at in Python.
    """
    texts = words.texts
    langs = list(map(FOREIGN_LANGUAGE.__getitem__, texts))
    runs: list[list[tuple[Token, str]]] = []
    last = -1  # index of the last word of the last run
    for i in compress(range(len(texts)), langs):
        tok = words.token(i)
        if not tok.is_word or masked[tok.start] or tok.norm[0].isdigit():
            continue
        if runs and all(map(_RUN_JOINERS.__contains__, texts[last + 1 : i])):
            runs[-1].append((tok, langs[i]))
        else:
            runs.append([(tok, langs[i])])
        last = i
    return runs


_ACRONYM_BEFORE = re.compile(r"([A-Z][A-Za-z0-9]*[A-Z0-9])[\s»”\"’']*\(\s*$")


def _spells_out_acronym(text: str, start: int) -> bool:
    """Do the words in parentheses from `start` on spell the acronym before them?"""
    m = _ACRONYM_BEFORE.search(text, max(0, start - 30), start)
    close = text.find(")", start, start + 120)
    if not m or close < 0:
        return False
    letters = m.group(1).upper()
    initials = "".join(w[0] for w in re.findall(r"[^\W\d_][\w'’-]*", text[start:close])).upper()
    return len(letters) >= 2 and initials.startswith(letters)


def _of(owner: str) -> str:
    """« de Nvidia », « d'Apple »: "de" elides before a vowel."""
    return f"d'{owner}" if owner[0] in ELISION_VOWELS else f"de {owner}"


def _quoted_spans(text: str) -> list[tuple[int, int]]:
    return [m.span() for m in re.finditer(r"«[^»]*»|“[^”]*”|\"[^\"]*\"", text)]


@register
class UntranslatedCheck(Check):
    rules = (CLAUSE, WORD, TIME, POSSESSIVE)

    def __init__(self, resources: Resources):
        self.resources = resources

    def run(self, ctx: Context) -> Iterable[Finding]:
        text = ctx.doc.text
        masked = bytearray(name_mask(ctx, self.resources))  # 1 where a name, a quotation or italics make words off limits
        for s, e in _quoted_spans(text) + [(span.start, span.end) for span in ctx.doc.emphasis]:
            masked[s:e] = b"\x01" * (e - s)
        if _AM_PM.search(text):  # the quick test first: most articles have no a.m./pm at all
            for m in _TIME_RE.finditer(text):
                h = int(m.group(1))
                suggestion = f"{h + 12 if m.group(3).lower().startswith('p') and h < 12 else h} h" + (f" {m.group(2)}" if m.group(2) and m.group(2) != "00" else "")
                yield ctx.finding(TIME, m.start(), m.end(), "Heure au format anglais : en français, « 10 h » ou « 10 h 30 ».", suggestion)
        if "'s" in text or "’s" in text:  # idem: most articles have no 's at all
            for m in _POSSESSIVE_RE.finditer(text):
                # a known name that itself ends in 's (Barron's) covers the 's
                if masked[m.end() - 1] or m.group(0).lower().replace("’", "'") in _POSSESSIVE_NAMES:
                    continue
                of_owner = _of(m.group("owner"))
                yield ctx.finding(POSSESSIVE, m.start(), m.end(),
                                  f"« {m.group(0)} » : génitif anglais ; en français, « {of_owner} ».",
                                  of_owner, {"language": "en"})
        sentences = sentence_words(ctx)
        # the forms the word lists call foreign, asked once per distinct form: most
        # sentences have none and are passed over by one set operation
        foreign = set(filter(FOREIGN_LANGUAGE.__getitem__, set().union(*(words.texts for words in sentences))))
        for words in sentences:
            if not foreign.isdisjoint(words.texts):
                yield from self._sentence(ctx, words, masked)

    def _sentence(self, ctx: Context, sentence: Words, masked: bytearray) -> Iterator[Finding]:
        text = ctx.doc.text
        for run in _foreign_runs(sentence, masked):
            words = [t for t, _ in run]
            start, end = words[0].start, words[-1].end
            if len(words) == 1:
                tok, lang = run[0]
                if (lang == "en" and tok.text.islower() and len(tok.text) >= 4 and _english_frequency(tok.norm) >= 100
                        and not tok.norm.endswith(COGNATE_ENDINGS)):
                    yield ctx.finding(WORD, start, end, f"« {tok.text} » : mot anglais non traduit.", None,
                                      {"language": "en", "method": "wordlist"}, confidence=0.6)
                continue
            fragment = text[start:end]
            if sum(t.is_capitalised for t in words) >= len(words) - _function_words(words):
                continue  # names and titles ("Call of Duty", "Chad Hurley, Steve Chen"), not a clause
            if _spells_out_acronym(text, start):
                continue  # "GPU (graphics processing unit)": the acronym's own words, given on purpose
            lang, prob = detect(fragment)
            need = MIN_PROBABILITY.get(len(words), DEFAULT_PROBABILITY)
            if lang in ("en", "es") and prob >= need:
                name = {"en": "anglais", "es": "espagnol"}[lang]
                yield ctx.finding(CLAUSE, start, end, f"« {fragment} » : passage resté en {name} (probabilité {prob:.2f}).",
                                  None, {"language": lang, "probability": prob, "words": len(words)})
