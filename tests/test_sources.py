"""Checking a digest against its sources: fact sheets first (papers in test_pdf.py)."""
from __future__ import annotations

import json

import pytest

from claimcheck.api import check
from claimcheck.cli import main


def _checked_against(folder, source_text: str, items: str):
    """The report of a '# Notes' digest of list items checked against one Markdown source."""
    source = folder / "source.md"
    source.write_text(source_text, encoding="utf-8")
    return check(f"# Notes\n\n{items}\n", sources=[source])


def _by_rule(report, rule: str) -> list:
    """The report's findings of one rule, in report order."""
    return [f for f in report.finding_list if f.rule == rule]

FACTS = """paper,arxiv,subject,metric,setting,value,unit,where
Kite,2601.00001,Kite,COCO mAP,,71.42,,Table 2
Kite,2601.00001,Kite,HumanEval+,,61.0,,Table 4
Kite,2601.00001,Kite vs Hawk,MMLU,,3.1,points,abstract
Kite,2601.00001,Kite,end-to-end speedup,,2.4,x,abstract
Kite,2601.00001,Kite,parameters,,7e9,params,abstract
Kite,2601.00001,StrongDet,COCO mAP,,69.3,,Table 2
Heron,2601.00002,Heron,GSM8K,5-shot,81.2,,Table 1
"""

DIGEST = """## 1. Kite: detection at scale
arXiv: 2601.00001
Kite reaches 71.4 mAP on COCO. It is a 7B model with a 2.4× end-to-end speedup, and gains +3.1 points on MMLU over Hawk.
It scores 61.0 on HumanEval and its latency is 40 ms.

## 2. Heron: reasoning
Heron scores 83.5 on GSM8K 5-shot, ahead of StrongDet-style baselines.
"""


@pytest.fixture
def facts(tmp_path):
    path = tmp_path / "facts.csv"
    path.write_text(FACTS, encoding="utf-8")
    return path


def verdicts(report):
    return {(f.claim.text, f.verdict) for f in report.finding_list if f.rule.startswith("CC20")}


def test_fact_sheet_verdicts(facts):
    found = verdicts(check(DIGEST, sources=[facts]))
    assert ("71.4", "rounded") in found                 # 71.42 rounded honestly
    assert ("7B", "supported") in found                 # 7e9 parameters, written as 7B
    assert ("2.4×", "supported") in found
    assert ("+3.1 points", "supported") in found        # a delta over the same baseline
    assert ("83.5", "mismatch") in found                # the sheet says 81.2
    assert ("40 ms", "not found") in found
    # HumanEval is not HumanEval+: the alias table keeps them apart, so 61.0 is not "supported"
    assert ("61.0", "not found") in found


def test_a_baselines_figure_given_to_the_method_is_a_mismatch(facts):
    report = check("## Kite\narXiv: 2601.00001\nKite reaches 69.3 mAP on COCO.\n", sources=[facts])
    (finding,) = _by_rule(report, "CC201")
    assert "StrongDet" in finding.message and finding.evidence[0].value == 69.3


def test_sections_tie_by_arxiv_id_or_name(facts):
    # no arXiv id: tied by the section's name
    report = check("## Heron\nHeron scores 81.2 on GSM8K 5-shot.\n", sources=[facts])
    assert ("81.2", "supported") in verdicts(report)
    # a section about a paper the sheet does not cover stays unverified
    report = check("## Lark\nLark scores 81.2 on GSM8K 5-shot.\n", sources=[facts])
    assert ("81.2", "not found") in verdicts(report)


def test_cli_with_a_fact_sheet(facts, tmp_path, capsys):
    digest = tmp_path / "d.md"
    digest.write_text(DIGEST, encoding="utf-8")
    assert main(["check", str(digest), "--source", str(facts), "--format", "json"]) == 1  # the mismatch
    report = json.loads(capsys.readouterr().out)
    rules = [f["rule"] for f in report["findings"]]
    assert "CC201" in rules and "CC202" in rules and "CC203" in rules
    mismatch = next(f for f in report["findings"] if f["rule"] == "CC201")
    assert mismatch["expected"] == 81.2 and mismatch["evidence"][0]["line"] == 8


@pytest.mark.parametrize("content, message", [
    ("paper,metric\nKite,mAP\n", "no figures"),
    ("subject,metric,value\nKite,mAP,seventy\n", "not a number"),
])
def test_sources_that_fail_to_parse_exit_3_could_not_check(tmp_path, capsys, content, message):
    bad = tmp_path / "bad.csv"
    bad.write_text(content, encoding="utf-8")
    digest = tmp_path / "d.md"
    digest.write_text(DIGEST, encoding="utf-8")
    assert main(["check", str(digest), "--source", str(bad)]) == 3
    captured = capsys.readouterr()
    assert message in captured.err and "could not check" in captured.err
    assert "findings" in captured.out  # the digest itself was still checked and reported


def test_a_broken_pdf_source_exits_3(tmp_path, capsys):
    broken = tmp_path / "paper.pdf"
    broken.write_bytes(b"%PDF-1.7\n%broken")
    digest = tmp_path / "d.md"
    digest.write_text(DIGEST, encoding="utf-8")
    assert main(["check", str(digest), "--source", str(broken), "--fail-on", "never"]) == 3
    assert "cannot read this PDF" in capsys.readouterr().err


def test_missing_and_unknown_sources_are_input_errors(tmp_path, capsys):
    digest = tmp_path / "d.md"
    digest.write_text(DIGEST, encoding="utf-8")
    assert main(["check", str(digest), "--source", str(tmp_path / "nope.pdf")]) == 2
    odd = tmp_path / "x.docx"
    odd.write_bytes(b"PK\x03\x04\x14\x00\x06\x00" + bytes(range(256)) * 4)  # a zip, as a .docx is
    assert main(["check", str(digest), "--source", str(odd)]) == 2
    assert "unknown source type" in capsys.readouterr().err


