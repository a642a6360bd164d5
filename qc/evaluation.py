"""`qc eval`: measure qc against annotated corpora (shared/corpus/README.md).

A gold error is caught when a finding overlaps its span. A finding is a true
positive when it overlaps a gold error, a false alarm when it overlaps a span
checked as correct and no gold error, unverified otherwise.
"""
from __future__ import annotations

import json
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any, Sequence

from qc.calibration import CALIBRATION_FILE, load_calibration
from qc.documents import load_text
from qc.engine import Options, Session
from qc.errors import InputError
from qc.findings import Finding


@dataclass
class Article:
    id: str
    text: str
    published: date | None
    source_lang: str | None
    errors: list[dict[str, Any]]
    clean: list[dict[str, Any]]
    corpus: str


@dataclass
class Report:
    corpora: list[str]
    articles: int = 0
    gold_by_type: Counter = field(default_factory=Counter)
    caught_by_type: Counter = field(default_factory=Counter)
    findings: int = 0
    true_positives: int = 0
    false_alarms: int = 0
    unverified: int = 0
    by_rule: dict[str, Counter] = field(default_factory=lambda: defaultdict(Counter))
    misses: list[dict[str, Any]] = field(default_factory=list)
    false_alarm_list: list[dict[str, Any]] = field(default_factory=list)

    @property
    def recall(self) -> float:
        total = sum(self.gold_by_type.values())
        return sum(self.caught_by_type.values()) / total if total else 0.0

    @property
    def precision(self) -> float:
        judged = self.true_positives + self.false_alarms
        return self.true_positives / judged if judged else 1.0


def _span(item: dict[str, Any], text: str, where: str) -> tuple[int, int]:
    quote, offset = item.get("quote"), item.get("offset")
    if not isinstance(quote, str):
        raise InputError(f"{where}: `quote` manquant")
    if not isinstance(offset, int):
        offset = text.find(quote)
    if text[offset : offset + len(quote)] != quote:
        raise InputError(f"{where}: `quote` ne correspond pas au texte à l'offset {offset}")
    return offset, offset + len(quote)


def read_corpus(path: str) -> list[Article]:
    articles = []
    with open(path, encoding="utf-8") as fh:
        for lineno, line in enumerate(fh, 1):
            if not line.strip():
                continue
            try:
                raw = json.loads(line)
            except json.JSONDecodeError as exc:
                raise InputError(f"{path}:{lineno}:{exc.colno}: JSON invalide ({exc.msg})") from None
            if not isinstance(raw, dict) or not isinstance(raw.get("text"), str):
                raise InputError(f"{path}:{lineno}: article sans champ `text`")
            published = raw.get("published")
            try:
                pub = date.fromisoformat(published) if published else None
            except ValueError:
                raise InputError(f"{path}:{lineno}: published « {published} » invalide") from None
            articles.append(Article(
                id=str(raw.get("id", lineno)), text=raw["text"], published=pub,
                source_lang=raw.get("source_language"), errors=list(raw.get("errors", [])),
                clean=list(raw.get("clean_spans_checked", [])), corpus=path,
            ))
    return articles


def _overlaps(f: Finding, span: tuple[int, int]) -> bool:
    return f.offset < span[1] and span[0] < f.offset + max(f.length, 1)


def evaluate(corpora: Sequence[str], select: Sequence[str] | None = None) -> Report:
    session = Session(Options(select=tuple(select) if select else None))
    runner = session.runner_for(None)
    report = Report(list(corpora))
    for corpus in corpora:
        for art in read_corpus(corpus):
            report.articles += 1
            doc = load_text(art.text, "txt", f"{Path(corpus).name}#{art.id}", art.published, art.source_lang)
            findings = runner.check(doc)
            gold = [(_span(e, art.text, f"{corpus}#{art.id}"), e) for e in art.errors]
            clean = [_span(c, art.text, f"{corpus}#{art.id}") for c in art.clean]
            for span, err in gold:
                report.gold_by_type[err.get("type", "?")] += 1
                if any(_overlaps(f, span) for f in findings):
                    report.caught_by_type[err.get("type", "?")] += 1
                else:
                    report.misses.append({"article": art.id, "type": err.get("type"), "quote": err["quote"], "note": err.get("note", "")})
            for f in findings:
                report.findings += 1
                stats = report.by_rule[f.rule]
                stats["findings"] += 1
                if any(_overlaps(f, span) for span, _ in gold):
                    report.true_positives += 1
                    stats["tp"] += 1
                elif any(_overlaps(f, span) for span in clean):
                    report.false_alarms += 1
                    stats["fa"] += 1
                    report.false_alarm_list.append({"article": art.id, "rule": f.rule, "text": f.text, "message": f.message})
                else:
                    report.unverified += 1
                    stats["unverified"] += 1
    return report


def _precision(stats: Counter) -> float | None:
    judged = stats["tp"] + stats["fa"]
    return stats["tp"] / judged if judged else None


