"""Names: word-by-word translated titles, brand casing, misspelled people,
and names spelled several ways in one article.

The knowledge is the fact table (qc/facts/data/*.yaml); near-misses of people
are computed with rapidfuzz rather than listed.
"""
from __future__ import annotations

import functools
import re
from collections import Counter, defaultdict
from typing import Iterable

from rapidfuzz.distance import Levenshtein

from qc.checks.base import Check, Context, Rule, register
from qc.checks.context import after_citation_cue, name_hits, name_mask
from qc.facts.names import Hit
from qc.facts.table import Entity
from qc.findings import Finding, Severity
from qc.resources import Resources
from qc.tokens import WORD_CHAR
from qc.wordlists import is_word

MISTRANSLATED = Rule(
    "name.mistranslated", "name", Severity.ERROR,
    "Nom propre traduit mot à mot (titre de presse, société, produit).",
    explanation=(
        "Les titres de presse, noms de sociétés et de produits restent dans leur langue : "
        "« Le journal de Wall Street » pour The Wall Street Journal, « Le bord » pour The Verge. "
        "La table des faits liste les formes fautives connues et qc en génère d'autres en traduisant "
        "mot à mot les titres anglais connus."
    ),
    example_bad="Selon Le journal de Wall Street, la société cherche des fonds.",
    example_good="Selon le Wall Street Journal, la société cherche des fonds.",
)
CASING = Rule(
    "name.casing", "name", Severity.ERROR,
    "Marque mal capitalisée (Openai, Chatgpt, Xai).",
    explanation=(
        "Les marques à capitales internes s'écrivent comme leur propriétaire les écrit : OpenAI, "
        "ChatGPT, xAI, PayPal. Une autre casse trahit une traduction automatique."
    ),
    example_bad="Chatgpt compte des millions d'utilisateurs.",
    example_good="ChatGPT compte des millions d'utilisateurs.",
)
PERSON = Rule(
    "name.person-misspelled", "name", Severity.ERROR,
    "Nom de personne connue mal orthographié (lettre doublée, manquante, changée).",
    explanation=(
        "Un nom proche d'une personnalité de la table des faits, à une ou deux lettres près, "
        "est presque toujours une coquille : « Sam Altmann » pour Sam Altman."
    ),
    example_bad="Sam Altmann dirige OpenAI.",
    example_good="Sam Altman dirige OpenAI.",
)
ARTICLE = Rule(
    "name.article", "name", Severity.WARNING,
    "Article manquant devant un titre qui en prend un, ou ajouté devant une société qui n'en prend pas.",
    explanation=(
        "En français on écrit « le Financial Times », « le Wall Street Journal » (la table des faits "
        "liste ces formes avec article), mais « OpenAI », « Apple » sans article : « Financial Times "
        "assure » ou « liée à l'OpenAI » trahissent une traduction mot à mot."
    ),
    example_bad="Financial Times assure que la société lève des fonds.",
    example_good="Le Financial Times assure que la société lève des fonds.",
)
PLURAL = Rule(
    "name.english-plural", "name", Severity.INFO,
    "Pluriel anglais sur un sigle ou un nom de produit (« NFTs », « MacBook Pros »).",
    explanation=(
        "Les sigles et les noms de marque restent invariables en français : « des NFT », « les "
        "MacBook Pro ». Le -s anglais vient de la traduction."
    ),
    example_bad="Les NFTs basés sur ces données se vendent bien.",
    example_good="Les NFT basés sur ces données se vendent bien.",
)
CONSISTENCY = Rule(
    "consistency.spelling", "consistency", Severity.WARNING,
    "Même nom écrit de plusieurs façons dans l'article.",
    explanation=(
        "Un nom propre doit s'écrire de la même façon d'un bout à l'autre de l'article ; "
        "la forme minoritaire est signalée, avec la forme majoritaire en suggestion."
    ),
    example_bad="La jeune pousse Fluxora lève des fonds. Selon Fluxora, la demande explose. Pour FluxOra, c'est un tournant.",
    example_good="La jeune pousse Fluxora lève des fonds. Selon Fluxora, la demande explose. Pour Fluxora, c'est un tournant.",
)

