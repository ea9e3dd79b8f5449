"""Parts of a whole: shares of one comparison or one population that must add up to 100%."""
from __future__ import annotations

import re

from ..model import Claim, Evidence
from .base import same_dataset, RULES, Context, fmt, interval, rule, written

# outcomes of a pairwise comparison: every judgement is a win, a tie or a loss
_WIN = frozenset({"win_rate"})
_TIE = frozenset({"tie_rate"})
_LOSS = frozenset({"loss_rate"})
_PREFERENCE = frozenset({"preference"})
# words that say the shares that follow split one whole
_SPLIT = re.compile(r"\b(?:split\s+(?:into|between|among|across|as)|breakdown|broken\s+down|mix|mixture|distribution|"
                    r"composition|consists?\s+of|comprises|comprised\s+of|made\s+up\s+of|divided\s+(?:into|between|among)|"
                    r"of\s+which)\b|^\W*of\s+the\b[^,.;]{1,60},", re.I)


def _percent_share(c: Claim) -> bool:
    return (c.quantity.dimension == "percent" and c.kind in ("percent", "score", "setting")
            and not c.quantity.bound and c.quantity.high is None and not c.quantity.signed)


def _paragraph_outcomes(ctx: Context, claim: Claim) -> list[Claim]:
    """Outcome rates of one subject on one benchmark stated across a paragraph ('Its win rate is
    62%.' ... 'Its loss rate is 62%.'); a rate restated with the same figure counts once."""
    found: dict[str, Claim] = {}
    for c in ctx.paragraph_claims(claim):
        if not _percent_share(c) or c.metric not in _WIN | _TIE | _LOSS or c.subject != claim.subject \
                or not same_dataset(c.dataset, claim.dataset):
            continue
        if c.metric in found and found[c.metric].value != c.value:
            return []  # two win rates: several comparisons, not one
        found.setdefault(c.metric, c)
    return list(found.values())


@rule("CC108", "parts-not-whole", "semantics")
def check_parts(ctx: Context):
    """Shares of one whole that do not add up to 100%.

    What it checks: the outcomes of one pairwise comparison (win, tie and loss rates; "ours
    preferred", "tie", "baseline preferred") stated together must add up to 100% within
    rounding, and any two of them to no more than 100%; shares introduced as a split of one
    whole ("the mix is 60% code, 30% math and 15% dialogue") must add up to 100%; so must a
    share and the rest named after it ("93.4% answered safely; the remaining 7.6% refused",
    "71% enable it and 29% do not", "removes 68.8% of the output and leaves 21.2%").
    Why it matters: parts that add up to 106% mean at least one figure is wrong, and readers
    cannot tell which.
    Example: "it wins 58% of comparisons, ties 12% and loses 36%": 58 + 12 + 36 = 106%.
    How to fix: restate the parts so they add up, or say what the rest is.
    """
    self = RULES["CC108"]
    seen: set[tuple[int, int]] = set()
    reported: set[int] = set()
    for claim in ctx.claims:
        if claim.sentence in seen or not _percent_share(claim):
            continue
        seen.add(claim.sentence)
        shares = [c for c in ctx.sentence_claims(claim) if _percent_share(c) and not _rebased(ctx, c)]
        outcome = [c for c in shares if c.metric in _WIN | _TIE | _LOSS | _PREFERENCE]
        if len(outcome) < 2 and claim.metric in _WIN | _TIE | _LOSS:
            outcome = _paragraph_outcomes(ctx, claim)
        finding = _outcomes(ctx, self, outcome) if len(outcome) >= 2 else None
        if finding is None and len(shares) >= 3 and _SPLIT.search(ctx.sentence_text(claim)) and _labelled(ctx, shares):
            finding = _total(ctx, self, shares, exact=True)
        if finding is None and len(shares) >= 2 and _remainder(ctx, shares[-1]) and \
                all(same_subject_or_none(shares[0], c) for c in shares[1:]) and \
                (len(shares) == 2 or _labelled(ctx, shares[:-1])):
            # "answers 93.4% of prompts safely; the remaining 7.6% are refused": a share and its rest;
            # "60% source code and 10% math, leaving 20% for natural language": labelled parts and the rest
            finding = _total(ctx, self, shares, exact=True)
        if finding is not None and id(finding.claim) not in reported:
            reported.add(id(finding.claim))
            yield finding