def test_seed_digest_against_seed_facts(shared):
    report = check(shared / "corpus" / "digests" / "000_eaad22fcf2be4050.txt",
                   sources=[shared / "corpus" / "seed-facts" / "facts.csv"])
    by_verdict: dict[str, set] = {}
    for f in report.finding_list:
        if f.rule.startswith("CC20"):
            by_verdict.setdefault(f.verdict, set()).add((f.claim.line, f.claim.text))
    # every figure the fact sheet states is supported where the digest states it
    assert {(4, "84.63"), (10, "84.63"), (23, "84.63"), (26, "84.63"), (10, "10×"), (23, "10×"),
            (13, "2.16×"), (72, "8 billion"), (72, "12 trillion"), (14, "+21.6 pts"), (75, "+21.6 points"),
            (75, "+14.9 points"), (76, "+14.5 points"), (76, "+16.5 points")} <= by_verdict["supported"]
    # figures the sheet does not state are not found, never supported
    assert {(48, "90.2"), (62, "78.9 seconds"), (13, "6.71×"), (60, "2.59×")} <= by_verdict["not found"]
    # the internal findings still come out
    assert {"CC101", "CC105", "CC106"} <= {f.rule for f in report.finding_list}


HTML = """<html><head><style>p{}</style><script>var x = 99.9;</script></head><body>
<nav>Home 2024</nav><h2>3 Results</h2>
<p>Kite reaches <b>71.4</b> mAP on COCO.</p>
<table><tr><th>Method</th><th>MMLU</th><th>FID</th></tr>
<tr><td>Kite</td><td>64.2</td><td><math alttext="7.9_{\\pm 0.1}">7.9</math></td></tr></table></body></html>"""

LATEX = r"""\section{Results}
Kite reaches $71.4$ mAP on COCO~\cite{lin}. % 99.9 in a comment
\begin{table}\centering
\begin{tabular}{lcc}\toprule
Method & MMLU & FID \\ \midrule
Kite & \textbf{64.2} & $7.9_{\pm 0.1}$ \\
\bottomrule
\end{tabular}
\caption{Main results.}
\end{table}
"""


@pytest.mark.parametrize("suffix, content", [(".html", HTML), (".tex", LATEX)])
def test_html_and_latex_sources(tmp_path, suffix, content):
    from claimcheck.api import extract
    path = tmp_path / f"paper{suffix}"
    path.write_text(content, encoding="utf-8")
    claims = {(c.text, c.metric or c.dataset, c.subject) for c in extract(path)}
    assert ("71.4", "map", "") in claims or ("71.4", "map", "Kite") in claims
    assert ("64.2", "mmlu", "Kite") in claims                       # a table cell with its headers
    assert any(text.startswith("7.9") and metric == "fid" for text, metric, _ in claims)
    assert not any("99.9" in text for text, _, _ in claims)         # scripts and comments are not prose
    digest = "## Kite\nKite reaches 64.2 on MMLU and 71.4 mAP on COCO.\n"
    found = {(f.claim.text, f.verdict) for f in check(digest, sources=[path]).finding_list}
    assert ("64.2", "supported") in found and ("71.4", "supported") in found


SPANNED = r"""\section{Results}
\begin{tabular}{l cc r rr}\toprule
 & \multicolumn{2}{c}{quality} & \multicolumn{1}{c}{cost} & \multicolumn{2}{c}{time} \\
\cmidrule(lr){2-3}
 & Recall & AUC & params & \multicolumn{1}{c}{test} & \multicolumn{1}{c}{train} \\ \midrule
Heron ($k=4$) & 71.0 & 58.3 & 210\,k & 4.1\,ms & 6\,h \\
Kite (large) & 73.5 & 61.9 & 380\,k & 7.7\,ms & 9\,h \\
\bottomrule
\end{tabular}
"""


def test_a_latex_header_spanning_columns_keeps_the_cells_after_it_in_place(tmp_path):
    # 'quality' spans Recall and AUC: 'cost' must stay over params, not slide over AUC
    from claimcheck.api import extract
    path = tmp_path / "paper.tex"
    path.write_text(SPANNED, encoding="utf-8")
    claims = {c.text: c for c in extract(path)}
    assert claims["61.9"].metric == "auc" and claims["61.9"].subject == "Kite"
    assert claims["58.3"].metric == "auc"
    found = {(f.claim.text, f.verdict) for f in check("## Kite\nKite (large) reaches an AUC of 61.9.\n",
                                                      sources=[path]).finding_list}
    assert ("61.9", "supported") in found


def test_sections_tie_to_a_paper_by_its_title_or_method_name(papers_dir):
    paper = papers_dir / "pi2nli" / "paper.pdf"
    digest = ("## 1. Some other paper\nOther reaches 83.64 on PIT.\n\n"
              "## 2. Paraphrase Identification via Textual Inference (*SEM 2024)\n"
              "The method scores 83.64 on PIT.\n")
    verdicts = {(f.claim.line, f.verdict) for f in check(digest, sources=[paper]).finding_list if f.rule.startswith("CC20")}
    assert (5, "supported") in verdicts and (2, "not found") in verdicts
    by_name = check("## PI2NLI: reduction\nPI2NLI scores 83.64 on PIT.\n", sources=[paper])
    assert [f.verdict for f in by_name.finding_list if f.rule.startswith("CC20")] == ["supported"]


@pytest.fixture
def papers_dir(shared):
    return shared / "corpus" / "papers"


LEADERBOARD = """model,ARC-Challenge,HellaSwag
Wren-2,71.4,83.0
Wren-1,65.9,80.1
"""


