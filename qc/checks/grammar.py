"""Sentences broken by the translation, found with lexical heuristics.

Each heuristic targets one failure of machine translation and is tested on
positives and on correct French that looks similar (tests/checks/test_grammar.py):
a passé composé that lost its auxiliary ("Business Insider révélé que"), a
sentence starting with a stray interrogative ("Quoi 9 mars"), repeated words,
"ca" for "ça", a possessive addressing the reader in a news narrative, a
capitalised function word in mid-sentence after a lost list item ("et Si
cela"), a noun followed by an adjective of the same stem ("une importance
importante"), and a sentence cut in two by a full stop ("mardi. et la société").
"""
from __future__ import annotations

import functools
import operator
import re
from itertools import compress, count, islice
from typing import Iterable, Iterator

from qc.checks.base import Check, Context, Rule, register
from qc.checks.context import sentence_words
from qc.documents.segment import ABBREVIATIONS
from qc.facts.dates import MONTHS
from qc.findings import Finding, Severity
from qc.resources import Resources
from qc.tokens import Token, Words, lemma
from qc.wordlists import is_word

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
LOWER_START = Rule(
    "fluency.lowercase-start", "fluency", Severity.WARNING,
    "Phrase qui commence par une minuscule après un point (« mardi. et la société »).",
    "Un point suivi d'un mot-outil en minuscule coupe une phrase en deux : la traduction a inséré un point "
    "à la place d'une virgule, ou perdu une majuscule. Les abréviations (« etc. », « env. », « cf. ») ne comptent pas.",
    "Le groupe a publié ses résultats mardi. et la société prévoit de doubler ses investissements.",
    "Le groupe a publié ses résultats mardi, et la société prévoit de doubler ses investissements.",
)

