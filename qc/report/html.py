"""`--format html`: one self-contained page to read the findings in context.

Each article's text with the flagged spans highlighted (`<mark>`, one class for
the category and one for the severity), a side panel with the details of the
span clicked, category and severity filters, and a summary table per file. CSS
and JS are inline and nothing is fetched, so the page can be attached to a CI
run or mailed to an editor. Every piece of text is escaped; the script only
sets classes and `hidden`, never HTML.
"""
from __future__ import annotations

import re
from html import escape
from itertools import pairwise
from typing import Any, Sequence

import qc
from qc.engine import FileResult
from qc.findings import EVIDENCE_LABELS, Finding, evidence_text
from qc.report import RenderOptions, register, summarize

SEVERITY_LABELS = {"error": "erreur", "warning": "avertissement", "info": "info"}
CATEGORY_LABELS = {
    "name": "noms",
    "date": "dates",
    "number": "nombres",
    "fact": "faits",
    "idiom": "tournures",
    "terminology": "terminologie",
    "untranslated": "non traduit",
    "fluency": "fluidité",
    "consistency": "cohérence",
    "backtranslation": "rétro-traduction",
}
_URL = re.compile(r"https?://[^\s\"'<>]+\Z")

_CSS = """
:root { --panel: 26rem; font-family: system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: #1d1d1f; }
body { margin: 0; display: grid; grid-template-columns: minmax(0, 1fr) var(--panel); min-height: 100vh; }
.qc-main { padding: 1.5rem 2rem; }
h1 { margin: 0 0 .3rem; font-size: 1.5rem; }
h2 { font-size: 1.15rem; margin: 2rem 0 .6rem; }
.qc-totals { margin: 0 0 1rem; color: #444; }
.qc-filters { display: flex; flex-wrap: wrap; gap: 1rem; margin: 0 0 1rem; }
.qc-filters fieldset { border: 1px solid #d0d0d5; border-radius: 6px; padding: .4rem .8rem; }
.qc-filters label { margin-right: .8rem; white-space: nowrap; cursor: pointer; }
.qc-count { color: #666; font-size: .85em; }
.qc-wide { overflow-x: auto; }
table.qc-summary { border-collapse: collapse; font-size: .9rem; }
.qc-summary th, .qc-summary td { border: 1px solid #d0d0d5; padding: .25rem .6rem; text-align: right; }
.qc-summary th:first-child, .qc-summary td:first-child { text-align: left; }
.qc-summary thead th { background: #f3f3f6; }
.qc-unreadable td { color: #b71c1c; }
.qc-source { white-space: pre-wrap; word-wrap: break-word; font-family: Georgia, "DejaVu Serif", serif; font-size: 1rem;
  line-height: 1.7; background: #fcfcfd; border: 1px solid #e3e3e8; border-radius: 6px; padding: 1rem 1.2rem; margin: 0; }
.qc-clean { color: #2e7d32; }
.qc-error-file { color: #b71c1c; }
mark.qc-mark { color: inherit; border-radius: 2px; cursor: pointer; padding: 0 1px; }
mark.qc-point::before { content: "‸"; color: #c62828; font-weight: bold; }
mark.qc-current { outline: 2px solid #1d1d1f; outline-offset: 1px; }
mark.qc-mark.qc-off { background: none; border-bottom: none; cursor: text; }
.qc-cat-name { background: #fde68a; }
.qc-cat-date { background: #bae6fd; }
.qc-cat-number { background: #bbf7d0; }
.qc-cat-fact { background: #fed7aa; }
.qc-cat-idiom { background: #e9d5ff; }
.qc-cat-terminology { background: #fecaca; }
.qc-cat-untranslated { background: #e2e8f0; }
.qc-cat-fluency { background: #fbcfe8; }
.qc-cat-consistency { background: #d9f99d; }
.qc-cat-backtranslation { background: #99f6e4; }
mark.qc-sev-error, label.qc-sev-error { border-bottom: 3px solid #c62828; }
mark.qc-sev-warning, label.qc-sev-warning { border-bottom: 3px dashed #ef6c00; }
mark.qc-sev-info, label.qc-sev-info { border-bottom: 2px dotted #1565c0; }
.qc-badge { display: inline-block; color: #fff; border-radius: 3px; padding: 0 .4rem; font-size: .8rem; font-weight: 600; }
.qc-badge.qc-sev-error { background: #c62828; }
.qc-badge.qc-sev-warning { background: #ef6c00; }
.qc-badge.qc-sev-info { background: #1565c0; }
.qc-panel { position: sticky; top: 0; height: 100vh; overflow: auto; box-sizing: border-box; padding: 1.5rem 1.2rem;
  border-left: 1px solid #d0d0d5; background: #f7f7f9; }
.qc-panel h2 { margin-top: 0; }
.qc-hint { color: #666; }
.qc-detail { background: #fff; border: 1px solid #d0d0d5; border-radius: 6px; padding: .8rem 1rem; margin-bottom: 1rem; }
.qc-detail h3 { margin: 0 0 .4rem; font-size: 1rem; }
.qc-where { color: #666; font-size: .85rem; margin: 0 0 .5rem; }
.qc-flagged q { background: #f3f3f6; }
.qc-suggestion strong { color: #2e7d32; }
.qc-evidence { display: grid; grid-template-columns: max-content 1fr; gap: .2rem .8rem; font-size: .9rem; margin: .5rem 0 0; }
.qc-evidence dt { color: #666; }
.qc-evidence dd { margin: 0; overflow-wrap: anywhere; }
footer { color: #888; font-size: .8rem; margin-top: 2rem; }
@media (max-width: 900px) { body { grid-template-columns: 1fr; } .qc-panel { position: static; height: auto; border-left: none; } }
"""

