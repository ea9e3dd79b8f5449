"""A baseline of accepted findings, keyed by fingerprint rather than line number.

`--write-baseline FILE` records today's findings; `--baseline FILE` silences those again, even
after lines move, and reports entries that no longer occur (the claim was fixed or removed) so
the file can be pruned. The fingerprint covers the rule, the document's file name, the claim's
sentence (whitespace and case folded), the figure and its metric.
"""
from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from .files import FileProblem, read_input, write_atomically

from .report.json_report import fingerprint

FORMAT = "claimcheck-baseline"


class BaselineError(Exception):
    """A baseline file that cannot be read (exit code 2)."""


@dataclass
class BaselineOutcome:
    suppressed: int
    stale: list[dict]


def entries(results) -> list[dict]:
    out = []
    for result in results:
        for f in result.findings:
            if f.severity == "info":
                continue
            out.append({"fingerprint": fingerprint(f, result.sentence_of(f.claim)), "rule": f.rule,
                        "document": Path(result.document.name).name, "claim": f.claim.text,
                        "line": f.claim.line, "message": f.message})
    return out


def write(path: str, results) -> int:
    data = {"format": FORMAT, "version": 1, "findings": entries(results)}
    try:
        text = json.dumps(data, indent=2, ensure_ascii=False)
        if not text.isascii():
            try:
                text.encode("utf-8")
            except UnicodeEncodeError:  # a file name with undecodable bytes: \udcxx escapes round-trip
                text = json.dumps(data, indent=2, ensure_ascii=True)
        write_atomically(path, text + "\n")
    except FileProblem as problem:
        raise BaselineError(f"--write-baseline {path}: {problem}") from None
    except OSError as error:
        raise BaselineError(f"cannot write baseline {path}: {error.strerror or error}") from None
    return len(data["findings"])


def read(path: str) -> list[dict]:
    try:
        raw = read_input(path)
    except FileProblem as problem:
        if str(problem) == "no such file":
            raise BaselineError(f"{path}: no such baseline file (create it with --write-baseline)") from None
        raise BaselineError(f"{path}: cannot read the baseline ({problem})") from None
    try:
        data = json.loads(raw.decode("utf-8"))
    except UnicodeDecodeError:
        raise BaselineError(f"{path}: not a claimcheck baseline (not UTF-8 text)") from None
    except RecursionError:
        raise BaselineError(f"{path}: not a claimcheck baseline (JSON nested too deep)") from None
    except (OSError, ValueError) as error:  # (a JSON error, or an integer of more digits than Python converts)
        raise BaselineError(f"{path}: not a claimcheck baseline ({str(error)[:200]})") from None
    if not isinstance(data, dict) or data.get("format") != FORMAT or not isinstance(data.get("findings"), list):
        raise BaselineError(f"{path}: not a claimcheck baseline (no \"format\": \"{FORMAT}\")")
    if not all(isinstance(entry, dict) and isinstance(entry.get("fingerprint"), str) for entry in data["findings"]):
        raise BaselineError(f"{path}: not a claimcheck baseline (each finding needs a \"fingerprint\" string)")
    return data["findings"]


def apply(results, recorded: list[dict]):
    """Results without the recorded findings, and what the baseline holds that no longer occurs."""
    from dataclasses import replace
    wanted = {e.get("fingerprint") for e in recorded}
    seen: set[str] = set()
    suppressed = 0
    filtered = []
    for result in results:
        kept = []
        for f in result.findings:
            key = fingerprint(f, result.sentence_of(f.claim))
            if f.severity != "info" and key in wanted:
                seen.add(key)
                suppressed += 1
            else:
                kept.append(f)
        filtered.append(replace(result, findings=tuple(kept)))
    stale = [e for e in recorded if e.get("fingerprint") not in seen]
    return filtered, BaselineOutcome(suppressed, stale)
