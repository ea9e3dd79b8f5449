"""Readings found wanting on held-out digests written outside the team, each restated here in
new words: the structure behind the miss, not the sentence."""
from __future__ import annotations

from claimcheck.api import check
from claimcheck.extract.claims import read_numbers
from claimcheck.ingest.text import parse_text


def claims_of(text: str) -> dict[str, object]:
    return {c.text: c for c in read_numbers(parse_text(text, "post.md")).claims}


def flags(text: str) -> list[tuple[str, str]]:
    return [(f.rule, f.claim.text) for f in check(text).finding_list if f.severity != "info"]


def test_a_pronoun_after_a_leading_place_phrase_is_the_sections_method():
    text = ("## Kestrel-2B\n\nOn our in-house ReefBench suite it scores 49.6, well ahead of Gull-3B at 44.8, "
            "a {margin}-point margin.\n")
    claims = claims_of(text.format(margin="4.8"))
    assert claims["49.6"].subject == "Kestrel-2B" and claims["44.8"].subject == "Gull-3B"
    assert flags(text.format(margin="4.8")) == []
    assert ("CC101", "3.9-point") in flags(text.format(margin="3.9"))


def test_a_verb_before_a_figure_names_no_metric():
    claims = claims_of("## Kestrel-2B\n\nKestrel-2B is best on all three suites, including 61.2 on HumanEval.\n")
    assert claims["61.2"].metric == "" and claims["61.2"].dataset == "humaneval"


def test_a_heading_around_a_name_is_about_that_name():
    text = ("# Meet Kestrel-2B\n\nToday we ship Kestrel-2B: 58.0 on MMLU and 77.3 on GSM8K.\n\n"
            "| Model | MMLU | GSM8K |\n|---|---|---|\n| Gull-3B | 55.1 | 71.0 |\n| **Kestrel-2B** | **58.0** | **76.3** |\n")
    assert claims_of(text)["77.3"].subject == "Kestrel-2B"
    assert ("CC105", "77.3") in flags(text) or ("CC105", "76.3") in flags(text)


def test_an_added_count_of_parts_is_a_count_not_a_margin():
    claims = claims_of("Sparrow adds 6 memory slots to a 3B model and lifts recall from 40.2 to 52.0.\n")
    assert claims["6"].kind == "scale"


def test_a_number_word_for_the_compared_set_is_not_a_score():
    reading = read_numbers(parse_text("Gull wins 3 of 5 suites, which makes it the better of the two.\n", "p.md"))
    assert "two" not in {c.text for c in reading.claims}
    assert any(n.text == "two" and n.status == "non-claim" for n in reading.others)


def test_a_figure_for_a_described_system_is_its_baseline():
    text = ("On MBPP Sparrow reaches 61.0 pass@1 vs 57.5 for a dense model of the same size, "
            "a {margin}-point lead.\n")
    claims = claims_of(text.format(margin="3.5"))
    assert claims["61.0"].subject == "Sparrow" and claims["57.5"].role == "baseline"
    assert flags(text.format(margin="3.5")) == []
    assert ("CC101", "4.5-point") in flags(text.format(margin="4.5"))


def test_leading_a_system_by_a_margin_names_the_baseline():
    claims = claims_of("Sparrow tops the board, leading Gull-3B by 2.2 points.\n")
    assert claims["2.2 points"].baseline == "Gull-3B"


def test_a_third_system_in_a_trailing_clause_is_not_an_operand():
    text = ("| Agent | Cost ($) |\n|---|---|\n| Gull | 0.60 |\n| Sparrow | 0.20 |\n| Wren | 0.08 |\n\n"
            "At $0.20 a run, Sparrow is 3× cheaper than Gull, although Wren is the cheapest at $0.08.\n")
    assert claims_of(text)["$0.08"].subject == "Wren"
    assert flags(text) == []  # 0.60 / 0.20 = 3, and Wren's $0.08 is no operand of it


def test_a_percent_that_disagrees_with_a_confirmed_multiple_is_the_slip():
    text = ("| Agent | Cost ($) |\n|---|---|\n| Gull | 0.60 |\n| Sparrow | 0.20 |\n\n"
            "Sparrow is 3× cheaper than Gull, a 50% saving.\n")
    found = flags(text)
    assert ("CC110", "50%") in found and ("CC110", "3×") not in found


def test_a_relative_overhead_is_a_change_not_a_score():
    claims = claims_of("Decoding takes 41.0 ms per token vs 37.6 ms for the dense model, a 9% latency overhead.\n")
    assert claims["9%"].kind == "delta"
    text = ("Sparrow averages 66.0 vs 63.1 for LoRA.\n\nMy take: a 2.9-point gain is solid, but the 9% latency "
            "overhead matters, and full fine-tuning (67.0) is the ceiling.\n")
    assert not [f for f in flags(text) if f[0] == "CC101"]  # no margin between an overhead and a score


def test_the_gain_is_largest_ranks_gains_not_scores():
    text = ("Sparrow averages 66.0 on the mix. The gain is largest on coding: HumanEval goes from 40.1 to 47.9 "
            "(+7.8), against +2.0 on MMLU.\n")
    assert not [f for f in flags(text) if f[0] == "CC109"]


def test_counts_of_devices_are_settings_and_a_plain_heading_is_no_method():
    reading = read_numbers(parse_text("## Takeaways\n\nMoving from 32 A100s to 24 H100s was easy. Next we try "
                                      "KV-cache compression on a 2-GPU canary.\n", "blog.md"))
    others = {n.text: n.reason for n in reading.others}
    assert others.get("32", "").startswith("setting") and others.get("2", "") == "setting"
    assert all(c.subject != "Takeaways" for c in reading.claims)
    assert "2" not in {c.text for c in reading.claims}


