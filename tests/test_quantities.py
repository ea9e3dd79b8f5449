"""The quantity grammar: every form it must read, and what only looks like a quantity."""
from __future__ import annotations

import re
from pathlib import Path

import pytest

from claimcheck.extract.normalize import normalize
from claimcheck.extract.quantities import find_quantities


def quantities(text: str):
    return find_quantities(normalize(text))


def only(text: str):
    found = quantities(text)
    assert len(found) == 1, f"expected one quantity in {text!r}, got {[q.text for q in found]}"
    return found[0]


@pytest.mark.parametrize("text, value, unit, dimension, decimals", [
    ("scores 84.63 on the benchmark", 84.63, "", "plain", 2),
    ("a gain of +21.6 on BBH", 21.6, "", "plain", 1),
    ("a change of \u22120.42 in loss", -0.42, "", "plain", 2),        # U+2212 minus
    ("a change of -0.42 in loss", -0.42, "", "plain", 2),
    ("accuracy 83.64±1.44 over the seeds", 83.64, "", "plain", 2),
    ("accuracy 83.64 ± 1.44 over the seeds", 83.64, "", "plain", 2),
    ("trained on 3,000 prompts", 3000, "", "plain", 0),
    ("trained on 1,234,567.5 units", 1234567.5, "", "plain", 1),
    ("drops from to 58.08% overall", 58.08, "%", "percent", 2),
    ("roughly 40 percent of runs", 40, "%", "percent", 0),
    ("a 2.16× speedup", 2.16, "x", "ratio", 2),
    ("a 3x speedup", 3, "x", "ratio", 0),
    ("3 times faster than before", 3, "x", "ratio", 0),
    ("a 10-fold reduction", 10, "x", "ratio", 0),
    ("+21.6 pts on BBH", 21.6, "pt", "points", 1),
    ("up 4.2 pp on MMLU", 4.2, "pt", "points", 1),
    ("3 points better", 3, "pt", "points", 0),
    ("a 2.0-point contribution", 2.0, "pt", "points", 1),
    ("a 1.5 percentage point gain", 1.5, "pt", "points", 1),
    ("takes 78.9 s per video", 78.9, "s", "time", 1),
    ("takes 78.9 seconds per video", 78.9, "s", "time", 1),
    ("answers in 120 ms", 120, "ms", "time", 0),
    ("trains in 3 min", 3, "min", "time", 0),
    ("trains in 2 h on one node", 2, "h", "time", 0),
    ("trained for 36 hours", 36, "h", "time", 0),
    ("scaled to 8B", 8e9, "", "count", 0),
    ("pretrained on 12T", 12e12, "", "count", 0),
    ("a 1.2M-image dataset", 1.2e6, "", "count", 1),
    ("5K prompts", 5e3, "", "count", 0),
    ("8 billion parameters", 8e9, "", "count", 0),
    ("12 trillion tokens", 12e12, "", "count", 0),
    ("350 million images", 350e6, "", "count", 0),
    ("peak memory of 24 GB", 24, "GB", "memory", 0),
    ("only 512 MB of VRAM", 512, "MB", "memory", 0),
    ("80 GiB cards", 80, "GiB", "memory", 0),
    ("serves 1,200 tokens/s", 1200, "/s", "rate", 0),
    ("runs at 30 FPS", 30, "/s", "rate", 0),
    ("decodes 2.5K tokens/s", 2500, "/s", "rate", 1),
])
def test_forms_parse(text, value, unit, dimension, decimals):
    q = only(text)
    assert q.value == pytest.approx(value)
    assert (q.unit, q.dimension, q.decimals) == (unit, dimension, decimals)


def test_decimals_as_written_set_the_rounding_interval():
    q = only("accuracy of 58.10% on the split")
    assert q.decimals == 2
    assert q.interval == pytest.approx((58.095, 58.105))
    big = only("a 12T corpus")
    assert big.interval == pytest.approx((11.5e12, 12.5e12))


