"""Retraining the learned reader: one command, the same weights on every run, a model that loads
and reads. Trained here on a few documents of the corpus so that the test stays short."""
from __future__ import annotations

import csv
import re
import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

pytest.importorskip("sklearn")
ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "data" / "reading"


@pytest.fixture(scope="module")
def small_corpus(tmp_path_factory) -> Path:
    """Four train documents of four genres and two dev documents, with their manifest rows."""
    root = tmp_path_factory.mktemp("corpus")
    with (CORPUS / "documents.csv").open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    chosen, genres = [], set()
    for row in rows:
        if row["split"] == "train" and row["genre"] not in genres and len(genres) < 4:
            genres.add(row["genre"])
            chosen.append(row)
    chosen += [row for row in rows if row["split"] == "dev"][:2]
    for row in chosen:
        (root / row["split"]).mkdir(exist_ok=True)
        for suffix in (".md", ".gold.json"):
            shutil.copy(CORPUS / row["split"] / f"{row['name']}{suffix}", root / row["split"] / f"{row['name']}{suffix}")
    with (root / "documents.csv").open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(chosen)
    return root


def train(corpus: Path, out: Path) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "claimcheck.learn", "train", "--corpus", str(corpus), "--out", str(out)],
                          capture_output=True, text=True, timeout=600)


def test_retraining_gives_the_same_model_byte_for_byte(small_corpus, tmp_path):
    first, second = tmp_path / "a.json", tmp_path / "b.json"
    for out in (first, second):
        result = train(small_corpus, out)
        assert result.returncode == 0, result.stderr
    assert first.read_bytes() == second.read_bytes()
    data = json.loads(first.read_text())
    assert data["format"] == "claimcheck-reader" and data["info"]["trained_on"]["documents"] == 4
    assert set(data["fields"]) == {"subject", "metric", "dataset"} and data["typer"]["classes"]
    assert "margins" not in data  # the model decides every field: no margin guards the rules' answers


def test_a_trained_model_reads_and_scores(small_corpus, tmp_path):
    out = tmp_path / "m.json"
    assert train(small_corpus, out).returncode == 0
    result = subprocess.run([sys.executable, "-m", "claimcheck.learn", "score", "--corpus", str(small_corpus),
                             "--split", "dev", "--model", str(out)], capture_output=True, text=True, timeout=600)
    assert result.returncode == 0, result.stderr
    assert "rules + model" in result.stdout and "all" in result.stdout
    # the model file is what `claimcheck extract` reads when pointed at it
    sample = next((small_corpus / "dev").glob("*.md"))
    extract = subprocess.run([sys.executable, "-m", "claimcheck", "extract", str(sample), "--format", "json"],
                             capture_output=True, text=True, timeout=300,
                             env={**{k: v for k, v in __import__("os").environ.items() if k != "CLAIMCHECK_READER"},
                                  "CLAIMCHECK_READER_MODEL": str(out), "CLAIMCHECK_CACHE": str(tmp_path)})
    assert extract.returncode == 0 and json.loads(extract.stdout)["claims"]


def test_training_without_a_corpus_is_a_clear_error(tmp_path):
    result = train(tmp_path, tmp_path / "m.json")
    assert result.returncode == 2 and "no labelled documents" in result.stderr and "Traceback" not in result.stderr


def test_a_choice_within_the_noise_of_the_best_falls_to_the_default():
    from claimcheck.learn.train import within_noise
    # 4,000 held-out answers right about 80% of the time: one standard error is about 25
    right = {0.03: 3210, 0.3: 3200, 1.0: 3195, 3.0: 3100}
    assert within_noise(right, 4000, lambda c: abs(c - 1.0)) == 1.0   # 15 behind the best: noise
    right[0.03] = 3260                                                  # 65 ahead: a real difference
    assert within_noise(right, 4000, lambda c: abs(c - 1.0)) == 0.03
    # of two options equally near the default, the smaller; nothing judged, no choice
    assert within_noise({0.4: 10, 0.6: 10}, 20, lambda t: abs(t - 0.5)) == 0.4
    assert within_noise({}, 0, abs) is None


def test_cross_validation_reads_every_train_document_with_a_model_that_never_saw_it(small_corpus):
    from claimcheck.learn.corpus import load
    from claimcheck.learn.crossval import cross_validate, fold_of
    train_docs = load(small_corpus, ("train",))
    assert len({fold_of(d, 2) for d in train_docs}) == 2  # the four repositories fall in both folds
    lines = []
    result = cross_validate(train_docs, load(small_corpus, ("dev",)), folds=2, log=lines.append)
    assert result.folds == 2 and set(result.documents) == {d.name for d in train_docs}
    for line in lines:  # each fold fitted on the documents it does not read
        found = re.search(r"fitted on (\d+) documents, reading (\d+)", line)
        assert int(found[1]) + int(found[2]) == len(train_docs) and int(found[2]) > 0
    pooled = result.pooled.counts
    assert pooled["documents"] == len(train_docs)
    assert pooled["gold"] == sum(t.counts["gold"] for t in result.documents.values())
    macro = result.macro()
    assert set(macro) == {"f1", "unit", "kind", "metric", "dataset", "subject", "setting"}
    assert 0.0 < macro["f1"] <= 1.0