def test_the_two_sides_of_a_pair_share_metric_and_benchmark():
    text = "On the noisy FieldCalls set Sparrow even beats its teacher, {a}% vs {b}% WER.\n"
    claims = claims_of(text.format(a="9.8", b="10.4"))
    assert claims["9.8%"].metric == claims["10.4%"].metric == "wer"
    assert claims["9.8%"].dataset == claims["10.4%"].dataset
    assert flags(text.format(a="9.8", b="10.4")) == []
    assert ("CC104", "10.9%") in flags(text.format(a="10.9", b="10.4")) or \
        any(rule == "CC104" for rule, _ in flags(text.format(a="10.9", b="10.4")))


def test_a_split_without_its_benchmark_is_not_another_benchmarks_figure():
    text = ("## Sparrow\n\nOn test-other Sparrow's WER is 6.0%. On the FieldCalls set it reaches 9.8% WER, "
            "ahead of its teacher's 10.4%.\n")
    assert not [f for f in flags(text) if f[0] == "CC105"]


def test_a_relative_difference_is_checked_against_the_pair_after_it():
    text = "In INT8 the model needs {p}% less peak memory than in FP16 (10.2 GB vs 17.0 GB).\n"
    assert not [f for f in flags(text.format(p="40")) if f[0] == "CC103"]  # (17.0 - 10.2) / 17.0 = 40%
    assert ("CC103", "67%") in flags(text.format(p="67"))  # 6.8 / 10.2: the wrong base


def test_a_superlative_with_a_pronoun_subject_crowns_the_figure_it_states():
    text = ("| Benchmark | Sparrow-3B | Gull-3B | Wren-4B |\n|---|---|---|---|\n| ARC-C | 61.0 | 58.2 | {w} |\n"
            "| MBPP | 44.1 | 40.3 | 42.0 |\n\nSparrow-3B beats Gull-3B on both suites.\n"
            "It also posts the best ARC-C score of the three models, at 61.0.\n")
    assert ("CC109", "61.0") in flags(text.format(w="63.5"))
    assert not [f for f in flags(text.format(w="59.9")) if f[0] == "CC109"]


def test_a_readme_titled_with_its_lower_case_project_is_about_it():
    text = ("# kitefetch\n\nFast retrieval.\n\n| System | Recall@10 | nDCG@10 |\n|---|---|---|\n"
            "| BM25 | 0.391 | 0.228 |\n| ColBERTv2 | 0.683 | 0.397 |\n| kitefetch 0.2.1 | 0.671 | 0.402 |\n\n"
            "## Highlights\n\n- Within {m} points of ColBERTv2 on recall@10.\n")
    claims = claims_of(text.format(m="1.2"))
    assert claims["1.2 points"].subject == "kitefetch" and claims["1.2 points"].baseline == "ColBERTv2"
    assert flags(text.format(m="1.2")) == []
    assert ("CC101", "0.8 points") in flags(text.format(m="0.8"))


def test_symbol_bulleted_lines_are_items_led_by_the_name_after_a_dash():
    text = ("🗞️ Three papers this week\n\n"
            "🔹 Paper: GlideKV — 2.1× faster decoding than vLLM at 16K context on an L40S\n"
            "🔹 Paper: TinyTab — 81.0% on WikiTQ, beating a 3B baseline (78.5%) by 2.5 pts\n")
    claims = claims_of(text)
    assert claims["2.1×"].subject == "GlideKV" and "context:16k" not in claims["81.0%"].setting | claims["81.0%"].context
    assert claims["81.0%"].subject == "TinyTab"


def test_a_multiple_of_a_count_or_a_cost_never_pairs_two_scores():
    assert flags("TinyTab scores 81.0% vs 78.5% for the baseline with 3.2× fewer params.\n") == []
    assert not [f for f in flags("DataLite is 1.6× cheaper to train and nearly matches it on MMLU (63.1 vs 63.4).\n")
                if f[0] == "CC102"]


def test_a_percent_cut_named_by_its_noun_converts_to_its_multiple():
    text = "DataLite trains on 30% of the tokens, a 70% compute cut ({m}× cheaper).\n"
    assert ("CC110", "2×") in flags(text.format(m="2"))
    assert not [f for f in flags(text.format(m="3.3")) if f[0] == "CC110"]


def test_a_figure_a_change_moves_to_is_an_after_state():
    text = ("| Engine | p50 latency (ms) |\n|---|---|\n| Kite | 21.4 |\n\n"
            "With a single request in flight, Kite's latency drops to 14.8 ms.\n")
    assert claims_of(text)["14.8 ms"].role == "to"
    assert not [f for f in flags(text) if f[0] == "CC105"]


def test_edging_out_a_rival_is_a_quality_comparison():
    assert ("CC104", "20.2 ms") in flags("Kite still edges out Ray on latency, 21.4 vs 20.2 ms.\n")
    assert flags("Kite still edges out Ray on latency, 19.9 vs 20.2 ms.\n") == []


def test_a_percent_ahead_of_a_rival_is_a_relative_margin():
    text = ("| Model | MMLU |\n|---|---|\n| Orca-9B | 70.4 |\n| Tern-7B | 62.0 |\n\n"
            "Orca-9B leads MMLU at 70.4, {p}% ahead of Tern.\n")
    assert ("CC103", "8.4%") in flags(text.format(p="8.4"))  # 8.4 points is 13.5% relative
    assert not [f for f in flags(text.format(p="13.5")) if f[0] == "CC103"]


def test_a_superlative_over_the_n_looks_past_nearby_lines_to_the_table():
    text = ("| Model | HumanEval | GSM8K |\n|---|---|---|\n| Orca-9B | 54.3 | 74.1 |\n| Tern-7B | 57.9 | 69.5 |\n"
            "| Gull-8B | 61.0 | 78.4 |\n\n- Gull-8B wins GSM8K (78.4).\n"
            "- Tern-7B is the weakest coder of the three with 57.9 on HumanEval.\n")
    assert ("CC109", "57.9") in flags(text)


