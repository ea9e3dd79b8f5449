"""The frames read for every figure a planted problem or a trap of ../shared/dev involves,
checked by hand against the text: kind, subject, dataset, metric, role, baseline and the
settings that tell figures apart. (The digests are read in place; these tests skip without them.)

Each row: digest, line, figure as written, then the fields that must hold ("-" for empty).
"""
from __future__ import annotations

import pytest

from claimcheck.api import load
from claimcheck.extract.claims import read_numbers

EXPECTED = [
    # dev01: newsletter with a summary table
    ("dev01", 7, "3.1×", dict(kind="speedup", subject="SwiftDecode", metric="speedup:decoding",
                             baseline="vanilla speculative sampling")),
    ("dev01", 13, "2.8×", dict(kind="speedup", subject="SwiftDecode", metric="speedup",
                             baseline="vanilla speculative sampling", setting={"hardware:a100"})),
    ("dev01", 13, "42 ms", dict(kind="change", role="from", metric="latency", subject="SwiftDecode")),
    ("dev01", 13, "15 ms", dict(kind="change", role="to", metric="latency", subject="SwiftDecode")),
    ("dev01", 14, "23.8", dict(kind="change", role="from", metric="throughput", unit="/s")),
    ("dev01", 14, "66.7 tokens/s", dict(kind="change", role="to", metric="throughput")),
    ("dev01", 15, "0.71", dict(role="to", metric="acceptance_rate", subject="SwiftDecode")),
    ("dev01", 15, "0.58", dict(role="from", metric="acceptance_rate", subject="the baseline drafter")),
    ("dev01", 15, "13 points", dict(kind="delta", metric="acceptance_rate")),
    ("dev01", 8, "60%", dict(kind="setting", metric="sparsity", subject="PruneLM")),
    ("dev01", 18, "60%", dict(kind="setting", metric="keep_ratio", subject="PruneLM")),
    ("dev01", 8, "96.9%", dict(kind="percent", metric="accuracy", subject="PruneLM")),
    ("dev01", 19, "63.9", dict(role="baseline", subject="the dense model")),
    ("dev01", 20, "6.24", dict(role="from", metric="perplexity", dataset="wikitext")),
    ("dev01", 20, "7.05", dict(role="to", metric="perplexity", dataset="wikitext")),
    ("dev01", 20, "13%", dict(kind="delta", metric="perplexity")),
    ("dev01", 21, "16 GB", dict(role="from", metric="memory")),
    ("dev01", 21, "44%", dict(kind="delta", metric="memory")),
    ("dev01", 24, "11.8", dict(kind="score", metric="fid", subject="TinyDiT", dataset="imagenet", role="-")),
    ("dev01", 24, "12.4", dict(metric="fid", subject="DiT-XL/2", role="baseline")),
    ("dev01", 24, "9.6", dict(metric="fid", subject="SiT-XL", role="baseline")),
    ("dev01", 9, "12.4", dict(metric="fid", subject="DiT-XL/2", role="baseline")),
    ("dev01", 26, "2.9×", dict(kind="speedup", subject="TinyDiT", baseline="DiT-XL/2")),
    ("dev01", 26, "2.2 s", dict(kind="time", subject="DiT-XL/2", role="baseline")),
    ("dev01", 27, "1,300M", dict(kind="scale", metric="images", subject="TinyDiT")),
    ("dev01", 27, "about 40%", dict(kind="delta", metric="images")),
    ("dev01", 27, "2.1B", dict(kind="scale", metric="images", subject="DiT-XL/2")),
    # dev02: release notes with a results table (units in the headers)
    ("dev02", 3, "1.7×", dict(kind="speedup", subject="FlashServe", metric="throughput", baseline="vLLM")),
    ("dev02", 13, "18,600", dict(kind="throughput", subject="FlashServe", metric="throughput")),
    ("dev02", 13, "150", dict(kind="time", unit="ms", subject="FlashServe", metric="latency", setting={"percentile:p99"})),
    ("dev02", 11, "38", dict(kind="time", unit="ms", subject="vLLM 0.6", setting={"percentile:p50"})),
    ("dev02", 15, "1.5×", dict(subject="FlashServe", metric="throughput", baseline="vLLM")),
    ("dev02", 15, "1.32×", dict(subject="FlashServe", metric="throughput", baseline="SGLang")),
    ("dev02", 16, "24%", dict(kind="delta", metric="latency", baseline="vLLM", setting={"percentile:p50"})),
    ("dev02", 16, "29 ms", dict(subject="FlashServe", role="-", setting={"percentile:p50"})),
    ("dev02", 16, "38 ms", dict(subject="vLLM", role="baseline")),
    ("dev02", 16, "40 ms", dict(kind="delta", baseline="SGLang", setting={"percentile:p99"})),
    ("dev02", 17, "18.8 GB", dict(kind="delta", metric="memory", baseline="vLLM")),
    ("dev02", 18, "1.5 s", dict(kind="time", metric="latency", subject="FlashServe", setting={"percentile:p99"})),
    ("dev02", 19, "17.4 GB", dict(kind="delta", baseline="SGLang")),
    ("dev02", 23, "18,600", dict(role="from", unit="/s", setting={"condition:ablation"})),
    ("dev02", 23, "17%", dict(kind="delta", metric="throughput")),
    ("dev02", 24, "205 ms", dict(role="to", metric="latency", setting={"percentile:p99"})),
    ("dev02", 25, "12,400 tok/s", dict(subject="vLLM", role="baseline", setting={"condition:both disabled"})),
    # dev03: a thread
    ("dev03", 3, "1.2M", dict(kind="scale", metric="pairs", subject="RewardRank")),
    ("dev03", 3, "400K", dict(kind="scale", metric="pairs", subject="UltraFeedback", role="baseline")),
    ("dev03", 3, "3×", dict(kind="speedup", baseline="UltraFeedback")),
    ("dev03", 5, "89.4", dict(subject="RewardRank", dataset="rewardbench", role="to")),
    ("dev03", 5, "85.1", dict(subject="the previous best open judge", role="from")),
    ("dev03", 7, "58%", dict(metric="win_rate", subject="RewardRank")),
    ("dev03", 7, "12%", dict(metric="tie_rate")),
    ("dev03", 7, "36%", dict(metric="loss_rate", kind="percent")),
    ("dev03", 9, "81.5%", dict(metric="agreement")),
    ("dev03", 9, "19.5%", dict(metric="disagreement")),
    ("dev03", 11, "$0.40", dict(kind="cost", metric="cost", subject="RewardRank")),
    ("dev03", 11, "$2.50", dict(kind="cost", subject="GPT-4o", role="baseline")),
    ("dev03", 11, "5.0 s", dict(kind="time", subject="GPT-4o", role="baseline")),
    # dev04: a press release
    ("dev04", 3, "4.1%", dict(metric="wer", dataset="librispeech", subject="Nimbus-V", setting={"split:test-other"})),
    ("dev04", 3, "5.6%", dict(metric="wer", subject="Nimbus-IV", role="from")),
    ("dev04", 6, "12.1%", dict(metric="wer", dataset="fleurs", subject="Whisper large-v3", role="baseline")),
    ("dev04", 6, "19%", dict(kind="delta", metric="wer", baseline="Whisper large-v3")),
    ("dev04", 7, "$0.20", dict(kind="cost", subject="Nimbus-IV", role="baseline")),
    ("dev04", 8, "2.4 million", dict(kind="scale", metric="hours", subject="Nimbus-V")),
    ("dev04", 8, "1.5 million", dict(kind="scale", metric="hours", subject="Nimbus-IV")),
    ("dev04", 9, "93.8%", dict(metric="accuracy", subject="Nimbus-V")),
    ("dev04", 9, "6.9%", dict(metric="wer", subject="Nimbus-V")),
    ("dev04", 11, "3.9%", dict(metric="wer", dataset="librispeech", subject="Nimbus-V", setting={"split:test-other"})),
    # dev05: a conference recap list with bold leads
    ("dev05", 3, "11.6", dict(metric="perplexity", subject="AdamW", role="baseline")),
    ("dev05", 3, "27,000", dict(kind="scale", metric="compute", subject="AdamW")),
    ("dev05", 3, "33%", dict(kind="delta", metric="compute", subject="MuonX")),
    ("dev05", 4, "71.9", dict(subject="full fine-tuning", role="baseline", dataset="gsm8k")),
    ("dev05", 5, "35 GB", dict(role="to", metric="memory", subject="QuantAll", setting={"precision:4-bit"})),
    ("dev05", 5, "140 GB", dict(role="from", metric="memory", setting={"precision:16-bit"})),
    ("dev05", 5, "75%", dict(kind="delta", metric="memory")),
    ("dev05", 6, "2.59", dict(metric="fid", subject="its dense baseline", role="baseline")),
    ("dev05", 6, "40%", dict(kind="delta", metric="compute", subject="SparseFlow")),
    ("dev05", 6, "1.4×", dict(kind="speedup", metric="cost", subject="SparseFlow")),
    ("dev05", 7, "8×", dict(kind="speedup", subject="EchoKV")),
    ("dev05", 7, "87.3", dict(role="to", dataset="ruler")),
    # dev06: notes on a paper (checked against its tables in test_pdf / test_sources)
    ("dev06", 3, "2,101", dict(kind="scale", metric="problems", dataset="geometry3k", setting={"split:train"})),
    ("dev06", 5, "54.6", dict(subject="RL", dataset="mm_math5k", metric="accuracy",
                            setting={"pass@k:pass@8", "split:test", "statistic:mean", "temperature:1"})),
    ("dev06", 5, "35.2", dict(subject="SFT", dataset="mm_math5k")),
    ("dev06", 7, "29.0", dict(subject="RL", setting={"pass@k:pass@1", "temperature:0.6", "statistic:mean"})),
    ("dev06", 7, "28.0", dict(subject="the untrained model", role="baseline")),
    ("dev06", 9, "66.0", dict(subject="RL", setting={"pass@k:pass@8", "split:validation", "statistic:mean"})),
    ("dev06", 10, "610", dict(kind="scale", metric="problems", setting={"split:test"})),
    ("dev06", 12, "61.8", dict(subject="RL", setting={"statistic:max", "split:test"})),
    ("dev06", 12, "35.2", dict(subject="SFT", role="baseline", setting={"statistic:mean"})),
    # dev07: a leaderboard write-up (methods in rows, units in headers)
    ("dev07", 10, "7B", dict(kind="scale", metric="parameters", subject="Lumen-v2")),
    ("dev07", 10, "118.5", dict(kind="time", unit="ms", metric="latency", subject="Lumen-v2")),
    ("dev07", 8, "56.1", dict(metric="ndcg_at_10", subject="Arbor-Embed")),
    ("dev07", 13, "0.7 points", dict(kind="delta", subject="Quill-E5", baseline="Arbor-Embed")),
    ("dev07", 13, "41.0 ms", dict(subject="Arbor-Embed", role="baseline")),
    ("dev07", 14, "70×", dict(kind="speedup", metric="size", subject="Lumen-v2", baseline="MiniMarco")),
    ("dev07", 16, "2.3×", dict(kind="speedup", subject="MiniMarco", baseline="Quill-E5")),
    ("dev07", 17, "54.6", dict(subject="Arbor-Embed", role="from", setting={"condition:earlier"})),
    ("dev07", 18, "55.2", dict(setting={"condition:earlier"})),
    # dev08: a serving blog post
    ("dev08", 5, "1,850", dict(role="from", unit="/s", metric="throughput", setting={"hardware:h100"})),
    ("dev08", 5, "60%", dict(kind="delta", metric="throughput")),
    ("dev08", 6, "$0.92", dict(role="from", metric="cost")),
    ("dev08", 9, "90 ms", dict(kind="delta", metric="ttft", setting={"percentile:p50"})),
    ("dev08", 10, "48", dict(role="from", metric="GPUs")),
    ("dev08", 10, "$212,000", dict(role="from", metric="cost")),
    ("dev08", 12, "1.9 s", dict(role="to", metric="ttft", setting={"percentile:p99"})),
    ("dev08", 12, "1.2 s", dict(role="from", metric="ttft")),
    ("dev08", 12, "37%", dict(kind="delta", metric="ttft")),
    # dev09: slide bullets
    ("dev09", 3, "46%", dict(metric="preference")),
    ("dev09", 3, "24%", dict(metric="tie_rate")),
    ("dev09", 5, "97.6%", dict(metric="refusal_rate", dataset="harmful prompts")),
    ("dev09", 6, "9.8%", dict(role="from", metric="over_refusal", dataset="benign prompts")),
    ("dev09", 6, "-58%", dict(kind="delta", metric="over_refusal")),
    ("dev09", 7, "1.9%", dict(metric="toxicity", subject="the baseline", role="baseline")),
    ("dev09", 8, "+6.2 pts", dict(kind="delta", dataset="coding")),
    ("dev09", 8, "+7.1", dict(kind="delta", dataset="reasoning")),
    ("dev09", 10, "2.1", dict(role="to", metric="compute")),
    ("dev09", 10, "3.4", dict(role="from", metric="compute")),
    ("dev09", 10, "30%", dict(kind="delta", metric="compute")),
]