def test_a_wide_results_csv_is_a_source_with_its_own_lines(tmp_path):
    sheet = tmp_path / "results.csv"
    sheet.write_text(LEADERBOARD, encoding="utf-8")
    report = check("# Notes\nWren-2 scores 71.4 on ARC-Challenge and 80.1 on HellaSwag.\n", sources=[sheet])
    by_rule = {(f.rule, f.claim.text): f for f in report.finding_list}
    supported = by_rule[("CC202", "71.4")]
    assert "Wren-2" in supported.message and supported.evidence[0].line == 2
    wrong = by_rule[("CC201", "80.1")]
    # 80.1 is Wren-1's: the mismatch says whose it is and what Wren-2 has
    assert wrong.expected == 83.0 and "Wren-1" in wrong.message and "83.0" in wrong.message


def test_a_link_in_a_csv_row_does_not_swallow_the_cells_after_it(tmp_path):
    # a delimited file has no space after its commas: a link's end is its cell's end
    sheet = tmp_path / "board.csv"
    sheet.write_text("System,Paper,Top-1,Top-5\n"
                     "Gannet,https://example.org/gannet.pdf,81.3,95.2\n"
                     "Plover,www.example.net/plover,78.9,94.0\n", encoding="utf-8")
    from claimcheck.sources import load_sources
    (source,) = load_sources([str(sheet)])
    read = {(c.subject, c.metric_text, c.text) for c in source.claims}
    assert {("Gannet", "Top-1", "81.3"), ("Gannet", "Top-5", "95.2"), ("Plover", "Top-5", "94.0")} <= read
    report = check("# Notes\nPlover reaches 79.8 Top-1.\n", sources=[sheet])
    wrong = next(f for f in report.finding_list if f.rule == "CC201")
    assert wrong.expected == 78.9


def test_a_results_file_without_figures_is_a_source_that_cannot_be_read(tmp_path, capsys):
    bad = tmp_path / "names.tsv"
    bad.write_text("model\tlicence\nWren-2\tMIT\n", encoding="utf-8")
    digest = tmp_path / "d.md"
    digest.write_text("Wren-2 scores 71.4 on ARC-Challenge.\n", encoding="utf-8")
    assert main(["check", str(digest), "--source", str(bad)]) == 3
    assert "no figures" in capsys.readouterr().err


def test_a_json_source_nested_by_task_reads_as_a_table(tmp_path):
    results = tmp_path / "results.json"
    results.write_text(json.dumps({"results": {"hellaswag": {"acc": 0.5612, "acc_norm": 0.7321},
                                               "arc_easy": {"acc": 0.8104}}}), encoding="utf-8")
    from claimcheck.sources import load_sources
    (source,) = load_sources([str(results)])
    figures = {c.text for c in source.claims}
    assert {"0.5612", "0.7321", "0.8104"} <= figures


def test_a_source_that_is_the_digest_is_left_out_with_a_warning(tmp_path):
    digest = tmp_path / "digest.md"
    digest.write_text("# Notes\n\nWren-2 scores 74.1 on ARC-Challenge, up from 65.9 for Wren-1.\n", encoding="utf-8")
    copy = tmp_path / "drafts" / "digest-v2.md"
    copy.parent.mkdir()
    copy.write_text(digest.read_text().replace("# Notes", "# Notes (draft)"), encoding="utf-8")
    report = check(digest, sources=[copy.parent])
    rules = [f.rule for f in report.finding_list]
    assert "CC205" in rules and "CC202" not in rules  # nothing confirmed by itself
    sheet = tmp_path / "results.csv"
    sheet.write_text(LEADERBOARD, encoding="utf-8")
    report = check(digest, sources=[copy.parent, sheet])
    by_rule = {(f.rule, f.claim.text) for f in report.finding_list}
    assert ("CC201", "74.1") in by_rule and ("CC202", "65.9") in by_rule


def test_a_source_that_agrees_does_not_silence_one_that_disagrees(tmp_path):
    readme = tmp_path / "README.md"
    readme.write_text("# Wren\n\n| Model | ARC-Challenge | HellaSwag |\n|---|---|---|\n| Wren-2 | 72.0 | 83.0 |\n",
                      encoding="utf-8")
    sheet = tmp_path / "results.csv"
    sheet.write_text(LEADERBOARD, encoding="utf-8")
    text = "# Wren-2\n\nWren-2 scores 71.4 on ARC-Challenge and 83.0 on HellaSwag.\n"
    report = check(text, sources=[sheet, readme])
    found = {(f.rule, f.claim.text): f for f in report.finding_list}
    disagree = found[("CC204", "71.4")]
    assert disagree.severity == "warning" and "72.0" in disagree.message and "71.4" in disagree.message
    assert ("CC202", "83.0") in found and ("CC204", "83.0") not in found


def test_a_margin_between_two_systems_is_computed_from_their_source_cells(tmp_path):
    readme = tmp_path / "README.md"
    readme.write_text("| Model | MBPP | HumanEval |\n|---|---|---|\n| Ferrule | 57.4 | 48.8 |\n| Lathe | 63.0 | 52.1 |\n",
                      encoding="utf-8")
    report = check("# Notes\n\nOn MBPP, Lathe beats Ferrule by 7.6 points.\n\nOn HumanEval, Lathe beats Ferrule "
                   "by 3.3 points.\n", sources=[readme])
    found = {(f.rule, f.claim.text): f for f in report.finding_list}
    wrong = found[("CC209", "7.6 points")]
    assert abs(wrong.expected - 5.6) < 1e-9 and "63.0" in wrong.message and "57.4" in wrong.message
    assert found[("CC202", "3.3 points")].verdict == "supported"
    assert ("CC203", "3.3 points") not in found and ("CC209", "3.3 points") not in found