def test_a_table_reference_is_not_a_system():
    reading = read_numbers(parse_text("Table 2 shows the ablations. Without sink tokens, LongBench drops by "
                                      "3.1 points.\n", "paper.md"))
    assert all(c.subject != "Table 2" for c in reading.claims)


def test_a_percent_stated_after_its_change_is_tied_by_the_hardware_both_name():
    text = ("- Decode throughput on A100: 90 → 153 tokens/s; on L4: 40 → 61 tokens/s.\n"
            "- That makes decoding {p}% faster on A100.\n")
    assert ("CC103", "170%") in flags(text.format(p="170"))  # 153 / 90 = 1.7×, i.e. 70% faster
    assert not [f for f in flags(text.format(p="70")) if f[0] == "CC103"]


def test_a_table_row_name_written_in_lower_case_owns_its_figure():
    text = ("| Method | RULER |\n|---|---|\n| Dense | 84.1 |\n| Thrift (ours) | 82.6 |\n\n"
            "- At 64K context: 88.0 RULER for Thrift vs 89.2 for dense.\n")
    claims = claims_of(text)
    assert claims["89.2"].subject.casefold() == "dense" and claims["89.2"].role == "baseline"


def test_a_quantised_checkpoint_or_another_context_is_another_variant():
    text = ("| Model | DocVQA | RULER |\n|---|---|---|\n| Corvid-8B | 91.2 | 82.6 |\n\n"
            "The AWQ 4-bit checkpoint of Corvid-8B scores 90.6 on DocVQA. At 64K context Corvid-8B reaches 88.0 RULER.\n")
    assert not [f for f in flags(text) if f[0] == "CC105"]
    assert ("CC105", "90.6") in flags(text.replace("The AWQ 4-bit checkpoint of Corvid-8B", "Corvid-8B"))


def test_a_share_of_another_whole_is_not_one_of_the_parts():
    text = "Across 2,000 battles Kite won 48% of the time, lost 39% and tied 13%; excluding ties, that is a 55% win rate.\n"
    assert not [f for f in flags(text) if f[0] == "CC108"]
    assert any(f[0] == "CC108" for f in flags(text.replace("tied 13%", "tied 16%")))


def test_a_price_per_unit_is_no_end_of_a_change_in_a_total():
    assert flags("Spend was $172,300 at the blended $2.40/GPU-hour, up 8.4% from $158,900 a week earlier.\n") == []


def test_a_multiple_after_a_figure_is_a_multiple_of_that_measure():
    text = "Tessel uses 6B of its 47B parameters per token, and it is the fastest at 141 tokens/s, 2.7× Halcyon.\n"
    assert not [f for f in flags(text) if f[0] == "CC102"]


def test_a_change_cell_is_checked_against_the_two_figures_of_its_row():
    text = ("| Metric | Control | Treatment | Δ |\n|---|---|---|---|\n"
            "| p99 latency | 112 ms | 131 ms | +19 ms (+{p}%) |\n| CTR | 3.42% | 3.71% | +0.29 pp (+8.5%) |\n")
    assert ("CC103", "+14.5%") in flags(text.format(p="14.5"))  # 19 / 131: the wrong base
    assert flags(text.format(p="17.0")) == []


def test_a_bold_claim_leading_an_item_is_not_a_name():
    text = ("| Model | MathVista |\n|---|---|\n| Corvid-8B | 61.5 |\n| Corvid-7B | 54.0 |\n\n"
            "Corvid-8B is our new model.\n\n- **MathVista: +{m} points** over Corvid-7B\n")
    assert claims_of(text.format(m="7.5"))["+7.5 points"].subject == "Corvid-8B"
    assert ("CC101", "+8.5 points") in flags(text.format(m="8.5"))
    assert flags(text.format(m="7.5")) == []


def test_a_described_baseline_is_the_table_row_it_describes():
    text = ("Table 2 reports accuracy (%) and validation perplexity.\n\n| Model | HellaSwag | Val. PPL |\n|---|---|---|\n"
            "| Dense | 52.4 | 12.84 |\n| MoE-8x | 55.1 | 11.92 |\n| SparseMoR | 56.3 | 11.47 |\n\n"
            "SparseMoR improves HellaSwag by 3.9 points over the dense model and by {m} points over the MoE model.\n")
    claims = claims_of(text.format(m="1.2"))
    assert claims["52.4"].metric == ""  # the caption names two metrics: neither is the cell's
    assert claims["1.2 points"].baseline == "MoE-8x"
    assert flags(text.format(m="1.2")) == []
    assert ("CC101", "1.6 points") in flags(text.format(m="1.6"))


def test_faster_than_with_figures_follows_the_measure():
    assert ("CC104", "44.9 tok/s") in flags("Thrift also decodes faster than Ray (39.6 vs 44.9 tok/s).\n")
    assert flags("Thrift also decodes faster than Ray (52.1 vs 44.9 tok/s).\n") == []
    assert flags("Thrift answers faster than Ray, 210 ms vs 340 ms.\n") == []
    assert ("CC104", "340 ms") in flags("Thrift answers faster than Ray, 410 ms vs 340 ms.\n")


def test_a_that_is_sentence_sizes_the_pair_before_it():
    text = "Price: $0.60 per 1M output tokens vs $0.90. That's {p}% cheaper.\n"
    assert ("CC103", "50%") in flags(text.format(p="50"))
    assert flags(text.format(p="33")) == []


def test_a_scaled_start_of_a_change_takes_the_end_unit():
    text = "Without the cache, throughput falls from 412K to 361K tokens/s, a {p}% drop.\n"
    assert ("CC103", "14%") in flags(text.format(p="14"))
    assert flags(text.format(p="12.4")) == []


