"""Claims: kind, metric, subject, baseline and setting of each figure, and what is not a claim."""
from __future__ import annotations

import pytest

from claimcheck.api import extract
from claimcheck.ingest.text import parse_text


def claim(text: str, figure: str):
    found = [c for c in extract(text) if c.text == figure]
    assert found, f"no claim {figure!r} in {[c.text for c in extract(text)]}"
    return found[0]


@pytest.mark.parametrize("text, figure, kind, metric, dataset", [
    ("Our model scores 84.63 on VBench-T2V.", "84.63", "score", "", "vbench_t2v"),
    ("It reaches GSM8K 81.2 after tuning.", "81.2", "score", "", "gsm8k"),
    ("HumanEval+ rises to 71.3 with the new decoder.", "71.3", "score", "", "humaneval_plus"),
    ("On MMLU-Pro it gets 55.0 while MMLU is 70.1.", "55.0", "score", "", "mmlu_pro"),
    ("On MMLU-Pro it gets 55.0 while MMLU is 70.1.", "70.1", "score", "", "mmlu"),
    ("Accuracy is 91.2% on the test split.", "91.2%", "percent", "accuracy", ""),
    ("It cuts FID to 7.9.", "7.9", "score", "fid", ""),
    ("A 2.4× end-to-end speedup on one GPU.", "2.4×", "speedup", "speedup:end-to-end", ""),
    ("The attention kernel is 6.1x faster.", "6.1x", "speedup", "speedup:attention", ""),
    ("+3.2 points on BBH over the baseline.", "+3.2 points", "delta", "", "bbh"),
    ("Removing the cache costs 0.8 PDMS.", "0.8", "delta", "pdms", ""),
    ("End-to-end latency is 78.9 s per clip.", "78.9 s", "time", "latency", ""),
    ("Throughput reaches 1,800 tokens/s.", "1,800 tokens/s", "throughput", "throughput", ""),
    ("Peak memory is 24 GB.", "24 GB", "memory", "memory", ""),
    ("A 7B model trained on 2T tokens.", "2T", "scale", "tokens", ""),
    ("It runs at 35% sparsity.", "35%", "setting", "sparsity", ""),
    ("Top-1 accuracy on ImageNet is 84.1%.", "84.1%", "percent", "accuracy", "imagenet"),
    ("WER of 4.1% on LibriSpeech test-other.", "4.1%", "percent", "wer", "librispeech"),
    ("The acceptance rate is 0.71 on average.", "0.71", "score", "acceptance_rate", ""),
    ("Per-token latency falls from 42 ms to 15 ms.", "15 ms", "change", "latency", ""),
    ("Our internal eval went from 81.4 to 81.1.", "81.1", "change", "internal eval", ""),
    ("It wins 58% of comparisons, ties 12% and loses 30%.", "30%", "percent", "loss_rate", ""),
    ("Agreement with human raters is 81.5%.", "81.5%", "percent", "agreement", ""),
    ("It retains 60% of its weights after pruning.", "60%", "setting", "keep_ratio", ""),
    ("The model uses 40% fewer FLOPs than the dense one.", "40%", "delta", "compute", ""),
    ("Geometry3k's test split has 610 problems.", "610", "scale", "problems", ""),
    ("Customers pay $0.12 per audio hour.", "$0.12", "cost", "cost", ""),
    ("Refusal rate on harmful prompts: 97.6%.", "97.6%", "percent", "refusal_rate", "harmful prompts"),
])
def test_kind_metric_and_dataset(text, figure, kind, metric, dataset):
    c = claim(text, figure)
    assert (c.kind, c.metric, c.dataset) == (kind, metric, dataset)


