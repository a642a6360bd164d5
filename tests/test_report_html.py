"""The HTML report: golden file, escaping, overlapping spans, and the page as headless Chromium renders it."""
from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest
from click.testing import CliRunner

from qc.cli import main
from qc.engine import FileResult
from qc.findings import Finding, Severity
from qc.report import render
from tests.conftest import FIXTURES
from tests.golden import assert_golden

GOLDEN = FIXTURES / "golden"
CHROMIUM = Path("/usr/bin/chromium")


@pytest.fixture
def run(monkeypatch):
    def _run(*args, cwd=GOLDEN):
        monkeypatch.chdir(cwd)
        return CliRunner().invoke(main, list(args), catch_exceptions=False)
    return _run


def finding(offset: int, length: int, source: str, **kw) -> Finding:
    base = dict(rule="name.casing", category="name", severity=Severity.ERROR, path="a.md", line=1, column=offset + 1,
                end_line=1, end_column=offset + length + 1, offset=offset, length=length,
                text=source[offset:offset + length], message="m")
    return Finding(**(base | kw))


def test_html_format_golden(run):
    result = run("check", "--format", "html", "article.md")
    assert result.exit_code == 1
    assert_golden(result.output, GOLDEN / "article.html")


def test_report_command_writes_the_same_page(run, tmp_path):
    out = tmp_path / "rapport.html"
    result = run("report", "--html", str(out), "article.md")
    assert result.exit_code == 0, result.output
    assert f"rapport écrit : {out} (7 signalement(s) dans 1 fichier(s))" in result.output
    assert out.read_text(encoding="utf-8") == (GOLDEN / "article.html").read_text(encoding="utf-8")


def test_report_command_errors(run, tmp_path):
    assert run("report", "article.md").exit_code == 2  # --html is required
    result = run("report", "--html", str(tmp_path / "nope" / "r.html"), "article.md")
    assert result.exit_code == 2 and "écriture impossible" in result.output and "Traceback" not in result.output
    result = run("report", "--html", str(tmp_path / "r.html"), "article.md", "absent.md")
    assert result.exit_code == 2 and "absent.md: fichier introuvable" in result.output
    assert "absent.md: fichier introuvable" in (tmp_path / "r.html").read_text(encoding="utf-8")


def test_page_is_self_contained():
    page = (GOLDEN / "article.html").read_text(encoding="utf-8")
    assert not re.search(r"<(link|img|iframe)\b|\bsrc=|@import|url\(", page)
    # the only addresses are the evidence links
    assert set(re.findall(r'href="(https?:[^"]*)"', page)) == {
        "https://en.wikipedia.org/wiki/OpenAI", "https://en.wikipedia.org/wiki/The_Wall_Street_Journal",
        "https://en.wikipedia.org/wiki/Sam_Altman"}


def test_everything_is_escaped():
    source = 'Un <script>alert("x")</script> & « Openai ».\n'
    evil = finding(source.index("Openai"), 6, source, message='<img src=x onerror="alert(1)">',
                   suggestion='"><b>OpenAI</b>', evidence={"source": "javascript:alert(1)", "backtranslation": "<i>x</i>", "models": {"id": "<m>"}},
                   category='name" onclick="x', rule="<r>")
    page = render([FileResult("<a>.md", [evil], source=source)], "html")
    body = page.split("<body>", 1)[1].split("<script>", 1)[0]
    assert "<script>alert" not in body and "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp;" in body
    assert "<img" not in body and "<b>" not in body and "<i>" not in body and "<r>" not in body
    assert 'onclick="x' not in body and "&lt;a&gt;.md" in body
    assert "javascript:" not in re.findall(r'href="([^"]*)"', body)[-1]
    assert "<dt>rétro-traduction</dt><dd>&lt;i&gt;x&lt;/i&gt;</dd>" in body
    assert "<dt>models</dt><dd>{&quot;id&quot;: &quot;&lt;m&gt;&quot;}</dd>" in body


