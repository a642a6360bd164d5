"""The token pattern language of the lexicons (docs/data-format.md).

Patterns are matched on word tokens of one sentence. Compiling them to regular
expressions would lose lemma matching (`~former`) and word-bounded gaps (`*3`),
so this is a small backtracking matcher over tokens; entries are indexed by
their first required word so that each sentence only tries plausible entries.
"""
from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from typing import Iterator, Sequence

from qc.tokens import Token, inflects, lemma, normalise

try:  # the standard library's regex parser, read by _required_literals and _first_char_guard
    from re import _constants as sre_constants  # type: ignore[attr-defined]
    from re import _parser as sre_parse  # type: ignore[attr-defined]
except ImportError:  # Python < 3.11
    import sre_constants  # type: ignore[no-redef]
    import sre_parse  # type: ignore[no-redef]


class PatternError(ValueError):
    pass


@dataclass(frozen=True)
class Step:
    kind: str  # "word", "lemma", "any", "gap", "mark_start", "mark_end"
    words: frozenset[str] = frozenset()
    optional: bool = False
    max_gap: int = 0

    def accepts(self, tok: Token) -> bool:
        if self.kind == "any":
            return tok.is_word
        if self.kind == "word":
            return tok.norm in self.words
        if self.kind == "lemma":
            return tok.is_word and inflects(tok.norm, self.words)
        return False


@dataclass(frozen=True)
class Match:
    start: int  # character offsets in the text the tokens came from
    end: int
    flag_start: int
    flag_end: int


class TokenPattern:
    def __init__(self, source: str):
        self.source = source
        self.steps = _compile(source)
        if not any(s.kind in ("word", "lemma") and not s.optional for s in self.steps):
            raise PatternError(f"« {source} » : il faut au moins un mot obligatoire")

    @functools.cached_property
    def required(self) -> tuple[frozenset[str], ...]:
        """The word sets of the required steps: a sentence can match only if each set
        meets the word keys (qc.tokens.word_keys) of one of its tokens."""
        return tuple(s.words for s in self.steps if s.kind in ("word", "lemma") and not s.optional)

    @functools.cached_property
    def anchors(self) -> frozenset[str]:
        """Words (or lemmas) one of which must be among a sentence's word keys for a match.

        Taken from a required step, preferring literal words: an index on them lets a
        sentence try only the entries that can match it.
        """
        from qc.wordlists import frequency

        required = [s for s in self.steps if s.kind in ("word", "lemma") and not s.optional]
        # punctuation and elided articles (l', d') are everywhere: never an index key
        wordy = [s for s in required if all(any(c.isalnum() for c in w) and not w.endswith("'") for w in s.words)]
        # the rarest required step makes the most selective index key
        return min(wordy or required, key=lambda s: sum(frequency(w, "fr") for w in s.words)).words

    def finditer(self, tokens: Sequence[Token]) -> Iterator[Match]:
        """Non-overlapping matches, left to right."""
        last_end = -1
        for i in self._starts(tokens):
            if tokens[i].start < last_end:
                continue
            m = self._match_at(tokens, i)
            if m is not None:
                yield m
                last_end = m.end

    def _starts(self, tokens: Sequence[Token]) -> Sequence[int]:
        """Where a match may start: most patterns begin with a required word, found in one
        comprehension instead of a full match attempt at every token."""
        first = self.steps[0]
        if first.optional or first.kind not in ("word", "lemma"):
            return range(len(tokens))
        words = first.words
        if first.kind == "word":
            return [i for i, tok in enumerate(tokens) if tok.norm in words]
        return [i for i, tok in enumerate(tokens) if tok.is_word and inflects(tok.norm, words)]

    def _match_at(self, tokens: Sequence[Token], i: int) -> Match | None:
        result = _walk(self.steps, 0, tokens, i, [])
        if result is None:
            return None
        end_index, marks = result
        if end_index <= i:
            return None
        start, end = tokens[i].start, tokens[end_index - 1].end
        flag_start = marks[0] if marks and marks[0] is not None else start
        flag_end = marks[1] if len(marks) > 1 and marks[1] is not None else end
        return Match(start, end, flag_start, flag_end)


