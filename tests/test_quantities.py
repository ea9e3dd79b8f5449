"""The quantity grammar: every form it must read, and what only looks like a quantity."""
from __future__ import annotations

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
    ("accuracy 83.64±1.44 over five seeds", 83.64, "", "plain", 2),
    ("accuracy 83.64 ± 1.44 over five seeds", 83.64, "", "plain", 2),
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