_JS = """
(function () {
  "use strict";
  var details = {};
  document.querySelectorAll(".qc-detail").forEach(function (d) { details[d.getAttribute("data-finding")] = d; });
  var marks = Array.prototype.slice.call(document.querySelectorAll("mark.qc-mark"));
  var boxes = Array.prototype.slice.call(document.querySelectorAll(".qc-filters input"));
  var hint = document.getElementById("qc-hint");

  function idsOf(mark) { return mark.getAttribute("data-findings").split(" "); }

  function refresh() {
    var on = {};
    boxes.forEach(function (box) { on[box.getAttribute("data-filter") + ":" + box.value] = box.checked; });
    marks.forEach(function (mark) {
      var shown = idsOf(mark).some(function (id) {
        var d = details[id];
        return on["category:" + d.getAttribute("data-category")] !== false && on["severity:" + d.getAttribute("data-severity")] !== false;
      });
      mark.classList.toggle("qc-off", !shown);
    });
  }

  function show(ids, scroll) {
    Object.keys(details).forEach(function (id) { details[id].hidden = ids.indexOf(id) < 0; });
    hint.hidden = ids.length > 0;
    var first = null;
    marks.forEach(function (mark) {
      var current = idsOf(mark).some(function (id) { return ids.indexOf(id) >= 0; });
      mark.classList.toggle("qc-current", current);
      if (current && !first) { first = mark; }
    });
    if (scroll && first) { first.scrollIntoView({block: "nearest"}); }
  }

  marks.forEach(function (mark) {
    function open(event) {
      if (mark.classList.contains("qc-off")) { return; }
      event.preventDefault();
      show(idsOf(mark), false);
    }
    mark.addEventListener("click", open);
    mark.addEventListener("keydown", function (event) {
      if (event.key === "Enter" || event.key === " ") { open(event); }
    });
  });
  boxes.forEach(function (box) { box.addEventListener("change", refresh); });

  function fromHash() {
    var id = decodeURIComponent(location.hash.slice(1));
    if (Object.prototype.hasOwnProperty.call(details, id)) { show([id], true); }
  }
  window.addEventListener("hashchange", fromHash);
  refresh();
  fromHash();
  document.body.setAttribute("data-qc-ready", String(marks.length));
})();
"""