def _walk(steps: Sequence[Step], si: int, tokens: Sequence[Token], ti: int, marks: list) -> tuple[int, list] | None:
    if si == len(steps):
        return ti, marks
    step = steps[si]
    if step.kind == "mark_start":
        pos = tokens[ti].start if ti < len(tokens) else (tokens[-1].end if tokens else 0)
        return _walk(steps, si + 1, tokens, ti, [pos])
    if step.kind == "mark_end":
        pos = tokens[ti - 1].end if ti > 0 else 0
        return _walk(steps, si + 1, tokens, ti, [marks[0] if marks else None, pos])
    if step.kind == "gap":
        for skip in range(0, step.max_gap + 1):
            if ti + skip > len(tokens):
                break
            if skip and not tokens[ti + skip - 1].is_word:
                break  # gaps never cross punctuation
            r = _walk(steps, si + 1, tokens, ti + skip, marks)
            if r is not None:
                return r
        return None
    if ti < len(tokens) and step.accepts(tokens[ti]):
        r = _walk(steps, si + 1, tokens, ti + 1, marks)
        if r is not None:
            return r
    if step.optional:
        return _walk(steps, si + 1, tokens, ti, marks)
    return None


_GAP = re.compile(r"^\*(\d+)$")


def _compile(source: str) -> list[Step]:
    steps: list[Step] = []
    for raw in source.split():
        if raw == "<":
            steps.append(Step("mark_start"))
            continue
        if raw == ">":
            steps.append(Step("mark_end"))
            continue
        if raw == "*":
            steps.append(Step("any"))
            continue
        gap = _GAP.match(raw)
        if gap:
            steps.append(Step("gap", max_gap=int(gap.group(1))))
            continue
        optional = raw.endswith("?") and len(raw) > 1
        body = raw[:-1] if optional else raw
        if body.startswith("~"):
            words = frozenset(normalise(w.lstrip("~")) for w in body.split("|") if w.lstrip("~"))
            words = words | frozenset(lemma(w) for w in words)
            kind = "lemma"
        else:
            words = frozenset(normalise(w) for w in body.split("|") if w)
            kind = "word"
        if not words:
            raise PatternError(f"« {source} » : élément vide « {raw} »")
        steps.append(Step(kind, words, optional))
    if not steps:
        raise PatternError("motif vide")
    # elided words are tokens of their own: `l'action` in a pattern means `l'` + `action`
    return _split_elisions(steps)


def _split_elisions(steps: list[Step]) -> list[Step]:
    out: list[Step] = []
    for s in steps:
        if s.kind == "word" and len(s.words) == 1:
            (w,) = tuple(s.words)
            m = re.match(r"^(l|d|j|m|n|s|t|c|qu|jusqu|lorsqu|puisqu)'(.+)$", w)
            if m:
                out.append(Step("word", frozenset({m.group(1) + "'"}), s.optional))
                out.append(Step("word", frozenset({m.group(2)}), s.optional))
                continue
        out.append(s)
    return out


class RegexPattern:
    def __init__(self, source: str):
        self.source = source
        try:
            self.regex = re.compile(_first_char_guard(source[3:]), re.IGNORECASE)
        except re.error as exc:
            raise PatternError(f"« {source} » : expression régulière invalide ({exc})") from None
        #: every match contains one string of each set (lower case): the lexicon's prefilter
        self.literal_sets = _required_literals(source[3:])

    def search_text(self, text: str, offset: int) -> Iterator[Match]:
        for m in self.regex.finditer(text):
            if "flag" in self.regex.groupindex and m.group("flag") is not None:
                fs, fe = m.span("flag")
            else:
                fs, fe = m.span()
            yield Match(offset + m.start(), offset + m.end(), offset + fs, offset + fe)


def compile_pattern(source: str) -> TokenPattern | RegexPattern:
    source = source.strip()
    if source.startswith("re:"):
        return RegexPattern(source)
    return TokenPattern(source)


#: the parsed class ['’] (either apostrophe), in both orders
_APOSTROPHES = ([(sre_constants.LITERAL, 39), (sre_constants.LITERAL, 8217)], [(sre_constants.LITERAL, 8217), (sre_constants.LITERAL, 39)])


