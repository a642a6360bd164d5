"""The fact table: entities (how names must be written) and dated facts.

Data lives in YAML files (docs/data-format.md). This module parses and validates
them into immutable records; problems are reported as `file:line: field: problem`.
"""
from __future__ import annotations

import glob
import re
from dataclasses import dataclass, field
from importlib import resources as importlib_resources
from pathlib import Path
from typing import Any, Iterable

from qc.errors import DataError
from qc.yamlload import LINE, load_yaml

KINDS = ("publication", "company", "person", "product", "organisation", "place", "event")
EVENTS = (
    "founded", "left", "joined", "acquired", "sold", "renamed", "launched", "released", "raised",
    "valued", "announced", "sued", "appointed", "ipo", "invested",
)
ID_RE = re.compile(r"^[a-z0-9][a-z0-9.\-]*$")
DATE_RE = re.compile(r"^(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?$")
URL_RE = re.compile(r"^https?://[^\s/]+\.[^\s]+$")

ENTITY_FIELDS = {"id", "kind", "name", "accepted", "bad", "case_strict", "refers_to", "headquarters", "source", "checked", "examples", "note"}
FACT_FIELDS = {"id", "subject", "object", "event", "date", "amount", "count", "period", "triggers", "statement", "source", "checked", "examples", "note"}


@dataclass(frozen=True)
class FactDate:
    year: int
    month: int | None = None
    day: int | None = None

    @classmethod
    def parse(cls, value: Any) -> "FactDate":
        m = DATE_RE.match(str(value).strip())
        if not m:
            raise ValueError(f"« {value} » n'est pas une date AAAA, AAAA-MM ou AAAA-MM-JJ")
        year, month, day = int(m.group(1)), m.group(2), m.group(3)
        month_i = int(month) if month else None
        day_i = int(day) if day else None
        if month_i is not None and not 1 <= month_i <= 12:
            raise ValueError(f"« {value} » : mois {month_i} invalide")
        if day_i is not None:
            import datetime

            datetime.date(year, month_i or 1, day_i)  # raises ValueError on a bad day
        return cls(year, month_i, day_i)

    def __str__(self) -> str:
        parts = [f"{self.year:04d}"]
        if self.month:
            parts.append(f"{self.month:02d}")
        if self.day:
            parts.append(f"{self.day:02d}")
        return "-".join(parts)


@dataclass(frozen=True)
class BadForm:
    form: str
    note: str = ""
    #: also ordinary French: fires only where the text uses it as a name
    ambiguous: bool = False
    #: a French proper noun too ("L'Atlantique"): fires only when cited as a source
    cited_only: bool = False


@dataclass(frozen=True)
class Examples:
    bad: tuple[Any, ...] = ()
    good: tuple[Any, ...] = ()


@dataclass(frozen=True)
class Entity:
    id: str
    kind: str
    name: str
    accepted: tuple[str, ...] = ()
    bad: tuple[BadForm, ...] = ()
    case_strict: bool = False
    #: entities a mention of this one also stands for in facts (Facebook -> Meta)
    refers_to: tuple[str, ...] = ()
    #: the place entity of its head office's town: "la firme de Cupertino" is Apple
    headquarters: str | None = None
    source: str = ""
    checked: str = ""
    examples: Examples = Examples()
    file: str = ""
    line: int = 0

    @property
    def forms(self) -> tuple[str, ...]:
        return (self.name, *self.accepted)


@dataclass(frozen=True)
class Amount:
    value: float
    currency: str | None = None
    unit: str | None = None


