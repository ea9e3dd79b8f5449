"""Renderers for CI: concise lines, GitHub workflow commands, SARIF 2.1.0, rdjson, JUnit XML.

Renderers only: the findings arrive checked. Information-level findings (source verdicts
"supported" and "not found", figures not checkable) are left out of the CI formats except SARIF
(level "note"). Text from the digest and file names passes through `visible` in the line and
XML formats (control characters shown as backslash escapes: a CI log is a terminal, and XML 1.0
forbids most C0 characters even as references); the JSON formats escape controls themselves and
write undecodable file-name bytes as backslash escapes (`visible.dumps`).
"""
from __future__ import annotations

import os
import sys
from pathlib import Path
from xml.sax.saxutils import escape as xml_escape
from xml.sax.saxutils import quoteattr

from .. import __version__
from .json_report import fingerprint
from .visible import dumps, visible

from .rule_docs import PROJECT_URL as _URL, rule_url
_SARIF_LEVEL = {"error": "error", "warning": "warning", "info": "note"}


def _flags(results):
    for result in results:
        for finding in result.findings:
            if finding.severity != "info":
                yield result, finding


def _path(name: str) -> str:
    """Repository-relative POSIX path when the file is under the working directory."""
    try:
        return Path(name).resolve().relative_to(Path.cwd().resolve()).as_posix()
    except ValueError:
        return Path(name).as_posix()


def render_concise(results) -> str:
    lines = [visible(f"{_path(r.document.name)}:{f.claim.line}:{f.claim.column}: {f.rule} {f.message}")
             for r, f in _flags(results)]
    return "\n".join(lines) + ("\n" if lines else "")


# -- GitHub Actions ---------------------------------------------------------------------------

def escape_data(text: str) -> str:
    """A workflow command's message: % CR LF escaped (actions/toolkit command.ts)."""
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    """A workflow command's property value: also : and , escaped."""
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def render_github(results) -> str:
    lines = []
    for result, f in _flags(results):
        command = "error" if f.severity == "error" else "warning"
        props = {"file": _path(result.document.name), "line": str(f.claim.line), "col": str(f.claim.column),
                 "endColumn": str(f.claim.column + len(f.claim.text)), "title": f"claimcheck {f.rule} ({f.name})"}
        rendered = ",".join(f"{k}={escape_property(visible(v))}" for k, v in props.items())
        lines.append(f"::{command} {rendered}::{escape_data(visible(f.message))}")
    summary = os.environ.get("GITHUB_STEP_SUMMARY")
    if summary:
        try:
            with open(summary, "a", encoding="utf-8") as handle:
                handle.write(step_summary(results))
        except OSError as error:  # the annotations still go out; say why the summary did not
            print(f"claimcheck: warning: GITHUB_STEP_SUMMARY {visible(summary)}: {error.strerror or error}; "
                  f"no step summary written", file=sys.stderr)
    return "\n".join(lines) + ("\n" if lines else "")


def _cell(text: str) -> str:
    return visible(text.replace("\n", " ")).replace("|", "\\|")


def step_summary(results) -> str:
    """A Markdown table for $GITHUB_STEP_SUMMARY."""
    flags = list(_flags(results))
    out = [f"### claimcheck: {len(flags)} finding{'s' if len(flags) != 1 else ''}\n"]
    if flags:
        out.append("| file | line | rule | severity | message |\n|---|---|---|---|---|")
        for result, f in flags:
            out.append(f"| {_cell(_path(result.document.name))} | {f.claim.line} | {f.rule} | {f.severity} | "
                       f"{_cell(f.message)} |")
    return "\n".join(out) + "\n\n"


# -- SARIF 2.1.0 ------------------------------------------------------------------------------

def _rule_descriptor(rule) -> dict:
    lines = rule.doc.splitlines()
    return {
        "id": rule.code, "name": rule.name,
        "shortDescription": {"text": lines[0] if lines else rule.name},
        "fullDescription": {"text": " ".join(line.strip() for line in lines[1:] if line.strip()) or rule.name},
        "help": {"text": rule.doc},
        "defaultConfiguration": {"level": _SARIF_LEVEL[rule.severity]},
        "helpUri": rule_url(rule.code),
        "properties": {"family": rule.family},
    }


