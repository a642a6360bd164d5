"""Suppression comments that name no known rule (a typo would disable nothing)."""
from __future__ import annotations

from typing import Iterable

from qc.checks.base import Check, Context, Rule, register
from qc.findings import Finding, Severity
from qc.resources import Resources
from qc.suppressions import parse

UNKNOWN = Rule(
    "suppression.unknown-rule", "consistency", Severity.WARNING,
    "Commentaire qc-disable qui nomme une règle inconnue.",
    "Un identifiant mal orthographié dans <!-- qc-disable ... --> ne désactive rien : la faute est signalée.",
    "<!-- qc-disable name.casng -->", "<!-- qc-disable name.casing -->",
)


@register
class SuppressionCheck(Check):
    rules = (UNKNOWN,)

    def __init__(self, resources: Resources):
        self.resources = resources

    def run(self, ctx: Context) -> Iterable[Finding]:
        _, unknown = parse(ctx.doc)
        for comment, selector in unknown:
            yield ctx.finding_at_source(
                UNKNOWN, comment.offset, comment.length, f"« {selector} » n'est pas une règle connue (voir `qc rules`).", None,
                {"selector": selector},
            )