AUXILIARIES = frozenset(
    "a ai as avons avez ont avait avais avaient avions aviez aura auront aurait auraient eu avoir ayant "
    "est es sommes êtes sont était étais étaient été être étant sera seront serait seraient soit soient fut "
    "fût furent ne n' pas plus jamais déjà aussi été".split()
)
#: Participles that are not also a present tense: "dit", "fait", "écrit", "produit",
#: "construit" are left out, since "Le Monde dit que" and "qui fait rage" are correct.
IRREGULAR_PARTICIPLES = frozenset(
    "acquis pris mis conquis promis permis compris ouvert offert découvert reçu vu su eu dû pu "
    "voulu obtenu tenu soutenu vendu rendu perdu répondu attendu repris".split()
)
SAY_VERBS = frozenset(
    "révéler annoncer indiquer déclarer confirmer affirmer expliquer préciser rapporter assurer souligner "
    "ajouter estimer publier embaucher acheter acquérir lancer racheter nommer recruter".split()
)
FUNCTION_WORDS = frozenset("Si Et Mais Ou Donc Or Ni Car Que Qui Il Elle Ils Elles Cela Ce Cette Ces Les Des Un Une Du Dans Pour Avec Sur Comme".split())
#: Nouns announcing a title, whose first word keeps its capital: "le roman Des souris et des
#: hommes", "le magazine Elle", "l'émission Qui veut gagner des millions", "la loi Pour une…"
TITLE_NOUNS = frozenset(
    "film films série séries livre livres roman romans essai ouvrage émission émissions podcast chanson album "
    "titre magazine journal quotidien hebdomadaire mensuel revue site blog newsletter rubrique jeu jeux "
    "application appli app slogan campagne programme documentaire spectacle pièce exposition collection "
    "label mouvement association collectif parti opération plan projet initiative manifeste tribune "
    "chronique lettre rapport loi décret texte marque logiciel service".split()
)
#: after an article or a preposition the capital marks a name or a title ("faire la Une",
#: "publié en Une", "dans Une vie de Maupassant"), not a lost sentence start ("et Si cela")
NOUN_INTRODUCERS = frozenset(
    "le la les l' un une des du de d' au aux ce cet cette ces son sa ses leur leurs "
    "à en dans par pour sur avec chez selon contre vers sans sous entre".split()
)
_MONTH_NAMES = "|".join(sorted(MONTHS, key=len, reverse=True))
#: "Quoi 9 mars" (from "El 9 de marzo"): "Quoi" or "Qu'est-ce" before a number is never French;
#: "Comment", "Pourquoi", "Où" only before a date, since "Pourquoi 2025 sera…", "Comment 3
#: ingénieurs…" are headlines. "Quel 14 juillet pour…" is a question too, so "Quel" is left out.
_INTERROGATIVES = re.compile(
    rf"^(?:(?:Quoi|Qu['’]est-ce)\s+\d+(?:er)?(?:\s+(?:{_MONTH_NAMES})\b)?"
    rf"|(?:Comment|Pourquoi|Où)\s+\d{{1,2}}(?:er)?\s+(?:{_MONTH_NAMES})\b)",
    re.IGNORECASE,
)
#: noun and adjective suffixes of one stem: "importance importante", "tradition traditionnelle",
#: "productivité productive", "innovation innovante". Only these pairs: "position positive" or
#: "information informelle" share letters, not a meaning.
_REDUNDANT_PAIRS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("ance", ("ant", "ante", "ent", "ente")),
    ("ence", ("ent", "ente", "ant", "ante")),
    ("ation", ("ant", "ante")),
    ("ion", ("ionnel", "ionnelle")),
    ("ivité", ("if", "ive")),
)
#: Prefilter of _redundant, on the sentence's normalised words each preceded by a space: a word
#: with a noun suffix of _REDUNDANT_PAIRS (and a stem of 3 letters or more) followed by a word
#: starting with the same 3 letters. Every pair _same_stem accepts matches; few sentences do.
_REDUNDANT_CANDIDATE = re.compile(r" ([^ ]{3})[^ ]*(?:ance|ence|ion|ivité)s? \1")
#: a full stop, spaces, then a lower-case word: a sentence cut in two, or an abbreviation
_LOWER_AFTER_STOP = re.compile(r"\.[ \u00a0]+(?P<next>[a-zà-öø-ÿœæ]+(?:['’](?=\w))?)")
#: the words before which a full stop cannot end an abbreviation that starts the next sentence
#: in lower case: function words that open clauses ("et", "mais", "le", "il", "selon")
_SENTENCE_OPENERS = frozenset(
    "et mais ou donc or car ni puis alors ainsi le la les l' un une des du il elle ils elles on nous "
    "je ce cette ces cet c' cela ça son sa ses leur leurs selon dans pour avec sur au aux qui que qu' "
    "dont depuis après avant lors toutefois cependant pourtant enfin si s' d' n' j'".split()
)
#: the word before the full stop: letters and digits, or a closing mark after them
_WORD_BEFORE_STOP = re.compile(r"(?:[^\W_]{2,}|[%)»”])$")
_PARTICIPLE_ENDING = re.compile(r"(?:é|ée|és|ées)$")
_VOUS = re.compile(r"\bvous\b", re.IGNORECASE)
_CA_ABBREVIATION = re.compile(r"\.\s*\d")  # "ca. 1900"
_CA = frozenset(("ca", "Ca"))
_POSSESSIVES = frozenset(("votre", "vos"))
_NOT_REPEATED = frozenset(("nous", "vous", "bye"))
#: words before which a reporting verb lost its auxiliary ("Reuters confirmé que")
_SAY_CUES = frozenset(("que", "qu'"))
#: words after which a participle lost its auxiliary ("qui racheté", "mars recruté")
_AFTER_CUES = frozenset(("qui", *MONTHS))
_AUX_CUES = _AFTER_CUES | _SAY_CUES


@functools.lru_cache(maxsize=50_000)
def _is_participle(word: str) -> bool:
    """Is the normalised word a past participle? Cached: it needs a lemma, and words repeat."""
    if word in IRREGULAR_PARTICIPLES:
        return True
    m = _PARTICIPLE_ENDING.search(word)
    if not m:
        return False
    lem = lemma(word)
    if lem == word:  # simplemma reads "levé" as an adjective
        return len(word) >= 4 and is_word(word[: m.start()] + "er")
    return lem.endswith("er")


def _verb_of(tok: Token) -> str:
    if tok.norm in IRREGULAR_PARTICIPLES:
        return {"acquis": "acquérir", "pris": "prendre"}.get(tok.norm, tok.norm)
    lem = lemma(tok.norm)
    m = _PARTICIPLE_ENDING.search(tok.norm)
    return tok.norm[: m.start()] + "er" if m and lem == tok.norm else lem


