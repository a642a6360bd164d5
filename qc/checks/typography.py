"""Typography artefacts of machine translation and CMS pipelines.

Spaces before a comma or full stop, words glued after a full stop, stray
punctuation, a paragraph break in the middle of a sentence, missing elision,
English quotes. French conventions (space before ; : ! ? », a no-break space
before %) are correct and never flagged; where usage varies between sites (a
space before %, ! or ?), only the minority form of the article is flagged.

Precision comes first: each heuristic leaves alone the correct French that looks
like its artefact (".NET", "X.com", "salarié(e)s", "de un à trois", "ce à quoi",
"Banco de España", “…” nested in « … », list items and headings, brands such as
"iOS" or "bioMérieux"); tests/checks/test_typography.py holds both sides.
"""
from __future__ import annotations

import functools
import re
from typing import Iterable, Iterator

from qc.checks.base import Check, Context, Rule, register
from qc.checks.context import name_hits
from qc.documents.model import Document, Span
from qc.findings import Finding, Severity
from qc.resources import Resources
from qc.tokens import ELIDED, ELISION_VOWELS, WORD_CHAR, Memo
from qc.wordlists import frequencies, is_word

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

# Speed: a regex that begins with a literal or a plain character class lets `re` jump from one
# occurrence of that first character to the next; one that begins with a lookbehind, "\b", a
# repeat or an alternation of groups is tried at every position of the text, about ten times
# slower. So the regexes that scan a whole text begin with their rarest character, and check
# what comes before it in a lookbehind placed after it (":(?<=[a-z]{2}:)", not "(?<=[a-z]{2}):")
# or in Python on the few candidates.

_VOWELS = "aeiouyéèêëàâäîïôöûüAEIOUYÉÈÊËÀÂÄÎÏÔÖÛÜ"
_LOWER = "a-zà-öø-ÿœæ"
_UPPER = "A-ZÀ-ÖØ-ÞŒÆ"

# -- spacing around punctuation ------------------------------------------------
#: a comma, full stop or closing parenthesis after a space or a tab, before a space, a word or the
#: end: "Bloomberg ,", "Redmond )"; `_spacing` checks that the spaces follow a word, a number,
#: "%", ")" or a closing quote
_SPACED_PUNCT_RE = re.compile(r"[,.)](?<=[ \t][,.)])(?=[\s\w]|$)")
#: an apostrophe followed by spaces and a word; `_spacing` checks the word before (`_ELIDED_WORDS`)
_SPACED_APOSTROPHE_RE = re.compile(r"['’][ \t]+(?=\w)")
#: the words an apostrophe elides (the tokenizer's own list), capitalised or not: "d'", "qu'", "Jusqu'"
_ELIDED_WORDS = frozenset(ELIDED)
#: end of sentence glued to the next one: "mardi.Les", "5 %.Par", "payer?Les"
_GLUED_SENTENCE_RE = re.compile(rf"[.!?](?:(?<=[{_LOWER}]{{2}}.)|(?<=[%)»].))(?P<next>[{_UPPER}][{_LOWER}]+)")
#: doubled or orphaned punctuation
_STRAY_RE = re.compile(
    r"\.(?<!\.\.)[ \t]+\.(?!\.)"  # ". .", not an ellipsis
    r"|,[ \t]*,|;[ \t]*;"
    rf"|\.[ \t]+-(?=[{_LOWER}{_UPPER}])"  # ". -partenaire", not ". -12 %"
    r"|\)[ \t]*\.?[ \t]*\)"  # "))", "). )"; `_stray` leaves nested parentheses alone
    r"|\((?<!\w\()[ \t]*\)"  # "Microsoft ()" where a ticker was lost; not "print()"
)
#: "(" glued to the end of a lower-case word: "trimestre(32,73"
_OPEN_PAREN_RE = re.compile(rf"\((?<=[{_LOWER}]{{3}}\()(?=\w)")
#: "salarié(e)s", "directeur(rice)s", "sera(ont)": inclusive and plural marks, glued on purpose
_INFLECTION_MARK_RE = re.compile(rf"\([{_LOWER}]{{1,5}}\)")
#: ":" glued to the end of a lower-case word: "Trump: les"
_COLON_RE = re.compile(rf":(?<=[{_LOWER}]{{2}}:)(?=[ \t]+(?P<next>\w+))")