@pytest.mark.parametrize("text, low, high, unit", [
    ("at 1\u20132 inference steps", 1, 2, ""),
    ("between runs 10-20% apart", 10, 20, "%"),
    ("a 2x-3x speedup", 2, 3, "x"),
    ("costs 0.7\u20130.8 points", 0.7, 0.8, "pt"),
])
def test_ranges(text, low, high, unit):
    q = only(text)
    assert (q.value, q.high, q.unit) == (pytest.approx(low), pytest.approx(high), unit)


@pytest.mark.parametrize("text, value", [
    ("~3x faster", 3), ("about 40% of queries", 40), ("nearly 2x less memory", 2),
    ("approximately 1.5 s", 1.5), ("≈ 7 points", 7), ("roughly 10 ms", 10),
])
def test_approximations(text, value):
    q = only(text)
    assert q.approx and q.value == pytest.approx(value)


@pytest.mark.parametrize("text, bound", [
    ("IoU ≥ 85% with the mask", ">="), ("similarity > 0.4 on DINO", ">"), ("up to 10 concepts", "<="),
    ("a speedup of over 2×", ">"), ("at least 3 seeds", ">="), ("more than 50% of prompts", ">"),
    ("at most 4 GPUs", "<="), ("below 1% error", "<"), ("≤ 200 ms per call", "<="),
])
def test_bounds(text, bound):
    assert only(text).bound == bound


@pytest.mark.parametrize("text, value", [
    ("it halves latency", 2), ("halved the memory", 2), ("doubles throughput", 2),
    ("twice as fast", 2), ("triples the batch", 3), ("an order of magnitude cheaper", 10),
    ("two orders of magnitude fewer", 100), ("a tenfold drop", 10), ("a three-fold gain", 3),
])
def test_words(text, value):
    q = only(text)
    assert (q.value, q.dimension, q.word != "") == (value, "ratio", True)


@pytest.mark.parametrize("text", [
    # dates and times of day
    "Submitted June 24, 2026", "25/6/2026 · 9:20", "released on 2026-06-25", "in March 2025",
    "on 3 May 2024", "the 2019 paper", "from 2023-2024 data",
    # arXiv ids and links
    "arXiv: 2606.25473", "see arXiv:2401.01234v2", "github.com/org/repo2", "https://x.org/a/1.5/b",
    # version digits inside names
    "Applied to Wan2.1-1.3B", "GPT-4o and GPT-4", "a ResNet-34 backbone", "FlashAttention-2 kernel",
    "competitive with Qwen2.5 7B", "SD3.5 Large", "on H100 GPUs", "Llama-3-8B-Instruct", "Infinity-2B",
    "Flux.1-dev", "NAVSIM v1", "VBench-T2V", "Cosmos 3 world model", "Wan2.2-I2V",
    # citation and footnote markers
    "as shown before [12].", "prior work [3, 4] agrees", "relies on rCM. 1", "is prohibitive.\u00b9",
    "the paper reports a gain over LLaDA on ARC-Challenge in the end 5",
    # references, sections and list numbers
    "see Table 2", "in Sec. 3.1", "Figure 4 shows", "Eq. 5 gives", "Appendix 2", "1. Introduction",
    "## 2. Method", "(3) a third point", "issue #123", "ICML 2026", "Python 3.11",
    # ordinals and names
    "the 2nd run", "a 3D scene", "4o-mini",
    # versions and code
    "python >= 3.11.9", "torch 2.3.1-rc1 is required",
    # image sizes and kernel shapes
    "FID on ImageNet 256×256", "at 512x512 resolution", "a 3x3x3 kernel",
])
def test_not_quantities(text):
    assert quantities(text) == [], [q.text for q in quantities(text)]


def test_nfkc_is_not_applied_to_footnote_digits():
    # NFKC would read 84.63¹ as 84.631
    q = only("scores 84.63\u00b9 on the benchmark")
    assert q.value == 84.63 and q.decimals == 2


def test_offsets_point_at_the_figure():
    text = "Lumen\u2212Det reaches \u221271.4 mAP"
    q = only(text)
    assert text[q.start:q.end] == "\u221271.4"


