"""Work that must not grow with the square of the document: look-ups that relate one figure to
others are measured by how many candidates they hand back (operation counts, not time), at one
size and at twice that size. A document restating one comparison in every section is the case:
each figure used to be related to every restatement, which took a 20 MB digest to 1.8 times the
1 MB rate per MB."""
from __future__ import annotations

from claimcheck.extract.claims import extract_claims
from claimcheck.ingest.text import parse_text
from claimcheck.verify.base import NEAREST, Context


def _restated(copies: int) -> Context:
    """One comparison stated in `copies` sections of one document."""
    text = "".join(f"## Run {i}\n\nKite scores 71.4 on MMLU, 2.0 points above Ray (69.4).\n\n"
                   for i in range(copies))
    document = parse_text(text, "restated.md")
    return Context(document, extract_claims(document))


def _baselines_handed_back(ctx: Context) -> tuple[int, int]:
    looked_up = handed = 0
    for claim in ctx.claims:
        looked_up += 1
        handed += len(ctx.baselines_near(claim, claim.value - 5, claim.value + 5))
    return looked_up, handed


def test_baselines_near_a_figure_are_bounded_per_look_up():
    small, large = _restated(300), _restated(600)
    looks_small, handed_small = _baselines_handed_back(small)
    looks_large, handed_large = _baselines_handed_back(large)
    assert looks_large >= 1.9 * looks_small > 0
    assert handed_small > 0, "the comparison's baseline is a candidate of its own section's figures"
    # linear: twice the look-ups hand back at most about twice the candidates (all of them: 4x)
    assert handed_large <= 2.2 * handed_small
    assert max(len(large.baselines_near(c, c.value - 5, c.value + 5)) for c in large.claims) <= 2 * NEAREST


def test_few_baselines_are_all_handed_back():
    """Below the bound nothing is left out: every restatement is a candidate."""
    ctx = _restated(20)
    kite = next(c for c in ctx.claims if c.value == 71.4)
    near = ctx.baselines_near(kite, 69.0, 70.0)
    assert len([c for c in near if c.value == 69.4]) == 20