BOARD = "Year,Model,MRR,Hits@10,Hits@50\n2003,Osprey,0.301,0.655,0.712\n2019,Kestrel,0.3318,0.702,0.801\n"


def test_a_figure_read_without_a_frame_is_checked_against_the_cell_its_sentence_names(tmp_path):
    sheet = tmp_path / "board.csv"
    sheet.write_text(BOARD, encoding="utf-8")
    # the reader finds no owner for 0.712 ('posts a Hits@10 of'), yet the sentence names the row
    # (Osprey) and the column (Hits@10) of one cell: that cell says 0.655, and 0.712 is Hits@50's
    report = check("# Board notes\n\n- The first entry, Osprey (2003), posts a Hits@10 of 0.712.\n"
                   "- Kestrel (2019) posts a Hits@50 of 0.801.\n", sources=[sheet])
    wrong = _by_rule(report, "CC201")
    assert [f.claim.text for f in wrong] == ["0.712"]
    assert wrong[0].expected == 0.655 and "Hits@50" in wrong[0].message
    # read without a frame is not unreadable: nothing is reported as not checkable
    assert not _by_rule(report, "CC112")


def test_digits_alone_name_no_cell(tmp_path):
    # a table whose rows and columns are numbered: the sentence's other figures write those
    # numbers, and the figure's own digits are no label either
    grid = tmp_path / "grid.md"
    grid.write_text("| round | 0 | 1 | 2 |\n|---|---|---|---|\n| 5 | 4 | 9 | 3 |\n| 7 | 8 | 2 | 6 |\n", encoding="utf-8")
    report = check("# Notes\n\n- After 7 rounds the state mixes, with 2 words left at 0.50 of the width.\n",
                   sources=[grid])
    assert not _by_rule(report, "CC201")


def test_a_place_in_a_ranking_is_checked_for_a_figure_read_without_a_frame(tmp_path):
    sheet = tmp_path / "board.csv"
    sheet.write_text(BOARD, encoding="utf-8")
    # the column is named before the comma, the figure after it: 'first on Hits@10, with 0.655'
    report = check("# Board notes\n\n- Osprey is also first on Hits@10, with 0.655.\n"
                   "- Kestrel is first on Hits@50, with 0.801.\n", sources=[sheet])
    ranked = _by_rule(report, "CC208")
    assert [f.claim.text for f in ranked] == ["0.655"]
    assert "Kestrel" in ranked[0].message and ranked[0].expected == 0.702
    # a column named elsewhere in the sentence only witnesses agreement: no mismatch from it
    assert not _by_rule(report, "CC201")


def test_a_figure_with_two_digits_swapped_from_a_cell_of_the_row_it_names_is_a_mismatch(tmp_path):
    readme = tmp_path / "README.md"
    readme.write_text("# Runs\n\n| Script | Accuracy | Time |\n|---|---|---|\n| fastrun.py | 94.01% | 3.83s |\n"
                      "| slowrun.py | 95.12% | 41.7s |\n", encoding="utf-8")
    report = check("# Notes\n\nThe old `fastrun.py` took 3.38 s to reach its accuracy, and `slowrun.py` 41.7 s.\n",
                   sources=[readme])
    wrong = _by_rule(report, "CC201")
    assert [f.claim.text for f in wrong] == ["3.38 s"]
    assert wrong[0].expected == 3.83 and "swapped" in wrong[0].message and "fastrun.py" in wrong[0].message


def test_a_figure_one_digit_off_from_the_prose_of_the_source_that_names_its_system(tmp_path):
    readme = tmp_path / "README.md"
    readme.write_text("# Quantisation\n\nThe reordering trick improves Falcon-40B from 8.21 to 7.94 perplexity at 4 bits.\n",
                      encoding="utf-8")
    report = check("# Notes\n\n- With reordering, Falcon-40B moves from 8.21 to 7.84.\n", sources=[readme])
    wrong = _by_rule(report, "CC201")
    assert [f.claim.text for f in wrong] == ["7.84"] and wrong[0].expected == 7.94


def test_an_approximate_figure_is_no_digit_slip_of_a_cell(tmp_path):
    # 'about 70.6 MB' was rounded by its writer, not copied digit by digit: the cell of the row
    # its sentence names that differs in one digit is no evidence of a slip (the exact figure is)
    corpora = "# Corpora\n\n| Corpus | Files | Size (MB) |\n|---|---|---|\n| webcrawl | 1285 | 70.0 |\n| canterbury | 11 | 2.8 |\n"
    approximate = _checked_against(tmp_path, corpora, "- The webcrawl corpus holds 1,285 files (about 70.6 MB).")
    assert not [f for f in approximate.finding_list if f.rule == "CC201" and "one digit" in f.message]
    exact = _checked_against(tmp_path, corpora, "- The webcrawl corpus holds 1,285 files (70.6 MB).")
    assert [f.claim.text for f in exact.finding_list if f.rule == "CC201"] == ["70.6 MB"]


def test_no_digit_slip_where_the_source_writes_the_figure_or_the_leading_digit_differs(tmp_path):
    readme = tmp_path / "README.md"
    readme.write_text("# Runs\n\n| Script | Accuracy | Time |\n|---|---|---|\n| fastrun.py | 94.01% | 3.83s |\n"
                      "| slowrun.py | 95.12% | 41.7s |\n\nA cold start of fastrun.py takes 3.38s.\n", encoding="utf-8")
    report = check("# Notes\n\n- A cold `fastrun.py` start takes 3.38 s.\n- `slowrun.py` needs 51.7 s.\n"
                   "- `fastrun.py` scores 94% in 3.9 s.\n", sources=[readme])
    assert not [f for f in report.finding_list if f.rule == "CC201" and f.verdict == "mismatch"
                and ("swapped" in f.message or "one digit" in f.message)]