@pytest.mark.parametrize("text, value, unit, dimension, per", [
    ("the monthly bill fell to $212,000 last month", 212000, "$", "money", ""),
    ("a grant of £2,000 per team", 2000, "£", "money", "team"),
    ("revenue of $13,009 million in the year", 13009e6, "$", "money", ""),
    ("a market cap of $2.174T by then", 2.174e12, "$", "money", ""),
    ("a €10M seed round", 10e6, "€", "money", ""),
    ("costs $0.40 per 1K judgments today", 0.40, "$", "money", "1K judgments"),
    ("raised $2m in the round", 2e6, "$", "money", ""),
    ("priced at $0.12 per audio hour, less than", 0.12, "$", "money", "audio hour"),
    ("a bill of 30 USD at launch", 30, "$", "money", ""),
    ("takes 0.9 s per image on one GPU", 0.9, "s", "time", "image"),
])
def test_currencies_and_what_they_are_per(text, value, unit, dimension, per):
    q = only(text)
    assert (q.value, q.unit, q.dimension, q.per) == (pytest.approx(value), unit, dimension, per)


@pytest.mark.parametrize("text, value, dimension, bound", [
    ("one in 1/4 of the runs", 0.25, "fraction", ""),
    ("grows 2 1/2 of them", 2.5, "fraction", ""),
    ("the fleet is a third smaller now", 1 / 3, "fraction", ""),
    ("two thirds of the prompts", 2 / 3, "fraction", ""),
    ("needs less than half the memory", 0.5, "fraction", "<"),
    ("cut by a quarter.", 0.25, "fraction", ""),
])
def test_fractions(text, value, dimension, bound):
    q = only(text)
    assert (q.value, q.dimension, q.bound) == (pytest.approx(value), dimension, bound)


@pytest.mark.parametrize("text, value", [
    ("a learning rate of 2.48×10⁻⁵ works", 2.48e-5), ("with 3e-4 as the step", 3e-4),
    ("initial value of 1 × 10-5 and", 1e-5), ("about 6.02e23 molecules", 6.02e23),
])
def test_scientific_notation(text, value):
    assert only(text).value == pytest.approx(value)


@pytest.mark.parametrize("text, value, unit, dimension", [
    ("we compare two models here", 2, "", "plain"),
    ("a dozen runs were made", 12, "", "plain"),
    ("covers a hundred and two languages", 102, "", "plain"),
    ("it is three times faster", 3, "x", "ratio"),
    ("twenty-five prompts each", 25, "", "plain"),
    ("trained for two hours", 2, "h", "time"),
    ("two million images", 2e6, "", "count"),
    ("gained five points on BBH", 5, "pt", "points"),
])
def test_number_words(text, value, unit, dimension):
    q = only(text)
    assert (q.value, q.unit, q.dimension) == (pytest.approx(value), unit, dimension)


def test_number_words_keep_approximations_and_skip_compounds():
    q = only("answers almost three times faster")
    assert q.approx and q.value == 3 and q.dimension == "ratio"
    assert quantities("a two-stage pipeline with zero-shot prompts, one of many") == []


@pytest.mark.parametrize("text, low, high, unit", [
    ("needs 3 to 4 GB of memory", 3, 4, "GB"),
    ("quantised 8- to 16-bit weights", 8, 16, ""),
    ("between runs 10-20% apart", 10, 20, "%"),
])
def test_ranges_with_a_unit_on_one_side(text, low, high, unit):
    q = only(text)
    assert (q.value, q.high, q.unit) == (pytest.approx(low), pytest.approx(high), unit)


def test_from_to_is_a_change_not_a_range():
    found = quantities("Throughput rose from 1,850 to 2,780 tokens/s overall.")
    assert [(q.text, q.high) for q in found] == [("1,850", None), ("2,780 tokens/s", None)]


@pytest.mark.parametrize("text, value, unit, dimension", [
    ("an RMSE of 0.7m on the test track", 0.7, "m", "length"),
    ("a 12 km route", 12, "km", "length"),
    ("a 3.5 kg arm", 3.5, "kg", "mass"),
    ("kept at 25 °C", 25, "°C", "temperature"),
    ("clocked at 2.4 GHz", 2.4, "GHz", "frequency"),
    ("a ground sampling distance of 0.3 m/pixel", 0.3, "m/pixel", "length"),
    ("with 7m params in all", 7e6, "", "count"),
    ("a 7M model", 7e6, "", "count"),
])
def test_physical_units_are_units_not_scale_words(text, value, unit, dimension):
    q = only(text)
    assert (q.value, q.unit, q.dimension) == (pytest.approx(value), unit, dimension)