@pytest.mark.parametrize("text, figure, reason", [
    ("Masks with IoU ≥ 85% are reused.", "≥ 85%", "setting"),
    ("A 4-step sampler.", "4", "setting (steps)"),
    ("Measured on 8× H100 with batch size 64.", "8×", "setting (gpus)"),
    ("FID 11.8 on ImageNet 256, lower than before.", "256", "setting (resolution)"),
    ("We train with a learning rate of 3e-4.", "3e-4", "hyperparameter"),
    ("Released on 2026-10-02 as v2.3.", "2026-10-02", "date"),
    # a negative whole number after a word is a level or option as a command line writes it
    ("At level -1 it compresses 5.4x faster.", "-1", "setting"),
    ("gzip -9 takes 12 s on the corpus.", "-9", "setting"),
    # a short variable or snake_case name set with '=' is a parameter's value
    ("With g = 32 the decay-phase loss is lowest.", "32", "setting"),
    ("The loss is lowest at g = 64 as well.", "64", "setting"),
])
def test_configuration_numbers_are_non_claims_with_a_reason(text, figure, reason):
    from claimcheck.api import load
    from claimcheck.extract.claims import read_numbers
    reading = read_numbers(load(text))
    assert not any(c.text == figure for c in reading.claims)
    assert any(o.text == figure and o.reason == reason for o in reading.others), reading.others


@pytest.mark.parametrize("text, figure", [
    ("The effect is significant, t = 3 across the 40 participants.", "3"),
    ("EM = 45 on SQuAD for the base model.", "45"),
])
def test_a_statistic_or_a_known_metric_set_with_equals_stays_a_result(text, figure):
    assert claim(text, figure).kind != "setting"


@pytest.mark.parametrize("text, figure", [
    ("Accuracy changed by -2 points after pruning.", "-2 points"),
    ("Recall on the hard split is -3 relative to the dense baseline.", "-3"),
])
def test_a_negative_figure_after_a_verb_or_preposition_stays_a_change(text, figure):
    assert claim(text, figure).kind == "delta"


@pytest.mark.parametrize("metric, lower", [("FID 7.9", True), ("perplexity 9.1", True), ("WER 4.2", True),
                                           ("error rate 3.1", True), ("loss 0.42", True), ("accuracy 91.2", False)])
def test_lower_is_better_comes_from_the_lexicon(metric, lower):
    text = f"The model reaches {metric} on the held-out set."
    assert claim(text, metric.split()[-1]).lower_is_better is lower


def test_baselines_are_attributed_to_the_compared_method():
    text = "## Zephyr: a planner\nZephyr reaches EPDMS 88.1, surpassing RouteNet (86.2) by 1.9 points, and beats the field (DriveX 85.0)."
    claims = {c.text: c for c in extract(text)}
    assert claims["88.1"].subject == "Zephyr" and claims["88.1"].role == ""
    assert (claims["86.2"].subject, claims["86.2"].role, claims["86.2"].metric) == ("RouteNet", "baseline", "epdms")
    assert claims["85.0"].subject == "DriveX"
    assert claims["1.9 points"].kind == "delta"


def test_from_to_marks_a_stated_change():
    c = extract("With caching, the end-to-end speedup goes from 2.1× to 2.8×.")
    roles = {x.text: x.role for x in c}
    assert roles == {"2.1×": "from", "2.8×": "to"}
    assert "condition:after a stated change" in next(x for x in c if x.text == "2.8×").setting


@pytest.mark.parametrize("text, start, end", [
    # each end in parentheses after the name it belongs to
    ("Moving from the small 7B (ChartQA 31.1) to Wren-7B v2 (43.9) is a big jump on ChartQA.", "31.1", "43.9"),
    # a setting with a number between the start and 'to'
    ("Throughput climbs from 476 QPS at batch 1 to 1,970 QPS at batch 16.", "476 QPS", "1,970 QPS"),
])
def test_the_ends_of_a_change_written_around_names_and_settings(text, start, end):
    roles = {x.text: x.role for x in extract(text)}
    assert roles.get(start) == "from" and roles.get(end) == "to"


@pytest.mark.parametrize("text, figure, kind", [
    ("On Enduro the agent scores -4.6 against the random policy's 0.0.", "-4.6", "score"),
    ("On Skiing the tuned agent averages -29.7 across five seeds.", "-29.7", "score"),
    ("Its score rises by -0.5 after the patch, a regression.", "-0.5", "delta"),
])
def test_a_negative_figure_a_state_verb_states_is_a_value_below_zero(text, figure, kind):
    assert claim(text, figure).kind == kind