def test_cross_validation_from_the_command_line(small_corpus):
    result = subprocess.run([sys.executable, "-m", "claimcheck.learn", "crossval", "--corpus", str(small_corpus),
                             "--folds", "2", "--genres", "-v"], capture_output=True, text=True, timeout=900)
    assert result.returncode == 0, result.stderr
    assert "2 folds" in result.stdout and "averaged over" in result.stdout
    assert result.stdout.count("\n  ") >= 3  # the pooled row and a row per genre read
    names = {p.name.removesuffix(".gold.json") for p in (small_corpus / "train").glob("*.gold.json")}
    mismatches = [line.split(" | ") for line in result.stdout.splitlines() if " | " in line]
    assert mismatches and all(m[0].strip() in names and len(m) == 6 for m in mismatches)  # train documents only
    bad = subprocess.run([sys.executable, "-m", "claimcheck.learn", "crossval", "--corpus", str(small_corpus),
                          "--folds", "1"], capture_output=True, text=True, timeout=60)
    assert bad.returncode == 2 and "Traceback" not in bad.stderr


def test_cross_validation_deals_the_repositories_out_several_ways(small_corpus):
    from claimcheck.learn.corpus import load
    from claimcheck.learn.crossval import fold_of
    train_docs = load(small_corpus, ("train",))
    dealings = [tuple(fold_of(d, 2, k) for d in train_docs) for k in range(6)]
    assert len(set(dealings)) > 1  # not one dealing under several names
    assert all(fold_of(d, 2, 0) == fold_of(d, 2) for d in train_docs)  # the first is the training's own
    result = subprocess.run([sys.executable, "-m", "claimcheck.learn", "crossval", "--corpus", str(small_corpus),
                             "--folds", "2", "--assignments", "2", "-v"], capture_output=True, text=True, timeout=900)
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    rows = {line.split()[0] + (" " + line.split()[1] if line.split()[0] == "dealing" else ""): line.split()
            for line in lines if line.startswith("  ") and not line.endswith(":")
            and line.split()[0] in ("all", "dealing")}
    assert set(rows) == {"all", "dealing 1", "dealing 2"}
    numbers = {name: int(row[2] if name == "all" else row[3]) for name, row in rows.items()}
    assert numbers["all"] == numbers["dealing 1"] + numbers["dealing 2"]  # every figure read once in each
    # -v: each dealing's mismatches under its own heading, none printed outside one
    headings = [k for k, line in enumerate(lines) if line in ("  dealing 1:", "  dealing 2:")]
    assert len(headings) == 2
    assert not any(" | " in line for line in lines[:headings[0]])
    assert all(any(" | " in line for line in lines[a + 1:b])
               for a, b in ((headings[0], headings[1]), (headings[1], len(lines))))


def _setting_examples(n: int):
    """Figures whose settings are exactly the proposals marked 'mine': a third have none, a third
    one, a third two (a proposal marked 'other' beside each)."""
    from claimcheck.learn.train import Examples
    examples = Examples()
    for k in range(n):
        mine = k % 3  # 0, 1 or 2 settings of its own
        candidates = [(["bias", "mark=other"], f"other {k}")] + [(["bias", "mark=mine"], f"mine {k}.{j}") for j in range(mine)]
        gold = ", ".join(text for features, text in candidates if "mark=mine" in features) or None
        none = ["none", f"count={len(candidates)}"]
        for features, text in candidates:
            examples.setting.append((features, "mark=mine" in features))
            examples.setting_rank.append((k, features, "mark=mine" in features))
        examples.setting_rank.append((k, none, gold is None))
        examples.setting_claims.append((gold, candidates, none))
    return examples


def test_the_settings_heads_are_chosen_on_the_settings_they_keep_together():
    from claimcheck.learn.train import C_GRID, THRESHOLDS, _binary_table, _fit, _fit_ranker, _kept, choose_setting
    from claimcheck.extract.decide import _linear
    from claimcheck.learn.matching import text_agrees
    fitted_on, judged = _setting_examples(60), _setting_examples(30)
    c_binary, c_rank, threshold = choose_setting([(fitted_on, judged)])
    assert c_binary in C_GRID and c_rank in C_GRID and threshold in THRESHOLDS
    binary = _linear(_binary_table(_fit(fitted_on.setting, c_binary)))
    ranker = _linear(_fit_ranker(fitted_on.setting_rank, c_rank))
    for gold, candidates, none in judged.setting_claims:
        texts = [text for _, text in candidates]
        probabilities = [binary.probability(f) for f, _ in candidates]
        ranked = [ranker.score(f) for f, _ in candidates]
        assert text_agrees(gold, _kept(probabilities, ranked, ranker.score(none), threshold, texts))
    # what the choice avoids: keeping every proposal gives the figures with no setting one
    kept_all = [_kept([1.0] * len(c), None, 0.0, threshold, [t for _, t in c]) for _, c, _ in judged.setting_claims]
    assert sum(text_agrees(gold, kept) for (gold, _, _), kept in zip(judged.setting_claims, kept_all)) == 20