@pytest.mark.parametrize("text, figure, reason", [
    ("🧵 New paper out. Thread 1/6", "1/6", "thread counter"),
    ("2/6 The model trains on pairs.", "2/6", "thread counter"),
    ("accepted at ICML in 2026.", "2026", "year"),
    ("Release v2.3 is out", "2.3", "version"),
    ("as shown before [3].", "[3]", "citation"),
    ("compared with GPT-4o today", "4", "name"),
    ("see arXiv 2611.02219 for details", "2611.02219", "arXiv id"),
    ("1. MuonX trains fast", "1.", "list counter"),
    ("see Table 2 for more", "Table 2", "reference"),
    ("torch 2.3.1 is needed", "2.3.1", "version"),
    ("I have cuda==11.8 and python==3.9", "11.8", "version"),
    ("pin torch>=2.1 before installing", "2.1", "version"),
    ("set numpy ~= 1.26 in the lock file", "1.26", "version"),
    ("scores 0.1.2 on the rubric", "0.1.2", "two decimal points"),
    ("it scored 1,2,3 on the three runs", "1,2,3", "digits joined by commas (a list or a decimal comma)"),
    ("layers 1,2 and 3 are frozen", "1,2", "list"),
    ("the loss hits NaN at step 40", "NaN", "not a number"),
    ("If seqlen_q = 2, the mask is aligned to the bottom right", "2", "code"),
    ("generate with max_new_tokens=512 for long answers", "512", "code"),
    ("the release of March 2025 added", "March 2025", "date"),
    ("due on Sept. 14th, 2026 at noon", "Sept. 14th, 2026", "date"),
    ("held May 3-5 in Vienna", "May 3-5", "date"),
    ("**2025.9.18**: the model is released", "2025.9.18", "date"),
    ("the paper appears at NeurIPS'25 in December", "25", "name"),
    ("accepted to ICML’24 as an oral", "24", "name"),
])
def test_every_skipped_number_has_a_reason(text, figure, reason):
    from claimcheck.extract.quantities import scan
    quantities_found, skipped = scan(normalize(text))
    assert any(s.text.strip() == figure and s.reason == reason for s in skipped), skipped
    assert not any(figure in q.text for q in quantities_found)


def _fastest(function, *args) -> float:
    """CPU seconds per call, over at least a second of calls (tests/timing.py)."""
    from timing import per_call
    return per_call(function, *args)


@pytest.mark.parametrize("filler", [" ", "-", "\t", "a ", "1 "])
def test_scan_time_grows_linearly_with_runs_of_one_character(filler):
    """A run of spaces (a blanked code block) once made the fraction pattern try the whole run
    from every position: four times the text must take far less than sixteen times as long."""
    from claimcheck.extract.quantities import scan
    small = filler * 5000 + " a third of the 12 runs"
    large = filler * 20000 + " a third of the 12 runs"
    assert _fastest(scan, large) < 8 * _fastest(scan, small)


def test_ignored_spans_report_their_digits_without_reading_them():
    from claimcheck.extract.quantities import scan
    text = "Gain of 4.2 points.\n```\nlr = 3e-4  # 12 epochs\n```\nThen 7.5 points."
    code = (text.index("```"), text.rindex("```") + 3)
    found, skipped = scan(text, [code])
    assert [q.text for q in found] == ["4.2 points", "7.5 points"]
    assert [(s.text, s.reason) for s in skipped] == [("3", "code or markup"), ("4", "code or markup"),
                                                     ("12", "code or markup")]