_CAP_WORD = re.compile(r"\b[A-ZÀ-ÖØ-Þ][a-zà-öø-ÿ]+(?:-[A-ZÀ-ÖØ-Þ]?[a-zà-öø-ÿ]+)*\b")
#: a word with a capital somewhere: only those can be names
_NAME_LIKE = re.compile(r"\b[\w.-]*[A-ZÀ-ÖØ-Þ][\w.-]*[\w]\b")
#: an English plural on an acronym ("NFTs") or a model suffix ("MacBook Pros")
_PLURAL = re.compile(r"\b(?P<base>[A-Z]{2,5})s\b|\b(?P<model>(?:Pro|Max|Mini|Ultra|Plus|Air))s\b")
#: a capital and the rest of its run of word characters, dots and hyphens
_CAPITAL_RUN = re.compile(r"[A-ZÀ-ÖØ-Þ][\w.-]*")
#: the product a model suffix belongs to ("MacBook" before "Pros")
_MODEL_OWNER_BEFORE = re.compile(r"[A-Z][\w]+\s+$")

_ARTICLE_BEFORE = re.compile(r"\b(?:le|la|les|l['’]|du|au|aux|des|the)\s*$", re.IGNORECASE)
_L_BEFORE = re.compile(r"\b[lL]['’]$")
_CAPITAL_AFTER = re.compile(r"\s+[A-Z]")
_FRENCH_ARTICLE = re.compile(r"(?:le|la|les|l['’]) ", re.IGNORECASE)
_OWN_ARTICLE = re.compile(r"(?:le|la|les|l['’]|el|the) ", re.IGNORECASE)


class _ArticleUse:
    """How an entity's accepted forms use articles, worked out once per entity, not per mention."""

    def __init__(self, ent: Entity):
        with_article = [f for f in ent.accepted if _FRENCH_ARTICLE.match(f)]
        #: the first accepted form with a French article ("le Financial Times"), when the name has none of its own
        self.with_article = with_article[0] if with_article and not _OWN_ARTICLE.match(ent.name) else None
        #: a company whose accepted forms never take "l'": "l'OpenAI" is a calque
        self.no_elision = ent.kind == "company" and not any(f.lower().startswith("l'") for f in ent.accepted)


class _People:
    """The people of the fact table arranged for the typo search, built once per check
    rather than once per article."""

    def __init__(self, persons: list[Entity]):
        #: first name -> (person, surname), in table order
        self.by_first: dict[str, list[tuple[Entity, str]]] = defaultdict(list)
        surnames: dict[str, list[Entity]] = defaultdict(list)
        for p in persons:
            parts = p.name.split()
            if len(parts) >= 2:
                self.by_first[parts[0]].append((p, parts[-1]))
                surnames[parts[-1]].append(p)
        #: initial -> (surname, its people, their first names) for surnames of 6 letters or more,
        #: in table order: a lone word is compared only with surnames of the same initial
        self.long_surnames: dict[str, list[tuple[str, list[Entity], tuple[str, ...]]]] = defaultdict(list)
        for last, people in surnames.items():
            if len(last) >= 6:
                self.long_surnames[last[0]].append((last, people, tuple(p.name.split()[0] for p in people)))


def _capitalised_runs(text: str) -> list[tuple[int, int]]:
    """Spans of the maximal runs of word characters, dots and hyphens that hold a capital.

    Every match of _CAP_WORD, _NAME_LIKE and _PLURAL lies inside one such run, and
    the characters around a run are never word characters, so matching run by run
    (see _matches) finds exactly what a scan of the whole text finds. It is much
    faster: their leading \\b makes the regex engine try every position of the text,
    while _CAPITAL_RUN skips the lower-case prose, most of an article, at C speed.
    """
    runs: list[tuple[int, int]] = []
    for m in _CAPITAL_RUN.finditer(text):
        start = m.start()
        while start and (WORD_CHAR[text[start - 1]] or text[start - 1] in ".-"):
            start -= 1
        runs.append((start, m.end()))
    return runs


def _matches(pattern: re.Pattern[str], text: str, runs: list[tuple[int, int]], min_length: int = 1) -> list[re.Match[str]]:
    """pattern.finditer(text) restricted to `runs` at least `min_length` long (a shorter
    run cannot hold a match the caller wants); with pos and endpos, \\b still sees the
    real neighbours."""
    return [m for start, end in runs if end - start >= min_length for m in pattern.finditer(text, start, end)]


def _lost_inner_capital(surface: str, forms: tuple[str, ...]) -> bool:
    """"App store" for "App Store", "Pro max" for "Pro Max": a capital of a later word lost.
    Sentence case explains a changed first letter, never a later one."""
    words = surface.split()
    if surface.islower():
        return False  # all lower case is ordinary French ("dans le monde"), not a miscased name
    for form in forms:
        canon = form.split()
        # the first word as written: "le monde" is ordinary French, not a miscased "Le Monde"
        if len(canon) == len(words) > 1 and form.lower() == surface.lower() and words[0] == canon[0]:
            if any(c[:1].isupper() and w[:1].islower() for c, w in zip(canon[1:], words[1:])):
                return True
    return False


