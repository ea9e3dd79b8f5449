"""The labelled reading corpus: documents, their gold numbers, and gold aligned to what was read.

`data/reading/<split>/NAME.md` holds a document and `NAME.gold.json` its labels (the format of
LABELING.md); `data/reading/documents.csv` records each document's genre, split and provenance.
Alignment pairs each gold number with the number claimcheck read at the same place: same line
and value first (8B is 8e9), then overlapping characters; each read number pairs at most once.
"""
from __future__ import annotations

import csv
import json
from dataclasses import dataclass
from pathlib import Path

from .matching import value_agrees

ROOT = Path(__file__).resolve().parent.parent.parent / "data" / "reading"
SPLITS = ("train", "dev", "test")


@dataclass(frozen=True)
class Labelled:
    name: str
    split: str
    genre: str
    path: Path
    gold: tuple[dict, ...]
    repo: str = ""


def load(root: Path = ROOT, splits=SPLITS) -> list[Labelled]:
    """The corpus's documents of the given splits, in a fixed order (split, then name)."""
    genres, repos = {}, {}
    manifest = root / "documents.csv"
    if manifest.exists():
        with manifest.open(encoding="utf-8") as handle:
            for row in csv.DictReader(handle):
                genres[row["name"]], repos[row["name"]] = row["genre"], row["repo"].lower()
    out = []
    for split in splits:
        folder = root / split
        for gold_path in sorted(folder.glob("*.gold.json")):
            name = gold_path.name[:-len(".gold.json")]
            document = folder / f"{name}.md"
            if not document.exists():
                continue
            gold = json.loads(gold_path.read_text(encoding="utf-8"))["numbers"]
            out.append(Labelled(name, split, genres.get(name, name.split("_", 1)[0]), document, tuple(gold),
                                repos.get(name, name)))
    return out


def gold_value(entry: dict) -> float | None:
    if isinstance(entry.get("value"), (int, float)):
        return float(entry["value"])
    import re
    m = re.search(r"\d[\d,]*(?:\.\d+)?", entry.get("text", ""))
    return float(m.group(0).replace(",", "")) if m else None


def _values(text: str) -> list[float]:
    import re
    out = []
    for m in re.finditer(r"(\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?|\.\d+)([kKMBT]?)", text or ""):
        value = float(m.group(1).replace(",", ""))
        out.append(value)
        if m.group(2):
            out.append(value * {"k": 1e3, "K": 1e3, "M": 1e6, "B": 1e9, "T": 1e12}[m.group(2)])
    return out


@dataclass(frozen=True)
class Read:
    """One number as claimcheck read it, where the gold can find it."""

    line: int
    column: int
    text: str
    value: float | None
    is_claim: bool
    ref: object  # the site, claim or reading it stands for


def align(gold: tuple[dict, ...], reads: list[Read]) -> tuple[dict[int, Read], list[Read]]:
    """Gold index -> the read number at its place; and the read numbers no gold number took.
    Exact values first, then values up to scale, then overlapping columns; the nearest column wins."""
    by_line: dict[int, list[Read]] = {}
    for r in reads:
        by_line.setdefault(r.line, []).append(r)
    used: set[int] = set()
    pairs: dict[int, Read] = {}
    order = sorted(range(len(gold)), key=lambda i: (gold[i]["line"], gold[i].get("col", 0)))
    for stage in (0, 1, 2):
        for gi in order:
            if gi in pairs:
                continue
            g = gold[gi]
            value = gold_value(g)
            col = g.get("col", 0)
            end = g.get("end", col + len(g.get("text", "")))
            best = None
            for r in by_line.get(g["line"], []):
                if id(r) in used:
                    continue
                overlap = r.column <= end and r.column + max(len(r.text), 1) > col
                values = ([r.value] if r.value is not None else []) + _values(r.text)
                if stage == 0:
                    ok = any(value_agrees(value, v, exact=True) for v in values)
                elif stage == 1:
                    ok = any(value_agrees(value, v) for v in values)
                else:
                    ok = overlap
                if not ok:
                    continue
                distance = (0 if overlap else 1, abs(r.column - col))
                if best is None or distance < best[0]:
                    best = (distance, r)
            if best is not None:
                pairs[gi] = best[1]
                used.add(id(best[1]))
    return pairs, [r for r in reads if id(r) not in used]