@dataclass(frozen=True)
class Fact:
    id: str
    subject: str
    event: str
    statement: str
    source: str
    checked: str
    object: str | None = None
    date: FactDate | None = None
    amount: Amount | None = None
    count: Amount | None = None
    period: tuple[FactDate | None, FactDate | None] | None = None
    triggers: tuple[str, ...] = ()
    examples: Examples = Examples()
    file: str = ""
    line: int = 0

    @property
    def entities(self) -> tuple[str, ...]:
        return (self.subject, self.object) if self.object else (self.subject,)

    @property
    def when(self) -> FactDate | None:
        """The date a sentence about this event should give: for a role, when it began."""
        if self.date is not None:
            return self.date
        return self.period[0] if self.period else None


@dataclass
class FactTable:
    entities: dict[str, Entity] = field(default_factory=dict)
    facts: dict[str, Fact] = field(default_factory=dict)
    files: tuple[str, ...] = ()

    def facts_about(self, entity_id: str) -> list[Fact]:
        return [f for f in self.facts.values() if entity_id in f.entities]


class Problems:
    """Collects validation problems as `file:line: field: problem` strings."""

    def __init__(self) -> None:
        self.items: list[str] = []

    def add(self, file: str, line: int, fld: str, problem: str) -> None:
        self.items.append(f"{file}:{line}: {fld}: {problem}")


DATA_DIR = Path(str(importlib_resources.files("qc.facts") / "data"))
#: data files beside the table that are not entity/fact files
AUXILIARY = frozenset({"events.yaml", "title-words.yaml"})


def default_files() -> list[str]:
    return sorted(str(p) for p in DATA_DIR.glob("*.yaml") if p.name not in AUXILIARY)


def expand(patterns: Iterable[str], base: str | None = None) -> list[str]:
    files: list[str] = []
    for pattern in patterns:
        full = str(Path(base) / pattern) if base and not Path(pattern).is_absolute() else pattern
        matches = sorted(glob.glob(full, recursive=True))
        if not matches:
            raise DataError(f"{full}: aucun fichier de faits ne correspond")
        files.extend(matches)
    return files


def parse_examples(raw: Any, file: str, line: int, problems: Problems) -> Examples:
    if raw is None:
        return Examples()
    if not isinstance(raw, dict):
        problems.add(file, line, "examples", "dictionnaire {bad: [...], good: [...]} attendu")
        return Examples()
    out = {}
    for key in ("bad", "good"):
        value = raw.get(key, [])
        if isinstance(value, (str, dict)):
            value = [value]
        if not isinstance(value, list):
            problems.add(file, raw.get(LINE, line), f"examples.{key}", "liste attendue")
            value = []
        out[key] = tuple(value)
    return Examples(**out)


def _common(raw: dict[str, Any], allowed: set[str], file: str, problems: Problems) -> int:
    line = raw.get(LINE, 0)
    for key in raw:
        if key != LINE and key not in allowed:
            problems.add(file, line, key, "champ inconnu")
    if not ID_RE.match(str(raw.get("id", ""))):
        problems.add(file, line, "id", f"identifiant manquant ou invalide « {raw.get('id', '')} »")
    src = raw.get("source")
    if not src:
        problems.add(file, line, "source", "source manquante (URL)")
    elif not URL_RE.match(str(src)):
        problems.add(file, line, "source", f"« {src} » n'est pas une URL http(s)")
    checked = raw.get("checked")
    if not checked:
        problems.add(file, line, "checked", "date de vérification manquante")
    else:
        try:
            FactDate.parse(checked)
        except ValueError as exc:
            problems.add(file, line, "checked", str(exc))
    return line


def _str_list(raw: Any, file: str, line: int, fld: str, problems: Problems) -> tuple[str, ...]:
    if raw is None:
        return ()
    if isinstance(raw, str):
        return (raw,)
    if not isinstance(raw, list) or not all(isinstance(x, (str, int, float)) for x in raw):
        problems.add(file, line, fld, "liste de chaînes attendue")
        return ()
    return tuple(str(x) for x in raw)


def _ordinary_french(form: str) -> bool:
    """A rendering made only of French words ("Cinq jours", "Le bord") is ambiguous by default."""
    from qc.wordlists import is_word

    words = re.findall(r"[^\W\d_]+", form.replace("’", "'"))
    return bool(words) and all(is_word(w) for w in words)