def _sentence_initial(text: str, start: int) -> bool:
    i = start - 1
    while i >= 0 and text[i] in " \t«“\"(\u00a0\u202f":
        i -= 1
    return i < 0 or text[i] in ".!?:\n…—–-"


_REPORTING_AFTER = re.compile(
    r"^\s+(?:(?:a|ont|avait|avaient)\s+)?(?:révélé|rapporté|indiqué|affirmé|écrit|annoncé|publié|confirmé|assuré|"
    r"révèle|rapporte|indique|affirme|écrit|annonce|publie|confirme|assure|précise|explique)\b",
    re.IGNORECASE,
)


def _name_context(text: str, hit: Hit) -> bool:
    """An ambiguous rendering ("Le bord", "messagerie Télégramme") counts only where it is used as a name.

    That is: a capital letter that sentence case does not explain ("soit Le bord",
    "la messagerie Télégramme"), or a sentence-initial rendering followed by a
    reporting verb ("Les temps financiers ont révélé"). Lower-case ordinary French
    ("selon le registre du Nevada") is left alone.
    """
    initial = _sentence_initial(text, hit.start)
    if hit.form.cited_only:
        return after_citation_cue(text, hit.start) or (initial and bool(_REPORTING_AFTER.match(text[hit.end : hit.end + 40])))
    if any(ch.isupper() for ch in hit.text[1:]) or (hit.text[0].isupper() and not initial):
        return True
    return initial and bool(_REPORTING_AFTER.match(text[hit.end : hit.end + 40]))