def test_subjects_come_from_headings_tables_and_mentions():
    text = ("| # | Paper | Key result |\n|---|---|---|\n| 1 | Kestrel (vision) | COCO mAP 55.1 |\n\n"
            "## 2. Heron: a text model\nHeron scores 70.2 on MMLU. Unlike Kestrel at 55.1 mAP, it is small.\n")
    claims = extract(text)
    table = next(c for c in claims if c.line == 3)
    assert table.subject == "Kestrel" and table.metric == "map"
    body = next(c for c in claims if c.text == "70.2")
    assert body.subject == "Heron" and body.dataset == "mmlu"


def test_settings_tell_variants_apart():
    text = "## Ibis\nStyle removal reaches UA 91.0%; object removal reaches UA 84.0%. A 5-shot MMLU of 66.1 on an H100."
    claims = {c.text: c for c in extract(text)}
    assert "task:style removal" in claims["91.0%"].setting and "task:object removal" in claims["84.0%"].setting
    assert {"shots:5-shot", "hardware:h100"} <= claims["66.1"].setting


def test_settings_filters_never_change_what_is_found(shared):
    """Each settings regex is tried only on text holding one of its 'needs'; on real prose that
    filter must find exactly what running every regex finds."""
    from claimcheck.extract.vocabulary import settings_spans, typed_settings
    entries, _, _ = typed_settings()
    paths = sorted((shared / "corpus").glob("*/*.md")) + sorted((shared / "corpus").glob("*/*.txt")) + \
        sorted((shared / "dev").glob("*.md"))
    sentences = [s for p in paths for s in p.read_text(encoding="utf-8", errors="replace").split("\n") if s.strip()]
    assert len(sentences) > 500
    for sentence in sentences:
        every = [(m.start(), m.end(), kind) for kind, pattern, _, _ in entries for m in pattern.finditer(sentence)]
        assert settings_spans(sentence) == every, sentence


@pytest.mark.parametrize("text", [
    "We train with a learning rate of 3e-4 and batch size 256.",
    "The optimiser uses β = 0.9 and weight decay 0.1.",
    "A refresh step every 8 layers keeps the masks fresh.",
    "Sampling uses temperature 0.7 and top-p 0.95.",
    "Warmup 2000 steps, then cosine decay.",
    "Submitted June 24, 2026; accepted at ICML 2026.",
    "arXiv: 2606.25473 · Code: github.com/org/repo",
    "Built on Wan2.1-1.3B and Qwen2.5 7B with a ResNet-34 backbone and FlashAttention-2.",
    "The kernel is described in prior work [12] and Table 3.",
    "1. Introduction",
    "Run `train.py --lr 0.5 --epochs 3` first.",
    "```\npython train.py --lr 0.5 --epochs 3 --eval-every 573\n```",  # a command in a block (its output is read)
    '<img src="logo.png" width="28"/> <!-- 42 -->',
])
def test_not_claims(text):
    assert extract(text) == [], [(c.text, c.kind) for c in extract(text)]


def test_lines_and_columns_are_one_based_and_exact():
    text = "First line.\n| a | b |\n|---|---|\n| Kite | 71.4 mAP |\nKite scores 71.4 mAP on COCO."
    document = parse_text(text)
    claims = extract(document)
    for c in claims:
        line = document.line_text(c.line)
        assert line[c.column - 1:c.column - 1 + len(c.text)] == c.text
    assert [c.line for c in claims] == [4, 5]


def test_markdown_table_cells_know_their_headers():
    document = parse_text("| Method | FID | Steps |\n|---|---:|---|\n| Alpha | 7.9 | 4 |\n| Beta \\| v2 | 8.4 | 8 |\n")
    cells = {(c.row, c.column): c for c in document.cells}
    assert (cells[1, 1].text, cells[1, 1].row_header, cells[1, 1].column_header) == ("7.9", "Alpha", "FID")
    assert cells[2, 0].text == "Beta \\| v2" and cells[2, 1].row_header == "Beta \\| v2"


