"""`--format sarif`: SARIF 2.1.0 for code-scanning dashboards (GitHub, GitLab...)."""
from __future__ import annotations

import json
from typing import Any, Sequence

import qc
from qc.checks.base import Rule, all_rules
from qc.engine import FileResult
from qc.fingerprint import fingerprints
from qc.report import RenderOptions, register

LEVELS = {"error": "error", "warning": "warning", "info": "note"}


def _descriptor(rule: Rule) -> dict[str, Any]:
    help_text = rule.explanation or rule.summary
    markdown = help_text
    if rule.example_bad:
        markdown += f"\n\n**Exemple :** {rule.example_bad}"
    if rule.example_good:
        markdown += f"\n\n**À la place :** {rule.example_good}"
    return {
        "id": rule.id,
        "name": rule.id.replace(".", "-"),
        "shortDescription": {"text": rule.summary},
        "fullDescription": {"text": help_text},
        "help": {"text": help_text, "markdown": markdown},
        "defaultConfiguration": {"level": LEVELS[rule.severity.value], "enabled": rule.default_enabled},
        "properties": {"category": rule.category, "tags": [rule.category]},
    }


@register("sarif")
def render_sarif(results: Sequence[FileResult], options: RenderOptions) -> str:
    rules = all_rules()
    index = {r.id: i for i, r in enumerate(rules)}
    sarif_results = []
    notifications = []
    for r in results:
        if r.error:
            notifications.append({"level": "error", "message": {"text": r.error},
                                  "locations": [{"physicalLocation": {"artifactLocation": {"uri": r.path}}}]})
            continue
        for f, fp in zip(r.findings, fingerprints(r.findings, r.source)):
            result: dict[str, Any] = {
                "ruleId": f.rule,
                "ruleIndex": index.get(f.rule, -1),
                "level": LEVELS[f.severity.value],
                "message": {"text": f.message + (f" Suggestion : {f.suggestion}" if f.suggestion else "")},
                "locations": [{"physicalLocation": {
                    "artifactLocation": {"uri": f.path},
                    "region": {
                        "startLine": f.line, "startColumn": f.column, "endLine": f.end_line, "endColumn": f.end_column,
                        "charOffset": f.offset, "charLength": f.length, "snippet": {"text": f.text},
                    },
                }}],
                "partialFingerprints": {"qcFindingHash/v1": fp},
                "properties": {"category": f.category, "confidence": f.confidence, "evidence": dict(f.evidence)},
            }
            if f.suggestion:
                result["fixes"] = [{
                    "description": {"text": f"Remplacer par « {f.suggestion} »"},
                    "artifactChanges": [{"artifactLocation": {"uri": f.path}, "replacements": [{
                        "deletedRegion": {"charOffset": f.offset, "charLength": f.length},
                        "insertedContent": {"text": f.suggestion},
                    }]}],
                }]
            sarif_results.append(result)
    doc = {
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "version": "2.1.0",
        "runs": [{
            "tool": {"driver": {"name": "qc", "version": qc.__version__, "rules": [_descriptor(r) for r in rules]}},
            "columnKind": "unicodeCodePoints",
            "results": sarif_results,
            "invocations": [{"executionSuccessful": not notifications, "toolExecutionNotifications": notifications}],
        }],
    }
    return json.dumps(doc, ensure_ascii=False, indent=2) + "\n"
