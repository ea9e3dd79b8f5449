"""The learned reader: its model file loads without running code and refuses what is not a
model; its choices follow its weights; training is deterministic. Documents are our own."""
from __future__ import annotations

import json
import os

import pytest

from claimcheck.extract import decide
from claimcheck.extract.candidates import Proposer
from claimcheck.extract.claims import ClaimExtractor
from claimcheck.extract.reader import apply_model, category_of
from claimcheck.ingest.text import parse_text

DOC = """# Finch report

Finch reaches 71.2 on FooQA, ahead of Wren (68.0), with a batch size of 32.

| Model | EM | Latency (ms) |
|---|---|---|
| Finch | 61.5 | 12 |
| Wren | 58.0 | 15 |
"""


def empty_model(**overrides) -> dict:
    scorer = {"bias": 0.0, "weights": {}}
    data = {"format": decide.FORMAT, "version": decide.VERSION,
            "claim": {"bias": 5.0, "weights": {}, "threshold": 0.5},
            "reason": {"classes": ["other"], "scorers": {"other": scorer}},
            "kind": {"classes": ["score", "latency"], "scorers": {"score": scorer, "latency": scorer}},
            "fields": {name: scorer for name in ("subject", "metric", "dataset", "baseline")},
            "setting": {"bias": -5.0, "weights": {}, "threshold": 0.5}}
    data.update(overrides)
    return data


@pytest.fixture(scope="module")
def extractor():
    # conftest runs every test with CLAIMCHECK_READER=rules; the model is passed in explicitly
    return ClaimExtractor()


def run(extractor, model_data, text=DOC):
    model = decide.parse_model(json.dumps(model_data))
    reading, units, claims, bare, others = extractor._read_by_rules(parse_text(text, "t.md"))
    return apply_model(model, Proposer(reading, units), claims, bare, others)


@pytest.mark.parametrize("raw", ['{"format": "other"}', "[]", '{"format": "claimcheck-reader", "version": 1}',
                                 '{"format": "claimcheck-reader", "version": 99}'])
def test_a_file_that_is_not_a_reader_model_is_refused(raw):
    with pytest.raises(decide.ModelError):
        decide.parse_model(raw)


def test_the_claim_weight_decides_claim_or_not(extractor):
    claims, others = run(extractor, empty_model())
    assert {c.text for c in claims} >= {"71.2", "61.5", "12"}
    # a strongly negative bias makes every number a non-claim, each with a reason
    claims, others = run(extractor, empty_model(claim={"bias": -5.0, "weights": {}, "threshold": 0.5}))
    assert claims == []
    assert all(n.reason for n in others)


def test_code_and_identifiers_stay_as_the_rules_read_them(extractor):
    text = "Run `serve --port 8080` and read https://example.org/v2/71.5 for Finch's 71.2 accuracy.\n"
    claims, others = run(extractor, empty_model(), text)
    assert [c.text for c in claims] == ["71.2"]
    assert any(n.reason.startswith("code") for n in others)


def test_candidate_weights_choose_the_subject(extractor):
    # with no weights the first candidate (the rules' reading) wins ties
    claims, _ = run(extractor, empty_model())
    by_text = {c.text: c for c in claims}
    assert by_text["61.5"].subject == "Finch" and by_text["58.0"].subject == "Wren"
    # a weight on the empty answer makes every subject empty
    fields = {name: {"bias": 0.0, "weights": {}} for name in ("metric", "dataset", "baseline")}
    fields["subject"] = {"bias": 0.0, "weights": {"null": 10.0}}
    claims, _ = run(extractor, empty_model(fields=fields))
    assert all(c.subject == "" for c in claims)


def test_the_model_overturns_the_rules_answer_by_any_amount_unless_its_file_states_a_margin(extractor):
    """A trained model decides every field: an answer it scores above the rules' own wins however
    small the lead. A model file that states a margin (as older retrainings wrote) keeps the rules'
    answer unless another beats it by that margin."""
    fields = {name: {"bias": 0.0, "weights": {}} for name in ("metric", "dataset", "baseline")}
    fields["subject"] = {"bias": 0.0, "weights": {"null": 0.3}}  # the empty answer leads by a little
    claims, _ = run(extractor, empty_model(fields=fields))
    assert all(c.subject == "" for c in claims)
    stated = {"subject@cell": 1.0, "subject@prose": 1.0}
    claims, _ = run(extractor, empty_model(fields=fields, margins=stated))
    by_text = {c.text: c for c in claims}
    assert by_text["61.5"].subject == "Finch" and by_text["58.0"].subject == "Wren"