def test_a_comparison_names_its_rival_by_the_lower_of_two_header_levels(tmp_path):
    # 'Vendor' over 'kite-mini': the rival is named by its variant; a vendor word alone names none
    source = tmp_path / "eval.md"
    source.write_text("# Eval\n\n| Benchmark | Vendor | Heron |\n|---|---|---|\n| | kite-mini | 7B-RL |\n"
                      "| ARC-Hard (Acc) | 60.0 | 54.4 |\n| MBPP (Pass@1) | 71.2 | 66.9 |\n", encoding="utf-8")
    report = check("# Notes\n\n- Heron 7B-RL edges past kite-mini on ARC-Hard with 54.4.\n"
                   "- On MBPP, Heron 7B-RL trails kite-mini with 66.9.\n", sources=[source])
    contradicted = _by_rule(report, "CC210")
    assert [f.claim.text for f in contradicted] == ["54.4"] and contradicted[0].expected == 60.0


def test_only_systems_own_figures_in_a_wrong_owner_verdict(monkeypatch):
    # the learned name typer tells a system from a benchmark, a metric or a setting read as an
    # owner: a figure 'belonging to Peak Memory' in the source says nothing of whose it is
    # (the typer's answers are kept per model loaded: none of the rules-only answers stays)
    from claimcheck.extract.decide import MODEL_PATH, load_model
    from claimcheck.verify.base import system_like
    if not MODEL_PATH.is_file():
        pytest.skip("no reader model shipped")
    assert system_like("Peak Memory")  # the suite reads by rules alone: without a typer any name can be
    monkeypatch.delenv("CLAIMCHECK_READER")  # the model is loaded here
    load_model.cache_clear()
    try:
        assert system_like("Heron-13B") and system_like("Gannet 7B Instruct")
        assert system_like("Kestrel")
        assert not system_like("Peak Memory") and not system_like("Context Length")
        assert not system_like("MathQuest-500") and not system_like("")
    finally:
        load_model.cache_clear()


ZOO = ("# Results\n\n| algo | env | mean_reward | std_reward | eval_episodes |\n|---|---|---|---|---|\n"
       "| ppo | Walker-v3 | 3120.4 | 410.2 | 150 |\n| td3 | Walker-v3 | 4100.8 | 90.5 | 120 |\n")


def test_a_figure_far_from_every_figure_of_its_frame_is_not_found_rather_than_wrong(tmp_path):
    source = tmp_path / "zoo.md"
    source.write_text(ZOO, encoding="utf-8")
    # the frame read for 'posts 980' (PPO on Walker-v3) holds 3120.4, 410.2 and 150: all far
    # from 980, so the figure is more likely misread than misstated; near one, it is a slip
    report = check("# Notes\n\n- PPO posts 980 on Walker-v3 after tuning.\n- TD3 reaches 4180.8 on Walker-v3.\n",
                   sources=[source])
    by_text = {f.claim.text: f for f in report.finding_list}
    assert by_text["980"].rule == "CC203" and by_text["980"].severity == "info"
    assert by_text["4180.8"].rule == "CC201" and by_text["4180.8"].expected == 4100.8


def test_a_figure_from_another_column_of_its_own_row_says_which(tmp_path):
    source = tmp_path / "zoo.md"
    source.write_text(ZOO, encoding="utf-8")
    report = check("# Notes\n\n- PPO stands out on Walker-v3, with a mean of 410.2.\n", sources=[source])
    (wrong,) = _by_rule(report, "CC201")
    assert "std_reward" in wrong.message and wrong.expected == 3120.4


def test_a_superlative_crowns_the_figure_of_its_own_clause(tmp_path):
    source = tmp_path / "board.md"
    source.write_text("| Model | GSM8K | MBPP |\n|---|---|---|\n| Kite | 61.0 | 57.4 |\n| Hawk | 63.4 | 48.8 |\n",
                      encoding="utf-8")
    # the supported 61.0 stands in the clause before the superlative, which speaks of Hawk
    report = check("# Notes\n\nKite reaches 61.0 on GSM8K; Hawk has the highest score on MBPP.\n", sources=[source])
    assert not _by_rule(report, "CC208")
    # the figure its own phrase states is the one ranked
    report = check("# Notes\n\nOn GSM8K, Kite has the highest score at 61.0.\n", sources=[source])
    (ranked,) = _by_rule(report, "CC208")
    assert ranked.claim.text == "61.0" and ranked.expected == 63.4


def test_a_fact_sheet_states_its_frames_so_any_disagreement_is_a_mismatch(tmp_path):
    sheet = tmp_path / "facts.csv"
    sheet.write_text("subject,metric,value\nKite,mmlu,80.0\n", encoding="utf-8")
    report = check("# Notes\n\nKite scores 71.4 on MMLU.\n", sources=[sheet])
    (wrong,) = _by_rule(report, "CC201")
    assert wrong.expected == 80.0


def test_the_only_one_above_a_threshold_against_the_source_table(tmp_path):
    rows = tmp_path / "rows.md"
    rows.write_text("| Model | ARC-Hard | MBPP |\n|---|---|---|\n| Tern-S | 71.5 | 40.2 |\n| Tern-M | 81.2 | 52.0 |\n"
                    "| Tern-L | 83.0 | 61.7 |\n", encoding="utf-8")
    report = check("# Notes\n\n- Tern-M is the only model that scores more than 80 on ARC-Hard (81.2).\n"
                   "- Tern-L is the only model above 60 on MBPP, with 61.7.\n", sources=[rows])
    only = _by_rule(report, "CC208")
    assert [f.claim.text for f in only] == ["81.2"] and only[0].expected == 83.0 and "Tern-L" in only[0].message
    # systems in columns: the other systems stand along the row
    columns = tmp_path / "columns.md"
    columns.write_text("| Task | Kestrel | Gannet | Osprey |\n|---|---|---|---|\n| maze | 61.3 | 70.4 | 55.0 |\n"
                       "| average | 91.4 | 92.6 | 80.1 |\n", encoding="utf-8")
    report = check("# Notes\n\nKestrel is the only agent whose average tops 90, at 91.4.\n", sources=[columns])
    (only,) = _by_rule(report, "CC208")
    assert only.expected == 92.6 and "Gannet" in only.message
    assert not _by_rule(report, "CC201")  # 'tops 90' is a threshold, no figure of a cell


