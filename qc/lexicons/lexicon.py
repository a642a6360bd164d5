"""Loading lexicon files (calques, false friends, terminology) and matching them.

Each file names the rule its entries report under; every entry carries its
pattern, antipatterns, French message, suggestion and its own examples.
"""
from __future__ import annotations

import bisect
import functools
import re
from collections import defaultdict
from dataclasses import dataclass, field
from importlib import resources as importlib_resources
from pathlib import Path
from typing import Callable, Iterable, Iterator, Sequence

import ahocorasick

from qc.documents.model import Span
from qc.errors import DataError
from qc.facts.table import Examples, Problems, parse_examples
from qc.findings import Severity
from qc.lexicons.pattern import Match, PatternError, RegexPattern, TokenPattern, compile_pattern
from qc.tokens import Words, word_keys
from qc.yamlload import LINE, load_yaml, strip_lines


#: rule ids a lexicon file may report under (declared by qc.checks.lexicon)
LEXICON_RULES = {
    "idiom.calque": "idiom",
    "idiom.false-friend": "idiom",
    "terminology.wrong-term": "terminology",
    "fluency.awkward": "fluency",
}
ENTRY_FIELDS = {"id", "pattern", "unless", "message", "suggestion", "source_lang", "severity", "examples", "note", "kind", "confidence", "topic"}
TOPICS_FILE = Path(str(importlib_resources.files("qc.lexicons"))) / "topics.yaml"
#: word forms a Lexicon remembers (see Lexicon._learn) before it starts afresh
LEARNED_FORMS_MAX = 300_000


@dataclass(frozen=True)
class Entry:
    id: str
    rule: str
    pattern: TokenPattern | RegexPattern
    message: str
    suggestion: str | None
    source_lang: str
    severity: Severity
    unless: tuple[TokenPattern | RegexPattern, ...] = ()
    #: the entry applies only in an article about this topic (qc/lexicons/topics.yaml)
    topic: str | None = None
    examples: Examples = Examples()
    file: str = ""
    line: int = 0

    @property
    def key(self) -> str:
        return f"{Path(self.file).stem}:{self.id}"


def _holds_one_of_each(text: str, literal_sets: Sequence[frozenset[str]]) -> bool:
    """Does `text` hold a string of each set? Plain loops: the generator expressions
    `all(any(...))` cost twice as much on the few short sets of a regex entry."""
    for literals in literal_sets:
        for literal in literals:
            if literal in text:
                break
        else:
            return False
    return True


def _matches(pattern: TokenPattern | RegexPattern, words: Words, text: str, offset: int) -> Iterator[Match]:
    if isinstance(pattern, RegexPattern):
        yield from pattern.search_text(text, offset)
    else:
        yield from pattern.finditer(words.tokens)