def _e(value: Any) -> str:
    return escape(str(value), quote=True)


def _token(value: str) -> str:
    """A category or severity as it may appear in a class name."""
    return re.sub(r"[^a-z0-9-]", "-", value.lower())


def _label(category: str) -> str:
    return CATEGORY_LABELS.get(category, category)


def _mark(covering: list[tuple[str, Finding]], inner: str, point: bool = False) -> str:
    ids = " ".join(fid for fid, _ in covering)
    top = max((f for _, f in covering), key=lambda f: f.severity.rank)
    classes = f"qc-mark qc-cat-{_token(top.category)} qc-sev-{_token(top.severity.value)}"
    classes += " qc-point" * point + " qc-multi" * (len(covering) > 1)
    title = " | ".join(f"{f.rule} : {f.message}" for _, f in covering)
    return f'<mark class="{classes}" data-findings="{_e(ids)}" title="{_e(title)}" tabindex="0">{inner}</mark>'


def _highlight(source: str, findings: list[tuple[str, Finding]]) -> str:
    """The source, escaped, cut at every span edge; each piece marked with the findings covering it."""
    end = len(source)
    bounds = sorted({0, end, *(min(f.offset, end) for _, f in findings), *(min(f.offset + f.length, end) for _, f in findings)})

    def points(at: int) -> list[str]:
        """Zero-length findings (something missing) are an empty mark at their place."""
        found = [(fid, f) for fid, f in findings if f.length == 0 and min(f.offset, end) == at]
        return [_mark(found, "", point=True)] if found else []

    out = []
    for a, b in pairwise(bounds):
        out.extend(points(a))
        covering = [(fid, f) for fid, f in findings if f.offset < b and a < f.offset + f.length]
        out.append(_mark(covering, _e(source[a:b])) if covering else _e(source[a:b]))
    out.extend(points(end))
    return "".join(out)


def _evidence_value(value: Any) -> str:
    text = evidence_text(value)
    if _URL.match(text):
        return f'<a href="{_e(text)}" rel="noopener noreferrer" target="_blank">{_e(text)}</a>'
    return _e(text)


def _detail(fid: str, f: Finding) -> str:
    sev = f.severity.value
    parts = [
        f'<section class="qc-detail" data-finding="{fid}" data-category="{_e(f.category)}" data-severity="{sev}" hidden>',
        f'<h3><span class="qc-badge qc-sev-{sev}">{SEVERITY_LABELS[sev]}</span> <code>{_e(f.rule)}</code></h3>',
        f'<p class="qc-where">{_e(f.path)}:{f.line}:{f.column} · {_e(_label(f.category))}</p>',
        f'<p class="qc-message">{_e(f.message)}</p>',
        f'<p class="qc-flagged">Passage : <q>{_e(f.text)}</q></p>',
    ]
    if f.suggestion:
        parts.append(f'<p class="qc-suggestion">Suggestion : <strong>{_e(f.suggestion)}</strong></p>')
    rows = [f"<dt>{_e(EVIDENCE_LABELS.get(k, k))}</dt><dd>{_evidence_value(v)}</dd>" for k, v in f.evidence.items()]
    if f.confidence < 1:
        rows.append(f"<dt>confiance</dt><dd>{f.confidence:.2f}</dd>")
    if rows:
        parts.append('<dl class="qc-evidence">' + "".join(rows) + "</dl>")
    parts.append("</section>")
    return "\n".join(parts)