def test_a_change_start_may_carry_words_before_its_to():
    claims = claims_of("Daily volume went from 700M tokens in January to 2.1B in March.\n")
    assert claims["700M"].role == "from" and claims["2.1B"].role == "to"


def test_a_sentence_may_open_with_a_name_in_camel_case():
    # 'iLLaDA', 'vLLM', 'mT5' start sentences in lower case: the sentence before is not theirs
    claims = claims_of("# Notes\n\nHawk was the first try. eSwift (Enhanced Swift) grows it to 9 billion parameters.\n")
    assert claims["9 billion"].subject == "eSwift"


def test_a_metric_of_a_named_system_linked_to_its_figure_is_that_systems():
    claims = claims_of("# Serving notes\n\nThe p99 latency of Pylon on the search workload is now 83 ms.\n")
    assert claims["83 ms"].subject == "Pylon"
    claims = claims_of("# Serving notes\n\nThroughput for Quarry stands at 1,450 requests/s.\n")
    assert claims["1,450 requests/s"].subject == "Quarry"


def test_a_name_and_a_colon_opening_a_sentence_own_its_figure():
    claims = claims_of("# Roundup\n\nBramble-3B: 47.5 on ARC-Challenge. Nettle-3B: 44.0 on ARC-Challenge.\n")
    assert claims["47.5"].subject == "Bramble-3B" and claims["44.0"].subject == "Nettle-3B"
    # a plain word before a colon is a label, not a system
    assert claims_of("# Roundup\n\nOutages: 4 per week, down from 9.\n")["4"].subject != "Outages"


def test_a_dotted_version_between_a_name_and_a_capitalised_word_or_size_is_part_of_the_name():
    claims = claims_of("# Roundup\n\nOn one A100, Condor 2.5 Flash scores 71.2 on MMLU and Heron 3.1 8B "
                       "decodes 95 tokens/s.\n")
    assert "2.5" not in claims and "3.1" not in claims and "8B" not in claims
    assert "71.2" in claims and "95 tokens/s" in claims
    # a dotted figure after a lower-case word stays a figure
    assert "2.5 Points" in claims_of("# Notes\n\nThe gain was 2.5 Points on MMLU for Condor.\n")


def test_a_figure_after_the_object_of_a_comparison_is_the_actors():
    claims = claims_of("# Notes\n\nOn MBPP, Kestrel edges past Gull with 57.4.\n")
    assert claims["57.4"].subject == "Kestrel"
    # 'X at N' still gives N to X where X is no compared object
    assert claims_of("# Notes\n\nOn MBPP the leader is Gull at 61.0.\n")["61.0"].subject == "Gull"


def _numbers(text: str) -> dict[str, str]:
    """Each number's text -> 'claim' or its reason."""
    reading = read_numbers(parse_text(text, "card.md"))
    out = {c.text: "claim" for c in reading.claims}
    for n in reading.others:
        out.setdefault(n.text, n.reason)
    return out


def test_rows_and_columns_of_standard_errors_are_intervals_not_claims():
    """An evaluation harness prints each metric's standard error on a row of its own, or in a
    column beside the value: those figures are the spread of the figure next to them."""
    rows = ("| Task | Metric | Wren-1B | Finch-1B |\n|---|---|---|---|\n"
            "| piqa | acc | 0.7111 | 0.6932 |\n|  | acc_stderr | 0.0106 | 0.0108 |\n"
            "| arc_easy | acc_norm | 0.5514 | 0.5301 |\n|  | acc_norm_stderr | 0.0102 | 0.0104 |\n")
    numbers = _numbers(rows)
    assert numbers["0.7111"] == numbers["0.5301"] == "claim"
    assert numbers["0.0106"] == numbers["0.0104"] == "interval"
    column = ("| Model | Win rate | Std. error |\n|---|---|---|\n| Wren-1B | 41.3 | 1.4 |\n| Finch-1B | 37.9 | 1.5 |\n")
    numbers = _numbers(column)
    assert numbers["41.3"] == numbers["37.9"] == "claim" and numbers["1.4"] == numbers["1.5"] == "interval"


def test_a_column_headed_like_a_statistic_whose_figures_are_not_spreads_holds_claims():
    """A short header that spells a statistic ('(sd)', 'CI') among headers naming workloads holds
    figures as large as its neighbours': a spread is smaller than the figure it qualifies."""
    table = ("| Tool | (io) | (sd) | (cpu) |\n|---|---|---|---|\n| fastprof | 1.04x | 1.11x | 1.02x |\n"
             "| slowprof | 2.80x | 3.95x | 2.20x |\n| tracer | 7.10x | 5.30x | 6.60x |\n")
    numbers = _numbers(table)
    assert numbers["1.11x"] == numbers["3.95x"] == numbers["5.30x"] == "claim"
    # spreads beside their means stay intervals, even where one row's spread is large
    spreads = ("| Model | Score | CI |\n|---|---|---|\n| Wren | 71.2 | 1.4 |\n| Finch | 64.0 | 2.1 |\n"
               "| Robin | 3.2 | 2.9 |\n")
    numbers = _numbers(spreads)
    assert numbers["1.4"] == numbers["2.1"] == numbers["2.9"] == "interval"