def render_sarif(results) -> str:
    from ..verify import RULES
    codes = sorted(RULES)
    index = {code: i for i, code in enumerate(codes)}
    sarif_results = []
    for result in results:
        for f in result.findings:
            location = {"physicalLocation": {
                "artifactLocation": {"uri": _path(result.document.name)},
                "region": {"startLine": f.claim.line, "startColumn": f.claim.column,
                           "endColumn": f.claim.column + len(f.claim.text)}}}
            related = []
            for k, e in enumerate(f.evidence):
                related.append({"id": k, "message": {"text": f"{e.text} ({e.note or e.metric or 'evidence'})"},
                                "physicalLocation": {"artifactLocation": {"uri": _path(e.document)},
                                                     "region": {"startLine": e.line, "startColumn": e.column}}})
            entry = {"ruleId": f.rule, "ruleIndex": index[f.rule], "level": _SARIF_LEVEL[f.severity],
                     "message": {"text": f.message}, "locations": [location],
                     "partialFingerprints": {"claimcheck/v1": fingerprint(f, result.sentence_of(f.claim))},
                     "properties": {"verdict": f.verdict, "expected": f.expected}}
            if related:
                entry["relatedLocations"] = related
            if f.fix is not None:
                entry["fixes"] = [{
                    "description": {"text": f"write {f.fix.new} for {f.fix.old}"
                                            + ("" if f.fix.safe else " (review before applying)")},
                    "artifactChanges": [{
                        "artifactLocation": {"uri": _path(result.document.name)},
                        "replacements": [{"deletedRegion": {"startLine": f.fix.line, "startColumn": f.fix.column,
                                                            "endColumn": f.fix.end_column},
                                          "insertedContent": {"text": f.fix.new}}]}]}]
            sarif_results.append(entry)
    log = {"$schema": "https://json.schemastore.org/sarif-2.1.0.json", "version": "2.1.0",
           "runs": [{"tool": {"driver": {"name": "claimcheck", "version": __version__, "informationUri": _URL,
                                         "rules": [_rule_descriptor(RULES[c]) for c in codes]}},
                     "results": sarif_results}]}
    return dumps(log, indent=2, ensure_ascii=False) + "\n"


# -- reviewdog rdjson -------------------------------------------------------------------------

def _byte_columns(document, claim) -> tuple[int, int]:
    """The claim's first and past-the-end columns counted in UTF-8 bytes, as reviewdog counts
    them ('é' is two, '×' two, an emoji four), 1-based."""
    width = len(claim.text.encode("utf-8", "surrogatepass"))
    if document.source_text and 0 < claim.line <= len(document.source_text):
        # a converted file (HTML, LaTeX): the claim's column is already in the file's own line
        before = len(document.source_text[claim.line - 1][:claim.column - 1].encode("utf-8", "surrogatepass"))
        return before + 1, before + 1 + width
    start = claim.quantity.start
    line_start = document.text.rfind("\n", 0, start) + 1
    before = len(document.text[line_start:start].encode("utf-8", "surrogatepass"))
    return before + 1, before + 1 + width


def render_rdjson(results) -> str:
    diagnostics = []
    for result, f in _flags(results):
        first, past = _byte_columns(result.document, f.claim)
        start = {"line": f.claim.line, "column": first}
        end = {"line": f.claim.line, "column": past}
        diagnostic = {"message": f.message, "severity": f.severity.upper(),
                      "location": {"path": _path(result.document.name), "range": {"start": start, "end": end}},
                      "code": {"value": f.rule, "url": rule_url(f.rule)}}
        if f.fix is not None:
            diagnostic["suggestions"] = [{"range": {"start": start, "end": end}, "text": f.fix.new}]
        diagnostics.append(diagnostic)
    payload = {"source": {"name": "claimcheck", "url": _URL}, "diagnostics": diagnostics}
    return dumps(payload, indent=2, ensure_ascii=False) + "\n"


# -- JUnit XML --------------------------------------------------------------------------------

def render_junit(results) -> str:
    cases = []
    failures = 0
    for result in results:
        name = visible(_path(result.document.name))
        flags = [f for f in result.findings if f.severity != "info"]
        if not flags:
            cases.append(f'    <testcase classname={quoteattr(name)} name="claimcheck"/>')
        for f in flags:
            failures += 1
            title = f"{f.rule} line {f.claim.line}:{f.claim.column}"
            message = visible(f.message)
            cases.append(f"    <testcase classname={quoteattr(name)} name={quoteattr(title)}>\n"
                         f"      <failure type={quoteattr(f.severity)} message={quoteattr(message)}>"
                         f"{xml_escape(name)}:{f.claim.line}:{f.claim.column}: {f.rule} {xml_escape(message)}</failure>\n"
                         f"    </testcase>")
    return ('<?xml version="1.0" encoding="UTF-8"?>\n<testsuites>\n'
            f'  <testsuite name="claimcheck" tests="{len(cases)}" failures="{failures}" errors="0">\n'
            + "\n".join(cases) + "\n  </testsuite>\n</testsuites>\n")