def as_dict(report: Report) -> dict[str, Any]:
    types = sorted(report.gold_by_type)
    return {
        "corpora": report.corpora,
        "articles": report.articles,
        "recall": {
            t: {"gold": report.gold_by_type[t], "caught": report.caught_by_type[t],
                "recall": round(report.caught_by_type[t] / report.gold_by_type[t], 3)}
            for t in types
        },
        "overall": {
            "gold": sum(report.gold_by_type.values()), "caught": sum(report.caught_by_type.values()),
            "recall": round(report.recall, 3), "findings": report.findings, "true_positives": report.true_positives,
            "false_alarms": report.false_alarms, "unverified": report.unverified, "precision": round(report.precision, 3),
        },
        "rules": {
            rule: {"findings": s["findings"], "tp": s["tp"], "false_alarms": s["fa"], "unverified": s["unverified"],
                   "precision": None if _precision(s) is None else round(_precision(s), 3)}
            for rule, s in sorted(report.by_rule.items())
        },
        "misses": report.misses,
        "false_alarms": report.false_alarm_list,
    }


def format_json(report: Report) -> str:
    return json.dumps(as_dict(report), ensure_ascii=False, indent=2)


def format_table(report: Report, show: bool = False) -> str:
    d = as_dict(report)
    out = [f"qc eval : {d['articles']} article(s) de {', '.join(Path(c).name for c in report.corpora)}", ""]
    out.append(f"{'type':<14}{'gold':>6}{'trouvées':>10}{'rappel':>9}")
    for t, r in d["recall"].items():
        out.append(f"{t:<14}{r['gold']:>6}{r['caught']:>10}{r['recall']:>9.0%}")
    o = d["overall"]
    out.append(f"{'total':<14}{o['gold']:>6}{o['caught']:>10}{o['recall']:>9.0%}")
    out.append("")
    out.append(
        f"signalements : {o['findings']} · vrais positifs : {o['true_positives']} · "
        f"fausses alertes : {o['false_alarms']} · non vérifiés : {o['unverified']} · précision : {o['precision']:.0%}"
    )
    if d["rules"]:
        out.append("")
        out.append(f"{'règle':<34}{'sign.':>6}{'vp':>5}{'fa':>5}{'nv':>5}{'précision':>11}")
        for rule, s in d["rules"].items():
            p = "-" if s["precision"] is None else f"{s['precision']:.0%}"
            out.append(f"{rule:<34}{s['findings']:>6}{s['tp']:>5}{s['false_alarms']:>5}{s['unverified']:>5}{p:>11}")
    if show:
        out.append("")
        out.append(f"manquées ({len(report.misses)}) :")
        for m in report.misses:
            out.append(f"  [{m['type']}] {m['article']}: « {m['quote']} » — {m['note'][:90]}")
        out.append(f"fausses alertes ({len(report.false_alarm_list)}) :")
        for m in report.false_alarm_list:
            out.append(f"  [{m['rule']}] {m['article']}: « {m['text']} » — {m['message'][:90]}")
    return "\n".join(out)


def write_calibration(report: Report, path: Path = CALIBRATION_FILE) -> Path:
    rules = {}
    for rule, s in sorted(report.by_rule.items()):
        p = _precision(s)
        if p is not None:
            rules[rule] = {"confidence": round(p, 3), "tp": s["tp"], "false_alarms": s["fa"], "unverified": s["unverified"]}
    data = {"corpora": [Path(c).name for c in report.corpora], "rules": rules}
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(data, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    load_calibration.cache_clear()
    return path


def format_markdown(report: Report) -> str:
    """The recall and per-rule tables as Markdown (docs/calibration.md is made with it)."""
    d = as_dict(report)
    o = d["overall"]
    lines = [
        f"Measured on {', '.join(Path(c).name for c in report.corpora)} ({d['articles']} articles).",
        "",
        "| type | gold | caught | recall |",
        "| --- | ---: | ---: | ---: |",
    ]
    for t, r in d["recall"].items():
        lines.append(f"| {t} | {r['gold']} | {r['caught']} | {r['recall']:.0%} |")
    lines.append(f"| **total** | {o['gold']} | {o['caught']} | {o['recall']:.0%} |")
    lines += [
        "",
        f"Findings {o['findings']}, true positives {o['true_positives']}, false alarms {o['false_alarms']}, "
        f"unverified {o['unverified']}, precision {o['precision']:.0%}.",
        "",
        "| rule | findings | tp | false alarms | unverified | precision (= default confidence) |",
        "| --- | ---: | ---: | ---: | ---: | ---: |",
    ]
    for rule, s in d["rules"].items():
        p = "–" if s["precision"] is None else f"{s['precision']:.2f}"
        lines.append(f"| `{rule}` | {s['findings']} | {s['tp']} | {s['false_alarms']} | {s['unverified']} | {p} |")
    return "\n".join(lines)

