"""A results file per model, as evaluation harnesses write them: `{"results": {task: {metric:
fraction}}, "config": {...}}`. Its tasks are rows of one table, its configuration a table of its
own, its model the one its configuration or its file name names, and its fractions the
percentages a digest quotes."""
from __future__ import annotations

import json

from claimcheck.api import check
from claimcheck.sources import load_sources
from claimcheck.verify.base import same_figure
from claimcheck.model import Claim, Quantity


def _harness_file(folder, stem: str, path: str, scores: dict) -> str:
    data = {"results": scores,
            "versions": {task: 0 for task in scores},
            "config": {"model": "hf-causal", "model_args": f"pretrained={path},dtype=float16", "num_fewshot": 0}}
    target = folder / f"{stem}.json"
    target.write_text(json.dumps(data, indent=2), encoding="utf-8")
    return str(target)


SMALL = {"arc_easy": {"acc": 0.6112794612794613, "acc_norm": 0.5635521885521886},
         "boolq": {"acc": 0.7021406727828746},
         "openbookqa": {"acc": 0.262, "acc_norm": 0.384},
         "mc_taco": {"em": 0.1186186186186186, "f1": 0.4618181818181818}}
LARGE = {"arc_easy": {"acc": 0.7045454545454546, "acc_norm": 0.6489898989898990},
         "boolq": {"acc": 0.7642201834862385},
         "openbookqa": {"acc": 0.298, "acc_norm": 0.414},
         "mc_taco": {"em": 0.1231231231231231, "f1": 0.4702702702702703}}


def test_a_harness_file_reads_as_its_models_tasks(tmp_path):
    path = _harness_file(tmp_path, "wren-3b_suite_0-shot", "/scratch/ckpt/wren/3b", SMALL)
    (source,) = load_sources([path])
    figures = {(c.subject, c.dataset, c.metric, c.text) for c in source.claims}
    # the model is the file's ('3b' in the path says less than 'wren-3b' in the file's name)
    assert ("wren-3b", "arc_easy", "accuracy", "0.6112794612794613") in figures
    # a task scored by other metrics stays in the tasks' table, not in a table of its own
    assert any(d == "mc_taco" and s == "wren-3b" and m == "f1" for s, d, m, _ in figures)
    # the versions and the configuration are not the model's scores
    assert not any(s == "wren-3b" and t == "0" for s, _, _, t in figures)


def test_a_digest_quoting_the_fractions_as_percentages_is_checked_against_them(tmp_path):
    sources = [_harness_file(tmp_path, "wren-3b_suite_0-shot", "/scratch/ckpt/wren/3b", SMALL),
               _harness_file(tmp_path, "wren-7b_suite_0-shot", "/scratch/ckpt/wren/7b", LARGE)]
    digest = tmp_path / "digest.md"
    digest.write_text("# Wren 3B vs 7B on the harness\n\n"
                      "| Model | ARC-Easy (acc) | BoolQ (acc) |\n|---|---|---|\n"
                      "| Wren-3B | 61.1 | 70.2 |\n| Wren-7B | 70.5 | 76.9 |\n", encoding="utf-8")
    report = check(digest, sources=sources)
    verdicts = {(f.claim.text, f.rule) for f in report.finding_list if f.rule.startswith("CC20")}
    assert {("61.1", "CC202"), ("70.5", "CC202"), ("70.2", "CC202")} <= verdicts
    # 76.9 is no cell's: the 7B's BoolQ accuracy is 0.7642 (76.4)
    wrong = next(f for f in report.finding_list if f.claim.text == "76.9" and f.rule == "CC201")
    assert abs(wrong.expected - 76.4) < 0.05 or abs(wrong.expected - 0.764) < 0.0005


def test_a_fraction_written_to_every_digit_agrees_with_its_rounding():
    def figure(text: str, value: float, decimals: int, scale: float = 1.0) -> Claim:
        q = Quantity(text=text, start=0, end=len(text), value=value, decimals=decimals, scale=scale)
        return Claim(document="d", quantity=q, kind="score", line=1, column=1, sentence=(0, 1))
    exact = figure("0.6112794612794613", 0.6112794612794613, 16)
    assert same_figure(figure("0.61", 0.61, 2), exact) and same_figure(exact, figure("0.611", 0.611, 3))
    assert not same_figure(figure("0.62", 0.62, 2), exact)
    # a rounding interval is half-open: 0.615 rounds to 0.62, not 0.61
    assert not same_figure(figure("0.61", 0.61, 2), figure("0.615", 0.615, 20))


def test_files_of_one_folder_are_named_by_what_tells_them_apart(tmp_path):
    # no configuration names the model: the part of the file name its siblings do not share does
    for name, score in (("wren-3b", 0.412), ("wren-7b", 0.473)):
        (tmp_path / f"eval_{name}.detail.json").write_text(
            json.dumps({"results": {"gsm8k": {"exact_match": score, "exact_match_stderr": 0.013},
                                    "math": {"exact_match": score / 2}}}), encoding="utf-8")
    sources = load_sources([tmp_path])
    owners = {c.subject for s in sources for c in s.claims if c.dataset == "gsm8k"}
    assert owners == {"wren-3b", "wren-7b"}
    # alone in its folder, a file gets no such name
    alone = tmp_path / "alone"
    alone.mkdir()
    (alone / "eval_wren-3b.detail.json").write_text((tmp_path / "eval_wren-3b.detail.json").read_text(), encoding="utf-8")
    assert not any(c.subject == "wren-3b" for s in load_sources([alone]) for c in s.claims)


def test_the_shots_a_file_was_run_with_are_every_figures_setting(tmp_path):
    path = _harness_file(tmp_path, "wren-3b_suite_5-shot", "/scratch/ckpt/wren/3b", SMALL)
    data = json.loads((tmp_path / "wren-3b_suite_5-shot.json").read_text())
    data["config"]["num_fewshot"] = 5
    (tmp_path / "wren-3b_suite_5-shot.json").write_text(json.dumps(data), encoding="utf-8")
    (source,) = load_sources([path])
    scores = [c for c in source.claims if c.dataset == "arc_easy"]
    assert scores and all("shots:5-shot" in c.setting for c in scores)