def test_table_cells_take_metric_and_setting_from_the_column_header():
    text = ("| Model | MMLU (5-shot) | GSM8K | FID |\n|---|---|---|---|\n| Finch-7B | 64.2 | 81.0 | 7.9 |\n\n"
            "Finch-7B scores 64.2 on MMLU 5-shot and 81.9 on GSM8K.\n")
    claims = [(c.line, c.text, c.metric or c.dataset, c.subject, tuple(sorted(c.setting)))
              for c in extract(text) if c.kind == "score"]
    assert (3, "64.2", "mmlu", "Finch-7B", ("shots:5-shot",)) in claims
    assert (3, "7.9", "fid", "Finch-7B", ()) in claims
    # a setting named after one figure does not leak to the next one in the sentence
    assert (5, "81.9", "gsm8k", "Finch-7B", ()) in claims


def test_table_and_prose_disagreeing_is_found():
    from claimcheck.api import check
    text = ("| Model | MMLU (5-shot) | GSM8K |\n|---|---|---|\n| Finch-7B | 64.2 | 81.0 |\n\n"
            "Finch-7B scores 64.2 on MMLU 5-shot and 81.9 on GSM8K.\n")
    (finding,) = check(text).finding_list
    assert finding.rule == "CC105" and finding.claim.text == "81.9" and finding.evidence[0].line == 3


def _extract_time(text: str) -> float:
    """CPU seconds per extraction, over at least a second of runs (tests/timing.py)."""
    from timing import per_call
    return per_call(lambda: extract(parse_text(text, "long.txt")))


@pytest.mark.parametrize("item", ["1. ", "1 ", "5% ", "2x ", "| 1 ", "1,2,3 ", "A 1.0 vs B 2.0, ",
                                  "2x faster than Ray, ", "from 3 ms to 2 ms, "])
def test_extraction_time_grows_linearly_with_a_line_of_list_like_figures(item):
    """One line of thousands of list-like figures (a CI gate is fed whatever a pull request
    holds): four times the line must take far less than sixteen times as long."""
    small, large = item * 500, item * 2000
    assert _extract_time(large) < 8 * _extract_time(small)


@pytest.mark.parametrize("joiner", [", ", " and ", " | "])
def test_extraction_time_grows_linearly_with_figures_in_one_clause(joiner):
    """A PDF table run into one unbroken line puts hundreds of figures in one clause; looking at
    every figure of the clause for each figure made that quadratic. Four times the figures must
    take far less than sixteen times as long."""
    def clause(count: int) -> str:
        return "Results on Split-A at 4 GPUs: " + joiner.join(
            f"Model{k % 7} {50 + k % 40}.{k % 10} F1" for k in range(count)) + "."
    small, large = clause(150), clause(600)
    assert len(extract(parse_text(large, "long.txt"))) >= 300  # the figures are read as claims
    assert _extract_time(large) < 8 * _extract_time(small)


def test_a_setting_before_other_figures_is_not_the_end_of_a_later_change():
    """'on 4 nodes at batch 128, down from 9.8 s': the change is the latency's; the node count
    stays a setting. A setting the change follows directly is the change's end."""
    claims = extract(parse_text("Prefill takes 6.1 s on 4 nodes at batch 128, down from 9.8 s.\n"
                                "Sharding now spans 16 GPUs, up from 8 GPUs.\n", "notes.md"))
    texts = {c.text: c for c in claims}
    assert "4" not in texts and "128" not in texts
    assert texts["6.1 s"].role == "to" and texts["9.8 s"].role == "from"
    assert "batch:128" in texts["6.1 s"].setting
    assert texts["16"].role == "to"


def test_hidden_markdown_comments_are_markup_not_claims():
    """'[//]: # (...)' is never rendered: a draft sentence kept there is not a claim, and cannot
    contradict the text around it."""
    from claimcheck.extract.claims import read_numbers
    text = ("Kite decodes 2.8x faster than plain decoding.\n"
            "[//]: # (Kite decodes 3.5x faster than plain decoding on 2 GPUs.)\n"
            "[comment]: # (old figure 41.2)\n")
    reading = read_numbers(parse_text(text, "notes.md"))
    assert [c.text for c in reading.claims] == ["2.8x"]
    assert len(reading.others) >= 3 and {n.reason for n in reading.others} == {"code or markup"}


