"""Figures written with invisible marks or in another script's digits read as the figure they
show. A zero-width space or soft hyphen pasted inside or just after a margin, full-width digits
("７１．４") and Arabic-Indic digits ("٧١٫٤") used to split a figure or part it from its unit, and an
honest margin was then reported as contradicted; a real slip written the same way must still be
reported."""
from __future__ import annotations

import pytest

from claimcheck.api import check_document
from claimcheck.ingest.digits import fold_digits
from claimcheck.ingest.invisible import gather_figures
from claimcheck.ingest.text import parse_text

ZWSP, SHY, LRM, WJ = "\u200b", "\u00ad", "\u200e", "\u2060"


def _wide(text: str) -> str:
    """ASCII digits and separators as full-width characters."""
    return text.translate({ord(c): 0xFF10 + int(c) for c in "0123456789"} | {ord("."): "．"})


def _arabic(text: str) -> str:
    return text.translate({ord(c): 0x0660 + int(c) for c in "0123456789"} | {ord("."): "٫"})


def _honest(a: str, margin: str, b: str) -> str:
    return f"Osprey reaches {a} on ARC, {margin} points above Heron ({b}).\n"


HONEST = {
    "mark after the margin": _honest("64.0", "1.5" + ZWSP, "62.5"),
    "mark inside the margin": _honest("64.0", "1." + SHY + "5", "62.5"),
    "direction mark after a score": _honest("64.0" + LRM, "1.5", "62.5"),
    "word joiner inside the baseline": _honest("64.0", "1.5", "6" + WJ + "2.5"),
    "full-width digits": _honest(_wide("64.0"), _wide("1.5"), _wide("62.5")),
    "Arabic-Indic digits": _honest(_arabic("64.0"), _arabic("1.5"), _arabic("62.5")),
    "footnote mark after the margin": _honest("64.0", "1.5\u00b2", "62.5"),
}


def _codes(text: str) -> list[str]:
    return [f.rule for f in check_document(parse_text(text, "figures.md")).findings]


@pytest.mark.parametrize("name", list(HONEST))
def test_honest_margins_written_oddly_are_not_flagged(name):
    assert _codes(HONEST[name]) == []


@pytest.mark.parametrize("name", list(HONEST))
def test_a_wrong_margin_written_the_same_way_is_still_flagged(name):
    wrong = HONEST[name].replace("1.5", "4.5").replace(_wide("1.5"), _wide("4.5")).replace(_arabic("1.5"), _arabic("4.5"))
    wrong = wrong.replace("1." + SHY + "5", "4." + SHY + "5")
    assert "CC101" in _codes(wrong)


def test_offsets_outside_the_figures_word_are_kept():
    text = "Gain 2." + ZWSP + "1 points, then 7" + SHY + "3 ms.\n"
    gathered, _ = gather_figures(text)
    assert len(gathered) == len(text)
    assert gathered.index("2.1") == text.index("2.")
    assert gathered[text.index(", then"):].startswith(", then")
    assert gathered.endswith("then 73  ms.\n")  # the mark, as a space, ends the figure's word


def test_digits_of_other_scripts_fold_one_for_one():
    text = "Accuracy ９１．２％ and ٨٧٫٥٪, page ٣."
    folded = fold_digits(text)
    assert folded == "Accuracy 91.2% and 87.5%, page 3."
    assert len(folded) == len(text)
    assert fold_digits("plain ASCII 1.5") == "plain ASCII 1.5"


def test_superscripts_after_an_integer_stay_exponents():
    gathered, _ = gather_figures("Trained on 10\u2079 tokens, 2.5\u00b9 points up.\n")
    assert "10\u2079 tokens" in gathered and "2.5  points" in gathered


def test_thousands_grouped_by_spaces_read_as_one_figure():
    """SI and many languages group thousands with a space: a thin space anywhere, a plain space
    in a table cell that holds nothing else. Each reads as one figure, offsets kept."""
    from claimcheck.extract.claims import read_numbers
    table = ("| Framework | Requests/s (64) | Requests/s (256) |\n|---|---|---|\n"
             "| quill | 172 874.98 | 149 415.01 |\n| heron | 12 000 | 9 870 |\n")
    document = parse_text(table, "bench.md")
    assert len(document.text) == len(table)
    values = {c.text: c.value for c in read_numbers(document).claims}
    assert values["172,874.98"] == 172874.98 and values["9,870"] == 9870
    prose = "The index holds 1\u2009700\u2009000 vectors and answers in 3.2 ms.\n"
    assert {c.value for c in read_numbers(parse_text(prose, "p.md")).claims} >= {1700000}
    # a plain space between figures in prose, or between two figures of a cell, parts them
    apart = parse_text("In 2023 150 models were released.\n\n| a | 1 2 |\n|---|---|\n| b | 2023 150 |\n", "q.md")
    assert "2023 150" in apart.text and "1 2" in apart.text


def test_an_escaped_currency_sign_before_a_figure_is_the_sign():
    """Markdown and LaTeX escape a literal dollar ('\\$400'): the figure is an amount of money;
    a backslash before anything else stays as written."""
    from claimcheck.extract.claims import read_numbers
    text = "### Solver benchmark set (\\$400)\n\nThe bounty was raised to \\$1,200 after review; see \\#12.\n"
    document = parse_text(text, "grants.md")
    assert len(document.text) == len(text) and "\\#12" in document.text
    claims = {c.text: c for c in read_numbers(document).claims}
    assert claims["$1,200"].value == 1200 and claims["$1,200"].unit == "$"
    assert "$400" in claims