def test_overlapping_and_empty_spans():
    source = "abcdefghij"
    f1 = finding(2, 4, source, severity=Severity.WARNING, category="idiom", rule="idiom.calque")
    f2 = finding(4, 4, source)
    f3 = finding(9, 0, source, category="fluency", rule="typography.x")
    page = render([FileResult("a.md", [f1, f2, f3], source=source)], "html")
    pre = re.search(r'<pre class="qc-source">(.*?)</pre>', page, re.S).group(1)
    pieces = re.findall(r'<mark class="([^"]*)" data-findings="([^"]*)"[^>]*>([^<]*)</mark>', pre)
    assert [(ids, text) for _, ids, text in pieces] == [
        ("qc-1-1", "cd"), ("qc-1-1 qc-1-2", "ef"), ("qc-1-2", "gh"), ("qc-1-3", "")]
    # a piece covered by several findings shows the most severe one
    assert pieces[1][0] == "qc-mark qc-cat-name qc-sev-error qc-multi"
    assert "qc-point" in pieces[3][0]
    assert re.sub(r"<[^>]+>", "", pre) == source


def test_summary_rows_for_clean_and_unreadable_files():
    source = "Openai."
    page = render([
        FileResult("a.md", [finding(0, 6, source)], source=source),
        FileResult("b.md", [], source="Rien."),
        FileResult("c.txt", error="c.txt: fichier binaire, ignoré"),
    ], "html")
    rows = re.findall(r"<tr[^>]*><td><a href=\"#(qc-file-\d)\">([^<]*)</a></td>(.*?)</tr>", page)
    assert [(anchor, name) for anchor, name, _ in rows] == [("qc-file-1", "a.md"), ("qc-file-2", "b.md"), ("qc-file-3", "c.txt")]
    assert rows[0][2] == "<td>1</td><td>0</td><td>0</td><td>1</td><td>1</td>"
    assert rows[1][2] == "<td>0</td><td>0</td><td>0</td><td>0</td><td>0</td>"
    assert "fichier binaire" in rows[2][2]
    assert '<p class="qc-clean">Aucun signalement.</p>' in page


# -- in a real browser -------------------------------------------------------
def chromium(tmp_path: Path, url: str, *mode: str) -> subprocess.CompletedProcess:
    profile = tmp_path / "profile"
    args = [str(CHROMIUM), "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
            "--disable-background-networking", "--disable-component-update", "--disable-sync",
            f"--user-data-dir={profile}", "--window-size=1280,900", *mode, url]
    return subprocess.run(args, capture_output=True, text=True, timeout=120, check=True)


needs_chromium = pytest.mark.skipif(not CHROMIUM.exists(), reason="/usr/bin/chromium absent (apt-get install chromium)")


@pytest.fixture
def page(tmp_path):
    path = tmp_path / "report.html"
    shutil.copy(GOLDEN / "article.html", path)
    return path


@needs_chromium
def test_chromium_renders_marks_and_opens_a_finding(tmp_path, page):
    dom = chromium(tmp_path, page.as_uri() + "#qc-1-3", "--dump-dom").stdout
    assert 'data-qc-ready="7"' in dom  # the script ran to its end
    assert len(re.findall(r'<mark class="qc-mark ', dom)) == 7
    assert re.search(r'<mark class="qc-mark qc-cat-date qc-sev-error qc-current"[^>]*>2008</mark>', dom)
    shown = re.findall(r'<section class="qc-detail" data-finding="([^"]+)"[^>]*?(hidden="")?>', dom)
    assert [fid for fid, hidden in shown if not hidden] == ["qc-1-3"]
    assert re.search(r'<p class="qc-hint" id="qc-hint" hidden="">', dom)


@needs_chromium
def test_chromium_filters_by_category(tmp_path, page):
    untick = ('<script>var box = document.querySelector(\'input[data-filter="category"][value="idiom"]\');'
              'box.checked = false; box.dispatchEvent(new Event("change"));</script></body>')
    page.write_text(page.read_text(encoding="utf-8").replace("</body>", untick), encoding="utf-8")
    dom = chromium(tmp_path, page.as_uri(), "--dump-dom").stdout
    marks = re.findall(r'<mark class="([^"]*)"', dom)
    assert len(marks) == 7
    assert all(("qc-off" in m) == ("qc-cat-idiom" in m) for m in marks)
    assert sum("qc-off" in m for m in marks) == 2


@needs_chromium
def test_chromium_screenshot(tmp_path, page):
    shot = tmp_path / "report.png"
    chromium(tmp_path, page.as_uri() + "#qc-1-2", f"--screenshot={shot}")
    data = shot.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n" and len(data) > 20_000
