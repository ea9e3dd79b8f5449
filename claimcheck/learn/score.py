"""How well claimcheck reads the labelled corpus: claim detection and frame accuracy.

The figures follow the reading corpus's scorer (LABELING.md): coverage is the share of gold
numbers claimcheck reports at all; a gold claim read as a claim is a true positive, a claim on a
gold non-claim or on no gold number a false positive; field accuracy is the share of true
positives whose field agrees with the gold. Documents are read exactly as `claimcheck extract
--all --format json` reads them, with the given model (None: the rules alone).
"""
from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, field

from ..report.json_report import claim_dict, number_dict
from .corpus import Labelled, Read, align
from .matching import kind_agrees, text_agrees, unit_agrees, value_agrees

FIELDS = ("value", "unit", "kind", "metric", "dataset", "subject", "baseline", "setting")
REPORTED = ("unit", "kind", "metric", "dataset", "subject", "setting")


@dataclass
class Tally:
    counts: Counter = field(default_factory=Counter)
    right: Counter = field(default_factory=Counter)
    mismatches: list = field(default_factory=list)

    def add(self, other: "Tally") -> None:
        self.counts.update(other.counts)
        self.right.update(other.right)
        self.mismatches.extend(other.mismatches)

    @property
    def precision(self) -> float:
        c = self.counts
        return c["tp"] / (c["tp"] + c["fp"]) if c["tp"] + c["fp"] else 0.0

    @property
    def recall(self) -> float:
        c = self.counts
        return c["tp"] / (c["tp"] + c["fn"]) if c["tp"] + c["fn"] else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    @property
    def coverage(self) -> float:
        return self.counts["covered"] / self.counts["gold"] if self.counts["gold"] else 0.0

    def accuracy(self, name: str) -> float:
        return self.right[name] / self.counts["tp"] if self.counts["tp"] else 0.0

    def row(self) -> dict:
        return {"documents": self.counts["documents"], "numbers": self.counts["gold"],
                "claims": self.counts["gold_claims"], "coverage": round(self.coverage, 3),
                "precision": round(self.precision, 3), "recall": round(self.recall, 3), "f1": round(self.f1, 3),
                **{name: round(self.accuracy(name), 3) for name in FIELDS}}


def read_json(extractor, labelled: Labelled, model) -> dict:
    """What `claimcheck extract --all --format json` prints for one document, read with `model`."""
    from ..ingest.text import read_document
    document = read_document(labelled.path, labelled.path.name)
    extraction = extractor.read(document, learned=model is not None, model=model)
    return {"claims": [claim_dict(c) for c in extraction.claims],
            "numbers": [number_dict(n) for n in extraction.others]}


def score_document(labelled: Labelled, output: dict) -> Tally:
    tally = Tally()
    reads = [Read(c["line"], c["column"] or 0, c["text"], c["value"], True, c) for c in output["claims"]]
    reads += [Read(n["line"], n["column"] or 0, n["text"], None, False, n) for n in output["numbers"]]
    gold = labelled.gold
    pairs, unaligned = align(gold, reads)
    c = tally.counts
    c["documents"] = 1
    c["gold"] = len(gold)
    c["gold_claims"] = sum(1 for g in gold if g.get("claim") is True)
    c["covered"] = len(pairs)
    for i, g in enumerate(gold):
        r = pairs.get(i)
        if g.get("claim") is True:
            if r is not None and r.is_claim:
                c["tp"] += 1
                for name, ok, tool in _fields(g, r.ref):
                    tally.right[name] += ok
                    if not ok:
                        tally.mismatches.append((labelled.name, name, g["line"], g["text"], g.get(name), tool))
            else:
                c["fn"] += 1
                tally.mismatches.append((labelled.name, "missed claim", g["line"], g["text"], g.get("metric"),
                                         "not reported" if r is None else r.ref.get("reason")))
        elif r is not None and r.is_claim:
            c["fp"] += 1
            tally.mismatches.append((labelled.name, "false claim", g["line"], g["text"], g.get("reason"),
                                     r.ref.get("kind")))
    for r in unaligned:
        if r.is_claim and any(ch.isdigit() for ch in r.text):
            c["fp"] += 1
            tally.mismatches.append((labelled.name, "false claim (no gold number)", r.line, r.text, None, r.ref.get("kind")))
    return tally


def _fields(gold: dict, tool: dict):
    setting = ", ".join(tool.get("setting") or []) or None
    yield "value", value_agrees(gold.get("value"), tool.get("value")), tool.get("value")
    yield "unit", unit_agrees(gold.get("unit"), tool.get("unit"), gold.get("value"), tool.get("value")), tool.get("unit")
    yield "kind", kind_agrees(gold.get("kind"), tool.get("kind")), tool.get("kind")
    for name in ("metric", "dataset", "subject", "baseline"):
        yield name, text_agrees(gold.get(name), tool.get(name)), tool.get(name)
    yield "setting", text_agrees(gold.get("setting"), setting), setting


def score(extractor, documents: list[Labelled], model) -> dict[str, Tally]:
    """Tallies by document name, and 'all'."""
    out: dict[str, Tally] = defaultdict(Tally)
    for labelled in documents:
        tally = score_document(labelled, read_json(extractor, labelled, model))
        out[labelled.name] = tally
        out["all"].add(tally)
    return out


def by_genre(documents: list[Labelled], tallies: dict[str, Tally]) -> dict[str, Tally]:
    out: dict[str, Tally] = defaultdict(Tally)
    for labelled in documents:
        out[labelled.genre].add(tallies[labelled.name])
    return dict(sorted(out.items()))
