"""The Python entry points: `extract` and `check`."""
from __future__ import annotations

import sys
from dataclasses import dataclass
from pathlib import Path

from .extract.claims import default_extractor, extract_claims
from .ingest.markup import CONVERTED_SUFFIXES
from .ingest.text import parse_text, read_document
from .model import Claim, Document, Extraction, Finding
from .verify import verify

_HERE = Path(__file__).resolve().parent


def example_path() -> Path:
    """The bundled example digest: `claimcheck/_data` in a wheel, `data/` in a checkout."""
    for folder in (_HERE / "_data", _HERE.parent / "data"):
        path = folder / "example_digest.md"
        if path.is_file():
            return path
    raise FileNotFoundError("the bundled example digest is missing from this installation")


def load(document: str | Path | Document) -> Document:
    """A Document from a path, a Document, or text (a string holding a newline or no such file)."""
    if isinstance(document, Document):
        return document
    if isinstance(document, Path) or ("\n" not in document and Path(document).exists()):
        if str(document).lower().endswith(".pdf"):
            return read_pdf_cached(document)
        if str(document).lower().endswith(CONVERTED_SUFFIXES):
            from .sources import read_any
            return read_any(Path(document))
        return read_document(document)
    return parse_text(str(document))


@dataclass(frozen=True)
class CheckResult:
    """One document's claims and findings."""

    document: Document
    claims: tuple[Claim, ...]
    findings: tuple[Finding, ...]

    def sentence_of(self, claim: Claim) -> str:
        start, end = claim.sentence
        return self.document.text[start:end]


FINDING_COLUMNS = ["rule", "name", "severity", "verdict", "message", "document", "line", "column", "page", "text",
                   "value", "unit", "kind", "metric", "subject", "dataset", "setting", "expected", "evidence",
                   "fingerprint"]


@dataclass(frozen=True)
class Report:
    """The result of `check`: per-document results, with DataFrame views for notebooks.

    `findings` and `claims` are pandas DataFrames with the columns FINDING_COLUMNS and
    CLAIM_COLUMNS (stable: the JSON report's fields, flattened); `finding_list` and `claim_list`
    are the objects themselves.
    """

    results: tuple[CheckResult, ...]

    @property
    def finding_list(self) -> list[Finding]:
        return [f for r in self.results for f in r.findings]

    @property
    def claim_list(self) -> list[Claim]:
        return [c for r in self.results for c in r.claims]

    def to_json(self) -> str:
        from .report.json_report import render_findings
        return render_findings(self.results)

    def to_html(self) -> str:
        """The self-contained HTML report (as `--format html`)."""
        from .report.html_report import render_html
        return render_html(self.results)

    @property
    def findings(self):
        """One row a finding (pandas is imported on first use)."""
        import json

        import pandas as pd
        rows = []
        for f in json.loads(self.to_json())["findings"]:
            claim = f["claim"]
            row = {k: f[k] for k in ("rule", "name", "severity", "verdict", "message", "expected", "fingerprint")}
            row.update({k: claim[k] for k in ("document", "line", "column", "page", "text", "value", "unit",
                                               "kind", "metric", "subject", "dataset", "setting")})
            row["evidence"] = f["evidence"]
            rows.append(row)
        return pd.DataFrame(rows, columns=FINDING_COLUMNS)

    @property
    def claims(self):
        """One row a claim of every checked document."""
        import json

        import pandas as pd
        from .report.json_report import claim_dict
        return pd.DataFrame(json.loads(json.dumps([claim_dict(c) for c in self.claim_list])), columns=CLAIM_COLUMNS)

    def to_dataframe(self):
        return self.findings

    def explain(self, i: int) -> str:
        """Finding i in words: the claim, the computed or source value and every piece of evidence."""
        findings = self.finding_list
        if not 0 <= i < len(findings):
            raise IndexError(f"finding {i} out of range (0..{len(findings) - 1})")
        f = findings[i]
        c = f.claim
        where = f"{c.document} line {c.line}" + (f" page {c.page}" if c.page else "")
        lines = [f"{f.rule} {f.name} ({f.severity}, {f.verdict}) at {where}", f"  claim: {c.text!r} "
                 f"(kind {c.kind}, metric {c.metric or '-'}, subject {c.subject or '-'})", f"  {f.message}"]
        if f.expected is not None:
            lines.append(f"  computed or source value: {f.expected:g}")
        for e in f.evidence:
            place = f"{e.document} line {e.line}" + (f" page {e.page}" if e.page else "")
            lines.append(f"  evidence: {e.text!r} at {place}" + (f" ({e.note})" if e.note else ""))
        return "\n".join(lines)

    def evidence_crop(self, i: int, k: int = 0) -> bytes | None:
        """PNG of the page region around evidence k of finding i, when that evidence is in a PDF."""
        from .report.crops import crop_png
        evidence = self.finding_list[i].evidence
        if not 0 <= k < len(evidence):
            return None
        e = evidence[k]
        return crop_png(e.document, e.page, e.bbox)

    def _repr_html_(self) -> str:
        """A short summary for notebooks: counts by rule and the first findings (returned, not displayed)."""
        from html import escape
        findings = self.finding_list
        by_rule: dict[str, int] = {}
        for f in findings:
            by_rule[f.rule] = by_rule.get(f.rule, 0) + 1
        rows = "".join(f"<tr><td>{escape(f.rule)}</td><td>{escape(f.severity)}</td><td>{f.claim.line}</td>"
                       f"<td>{escape(f.message)}</td></tr>" for f in findings[:10])
        counts = ", ".join(f"{escape(r)}: {n}" for r, n in sorted(by_rule.items()))
        more = f"<p>... and {len(findings) - 10} more</p>" if len(findings) > 10 else ""
        return (f"<p><b>{len(findings)} findings</b> in {len(self.results)} document(s), "
                f"{len(self.claim_list)} claims{' (' + counts + ')' if counts else ''}</p>"
                f"<table><tr><th>rule</th><th>severity</th><th>line</th><th>message</th></tr>{rows}</table>{more}")