def test_nested_list_items_belong_to_the_system_their_parent_introduces():
    """'- Osprey-2 is:' over indented items: each item's figure is Osprey-2's, not the document's
    main method's; an item under a parent without a colon keeps the usual reading."""
    text = ("# Osprey-3\n\n"
            "Osprey-3 drafts tokens in parallel.\n\n"
            "- Osprey-1 is:\n"
            "\t- **2.5x** faster than greedy decoding.\n"
            "- Osprey-2 achieves:\n"
            "  - **3.1x** faster than greedy decoding.\n"
            "  - **1.3x** faster than Osprey-1.\n"
            "- Osprey-3 highlights\n"
            "  - **4.2x** faster than greedy decoding.\n")
    subjects = {c.text: c.subject for c in extract(parse_text(text, "README.md")) if c.kind == "speedup"}
    assert subjects == {"2.5x": "Osprey-1", "3.1x": "Osprey-2", "1.3x": "Osprey-2", "4.2x": "Osprey-3"}


def _frames(text: str) -> dict[str, tuple[str, str, frozenset[str]]]:
    return {c.text: (c.subject, c.dataset, c.setting) for c in extract(parse_text(text, "README.md"))}


def test_table_headers_keep_what_they_add_to_a_benchmark():
    """'AIME 2024' and 'AIME 2025', 'X' and 'X mini', 'Bench (Retail)' and 'Bench (Airline)',
    'BIRD (Dev)': one benchmark in several columns is told apart by edition, subset or split."""
    text = ("| Model | AIME 2024 | AIME25 | [SWE-bench Verified](https://e.org/a) | SWE-bench Verified mini "
            "| ShopBench (Retail) | ShopBench (Airline) | SQLSet (Dev) | MMLU (EM) |\n"
            "|---|---|---|---|---|---|---|---|---|\n"
            "| Heron-9B | 61.5 | 55.0 | 31.2 | 35.8 | 64.0 | 41.5 | 70.3 | 77.7 |\n")
    frames = _frames(text)
    assert "edition:2024" in frames["61.5"][2] and "edition:2025" in frames["55.0"][2]
    assert frames["61.5"][1] == frames["55.0"][1] == "aime"
    assert "subset:mini" in frames["35.8"][2] and not any(s.startswith("subset:") for s in frames["31.2"][2])
    assert frames["31.2"][1] == frames["35.8"][1] == "swe_bench"
    assert "subset:retail" in frames["64.0"][2] and "subset:airline" in frames["41.5"][2]
    assert frames["64.0"][1] == "ShopBench"
    assert "split:dev" in frames["70.3"][2] and frames["70.3"][1] == "SQLSet"
    em = [c for c in extract(parse_text(text, "README.md")) if c.text == "77.7"][0]
    assert em.metric == "exact_match" and not any(s.startswith("subset:") for s in em.setting)


def test_a_second_label_column_tells_rows_of_one_model_apart():
    """'| Model | Framework | ...': three rows of one model under three agent frameworks are
    three settings, not one figure stated three ways; a column of commands names nothing and a
    column of identical links is no setting."""
    text = ("| Model | Framework | Resolved (%) |\n|---|---|---|\n"
            "| Heron-32B | Tern<sup>[1]</sup> | 33.8 |\n"
            "| Heron-32B | Skua<sup>[2]</sup> | 30.7 |\n"
            "| Heron-32B | Auk | 27.2 |\n\n"
            "| Size | Run | Weights |\n|---|---|---|\n"
            "| 7B | `python -m heron.chat --model org/heron-7b` | [org/heron-7b](https://h.co/org/heron-7b) |\n"
            "| 13B | `python -m heron.chat --model org/heron-13b` | [org/heron-13b](https://h.co/org/heron-13b) |\n")
    frames = _frames(text)
    assert {frames[t][0] for t in ("33.8", "30.7", "27.2")} == {"Heron-32B"}
    assert [sorted(s for s in frames[t][2] if s.startswith("framework:")) for t in ("33.8", "30.7", "27.2")] == \
        [["framework:tern"], ["framework:skua"], ["framework:auk"]]
    assert "python" not in frames["7B"][0] and "heron-7b" in frames["7B"][0]
    from claimcheck.api import check
    assert not [f for f in check(parse_text(text, "README.md")).finding_list if f.rule == "CC105"]


