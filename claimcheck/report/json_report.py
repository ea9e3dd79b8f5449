"""The versioned JSON report (schema 1 of DESIGN.md).

Control characters are JSON-escaped (`visible.dumps` adds DEL and C1, which json.dumps leaves
raw); undecodable bytes of a file name (surrogate escapes) are written as backslash escapes, so
any file name gives valid UTF-8 JSON.
"""
from __future__ import annotations

import hashlib
import math
import re

from ..extract.reader import category_of
from ..model import Claim, Evidence, Finding
from .visible import dumps

SCHEMA = 1


def claim_dict(claim: Claim) -> dict:
    return {
        "document": claim.document, "line": claim.line, "column": claim.column, "page": claim.page,
        "text": claim.text, "value": claim.value if math.isfinite(claim.value) else None, "unit": claim.unit_text or claim.unit,
        "kind": category_of(claim),
        "metric": claim.metric_text or claim.metric, "subject": claim.subject, "dataset": claim.dataset or None,
        "baseline": claim.baseline or None, "role": claim.role or None,
        "setting": list(claim.setting_text) or sorted(claim.setting),
        "attribution": claim.attribution or None, "direction": claim.direction,
        "decimals": claim.quantity.decimals, "approximate": claim.quantity.approx,
        "bound": claim.quantity.bound or None, "bbox": list(claim.bbox) if claim.bbox else None,
    }


def evidence_dict(evidence: Evidence) -> dict:
    return {
        "document": evidence.document, "line": evidence.line, "column": evidence.column,
        "page": evidence.page, "text": evidence.text, "value": evidence.value, "unit": evidence.unit,
        "kind": evidence.kind, "metric": evidence.metric, "subject": evidence.subject,
        "note": evidence.note or None, "bbox": list(evidence.bbox) if evidence.bbox else None,
    }


def fingerprint(finding: Finding, sentence: str = "") -> str:
    """Stable across moved lines: rule, document name, the claim's wording and its metric."""
    claim = finding.claim
    words = re.sub(r"\s+", " ", sentence or claim.text).strip().lower()
    name = claim.document.replace("\\", "/").rsplit("/", 1)[-1]
    key = "|".join((finding.rule, name, words, claim.text, claim.metric))
    # surrogatepass: a file name's undecodable bytes (surrogate escapes) hash, not crash
    return hashlib.sha256(key.encode("utf-8", "surrogatepass")).hexdigest()[:16]


def finding_dict(finding: Finding, sentence: str = "") -> dict:
    return {
        "rule": finding.rule, "name": finding.name, "severity": finding.severity,
        "verdict": finding.verdict, "message": finding.message, "claim": claim_dict(finding.claim),
        "evidence": [evidence_dict(e) for e in finding.evidence], "expected": finding.expected,
        "fingerprint": fingerprint(finding, sentence), "fix": fix_dict(finding.fix),
    }


def fix_dict(fix) -> dict | None:
    """The replacement a finding suggests: where (line, 1-based columns in characters), what
    stands there, what to write, and whether --fix applies it."""
    if fix is None:
        return None
    return {"line": fix.line, "column": fix.column, "end_column": fix.end_column, "old": fix.old, "new": fix.new,
            "safe": fix.safe}


def render_findings(results, indent: int = 2) -> str:
    """`results`: CheckResult objects (one per document)."""
    payload = {
        "schema": SCHEMA,
        "documents": [{"name": r.document.name, "claims": len(r.claims), "findings": len(r.findings)}
                      for r in results],
        "findings": [finding_dict(f, r.sentence_of(f.claim)) for r in results for f in r.findings],
    }
    return dumps(payload, indent=indent, ensure_ascii=False)


def render_claims(documents_claims, indent: int = 2, numbers=None) -> str:
    """Claims as JSON; with `numbers` (per document, the numbers that are not claims) each
    document also counts its non-claims and unread numbers, and `numbers` lists them."""
    documents = []
    for k, (doc, claims) in enumerate(documents_claims):
        entry = {"name": doc.name, "claims": len(claims)}
        if numbers is not None:
            others = numbers[k][1]
            entry["non_claims"] = sum(n.status == "non-claim" for n in others)
            entry["unread"] = sum(n.status == "unread" for n in others)
        documents.append(entry)
    payload = {
        "schema": SCHEMA,
        "documents": documents,
        "claims": [claim_dict(c) for _, claims in documents_claims for c in claims],
    }
    if numbers is not None:
        payload["numbers"] = [number_dict(n) for _, others in numbers for n in others]
    return dumps(payload, indent=indent, ensure_ascii=False)


def number_dict(number) -> dict:
    """A number that is not a claim: where it is, 'non-claim' or 'unread', and why."""
    return {"document": number.document, "text": number.text, "line": number.line, "column": number.column,
            "page": number.page, "status": number.status, "reason": number.reason}
