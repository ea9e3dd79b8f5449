"""'..., respectively': two lists of a sentence paired in order.

"Kimi handles 115% and 107% more requests on the A800 and H800 clusters, respectively" gives
115% to the A800 and 107% to the H800; "Tern and Pike score 71.2 and 69.0 on MMLU and GSM8K,
respectively" gives each system and each benchmark one figure. Where a sentence says
"respectively", a run of coordinated figures is paired in order with each coordinated list of
the same length that it names: benchmarks (lexicon mentions), typed settings (hardware, shots,
splits, ...), or names the document uses. Lists of another length pair nothing.
"""
from __future__ import annotations

import re
from dataclasses import replace

from ..model import Claim
from .vocabulary import Mention, settings_found

_RESPECTIVELY = re.compile(r"\brespectively\b", re.IGNORECASE)
# what stands between two members of a list: a comma, 'and' or 'or', a slash (bounded: linear)
_BETWEEN = re.compile(r"\s{0,3}(?:,\s{0,3})?(?:(?:and|or|vs\.?)\s{1,3})?(?:the\s{1,3})?|\s{0,3}/\s{0,3}")


def _coordinated(spans: list[tuple], text: str) -> list[list[tuple]]:
    """The runs of two or more spans (start, end, what it holds), in text order, joined only by
    list punctuation."""
    runs: list[list[tuple]] = []
    for span in sorted(spans, key=lambda s: (s[0], s[1])):
        if runs and runs[-1][-1][1] <= span[0] and _BETWEEN.fullmatch(text, runs[-1][-1][1], span[0]):
            runs[-1].append(span)
        else:
            runs.append([span])
    return [run for run in runs if len(run) >= 2]


def distribute(text: str, start: int, end: int, claims: list[Claim], mentions: list[Mention],
               known: set[str]) -> list[Claim]:
    """The sentence's claims with 'respectively' read: each figure of a coordinated run takes the
    member of each list of the same length at its own place (claims outside the run unchanged)."""
    if not claims or not _RESPECTIVELY.search(text, start, end):
        return claims
    figures = _coordinated([(c.quantity.start, c.quantity.end, k) for k, c in enumerate(claims)], text)
    if not figures:
        return claims
    benchmarks = _coordinated([(m.start, m.end, m.key) for m in mentions if m.label == "DATASET"
                               and start <= m.start < end], text)
    # one span may read as two settings ('V100': a GPU, a version): a list member holds them all
    at: dict[tuple[int, int], set[str]] = {}
    for a, b, kind, value in settings_found(text[start:end]):
        if kind != "task":
            at.setdefault((start + a, start + b), set()).add(value)
    settings = _coordinated([(a, b, frozenset(values)) for (a, b), values in at.items()], text)
    names = _coordinated([(m.start(), m.end(), m.group(0)) for name in known if len(name) > 1 and name in text[start:end]
                          for m in re.compile(r"(?<![\w-])" + re.escape(name) + r"(?![\w-])").finditer(text, start, end)],
                         text)
    out = list(claims)
    for run in figures:
        n = len(run)
        pick = {"dataset": [b for b in benchmarks if len(b) == n],
                "setting": [s for s in settings if len(s) == n],
                "subject": [s for s in names if len(s) == n and not _overlaps(s, run)]}
        for place, (_, _, index) in enumerate(run):
            claim = out[index]
            changes = {}
            if len(pick["dataset"]) == 1:
                changes["dataset"] = pick["dataset"][0][place][2]
            if len(pick["setting"]) == 1:
                listed = frozenset().union(*(values for _, _, values in pick["setting"][0]))
                own = pick["setting"][0][place][2]
                # its own member's readings that the sentence gave a figure, else all of them
                kept = own & claim.setting or own & {v for c in claims for v in c.setting} or own
                changes["setting"] = (claim.setting - listed) | kept
            if len(pick["subject"]) == 1:
                changes["subject"] = pick["subject"][0][place][2]
            if changes:
                out[index] = replace(claim, **changes)
    return out


def _overlaps(a: list[tuple], b: list[tuple]) -> bool:
    return a[0][0] < b[-1][1] and b[0][0] < a[-1][1]