@dataclass
class Lexicon:
    entries: list[Entry] = field(default_factory=list)
    _index: dict[str, list[Entry]] = field(default_factory=dict)
    _unindexed: list[Entry] = field(default_factory=list)
    _by_norm: dict[str, tuple[Entry, ...]] = field(default_factory=dict)
    #: the word forms of _by_norm that anchor some entry
    _anchored: set[str] = field(default_factory=set)

    def __post_init__(self) -> None:
        index: dict[str, list[Entry]] = defaultdict(list)
        literals: dict[str, list[Entry]] = defaultdict(list)
        for e in self.entries:
            if isinstance(e.pattern, RegexPattern):
                if not e.pattern.literal_sets:
                    self._unindexed.append(e)
                else:
                    for lit in e.pattern.literal_sets[0]:
                        literals[lit].append(e)
            else:
                for word in e.pattern.anchors:
                    index[word].append(e)
        self._index = dict(index)
        # each required word set of a token entry, as the set of the word forms met so far
        # that meet it (filled by _learn): a sentence holds the set's words iff it holds
        # one of these forms, an intersection test with no word keys to gather
        forms: dict[frozenset[str], set[str]] = {}
        self._required_forms: dict[int, tuple[set[str], ...]] = {
            id(e): tuple(forms.setdefault(words, set()) for words in e.pattern.required)
            for e in self.entries if isinstance(e.pattern, TokenPattern)
        }
        self._forms_by_word: dict[str, list[set[str]]] = defaultdict(list)
        for words, met in forms.items():
            for word in words:
                self._forms_by_word[word].append(met)
        #: candidates are tried in file order, whatever order their words come in
        self._order = {id(e): i for i, e in enumerate(self.entries)}
        # the first literal set of every regex in one automaton: one pass over the text
        # finds the regexes worth running (their other sets are checked on those sentences)
        self._literals = ahocorasick.Automaton()
        for lit, entries in literals.items():
            self._literals.add_word(lit, (len(lit), {id(e): e for e in entries}))
        if literals:
            self._literals.make_automaton()

    def __reduce__(self) -> tuple[type, tuple[list[Entry]]]:
        """Pickled as its entries (the compiled-data cache): the indexes key entries by
        id(), which only holds within one process, so they are rebuilt on loading."""
        return Lexicon, (self.entries,)

    def _learn(self, norm: str) -> None:
        """Index the entries anchored on a new word form (by any of its lemma keys): a run
        meets the same few thousand forms again and again, each is looked up once."""
        keys = word_keys(norm)
        found = self._by_norm[norm] = tuple({id(e): e for k in keys for e in self._index.get(k, ())}.values())
        if found:
            self._anchored.add(norm)
        for key in keys:
            for met in self._forms_by_word.get(key, ()):
                met.add(norm)

    def _forget(self) -> None:
        """Start learning afresh: a bound for endless runs over varied text."""
        self._by_norm.clear()
        self._anchored.clear()
        for forms in self._forms_by_word.values():
            for met in forms:
                met.clear()

    def _live(self, norms: set[str]) -> dict[str, tuple[Entry, ...]]:
        """The entries each word form of the document anchors, keeping only those whose
        every required word the document holds: no sentence of it can match the others."""
        live: dict[str, tuple[Entry, ...]] = {}
        required = self._required_forms
        for norm in norms.intersection(self._anchored):
            entries = tuple(e for e in self._by_norm[norm] if not any(map(norms.isdisjoint, required.get(id(e), ()))))
            if entries:
                live[norm] = entries
        return live

    def find(self, text: str, sentences: Sequence[Span], words: Sequence[Words],
             topics: Callable[[], frozenset[str]] = frozenset) -> Iterator[tuple[Entry, Match]]:
        """Matches in a document: `text` is its prose, `words` the tokens of each sentence.

        An entry is tried on a sentence only when one of its anchor words is among the
        sentence's tokens and so are all its other required words, or when the sentence's
        text holds its regex literals (one Aho-Corasick pass over the whole text).
        `topics` is called only if a candidate entry is topic-scoped.
        """
        regex_hits = self._regex_candidates(text, sentences)
        sentence_norms = [set(w.norms) for w in words]
        doc_norms = set().union(*sentence_norms)
        if len(self._by_norm) > LEARNED_FORMS_MAX:
            self._forget()
        for norm in doc_norms.difference(self._by_norm):
            self._learn(norm)
        live = self._live(doc_norms)
        if not live and not regex_hits and not self._unindexed:
            return
        required = self._required_forms
        order = self._order
        doc_topics: frozenset[str] | None = None
        for si, (sentence, sentence_tokens) in enumerate(zip(sentences, words)):
            norms = sentence_norms[si]
            seen = {id(e): e for norm in norms.intersection(live) for e in live[norm]}
            for e in regex_hits.get(si, ()):
                seen[id(e)] = e
            for e in self._unindexed:
                seen[id(e)] = e
            if not seen:
                continue
            sentence_text = text[sentence.start : sentence.end]
            for entry in [seen[k] for k in sorted(seen, key=order.__getitem__)]:
                # every required word of a token pattern must be in the sentence, not just its anchor
                if any(map(norms.isdisjoint, required.get(id(entry), ()))):
                    continue
                if entry.topic is not None:
                    doc_topics = topics() if doc_topics is None else doc_topics
                    if entry.topic not in doc_topics:
                        continue
                for m in _matches(entry.pattern, sentence_tokens, sentence_text, sentence.start):
                    if any(a.start < m.end and m.start < a.end for u in entry.unless for a in _matches(u, sentence_tokens, sentence_text, sentence.start)):
                        continue
                    yield entry, m

    def _regex_candidates(self, text: str, sentences: Sequence[Span]) -> dict[int, list[Entry]]:
        """Regex entries by sentence index: those whose every literal set the sentence meets."""
        if not len(self._literals):
            return {}
        found: dict[int, dict[int, Entry]] = {}
        lowered = text.lower().replace("’", "'")
        if len(lowered) != len(text):  # a rare letter whose lower case is longer: go sentence by sentence
            sentence_texts = [text[s.start : s.end].lower().replace("’", "'") for s in sentences]
            for si, sentence_text in enumerate(sentence_texts):
                for _, (_, entries) in self._literals.iter(sentence_text):
                    found.setdefault(si, {}).update(entries)
        else:
            sentence_texts = [lowered[s.start : s.end] for s in sentences]
            starts = [s.start for s in sentences]
            for last, (length, entries) in self._literals.iter(lowered):
                si = bisect.bisect_right(starts, last - length + 1) - 1
                if si >= 0 and last < sentences[si].end:
                    found.setdefault(si, {}).update(entries)
        out: dict[int, list[Entry]] = {}
        for si, entries in found.items():
            met = [e for e in entries.values() if _holds_one_of_each(sentence_texts[si], e.pattern.literal_sets[1:])]  # type: ignore[union-attr]
            if met:
                out[si] = met
        return out