def test_the_kind_head_names_the_category(extractor):
    kind = {"classes": ["score", "latency"],
            "scorers": {"score": {"bias": 0.0, "weights": {}}, "latency": {"bias": 0.0, "weights": {"dim=time": 3.0}}}}
    claims, _ = run(extractor, empty_model(kind=kind))
    by_text = {c.text: c for c in claims}
    assert category_of(by_text["12"]) == "latency" and category_of(by_text["61.5"]) == "score"


def test_the_shipped_model_loads_fast_and_is_json():
    if not decide.MODEL_PATH.exists():
        pytest.skip("no model trained yet")
    import time
    raw = decide.MODEL_PATH.read_text(encoding="utf-8")
    json.loads(raw)  # plain JSON: nothing to execute
    start = time.process_time()  # CPU of this process: another process's load is not counted
    decide.parse_model(raw)
    assert time.process_time() - start < 1.0
    assert decide.MODEL_PATH.stat().st_size < 25_000_000


def test_scoring_shared_proposals_once_chooses_what_ranking_every_candidate_chooses():
    """The fast path (`Proposer.scored` with `ReaderModel.pick`) is exact: on labelled documents
    it picks the same answer, with the same scores, as ranking the built candidates."""
    if not decide.MODEL_PATH.exists():
        pytest.skip("no model trained yet")
    from pathlib import Path
    from claimcheck.learn.corpus import load
    from claimcheck.learn.train import document_sites
    model = decide.parse_model(decide.MODEL_PATH.read_text(encoding="utf-8"))
    extractor = ClaimExtractor()
    corpus = Path(__file__).resolve().parent.parent / "data" / "reading"
    decisions = 0
    for labelled in load(corpus, ("dev",))[:6]:
        proposer, pairs = document_sites(extractor, labelled, model.typer)
        for _, site in pairs:
            if site.claim is None:
                continue
            place = "cell" if site.where == "cell" else "prose"
            fields = model.fields_to_rank(site.claim, place)
            built = proposer.candidates(site, fields)
            scored = proposer.scored(site, fields, model.fields)
            for name in fields:
                chosen = model.rank(name, built[name], place)
                assert (chosen.text, chosen.value) == model.pick(name, scored[name], place)
                assert sorted(round(model.fields[name].candidate_score(c), 9) for c in built[name]) == \
                    sorted(round(item[0], 9) for item in scored[name])
                decisions += 1
            candidates = proposer.setting_candidates(site)
            kept = [(c.text, c.value) for c in candidates if model.setting.probability_of(c) >= model.setting_threshold]
            if model.setting_rank is not None and candidates:
                scores = [model.setting_rank.candidate_score(c) for c in candidates]
                best = max(range(len(candidates)), key=lambda i: (scores[i], -i))
                none = model.setting_rank.score(proposer.setting_null(site, len(candidates)))
                if scores[best] > none and (candidates[best].text, candidates[best].value) not in kept:
                    kept.insert(0, (candidates[best].text, candidates[best].value))
            assert kept == proposer.kept_settings(site, model.setting, model.setting_threshold, model.setting_rank)
    assert decisions > 300


def _subject_candidates(extractor, text, figure):
    proposer, sites = extractor.sites(parse_text(text, "t.md"))
    site = next(s for s in sites if s.text.startswith(figure))
    return {c.text: c for c in proposer.candidates(site, ("subject",))["subject"]}


def test_a_function_word_that_opens_a_sentence_is_not_part_of_the_name(extractor):
    text = "Although Finch-2 holds 71.2 on FooQA, Wren falls to 60.1 there.\n"
    found = _subject_candidates(extractor, text, "71.2")
    assert "Finch-2" in found and "Although Finch-2" not in found


def test_the_nearest_name_before_a_figure_and_a_possessive_are_marked(extractor):
    text = "Against Finch, Wren's latency is 40 ms on FooQA.\n"
    found = _subject_candidates(extractor, text, "40")
    assert "nearest_before" in found["Wren"].all_features() and "possessive" in found["Wren"].all_features()
    assert "nearest_before" not in found["Finch"].all_features()


SETTINGS = "Finch reaches 71.2 on FooQA in the 5-shot setting on one A100 GPU.\n"


