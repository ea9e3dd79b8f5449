"""Generated hostile digests: any mix of the fragments that broke the gate before (markup that
opens and never closes, runs of spaces, backticks and table pipes, unit letters glued to digits,
invisible and direction characters, waiver comments) is read and checked without an error, and
every figure it reports lies inside the text where the figure was written."""
from __future__ import annotations

import pytest

hypothesis = pytest.importorskip("hypothesis")
from hypothesis import HealthCheck, given, settings, strategies as st  # noqa: E402

from claimcheck import cache  # noqa: E402
from claimcheck.api import check_document  # noqa: E402
from claimcheck.ingest.text import parse_text  # noqa: E402

FRAGMENTS = [
    "# ", "## ", "#", " ", "  ", "\t", "\n", "\n\n", "|", "| ", "|---|---|\n", "`", "```\n", "~~~\n",
    "<!--", "-->", "<!-- claimcheck-disable", "<!-- claimcheck-disable-next-line CC101 -->",
    "<!-- claimcheck-disable-line -->", "<!-- claimcheck-enable -->", "(", ")", "[", "]", "**", "_", "> ",
    "- ", "1. ", "    ", "<b>", "</b>", "<table>", "<tr><td>", "</td></tr>", "\\begin{tabular}", " & ", "\\\\",
    "71.4", "69.3", "3.1", "2.6×", "60%", "x", "xxxxxxxx", "KMB", "ms", " s", "GB", "±0.4", "1,024", "1e999",
    "nan", "\u200b", "\u00ad", "\ufeff", "\u202e", "\u2066", "\x1b[31m", "\r", "Kite", "StrongDet", "scores",
    " points ahead of ", " mAP on COCO", ", a ", " improvement", " faster than ", "from ", " to ", ". ",
]


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.sampled_from(FRAGMENTS), min_size=1, max_size=300))
def test_any_mix_of_hostile_fragments_is_checked(pieces):
    cache.disable()
    text = "".join(pieces)
    document = parse_text(text, "generated.md")
    result = check_document(document)
    for finding in result.findings:
        quantity = finding.claim.quantity
        assert 0 <= quantity.start <= quantity.end <= len(document.text)
        assert finding.message