def test_a_first_column_counting_the_rows_numbers_them():
    """A table's first column that runs 1, 2, 3, ... down its rows (headed or not) numbers the
    runs of an experiment log; a model may not make claims of it."""
    from claimcheck.extract.decide import overturnable
    table = ("|   | Model | Layers trained | Test acc |\n|---|---|---|---|\n| 1 | wren-s | last | 91.20% |\n"
             "| 2 | wren-s | all | 93.75% |\n| 3 | wren-m | last | 94.10% |\n| 4 | wren-m | all | 95.02% |\n")
    reading = read_numbers(parse_text(table, "log.md"))
    reasons = {n.text: n.reason for n in reading.others}
    assert reasons["1"] == reasons["3"] == "row number"
    assert {c.text for c in reading.claims} >= {"91.20%", "95.02%"}
    assert not overturnable("non-claim", "row number")
    # a first column of figures that do not count the rows is read as before
    batches = ("| Batch | Tokens/s |\n|---|---|\n| 1 | 410 |\n| 8 | 2,950 |\n| 32 | 9,870 |\n")
    assert "row number" not in _numbers(batches).values()
    results = ("| Wren | Finch | Robin |\n|---|---|---|\n| 1 | 7 | 9 |\n| 2 | 6 | 11 |\n| 4 | 8 | 12 |\n")
    assert "row number" not in _numbers(results).values()


def test_a_bulleted_note_above_a_table_is_no_caption():
    """'* ...' opens a list item, not emphasis: a bullet explaining the table's marks ('(M) means a
    model is provided') gives its figures no unit; an emphasised line does caption it."""
    table = ("Notes on the table:\n* Scores are word accuracy.\n* `CODE(M)` means a trained model is provided.\n\n"
             "| Method | SVT | IC13 |\n|---|---|---|\n| CRNN | 0.808 | 0.867 |\n| ASTER | 0.936 | 0.918 |\n")
    document = parse_text(table, "notes.md")
    assert all(c.caption == "" for c in document.cells)
    claims = claims_of(table)
    assert claims["0.808"].unit in ("", None) and claims["0.808"].kind != "scale"
    captioned = "*Word accuracy (M images)*\n\n| Method | SVT |\n|---|---|\n| CRNN | 0.808 |\n"
    assert next(c for c in parse_text(captioned, "notes.md").cells if c.text == "0.808").caption == "Word accuracy (M images)"


def test_figures_given_with_their_spread_stay_claims():
    """'mean ± std' heads figures with their interval, and a model named SD is no statistic."""
    numbers = _numbers("| Model | Return (mean ± std) | SD 1.5 |\n|---|---|---|\n| Wren | 3120 ± 85 | 61.0 |\n")
    assert numbers["3120"] == "claim" and numbers["61.0"] == "claim"


def test_numbers_that_label_links_and_columns_of_identifiers_are_no_claims():
    """A link whose whole text is a number names the file it points to ('checkpoints: 1, 2'), and a
    column headed '... id' or '... links' holds identifiers: neither is a measured result."""
    from claimcheck.ingest.markup import html_to_text
    page = ("<table><tr><th>Backbone</th><th>box AP</th><th>run id</th><th>files</th></tr>"
            "<tr><td>R-101</td><td>42.7</td><td>81256049</td>"
            "<td>checkpoints: <a href='https://example.org/a.bin'>1</a>, <a href='https://example.org/b.bin'>2</a></td></tr>"
            "</table><p>Averaged over <a href='https://example.org/runs'>3</a> seeds it gains 1.4 AP.</p>")
    numbers = _numbers(html_to_text(page))
    assert numbers["42.7"] == "claim" and numbers["1.4"] == "claim"
    assert numbers["81256049"] != "claim"
    assert all(numbers.get(label, "") != "claim" for label in ("1", "2", "[1]", "[2]", "[3]"))


def test_a_unit_the_caption_names_in_passing_is_the_unit_of_its_tables_bare_figures():
    table = "\n\n| Engine | Short prompt | Long prompt |\n|---|---|---|\n| Heron | 41.5 | 20.2 |\n| Ibis | 30.1 | 12.7 |\n"
    one = claims_of("Table 3. Decoding speed (tokens/s) on a single L4, batch size one." + table)
    assert one["41.5"].quantity.dimension == "rate" and one["41.5"].unit_text == "tokens/s"
    assert one["12.7"].kind == "throughput"
    assert claims_of("Table 3. Wall time (seconds) of each engine." + table)["20.2"].quantity.dimension == "time"
    # two units in the caption: which column holds which is not said
    two = claims_of("Table 3. Latency (ms) and peak memory (GB) of each engine." + table)
    assert two["41.5"].quantity.unit == "" and two["30.1"].quantity.dimension == "plain"


def test_a_unit_a_row_label_names_is_the_unit_of_its_rows_figures():
    text = ("| | Heron | Ibis |\n|---|---|---|\n| Parse and walk (10,000 runs, seconds) | 0.31 | 4.2 |\n"
            "| Encoded size (bytes) | 344 | 1,029 |\n| Success rate | 97.5 | 88.0 |\n")
    claims = claims_of(text)
    assert claims["0.31"].quantity.dimension == "time" and claims["4.2"].quantity.dimension == "time"
    assert claims["1,029"].quantity.dimension == "memory"
    assert claims["97.5"].quantity.dimension != "time"  # a row that names no unit takes none from another


def test_time_per_item_in_a_header_is_a_time():
    text = "| Model | train time (s/iter) | inference (ms / image) | AP |\n|---|---|---|---|\n| Heron | 0.292 | 107 | 37.4 |\n"
    claims = claims_of(text)
    assert claims["0.292"].quantity.dimension == "time" and claims["0.292"].unit_text == "s/iter"
    assert claims["107"].quantity.dimension == "time"
    assert claims["37.4"].quantity.dimension != "time"


def test_money_or_time_per_counted_items_in_a_header_is_a_cost_or_a_time():
    text = ("| Judge | Fee [$/500 prompts] | Wall [seconds/500 prompts] | Footprint (GB/GPU) | Kappa |\n"
            "|---|---|---|---|---|\n| lark | 4.4 | 610 | 21.5 | 0.71 |\n")
    claims = claims_of(text)
    assert claims["4.4"].quantity.dimension == "money" and claims["4.4"].unit_text == "$/500 prompts"
    assert claims["610"].quantity.dimension == "time"
    assert claims["21.5"].quantity.dimension == "memory"
    assert claims["0.71"].quantity.dimension not in ("money", "time", "memory")