# -- quotes ---------------------------------------------------------------------
#: 'quoted words' between straight apostrophes; the first one not after a letter (an elision)
_STRAIGHT_SINGLE_RE = re.compile(r"'(?<![\w'’]')(?P<q>[^'’\s][^'’\n]{0,60}?[^'’\s])'(?!\w)")
#: “quoted words” and "quoted words"
_ENGLISH_DOUBLE_RE = re.compile(r"“(?P<q>[^”\n]{1,300})”|\"(?<![\w\"]\")(?P<s>[^\"\n]{1,300}?)\"(?!\w)")

# -- paragraphs -----------------------------------------------------------------
_TICKER_RE = re.compile(r"[A-Z]{2,5}\.[A-Z]{1,2}\b")  # "MSFT.O", Reuters' instrument codes
#: what separates two paragraphs by design: HTML list items, headings, table cells, line
#: breaks; Markdown list markers, table rows, setext underlines
_STRUCTURE_RE = re.compile(
    r"</?(?:li|h[1-6]|t[dhr]|d[dlt]|br|hr|ul|ol|table|caption|figcaption)\b"
    r"|^[ \t]*(?:[-*+]|\d{1,3}[.)])[ \t]"
    r"|^[ \t]*\||\|[ \t]*$"
    r"|^[ \t]*(?:={2,}|-{2,})[ \t]*$",
    re.IGNORECASE | re.MULTILINE,
)
_MD_HEADING_RE = re.compile(r"[ \t]*#{1,6}[ \t]+\Z")
_HTML_HEADING_RE = re.compile(r"<h[1-6]\b", re.IGNORECASE)
#: the letters that start a word: "l" of "l'entreprise", "iOS"
_LETTERS_RE = re.compile(r"[^\W\d_]+")
_WHITESPACE_RE = re.compile(r"\s+")

# -- elision --------------------------------------------------------------------
#: a word that elides, spaces, and a word that starts with a vowel: "que Apple", "de OpenAI". The
#: match starts at the spaces: after two quick tests (the word before ends in "e" or "a", a vowel
#: follows), the lookbehinds check that word, one per word length (a lookbehind has a fixed width).
_ELISION_RE = re.compile(
    rf"[{_SPACES}](?<=[ea][{_SPACES}])(?=[{_SPACES}]*[{ELISION_VOWELS}])"
    rf"(?:(?<=\b(?:de|ne|je|me|te|se|ce|le|la)[{_SPACES}])|(?<=\bque[{_SPACES}])"
    rf"|(?<=\bjusque[{_SPACES}])|(?<=\b(?:lorsque|puisque)[{_SPACES}]))"
    rf"[{_SPACES}]*(?P<next>[{ELISION_VOWELS}][\w.-]*)",
    re.IGNORECASE,
)
#: vowel-initial words that take no elision ("le onze", "que oui", "la ouate"), and the
#: conjunctions of coordinated words ("le ou la salarié", "jusque et y compris")
_NO_ELISION_BEFORE = frozenset("onze onzième oui ouate iode ion ou et".split())
#: numerals: "de un à trois", "le un" are correct; "qu'un", "lorsqu'une" are not
_NUMERALS = frozenset("un une".split())
#: "ce" elides only before a form of "être": "c'est", but "ce à quoi", "ce en quoi"
_CE_ELIDES_BEFORE = frozenset("est était étaient".split())
#: capitalised articles of other languages: "de El País", "de Il Sole 24 Ore"
_FOREIGN_ARTICLES = frozenset("El Il Al Os".split())
#: names read with an initial [w] or [j]: "de Ouigo", "de Ouagadougou", "de OnePlus", "de
#: OneDrive", "de United Airlines" (as the French press writes it; "d'United" is rarer)
_SEMI_VOWEL_NAME_RE = re.compile(r"Ou[aeiïé]|One|United\b")
#: the last word of a text and the spaces after it
_LAST_WORD_RE = re.compile(r"([\w-]+)[ \t]+\Z")
_ELIDED = {"que": "qu'", "jusque": "jusqu'", "lorsque": "lorsqu'", "puisque": "puisqu'"}

