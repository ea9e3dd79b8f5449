"""Systems told apart by a parenthesised variant: a paper's table whose columns are one model's
checkpoints ('Osprey' over 'Base (PT)' and 'Chat (DPO)'), and digests that name them in full
('Osprey Chat (DPO)') or by the variant alone ('the DPO model')."""
from __future__ import annotations

from claimcheck.api import check, load, read_cached
from claimcheck.extract.attribution import abbreviates
from claimcheck.sources import load_sources

PAPER = """<html><body>
<h2>Results of the aligned checkpoints</h2>
<table>
<caption>Table 4: Comparison among Osprey Base (PT), Osprey Chat (DPO), and Wren 13B Instruct.</caption>
<tr><th>Benchmark</th><th>Wren</th><th>Osprey</th><th>Osprey</th></tr>
<tr><th></th><th>13B Instruct</th><th>Base (PT)</th><th>Chat (DPO)</th></tr>
<tr><td>TriviaQA</td><td>61.2</td><td>70.4</td><td>68.9</td></tr>
<tr><td>HumanEval</td><td>38.0</td><td>45.5</td><td>52.7</td></tr>
<tr><td>GSM8K</td><td>57.1</td><td>66.3</td><td>74.0</td></tr>
</table>
</body></html>
"""

# a second source that never names Osprey: a figure of the DPO model is about the paper
BOARD = "model,win_rate,length_controlled_winrate\nWren-13B-Instruct,11.4,12.9\nFinch-8B,20.1,22.5\n"


def _sources(tmp_path):
    paper = tmp_path / "osprey.html"
    paper.write_text(PAPER, encoding="utf-8")
    board = tmp_path / "board.csv"
    board.write_text(BOARD, encoding="utf-8")
    return [paper, board]


def _verdicts(report) -> list[tuple[str, str, str]]:
    return [(f.claim.text, f.rule, f.verdict) for f in report.finding_list if f.rule.startswith("CC20")]


def test_a_header_level_under_a_systems_name_is_its_variant_not_a_metric(tmp_path):
    paper = load_sources(_sources(tmp_path)[:1])[0]
    cells = {c.quantity.text: c for c in paper.claims}
    dpo, pt = cells["52.7"], cells["45.5"]
    assert dpo.subject == pt.subject == "Osprey"
    assert "variant:chat (dpo)" in dpo.setting and "variant:base (pt)" in pt.setting
    # neither the column's parenthesis nor the caption's ('Osprey Base (PT), ...') is a measure
    assert dpo.metric == pt.metric == cells["61.2"].metric == ""


def test_a_name_with_its_variant_in_parentheses_owns_the_figure_whole():
    claims = read_cached(load("# Notes\n\nOn TriviaQA, Osprey Chat (DPO) scores 68.9 against 70.4 for Osprey Base (PT).\n")).claims
    owners = {c.text: c.subject for c in claims}
    assert owners["68.9"] == "Osprey Chat (DPO)" and owners["70.4"] == "Osprey Base (PT)"


def test_an_abbreviation_of_the_words_before_it_is_still_the_actor():
    claims = read_cached(load("# Notes\n\nProduct quantization (PQ) shrinks the index to 2.1 GB on SIFT1M.\n")).claims
    assert [c.subject for c in claims if c.text == "2.1 GB"] == ["PQ"]
    assert abbreviates("PQ", "Product quantization") and abbreviates("MLA", "Multi-head Latent Attention")
    assert not abbreviates("DPO", "Osprey Chat") and not abbreviates("RL", "Kestrel Chat")


def test_a_pronoun_clause_takes_the_system_an_earlier_clause_gave_its_figure():
    claims = read_cached(load("# Notes\n\nCode is the weak spot: Osprey reaches 52.7 on HumanEval, while on MBPP "
                              "its 41.0 edges past Wren's 39.5.\n")).claims
    owners = {c.text: c.subject for c in claims}
    assert owners["41.0"] == "Osprey" and owners["39.5"] == "Wren"


def test_a_difference_noun_before_a_colon_is_not_the_figures_measure():
    claims = read_cached(load("# Notes\n\nThe maths block shows the widest gaps: 74.0 on GSM8K versus 57.1 "
                              "for Wren.\n")).claims
    assert {c.text: c.metric for c in claims}["74.0"] == ""


def test_a_figure_of_the_other_variant_of_the_named_system_is_flagged(tmp_path):
    digest = ("# Osprey's aligned checkpoint\n\nOn HumanEval, Osprey Chat (DPO) scores 45.5 against 52.7 for "
              "Osprey Base (PT).\nOn GSM8K the DPO model manages 66.3.\n")
    found = _verdicts(check(digest, sources=_sources(tmp_path)))
    # 45.5 and 52.7 are each the other column's; 66.3 is the base model's GSM8K
    assert ("45.5", "CC201", "mismatch") in found and ("52.7", "CC201", "mismatch") in found
    assert ("66.3", "CC201", "mismatch") in found
    report = check(digest, sources=_sources(tmp_path))
    message = next(f.message for f in report.finding_list if f.rule == "CC201" and f.claim.text == "66.3")
    assert "74.0" in message  # the DPO model's own figure is the one expected