def test_numbers_after_a_long_code_block_keep_their_offsets():
    from claimcheck.extract.quantities import scan
    block = "```python\n" + "\n".join(f"step_{i} = {i * 7}  # warmup" for i in range(40)) + "\n```"
    text = "Before: 1.5x faster.\n" + block + "\nAfter: 42% fewer errors (`v2` 3 s) and Table 2.\n" + block + "\nEnd 9 ms."
    found, skipped = scan(text, [(m.start(), m.end()) for m in re.finditer(r"```.*?```|`[^`\n]+`", text, re.S)])
    assert [(q.text, text[q.start:q.end]) for q in found] == [(t, t) for t in ("1.5x", "42%", "3 s", "9 ms")]
    assert {s.reason for s in skipped if text.index(block) <= s.start < text.index(block) + len(block)} == {"code or markup"}
    assert [(s.text, text[s.start:s.end]) for s in skipped if s.reason == "reference"] == [("Table 2", "Table 2")]


def _corpus_and_example_text() -> str:
    root = Path(__file__).resolve().parent.parent
    paths = [root / "data" / "example_digest.md"]
    shared = root.parent / "shared"
    paths += sorted(shared.glob("corpus/readmes/*.md")) + sorted(shared.glob("corpus/papers/*/README.md"))
    paths += sorted(shared.glob("dev/*.md"))
    return "\n".join(p.read_text(encoding="utf-8") for p in paths)


def test_first_character_guards_change_no_match():
    """The lookaheads that let the engine skip to candidate characters find exactly what the
    patterns without them find: every prefix word, bound, sign, currency and number form."""
    from claimcheck.extract import numberwords, quantities
    text = _corpus_and_example_text() + "\n" + " ".join(
        f"x {lead} 3 ms" for lead in ("~", "about", "Around", "approximately", "approx.", "roughly", "nearly",
                                      "almost", "circa", "some", "≥", ">=", ">", "≤", "<=", "<", "up to",
                                      "over", "more than", "at least", "at most", "above", "below", "under",
                                      "less than", "fewer than", "upwards of", "US$", "$", "€", "£", "¥", "₹",
                                      "+", "-", "±", "(", "|")) + " .5 x 1/4 and 2 3/4"
    words = " ".join(f"{article} {word}" for article in ("", "a", "an", "two") for word in
                     list(numberwords.SMALL) + list(numberwords.MULTIPLIERS) + list(numberwords.FRACTIONS))
    words += " halves twice doubled tripling quadruple cut in half an order of magnitude tenfold five-fold"

    def unguarded(pattern: re.Pattern, guard: str) -> re.Pattern:
        assert pattern.pattern.startswith(guard)
        return re.compile(pattern.pattern[len(guard):], pattern.flags)

    cases = [(quantities.QUANTITY_RE, quantities._FIRST, text),
             (quantities._NO_RANGE_RE, quantities._FIRST, text),
             (quantities._FRACTION_RE, "(?=\\d)", text),
             (quantities._WORD_RE, "(?=[hcdtqaoft])", words),
             (numberwords.NUMBER_WORDS_RE, numberwords.NUMBER_WORDS_RE.pattern[:numberwords.NUMBER_WORDS_RE.pattern.index(")") + 1], words + text.lower()),
             (numberwords.FRACTION_WORDS_RE, numberwords.FRACTION_WORDS_RE.pattern[:numberwords.FRACTION_WORDS_RE.pattern.index(")") + 1], words + text.lower())]
    for pattern, guard, sample in cases:
        found = [m.span() for m in pattern.finditer(sample)]
        assert found, pattern.pattern[:40]
        assert found == [m.span() for m in unguarded(pattern, guard).finditer(sample)], pattern.pattern[:40]


def test_a_bound_written_after_the_figure_is_a_bound():
    from claimcheck.extract.quantities import find_quantities
    found = {q.text: q.bound for q in find_quantities("Most jobs finish in 50 ms or less; 20% of them gain 3 points or more; 7 runs failed.")}
    assert found["50 ms"] == "<=" and found["3 points"] == ">=" and found["7"] == ""