# -- spacing consistency -------------------------------------------------------
#: per mark, the mark after a digit (%) or a word (? !) and a space: "40 %", and glued to it: "18%"
_MARK_SPACING = (
    ("%", re.compile(rf"%(?<=\d[{_SPACES}]%)"), re.compile(r"%(?<=\d%)")),
    ("?", re.compile(rf"\?(?<=\w[{_SPACES}]\?)"), re.compile(r"\?(?<=\w\?)")),
    ("!", re.compile(rf"!(?<=\w[{_SPACES}]!)"), re.compile(r"!(?<=\w!)")),
)
#: what follows a name with "!" in a sentence: a comma, a full stop or a lower-case word ("Yahoo! a")
_SENTENCE_GOES_ON_RE = re.compile(rf"[ \t]*(?:[,;:.]|[{_LOWER}])")

# -- glued words ----------------------------------------------------------------
_SHORT_WORDS = frozenset("de du des le la les un une en et à au aux sur par pour dans que qui ne se sa son ses".split())
#: short words that are also living prefixes: "surinvestissement", "dessaisir", "pourparlers",
#: "encadrer" are words the word lists lack, not two glued words. "des" and "en" glue before
#: a vowel ("desentreprises", "enoctobre"): the prefixes take another form there ("dés-").
_PREFIXES = frozenset("sur par pour en des".split())
#: a capital after three lower-case letters, up to the end of the word: "De" in "marchéDe";
#: `_glued_words` checks that the whole word before it is in lower case (`_LOWER_WORD_RE`)
_INNER_CAPITAL_RE = re.compile(rf"[{_UPPER}](?<=[{_LOWER}]{{3}}[{_UPPER}])[{_LOWER}]+\b")
_LOWER_WORD_RE = re.compile(rf"[{_LOWER}]{{3,}}")
#: a lower-case word of six letters or more, which may be two glued words: "partiedu".
#: It opens with a plain class, which `re` tests in one step at each position; the
#: lookbehind after the first letter is the leading \b (a pattern opening with an
#: assertion is tried in full at every position: twice as slow)
_LONG_LOWER_WORD_RE = re.compile(rf"[{_LOWER}](?<!\w[{_LOWER}])[{_LOWER}]{{5,}}\b")


INSTITUTION = _rule(
    "typography.institution-capital", "Domaine d'un ministère sans sa majuscule (« ministère de l'énergie »).",
    "le ministère américain de l'énergie", "le ministère américain de l'Énergie",
    explanation="Dans le nom d'un ministère, le mot qui désigne le domaine prend la majuscule : "
    "ministère de l'Économie, de la Justice, du Commerce (Lexique des règles typographiques).",
)
MODEL_PLUS = _rule(
    "typography.model-plus", "Espace avant le « + » d'un nom de modèle (« Galaxy S9 + »).",
    "le Galaxy S9 + sera plus cher", "le Galaxy S9+ sera plus cher",
)

#: "ministère de l'énergie", "ministère américain du commerce"; "\b" is checked after the literal
_MINISTRY_RE = re.compile(
    r"ministère(?<=\bministère)(?:\s+(?:américain|français|fédéral|britannique|chinois|allemand|japonais|canadien|indien|russe|italien|espagnol))?"
    r"\s+(?:de\s+l['’]|de\s+la\s+|du\s+|des\s+)(?P<w>énergie|économie|intérieur|industrie|éducation|environnement|agriculture|"
    r"armée|armées|écologie|enseignement|emploi|europe|justice|défense|santé|culture|commerce|travail|transition|recherche|"
    r"sécurité|transports|finances|affaires|numérique|logement|sports|trésor)\b"
)
#: a "+" after a space, before a space, a punctuation mark or the end: "Galaxy S9 +"; `_names`
#: checks that the word before the space is a model name (`_MODEL_RE`)
_SPACED_PLUS_RE = re.compile(r"\+(?<=[ \u00a0]\+)(?=[\s,.;:)»]|$)")
#: a model name: letters with a capital, then digits, maybe a letter: "S9", "iPhone12", "Pixel9a"
_MODEL_RE = re.compile(r"[A-Za-z]*[A-Z]\w*\d+[a-z]?")


