"""Loading lexicon files (calques, false friends, terminology) and matching them.

Each file names the rule its entries report under; every entry carries its
pattern, antipatterns, French message, suggestion and its own examples.
"""
from __future__ import annotations

import functools
import re

import ahocorasick
from collections import defaultdict
from dataclasses import dataclass, field
from importlib import resources as importlib_resources
from pathlib import Path
from typing import Iterable, Iterator, Sequence

from qc.errors import DataError
from qc.facts.table import Examples, Problems, parse_examples
from qc.findings import Severity
from qc.lexicons.pattern import Match, PatternError, RegexPattern, TokenPattern, compile_pattern
from qc.tokens import Token, word_keys
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


def _matches(pattern: TokenPattern | RegexPattern, tokens: Sequence[Token], text: str, offset: int) -> Iterator[Match]:
    if isinstance(pattern, RegexPattern):
        yield from pattern.search_text(text, offset)
    else:
        yield from pattern.finditer(tokens)


@dataclass
class Lexicon:
    entries: list[Entry] = field(default_factory=list)
    _index: dict[str, list[Entry]] = field(default_factory=dict)
    _unindexed: list[Entry] = field(default_factory=list)

    def __post_init__(self) -> None:
        index: dict[str, list[Entry]] = defaultdict(list)
        literals: dict[str, list[Entry]] = defaultdict(list)
        for e in self.entries:
            if isinstance(e.pattern, RegexPattern):
                if e.pattern.literals is None:
                    self._unindexed.append(e)
                else:
                    for lit in e.pattern.literals:
                        literals[lit].append(e)
            else:
                for word in e.pattern.anchors:
                    index[word].append(e)
        self._index = dict(index)
        # every regex literal in one automaton: one pass over a sentence finds the regexes worth running
        self._literals = ahocorasick.Automaton()
        for lit, entries in literals.items():
            self._literals.add_word(lit, tuple(entries))
        if literals:
            self._literals.make_automaton()

    def candidates(self, tokens: Sequence[Token], text: str) -> list[Entry]:
        """Entries that may match: an anchor word among the tokens, or a regex literal in the text."""
        seen: dict[int, Entry] = {}
        for tok in tokens:
            for key in word_keys(tok.norm) if tok.is_word else (tok.norm,):
                for e in self._index.get(key, ()):
                    seen[id(e)] = e
        if len(self._literals):
            for _, entries in self._literals.iter(text.lower().replace("’", "'")):
                for e in entries:
                    seen[id(e)] = e
        for e in self._unindexed:
            seen[id(e)] = e
        return list(seen.values())

    def find(self, tokens: Sequence[Token], text: str, offset: int, topics: frozenset[str] = frozenset()) -> Iterator[tuple[Entry, Match]]:
        """Matches in one sentence: `text` is its text, `offset` where it starts; `topics` the article's."""
        for entry in self.candidates(tokens, text):
            if entry.topic is not None and entry.topic not in topics:
                continue
            for m in _matches(entry.pattern, tokens, text, offset):
                if any(a.start < m.end and m.start < a.end for u in entry.unless for a in _matches(u, tokens, text, offset)):
                    continue
                yield entry, m


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
