"""The learned reader's two designs compared on the dev split: a spaCy text classifier trained from
scratch on each number's context, against the shipped feature classifier over the rules' proposals.

    python benchmarks/reader_alternatives.py [--epochs 8] [--corpus data/reading]

Both decide the same two things for the same numbers (every number the reader may decide):
whether it is a claim, and, for the gold claims, which kind of figure it is. Both are trained on
the train split and measured on the dev split. The spaCy model reads the sentence or table cell
with the number marked (and a cell's headers and row label), through a tok2vec trained from
scratch on CPU (spacy.TextCatEnsemble.v2, no pretrained vectors); the feature classifier reads
the string features `claimcheck.extract.candidates.Proposer.number_features` writes. The README's
"Which learner" table comes from this script.
"""
from __future__ import annotations

import argparse
import os
import random
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ["CLAIMCHECK_READER"] = "rules"


def marked_context(proposer, site) -> str:
    """The text the spaCy model reads: the number between ⟦ ⟧ in its sentence or cell."""
    text = proposer.text
    start, end = site.unit
    start, end = max(start, site.start - 200), min(end, site.end + 200)
    context = text[start:site.start] + " ⟦ " + text[site.start:site.end] + " ⟧ " + text[site.end:end]
    if site.cell is not None:
        context = (f"headers: {' / '.join(site.cell.headers)} | row: {site.cell.row_header} | "
                   f"caption: {site.cell.caption[:80]} | cell: {context}")
    return " ".join(context.split())[:600]


def rows(extractor, documents):
    from claimcheck.extract.decide import overturnable
    from claimcheck.learn.train import document_sites
    out = []
    for labelled in documents:
        proposer, pairs = document_sites(extractor, labelled)
        for gold, site in pairs:
            if not (site.status == "claim" or site.claim is not None or overturnable(site.status, site.reason)):
                continue
            is_claim = bool(gold and gold.get("claim") is True)
            kind = gold.get("kind") if is_claim else None
            kind = kind[0] if isinstance(kind, list) else kind
            out.append((marked_context(proposer, site), proposer.number_features(site), is_claim, kind))
    return out


def train_spacy(examples, labels, epochs: int, seed: int = 0):
    import spacy
    from spacy.training import Example
    spacy.util.fix_random_seed(seed)
    nlp = spacy.blank("en")
    textcat = nlp.add_pipe("textcat", config={"model": {
        "@architectures": "spacy.TextCatEnsemble.v2",
        "tok2vec": {"@architectures": "spacy.Tok2Vec.v2",
                    "embed": {"@architectures": "spacy.MultiHashEmbed.v2", "width": 64,
                              "attrs": ["NORM", "PREFIX", "SUFFIX", "SHAPE"], "rows": [5000, 1000, 2500, 2500],
                              "include_static_vectors": False},
                    "encode": {"@architectures": "spacy.MaxoutWindowEncoder.v2", "width": 64, "window_size": 1,
                               "maxout_pieces": 3, "depth": 2}},
        "linear_model": {"@architectures": "spacy.TextCatBOW.v3", "exclusive_classes": True, "ngram_size": 1,
                         "no_output_layer": False}}})
    for label in labels:
        textcat.add_label(label)
    data = [Example.from_dict(nlp.make_doc(text), {"cats": {l: float(l == label) for l in labels}})
            for text, label in examples]
    optimizer = nlp.initialize(lambda: data)
    rng = random.Random(seed)
    for _ in range(epochs):
        rng.shuffle(data)
        for batch in spacy.util.minibatch(data, size=32):
            nlp.update(batch, sgd=optimizer, drop=0.1)
    return nlp


def prf(pairs):
    tp = sum(1 for p, y in pairs if p and y)
    fp = sum(1 for p, y in pairs if p and not y)
    fn = sum(1 for p, y in pairs if not p and y)
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    return precision, recall, 2 * precision * recall / (precision + recall) if precision + recall else 0.0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--epochs", type=int, default=8)
    parser.add_argument("--corpus", type=Path, default=ROOT / "data" / "reading")
    args = parser.parse_args()
    from claimcheck.extract.claims import ClaimExtractor
    from claimcheck.extract.decide import _linear, _multiclass
    from claimcheck.learn import train as T
    from claimcheck.learn.corpus import load
    extractor = ClaimExtractor()
    train_rows = rows(extractor, load(args.corpus, ("train",)))
    dev_rows = rows(extractor, load(args.corpus, ("dev",)))
    print(f"numbers: train {len(train_rows)}, dev {len(dev_rows)}")

    start = time.perf_counter()
    claim = _linear(T._binary_table(T._fit([(f, y) for _, f, y, _ in train_rows], 3.0)))
    kind = _multiclass(T._multiclass_table(T._fit([(f, k) for _, f, y, k in train_rows if y], 3.0)))
    features_time = time.perf_counter() - start
    feature_claims = prf([(claim.score(f) >= 0, y) for _, f, y, _ in dev_rows])
    feature_kind = sum(kind.choose(f) == k for _, f, y, k in dev_rows if y) / max(1, sum(y for *_, y, _ in dev_rows))

    start = time.perf_counter()
    claim_nlp = train_spacy([(t, "claim" if y else "other") for t, _, y, _ in train_rows], ["claim", "other"], args.epochs)
    kinds = sorted({k for *_, y, k in train_rows if y})
    kind_nlp = train_spacy([(t, k) for t, _, y, k in train_rows if y], kinds, args.epochs)
    spacy_time = time.perf_counter() - start
    spacy_claims = prf([(claim_nlp(t).cats["claim"] >= 0.5, y) for t, _, y, _ in dev_rows])
    spacy_kind = sum(max(kind_nlp(t).cats.items(), key=lambda kv: kv[1])[0] == k
                     for t, _, y, k in dev_rows if y) / max(1, sum(y for *_, y, _ in dev_rows))

    print("\nDev split, numbers the reader decides (claim P / R / F1; kind accuracy on gold claims):")
    print(f"  feature classifier (shipped): P {feature_claims[0]:.3f} R {feature_claims[1]:.3f} "
          f"F1 {feature_claims[2]:.3f}; kind {feature_kind:.3f}; trained in {features_time:.1f} s")
    print(f"  spaCy textcat (from scratch): P {spacy_claims[0]:.3f} R {spacy_claims[1]:.3f} "
          f"F1 {spacy_claims[2]:.3f}; kind {spacy_kind:.3f}; trained in {spacy_time:.1f} s ({args.epochs} epochs)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