@register
class TypographyCheck(Check):
    rules = (SPACE_BEFORE, SPACE_AFTER_APOSTROPHE, MISSING_SPACE, STRAY_PUNCT, PARAGRAPH_BREAK, ELISION, QUOTES,
             SPACING_CONSISTENCY, MISSING_SPACE_BEFORE, INSTITUTION, MODEL_PLUS)

    def __init__(self, resources: Resources):
        self.resources = resources

    def run(self, ctx: Context) -> Iterable[Finding]:
        text = ctx.doc.text
        yield from self._spacing(ctx, text)
        yield from self._stray(ctx, text)
        yield from self._missing_space_before(ctx, text)
        yield from self._quotes(ctx, text)
        yield from self._glued_words(ctx, text)
        yield from self._paragraph_breaks(ctx, text)
        yield from self._elision(ctx, text)
        yield from self._consistency(ctx, text)
        yield from self._names(ctx, text)

    def _names(self, ctx: Context, text: str) -> Iterator[Finding]:
        """Typography of names: ministries' domains, model numbers with a plus."""
        for m in _MINISTRY_RE.finditer(text):
            w = m.group("w")
            start = text.rfind("ministère", 0, m.end())
            yield ctx.finding(INSTITUTION, start, m.end(), f"« {w} » prend la majuscule dans le nom du ministère.",
                              text[start : m.start("w")] + w[0].upper() + w[1:])
        for m in _SPACED_PLUS_RE.finditer(text):
            space = m.start() - 1
            start = _word_run_start(text, space)
            if not _MODEL_RE.fullmatch(text, start, space):
                continue
            flagged = text[start : m.end()]
            yield ctx.finding(MODEL_PLUS, start, m.end(), f"« {flagged} » : le « + » d'un nom de modèle suit le chiffre sans espace.",
                              text[start:space] + "+")

    def _spacing(self, ctx: Context, text: str) -> Iterator[Finding]:
        """Spaces left where a link or a tag was removed, and a full stop glued to the next sentence."""
        for m in _SPACED_PUNCT_RE.finditer(text):
            punct = m.group()
            spaces = m.start() - 1
            while spaces > 0 and text[spaces - 1] in " \t":
                spaces -= 1
            if not spaces or not (WORD_CHAR[text[spaces - 1]] or text[spaces - 1] in "%)»\"”"):
                continue  # spaces after punctuation or an opening bracket: "( ,", "« ."
            if punct == "." and m.end() < len(text) and not text[m.end()].isspace():
                continue  # ellipsis " ...", or a dot that starts a name: ".NET", ".env", ".5"
            start = _token_start(text, spaces)
            yield ctx.finding(SPACE_BEFORE, start, m.end(), f"Espace parasite avant « {punct} ».",
                              text[start:spaces] + punct)
        for m in _SPACED_APOSTROPHE_RE.finditer(text):
            start = _word_run_start(text, m.start())
            word = text[start : m.start()]
            if word[:1].lower() + word[1:] not in _ELIDED_WORDS or text[start - 1 : start] in ("'", "’"):
                continue  # not an elided word, or one after a quote: "rock 'n' roll"
            end = m.end()
            while end < len(text) and text[end].isalnum():
                end += 1
            yield ctx.finding(SPACE_AFTER_APOSTROPHE, start, end, "Espace parasite après l'apostrophe.",
                              text[start : m.end()].rstrip(" \t") + text[m.end() : end])
        for m in _GLUED_SENTENCE_RE.finditer(text):
            start = _token_start(text, m.start())
            yield ctx.finding(MISSING_SPACE, start, m.end(), "Espace manquante après la fin de phrase.",
                              text[start : m.start() + 1] + " " + m.group("next"))

    def _stray(self, ctx: Context, text: str) -> Iterator[Finding]:
        """Doubled or orphaned punctuation: ". .", ",,", ". -mot", an extra ")" or an empty "()"."""
        for m in _STRAY_RE.finditer(text):
            if text[m.start()] == ")" and not _unbalanced(text, _paragraph_start(ctx, m.start()), m.end()):
                continue  # "(… client(s))": nested parentheses, both opened
            yield ctx.finding(STRAY_PUNCT, m.start(), m.end(), "Ponctuation doublée ou égarée : phrase probablement abîmée par la traduction.")

    def _missing_space_before(self, ctx: Context, text: str) -> Iterator[Finding]:
        """"trimestre(32,73" and "Trump: les": French puts a space before "(" and ":"."""
        for m in _OPEN_PAREN_RE.finditer(text):
            if _INFLECTION_MARK_RE.match(text, m.start()):
                continue
            start = _word_start(text, m.start())
            yield ctx.finding(MISSING_SPACE_BEFORE, start, m.end(), "Espace manquante avant la parenthèse ouvrante.",
                              text[start : m.start()] + " (")
        for m in _COLON_RE.finditer(text):
            start = _word_start(text, m.start())
            before = text[start : m.start()]
            if before[0].isupper() and m.group("next")[0].isupper() and not is_word(before):
                continue  # a foreign title keeps its punctuation: "Call of Duty: Black Ops"; not "Lire: Galaxy"
            yield ctx.finding(MISSING_SPACE_BEFORE, start, m.end(), "Il faut une espace (insécable) avant le deux-points.",
                              text[start : m.start()] + "\u00a0:")

    def _quotes(self, ctx: Context, text: str) -> Iterator[Finding]:
        """'…' anywhere; “…” and "…" in an article that uses « … », unless nested in « … »
        (French uses “…” for a quotation inside a quotation)."""
        for m in _STRAIGHT_SINGLE_RE.finditer(text):
            yield ctx.finding(QUOTES, m.start(), m.end(), "Apostrophes droites employées comme guillemets : en français, « … ».",
                              f"« {m.group('q')} »")
        if "«" not in text:
            return
        for m in _ENGLISH_DOUBLE_RE.finditer(text):
            if _inside_guillemets(text, _paragraph_start(ctx, m.start()), m.start()):
                continue
            quoted = m.group("q") if m.group("q") is not None else m.group("s")
            yield ctx.finding(QUOTES, m.start(), m.end(), "Guillemets anglais alors que l'article emploie « … ».",
                              f"« {quoted} »")

    def _glued_words(self, ctx: Context, text: str) -> Iterator[Finding]:
        """"marchéDe", "partiedu": two words joined when a space (or a full stop) was lost.

        A lower-case word glued to a capitalised French word is flagged when both halves are
        French words; brands written that way ("bioMérieux", "airBaltic", "easyJet") have a
        second half that is not French, or are in the names table. An unknown lower-case word
        is split into two words, one of them a short function word ("partie|du").
        """
        known = self.resources.names.known_words
        for m in _INNER_CAPITAL_RE.finditer(text):
            start = _word_run_start(text, m.start())
            a, b = text[start : m.start()], m.group()
            if not _LOWER_WORD_RE.fullmatch(a) or a + b in known or not is_word(a) or not is_word(b):
                continue
            yield ctx.finding(MISSING_SPACE, start, m.end(), f"« {a + b} » : deux mots soudés, une espace manque.", f"{a} {b}")
        # Each distinct word is looked up once, in a memo of verdicts (small, unlike the
        # word lists); most articles have no glued word, and need no second scan.
        words = set(_LONG_LOWER_WORD_RE.findall(text))
        if not any(map(GLUED_SPLIT.__getitem__, words)):
            return
        splits = {word: GLUED_SPLIT[word] for word in words}
        for m in _LONG_LOWER_WORD_RE.finditer(text):
            split = splits.get(m.group())
            if split:
                yield ctx.finding(MISSING_SPACE, m.start(), m.end(), f"« {m.group()} » : deux mots soudés, une espace manque.",
                                  " ".join(split), confidence=0.8)

    def _paragraph_breaks(self, ctx: Context, text: str) -> Iterator[Finding]:
        """A paragraph that ends without punctuation and a next one that starts in lower case
        (or with a ticker, "Microsoft\\n\\nMSFT.O") are one sentence cut in two.

        Breaks the markup makes on purpose (list items, headings, table cells) are skipped, and
        so are paragraphs that start with a brand written in lower case ("iOS", "xAI", "eBay").
        """
        doc = ctx.doc
        paras = doc.paragraphs
        for a, b in zip(paras, paras[1:]):
            if not text[a.end - 1].isalnum():
                continue
            first = text[b.start : b.end].split(None, 1)[0]
            letters = _LETTERS_RE.match(first)  # "l" of "l'entreprise"; "iOS" is not lower case
            lower_start = letters is not None and letters.group().islower()
            if not (lower_start or _TICKER_RE.match(first)) or _structural_break(doc, a, b):
                continue
            start = a.end - 1
            while start > a.start and text[start - 1].isalnum():
                start -= 1
            end = b.start + len(first)
            yield ctx.finding(PARAGRAPH_BREAK, start, end, "Saut de paragraphe au milieu d'une phrase.",
                              _WHITESPACE_RE.sub(" ", text[start:end]))

    def _elision(self, ctx: Context, text: str) -> Iterator[Finding]:
        """"que Apple", "de Instagram", "se est": elision is compulsory before a vowel.

        Left alone: numerals ("de un à trois"), "ce à quoi", acronyms ("de IBM" is read letter
        by letter by some), "le"/"la" before a capitalised name, names of publications ("de El
        País") and foreign names where "de" belongs to the name ("Banco de España").
        """
        publications = None
        previous_end = 0
        for m in _ELISION_RE.finditer(text):
            start = _word_run_start(text, m.start())
            if start < previous_end:
                continue  # the word ends the previous match: "de" in "que Apple.de Orange"
            previous_end = m.end()
            word, nxt = text[start : m.start()], m.group("next")
            lw, ln = word.lower(), nxt.lower()
            if ln in _NO_ELISION_BEFORE or (lw in ("de", "le", "la") and ln in _NUMERALS):
                continue
            if len(nxt) == 1 and not (ln in ("a", "à") and lw in ("ne", "que", "jusque", "lorsque", "puisque")):
                continue  # "de A à Z", "ce à quoi"
            if nxt.isupper() and len(nxt) <= 4 or nxt in _FOREIGN_ARTICLES or _SEMI_VOWEL_NAME_RE.match(nxt):
                continue
            if lw == "ce" and ln not in _CE_ELIDES_BEFORE:
                continue
            if lw in ("le", "la") and nxt[0].isupper() and not _is_brand(nxt):
                continue  # "la Intel Foundry"? leave article + capitalised words alone
            if lw == "la" and ln.startswith("une"):
                continue  # "la une du journal"
            if lw in ("de", "la", "le") and nxt[0].isupper() and _follows_name(text, start):
                continue  # "Banco de España": the article belongs to a foreign name
            if nxt[0].isupper():
                if publications is None:
                    publications = self._publication_starts(ctx)
                if m.start("next") in publications:
                    continue
            elided = _ELIDED.get(lw, word[0] + "'")
            yield ctx.finding(ELISION, start, m.end(), f"« {word} {nxt} » : l'élision est obligatoire devant une voyelle.",
                              elided + nxt)

    def _publication_starts(self, ctx: Context) -> set[int]:
        names = self.resources.names
        return {h.start for h in name_hits(ctx, self.resources) if names.entity(h.form.entity).kind == "publication"}

    @functools.cached_property
    def _exclaiming_brands(self) -> frozenset[str]:
        return frozenset(w for w in self.resources.names.known_words if w.endswith("!"))

    def _consistency(self, ctx: Context, text: str) -> Iterator[Finding]:
        """A missing space before %, ? or !, when the article puts one there as often or more.

        A "!" that belongs to a name ("Yahoo! a racheté…") is not an exclamation mark.
        """
        brands = self._exclaiming_brands
        for mark, spaced_re, tight_re in _MARK_SPACING:
            spaced = len(spaced_re.findall(text))
            tight = list(tight_re.finditer(text))
            if not spaced or spaced < len(tight):
                continue
            for m in tight:
                start = _word_start(text, m.start())
                if mark == "!" and (text[start : m.end()] in brands or _continues_sentence(text, start, m.end())):
                    continue
                yield ctx.finding(SPACING_CONSISTENCY, start, m.end(),
                                  f"Espace avant « {mark} » absente, alors que l'article la met ailleurs ({spaced} fois).",
                                  text[start : m.end() - 1] + "\u00a0" + mark)