def test_a_column_of_cited_names_is_a_label_column_whatever_the_citations_years():
    text = ("| Benchmark | System | dev | test |\n|---|---|---|---|\n"
            "| FooQA | Heron (Marsh et al., 2023) | 61.0 | 60.2 |\n"
            "| | Ibis (Quill and Dove, 2024) | 58.3 | 57.9 |\n"
            "| | Kestrel | 63.5 | 62.8 |\n")
    claims = claims_of(text)
    assert claims["58.3"].subject.startswith("Ibis") and claims["63.5"].subject == "Kestrel"
    assert claims["60.2"].dataset.lower() == "fooqa"
    # the citation is not part of the name, nor a variant of the system
    assert all("et al" not in c.subject and "2024" not in " ".join(c.setting) for c in claims.values())


def test_columns_each_of_one_scale_are_measures_and_the_rows_name_the_systems():
    # most headers are no metric the lexicon knows: the figures' scales say which axis holds measures
    text = ("|  | Kappa | Drift | Calls | Rho | Cost [$/run] |\n|---|---|---|---|---|---|\n"
            "| judge_small_v2 | 0.61 | 14.2 | 1210 | 0.93 | 3.1 |\n"
            "| judge_large_v1 | 0.66 | 2.9 | 3480 | 0.88 | 9.5 |\n"
            "| crowd | 0.58 | 31.0 | 41000 | 0.97 | 260 |\n")
    claims = claims_of(text)
    assert claims["1210"].subject == "judge_small_v2" and claims["31.0"].subject == "crowd"
    assert claims["0.88"].subject == "judge_large_v1"
    # rows each of one scale, columns mixing them: the columns are the systems
    rotated = ("|  | judge_small_v2 | judge_large_v1 | crowd |\n|---|---|---|---|\n"
               "| Kappa | 0.61 | 0.66 | 0.58 |\n| Drift | 14.2 | 2.9 | 31.0 |\n"
               "| Calls | 1210 | 3480 | 41000 |\n")
    claims = claims_of(rotated)
    assert claims["3480"].subject == "judge_large_v1" and claims["0.58"].subject == "crowd"


def test_a_name_whose_verb_could_be_a_noun_is_still_the_actor():
    # 'runs' after a name is the name's verb here, not 'the Kestrel runs' (a noun)
    text = ("# Notes\n\nOsprey 2 Pro scores 81.9 on FooQA.\n\n"
            "On one L4, Kestrel 3 8B runs at 42 tok/s.\n\nWren runs at 38 tok/s on the same card.\n")
    claims = claims_of(text)
    assert claims["42 tok/s"].subject == "Kestrel 3 8B"
    assert claims["38 tok/s"].subject == "Wren"


def test_the_value_a_parameter_is_set_to_is_a_setting_and_a_limit_stays_a_figure():
    text = ("The queue timeout is set at 12 seconds and snapshots are taken every 45 seconds. "
            "Heron's p99 latency is 210 ms, 90 ms under the 300 ms limit, and it was trained for 60M "
            "steps, six times the 10M budget of Wren.\n")
    claims = claims_of(text)
    assert "12 seconds" not in claims and "45 seconds" not in claims  # how it was run, not results
    assert "210 ms" in claims and "90 ms" in claims
    assert "300 ms" in claims  # the limit a headroom is measured against stays a figure
    assert "10M" in claims  # a training budget is a size of the thing described


def test_a_label_column_of_hyperparameters_sets_each_rows_configuration_and_names_no_system():
    # a sweep's rows are keyed by a learning rate, a depth or a layer count, not by systems
    text = ("## Heron sweep\n\n| lr | Accuracy |\n|---|---|\n| 3e-4 | 71.2 |\n| 1e-3 | 69.8 |\n\n"
            "| max_depth | Recall |\n|---|---|\n| 4 | 0.61 |\n| 8 | 0.64 |\n")
    claims = claims_of(text)
    assert "lr:3e-4" in claims["71.2"].setting and claims["71.2"].subject != "3e-4"
    assert "max_depth:8" in claims["0.64"].setting or "max depth:8" in claims["0.64"].setting
    assert claims["0.64"].subject != "8"


def test_a_heading_that_names_a_measure_and_its_unit_frames_a_table_of_statistics():
    # the columns are statistics of one measure; the heading two levels up names it and its unit
    text = ("## Serving\n\n### Decode speed (tokens/s)\n\nMeasured over 200 requests per provider.\n\n"
            "#### Small models\n\n| Provider | Median | P95 |\n|---|---|---|\n| Kestrel | 71 | 88 |\n"
            "| Gull | 64 | 80 |\n")
    claims = claims_of(text)
    assert claims["71"].quantity.dimension == "rate" and claims["88"].unit_text == "tokens/s"
    assert claims["71"].kind == "throughput" and claims["71"].subject == "Kestrel"


def test_a_heading_unit_does_not_override_a_measure_the_table_names():
    text = "## Latency (ms)\n\n| Model | Accuracy |\n|---|---|\n| Kestrel | 71.2 |\n"
    claims = claims_of(text)
    assert claims["71.2"].quantity.unit != "ms" and claims["71.2"].metric == "accuracy"


