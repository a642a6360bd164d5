"""`qc review`: walk through the findings of one article and decide each one.

A ReviewSession never touches the terminal: it reads keys and lines and writes
text through callables, so tests drive it directly and the CLI only wires it to
the terminal. Every decision is written to disk at once (the article, the
baseline or the facts file, each atomically), so a session interrupted with
Ctrl-C loses nothing already decided; the article's original stays in
FILE.qc-bak until the session ends normally.

After each edit the file is checked again and positions come from that new
check. Decided findings are remembered by position, shifted by every edit the
session makes, so they are not asked again.
"""
from __future__ import annotations

import os
import re
import shutil
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable

import yaml

from qc import baseline, resources
from qc.atomic import write_bytes
from qc.config import Config, discover
from qc.documents import detect_format, load_document
from qc.documents.readers import markdown_paragraph_lines
from qc.engine import FileResult, Options, Runner
from qc.errors import ConfigError, DataError, InputError
from qc.facts.table import Entity, Problems, parse_entity
from qc.findings import EVIDENCE_LABELS, Finding, evidence_text
from qc.fingerprint import fingerprints
from qc.report.text import format_finding
from qc.yamlload import strip_lines

BOM = "\ufeff".encode()
ACTIONS = {
    "a": "acceptée(s)",
    "e": "éditée(s)",
    "i": "ignorée(s)",
    "f": "ajoutée(s) aux faits",
    "s": "passée(s)",
}
_NEXT_LINE = re.compile(r"<!--\s*qc-disable-next-line\b(?P<ids>[^>]*?)\s*-->\s*$")
_FACTS_HEADER = (
    "# Formes acceptées ajoutées par `qc review` (docs/review.md).\n"
    "# qc review réécrit ce fichier à chaque ajout : ses commentaires ne sont pas conservés.\n"
)


@dataclass(frozen=True)
class ReviewSettings:
    """The `[review]` table of the configuration; paths are relative to the config file."""

    ignore: str = "baseline"  # or "suppression" (inline comment in .md/.html)
    baseline: str = ".qc-baseline.json"
    facts_file: str | None = None

    @classmethod
    def from_config(cls, config: Config) -> "ReviewSettings":
        raw: Any = dict(config.settings).get("review", {})
        where = f"{config.path or 'configuration'}: review"
        if not isinstance(raw, dict):
            raise ConfigError(f"{where}: une table [review] est attendue")
        unknown = set(raw) - {"ignore", "baseline", "facts-file", "facts_file"}
        if unknown:
            raise ConfigError(f"{where}: clé inconnue « {sorted(unknown)[0]} » (ignore, baseline, facts-file)")
        ignore = raw.get("ignore", cls.ignore)
        if ignore not in ("baseline", "suppression"):
            raise ConfigError(f"{where}: ignore: « {ignore} » (baseline ou suppression)")
        base = Path(config.path).parent if config.path else Path()
        paths = {}
        for key in ("baseline", "facts-file"):
            value = raw.get(key, raw.get(key.replace("-", "_")))
            if value is not None and not (isinstance(value, str) and value):
                raise ConfigError(f"{where}: {key}: un chemin est attendu")
            paths[key] = str(base / value) if value else None
        return cls(ignore, paths["baseline"] or str(base / cls.baseline), paths["facts-file"])


@dataclass(frozen=True)
class _Decided:
    """A finding already decided, found again by rule and position."""

    rule: str
    offset: int
    length: int

    def shifted(self, start: int, removed: int, added: int) -> "_Decided | None":
        """Where this span is after replacing source[start:start+removed]; None if it was edited."""
        end = start + removed
        if self.offset >= end:
            return _Decided(self.rule, self.offset + added - removed, self.length)
        if self.offset + self.length <= start:
            return self
        return None

    def matches(self, f: Finding) -> bool:
        return (self.rule, self.offset, self.length) == (f.rule, f.offset, f.length)