def _word_run_start(text: str, end: int) -> int:
    """Start of the run of word characters ("\\w") that ends at `end`."""
    start = end
    while start > 0 and WORD_CHAR[text[start - 1]]:
        start -= 1
    return start


def _word_start(text: str, pos: int) -> int:
    """Start of the word (or number such as "3,5") that ends at `pos`."""
    start = pos
    while start > 0 and (text[start - 1].isalnum() or text[start - 1] in ",."):
        start -= 1
    return start


def _token_start(text: str, pos: int) -> int:
    """Start of the run of non-space characters that ends at `pos` ("%", "»", "Redmond"),
    without its opening brackets and quotes ("(33" gives "33")."""
    start = pos
    while start > 0 and not text[start - 1].isspace():
        start -= 1
    while start < pos - 1 and text[start] in "([{«“\"'":
        start += 1
    return start


def _paragraph_start(ctx: Context, pos: int) -> int:
    for para in ctx.doc.paragraphs:
        if para.start <= pos < para.end:
            return para.start
    return 0


def _unbalanced(text: str, start: int, end: int) -> bool:
    """More ")" than "(" in text[start:end]."""
    seg = text[start:end]
    return seg.count(")") > seg.count("(")


def _inside_guillemets(text: str, start: int, pos: int) -> bool:
    seg = text[start:pos]
    return seg.count("«") > seg.count("»")


