"""The one record every check produces.

A finding is immutable and self-contained: it carries its exact position in the
original file (so editors and CI annotations point at the right characters), the
French explanation for the editor, and the evidence that justifies it.
"""
from __future__ import annotations

import enum
import json
from dataclasses import asdict, dataclass, field
from typing import Any, Mapping

CATEGORIES = (
    "name",
    "date",
    "number",
    "fact",
    "idiom",
    "terminology",
    "untranslated",
    "fluency",
    "consistency",
    "backtranslation",
)

#: Evidence keys as an editor reads them (qc review, HTML report); other keys are shown as is.
EVIDENCE_LABELS = {
    "entity": "entité",
    "fact": "fait",
    "entry": "entrée du lexique",
    "expected": "attendu",
    "found": "trouvé",
    "source_lang": "langue d'origine",
    "backtranslation": "rétro-traduction",
    "roundtrip": "aller-retour",
    "source_sentence": "phrase d'origine",
    "source": "source",
}


def evidence_text(value: Any) -> str:
    """One evidence value as text: strings as they are, anything else as compact JSON."""
    return value if isinstance(value, str) else json.dumps(value, ensure_ascii=False, sort_keys=True)


class Severity(str, enum.Enum):
    ERROR = "error"
    WARNING = "warning"
    INFO = "info"

    @property
    def rank(self) -> int:
        return {"info": 0, "warning": 1, "error": 2}[self.value]

    @classmethod
    def parse(cls, value: str) -> "Severity":
        try:
            return cls(value.lower())
        except ValueError:
            raise ValueError(f"sévérité inconnue « {value} » (error, warning ou info)") from None


@dataclass(frozen=True)
class Finding:
    rule: str
    category: str
    severity: Severity
    path: str
    line: int
    column: int
    end_line: int
    end_column: int  # exclusive, like SARIF regions
    offset: int
    length: int
    text: str
    message: str
    suggestion: str | None = None
    evidence: Mapping[str, Any] = field(default_factory=dict)
    confidence: float = 1.0

    def sort_key(self) -> tuple:
        return (self.path, self.offset, self.length, self.rule, self.message)

    def to_dict(self) -> dict[str, Any]:
        data = asdict(self)
        data["severity"] = self.severity.value
        data["evidence"] = dict(self.evidence)
        return data