def _summary_table(results: Sequence[FileResult], categories: list[str]) -> str:
    head = "".join(f"<th>{_e(_label(c))}</th>" for c in categories)
    rows = []
    for i, r in enumerate(results, 1):
        name = f'<a href="#qc-file-{i}">{_e(r.path)}</a>'
        if r.error:
            rows.append(f'<tr class="qc-unreadable"><td>{name}</td><td colspan="{4 + len(categories)}">{_e(r.error)}</td></tr>')
            continue
        sev = [sum(1 for f in r.findings if f.severity.value == s) for s in SEVERITY_LABELS]
        cats = [sum(1 for f in r.findings if f.category == c) for c in categories]
        cells = "".join(f"<td>{n}</td>" for n in [*sev, len(r.findings), *cats])
        rows.append(f"<tr><td>{name}</td>{cells}</tr>")
    return (
        '<div class="qc-wide"><table class="qc-summary"><thead><tr><th>Fichier</th><th>Erreurs</th><th>Avertissements</th><th>Infos</th>'
        f"<th>Total</th>{head}</tr></thead>\n<tbody>\n" + "\n".join(rows) + "\n</tbody></table></div>"
    )


def _filters(findings: list[Finding]) -> str:
    if not findings:
        return ""
    groups = []
    for kind, legend, values, label in (
        ("category", "Catégories", sorted({f.category for f in findings}), _label),
        ("severity", "Sévérités", [s for s in SEVERITY_LABELS if any(f.severity.value == s for f in findings)], SEVERITY_LABELS.__getitem__),
    ):
        boxes = []
        for v in values:
            count = sum(1 for f in findings if (f.category if kind == "category" else f.severity.value) == v)
            boxes.append(
                f'<label class="qc-{"cat" if kind == "category" else "sev"}-{_token(v)}"><input type="checkbox" data-filter="{kind}" '
                f'value="{_e(v)}" checked> {_e(label(v))} <span class="qc-count">{count}</span></label>'
            )
        groups.append(f"<fieldset><legend>{legend}</legend>{''.join(boxes)}</fieldset>")
    return '<form class="qc-filters" id="qc-filters">' + "".join(groups) + "</form>"


@register("html")
def render_html(results: Sequence[FileResult], options: RenderOptions) -> str:
    summary = summarize(results)
    sev = summary["by_severity"]
    assert isinstance(sev, dict)
    every = [f for r in results for f in r.findings]
    categories = sorted({f.category for f in every})
    sections: list[str] = []
    details: list[str] = []
    for i, r in enumerate(results, 1):
        ided = [(f"qc-{i}-{j}", f) for j, f in enumerate(r.findings, 1)]
        details.extend(_detail(fid, f) for fid, f in ided)
        if r.error:
            body = f'<p class="qc-error-file">{_e(r.error)}</p>'
        elif not r.findings:
            body = '<p class="qc-clean">Aucun signalement.</p>'
        elif r.source is None:
            body = "<ul>" + "".join(f'<li>{_mark([(fid, f)], _e(f.text))}</li>' for fid, f in ided) + "</ul>"
        else:
            body = f'<pre class="qc-source">{_highlight(r.source, ided)}</pre>'
        sections.append(f'<section class="qc-file" id="qc-file-{i}">\n<h2>{_e(r.path)}</h2>\n{body}\n</section>')
    totals = (
        f"{summary['findings']} signalement(s) dans {summary['files']} fichier(s) : "
        f"{sev['error']} erreur(s), {sev['warning']} avertissement(s), {sev['info']} info(s)"
    )
    return "\n".join([
        "<!DOCTYPE html>",
        '<html lang="fr">',
        "<head>",
        '<meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        "<title>Rapport qc</title>",
        f"<style>{_CSS}</style>",
        "</head>",
        "<body>",
        '<main class="qc-main">',
        "<h1>Rapport qc</h1>",
        f'<p class="qc-totals">{totals}</p>',
        _filters(every),
        "<h2>Résumé par fichier</h2>",
        _summary_table(results, categories),
        *sections,
        f"<footer>qc {_e(qc.__version__)} · cliquez sur un passage surligné pour voir le détail.</footer>",
        "</main>",
        '<aside class="qc-panel" id="qc-panel" aria-live="polite">',
        "<h2>Détail</h2>",
        '<p class="qc-hint" id="qc-hint">Cliquez sur un passage surligné pour voir le message, les preuves et la suggestion.</p>',
        *details,
        "</aside>",
        f"<script>{_JS}</script>",
        "</body>",
        "</html>",
    ]) + "\n"