def test_the_right_figures_of_each_variant_are_supported(tmp_path):
    digest = ("# Osprey's aligned checkpoint\n\nOn HumanEval, Osprey Chat (DPO) scores 52.7 against 45.5 for "
              "Osprey Base (PT).\nOn GSM8K the DPO model reaches 74.0. The PT model scores 70.4 on TriviaQA.\n")
    report = check(digest, sources=_sources(tmp_path))
    found = _verdicts(report)
    for text in ("52.7", "45.5", "74.0"):
        assert (text, "CC202", "supported") in found
    assert not [f for f in report.finding_list if f.severity == "error"]


CAPTIONED = """# Tern-M2 report

Table 2: Performance of Tern-M2-32K and Tern-M2-64K on core benchmarks.

| Benchmark | Tern-M2-32K | Tern-M2-64K |
|---|---|---|
| RULER | 74.0 | 71.2 |

Table 3: Accuracy (%) of the same checkpoints on long-form QA.

| Benchmark | Tern-M2-32K | Tern-M2-64K |
|---|---|---|
| NarrativeQA | 40.5 | 43.1 |
"""


def test_a_caption_gives_a_measure_the_lexicon_knows_never_its_own_words(tmp_path):
    path = tmp_path / "tern.md"
    path.write_text(CAPTIONED, encoding="utf-8")
    cells = {c.quantity.text: c for c in load_sources([path])[0].claims}
    assert cells["74.0"].metric == ""  # 'Performance of Tern-M2-32K ...' is a sentence, not a measure
    assert cells["40.5"].metric == "accuracy"


def test_a_chip_name_inside_a_hyphenated_model_name_is_part_of_the_name(tmp_path):
    path = tmp_path / "tern.md"
    path.write_text(CAPTIONED, encoding="utf-8")
    cells = {c.quantity.text: c for c in load_sources([path])[0].claims}
    # 'M2' of 'Tern-M2-32K' is not Apple's M2 chip
    assert cells["74.0"].subject == "Tern-M2-32K" and not any(x.startswith("hardware:") for x in cells["74.0"].setting)
    from claimcheck.extract.vocabulary import settings_in
    assert "hardware:m2" in settings_in("measured on an Apple M2 laptop") or "hardware:applem2" in settings_in(
        "measured on an Apple M2 laptop")
    assert "hardware:v100" in settings_in("trained on 4 32G-V100 cards")


def test_an_html_tables_caption_is_read_as_its_caption(tmp_path):
    path = tmp_path / "scores.html"
    path.write_text("<html><body><p>Reading results.</p><table><caption>Table 1: Accuracy (%) on the reading "
                    "benchmarks.</caption><tr><th>Benchmark</th><th>Tern</th><th>Wren</th></tr>"
                    "<tr><td>RACE</td><td>61.5</td><td>58.0</td></tr></table></body></html>", encoding="utf-8")
    source = load_sources([path])[0]
    cell = next(c for c in source.claims if c.quantity.text == "61.5")
    assert source.document.cell_at(cell.quantity.start).caption.startswith("Table 1: Accuracy")
    assert cell.metric == "accuracy" and cell.subject == "Tern" and cell.dataset.lower() == "race"


FAMILY = """# Wren-V2 report

Table 1: Accuracy (%) on knowledge benchmarks.

| Model | MMLU | TriviaQA |
|---|---|---|
| Wren | 55.0 | 60.2 |
| Wren-V2 | 61.0 | 66.4 |
"""

SMALL = """
Table 2: Accuracy (%) of the small model.

| Model | MMLU | TriviaQA |
|---|---|---|
| Wren-V2 7B | 52.3 | 57.9 |
"""


def test_a_figure_of_the_earlier_version_is_not_the_new_versions(tmp_path):
    path = tmp_path / "wren.md"
    path.write_text(FAMILY, encoding="utf-8")
    report = check("# Wren-V2 at a glance\n\nWren-V2 reaches 55.0 on MMLU and 66.4 on TriviaQA.\n", sources=[path])
    found = _verdicts(report)
    assert ("55.0", "CC201", "mismatch") in found and ("66.4", "CC202", "supported") in found
    message = next(f.message for f in report.finding_list if f.rule == "CC201")
    assert "Wren's" in message and "61.0" in message


def test_a_size_after_a_name_is_a_variant_of_the_same_system(tmp_path):
    path = tmp_path / "wren.md"
    path.write_text(FAMILY + SMALL, encoding="utf-8")
    report = check("# Wren-V2 at a glance\n\nThe small Wren-V2 7B reaches 52.3 on MMLU.\n", sources=[path])
    found = _verdicts(report)
    assert ("52.3", "CC202", "supported") in found
    assert not [f for f in report.finding_list if f.severity == "error"]


def test_a_capitalised_qualifier_after_a_possessive_keeps_the_possessor_as_owner():
    claims = read_cached(load("# Notes\n\nCheetah's German average is 14.5%, and Leopard's French average is "
                              "17.5%.\n")).claims
    owners = {c.text: c.subject for c in claims}
    assert owners["14.5%"] == "Cheetah" and owners["17.5%"] == "Leopard"