@register
class NamesCheck(Check):
    rules = (MISTRANSLATED, CASING, PERSON, ARTICLE, PLURAL, CONSISTENCY)

    def __init__(self, resources: Resources):
        self.resources = resources
        self._article_use: dict[str, _ArticleUse] = {}

    @functools.cached_property
    def _people_index(self) -> _People:
        return _People(self.resources.names.persons)

    def run(self, ctx: Context) -> Iterable[Finding]:
        index = self.resources.names
        text = ctx.doc.text
        hits = name_hits(ctx, self.resources)
        flagged: list[tuple[int, int]] = []
        for hit in hits:
            ent = index.entity(hit.form.entity)
            evidence = {"entity": ent.id, "source": ent.source}
            if hit.form.kind == "bad":
                if hit.form.ambiguous and not _name_context(text, hit):
                    continue
                note = (hit.form.note or "forme fautive connue").rstrip(" .")
                flagged.append((hit.start, hit.end))
                yield ctx.finding(
                    MISTRANSLATED, hit.start, hit.end,
                    f"« {hit.text} » : {note} ; le nom s'écrit « {ent.name} ».",
                    ent.name, evidence,
                )
            elif hit.text not in ent.forms and not hit.text.isupper() and (ent.case_strict or _lost_inner_capital(hit.text, ent.forms)):
                flagged.append((hit.start, hit.end))
                yield ctx.finding(
                    CASING, hit.start, hit.end,
                    f"« {hit.text} » : la marque s'écrit « {ent.name} » (casse d'origine).",
                    ent.name, evidence,
                )
        runs = _capitalised_runs(text)
        yield from self._articles(ctx, hits)
        yield from self._plurals(ctx, text, runs)
        yield from self._people(ctx, flagged, runs)
        yield from self._consistency(ctx, flagged, runs)

    # -- articles -----------------------------------------------------------
    def _articles(self, ctx: Context, hits: list[Hit]) -> Iterable[Finding]:
        index = self.resources.names
        text = ctx.doc.text
        for hit in hits:
            if hit.form.kind != "name":
                continue
            use = self._article_use.get(hit.form.entity)
            if use is None:
                use = self._article_use[hit.form.entity] = _ArticleUse(index.entity(hit.form.entity))
            if not use.with_article and not use.no_elision:
                continue  # most names: "OpenAI", "Sam Altman"
            ent = index.entity(hit.form.entity)
            before = text[max(0, hit.start - 12) : hit.start]
            if use.with_article and hit.text == ent.name and not _ARTICLE_BEFORE.search(before):
                article = use.with_article.split(" ", 1)[0].lower()
                yield ctx.finding(
                    ARTICLE, hit.start, hit.end,
                    f"« {hit.text} » se construit avec l'article en français (« {use.with_article} »).",
                    f"{article} {hit.text}", {"entity": ent.id, "source": ent.source}, confidence=0.8,
                )
            elif use.no_elision and _L_BEFORE.search(before):
                if _CAPITAL_AFTER.match(text[hit.end : hit.end + 2]):
                    continue  # "l'Apple Watch": the article belongs to a product named after the company
                start = hit.start - 2
                yield ctx.finding(
                    ARTICLE, start, hit.end,
                    f"« {text[start:hit.end]} » : un nom de société ne prend pas d'article en français.",
                    hit.text, {"entity": ent.id, "source": ent.source}, confidence=0.8,
                )

    def _plurals(self, ctx: Context, text: str, runs: list[tuple[int, int]]) -> Iterable[Finding]:
        """"NFTs", "GPUs", "MacBook Pros": an English -s on an acronym or a model suffix."""
        for m in _matches(_PLURAL, text, runs, 3):
            base = m.group("base") or m.group("model")
            if m.group("model") and not _MODEL_OWNER_BEFORE.search(text[max(0, m.start() - 20) : m.start()]):
                continue  # "Pros" alone is not a product suffix
            yield ctx.finding(
                PLURAL, m.start(), m.end(),
                f"« {m.group(0)} » : les sigles et noms de produits sont invariables en français.",
                base, confidence=0.8,
            )

    # -- misspelled people --------------------------------------------------
    def _people(self, ctx: Context, flagged: list[tuple[int, int]], runs: list[tuple[int, int]]) -> Iterable[Finding]:
        people = self._people_index
        text = ctx.doc.text
        known_words = self.resources.names.known_words
        words = _matches(_CAP_WORD, text, runs)
        in_known = name_mask(ctx, self.resources)
        for i, m in enumerate(words):
            word = m.group(0)
            if in_known[m.start()] or word in known_words or len(word) < 4:
                continue
            prev = words[i - 1] if i else None
            first = prev.group(0) if prev and text[prev.end() : m.start()] == " " else None
            best = None
            if first and first in people.by_first:
                for p, last in people.by_first[first]:
                    if word[0] == last[0] and 0 < Levenshtein.distance(word, last) <= (2 if len(last) >= 6 else 1):
                        best = (p, prev.start(), 0.9)
            elif first is None or first not in known_words:
                if len(word) >= 5 and not is_word(word) and not is_word(word, "en"):
                    for last, namesakes, first_names in people.long_surnames.get(word[0], ()):
                        if Levenshtein.distance(word, last, score_cutoff=1) == 1:
                            if first and any(f != first for f in first_names):
                                continue  # another first name: probably another person
                            best = (namesakes[0], m.start(), 0.7)
                            break
            if best:
                person, start, confidence = best
                flagged.append((start, m.end()))
                yield ctx.finding(
                    PERSON, start, m.end(),
                    f"« {text[start:m.end()]} » : nom mal orthographié ; il s'agit sans doute de {person.name}.",
                    person.name if start < m.start() else person.name.split()[-1] if first is None else person.name,
                    {"entity": person.id, "source": person.source}, confidence=confidence,
                )

    # -- consistency --------------------------------------------------------
    def _consistency(self, ctx: Context, flagged: list[tuple[int, int]], runs: list[tuple[int, int]]) -> Iterable[Finding]:
        text = ctx.doc.text
        in_known = name_mask(ctx, self.resources)  # inside a known name ("Cloud" of "Google Cloud")
        groups: dict[str, list[re.Match[str]]] = defaultdict(list)
        for m in _matches(_NAME_LIKE, text, runs, 4):
            w = m.group(0)
            # an acronym ("CLOUD Act") is another word than the capitalised one ("Cloud")
            if len(w) >= 4 and not w.isupper() and (any(map(str.isupper, w[1:])) or (w[0].isupper() and not _sentence_initial(text, m.start()))):
                groups[w.lower()].append(m)
        for matches in groups.values():
            if len(matches) < 3:
                continue  # a minority spelling needs a majority one written at least twice
            spellings = Counter(m.group(0) for m in matches)
            if len(spellings) < 2:
                continue
            (top, top_n), *rest = spellings.most_common()
            if top_n < 2 or all(n >= top_n for _, n in rest):
                continue
            for m in matches:
                w = m.group(0)
                if w == top or in_known[m.start()]:
                    continue
                if any(s <= m.start() < e for s, e in flagged):
                    continue
                if is_word(w) and not any(c.isupper() for c in w[1:]):
                    continue
                yield ctx.finding(
                    CONSISTENCY, m.start(), m.end(),
                    f"« {w} » : ce nom est écrit « {top} » ailleurs dans l'article ({top_n} fois).",
                    top, {"spellings": dict(spellings)}, confidence=0.8,
                )
