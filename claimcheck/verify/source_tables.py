"""Comparisons against the whole source table: a digest's superlative about a figure the source
supports is checked against every other system the table gives a figure of that frame."""
from __future__ import annotations

from pathlib import Path

from ..model import Claim, Evidence
from .base import RULES, Context, base_interval, rule, same_subject, settings_conflict, written
from .sources import source_verdicts, usable_sources
from .superlatives import _SUPERLATIVE, _WORDS, _hedged, _qualified, _sentence_around


def _rivals(source, cell_claim: Claim) -> list[Claim]:
    """The source's figures in the same table for the same benchmark, metric and configuration,
    of other systems: what a superlative about `cell_claim` ranks it against, whether the
    table's systems stand in rows or in columns."""
    document = source.document
    cell = document.cell_at(cell_claim.quantity.start)
    if cell is None or not cell_claim.subject or not (cell_claim.metric or cell_claim.dataset):
        return []  # a figure of nothing named ranks against nothing
    out = []
    for other in source.claims:
        if other is cell_claim or not other.subject or same_subject(other.subject, cell_claim.subject):
            continue
        theirs = document.cell_at(other.quantity.start)
        if theirs is None or theirs.table != cell.table or other.quantity.dimension != cell_claim.quantity.dimension:
            continue
        if other.dataset != cell_claim.dataset or other.metric != cell_claim.metric:
            continue
        if settings_conflict(other.setting, cell_claim.setting) or \
                {x.split(":")[0] for x in other.setting} != {x.split(":")[0] for x in cell_claim.setting}:
            continue
        out.append(other)
    return out


def _wants(word: str, claim: Claim) -> str:
    """'max' or 'min': which end of the column the superlative says its figure holds."""
    sense = _WORDS.get(word, "")
    if sense in ("max", "min"):
        return sense
    if sense in ("faster", "slower"):
        fast = "min" if claim.quantity.dimension == "time" else "max"
        return fast if sense == "faster" else ("max" if fast == "min" else "min")
    if sense in ("better", "worse"):
        good = "min" if claim.lower_is_better else "max"
        return good if sense == "better" else ("max" if good == "min" else "min")
    return ""


def _beats(other: Claim, crowned: Claim, end: str) -> bool:
    """Does `other` lie beyond `crowned` at that end, whatever the rounding of either?"""
    lo, hi = base_interval(other.quantity)
    clo, chi = base_interval(crowned.quantity)
    return lo > chi if end == "max" else hi < clo


@rule("CC208", "superlative-against-source", "source")
def check_superlative_against_source(ctx: Context):
    """A superlative about a figure that its source's own table contradicts.

    What it checks: "X is the best on MMLU", "the fastest configuration", "the lowest error" where
    the digest's figure is supported by a cell of a source table: every other system's figure in that table
    for the same benchmark, metric and configuration is compared (systems in rows or in columns), with the metric's direction (lower error, latency and FID are better;
    lower time is faster). A superlative narrowed by a qualifier ("the best open-weight model")
    or hedged ("one of the best") is not checked, since the digest does not say which rows
    qualify.
    Why it matters: the digest's own figures may all agree with the paper while the crown it
    gives does not; a reader checking only the quoted cell never sees the row that wins.
    Example: the digest calls Kite "the best on GSM8K at 61.0"; the paper's table has 61.0 for
    Kite and 63.4 for Hawk.
    How to fix: crown the row the table favours, or narrow the superlative to the rows it holds for.
    """
    self = RULES["CC208"]
    verdicts = {id(c): d for c, v, _, d in source_verdicts(ctx) if v in ("supported", "rounded") and d is not None}
    if not verdicts:
        return
    by_name = {s.name: s for s in usable_sources(ctx)}
    text = ctx.document.text
    done = set()
    for match in _SUPERLATIVE.finditer(text):
        if ctx.document.in_code(match.start()):
            continue
        word = " ".join(match.group("word").lower().split())
        sentence = _sentence_around(ctx, match.start())
        if sentence is None or _qualified(text, match.end()) or _hedged(text, sentence[0], match.start()):
            continue
        supported = [c for c in ctx.claims_between(*sentence) if id(c) in verdicts and c.role != "baseline"]
        if not supported:
            continue
        # the crowned figure: the supported one nearest the superlative
        crowned = min(supported, key=lambda c: abs(c.quantity.start - match.start()))
        if id(crowned) in done:
            continue
        cell = verdicts[id(crowned)]
        source = next((s for name, s in by_name.items() if any(c is cell for c in s.claims)), None)
        if source is None:
            continue
        end = _wants(word, cell)
        if not end:
            continue
        rivals = [m for m in _rivals(source, cell) if _beats(m, cell, end)]
        if not rivals:
            continue
        best = (max if end == "max" else min)(rivals, key=lambda m: m.quantity.base_value())
        done.add(id(crowned))
        where = f"{Path(source.name).name} line {best.line}"
        rival = best.subject or "another row"
        yield self.finding(crowned, f"'{match.group('word')}' for {crowned.subject or 'this figure'} "
                           f"({written(crowned)}), but the source's table has {rival} at {written(best)} "
                           f"in the same table ({where}; {'higher' if end == 'max' else 'lower'} is what "
                           f"'{word}' means here)", [Evidence.of(cell), Evidence.of(best)],
                           expected=best.value, verdict="contradicted")