@register
class GrammarCheck(Check):
    rules = (MISSING_AUX, STRAY_START, REPEATED, CA, READER, CAPITAL, REDUNDANT, LOWER_START)

    def __init__(self, resources: Resources):
        self.resources = resources

    def run(self, ctx: Context) -> Iterable[Finding]:
        """Each heuristic reads the tokens of a sentence only when the sentence has its cue.

        A cue is tested in one set, list or regex operation on the whole sentence, which loops
        in C; a Python loop over every token of every sentence cost more than the heuristics.
        The tests only skip sentences where the heuristic could not flag anything.
        """
        doc = ctx.doc
        text = doc.text
        # an article that says "vous" once addresses its reader ("Pour vous accompagner,
        # consultez…"), and its "votre" is meant; the substring test spares the search in the
        # many articles without a possessive
        check_reader = ("votre" in text or "vos" in text) and not _VOUS.search(text)
        yield from self._lower_starts(ctx, text)
        for sentence, words in zip(doc.sentences, sentence_words(ctx)):
            stext = text[sentence.start : sentence.end]
            m = _INTERROGATIVES.match(stext)
            if m:
                yield ctx.finding(STRAY_START, sentence.start, sentence.start + m.end(),
                                  "Début de phrase incohérent : un interrogatif suivi d'un nombre, sans doute un article (« Le ») mal traduit.",
                                  None)
            norms = words.norms
            if not _AUX_CUES.isdisjoint(norms):
                yield from self._missing_aux(ctx, words)
            if any(map(operator.eq, norms, islice(norms, 1, None))):  # two equal neighbours
                yield from self._repeated(ctx, words.tokens)
            texts = words.texts
            if not FUNCTION_WORDS.isdisjoint(islice(texts, 1, None)):  # not the first token
                yield from self._capital(ctx, words.tokens)
            if _REDUNDANT_CANDIDATE.search(" " + " ".join(norms)):
                yield from self._redundant(ctx, words.tokens)
            if not _CA.isdisjoint(texts):
                for tok in words.tokens:
                    if tok.text in _CA and not _CA_ABBREVIATION.match(text, tok.end, tok.end + 3):
                        yield ctx.finding(CA, tok.start, tok.end, "« ca » s'écrit « ça ».", "ça" if tok.text == "ca" else "Ça")
            if check_reader and ("votre" in stext or "vos" in stext) and _narrative(stext, words.tokens):
                for tok in words.tokens:
                    if tok.text in _POSSESSIVES and not _inside_quote(text, sentence.start, tok.start):
                        yield ctx.finding(READER, tok.start, tok.end,
                                          f"« {tok.text} » s'adresse au lecteur, ce que l'article ne fait pas ailleurs : "
                                          "sans doute un possessif mal traduit (son, sa, ses, leur).", None, confidence=0.7)

    def _missing_aux(self, ctx: Context, words: Words) -> Iterator[Finding]:
        """A participle right after "qui", after a name before "que", or after a month before a name.

        The subject before a reporting verb must look like a name: capitalised inside the
        sentence, or at its start a word that is not French ("Reuters confirmé que", but not
        "Moins médiatisé que son rival").
        """
        norms = words.norms
        slots = [i for i in _participle_slots(norms) if _is_participle(norms[i])]
        if not slots:
            return
        tokens = words.tokens
        for i in slots:
            tok, prev = tokens[i], tokens[i - 1]
            if not tok.is_word:
                continue
            if not AUXILIARIES.isdisjoint(t.norm for t in tokens[max(0, i - 3) : i]):
                continue
            nxt = tokens[i + 1] if i + 1 < len(tokens) else None
            subject_is_name = (prev.is_word and prev.is_capitalised and prev.norm not in MONTHS
                               and (i - 1 > 0 or not is_word(prev.norm)))
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
        """"le le", "a a". Not reflexives ("nous nous"), not names ("Talk Talk", "La La Land",
        "de De Beers", "de de Gaulle"), not a letter before a verb ("la série A a levé")."""
        for i, (a, b) in enumerate(zip(tokens, tokens[1:])):
            if not a.is_word or a.norm != b.norm or a.norm.isdigit() or a.norm in _NOT_REPEATED:
                continue
            if b.is_capitalised or (a.is_capitalised and i > 0):
                continue
            after = tokens[i + 2] if i + 2 < len(tokens) else None
            if a.norm == "de" and after is not None and after.is_capitalised:
                continue  # "les mémoires de de Gaulle"
            yield ctx.finding(REPEATED, a.start, b.end, f"« {a.text} » est répété.", a.text)

    def _capital(self, ctx: Context, tokens: list[Token]) -> Iterator[Finding]:
        """A capitalised function word between two lower-case words: "xAI et Si cela".

        Titles keep their capital ("le roman Des souris et des hommes", "la Une"), so the word
        is left alone after a noun that announces a title, after an article, and when the
        source marks it (emphasis or quotes just before it).
        """
        source = ctx.doc.source
        for i in range(1, len(tokens) - 1):
            prev, tok, nxt = tokens[i - 1], tokens[i], tokens[i + 1]
            if tok.text not in FUNCTION_WORDS or not (prev.is_word and prev.text.islower() and nxt.is_word and nxt.text.islower()):
                continue
            if prev.norm in TITLE_NOUNS or prev.norm in NOUN_INTRODUCERS:
                continue
            offset, _ = ctx.doc.source_span(tok.start, tok.end)
            if offset > 0 and source[offset - 1] in "*_«\"“'‘>[":
                continue
            yield ctx.finding(CAPITAL, tok.start, tok.end,
                              f"« {tok.text} » : majuscule en milieu de phrase, sans doute un morceau de phrase perdu à la traduction.",
                              tok.text.lower())

    def _lower_starts(self, ctx: Context, text: str) -> Iterator[Finding]:
        """"mardi. et la société": a full stop, then a function word in lower case.

        Not after an abbreviation ("etc. et", "env. la", "Inc. et"), a single letter, a word
        with a dot ("c.-à-d.", "apple.com"), nor an ellipsis; the next word must be one that
        opens a clause, so that a brand in lower case ("iPhone", "eBay") is left alone.
        """
        for m in _LOWER_AFTER_STOP.finditer(text):
            nxt = m.group("next").replace("’", "'")
            if nxt not in _SENTENCE_OPENERS:
                continue
            before = text[max(0, m.start() - 30) : m.start()]
            if not _WORD_BEFORE_STOP.search(before):
                continue
            word = before.rsplit(None, 1)[-1] if before.strip() else ""
            if "." in word or word.lower().strip("%)»”") in ABBREVIATIONS:
                continue
            yield ctx.finding(
                LOWER_START, m.start(), m.end(),
                f"« {m.group(0).strip()} » : une phrase ne commence pas par une minuscule ; point en trop "
                "(une virgule ?) ou majuscule perdue.",
                ". " + m.group("next")[:1].upper() + m.group("next")[1:],
            )

    def _redundant(self, ctx: Context, tokens: list[Token]) -> Iterator[Finding]:
        """"une importance importante": a noun and the adjective of its stem, side by side."""
        for a, b in zip(tokens, tokens[1:]):
            if a.is_word and b.is_word and _same_stem(a.norm, b.norm):
                yield ctx.finding(REDUNDANT, a.start, b.end, f"« {a.text} {b.text} » : pléonasme (même racine).", None)


