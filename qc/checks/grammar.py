"""Sentences broken by the translation, found with lexical heuristics.

Each heuristic targets one failure of machine translation and is tested on
positives and on correct French that looks similar (tests/checks/test_grammar.py):
a passé composé that lost its auxiliary ("Business Insider révélé que"), a
sentence starting with a stray interrogative ("Quoi 9 mars"), repeated words,
"ca" for "ça", a possessive addressing the reader in a news narrative, a
capitalised function word in mid-sentence after a lost list item ("et Si
cela"), and a noun followed by an adjective of the same stem ("une importance
importante").
"""
from __future__ import annotations

import re
from typing import Iterable, Iterator

from qc.checks.base import Check, Context, Rule, register
from qc.checks.context import sentence_tokens
from qc.facts.dates import MONTHS
from qc.findings import Finding, Severity
from qc.resources import Resources
from qc.tokens import Token, lemma

MISSING_AUX = Rule(
    "fluency.missing-auxiliary", "fluency", Severity.WARNING,
    "Passé composé sans auxiliaire (« Business Insider révélé que »).",
    "La traduction a perdu l'auxiliaire « a » ou « ont » : un participe passé suit directement son sujet.",
    "Cette semaine, Business Insider révélé que le projet avance.",
    "Cette semaine, Business Insider a révélé que le projet avance.",
)
STRAY_START = Rule(
    "fluency.stray-interrogative", "fluency", Severity.WARNING,
    "Phrase qui commence par un interrogatif égaré (« Quoi 9 mars »).",
    "Un article espagnol « El 9 de marzo » devient « Quoi 9 mars » : un mot interrogatif suivi d'un nombre "
    "n'est pas une phrase française.",
    "Quoi 9 mars, la société a été fondée.", "Le 9 mars, la société a été fondée.",
)
REPEATED = Rule(
    "fluency.repeated-word", "fluency", Severity.WARNING,
    "Mot répété deux fois de suite.", "Un mot doublé (« le le ») est une coquille.",
    "Il a lancé le le projet.", "Il a lancé le projet.",
)
CA = Rule(
    "fluency.ca-cedilla", "fluency", Severity.WARNING,
    "« ca » écrit pour « ça ».", "Le pronom démonstratif s'écrit « ça », avec une cédille.",
    "C'est comme ca.", "C'est comme ça.",
)
READER = Rule(
    "fluency.reader-possessive", "fluency", Severity.WARNING,
    "Possessif qui s'adresse au lecteur dans un récit (« de votre entreprise »).",
    "Le « su » espagnol (son, leur, votre) est souvent rendu par « votre » : dans un article qui ne "
    "s'adresse pas au lecteur, « votre entreprise » désigne en fait celle du sujet.",
    "Musk relie ce projet à d'autres sociétés de votre entreprise.",
    "Musk relie ce projet à d'autres sociétés de son empire.",
)
CAPITAL = Rule(
    "fluency.capital-mid-sentence", "fluency", Severity.WARNING,
    "Mot-outil avec une majuscule en milieu de phrase (« et Si cela »).",
    "Une majuscule au milieu d'une phrase sur un mot-outil signale un élément de liste perdu ou deux "
    "phrases recollées par la traduction.",
    "Avec Tesla, xAI et Si cela ne suffisait pas, il plaide.",
    "Avec Tesla et xAI, comme si cela ne suffisait pas, il plaide.",
)
REDUNDANT = Rule(
    "fluency.redundant-adjective", "fluency", Severity.INFO,
    "Nom suivi d'un adjectif de même racine (« une importance importante »).",
    "La traduction rend « tener mucha importancia » ou « a significant significance » par un pléonasme.",
    "Les nouvelles ont une importance importante.", "La nouvelle a une grande importance.",
)

AUXILIARIES = frozenset(
    "a ai as avons avez ont avait avais avaient avions aviez aura auront aurait auraient eu avoir ayant "
    "est es sommes êtes sont était étais étaient été être étant sera seront serait seraient soit soient fut "
    "fût furent ne n' pas plus jamais déjà aussi été".split()
)
IRREGULAR_PARTICIPLES = frozenset(
    "acquis pris mis dit fait écrit conquis promis permis compris ouvert offert découvert reçu vu su eu dû pu "
    "voulu obtenu tenu soutenu construit produit introduit vendu rendu perdu répondu attendu repris".split()
)
SAY_VERBS = frozenset(
    "révéler annoncer indiquer déclarer confirmer affirmer expliquer préciser rapporter assurer souligner "
    "ajouter estimer écrire dire publier embaucher acheter acquérir lancer racheter nommer recruter".split()
)
FUNCTION_WORDS = frozenset("Si Et Mais Ou Donc Or Ni Car Que Qui Il Elle Ils Elles Cela Ce Cette Ces Les Des Un Une Du Dans Pour Avec Sur Comme".split())
_INTERROGATIVES = re.compile(r"^(?:Quoi|Qu['’]est-ce|Quel|Quelle|Comment|Pourquoi|Où)\s+\d", re.IGNORECASE)


def _is_participle(tok: Token) -> bool:
    word = tok.norm
    if word in IRREGULAR_PARTICIPLES:
        return True
    if not re.search(r"(?:é|ée|és|ées)$", word):
        return False
    lem = lemma(word)
    return lem != word and lem.endswith("er")


def _verb_of(tok: Token) -> str:
    if tok.norm in IRREGULAR_PARTICIPLES:
        return {"acquis": "acquérir", "pris": "prendre", "dit": "dire", "fait": "faire", "écrit": "écrire"}.get(tok.norm, tok.norm)
    return lemma(tok.norm)