def test_a_header_that_names_what_its_figures_count_gives_them_that_unit():
    text = ("## Summaries\n\n| Model | Length (sentences) | Time (ms) |\n|---|---|---|\n"
            "| Kestrel | 41.5 | 120 |\n| Gull | 38.0 | 95 |\n")
    claims = claims_of(text)
    assert claims["41.5"].unit_text.lower() == "sentences" and claims["41.5"].quantity.dimension == "count"
    assert claims["120"].quantity.unit == "ms"
    # a parenthesis that says more than the noun ('(10 tasks)') names no unit
    claims = claims_of("| Model | Score (10 tasks) |\n|---|---|\n| Kestrel | 41.5 |\n")
    assert claims["41.5"].quantity.dimension != "count"


def test_a_multiple_written_in_a_cell_keeps_the_unit_its_header_names():
    text = ("| Server | Throughput (rps) | Decode (out tok/s/GPU) | Size (MB) |\n|---|---|---|---|\n"
            "| Kestrel | 127.95k | 3,803 | 12 |\n")
    claims = claims_of(text)
    rps = claims["127.95k"]
    assert rps.quantity.dimension == "rate" and rps.quantity.value == 127950 and rps.unit_text == "k rps"
    assert claims["3,803"].quantity.dimension == "rate" and claims["3,803"].unit_text == "out tok/s/GPU"
    # a count under a header that names no unit stays a count ('7B' parameters)
    claims = claims_of("| Model | Params |\n|---|---|\n| Kestrel | 7B |\n")
    assert claims["7B"].quantity.dimension == "count"


def test_a_figure_for_a_size_belongs_to_the_system_the_document_calls_by_it():
    text = ("| Task | Osprey 3B | Osprey 30B |\n|---|---|---|\n| BoolQ | 66.1 | 78.4 |\n\n"
            "Scored by exact match, TriviaQA reads 41.7 for 3B and 55.0 for the 30B.\n")
    claims = claims_of(text)
    assert claims["41.7"].subject == "Osprey 3B" and claims["55.0"].subject == "Osprey 30B"
    # a size no system is called by names nothing
    other = claims_of("| Task | Osprey 3B |\n|---|---|\n| BoolQ | 66.1 |\n\nTriviaQA reads 41.7 for 7B.\n")
    assert other["41.7"].subject != "Osprey 3B"


def test_a_list_lead_that_is_a_clause_gives_its_name_and_a_benchmark_owns_nothing():
    # '- X barely moves: ...' is a clause about X, not a system called 'X barely moves'
    claims = claims_of("- Heron 7B hardly changes: exact match goes from 61.2 to 61.9.\n")
    assert claims["61.2"].subject == "Heron 7B" and claims["61.9"].subject == "Heron 7B"
    # a benchmark opening the clause is what the figures are on; it owns none of them
    claims = claims_of("# Harness notes\n\nTwo runs of Heron 7B, a week apart.\n\n"
                       "- HellaSwag hardly changes: accuracy goes from 61.2 to 61.9.\n")
    assert "HellaSwag" not in claims["61.2"].subject
    assert claims["61.2"].dataset == "hellaswag"


def test_a_heading_that_describes_a_variant_is_about_the_one_name_so_described():
    # notes about the chat model whose second section, '## Base model against its peers', heads
    # figures of the variant the notes call '...-Base'
    notes = ("# Notes on Tern-3B-Chat\n\n- Tern-3B-Chat starts from Tern-3B-Base, pre-trained on 4 trillion tokens.\n"
             "- Tern-3B-Chat adds 40K preference pairs; Tern-3B-Chat is the release.\n\n"
             "## Base model against its peers\n- ARC (25-shot): 58.1, ahead of Pike-3B at 55.0.\n"
             "- GSM8K (8-shot) comes in at 41.5.\n")
    for learned in (False, True):
        claims = {c.text: c for c in read_numbers(parse_text(notes, "notes.md"), learned=learned).claims}
        assert claims["41.5"].subject == "Tern-3B-Base"
    # two names fit the description: the heading names neither
    both = notes.replace("Pike-3B at", "Pike-3B-Base at")
    claims = {c.text: c for c in read_numbers(parse_text(both, "notes.md"), learned=False).claims}
    assert claims["41.5"].subject not in ("Pike-3B-Base", "Tern-3B-Base")
    # in a title-cased heading the noun may be part of a name ('Rust Compiler Performance Triage' is
    # not about 'Rust-Analyzer', the one hyphenated name with 'rust' in it)
    triage = ("# Weekly numbers\n\n## Rust Compiler Performance Triage\n\nInstruction counts fell 1.2% on the "
              "primary benchmarks.\n\n## Tooling\n\nRust-Analyzer indexing took 41 s, Rust-Analyzer says.\n")
    claims = {c.text: c for c in read_numbers(parse_text(triage, "week.md"), learned=False).claims}
    assert claims["1.2%"].subject != "Rust-Analyzer"


def test_the_possessive_of_a_name_ending_in_a_size_is_not_a_metric():
    # "... against Pike 3B's 44.0": the apostrophe-s belongs to the name, and no metric 's' is read
    claims = claims_of("On ARC (25-shot) Tern gets 51.0 against Pike 3B's 44.0.\n")
    assert claims["44.0"].metric_text != "s" and claims["44.0"].subject == "Pike 3B"
    claims = {c.text: c for c in read_numbers(parse_text("Tern gets 51.0 against Pike 3B's 44.0 on ARC.\n",
                                                         "post.md"), learned=False).claims}
    assert claims["44.0"].metric == "" and claims["44.0"].subject == "Pike 3B"
    # a metric after the possessive is still read
    claims = {c.text: c for c in read_numbers(parse_text("The 3B's accuracy is 44.0 on ARC.\n", "post.md"),
                                              learned=False).claims}
    assert claims["44.0"].metric == "accuracy"