def _is_brand(word: str) -> bool:
    return any(c.isupper() for c in word[1:])


def _follows_name(text: str, pos: int) -> bool:
    """Is the word before `pos` a capitalised word that does not start its sentence?"""
    chunk = text[max(0, pos - 60) : pos]
    m = _LAST_WORD_RE.search(chunk)
    if not m:
        return False
    word = m.group(1)
    before = chunk[: m.start()].rstrip(" \t")
    starts_sentence = not before or before[-1] in ".!?«\"“—–:\n"
    return word[:1].isupper() and word[1:].islower() and not starts_sentence


def _continues_sentence(text: str, start: int, end: int) -> bool:
    """A capitalised word + "!" followed by a lower-case word or a comma is a name ("Yahoo! a")."""
    return text[start].isupper() and bool(_SENTENCE_GOES_ON_RE.match(text, end))


def _structural_break(doc: Document, a: Span, b: Span) -> bool:
    """Does the markup itself separate paragraphs `a` and `b` (list, heading, table)?"""
    source = doc.source
    a_start = doc.offsets[a.start]
    before_a = source[source.rfind("\n", 0, a_start) + 1 : a_start]
    gap = source[doc.offsets[a.end - 1] + 1 : doc.offsets[b.start]]
    return bool(_MD_HEADING_RE.match(before_a) or _STRUCTURE_RE.search(gap) or _HTML_HEADING_RE.search(before_a))


