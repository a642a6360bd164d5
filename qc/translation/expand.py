"""Literal-name fingerprints: how MarianMT renders the English names of the fact table.

An article machine-translated from English writes "Le journal de Wall Street"
because the system translated the title. Running an en→fr model over the
canonical name of each publication, company and product shows its literal
rendering before any article does; written as a known bad form of the entity, in
a user facts file, it is then flagged like the hand-listed ones. A rendering equal
to an accepted form, or differing from one only in case (name.casing handles
those), is left out.

Fact files replace an entity with the same id as a whole, so the output holds a
complete copy of each entity it adds forms to (docs/data-format.md).
"""
from __future__ import annotations

import datetime
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Sequence

import yaml

from qc.atomic import write_bytes
from qc.errors import DataError
from qc.facts.table import Entity, FactTable
from qc.translation.engine import Translator
from qc.wordlists import is_word
from qc.yamlload import strip_lines

KINDS = ("publication", "company", "product")


@dataclass(frozen=True)
class Rendering:
    entity: Entity
    form: str
    #: made of ordinary French words ("Le bord"): fires only where clearly used as a name
    ambiguous: bool


def literal_forms(table: FactTable, translator: Translator) -> list[Rendering]:
    entities = sorted((e for e in table.entities.values() if e.kind in KINDS), key=lambda e: e.id)
    outputs = translator.translate([e.name for e in entities], "noms en→fr")
    found = []
    for entity, output in zip(entities, outputs):
        form = " ".join(output.split()).rstrip(" .")
        accepted = {f.casefold() for f in entity.forms}
        if form and form.casefold() not in accepted and form not in {b.form for b in entity.bad}:
            words = re.findall(r"[^\W\d_]+", form)
            found.append(Rendering(entity, form, bool(words) and all(is_word(w) for w in words)))
    return found


def _entity_yaml(entity: Entity) -> dict[str, Any]:
    data: dict[str, Any] = {"id": entity.id, "kind": entity.kind, "name": entity.name}
    if entity.accepted:
        data["accepted"] = list(entity.accepted)
    data["bad"] = [{"form": b.form, **({"note": b.note} if b.note else {}), **({"ambiguous": True} if b.ambiguous else {})} for b in entity.bad]
    data["case_strict"] = entity.case_strict
    data["source"] = entity.source
    data["checked"] = entity.checked
    data["examples"] = {"bad": strip_lines(list(entity.examples.bad)), "good": strip_lines(list(entity.examples.good))}
    return data


def write(path: str, renderings: Sequence[Rendering], model: str) -> int:
    """Add the renderings to the facts file at `path` (created if missing); the number added."""
    target = Path(path)
    existing: dict[str, Any] = {}
    if target.exists():
        try:
            existing = yaml.safe_load(target.read_text(encoding="utf-8")) or {}
        except (OSError, UnicodeDecodeError, yaml.YAMLError) as exc:
            raise DataError(f"{path}: fichier de faits illisible ({exc})") from None
        if not isinstance(existing, dict):
            raise DataError(f"{path}: un dictionnaire entities:/facts: est attendu")
    entities = {e["id"]: e for e in existing.get("entities") or [] if isinstance(e, dict) and "id" in e}
    added = 0
    for r in renderings:
        entry = entities.setdefault(r.entity.id, _entity_yaml(r.entity))
        bad = entry.setdefault("bad", [])
        if any((b.get("form") if isinstance(b, dict) else b) == r.form for b in bad):
            continue
        bad.append({"form": r.form, "note": f"traduction littérale de {model}", **({"ambiguous": True} if r.ambiguous else {})})
        entry.setdefault("examples", {}).setdefault("bad", []).append(f"Selon {r.form}, l'entreprise prépare une annonce.")
        added += 1
    existing["entities"] = list(entities.values())
    header = f"# Formes littérales ajoutées par `qc facts expand` ({model}, {datetime.date.today()}).\n"
    body = yaml.safe_dump(existing, allow_unicode=True, sort_keys=False, width=110)
    write_bytes(str(target), (header + body).encode("utf-8"))
    return added