def test_the_setting_ranker_keeps_the_one_setting_it_ranks_above_none(extractor):
    # the binary head (bias -5) keeps nothing; the ranker alone decides
    def settings(weights):
        claims, _ = run(extractor, empty_model(setting_rank={"bias": 0.0, "weights": weights}), SETTINGS)
        return next(c for c in claims if c.text == "71.2").setting_text
    assert settings({"null": 5.0}) == ()
    shots = settings({"type=shots": 3.0})
    assert len(shots) == 1 and "5-shot" in shots[0]
    hardware = settings({"type=hardware": 3.0})
    assert len(hardware) == 1 and "a100" in hardware[0].lower()
    # a model without a ranker keeps what the binary head keeps, as before
    claims, _ = run(extractor, empty_model(), SETTINGS)
    assert next(c for c in claims if c.text == "71.2").setting_text == ()


def test_names_of_the_sentence_before_and_the_lines_above_a_table_are_candidates(extractor):
    text = ("We test Finch on FooQA with a longer prompt. It reaches 71.2 there.\n\n"
            "Results of Wren on BarBench:\n\n| Split | EM |\n|---|---|\n| test | 58.0 |\n")
    prose = _subject_candidates(extractor, text, "71.2")
    assert "src=previous_name" in prose["Finch"].sources and "src=previous_name" in prose["FooQA"].sources
    proposer, sites = extractor.sites(parse_text(text, "t.md"))
    site = next(s for s in sites if s.text.startswith("58.0"))
    datasets = {c.text: c for c in proposer.candidates(site, ("dataset",))["dataset"]}
    assert "src=intro_name" in datasets["BarBench"].sources and "src=intro_name" in datasets["Wren"].sources


def test_a_subject_candidate_knows_how_near_before_the_figure_it_was_written(extractor):
    # the document's frequent name is proposed everywhere; where the lines above wrote it, it says so
    text = ("# Finch\n\nFinch is a model. Finch is small. Finch is fast.\n\n"
            + "Unrelated filler prose about nothing at all. " * 60
            + "\n\nIt scores 71.2 on FooQA.\n\nFinch was trained for a week.\nIt also scores 64.0 on BarQA.\n")
    far = _subject_candidates(extractor, text, "71.2")["Finch"].all_features()
    near = _subject_candidates(extractor, text, "64.0")["Finch"].all_features()
    assert "seen=para" in near and "seen=para" not in far
    assert any(f.startswith("seen=") for f in far)


def test_a_named_subset_is_a_setting_and_a_column_of_row_numbers_is_none(extractor):
    text = ("Scores on the **hardmini** subset (500 items):\n\n"
            "| # | Model | # GPUs | Score |\n|---|---|---|---|\n| 1 | Lark | 8 | 61.5 |\n| 2 | Wren | 4 | 58.0 |\n")
    proposer, sites = extractor.sites(parse_text(text, "t.md"))
    site = next(s for s in sites if s.text == "58.0")
    texts = {c.text: c for c in proposer.setting_candidates(site)}
    assert any("hardmini" in t for t in texts)  # 'the X subset' names a split, from the lines above
    assert "4 GPUs" in texts  # a '# GPUs' column counts something: a configuration
    assert "2" not in texts and not any(t.strip() == "2" for t in texts)  # '#' numbers the rows
    from claimcheck.extract.vocabulary import settings_in
    assert settings_in("on the Diamond split of FooQA") == {"split:diamond"}
    assert not settings_in("we split the data and kept the subset we could clean")


def test_a_short_capitalised_key_and_a_number_after_at_is_a_configuration():
    # 'at EP 16', 'at TP 4': the figures of the sentence are of that configuration, and two
    # sentences under two of them state two figures, not one stated twice
    from claimcheck.extract.vocabulary import settings_in
    from claimcheck.verify.base import settings_conflict
    eight = settings_in("At EP 8, dispatch takes 77 us at 98 GB/s.")
    sixteen = settings_in("At EP 16 dispatch needs 118 us and 63 GB/s.")
    assert eight == {"configuration:ep 8"} and sixteen == {"configuration:ep 16"}
    assert settings_conflict(eight, sixteen)
    assert not settings_in("at the end of the run, speed was 63 GB/s")


def test_a_name_the_document_calls_a_benchmark_is_marked_wherever_it_is_proposed(extractor):
    # the whole document is about one benchmark, said once in prose far from the table
    text = ("# Results\n\nEvery entry below was run on the [Quokka-QA dataset](https://example.org/q).\n\n"
            "## Quokka-QA\n\n"
            "| Model | EM | Cost |\n|---|---|---|\n| Heron | 61.0 | 3.1 |\n| Wren | 40.2 | 0.5 |\n")
    proposer, sites = extractor.sites(parse_text(text, "t.md"))
    site = next(s for s in sites if s.text == "61.0")
    datasets = {c.text: c for c in proposer.candidates(site, ("dataset",))["dataset"]}
    called = {t for t, c in datasets.items() if "called_benchmark" in c.all_features()}
    assert called == {"Quokka-QA"}  # proposed by the heading above, marked by the prose far before