@register
class GrammarCheck(Check):
    rules = (MISSING_AUX, STRAY_START, REPEATED, CA, READER, CAPITAL, REDUNDANT)

    def __init__(self, resources: Resources):
        self.resources = resources

    def run(self, ctx: Context) -> Iterable[Finding]:
        doc = ctx.doc
        text = doc.text
        addresses_reader = len(re.findall(r"\bvous\b", text, re.IGNORECASE)) >= 2
        for sentence, tokens in zip(doc.sentences, sentence_tokens(ctx)):
            stext = text[sentence.start : sentence.end]
            m = _INTERROGATIVES.match(stext)
            if m:
                end = sentence.start + m.end()
                yield ctx.finding(STRAY_START, sentence.start, end + _digits_after(text, end),
                                  "Début de phrase incohérent : un interrogatif suivi d'un nombre, sans doute un article (« Le ») mal traduit.",
                                  None)
            yield from self._missing_aux(ctx, tokens)
            yield from self._repeated(ctx, tokens)
            yield from self._capital(ctx, tokens, sentence.start)
            yield from self._redundant(ctx, tokens)
            for tok in tokens:
                if tok.text in ("ca", "Ca") and not re.match(r"\.\s*\d", text[tok.end : tok.end + 3]):  # "ca. 1900"
                    yield ctx.finding(CA, tok.start, tok.end, "« ca » s'écrit « ça ».", "ça" if tok.text == "ca" else "Ça")
            if not addresses_reader:
                for tok in tokens:
                    if tok.norm in ("votre", "vos") and not _inside_quote(text, sentence.start, tok.start):
                        yield ctx.finding(READER, tok.start, tok.end,
                                          f"« {tok.text} » s'adresse au lecteur, ce que l'article ne fait pas ailleurs : "
                                          "sans doute un possessif mal traduit (son, sa, ses, leur).", None, confidence=0.7)

    def _missing_aux(self, ctx: Context, tokens: list[Token]) -> Iterator[Finding]:
        for i in range(1, len(tokens)):
            tok, prev = tokens[i], tokens[i - 1]
            if not tok.is_word or not _is_participle(tok):
                continue
            before = {t.norm for t in tokens[max(0, i - 3) : i]}
            if before & AUXILIARIES:
                continue
            nxt = tokens[i + 1] if i + 1 < len(tokens) else None
            subject_is_name = prev.is_word and prev.is_capitalised and prev.norm not in MONTHS and i - 1 > 0
            if prev.norm == "qui" and nxt is not None and nxt.is_word:
                yield self._aux_finding(ctx, prev, tok, "a")
            elif subject_is_name and nxt is not None and nxt.norm in ("que", "qu'") and _verb_of(tok) in SAY_VERBS:
                yield self._aux_finding(ctx, prev, tok, "a")
            elif prev.norm in MONTHS and nxt is not None and nxt.is_capitalised and _verb_of(tok) in SAY_VERBS:
                yield self._aux_finding(ctx, prev, tok, "il a")

    def _aux_finding(self, ctx: Context, prev: Token, tok: Token, aux: str) -> Finding:
        return ctx.finding(
            MISSING_AUX, prev.start, tok.end,
            f"« {prev.text} {tok.text} » : il manque l'auxiliaire du passé composé (« {prev.text} {aux} {tok.text} »).",
            f"{prev.text} {aux} {tok.text}",
        )

    def _repeated(self, ctx: Context, tokens: list[Token]) -> Iterator[Finding]:
        for a, b in zip(tokens, tokens[1:]):
            if a.is_word and a.norm == b.norm and not a.norm.isdigit() and a.norm not in ("nous", "vous", "bye"):
                yield ctx.finding(REPEATED, a.start, b.end, f"« {a.text} » est répété.", a.text)

    def _capital(self, ctx: Context, tokens: list[Token], sentence_start: int) -> Iterator[Finding]:
        for i in range(1, len(tokens) - 1):
            prev, tok, nxt = tokens[i - 1], tokens[i], tokens[i + 1]
            if tok.text in FUNCTION_WORDS and prev.is_word and prev.text.islower() and nxt.is_word and nxt.text.islower():
                yield ctx.finding(CAPITAL, tok.start, tok.end,
                                  f"« {tok.text} » : majuscule en milieu de phrase, sans doute un morceau de phrase perdu à la traduction.",
                                  tok.text.lower())

    def _redundant(self, ctx: Context, tokens: list[Token]) -> Iterator[Finding]:
        for a, b in zip(tokens, tokens[1:]):
            if a.is_word and b.is_word and len(a.norm) >= 7 and len(b.norm) >= 7 and a.norm != b.norm:
                if a.norm[:6] == b.norm[:6] and a.norm.endswith(("ance", "ence", "ité", "ion")) and b.norm.endswith(("ant", "ante", "ent", "ente", "if", "ive", "el", "elle", "ionnel")):
                    yield ctx.finding(REDUNDANT, a.start, b.end, f"« {a.text} {b.text} » : pléonasme (même racine).", None)


def _digits_after(text: str, pos: int) -> int:
    n = 0
    while pos + n < len(text) and text[pos + n].isdigit():
        n += 1
    return n


def _inside_quote(text: str, start: int, pos: int) -> bool:
    seg = text[start:pos]
    return seg.count("«") > seg.count("»") or seg.count("“") > seg.count("”")
