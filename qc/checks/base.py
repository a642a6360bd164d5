"""What a check is: a small class with rules, a category and one method.

A `Rule` is the unit users select, ignore and re-grade (`--select name`,
`--ignore idiom.false-friend`); a `Check` is the code that produces findings for
one or more rules. Checks receive a `Context` that turns prose spans into
findings with exact original positions.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, ClassVar, Iterable, Mapping

from qc.documents import Document
from qc.findings import CATEGORIES, Finding, Severity


@dataclass(frozen=True)
class Rule:
    id: str
    category: str
    severity: Severity
    summary: str
    #: ruff-style documentation, in French: why it is wrong, and examples
    explanation: str = ""
    example_bad: str = ""
    example_good: str = ""
    #: rules whose measured precision is too low stay off unless selected
    default_enabled: bool = True

    def __post_init__(self) -> None:
        if self.category not in CATEGORIES:
            raise ValueError(f"{self.id}: unknown category {self.category}")


@dataclass
class Context:
    """Per-document state handed to every check."""

    doc: Document
    settings: Mapping[str, Any] = field(default_factory=dict)
    severities: Mapping[str, Severity] = field(default_factory=dict)
    confidences: Mapping[str, float] = field(default_factory=dict)
    #: analyses shared between checks (see qc.checks.context.memo)
    cache: dict[str, Any] = field(default_factory=dict)

    def finding(
        self,
        rule: Rule,
        start: int,
        end: int,
        message: str,
        suggestion: str | None = None,
        evidence: Mapping[str, Any] | None = None,
        confidence: float | None = None,
        severity: Severity | None = None,
    ) -> Finding:
        """A finding on the prose span text[start:end]."""
        offset, length = self.doc.source_span(start, end)
        return self.finding_at_source(rule, offset, length, message, suggestion, evidence, confidence, severity)

    def finding_at_source(
        self,
        rule: Rule,
        offset: int,
        length: int,
        message: str,
        suggestion: str | None = None,
        evidence: Mapping[str, Any] | None = None,
        confidence: float | None = None,
        severity: Severity | None = None,
    ) -> Finding:
        """A finding on original characters outside the prose (a comment, a directive)."""
        doc = self.doc
        line, column = doc.position(offset)
        end_line, end_column = doc.position(offset + length)
        return Finding(
            rule=rule.id,
            category=rule.category,
            severity=self.severities.get(rule.id, severity or rule.severity),
            path=doc.path,
            line=line,
            column=column,
            end_line=end_line,
            end_column=end_column,
            offset=offset,
            length=length,
            text=doc.source[offset : offset + length],
            message=message,
            suggestion=suggestion,
            evidence=dict(evidence or {}),
            # the rule's measured precision, times how sure the check is of this finding
            confidence=round(self.confidences.get(rule.id, 1.0) * (1.0 if confidence is None else confidence), 3),
        )


class Check:
    """Base class. Subclasses set `rules` and implement `run`."""

    rules: ClassVar[tuple[Rule, ...]] = ()
    #: set by the engine: the rule ids of this check that are enabled
    enabled: frozenset[str] = frozenset()

    def run(self, ctx: Context) -> Iterable[Finding]:
        raise NotImplementedError

    def rule(self, rule_id: str) -> Rule:
        for r in self.rules:
            if r.id == rule_id:
                return r
        raise KeyError(rule_id)


_REGISTRY: list[type[Check]] = []


def register(cls: type[Check]) -> type[Check]:
    _REGISTRY.append(cls)
    return cls


def registered_checks() -> list[type[Check]]:
    import qc.checks  # noqa: F401  (imports every check module, which registers itself)

    return list(_REGISTRY)


def all_rules() -> list[Rule]:
    """Every rule, with those measured too imprecise on the dev corpora switched off by default."""
    from dataclasses import replace

    from qc.calibration import measured_off

    off = measured_off()
    rules = (r for c in registered_checks() for r in c.rules)
    return sorted((replace(r, default_enabled=False) if r.id in off else r for r in rules), key=lambda r: r.id)