def test_digits_of_a_device_name_are_not_figures():
    """'RTX 4090' names a GPU: its digits are a name, and the figure measured on it keeps it as
    its hardware."""
    from claimcheck.extract.claims import read_numbers
    reading = read_numbers(parse_text("Supported GPUs: A100, RTX 3090 and H100.\n\n"
                                      "On an RTX 4090, Kite decodes 41.2 tokens/s.\n", "gpus.md"))
    assert [c.text for c in reading.claims] == ["41.2 tokens/s"]
    assert "hardware:rtx4090" in reading.claims[0].setting | reading.claims[0].context
    names = {n.text for n in reading.others if n.reason == "name"}
    assert {"3090", "4090"} <= names


def test_a_grid_of_bare_integers_in_text_is_not_figures():
    """A matrix drawn in a README ('1 0 0 0' per line) holds no claims."""
    from claimcheck.extract.claims import read_numbers
    reading = read_numbers(parse_text("The causal mask is:\n    1 0 0 0\n    1 1 0 0\n\n"
                                      "Kite reaches 71.4 on MMLU.\n", "mask.md"))
    assert [c.text for c in reading.claims] == ["71.4"]
    assert sum(n.reason == "number grid" for n in reading.others) == 8


def test_a_latin_name_ends_where_an_unspaced_script_begins():
    # 'Orbit在MMLU上的准确率比Zephyr高' holds three names, not one run of word characters
    from claimcheck.extract.candidates import names_in
    assert names_in("Orbit在MMLU上的准确率比Zephyr高4.2%。") == ["Orbit", "MMLU", "Zephyr"]
    assert names_in("基于Llama 2 7B模型，Qwen2.5-72B更强") == ["Llama 2 7B", "Qwen2.5-72B"]


def test_a_figure_in_chinese_prose_is_a_claim():
    # before, the character before '71.2' made it part of a name, so the sentence had no figure
    claims = extract(parse_text("## 实验结果\n\n在MMLU上，Orbit的准确率达到71.2%。\n"))
    assert [c.quantity.text for c in claims] == ["71.2%"]


@pytest.mark.parametrize("text, figure, baseline", [
    ("Quill has a 97% win-rate vs Wren on the arena.", "97%", "Wren"),
    ("Judges give Quill a 61% preference rate against Heron.", "61%", "Heron"),
])
def test_a_pairwise_measure_names_its_opponent_after_it(text, figure, baseline):
    assert claim(text, figure).baseline == baseline


@pytest.mark.parametrize("text, figure, dataset", [
    ("Its ChartQA-Pro score of 61.3 leads the open models.", "61.3", "chartqa-pro"),
    ("On the new suite, the DocVQAx accuracy is 88.2.", "88.2", "docvqax"),
])
def test_a_name_right_before_a_plain_measure_noun_is_the_figures_benchmark(text, figure, dataset):
    claims = {c.text: c for c in extract(parse_text(f"# Notes\n\n{text}\n", "notes.md"))}
    assert claims[figure].dataset == dataset


def test_a_determiner_or_a_plain_capitalised_word_before_score_is_no_benchmark():
    claims = extract(parse_text("# Notes\n\nThe Final score of 61.3 was posted.\n", "notes.md"))
    assert all(c.dataset != "final" for c in claims)


@pytest.mark.parametrize("text, figure, subject", [
    ("Wrenfield, the usual yardstick, lands at 71.42 on MMLU.", "71.42", "Wrenfield"),
    ("Kestrel-2, a distilled model, reaches 63.7 on GSM8K.", "63.7", "Kestrel-2"),
    ("Kestrel-2 (distilled) reaches 63.7 on GSM8K.", "63.7", "Kestrel-2"),
])
def test_a_name_then_an_appositive_then_its_verb_owns_the_figure(text, figure, subject):
    # a phrase set off by commas between a name and its verb describes the name: the verb is its
    assert claim(text, figure).subject == subject


def test_a_comma_phrase_without_a_determiner_is_no_appositive():
    # 'On MMLU, Heron scores': the name after the comma is the actor, the lead phrase is a setting
    assert claim("On GSM8K, Kestrel-2 reaches 63.7.", "63.7").subject == "Kestrel-2"
