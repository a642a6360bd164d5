"""Finding every known name in a text in one pass.

All forms of all entities (canonical, accepted, known bad renderings) go into
one Aho-Corasick automaton over case-folded text, so matching thousands of names
costs one scan per document, not one regex per entry.
"""
from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from bisect import bisect_left
from typing import Iterator, NamedTuple

import ahocorasick

from qc.facts.table import DATA_DIR, Entity, FactTable
from qc.tokens import WORD_CHAR
from qc.wordlists import is_word
from qc.yamlload import load_yaml, strip_lines


def fold(text: str) -> str:
    """Lower-case without changing length, so offsets stay valid."""
    lowered = text.lower()
    if len(lowered) != len(text):  # "İ" and a few others grow when lowered: go char by char
        lowered = "".join(c.lower() if len(c.lower()) == 1 else c for c in text)
    return lowered.replace("’", "'")


@dataclass(frozen=True)
class Form:
    entity: str
    form: str
    kind: str  # "name" (canonical or accepted) or "bad"
    note: str = ""
    ambiguous: bool = False
    cited_only: bool = False


@dataclass(frozen=True)
class Hit:
    start: int
    end: int
    text: str
    form: Form
    #: every entity this exact spelling names ("Samsung": the group and Samsung Electronics),
    #: plus the entities they refer to (a mention of Facebook is a mention of Meta for facts)
    entities: frozenset[str] = frozenset()




LITERAL_NOTE = "titre traduit mot à mot"
SPLIT_NOTE = "la marque s'écrit en un seul mot"


class NameIndex:
    def __init__(self, table: FactTable):
        self.table = table
        self.automaton = ahocorasick.Automaton()
        payloads: dict[str, list[Form]] = {}
        words = strip_lines(load_yaml(str(DATA_DIR / "title-words.yaml")))
        nouns = {k: (v[0], v[1]) for k, v in words["nouns"].items()}
        adjectives = dict(words["adjectives"])
        for ent in table.entities.values():
            for form in ent.forms:
                payloads.setdefault(fold(form), []).append(Form(ent.id, form, "name"))
            surname = _surname(ent)
            if surname and surname not in ent.forms:
                # articles name people by surname after the first mention ("Musk a acheté")
                payloads.setdefault(fold(surname), []).append(Form(ent.id, surname, "name"))
            for bad in ent.bad:
                payloads.setdefault(fold(bad.form), []).append(Form(ent.id, bad.form, "bad", bad.note, bad.ambiguous, bad.cited_only))
            for split in _split_camel(ent):
                key = fold(split)
                if key not in payloads:
                    payloads[key] = [Form(ent.id, split, "bad", SPLIT_NOTE)]
            if ent.kind in ("publication", "organisation", "company"):
                for spec in literal_renderings(ent.name, nouns, adjectives):
                    key = fold(spec.form)
                    if not any(f.entity == ent.id for f in payloads.get(key, ())):
                        payloads.setdefault(key, []).append(Form(ent.id, spec.form, "bad", LITERAL_NOTE, spec.ambiguous))
        for key, forms in payloads.items():
            if key.strip():
                self.automaton.add_word(key, _Payload(len(key), tuple(forms), {}))
        if payloads:
            self.automaton.make_automaton()
        self._empty = not payloads
        self.persons = [e for e in table.entities.values() if e.kind == "person"]

    @functools.cached_property
    def known_words(self) -> frozenset[str]:
        """Every word of every correct name: never a typo, never glued words."""
        return frozenset(w for e in self.table.entities.values() for f in e.forms for w in f.split())

    def entity(self, entity_id: str) -> Entity:
        return self.table.entities[entity_id]

    def scan(self, text: str) -> Iterator[Hit]:
        """Every whole-word occurrence of a known form (any case), longest first at a place."""
        if self._empty:
            return
        size = len(text)
        # (-length, start, end, payload): sorted, the longest first, then in text order
        raw: list[tuple[int, int, int, _Payload]] = []
        for last, payload in self.automaton.iter(fold(text)):
            length = payload.length
            start, end = last - length + 1, last + 1
            if start > 0 and WORD_CHAR[text[start - 1]] and WORD_CHAR[text[start]]:
                continue
            if end < size and WORD_CHAR[text[end]] and WORD_CHAR[text[last]]:
                # "Le bordOn ne sait pas": a lost space shows as a lower/upper seam
                if not (text[end].isupper() and text[last].islower()):
                    continue
            raw.append((-length, start, end, payload))
        raw.sort()
        # where matches overlap, the longest wins ("The Wall Street Journal" over "Wall Street");
        # the chosen spans are disjoint, so sorted by start they are sorted by end too, and
        # a candidate overlaps one of them exactly when the last one starting before its end
        # ends after its start
        starts: list[int] = []
        ends: list[int] = []
        chosen: list[tuple[int, int, _Payload]] = []
        for _, start, end, payload in raw:
            at = bisect_left(starts, end)
            if at and ends[at - 1] > start:
                continue
            starts.insert(at, start)
            ends.insert(at, end)
            chosen.insert(at, (start, end, payload))
        for start, end, payload in chosen:
            surface = text[start:end]
            resolved = payload.resolved.get(surface)
            if resolved is None:
                resolved = payload.resolved[surface] = self._resolve(surface, payload.forms)
            if resolved is not _COMMON_WORD:
                yield Hit(start, end, surface, *resolved)

    def _resolve(self, surface: str, forms: tuple[Form, ...]) -> tuple[Form, frozenset[str]]:
        """The form a surface text stands for, and the entities it names (see Hit); or
        _COMMON_WORD for a French word in lower case that a capitalised name is spelled like:
        "l'oracle" and "un square" name neither Oracle nor Square."""
        best = _best_form(surface, forms)
        if best.kind == "name" and surface.islower() and not best.form.islower() and is_word(surface):
            return _COMMON_WORD
        named = {f.entity for f in forms if f.kind == "name" and f.form.replace("’", "'") == surface.replace("’", "'")}
        named = named or {best.entity}
        related = {r for e in named for r in self.table.entities[e].refers_to}
        return best, frozenset(named | related)