def test_a_lower_case_hyphenated_name_written_as_an_owner_is_a_system():
    # "heron-lite's 0.912": a lower-case name with a hyphen, in the possessive, owns its figure
    text = ("On churn, heron-lite's 0.912 sits well above the plain baseline at 0.871.\n"
            "On fraud, Kestrel's 0.954 beats heron-lite's 0.948.\n")
    for learned in (False, True):
        claims = {c.text: c for c in read_numbers(parse_text(text, "note.md"), learned=learned).claims}
        assert claims["0.912"].subject == "heron-lite" and claims["0.948"].subject == "heron-lite"
        assert claims["0.954"].subject == "Kestrel"
    # a hyphenated word that never owns a figure stays a word
    claims = claims_of("On churn, the state-of-the-art score is 0.912.\n")
    assert "state-of-the-art" not in claims["0.912"].subject
    # a lower-case variant closing a longer name is that name's ('Gull large-v2's 0.871')
    claims = {c.text: c for c in read_numbers(parse_text(
        "On churn, heron-lite scores 0.912 against Gull large-v2's 0.871.\n", "note.md"), learned=False).claims}
    assert claims["0.871"].subject == "Gull large-v2"


def test_a_lower_case_model_id_is_a_name():
    # model ids are often written in lower case, words joined by hyphens up to a digit
    claims = {c.text: c for c in read_numbers(parse_text(
        "wren-lm-2-mini scores 71.2 on MMLU, against 69.0 for heron-chat-3-small.\n", "ids.md"), learned=False).claims}
    assert claims["71.2"].subject == "wren-lm-2-mini" and claims["69.0"].subject == "heron-chat-3-small"
    # a metric's hyphenated name is still the metric's ('top-5 accuracy')
    claims = {c.text: c for c in read_numbers(parse_text("Top-1 accuracy is 81.2 and top-5 accuracy 95.1.\n",
                                                         "ids.md"), learned=False).claims}
    assert claims["95.1"].subject == "" and claims["95.1"].metric == "top5_accuracy"



def test_a_system_phrase_closed_by_a_focus_word_is_not_a_metric():
    # 'the late-interaction head alone reaches 69.2': a part of the model, not what is measured,
    # so the figure takes no metric from it (and the paragraph's figures none either)
    claims = {c.text: c for c in read_numbers(parse_text(
        "On TriviaQA, Tern averages 71.5, ahead of Pike (66.0).\nThe late-interaction head alone reaches 69.2.\n",
        "notes.md"), learned=False).claims}
    assert all("head" not in c.metric_text for c in claims.values())
    assert claims["71.5"].metric == "" and claims["71.5"].dataset == "triviaqa"
    # a metric phrase is still read before the same verb
    claims = {c.text: c for c in read_numbers(parse_text("The exact match alone reaches 69.2 on TriviaQA.\n",
                                                         "notes.md"), learned=False).claims}
    assert claims["69.2"].metric == "exact_match"


def test_respectively_pairs_the_figures_with_each_list_of_their_length_in_order():
    def read(text):
        return {c.text: c for c in read_numbers(parse_text(text, "paper.md"), learned=False).claims}
    # settings: each figure its own cluster
    claims = read("In production, Heron serves 131% and 96% more queries on the V100 and A10 fleets, "
                  "respectively, than before.\n")
    assert claims["131%"].setting & {"hardware:v100", "hardware:a10"} == {"hardware:v100"}
    assert claims["96%"].setting & {"hardware:v100", "hardware:a10"} == {"hardware:a10"}
    # benchmarks
    claims = read("Heron-7B scores 58.3 and 41.9 on MMLU and GSM8K, respectively.\n")
    assert claims["58.3"].dataset == "mmlu" and claims["41.9"].dataset == "gsm8k"
    # systems the document names
    claims = read("# Notes\n\nHeron scores 60.1 on ARC. Wren scores 57.7 on ARC.\n\n"
                  "On MMLU, Heron and Wren reach 58.3 and 55.0, respectively.\n")
    assert claims["58.3"].subject == "Heron" and claims["55.0"].subject == "Wren"
    # lists of another length pair nothing, and without 'respectively' nothing is paired
    claims = read("Heron-7B scores 58.3, 41.9 and 30.2 on MMLU and GSM8K, respectively.\n")
    assert all(c.dataset != "gsm8k" for c in claims.values())
    claims = read("In production, Heron serves 131% and 96% more queries on the V100 and A10 fleets.\n")
    assert "hardware:v100" in claims["96%"].setting and "hardware:v100" not in claims["131%"].setting


def test_the_time_between_tokens_is_the_per_token_decode_latency_under_any_of_its_names():
    # TBT, ITL and TPOT name one measure of LLM serving; none of them owns a figure
    for text in ("Heron keeps TBT at 42 ms and TTFT at 1.2 s.\n", "Heron keeps ITL at 42 ms and TTFT at 1.2 s.\n",
                 "Heron cuts the time between tokens to 42 ms, with TTFT at 1.2 s.\n"):
        claims = {c.text: c for c in read_numbers(parse_text(text, "serving.md"), learned=False).claims}
        assert claims["42 ms"].metric == "tpot" and claims["42 ms"].subject == "Heron"
    claims = {c.text: c for c in read_numbers(parse_text("The TBT limit is 100 ms.\n", "serving.md"),
                                              learned=False).claims}
    assert claims["100 ms"].subject != "TBT"


def test_an_underscore_inside_a_name_is_part_of_it_and_emphasis_around_a_name_is_not():
    # Markdown never reads an underscore between letters or digits as emphasis: 'wren_v2_13b' is
    # a model id as written, and a source's row 'wren_v2_13b' is found by it
    claims = claims_of("- wren_v2_13b also writes the shortest answers here, 41.7 words on average.\n"
                       "- **owl_3b** also writes short answers, 52.0 words on average.\n")
    assert claims["41.7"].subject == "wren_v2_13b"
    assert claims["52.0"].subject == "owl_3b"  # the bold marks go, the name's own underscore stays
