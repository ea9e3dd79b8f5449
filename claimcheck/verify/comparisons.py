"""Comparison rules: 'beats', 'above', 'largest' against the numbers the text gives."""
from __future__ import annotations

import re

from ..model import Claim, Evidence
from .base import RULES, Context, base_interval, label, rule, same_subject, topics_compatible, written

# Quality words say which method is better, so they flip for lower-is-better metrics (FID,
# WER, latency); numeric words say which number is larger, whatever the metric.
_ABOVE = re.compile(r"\b(?:beats?|beating|outperform(?:s|ing)?|surpass(?:es|ing)?|tops?|topping|ahead\s+of|"
                    r"better\s+than|improves\s+on|improving\s+on)\b", re.I)
_BELOW = re.compile(r"\b(?:trails?|trailing|behind|underperforms?|worse\s+than|falls\s+short\s+of)\b", re.I)
_NUMERIC_ABOVE = re.compile(r"\b(?:above|exceed(?:s|ing)?|higher\s+than|greater\s+than|more\s+than)\b", re.I)
_NUMERIC_BELOW = re.compile(r"\b(?:below|under|lower\s+than|less\s+than|fewer\s+than)\b", re.I)
_SUPERLATIVE = re.compile(r"\b(?P<word>largest|biggest|highest|greatest|strongest|best|smallest|lowest|"
                          r"least|weakest|worst|fewest)\b", re.I)
_COMPARED_KINDS = ("score", "percent", "time", "throughput", "memory")
_MAX_WORDS = {"largest", "biggest", "highest", "greatest", "strongest", "best"}


def _own_figure(ctx: Context, anchor: Claim) -> Claim | None:
    """The subject's figure a comparison with `anchor` speaks of: in the same frame and dimension,
    in the sentence (before the compared figure), else the one the document states for it."""
    def eligible(c: Claim) -> bool:
        return (c is not anchor and c.role in ("", "to") and c.kind in _COMPARED_KINDS + ("change",)
                and not c.quantity.bound and c.quantity.dimension == anchor.quantity.dimension
                and topics_compatible(c, anchor) and not same_subject(c.subject, anchor.subject))
    same = [c for c in ctx.sentence_claims(anchor) if eligible(c)]
    if same:
        return min(same, key=lambda c: abs(c.quantity.start - anchor.quantity.start))
    if any(c.role in ("", "to") and c.kind != "setting" for c in ctx.sentence_claims(anchor) if c is not anchor):
        return None  # the sentence states the subject's figure in another frame: not comparable
    subject = next((c.subject for c in ctx.sentence_claims(anchor) if c.role != "baseline" and c.subject), "")
    own = ctx.figure_of(subject, anchor) if subject else None
    return own if own is not None and not same_subject(own.subject, anchor.subject) else None


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
        if claim.role != "baseline" or claim.kind not in _COMPARED_KINDS:
            continue
        text = _text_before(ctx, claim)
        words = [(m, quality, up) for pattern, quality, up in ((_ABOVE, True, True), (_BELOW, True, False),
                                                               (_NUMERIC_ABOVE, False, True), (_NUMERIC_BELOW, False, False))
                 for m in pattern.finditer(text)]
        if len({up for _, _, up in words}) != 1:
            continue  # no comparison word, or both directions ("above X but below Y")
        match, quality, up = max(words, key=lambda w: w[0].start())  # the word nearest the figure
        own = _own_figure(ctx, claim)
        if own is None:
            continue
        lower = (own.lower_is_better or claim.lower_is_better) and quality
        above, below = (match, None) if up else (None, match)
        a, b = base_interval(own.quantity, ctx.slack), base_interval(claim.quantity, ctx.slack)
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
    """'The largest single contributor is the router' against the figures listed in its paragraph."""
    text = ctx.document.text
    for match in _SUPERLATIVE.finditer(text):
        start, end = ctx.paragraph_span(match.start())
        sentence_start = max(text.rfind(". ", start, match.start()) + 2, start)
        named = _NAMED.match(text, match.end())
        if not named:
            continue
        head = named.group(1).lower()
        listed = [c for c in ctx.claims if start <= c.quantity.start < sentence_start
                  and c.kind in ("delta", "score", "percent") and not c.quantity.bound and c.role != "baseline"]
        if len(listed) < 2 or len({c.metric for c in listed}) != 1 or len({c.kind for c in listed}) != 1:
            continue
        mine = [c for c in listed if re.search(r"\b" + re.escape(head) + r"\b", _clause(ctx, c), re.I)]
        if len(mine) != 1:
            continue
        target = mine[0]
        values = [abs(c.value) for c in listed]
        extreme = max(values) if match.group("word").lower() in _MAX_WORDS else min(values)
        if abs(abs(target.value) - extreme) <= target.quantity.half_step:
            continue
        other = next(c for c in listed if abs(c.value) == extreme)
        yield self.finding(
            target, f"'{match.group('word')} ... {named.group(1)}', but {named.group(1)} has {written(target)} "
            f"while '{_clause(ctx, other).strip()}' has {written(other)}",
            [Evidence.of(c) for c in listed], expected=extreme, verdict="contradicted")


# "... is the router", "... comes from distillation", "...: ARS"
_NAMED = re.compile(r"[^.;]{0,40}?\b(?:is|was|are|comes\s+from|came\s+from|belongs\s+to|:)\s+(?:the\s+|its\s+)?"
                    r"([A-Za-z][\w+-]*(?:\s+[a-z][\w-]*)?)")


def _clause(ctx: Context, claim: Claim) -> str:
    """The words between the previous comma, semicolon or sentence start and a figure."""
    text = ctx.document.text
    start, _ = claim.sentence
    left = max(text.rfind(";", start, claim.quantity.start), text.rfind(",", start, claim.quantity.start),
               text.rfind(" and ", start, claim.quantity.start))
    return text[(left + 1 if left >= 0 else start):claim.quantity.start]
