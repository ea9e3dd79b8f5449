"""Comparison rules: 'beats', 'above', 'largest' against the numbers the text gives."""
from __future__ import annotations

import re

from ..model import Claim, Evidence
from .base import RULES, Context, interval, label, rule, written

_ABOVE = re.compile(r"\b(?:beats?|beating|outperform(?:s|ing)?|exceed(?:s|ing)?|surpass(?:es|ing)?|above|"
                    r"tops?|topping|ahead\s+of|higher\s+than|better\s+than|improves\s+on|improving\s+on)\b", re.I)
_BELOW = re.compile(r"\b(?:below|trails?|trailing|behind|under(?:performs?)?|lower\s+than|worse\s+than|"
                    r"falls\s+short\s+of)\b", re.I)
_SUPERLATIVE = re.compile(r"\b(?P<word>largest|biggest|highest|greatest|strongest|best|smallest|lowest|"
                          r"least|weakest|worst|fewest)\b", re.I)
_MAX_WORDS = {"largest", "biggest", "highest", "greatest", "strongest", "best"}


def _own_figure(ctx: Context, anchor: Claim, metric: str) -> Claim | None:
    """The subject's figure a comparison speaks of: in the sentence, else just before it."""
    def eligible(c: Claim) -> bool:
        return (c.metric == metric and c.role in ("", "to") and c.kind in ("score", "percent", "change")
                and not c.quantity.bound)
    same = [c for c in ctx.sentence_claims(anchor) if eligible(c)]
    if same:
        return same[0]
    earlier = [c for c in ctx.paragraph_claims(anchor) if eligible(c) and c.quantity.start < anchor.quantity.start]
    return earlier[-1] if earlier else None


@rule("CC104", "comparison-contradicted", "comparisons")
def check_comparisons(ctx: Context):
    """Comparison words against the numbers given.

    What it checks: "beats", "exceeds", "above", "outperforms" (and "below", "trails") between
    the subject's figure and each compared method's figure in parentheses or after "versus",
    respecting metrics where lower is better (FID, perplexity, WER, latency, error rate, loss);
    and superlatives ("the largest contributor is X") against the figures listed beside them.
    Why it matters: an ordering the numbers contradict misleads more than a wrong decimal.
    Example: "FID 7.9, better than Baseline-X (7.1)": lower FID is better, so 7.9 is worse.
    How to fix: correct the figures or the wording of the comparison.
    """
    self = RULES["CC104"]
    for claim in ctx.claims:
        if claim.role != "baseline" or claim.kind not in ("score", "percent"):
            continue
        text = _text_before(ctx, claim)
        above, below = _ABOVE.search(text), _BELOW.search(text)
        if bool(above) == bool(below):
            continue
        own = _own_figure(ctx, claim, claim.metric) if claim.metric else None
        if own is None or own.subject == claim.subject:
            continue
        lower = own.lower_is_better or claim.lower_is_better
        a, b = interval(own.quantity, ctx.slack), interval(claim.quantity, ctx.slack)
        own_better = a[1] < b[0] if lower else a[0] > b[1]
        own_worse = a[0] > b[1] if lower else a[1] < b[0]
        said = (above or below).group(0)
        if above and own_worse or below and own_better:
            direction = "lower is better" if lower else "higher is better"
            yield self.finding(
                claim, f"'{said}' {label(claim)}, but {own.subject or 'the subject'} has "
                f"{written(own)} ({claim.metric_text or claim.metric}: {direction})",
                [Evidence.of(own), Evidence.of(claim)], expected=None, verdict="contradicted")
    yield from _superlatives(ctx, self)


def _text_before(ctx: Context, claim: Claim) -> str:
    """The sentence up to a figure, where its comparison word stands."""
    start, _ = claim.sentence
    return ctx.document.text[start:claim.quantity.start]


def _superlatives(ctx: Context, self):
    """'The largest single contributor is ARS' against ARS's figure and the others listed."""
    text = ctx.document.text
    # superlative sentences may hold no figure themselves: scan every sentence of prose
    for match in _SUPERLATIVE.finditer(text):
        sentence_start = max(text.rfind(". ", 0, match.start()), text.rfind("\n", 0, match.start())) + 1
        sentence_end_candidates = [i for i in (text.find(". ", match.end()), text.find("\n", match.end())) if i >= 0]
        sentence_end = min(sentence_end_candidates) if sentence_end_candidates else len(text)
        sentence = text[sentence_start:sentence_end]
        named = re.search(r"\b(?:is|was|comes\s+from|:)\s+(?:the\s+)?([A-Z][\w.+-]*[\w+])", sentence[match.end() - sentence_start:])
        if not named:
            continue
        name = named.group(1)
        line = ctx.document.locate(match.start()).line
        listed = [c for c in ctx.claims if c.line == line and c.quantity.start < sentence_start
                  and c.kind in ("delta", "score", "percent") and not c.quantity.bound and c.role != "baseline"]
        if len(listed) < 2 or len({c.metric for c in listed}) != 1 or len({c.kind for c in listed}) != 1:
            continue
        owners = {id(c): _clause_names(ctx, c) for c in listed}
        mine = [c for c in listed if name in owners[id(c)]]
        if len(mine) != 1:
            continue
        target = mine[0]
        want_max = match.group("word").lower() in _MAX_WORDS
        values = [abs(c.value) for c in listed]
        extreme = max(values) if want_max else min(values)
        if abs(abs(target.value) - extreme) <= target.quantity.half_step:
            continue
        other = next(c for c in listed if abs(c.value) == extreme)
        yield self.finding(
            target, f"'{match.group('word')} ... {name}', but {name} has {written(target)} and "
            f"{_clause_label(ctx, other)} has {written(other)}",
            [Evidence.of(c) for c in listed], expected=extreme, verdict="contradicted")


def _clause_names(ctx: Context, claim: Claim) -> set[str]:
    text = ctx.document.text
    start, end = claim.sentence
    left = max(text.rfind(";", start, claim.quantity.start), text.rfind(",", start, claim.quantity.start))
    clause = text[(left + 1 if left >= 0 else start):claim.quantity.start]
    return set(re.findall(r"\b([A-Z][\w.+-]*[\w+])", clause))


def _clause_label(ctx: Context, claim: Claim) -> str:
    names = sorted(_clause_names(ctx, claim))
    return names[-1] if names else "another item"