@pytest.mark.parametrize("text, figures", [
    # Chinese and Japanese put no space between a word and a figure: the figure is still read
    ("在测试集上的准确率提高了3.7%，延迟降低到45毫秒。", ["3.7%", "45"]),
    ("モデルは推論速度が2.5×向上した。", ["2.5×"]),
    ("吞吐量提升（12.5k）", ["12.5k"]),
])
def test_figures_against_an_unspaced_script_are_read(text, figures):
    assert [q.text for q in find_quantities(normalize(text))] == figures


@pytest.mark.parametrize("text", ["Wan2.1 视频模型", "基于ResNet-34的方法", "用Llama3训练"])
def test_digits_inside_a_latin_name_stay_a_name_beside_an_unspaced_script(text):
    assert find_quantities(normalize(text)) == []


@pytest.mark.parametrize("text, figure, seconds, decimals", [
    ("real    0m4.079s", "0m4.079s", 4.079, 3),          # as `time` prints it
    ("the full run took 5m28.083s", "5m28.083s", 328.083, 3),
    ("training finished in 1h30m on one node", "1h30m", 5400.0, 0),
    ("a sweep of 2h 5m 10s", "2h 5m 10s", 7510.0, 0),
])
def test_a_duration_in_parts_is_one_time_in_seconds(text, figure, seconds, decimals):
    found = find_quantities(normalize(text))
    assert [(q.text, q.value, q.unit, q.dimension, q.decimals) for q in found] == [(figure, seconds, "s", "time", decimals)]


@pytest.mark.parametrize("text", ["about 2h", "3h", "30m tokens", "v1h2m3s"])
def test_one_part_or_a_name_is_not_a_duration_in_parts(text):
    assert all(q.unit != "s" for q in find_quantities(normalize(text)))


def test_a_figure_after_an_em_dash_is_read():
    found = find_quantities(normalize("far less CPU—212ms against 3,500ms—and less memory"))
    assert [(q.text, q.value, q.unit) for q in found] == [("212ms", 212.0, "ms"), ("3,500ms", 3500.0, "ms")]


@pytest.mark.parametrize("text", ["Double Dunk is the one game where the agent beats the record.",
                                  "Scores on Triple Crown and Montezuma stay flat."])
def test_a_capitalised_multiplier_that_begins_a_name_is_no_figure(text):
    assert [q.text for q in quantities(text)] == []


@pytest.mark.parametrize("text, word", [("Double the batch size and the step time barely moves.", "Double"),
                                        ("New Kernel Doubles Throughput", "Doubles")])
def test_a_capitalised_multiplier_before_a_lower_case_word_or_as_a_headline_verb_stays_one(text, word):
    assert word in [q.text for q in quantities(text)]


@pytest.mark.parametrize("text, figure, value, unit", [
    ("the archive shrinks to 41,207 bytes", "41,207 bytes", 41207.0, "B"),
    ("a 16-byte nonce", "16-byte", 16.0, "B"),
    ("the 2,048-byte page", "2,048-byte", 2048.0, "B"),
    ("a 24-GB card", "24-GB", 24.0, "GB"),
    ("the byte-level tokenizer", None, None, None),
])
def test_bytes_are_a_memory_unit_written_apart_or_joined_by_a_hyphen(text, figure, value, unit):
    found = [(q.text, q.value, q.unit, q.dimension) for q in quantities(text) if q.dimension == "memory"]
    assert found == ([(figure, value, unit, "memory")] if figure else [])


def test_a_date_or_a_versioned_name_takes_no_memory_unit_from_a_hyphen():
    assert not [q for q in quantities("the 2024-05-13 build of Qwen-2-7B uses 8 GB") if q.unit != "GB"
                and q.dimension == "memory"]


@pytest.mark.parametrize("text, figures", [
    ("Pelican-[2A+6B] serves 31% more requests than Heron-[8M].", ["31%"]),
    ("the Crane[4x] setup and Crane-[16] agree within 2 ms", ["2 ms"]),
    ("see the appendix [4] for 12 more runs", ["12"]),
])
def test_a_bracket_glued_to_a_name_goes_on_naming_it(text, figures):
    # a configuration written as part of a system's name is no figure; a citation set apart is
    # not a name's part, and the figures of the sentence stay figures
    assert [q.text for q in quantities(text)] == figures