def test_a_key_a_program_printed_before_a_figure_is_a_measure_candidate(extractor):
    text = ("Our load test printed:\n\n```\nRunning 10s test @ http://localhost:8080\n"
            "Served/sec:     48211.07\nbytes in: 7.3MB | frames out: 9120 | step 40/ 75\n```\n")
    proposer, sites = extractor.sites(parse_text(text, "t.md"))

    def keys(figure):
        site = next(s for s in sites if s.text.startswith(figure))
        return {c.text for c in proposer.candidates(site, ("metric",))["metric"] if "src=printed_key" in c.sources}
    assert keys("48211.07") == {"Served/sec"}
    assert keys("7.3") == {"bytes in"} and keys("9120") == {"frames out"}
    assert keys("75") == set()  # 'step 40/' holds a figure: a counter, not a key

_READ_SETTINGS = """
import json, sys
from claimcheck.extract.claims import default_extractor
from claimcheck.ingest.text import parse_text
text = open(sys.argv[1], encoding="utf-8").read()
print(json.dumps([list(c.setting_text) for c in default_extractor().extract(parse_text(text, "doc"))]))
"""


def test_the_reading_is_the_same_under_any_hash_seed(tmp_path):
    """Sets are iterated in an order Python's hash seed decides: a reading that followed it
    would list a figure's settings in another order on the next run. A table of the corpus
    whose cells carry two settings each is read under two seeds, by the shipped model with a
    keep-threshold low enough that its settings head keeps several (the shipped file may keep
    only the ranker's first)."""
    import subprocess
    import sys
    from pathlib import Path

    from claimcheck.extract.decide import MODEL_PATH
    if not MODEL_PATH.is_file():
        pytest.skip("no reader model shipped")
    data = json.loads(MODEL_PATH.read_text(encoding="utf-8"))
    data["setting"]["threshold"] = 0.3
    model = tmp_path / "model.json"
    model.write_text(json.dumps(data), encoding="utf-8")
    document = Path(__file__).resolve().parent.parent / "data/reading/train/paper_qwen2_5_omni_audio_to_text.md"
    outputs = []
    for seed in ("1", "2"):
        env = dict(os.environ, PYTHONHASHSEED=seed, CLAIMCHECK_READER_MODEL=str(model))
        env.pop("CLAIMCHECK_READER", None)  # the suite reads by rules alone; the model is read here
        done = subprocess.run([sys.executable, "-c", _READ_SETTINGS, str(document)], check=True, env=env,
                              capture_output=True, text=True)
        outputs.append(json.loads(done.stdout))
    assert sum(1 for s in outputs[0] if len(s) > 1) >= 5  # the case is there to be decided
    assert outputs[0] == outputs[1]


def test_a_column_headed_as_a_change_tells_the_kind_head_so():
    """'Diff', '% Change vs Previous' and 'Δ' head columns of changes; 'Accuracy' does not."""
    text = ("| Model | Accuracy | Δ vs base | % Change Memory |\n|---|---|---|---|\n"
            "| Heron | 71.2 | +2.1 | -14.9% |\n")
    proposer, sites = ClaimExtractor().sites(parse_text(text, "t.md"), None)
    changes = {s.text: "hdr_change" in proposer.number_features(s) for s in sites if s.cell is not None}
    assert changes == {"71.2": False, "+2.1": True, "-14.9%": True}


def test_a_claim_with_the_models_choices_equals_one_built_again():
    """The model's choices are set on a claim by copying its fields (faster than the dataclass's
    replace): the copy must equal, hash and compare as the claim built by `replace` would."""
    from dataclasses import replace

    from claimcheck.extract.reader import _with_fields
    claim = ClaimExtractor().extract(parse_text(DOC))[0]
    changes = {"subject": "Wren", "metric": "em", "setting": frozenset({"shots:5-shot"}), "setting_text": ("5-shot",)}
    copied = _with_fields(claim, changes)
    rebuilt = replace(claim, **changes)
    assert copied == rebuilt and hash(copied) == hash(rebuilt)
    assert copied.subject == "Wren" and claim.subject != "Wren"  # the original is untouched
    with pytest.raises(TypeError):
        _with_fields(claim, {"subjekt": "Wren"})


