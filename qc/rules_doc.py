"""`qc rules --explain ID`: a rule's documentation in ruff's fixed shape, in French."""
from __future__ import annotations

from qc.checks.base import all_rules
from qc.errors import ConfigError


def explain_rule(rule_id: str) -> str:
    for r in all_rules():
        if r.id == rule_id:
            lines = [
                f"# {r.id}",
                "",
                f"Catégorie : {r.category} · sévérité par défaut : {r.severity.value}"
                + ("" if r.default_enabled else " · désactivée par défaut (précision mesurée insuffisante)"),
                "",
                "## Ce que fait la règle",
                r.summary,
                "",
                "## Pourquoi est-ce un problème ?",
                r.explanation or r.summary,
            ]
            if r.example_bad:
                lines += ["", "## Exemple", r.example_bad]
            if r.example_good:
                lines += ["", "## À la place", r.example_good]
            return "\n".join(lines)
    raise ConfigError(f"règle inconnue « {rule_id} » (voir `qc rules`)")