def _participle_slots(norms: list[str]) -> list[int]:
    """Indices, in order, where _missing_aux may find a participle: right after "qui" or a
    month, right before "que"."""
    cue_indices = compress(count(), map(_AUX_CUES.__contains__, norms))  # a loop in C
    slots = {i + 1 if norms[i] in _AFTER_CUES else i - 1 for i in cue_indices}
    return sorted(i for i in slots if 0 < i < len(norms))


def _same_stem(noun: str, adjective: str) -> bool:
    """Is `adjective` the adjective of `noun` ("importance", "importante")?"""
    noun, adjective = noun.removesuffix("s"), adjective.removesuffix("s")
    for suffix, adjective_suffixes in _REDUNDANT_PAIRS:
        if noun.endswith(suffix):
            stem = noun[: -len(suffix)]
            if len(stem) >= 3 and any(adjective == stem + s for s in adjective_suffixes):
                return True
    return False


def _narrative(sentence: str, tokens: list[Token]) -> bool:
    """A statement in the third person: ends with a full stop, no "vous", no imperative.

    Questions, headlines (no full stop) and advice ("Protégez vos comptes") do address the
    reader; a "votre" inside a plain statement about a company is a mistranslated "su".
    """
    if not sentence.rstrip(" »”\"')").endswith("."):
        return False
    for tok in tokens:
        if tok.norm in ("vous", "tu", "toi"):
            return False
        if tok.is_word and tok.norm.endswith("ez") and lemma(tok.norm) != tok.norm:
            return False
    return True


def _inside_quote(text: str, start: int, pos: int) -> bool:
    seg = text[start:pos]
    return seg.count("«") > seg.count("»") or seg.count("“") > seg.count("”")