@functools.lru_cache(maxsize=50_000)
def _lemmatizer_knows(word: str) -> bool:
    """A form simplemma's French dictionary knows (it has forms the word lists lack)."""
    import simplemma

    return simplemma.is_known(word, lang="fr")  # type: ignore[no-any-return]


def _glued_split(word: str) -> tuple[str, str] | None:
    """The two words a lower-case word glues, or None for a known word: those of the French
    and English lists (in lower case, as the word is), then those simplemma knows."""
    if word in frequencies("fr") or word in frequencies("en") or _lemmatizer_knows(word):
        return None
    return _split_glued(word)


#: _glued_split by word, remembered: asked about every long word of every article
GLUED_SPLIT = Memo(_glued_split, 200_000)


def _split_glued(word: str) -> tuple[str, str] | None:
    """Split a non-word into two French words, one of them a short function word."""
    for i in range(2, len(word) - 1):
        a, b = word[:i], word[i:]
        if not (a in _SHORT_WORDS or b in _SHORT_WORDS) or len(a) < 2 or len(b) < 2:
            continue
        if len(a) + len(b) < 6 or max(len(a), len(b)) < 4:
            continue
        if a in _PREFIXES and b not in _SHORT_WORDS and not (a in ("des", "en") and b[0] in _VOWELS):
            continue
        if is_word(a) and is_word(b):
            return a, b
    return None