NON_CLAIMS = [
    ("dev01", 11, "2609.11872", "arXiv id"), ("dev01", 9, "256", "setting (resolution)"),
    ("dev02", 3, "2.3", "version"), ("dev02", 7, "8×", "setting (gpus)"), ("dev02", 7, "[3]", "citation"),
    ("dev03", 1, "1/6", "thread counter"), ("dev03", 3, "2/6", "thread counter"),
    ("dev05", 3, "1.", "list counter"), ("dev05", 4, "256", "hyperparameter"), ("dev05", 6, "512", "setting (resolution)"),
    ("dev07", 7, "1", "rank"), ("dev08", 1, "2026", "year"), ("dev09", 1, "Slide 4", "reference"),
]


@pytest.fixture(scope="module")
def readings():
    from conftest import SHARED
    if not (SHARED / "dev").is_dir():
        pytest.skip("../shared/dev is not beside this checkout")
    return {name: read_numbers(load(SHARED / "dev" / f"{name}.md"))
            for name in sorted({row[0] for row in EXPECTED + NON_CLAIMS})}


@pytest.mark.parametrize("digest, line, figure, fields", EXPECTED, ids=[f"{d}:{ln}:{f}" for d, ln, f, _ in EXPECTED])
def test_frames_of_planted_problems_and_traps(readings, digest, line, figure, fields):
    found = [c for c in readings[digest].claims if c.line == line and c.text == figure]
    assert found, f"{figure!r} on line {line} is not read as a claim: " + repr(
        [(c.line, c.text) for c in readings[digest].claims if c.line == line])
    claim = found[0]
    for field, want in fields.items():
        if field == "setting":
            assert want <= claim.setting, (field, sorted(claim.setting))
            continue
        have = claim.unit if field == "unit" else getattr(claim, field)
        assert have == ("" if want == "-" else want), (field, have, claim)


@pytest.mark.parametrize("digest, line, figure, reason", NON_CLAIMS, ids=[f"{d}:{ln}:{f}" for d, ln, f, _ in NON_CLAIMS])
def test_numbers_that_are_not_claims_say_why(readings, digest, line, figure, reason):
    others = [o for o in readings[digest].others if o.line == line and o.text.strip() == figure]
    assert others and others[0].reason == reason, [(o.text, o.reason) for o in readings[digest].others if o.line == line]
    assert not any(c.line == line and c.text == figure for c in readings[digest].claims)