def _literal_text(items) -> str | None:
    """The text parsed regex items stand for when they are all literal characters, or
    classes of the two apostrophes (read as "'": the lexicon looks literals up with ’
    folded to ')."""
    chars = []
    for op, av in items:
        if op is sre_constants.LITERAL:
            chars.append(chr(av))
        elif op is sre_constants.IN and av in _APOSTROPHES:
            chars.append("'")
        else:
            return None
    return "".join(chars)


def _required_literals(pattern: str) -> tuple[frozenset[str], ...]:
    """Sets of literal strings such that every match of `pattern` contains one string of
    each set (lower case): "il y a que (faire|voir|…)" needs "que" and one of the verbs.

    Walks the parsed regex (the standard library's own parser): literal runs of a
    sequence (a class of the two apostrophes counts as "'", as the text is looked up with
    ’ folded to '), mandatory groups, and the union over the branches of an alternation.
    Only strings of at least three characters count; no set when none is certain.
    """
    def requirements(items) -> list[frozenset[str]]:
        candidates: list[frozenset[str]] = []
        run: list[str] = []

        def flush() -> None:
            if run:
                candidates.append(frozenset({"".join(run).lower().replace("’", "'")}))
                run.clear()

        for op, av in items:
            text = _literal_text(av[-1] if op is sre_constants.SUBPATTERN else [(op, av)])
            if text is not None:  # "(?-i:Rue)" is literal text too, whatever its flags
                run.append(text)
                continue
            if op is sre_constants.AT:
                continue
            flush()
            if op is sre_constants.SUBPATTERN:
                candidates.extend(requirements(av[-1]))
            elif op is sre_constants.BRANCH:
                branches = [best(requirements(b)) for b in av[1]]
                if all(b is not None for b in branches):
                    candidates.append(frozenset().union(*branches))  # type: ignore[arg-type]
            elif op in (sre_constants.MAX_REPEAT, sre_constants.MIN_REPEAT) and av[0] >= 1:
                candidates.extend(requirements(av[2]))
        flush()
        return [c for c in candidates if min(map(len, c)) >= 3]

    def best(sets: list[frozenset[str]]) -> frozenset[str] | None:
        """One requirement of a branch: the one with the longest shortest string."""
        return max(sets, key=lambda c: min(map(len, c))) if sets else None

    try:
        sets = list(dict.fromkeys(requirements(sre_parse.parse(pattern, re.IGNORECASE))))
    except re.error:
        return ()
    # the most selective set first: the lexicon indexes it, and checks the others
    return tuple(sorted(sets, key=lambda c: -min(map(len, c))))


def _first_char_guard(pattern: str) -> str:
    """`pattern` behind a lookahead of the characters its matches can start with, when it
    opens with \\b and those are a few known letters: "\\b(?:va|vont|ira)" becomes
    "(?=[vi])\\b(?:va|vont|ira)".

    A pattern that opens with \\b gives `re` nothing to skip ahead with, so a search tries
    the whole pattern at every position; a leading class lets it reject most positions at
    once (a search takes half the time). The lookahead only states what every match
    already starts with, so the matches are the same (compiled with the same flags, the
    class folds case as the letters do). Found by the standard library's own parser.
    """
    def first(items) -> set[str] | None:
        """The characters a match of `items` starts with; None when not simply known."""
        for op, av in items:
            if op is sre_constants.AT:
                continue  # \\b and other positions take no character
            if op is sre_constants.LITERAL:
                return {chr(av)}
            if op is sre_constants.SUBPATTERN:
                return first(av[-1])
            if op is sre_constants.BRANCH:
                branches = [first(b) for b in av[1]]
                return set().union(*branches) if all(b is not None for b in branches) else None  # type: ignore[arg-type]
            if op in (sre_constants.MAX_REPEAT, sre_constants.MIN_REPEAT) and av[0] >= 1:
                return first(av[2])
            return None
        return None  # an empty pattern, or one of positions only

    try:
        parsed = sre_parse.parse(pattern, re.IGNORECASE)
    except re.error:
        return pattern
    if not parsed.data or parsed.data[0] != (sre_constants.AT, sre_constants.AT_BOUNDARY):
        return pattern
    chars = first(parsed.data)
    if not chars or not all(c.isalpha() for c in chars):
        return pattern
    return f"(?=[{''.join(sorted(chars))}])" + pattern
