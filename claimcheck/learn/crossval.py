"""Cross-validated reading scores: each fold of the train split read by a model fitted without it.

The dev split is a dozen documents, and one large table in it can move a field by ten points; a
retraining judged on it alone is judged on a handful of tables. Here every train document is read
once by a model that never saw it (folds by repository, as the training's own folds are), and the
figures are given pooled over figures and averaged over documents, so that a change can be weighed
on a hundred documents nobody tuned on.
"""
from __future__ import annotations

import json
from dataclasses import dataclass

from .corpus import Labelled
from .score import REPORTED, Tally, score
from .train import fit, fold_of


@dataclass(frozen=True)
class CrossValidated:
    pooled: Tally                 # every held-out figure counted once
    documents: dict               # document name -> its own Tally
    folds: int                    # folds that held documents out

    def macro(self) -> dict:
        """Claim F1 and each field's accuracy averaged over the documents with a true claim."""
        judged = [t for t in self.documents.values() if t.counts["tp"]]
        if not judged:
            return {}
        return {"f1": sum(t.f1 for t in judged) / len(judged),
                **{name: sum(t.accuracy(name) for t in judged) / len(judged) for name in REPORTED}}


def cross_validate(train_docs: list[Labelled], dev_docs: list[Labelled], folds: int = 5,
                   log=print, assignment: int = 0) -> CrossValidated:
    """Fit a model on all folds but one (choices made as `train` makes them, with `dev_docs`) and
    read the fold left out with it, for each fold. `assignment` chooses how the repositories are
    dealt to the folds: one dealing moves a field by several points on its own."""
    from ..extract.claims import ClaimExtractor
    from ..extract.decide import parse_model
    if folds < 2:
        raise ValueError("cross-validation needs two folds or more")
    extractor = ClaimExtractor()
    pooled, documents, used = Tally(), {}, 0
    fold = {d.name: fold_of(d, folds, assignment) for d in train_docs}
    for k in range(folds):
        held = [d for d in train_docs if fold[d.name] == k]
        fitted_on = [d for d in train_docs if fold[d.name] != k]
        if not held or not fitted_on:
            continue
        log(f"fold {k + 1} of {folds}: fitted on {len(fitted_on)} documents, reading {len(held)}")
        model = parse_model(json.dumps(fit(fitted_on, dev_docs, log=lambda _: None)))
        tallies = score(extractor, held, model)
        for name, tally in tallies.items():
            if name != "all":
                documents[name] = tally
        pooled.add(tallies["all"])
        used += 1
    return CrossValidated(pooled, documents, used)


def pooled_over(results: list[CrossValidated]) -> CrossValidated:
    """Several dealings' readings as one: every figure counted once per dealing, each document's
    tallies added up."""
    pooled, documents = Tally(), {}
    for result in results:
        pooled.add(result.pooled)
        for name, tally in result.documents.items():
            documents.setdefault(name, Tally()).add(tally)
    return CrossValidated(pooled, documents, sum(r.folds for r in results))
