"""python -m claimcheck.learn train | score

  train [--corpus DIR] [--out FILE]    retrain the reader from DIR/train (C chosen on DIR/dev)
                                       and write its weights (default: the model the package ships)
  score [--corpus DIR] [--split S...] [--rules] [--model FILE] [--genres] [-v]
                                       claim detection and field accuracy per split (and genre)
  crossval [--corpus DIR] [--folds N] [--assignments K] [--genres] [-v]
                                       each fold of DIR/train read by a model fitted on the others:
                                       the figures pooled and averaged per document; with K > 1,
                                       the repositories dealt to the folds K ways and every figure
                                       read K times (-v: every held-out mismatch)
  agreement [--corpus DIR]             how far the second labels (DIR/second) agree with the first
"""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

from ..extract.decide import MODEL_PATH, ModelError, parse_model
from .corpus import ROOT, SPLITS


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(prog="python -m claimcheck.learn", description=__doc__.splitlines()[0])
    commands = parser.add_subparsers(dest="command", required=True)
    train = commands.add_parser("train", help="retrain the reader from the corpus")
    train.add_argument("--corpus", type=Path, default=ROOT)
    train.add_argument("--out", type=Path, default=MODEL_PATH)
    score = commands.add_parser("score", help="score the reader on the corpus")
    score.add_argument("--corpus", type=Path, default=ROOT)
    score.add_argument("--split", nargs="+", default=["dev"], choices=SPLITS)
    score.add_argument("--rules", action="store_true", help="the rules alone, no model")
    score.add_argument("--model", type=Path, default=MODEL_PATH)
    score.add_argument("--genres", action="store_true", help="a row per genre")
    score.add_argument("-v", action="store_true", dest="verbose", help="every mismatch")
    crossval = commands.add_parser("crossval", help="cross-validated scores of retraining on the train split")
    crossval.add_argument("--corpus", type=Path, default=ROOT)
    crossval.add_argument("--folds", type=int, default=5)
    crossval.add_argument("--assignments", type=int, default=1,
                          help="deal the repositories to the folds this many ways and pool the readings")
    crossval.add_argument("--genres", action="store_true", help="a row per genre")
    crossval.add_argument("-v", action="store_true", dest="verbose", help="every mismatch of the held-out reading")
    agreement = commands.add_parser("agreement", help="agreement of the second labels with the first")
    agreement.add_argument("--corpus", type=Path, default=ROOT)
    args = parser.parse_args(argv)
    try:
        if args.command == "train":
            from .train import train as run
            run(args.corpus, args.out)
            return 0
        if args.command == "crossval":
            return _crossval(args)
        if args.command == "agreement":
            from .agreement import agreement as measure
            from .corpus import load
            result = measure(load(args.corpus), args.corpus / "second")
            for key, value in result.items():
                print(f"{key:16s} {value}")
            return 0
        return _score(args)
    except ModelError as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    except ImportError as error:
        print(f"error: {error.name or error} is needed: pip install 'claimcheck[train]'", file=sys.stderr)
        return 2


def _score(args) -> int:
    from ..extract.claims import ClaimExtractor  # `score` passes the model in: nothing is loaded behind our back
    from .corpus import load
    from .score import by_genre, score
    model = None if args.rules else parse_model(args.model.read_text(encoding="utf-8"))
    extractor = ClaimExtractor()
    for split in args.split:
        documents = load(args.corpus, (split,))
        if not documents:
            print(f"{split}: no documents")
            continue
        tallies = score(extractor, documents, model)
        rows = [("all", tallies["all"])]
        if args.genres:
            rows += list(by_genre(documents, tallies).items())
        print(f"{split} ({'rules alone' if model is None else 'rules + model'}):")
        _print_rows(rows)
        if args.verbose:
            _print_mismatches(tallies["all"])
    return 0


def _print_mismatches(tally) -> None:
    """One line per mismatch: document | field | line | figure | label | reading."""
    for m in tally.mismatches:
        print("    " + " | ".join(str(x) for x in m))


def _print_rows(rows) -> None:
    from .score import FIELDS
    print(f"  {'':14s} {'docs':>4s} {'nums':>5s} {'cov':>5s} {'P':>5s} {'R':>5s} {'F1':>5s} " +
          " ".join(f"{name[:6]:>6s}" for name in FIELDS))
    for name, tally in rows:
        r = tally.row()
        print(f"  {name:14s} {r['documents']:4d} {r['numbers']:5d} {r['coverage']:5.3f} {r['precision']:5.3f} "
              f"{r['recall']:5.3f} {r['f1']:5.3f} " + " ".join(f"{r[name]:6.3f}" for name in FIELDS))


def _crossval(args) -> int:
    from .corpus import load
    from .crossval import cross_validate, pooled_over
    from .score import REPORTED, by_genre
    if args.folds < 2 or args.assignments < 1:
        print("error: --folds must be 2 or more and --assignments 1 or more", file=sys.stderr)
        return 2
    train_docs = load(args.corpus, ("train",))
    if not train_docs:
        raise ModelError(f"no labelled documents under {args.corpus}/train")
    dev_docs = load(args.corpus, ("dev",))
    results = []
    for assignment in range(args.assignments):
        if args.assignments > 1:
            print(f"dealing {assignment + 1} of {args.assignments}", file=sys.stderr)
        results.append(cross_validate(train_docs, dev_docs, args.folds,
                                      log=lambda line: print(line, file=sys.stderr), assignment=assignment))
    if not all(r.folds for r in results):
        print("error: every document fell in one fold; cross-validation needs documents of two "
              "repositories or more", file=sys.stderr)
        return 2
    result = pooled_over(results)
    print(f"train, {args.folds} folds, each read by a model fitted on the others (pooled over figures"
          + (f"; the repositories dealt {args.assignments} ways, every figure read once in each):" if args.assignments > 1
             else "):"))
    rows = [("all", result.pooled)]
    if args.assignments > 1:  # how far one dealing alone moves the figures
        rows += [(f"dealing {k + 1}", r.pooled) for k, r in enumerate(results)]
    if args.genres:
        read = [d for d in train_docs if d.name in result.documents]
        rows += list(by_genre(read, result.documents).items())
    _print_rows(rows)
    macro = result.macro()
    if macro:
        print(f"  averaged over {sum(1 for t in result.documents.values() if t.counts['tp'])} documents: "
              + ", ".join(f"{name} {macro[name]:.3f}" for name in ("f1", *REPORTED)))
    if args.verbose:  # each dealing's mismatches under its own heading: a figure is read once in each
        for k, r in enumerate(results):
            if args.assignments > 1:
                print(f"  dealing {k + 1}:")
            _print_mismatches(r.pooled)
    return 0


if __name__ == "__main__":
    sys.exit(main())