def test_a_comparison_on_every_column_between_two_named_systems(tmp_path):
    source = tmp_path / "board.md"
    source.write_text("| Model | ARC-Hard | MBPP | WER |\n|---|---|---|---|\n| Tern-M | 81.2 | 52.0 | 6.1 |\n"
                      "| Tern-L | 83.0 | 50.7 | 5.2 |\n", encoding="utf-8")
    report = check("# Notes\n\n- Tern-L beats Tern-M on every benchmark in the table.\n", sources=[source])
    (every,) = _by_rule(report, "CC210")
    assert "MBPP" in every.message and "50.7" in every.message  # WER: lower is better, Tern-L's 5.2 wins
    # where every column agrees, nothing: WER's better end is the lower
    source.write_text("| Model | ARC-Hard | MBPP | WER |\n|---|---|---|---|\n| Tern-M | 81.2 | 52.0 | 6.1 |\n"
                      "| Tern-L | 83.0 | 55.7 | 5.2 |\n", encoding="utf-8")
    report = check("# Notes\n\n- Tern-L beats Tern-M on every benchmark in the table.\n", sources=[source])
    assert not _by_rule(report, "CC210")


def test_a_digest_table_row_names_its_own_system_beside_the_one_it_beats(tmp_path):
    # '| Kestrel | mAP 71.4, 3.1 points ahead of Harrier (69.3) |': the cell names Harrier, whose
    # figure it misstates (the source has 68.3), but its row is Kestrel's and 71.4 is Kestrel's
    source = tmp_path / "kestrel.md"
    source.write_text("# Kestrel: anchors learned end to end\n\n| Method | mAP | Recall |\n|---|---|---|\n"
                      "| Harrier | 68.3 | 40.0 |\n| Kestrel | 71.4 | 52.0 |\n", encoding="utf-8")
    digest = ("# Weekly notes\n\n| # | Paper | Key result |\n|---|---|---|\n"
              "| 1 | Kestrel | COCO mAP 71.4, 3.1 points ahead of Harrier (69.3) |\n")
    flagged = _by_rule(check(digest, sources=[source]), "CC201")
    assert [(f.claim.text, f.expected) for f in flagged] == [("69.3", 68.3)]


def test_the_bundled_example_against_its_bundled_sources():
    """The example's sources (written by the project: tools/make_example_sources.py) let --source,
    the verdicts and the crops be tried from a clone: each planted slip against them is found
    and nothing else is flagged against them."""
    from claimcheck.api import example_path
    folder = example_path().parent / "example_sources"
    if not folder.is_dir():
        pytest.skip("the example's sources are not bundled with this installation")
    report = check(example_path(), sources=[folder])
    flagged = {(f.rule, f.claim.line, f.claim.text) for f in report.finding_list
               if f.rule.startswith("CC2") and f.severity != "info"}
    assert flagged == {("CC201", 8, "69.3"), ("CC201", 15, "69.3"), ("CC201", 28, "81.9"), ("CC210", 29, "64.2")}
    supported = [f for f in report.finding_list if f.verdict == "supported"]
    assert any(e.page == 2 and e.bbox for f in supported for e in f.evidence)  # PDF cells, with boxes for the crops


# -- how precise a source figure must be to state the digest's ---------------------------------

COARSE_FACTS = """paper,arxiv,subject,metric,setting,value,unit,where
Kite,2601.00001,Kite,Pile loss,,2,,Table 3
Kite,2601.00001,Kite vs Hawk,MMLU,,5,points,abstract
"""


def test_a_source_figure_far_coarser_than_the_digests_does_not_state_it(tmp_path):
    sheet = tmp_path / "facts.csv"
    sheet.write_text(COARSE_FACTS, encoding="utf-8")
    report = check("## Kite\narXiv: 2601.00001\nKite reaches a Pile loss of 1.808. It gains 4.8 points on MMLU over Hawk.\n",
                   sources=[sheet])
    found = verdicts(report)
    # a '2' cannot be where '1.808' was copied from: not support, and not a contradiction either
    assert ("1.808", "supported") not in found and ("1.808", "not found") in found
    # one digit coarser is a source's rounding of the same figure
    assert ("4.8 points", "supported") in found
    assert not [f for f in report.finding_list if f.severity == "error"]


def test_the_evidence_of_support_is_the_source_figure_as_precise_as_the_digests(tmp_path):
    source = tmp_path / "ablation.md"
    source.write_text("# Shared experts\n\nWith 1, 2 and 4 shared experts, Kite reaches a Pile loss of 1.808, "
                      "1.806 and 1.811.\n", encoding="utf-8")
    report = check("# Kite notes\n\nKite reaches a Pile loss of 1.808 with one shared expert.\n", sources=[source])
    supported = [f for f in report.finding_list if f.rule == "CC202" and f.claim.text == "1.808"]
    assert len(supported) == 1
    assert "the source's 1.808" in supported[0].message and "the source's 2 " not in supported[0].message