def _has_inner_capital(name: str) -> bool:
    return any(ch.isupper() for word in name.split() for ch in word[1:]) or (name[:1].islower() and any(c.isupper() for c in name))


def parse_entity(raw: dict[str, Any], file: str, problems: Problems) -> Entity | None:
    line = _common(raw, ENTITY_FIELDS, file, problems)
    kind = raw.get("kind")
    if kind not in KINDS:
        problems.add(file, line, "kind", f"« {kind} » n'est pas un type connu ({', '.join(KINDS)})")
    name = raw.get("name")
    if not isinstance(name, str) or not name.strip():
        problems.add(file, line, "name", "forme canonique manquante")
        return None
    bad: list[BadForm] = []
    for item in raw.get("bad") or []:
        if isinstance(item, str):
            bad.append(BadForm(item, "", _ordinary_french(item)))
        elif isinstance(item, dict) and isinstance(item.get("form"), str):
            extra = set(item) - {"form", "note", "ambiguous", LINE}
            if extra:
                problems.add(file, item.get(LINE, line), "bad", f"champ inconnu « {sorted(extra)[0]} »")
            level = item.get("ambiguous", _ordinary_french(item["form"]))
            bad.append(BadForm(item["form"], str(item.get("note", "")), bool(level), level == "cited"))
        else:
            problems.add(file, line, "bad", "chaque forme fautive est une chaîne ou {form, note}")
    accepted = _str_list(raw.get("accepted"), file, line, "accepted", problems)
    for b in bad:
        if b.form == name or b.form in accepted:
            problems.add(file, line, "bad", f"« {b.form} » est à la fois correcte et fautive")
    case_strict = raw.get("case_strict")
    if case_strict is None:
        case_strict = _has_inner_capital(name)
    examples = parse_examples(raw.get("examples"), file, line, problems)
    headquarters = raw.get("headquarters")
    if headquarters is not None and (not isinstance(headquarters, str) or not headquarters.strip()):
        problems.add(file, line, "headquarters", "l'identifiant d'une entité de type place attendu")
        headquarters = None
    return Entity(
        id=str(raw.get("id")), kind=str(kind), name=name, accepted=accepted, bad=tuple(bad),
        case_strict=bool(case_strict), refers_to=_str_list(raw.get("refers_to"), file, line, "refers_to", problems),
        headquarters=headquarters.strip() if headquarters else None,
        source=str(raw.get("source", "")), checked=str(raw.get("checked", "")),
        examples=examples, file=file, line=line,
    )


def _amount(raw: Any, file: str, line: int, fld: str, problems: Problems) -> Amount | None:
    if raw is None:
        return None
    if not isinstance(raw, dict) or not isinstance(raw.get("value"), (int, float)):
        problems.add(file, line, fld, "{value: nombre, currency: code} attendu")
        return None
    currency = raw.get("currency")
    if currency is not None and not re.fullmatch(r"[A-Z]{3}", str(currency)):
        problems.add(file, line, f"{fld}.currency", f"« {currency} » n'est pas un code ISO (USD, EUR...)")
    return Amount(float(raw["value"]), currency, raw.get("unit"))