def test_the_benchmark_a_document_is_about_is_proposed_far_from_its_name(extractor):
    # the opening names the benchmark once; the figures sit in a later section's table and prose
    text = ("# Weekly standings\n\nThis week's update of the Tidepool Arena leaderboard: every pairing was "
            "judged by the Tidepool Arena crowd and the Tidepool Arena rating moved.\n\n"
            + "Notes on the voting pipeline and how ties are broken. " * 30
            + "\n\n## Standings\n\n| Model | Rating |\n|---|---|\n| Heron | 1112 |\n| Wren | 1045 |\n\n"
            "## Remarks\n\nHeron gained 12 rating points over last week.\n")
    proposer, sites = extractor.sites(parse_text(text, "t.md"))
    for figure in ("1112", "12"):
        site = next(s for s in sites if s.text == figure)
        datasets = {c.text: c for c in proposer.candidates(site, ("dataset",))["dataset"]}
        assert "src=doc_benchmark" in datasets["Tidepool Arena"].sources
        assert "doc_bench_rank=0" in datasets["Tidepool Arena"].all_features()
    # a document that names no benchmark proposes none of its own
    plain = "# Notes\n\nHeron is quick. Wren is slow.\n\n| Model | Rating |\n|---|---|\n| Heron | 1112 |\n"
    proposer, sites = extractor.sites(parse_text(plain, "t.md"))
    site = next(s for s in sites if s.text == "1112")
    assert not any("src=doc_benchmark" in c.sources for c in proposer.candidates(site, ("dataset",))["dataset"])


def test_what_the_caption_and_the_lines_above_a_table_say_it_measures_are_metric_candidates(extractor):
    text = ("## Held-out results\n\nFive-shot accuracies of each model are listed below.\n\n"
            "| Model | Algebra | Geometry |\n|---|---|---|\n| Heron | 61.0 | 55.2 |\n| Wren | 40.2 | 38.9 |\n\n"
            "Table 2: Refusal rates per domain, under greedy decoding (pass@1).\n\n"
            "| Model | Travel | Banking |\n|---|---|---|\n| Heron | 3.1 | 4.4 |\n")
    proposer, sites = extractor.sites(parse_text(text, "t.md"))

    def metrics(figure):
        site = next(s for s in sites if s.text == figure)
        return {c.text: c.sources for c in proposer.candidates(site, ("metric",))["metric"]}
    first = metrics("55.2")
    assert "src=intro_metric_word" in first["accuracy"]  # the plural of the prose made singular
    assert "src=intro_metric_word" in first["Five-shot accuracy"]
    second = metrics("4.4")
    assert any("caption" in s for s in second.get("Refusal rate", ()))
    assert not any("intro_metric_word" in s for s in second.get("accuracy", ()))  # the first table's words stay there


def test_plural_metric_words_are_made_singular_and_other_words_are_left():
    from claimcheck.extract.candidates import singular_metric_words
    assert singular_metric_words("accuracies, latencies and scores") == "accuracy, latency and score"
    assert singular_metric_words("Error rates grew three times") == "Error rate grew three times"  # a multiple, not a time
    assert singular_metric_words("the bosses' losses in Texas") == "the bosses' losses in Texas"


def test_a_model_is_offered_only_the_proposals_it_was_trained_with(extractor):
    # a model that weighs the metric phrases above a table; a file that does not say it learned
    # them (every file before they existed) is not offered them, so its reading does not change
    text = ("Refusal rates of each model are listed below.\n\n"
            "| Model | Travel | Banking |\n|---|---|---|\n| Heron | 3.1 | 4.4 |\n| Wren | 2.0 | 5.5 |\n")
    weights = {"src=intro_metric_word": 8.0, "null": 0.0}
    scorer = {"bias": 0.0, "weights": weights}
    fields = {name: scorer for name in ("subject", "metric", "dataset", "baseline")}

    def metric_of(data):
        model = decide.parse_model(json.dumps(data))
        read = extractor.read(parse_text(text, "t.md"), model=model)
        return next(c for c in read.claims if c.text == "4.4").metric_text
    assert decide.parse_model(json.dumps(empty_model())).proposals == 1
    assert metric_of(empty_model(fields=fields, proposals=2)).endswith("rate")  # from the line above
    assert not metric_of(empty_model(fields=fields)).endswith("rate")
    with pytest.raises(decide.ModelError):
        decide.parse_model(json.dumps(empty_model(proposals="many")))