def test_a_digest_writing_a_sources_figure_with_more_zeros_or_one_more_digit_is_supported(tmp_path):
    source = tmp_path / "report.md"
    source.write_text("# Kite: a report\n\nWe pretrain Kite on a corpus of 2T tokens. On the held-out Pile split, Kite "
                      "reaches a loss of 1.81 after the full schedule, ahead of every baseline we ran.\n", encoding="utf-8")
    found = verdicts(check("# Kite notes\n\nKite was trained on 2.0T tokens and reaches a Pile loss of 1.808.\n",
                           sources=[source]))
    assert ("2.0T", "supported") in found and ("1.808", "supported") in found


def test_one_source_figure_is_the_expected_value_of_one_figure_of_a_sentence(tmp_path):
    # two figures of one sentence read with one frame ('7.84 versus 7.91') are two systems'
    # figures: one cell cannot be what both should have said, so neither is its mismatch
    report = _checked_against(tmp_path, "# Eval\n\n| Model | DialogJudge | CodeArena |\n|---|---|---|\n"
                              "| Kite-Chat | 7.37 | 41.6 |\n| Heron-Base | 6.12 | 38.0 |\n",
                              "- On DialogJudge, Kite-Chat posts 7.84 versus 7.91.\n- On CodeArena, Kite-Chat reaches 44.6.")
    # the figure alone in its sentence is still checked against its cell
    assert [(f.claim.text, f.expected) for f in _by_rule(report, "CC201")] == [("44.6", 41.6)]


def test_a_results_file_written_at_full_float_precision_is_read_cell_by_cell(tmp_path):
    # results files written by a program carry every digit of a float ('61.82417239417233'):
    # such a cell is still one figure, and the sentence naming its row and column is checked against it
    sheet = tmp_path / "scores.csv"
    sheet.write_text("system,exact_match,token_f1,n_items\n"
                     "Marten-3B,61.82417239417233,70.19283746152,1200\n"
                     "Ibex-7B,66.40183920174512,74.55002918273645,1200\n", encoding="utf-8")
    # (a sentence whose owner the reader misses: only the row and column it names place the figure)
    report = check("# Reading notes\n\n- The first row, Marten-3B (2024), posts an exact_match of 63.11.\n"
                   "- The second row, Ibex-7B (2025), posts a token_f1 of 74.55.\n", sources=[sheet])
    wrong = _by_rule(report, "CC201")
    assert [f.claim.text for f in wrong] == ["63.11"]
    assert "61.82417239417233" in wrong[0].message and round(wrong[0].expected, 2) == 61.82


def test_a_column_the_figure_names_by_a_defined_acronym_is_no_other_measure(tmp_path):
    # 'normalised word error rate (NWER)' is defined once; later '8.3 NWER' names the normalised
    # column by its acronym: the figure stands where its clause says, no value of the wrong column
    sheet = tmp_path / "asr.csv"
    sheet.write_text("model,word_error_rate,normalised_word_error_rate,rtf\n"
                     "Loon-S,9.7,8.3,0.04\nLoon-L,7.9,6.6,0.09\n", encoding="utf-8")
    defined = "# ASR notes\n\nWe quote the normalised word error rate (NWER).\n\n- Loon-S has a word error rate of 8.3 NWER.\n"
    assert not _by_rule(check(defined, sources=[sheet]), "CC201")
    # without the acronym's definition nothing names that column: the same figure said to be the
    # raw word error rate is the row's other measure, and that is reported
    raw = "# ASR notes\n\n- Loon-S has a word error rate of 8.3.\n"
    wrong = _by_rule(check(raw, sources=[sheet]), "CC201")
    assert [f.claim.text for f in wrong] == ["8.3"] and "normalised_word_error_rate" in wrong[0].message


def test_a_row_fixed_by_two_labels_is_the_one_whose_labels_the_figure_names(tmp_path):
    # a long results file: each row is fixed by its task and its model together; the figure's own
    # clause names both, so the one cell of that pair is its frame, not every cell of the model
    sheet = tmp_path / "long.csv"
    sheet.write_text("task,model,MAE\nriver_flow,auto_theta,0.412\nriver_flow,naive_mean,0.530\n"
                     "grid_load,auto_theta,0.377\ngrid_load,naive_mean,0.498\n", encoding="utf-8")
    wrong = _by_rule(check("# Forecast notes\n\n- On grid_load, auto_theta reaches an MAE of 0.398.\n",
                           sources=[sheet]), "CC201")
    assert [f.claim.text for f in wrong] == ["0.398"] and wrong[0].expected == 0.377
    right = _by_rule(check("# Forecast notes\n\n- On grid_load, auto_theta reaches an MAE of 0.377.\n",
                           sources=[sheet]), "CC201")
    assert not right


def test_two_figures_of_a_sentence_naming_one_cell_are_not_both_its_slips(tmp_path):
    # a sentence gives two different figures, each beside the row and column of one cell ('and its
    # rerun a Recall@5 of ...'): one cell cannot be the figure expected of both, so the sentence holds
    # a frame the table does not (a rerun), and neither figure is reported against that cell
    board = tmp_path / "board.csv"
    board.write_text("entry,Recall@5,Recall@20\nKestrel,0.613,0.802\nOsprey,0.577,0.781\n", encoding="utf-8")
    two = check("# Board notes\n\n- The first entry, Kestrel (2019), posts a Recall@5 of 0.648, "
                "and its rerun a Recall@5 of 0.652.\n", sources=[board])
    assert not _by_rule(two, "CC201")
    one = check("# Board notes\n\n- The first entry, Kestrel (2019), posts a Recall@5 of 0.648.\n", sources=[board])
    assert [f.expected for f in _by_rule(one, "CC201")] == [0.613]


SPEC = """# The Kestrel hash

## Memory Requirements

For comparison, Osprey has a footprint of at least 96 bytes.

Restricting the input to 16 KiB keeps the tree depth at 4, so the stack takes 128 bytes.

## Throughput

Osprey hashes 1.2 GB/s on one core, and Heron reaches 0.4 to 2.0 GB/s.

Wren hashes 0.7 GB/s on one core.
"""