def default_files() -> list[str]:
    folder = Path(str(importlib_resources.files("qc.lexicons") / "data"))
    return sorted(str(p) for p in folder.glob("*.yaml"))


def read_lexicon_file(file: str, problems: Problems) -> list[Entry]:
    data = load_yaml(file)
    if not isinstance(data, dict) or not isinstance(data.get("entries"), list):
        problems.add(file, 1, "entries", "le fichier doit avoir `rule:` et une liste `entries:`")
        return []
    rule = data.get("rule")
    if rule not in LEXICON_RULES:
        problems.add(file, data.get(LINE, 1), "rule", f"« {rule} » n'est pas une règle de lexique ({', '.join(LEXICON_RULES)})")
        return []
    entries: list[Entry] = []
    seen: set[str] = set()
    for raw in data["entries"]:
        if not isinstance(raw, dict):
            problems.add(file, 1, "entries", "chaque entrée est un dictionnaire")
            continue
        line = raw.get(LINE, 0)
        for key in raw:
            if key != LINE and key not in ENTRY_FIELDS:
                problems.add(file, line, key, "champ inconnu")
        entry_id = str(raw.get("id", ""))
        if not entry_id:
            problems.add(file, line, "id", "identifiant manquant")
        elif entry_id in seen:
            problems.add(file, line, "id", f"« {entry_id} » déjà défini dans ce fichier")
        seen.add(entry_id)
        for required in ("pattern", "message"):
            if not raw.get(required):
                problems.add(file, line, required, "champ obligatoire manquant")
        try:
            pattern = compile_pattern(str(raw.get("pattern", "")))
            unless_raw = raw.get("unless") or []
            if isinstance(unless_raw, str):
                unless_raw = [unless_raw]
            unless = tuple(compile_pattern(str(u)) for u in unless_raw)
        except PatternError as exc:
            problems.add(file, line, "pattern", str(exc))
            continue
        try:
            severity = Severity.parse(str(raw.get("severity", "warning")))
        except ValueError as exc:
            problems.add(file, line, "severity", str(exc))
            continue
        source_lang = str(raw.get("source_lang", "any"))
        if source_lang not in ("en", "es", "any"):
            problems.add(file, line, "source_lang", f"« {source_lang} » (en, es ou any)")
        examples = parse_examples(raw.get("examples"), file, line, problems)
        if not examples.bad or not examples.good:
            problems.add(file, line, "examples", "au moins un exemple `bad` et un exemple `good`")
        suggestion = raw.get("suggestion")
        topic = raw.get("topic")
        if topic is not None and topic not in topic_words():
            problems.add(file, line, "topic", f"« {topic} » n'est pas un thème connu ({', '.join(topic_words())})")
        entries.append(Entry(
            id=entry_id, rule=str(rule), pattern=pattern, message=" ".join(str(raw.get("message", "")).split()),
            suggestion=str(suggestion) if suggestion else None, source_lang=source_lang, severity=severity,
            unless=unless, topic=topic, examples=examples, file=file, line=line,
        ))
    return entries


def read_lexicons(files: Iterable[str]) -> tuple[dict[str, Lexicon], list[str]]:
    problems = Problems()
    by_rule: dict[str, list[Entry]] = defaultdict(list)
    for file in files:
        for e in read_lexicon_file(file, problems):
            by_rule[e.rule].append(e)
    return {rule: Lexicon(entries) for rule, entries in by_rule.items()}, problems.items


def load_lexicons(extra: Sequence[str] = (), disabled: Iterable[str] = (), include_default: bool = True) -> dict[str, Lexicon]:
    lexicons, problems = read_lexicons([*(default_files() if include_default else ()), *extra])
    if problems:
        more = f" (et {len(problems) - 1} autre(s))" if len(problems) > 1 else ""
        raise DataError(problems[0] + more)
    off = set(disabled)
    if off:
        lexicons = {r: Lexicon([e for e in lx.entries if e.id not in off and e.key not in off]) for r, lx in lexicons.items()}
    return lexicons



@functools.lru_cache(maxsize=1)
def topic_words() -> dict[str, tuple[int, frozenset[str]]]:
    raw = strip_lines(load_yaml(str(TOPICS_FILE)))["topics"]
    return {name: (int(t.get("min", 1)), frozenset(_words_only(w) for w in t["words"])) for name, t in raw.items()}


def _words_only(text: str) -> str:
    return re.sub(r"[^\w-]+", " ", text.lower()).strip()


def document_topics(text: str) -> frozenset[str]:
    """Topics the article is about: enough of the topic's words occur in it."""
    lowered = f" {_words_only(text)} "
    found = set()
    for name, (minimum, words) in topic_words().items():
        if sum(lowered.count(f" {w} ") for w in words) >= minimum:
            found.add(name)
    return frozenset(found)