def parse_fact(raw: dict[str, Any], file: str, problems: Problems) -> Fact | None:
    line = _common(raw, FACT_FIELDS, file, problems)
    event = raw.get("event")
    if event not in EVENTS:
        problems.add(file, line, "event", f"« {event} » n'est pas un événement connu ({', '.join(EVENTS)})")
    if not raw.get("subject"):
        problems.add(file, line, "subject", "sujet manquant")
    if not raw.get("statement"):
        problems.add(file, line, "statement", "énoncé manquant")
    when = None
    if raw.get("date") is not None:
        try:
            when = FactDate.parse(raw["date"])
        except ValueError as exc:
            problems.add(file, line, "date", str(exc))
    period = None
    if raw.get("period") is not None:
        p = raw["period"]
        if not isinstance(p, dict) or "from" not in p:
            problems.add(file, line, "period", "{from: AAAA-MM, to: AAAA-MM} attendu")
        else:
            try:
                period = (FactDate.parse(p["from"]), FactDate.parse(p["to"]) if p.get("to") else None)
            except ValueError as exc:
                problems.add(file, line, "period", str(exc))
    amount = _amount(raw.get("amount"), file, line, "amount", problems)
    count = _amount(raw.get("count"), file, line, "count", problems)
    if raw.get("date") is None and amount is None and count is None and period is None:
        problems.add(file, line, "date", "un fait a besoin d'une date, d'un montant, d'un nombre ou d'une période")
    return Fact(
        id=str(raw.get("id")), subject=str(raw.get("subject", "")), object=raw.get("object"), event=str(event),
        statement=str(raw.get("statement", "")), source=str(raw.get("source", "")), checked=str(raw.get("checked", "")),
        date=when, amount=amount, count=count, period=period,
        triggers=_str_list(raw.get("triggers"), file, line, "triggers", problems),
        examples=parse_examples(raw.get("examples"), file, line, problems), file=file, line=line,
    )


def read_tables(files: Iterable[str]) -> tuple[FactTable, list[str]]:
    """Parse files (later ids override earlier ones) and return all problems."""
    problems = Problems()
    table = FactTable()
    seen: dict[str, tuple[str, int]] = {}
    files = list(files)
    for file in files:
        data = load_yaml(file)
        if data is None:
            continue
        if not isinstance(data, dict):
            problems.add(file, 1, "-", "le fichier doit contenir `entities:` et/ou `facts:`")
            continue
        for key in data:
            if key not in ("entities", "facts", LINE):
                problems.add(file, data.get(LINE, 1), key, "section inconnue (entities, facts)")
        for kind, parser, store in (("entities", parse_entity, table.entities), ("facts", parse_fact, table.facts)):
            items = data.get(kind) or []
            if not isinstance(items, list):
                problems.add(file, 1, kind, "liste attendue")
                continue
            for raw in items:
                if not isinstance(raw, dict):
                    problems.add(file, 1, kind, "chaque entrée est un dictionnaire")
                    continue
                obj = parser(raw, file, problems)
                if obj is None:
                    continue
                prev = seen.get(f"{kind}:{obj.id}")
                if prev and prev[0] == file:
                    problems.add(file, obj.line, "id", f"« {obj.id} » déjà défini ligne {prev[1]}")
                seen[f"{kind}:{obj.id}"] = (file, obj.line)
                store[obj.id] = obj  # type: ignore[index]
    for ent in table.entities.values():
        for ref in ent.refers_to:
            if ref not in table.entities:
                problems.add(ent.file, ent.line, "refers_to", f"entité inconnue « {ref} »")
        town = table.entities.get(ent.headquarters) if ent.headquarters else None
        if ent.headquarters and (town is None or town.kind != "place"):
            problems.add(ent.file, ent.line, "headquarters", f"« {ent.headquarters} » n'est pas une entité de type place")
    for fact in table.facts.values():
        for fld in ("subject", "object"):
            ref = getattr(fact, fld)
            if ref and ref not in table.entities:
                problems.add(fact.file, fact.line, fld, f"entité inconnue « {ref} »")
    table.files = tuple(files)
    return table, problems.items


def load_table(extra: Iterable[str] = (), include_default: bool = True) -> FactTable:
    """The default table plus the user's files; any problem is a DataError."""
    table, problems = read_tables([*(default_files() if include_default else ()), *extra])
    if problems:
        more = f" (et {len(problems) - 1} autre(s) ; `qc facts validate`)" if len(problems) > 1 else ""
        raise DataError(problems[0] + more)
    return table