@pytest.mark.parametrize("item", [
    # the source's 128 bytes stands under a heading, which names no system that owns it
    "- Osprey's stack needs 128 bytes at a 16 KiB cap.",
    # a range of another system's holds the figure: no value copied from another row
    "- Osprey hashes 1.4 GB/s on one core.",
])
def test_a_value_under_a_heading_or_inside_another_systems_range_is_no_other_systems_figure(tmp_path, item):
    report = _checked_against(tmp_path, SPEC, item)
    assert not [f for f in _by_rule(report, "CC201") if "in the source" in f.message]


def test_a_value_another_system_states_alone_is_still_its_figure(tmp_path):
    report = _checked_against(tmp_path, SPEC, "- Wren hashes 1.2 GB/s on one core.")
    wrong = _by_rule(report, "CC201")
    assert [f.claim.text for f in wrong] == ["1.2 GB/s"] and "Osprey's" in wrong[0].message


BOARD_OF_TWO = "# Results\n\n| Model | ArcSet | TabQA |\n|---|---|---|\n| Heron-7B | 71.2 | 44.0 |\n| Wren-7B | 68.9 | 46.5 |\n"


def test_a_value_of_one_of_several_systems_is_not_supported_where_the_digest_names_no_owner(tmp_path):
    # the source gives ArcSet to two systems; a sentence that names none of them is not confirmed
    # by the value alone: it is not found, and the verdict says whose value it is
    report = _checked_against(tmp_path, BOARD_OF_TWO, "- The open leader on ArcSet scores 71.2.")
    assert not _by_rule(report, "CC202")
    [unplaced] = _by_rule(report, "CC203")
    assert "Heron-7B's" in unplaced.message and "names no owner" in unplaced.message


@pytest.mark.parametrize("digest", ["- Heron-7B reaches 71.2 on ArcSet.", "## Heron-7B\n\nIt reaches 71.2 on ArcSet."])
def test_a_value_of_the_system_the_sentence_or_its_heading_names_is_supported(tmp_path, digest):
    report = _checked_against(tmp_path, BOARD_OF_TWO, digest)
    assert [f.claim.text for f in _by_rule(report, "CC202")] == ["71.2"]


def test_a_digest_about_one_paper_ties_a_part_whose_heading_the_paper_never_names(tmp_path):
    # a newsletter's own title ('Search Shelf') read as the owner of the figures under it is no
    # other system: against a single paper, its figures are checked against that paper
    paper = tmp_path / "paper.md"
    paper.write_text("# Heron: fast retrieval at scale\n\nHeron reaches a recall of 91.2% on the MS-Lite "
                     "benchmark, with a p99 latency of 14 ms.\n", encoding="utf-8")
    digest = tmp_path / "digest.md"

    def verdicts(latency: str) -> dict:
        digest.write_text(f"# Search Shelf: fast retrieval, revisited\n\nRecall on MS-Lite reaches 91.2%, "
                          f"at a p99 latency of {latency}.\n", encoding="utf-8")
        report = check(digest, sources=[str(paper)])
        return {f.claim.text: (f.rule, f.claim.subject) for f in report.finding_list}

    assert verdicts("14 ms")["14 ms"] == ("CC202", "Search Shelf")
    assert verdicts("14 ms")["91.2%"][0] == "CC202"


def test_a_part_headed_by_another_system_is_not_checked_against_the_papers_own_figures(tmp_path):
    paper = tmp_path / "paper.md"
    paper.write_text("# Heron: fast retrieval at scale\n\nHeron reaches a recall of 91.2% on the MS-Lite "
                     "benchmark, with a p99 latency of 14 ms.\n", encoding="utf-8")
    digest = tmp_path / "digest.md"
    digest.write_text("# Retrieval notes\n\nHeron reaches 91.2% recall on MS-Lite.\n\n## Falcon-40B\n\n"
                      "Recall on MS-Lite is 88.0%, at a p99 latency of 19 ms.\n", encoding="utf-8")
    report = check(digest, sources=[str(paper)])
    assert not [f for f in report.finding_list if f.severity != "info"]
    assert {f.claim.text: f.rule for f in report.finding_list}["88.0%"] == "CC203"


def test_an_owner_that_is_a_headings_title_ties_like_the_heading(tmp_path):
    # the learned reader may take a digest's title ('Analyst note: ...') for a figure's owner; a
    # heading's words are the digest's own, no other system: against one paper, the figure is checked
    from claimcheck.api import read_cached
    from claimcheck.ingest.text import parse_text
    from claimcheck.sources import load_sources
    from claimcheck.verify.base import Context
    from claimcheck.verify.sources import source_verdicts
    paper = tmp_path / "paper.md"
    paper.write_text("# Heron: fast retrieval at scale\n\nHeron reaches a recall of 91.2% on the MS-Lite "
                     "benchmark, with a p99 latency of 14 ms.\n", encoding="utf-8")
    title = "Analyst note: what one benchmark says about tail latency"
    digest = parse_text(f"# {title}\n\nThe p99 latency on MS-Lite is 14 ms.\n", "digest.md")
    claims = list(read_cached(digest).claims)
    latency = next(c for c in claims if c.text == "14 ms")
    assert latency.subject == ""

    def verdict(owner: str) -> str:
        ctx = Context(digest, claims, slack=0, sources=load_sources([str(paper)]), unreadable=[],
                      owners={latency.quantity.start: owner})
        return next(v for c, v, _, _ in source_verdicts(ctx) if c.text == "14 ms")

    assert verdict(title) == "supported"
    assert verdict("Falcon-40B") == "untied"  # a system the paper never names stays apart