class Claims(list):
    """The claims of a document: a list, with a DataFrame view and a notebook summary."""

    def to_json(self) -> str:
        import json

        from .report.json_report import claim_dict
        return json.dumps([claim_dict(c) for c in self], ensure_ascii=False)

    def to_dataframe(self):
        import json

        import pandas as pd
        return pd.DataFrame(json.loads(self.to_json()), columns=CLAIM_COLUMNS)

    def _repr_html_(self) -> str:
        from html import escape
        kinds: dict[str, int] = {}
        for claim in self:
            kinds[claim.kind] = kinds.get(claim.kind, 0) + 1
        summary = ", ".join(f"{n} {escape(k)}" for k, n in sorted(kinds.items(), key=lambda x: -x[1]))
        return f"<p><b>{len(self)} claims</b>{': ' + summary if summary else ''}</p>"


CLAIM_COLUMNS = ["document", "line", "column", "page", "text", "value", "unit", "kind", "metric", "subject",
                 "dataset", "baseline", "role", "setting", "attribution", "direction", "decimals", "approximate",
                 "bound", "bbox"]


def extract(document: str | Path | Document) -> Claims:
    """The claims of a document (a path or text)."""
    return Claims(extract_claims(load(document)))


def read_pdf_cached(path: str | Path) -> Document:
    from .cache import cached
    from .ingest.pdf import read_pdf
    from .files import MAX_PDF_BYTES, FileProblem, read_input
    from .ingest.text import InputError
    try:
        content = read_input(path, MAX_PDF_BYTES)  # a regular file only, within the bound
    except FileProblem as problem:
        raise InputError(f"{path}: {problem}") from None
    return cached(f"pdf|{path}", content, lambda: read_pdf(path))


def read_path(path: str) -> Document:
    """A document from a file by its extension: PDF (cached by content), HTML and LaTeX (read as
    Markdown, positions mapped back), else text or Markdown."""
    lower = path.lower()
    if lower.endswith(".pdf"):
        return read_pdf_cached(path)
    if lower.endswith(CONVERTED_SUFFIXES):
        from .sources import read_any
        return read_any(Path(path))
    return read_document(path)


def read_cached(document: Document, owners: bool = False) -> Extraction:
    """A document's claims as the checks read them (the rules' frames) and the numbers it holds
    that could not be checked, from the cache when its text was read before (no spaCy start-up);
    `owners`: with the learned reader's subject of each claim the rules read without one (for
    checks against sources)."""
    from .cache import cached
    content = document.text.encode("utf-8")
    if document.source_lines:  # the lines claims report are part of what is read
        content += b"\x00lines:" + ",".join(map(str, document.source_lines)).encode()
        # (and the file's own lines, which place each figure's column on its line)
        content += b"\x00text:" + "\n".join(document.source_text).encode("utf-8", "surrogatepass")
    return cached(f"claims{'+owners' if owners else ''}|{document.name}", content,
                  lambda: default_extractor().read(document, numbers=False, learned=False, owners=owners))


def check_document(document: Document, select=None, ignore=None, tolerance: float = 0.0,
                   sources=(), severity: dict[str, str] | None = None) -> CheckResult:
    extraction = read_cached(document, owners=bool(sources))
    claims = list(extraction.claims)
    findings = verify(document, claims, select=select, ignore=ignore, slack=tolerance, sources=sources,
                      severity=severity, unreadable=extraction.others, owners=extraction.owners,
                      frames=extraction.frames)
    return CheckResult(document, tuple(claims), tuple(findings))


def check(*digests: str | Path | Document, sources=(), select=None, ignore=None, tolerance: float = 0.0) -> Report:
    """Check digests (paths or text) against themselves and against `sources`.

    `sources`: paths (a fact sheet CSV, a paper PDF, text or Markdown, a folder of them, or
    'ARXIV_ID=PATH'), or `Source` objects already loaded.
    """
    from .sources import Source, load_sources
    if isinstance(sources, (str, Path)):
        sources = [sources]
    loaded = [s for s in sources if isinstance(s, Source)]
    loaded += load_sources([str(s) for s in sources if not isinstance(s, Source)])
    return Report(tuple(check_document(load(d), select, ignore, tolerance, loaded) for d in digests))


# `claimcheck.extract` is this function, not the subpackage of the same name that importing this
# module has just bound there (the package's own `__getattr__` is not asked once it is bound)
sys.modules[__package__].extract = extract