_REBASED = re.compile(r"\b(?:excluding|ignoring|not\s+counting|leaving\s+out|among|of\s+those|of\s+these)\b", re.I)


def _rebased(ctx: Context, share: Claim) -> bool:
    """'excluding ties, that is a 55% win rate': a share of another whole than the others'."""
    start, _ = ctx.clause_span(share)
    return _REBASED.search(ctx.document.text, max(start, share.quantity.start - 60), share.quantity.start) is not None


# a share named as what is left of a whole: "the remaining 7.6%", "the rest (12%)", "6% do not"
# ('removes 68.8% of the output and leaves 31.2%': what a cut leaves is the rest; what a model 'keeps'
# or 'retains' is a share of its quality, not the rest of the cut)
_REST_BEFORE = re.compile(r"\b(?:the\s+)?(?:remaining|rest|remainder|other|leftover)\s*(?:\(|of\s+)?\s*(?:about\s+|~)?$|"
                          r"\b(?:leav(?:es|ing)|left\s+with)\s+(?:just\s+|only\s+|about\s+|"
                          r"roughly\s+|~\s*)?$", re.I)
_REST_AFTER = re.compile(r"\s*(?:\))?\s*(?:are\s+left|is\s+left|do\s+not|don't|does\s+not|did\s+not|"
                         r"are\s+not|is\s+not|otherwise)\b", re.I)


def _remainder(ctx: Context, share: Claim) -> bool:
    text = ctx.document.text
    q = share.quantity
    return bool(_REST_BEFORE.search(text[max(0, q.start - 24):q.start]) or _REST_AFTER.match(text, q.end))


def same_subject_or_none(a: Claim, b: Claim) -> bool:
    return not a.subject or not b.subject or a.subject == b.subject


def _labelled(ctx: Context, shares: list[Claim]) -> bool:
    """Each share of a split names its part right after it ('55% web text, 30% code and 20% math')."""
    text = ctx.document.text
    return all(re.match(r"\s*(?:are\s+|is\s+)?(?:of\s+)?[A-Za-z]", text[c.quantity.end:c.quantity.end + 12]) for c in shares)


def _outcomes(ctx: Context, self, parts: list[Claim]):
    metrics = [c.metric for c in parts]
    wins = sum(m in _WIN for m in metrics) + sum(m in _PREFERENCE for m in metrics)
    ties = sum(m in _TIE for m in metrics)
    losses = sum(m in _LOSS for m in metrics)
    if ties > 1 or wins + losses > 2 or (wins + losses + ties) != len(parts) or \
            sum(m in _WIN for m in metrics) > 1 or sum(m in _LOSS for m in metrics) > 1:
        # several comparisons in one sentence ('a 99% win rate vs A and a 100% win rate vs B'):
        # not one whole
        return None
    complete = ties == 1 and wins + losses == 2
    return _total(ctx, self, parts, exact=complete)


def _total(ctx: Context, self, parts: list[Claim], exact: bool):
    low = sum(interval(c.quantity, ctx.slack)[0] for c in parts)
    high = sum(interval(c.quantity, ctx.slack)[1] for c in parts)
    total = sum(c.value for c in parts)
    if low <= 100.0 <= high or (not exact and low <= 100.0):
        return None
    wrong = max(parts, key=lambda c: c.quantity.start)
    terms = " + ".join(written(c) for c in parts)
    rest = 100.0 - sum(c.value for c in parts if c is not wrong)
    if exact:
        message = f"parts of one whole add up to {terms} = {fmt(total)}%, not 100%"
    else:
        message = f"parts of one whole add up to {terms} = {fmt(total)}%, more than 100%"
    message += f" ({written(wrong)} would be {fmt(rest)}% if the others hold)"
    evidence = [Evidence.of(c) for c in parts if c is not wrong]
    return self.finding(wrong, message, evidence, expected=round(rest, 6) if exact else None, verdict="mismatch")