#: what _resolve says of a surface that is a common French word, not a name
_COMMON_WORD: tuple[Form, frozenset[str]] = (Form("", "", "name"), frozenset())


class _Payload(NamedTuple):
    """What the automaton holds for a folded form."""

    length: int
    forms: tuple[Form, ...]
    #: (best form, entities) by surface text: a document names the same few entities
    #: again and again, always spelled the same way
    resolved: dict[str, tuple[Form, frozenset[str]]]


def _best_form(surface: str, forms: tuple[Form, ...]) -> Form:
    """The form that explains the surface text best: exact spelling first, names before bad forms."""
    norm = surface.replace("’", "'")
    for f in forms:
        if f.form.replace("’", "'") == norm and f.kind == "name":
            return f
    for f in forms:
        if f.form.replace("’", "'") == norm:
            return f
    for f in forms:
        if f.kind == "bad" and f.form[1:].replace("’", "'") == norm[1:]:
            return f
    names = [f for f in forms if f.kind == "name"]
    return names[0] if names else forms[0]


def _split_camel(ent: Entity) -> list[str]:
    """"Apple Care" for AppleCare, "Chat GPT" for ChatGPT: a one-word brand cut in two."""
    if not ent.case_strict or " " in ent.name:
        return []
    parts = re.findall(r"[A-Z]?[a-z]+|[A-Z]+(?![a-z])|\d+", ent.name)
    if len(parts) != 2 or "".join(parts) != ent.name or min(len(p) for p in parts) < 2:
        return []
    return [" ".join(parts)]


def _surname(ent: Entity) -> str | None:
    """A person's surname when it can stand alone: not an ordinary French word ("Page", "Son")."""
    from qc.wordlists import is_word

    parts = ent.name.split()
    if ent.kind != "person" or len(parts) < 2:
        return None
    last = parts[-1]
    return last if len(last) >= 4 and last[0].isupper() and not is_word(last.lower()) else None


def _article(word: str, gender: str) -> str:
    if gender == "pl":
        return "Les "
    if word[:1].lower() in "aeiouyéèêàâh":
        return "L'"
    return "Le " if gender == "m" else "La "


def literal_renderings(name: str, nouns: dict[str, tuple[str, str]], adjectives: dict[str, str]) -> list[BadFormSpec]:
    """Word-by-word French renderings of an English title, as MT produces them.

    "The Verge" -> "Le bord"; "The Wall Street Journal" -> "Le journal de Wall Street";
    "Financial Times" -> "Le temps financier". A one-word rendering is ordinary French,
    so it is marked ambiguous (it then needs a name context to fire).
    """
    words = name.split()
    if words and words[0].lower() == "the":
        words = words[1:]
    if not words or words[-1].lower() not in nouns:
        return []
    fr, gender = nouns[words[-1].lower()]
    det = _article(fr, gender)
    mods = words[:-1]
    if not mods:
        return [BadFormSpec(det + fr, True)]
    if all(m.lower() in adjectives for m in mods):
        return [BadFormSpec(det + fr + " " + " ".join(adjectives[m.lower()] for m in mods), True)]
    if all(m.lower() in nouns or m.lower() in adjectives for m in mods):
        return []  # a stack of common words: too unpredictable to generate
    return [BadFormSpec(f"{det}{fr} de {' '.join(mods)}", False)]


@dataclass(frozen=True)
class BadFormSpec:
    form: str
    ambiguous: bool
