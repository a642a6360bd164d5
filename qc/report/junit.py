"""`--format junit`: JUnit XML, one test case per file, for CI test dashboards."""
from __future__ import annotations

from typing import Sequence
from xml.etree import ElementTree as ET

from qc.engine import FileResult
from qc.findings import Severity
from qc.report import RenderOptions, register


def _lines(result: FileResult) -> str:
    return "\n".join(f"{f.path}:{f.line}:{f.column}: {f.severity.value} [{f.rule}] {f.message}" for f in result.findings)


@register("junit")
def render_junit(results: Sequence[FileResult], options: RenderOptions) -> str:
    threshold = None if options.fail_on == "never" else Severity(options.fail_on).rank
    suite = ET.Element("testsuite", name="qc", tests=str(len(results)))
    failures = errors = 0
    for r in results:
        case = ET.SubElement(suite, "testcase", classname="qc", name=r.path)
        if r.error:
            errors += 1
            ET.SubElement(case, "error", message=r.error)
            continue
        failing = [f for f in r.findings if threshold is not None and f.severity.rank >= threshold]
        if failing:
            failures += 1
            ET.SubElement(case, "failure", message=f"{len(failing)} signalement(s)", type="qc").text = _lines(r)
        elif r.findings:
            ET.SubElement(case, "system-out").text = _lines(r)
    suite.set("failures", str(failures))
    suite.set("errors", str(errors))
    ET.indent(suite)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(suite, encoding="unicode") + "\n"