def entity_override(entity: Entity, form: str) -> dict[str, Any]:
    """The entity as a data-file entry (docs/data-format.md) with `form` among its accepted forms.

    A user file entry with the same id replaces the shipped one, so every field is
    kept; bad forms and bad examples that are the new form are dropped.
    """
    entry: dict[str, Any] = {"id": entity.id, "kind": entity.kind, "name": entity.name}
    entry["accepted"] = [*entity.accepted, *([form] if form not in entity.accepted else [])]
    bad = [{"form": b.form, **({"note": b.note} if b.note else {}), "ambiguous": b.ambiguous} for b in entity.bad if b.form != form]
    if bad:
        entry["bad"] = bad
    entry["case_strict"] = entity.case_strict
    entry["source"] = entity.source
    entry["checked"] = entity.checked
    bad_examples = [ex for ex in entity.examples.bad if form not in (ex.get("text", "") if isinstance(ex, dict) else str(ex))]
    entry["examples"] = strip_lines({**({"bad": bad_examples} if bad_examples else {}), "good": list(entity.examples.good)})
    return entry


class ReviewSession:
    """One interactive review of one article.

    `read_key(prompt)` returns one character ("" at the end of input, which quits),
    `read_line(prompt)` one line ("" cancels), `write(text)` prints.
    """

    def __init__(
        self,
        path: str,
        options: Options | None = None,
        *,
        read_key: Callable[[str], str],
        read_line: Callable[[str], str],
        write: Callable[[str], None],
        color: bool = False,
    ):
        self.path = path
        self.options = options or Options()
        self.read_key = read_key
        self.read_line = read_line
        self.write = write
        self.color = color
        self.config = discover(path, self.options.config)
        self.settings = ReviewSettings.from_config(self.config)
        self.format = self.options.format or detect_format(path)
        self.backup = f"{path}.qc-bak"
        self.counts: Counter[str] = Counter()
        self.decided: list[_Decided] = []
        self.source = ""
        self.findings: list[Finding] = []
        self._runner: Runner | None = None
        self._bom = False

    # -- the session ----------------------------------------------------
    def run(self) -> Counter[str]:
        """Ask about every finding until none is left or the user quits; returns counts per action."""
        if os.path.exists(self.backup):
            if Path(self.backup).read_bytes() != Path(self.path).read_bytes():
                raise InputError(f"{self.backup} existe déjà (revue interrompue ?) : comparez-le à {self.path}, puis supprimez-le")
            os.remove(self.backup)  # left by a session interrupted before any change: nothing to keep
        self._check()
        shutil.copy2(self.path, self.backup)
        while True:
            pending = self.pending()
            if not pending:
                break
            if not self._decide(pending[0], len(pending)):
                break
        os.remove(self.backup)
        done = ", ".join(f"{n} {ACTIONS[k]}" for k, n in self.counts.items() if n) or "aucune décision"
        self.write(f"revue terminée : {done} ; {len(self.pending())} signalement(s) restant(s)\n")
        return self.counts

    def pending(self) -> list[Finding]:
        """Findings of the last check not decided yet and not in the baseline."""
        findings = self.findings
        if os.path.exists(self.settings.baseline):
            known = baseline.load(self.settings.baseline)
            findings = baseline.filter_new([FileResult(self.path, findings, None, self.source)], known)[0].findings
        return [f for f in findings if not any(d.matches(f) for d in self.decided)]

    def _decide(self, f: Finding, remaining: int) -> bool:
        """Ask about one finding until a valid key is given; False when the user quits."""
        self._show(f, remaining)
        while True:
            key = self.read_key(self._prompt(f)).strip().lower()[:1]
            if key in ("", "q"):
                self.write("\n")
                return False
            if key not in ACTIONS:
                self.write(f"\ntouche inconnue « {key} »\n")
                continue
            problem = self._apply(key, f)
            if problem:
                self.write(f"\n{problem}\n")
                continue
            self.counts[key] += 1
            return True

    def _apply(self, key: str, f: Finding) -> str | None:
        """Carry out one action; returns why it cannot be done, if it cannot."""
        if key == "a":
            if not f.suggestion:
                return "pas de suggestion pour ce signalement : [e] pour éditer"
            self._replace(f, f.suggestion)
            self.write(f"\n→ « {f.text} » remplacé par « {f.suggestion} »\n")
        elif key == "e":
            self.write("\n")
            text = self.read_line(f"remplacer « {f.text} » par (vide : annuler) : ")
            if not text:
                return "édition annulée"
            self._replace(f, text)
            self.write(f"→ « {f.text} » remplacé par « {text} »\n")
        elif key == "i":
            self.write("\n→ " + self._ignore(f) + "\n")
        elif key == "f":
            problem = self._accept_form(f)
            if problem:
                return problem
        else:
            self._mark(f)
            self.write("\n")
        return None

    # -- display --------------------------------------------------------
    def _show(self, f: Finding, remaining: int) -> None:
        position = sum(self.counts.values()) + 1
        lines = format_finding(f, self.source.split("\n"), self.color)
        out = [f"\n[{position}/{position + remaining - 1}] " + lines[0], *lines[1:]]
        for key, value in f.evidence.items():
            out.append(f"      {EVIDENCE_LABELS.get(key, key)} : {evidence_text(value)}")
        self.write("\n".join(out) + "\n")

    def _prompt(self, f: Finding) -> str:
        choices = []
        if f.suggestion:
            choices.append(f"[a] appliquer « {f.suggestion} »")
        choices += ["[e] éditer", "[i] ignorer"]
        if "entity" in f.evidence and self.settings.facts_file:
            choices.append("[f] forme correcte")
        choices += ["[s] passer", "[q] quitter"]
        return "  ".join(choices) + " > "

    # -- actions ----------------------------------------------------------
    def _mark(self, f: Finding) -> None:
        self.decided.append(_Decided(f.rule, f.offset, f.length))

    def _replace(self, f: Finding, text: str) -> None:
        """Replace the span; the same rule on the new text of that span counts as decided."""
        if self.source[f.offset : f.offset + f.length] != f.text:
            raise InputError(f"{self.path}: le passage « {f.text} » a changé ; relancez qc review")
        self._edit(f.offset, f.length, text)
        self.decided.append(_Decided(f.rule, f.offset, len(text)))

    def _edit(self, start: int, removed: int, text: str) -> None:
        """Replace source[start:start+removed], write the file, shift decisions, check again."""
        self._ensure_unchanged()
        new = self.source[:start] + text + self.source[start + removed :]
        write_bytes(self.path, (BOM if self._bom else b"") + new.encode("utf-8"))
        self.decided = [d for d in (d.shifted(start, removed, len(text)) for d in self.decided) if d]
        self._check()

    def _ignore(self, f: Finding) -> str:
        if self.settings.ignore == "suppression" and self.format in ("md", "html"):
            self._mark(f)
            start, text = self._suppression(f)
            self._edit(start, 0, text)
            return f"commentaire qc-disable-next-line {f.rule} ajouté au-dessus de la ligne {f.line}"
        index = next(i for i, g in enumerate(self.findings) if g is f)
        baseline.add(f, fingerprints(self.findings, self.source)[index], self.settings.baseline)
        self._mark(f)
        note = " (les fichiers .txt n'ont pas de commentaires)" if self.settings.ignore == "suppression" else ""
        return f"enregistré dans la baseline {os.path.relpath(self.settings.baseline)}{note}"

    def _suppression(self, f: Finding) -> tuple[int, str]:
        """Where to insert `<!-- qc-disable-next-line RULE -->` so that it covers the finding's line.

        An existing directive on the line above gets the rule added. In Markdown, a
        comment line inside a paragraph would split it, so there the comment goes at
        the end of the line above; elsewhere it is a line of its own.
        """
        starts = [0] + [m.end() for m in re.finditer("\n", self.source)]
        line_start = starts[f.line - 1]
        if f.line > 1:
            prev_start = starts[f.line - 2]
            prev = self.source[prev_start : line_start].rstrip("\r\n")
            m = _NEXT_LINE.search(prev)
            if m:
                return prev_start + m.end("ids"), f" {f.rule}"
            if self.format == "md" and prev.strip() and self._inline_line(f.line - 2):
                return prev_start + len(prev.rstrip()), f" <!-- qc-disable-next-line {f.rule} -->"
        line = self.source[line_start:].split("\n", 1)[0]
        indent = line[: len(line) - len(line.lstrip(" \t"))]
        newline = "\r\n" if line.endswith("\r") else "\n"
        return line_start, f"{indent}<!-- qc-disable-next-line {f.rule} -->{newline}"

    def _inline_line(self, line0: int) -> bool:
        """Is 0-based line `line0` inline text of a paragraph or ATX heading (where a comment can be appended)?"""
        return line0 in markdown_paragraph_lines(self.source)

    def _accept_form(self, f: Finding) -> str | None:
        entity_id = f.evidence.get("entity")
        facts_file = self.settings.facts_file
        if not entity_id:
            return "ce signalement ne porte pas sur une entité de la table des faits"
        if not facts_file:
            return "configurez [review] facts-file = \"facts/local.yaml\" dans .qc.toml pour ajouter des formes"
        entity = self._get_runner().resources.facts.entities.get(entity_id)
        if entity is None:
            return f"entité « {entity_id} » absente de la table des faits"
        entry = entity_override(entity, f.text)
        problems = Problems()
        parse_entity(entry, facts_file, problems)
        if problems.items:
            return f"forme refusée : {problems.items[0]}"
        data = self._read_facts(facts_file)
        entities = list(data.get("entities") or [])
        same = [i for i, e in enumerate(entities) if isinstance(e, dict) and e.get("id") == entity_id]
        if same:
            entities[same[0]] = entry
        else:
            entities.append(entry)
        data["entities"] = entities
        os.makedirs(os.path.dirname(os.path.abspath(facts_file)), exist_ok=True)
        dumped = yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=100)
        write_bytes(facts_file, (_FACTS_HEADER + dumped).encode("utf-8"))
        self._mark(f)
        covered = self._covers(facts_file)
        self.write(f"\n→ « {f.text} » ajouté aux formes acceptées de {entity_id} dans {os.path.relpath(facts_file)}\n")
        if not covered:
            where = os.path.relpath(self.config.path) if self.config.path else ".qc.toml"
            self.write(f"  note : ajoutez ce fichier à `facts` dans {where} pour que qc check en tienne compte\n")
        resources.forget()
        self._runner = None
        self._check()
        return None

    # -- files and checks -----------------------------------------------
    def _read_facts(self, path: str) -> dict[str, Any]:
        if not os.path.exists(path):
            return {}
        try:
            data = yaml.safe_load(Path(path).read_text(encoding="utf-8"))
        except (yaml.YAMLError, UnicodeDecodeError) as exc:
            raise DataError(f"{path}: fichier de faits illisible ({str(exc).splitlines()[0]})") from None
        if data is None:
            return {}
        if not isinstance(data, dict):
            raise DataError(f"{path}: le fichier doit contenir `entities:` et/ou `facts:`")
        return data

    def _covers(self, facts_file: str) -> bool:
        files = resources.Resources.for_config(self.config).fact_files
        return os.path.abspath(facts_file) in {os.path.abspath(p) for p in files}

    def _get_runner(self) -> Runner:
        """The checks for this file; the facts file is always read, even if `facts` omits it."""
        if self._runner is None:
            config = self.config
            facts_file = self.settings.facts_file
            if facts_file and os.path.exists(facts_file) and not self._covers(facts_file):
                config = config.merged(facts=(*config.facts, os.path.abspath(facts_file)))
            self._runner = Runner(config, self.options)
        return self._runner

    def _ensure_unchanged(self) -> None:
        with open(self.path, "rb") as fh:
            data = fh.read()
        if data != (BOM if self._bom else b"") + self.source.encode("utf-8"):
            raise InputError(f"{self.path}: modifié hors de qc review pendant la revue ; relancez qc review")

    def _check(self) -> None:
        doc = load_document(self.path, self.options.format, self.options.published, self.options.source_lang)
        with open(self.path, "rb") as fh:
            self._bom = fh.read(3) == BOM
        self.source = doc.source
        self.findings = self._get_runner().check(doc)
