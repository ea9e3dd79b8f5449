"""Fit the learned reader on the train split; choose its regularisation and thresholds
on held-out figures (each fold of the train split judged by the other folds, and the dev split).

Every head is a logistic regression over the string features `candidates.Proposer` writes
(scikit-learn, liblinear, fixed seed: the same corpus gives the same weights), exported as a
JSON table of weights that `decide` reads without running code:
- claim: every number the model may decide, labelled claim or not by the gold;
- reason: the gold reasons of non-claims; kind: the gold kinds of claims;
- subject, metric, dataset, baseline: every candidate of a gold claim, labelled by whether it
  agrees with the gold answer (the empty candidate agrees with a null label);
- setting: every setting proposed around a gold claim, labelled by whether the gold names it;
- setting_rank: the same settings and 'none' as one group per claim, ranked like the fields.
"""
from __future__ import annotations

import json
import math
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from ..extract.candidates import FIELDS, NULL, PROPOSALS
from ..extract.decide import FORMAT, VERSION, ModelError, overturnable, parse_model, reason_key
from .corpus import Labelled, Read, align
from .matching import is_null, text_agrees

C_GRID = (0.03, 0.1, 0.3, 1.0, 3.0)


@dataclass
class Examples:
    """Training rows of every head, features as lists of strings."""

    claim: list = field(default_factory=list)      # (features, bool)
    reason: list = field(default_factory=list)     # (features, str)
    kind: list = field(default_factory=list)       # (features, str)
    fields: dict = field(default_factory=lambda: {name: [] for name in FIELDS})  # name -> [(group, features, bool)]
    setting: list = field(default_factory=list)    # (features, bool)
    setting_rank: list = field(default_factory=list)  # (group, features, bool): the settings and none
    setting_claims: list = field(default_factory=list)  # (gold setting, [(features, text)], features of none)
    reasons: Counter = field(default_factory=Counter)  # rules' non-claim reason -> gold claims among them


def document_sites(extractor, labelled: Labelled, typer=None):
    """(proposer, [(gold or None, site)]) for one labelled document, read by the rules alone."""
    from ..extract.reader import _new_claim
    from ..ingest.text import read_document
    document = read_document(labelled.path, labelled.path.name)
    proposer, sites = extractor.sites(document, typer)
    reads = []
    for site in sites:
        location = document.locate(site.start)
        value = site.claim.value if site.claim is not None else None
        reads.append(Read(location.line, location.column, site.text, value, site.status == "claim", site))
    pairs, unaligned = align(labelled.gold, reads)
    out = [(labelled.gold[i], r.ref) for i, r in sorted(pairs.items())] + [(None, r.ref) for r in unaligned]
    for gold, site in out:
        if site.claim is None and gold is not None and gold.get("claim") is True:
            site.claim = _new_claim(proposer, site)
    return proposer, out


def collect(extractor, documents: list[Labelled], typers=None) -> Examples:
    """Training rows of every head; `typers` gives each document the name typer to read it with
    (one that never saw that document's labels), by document name."""
    examples = Examples()
    group = 0
    for labelled in documents:
        proposer, pairs = document_sites(extractor, labelled, (typers or {}).get(labelled.name))
        for gold, site in pairs:
            may_claim = site.status == "claim" or site.claim is not None or overturnable(site.status, site.reason)
            if not may_claim:
                continue
            features = proposer.number_features(site)
            is_claim = bool(gold and gold.get("claim") is True)
            if site.status != "claim" and site.claim is None:
                examples.reasons[reason_key(site.reason)] += is_claim
            examples.claim.append((features, is_claim))
            if gold is not None and not is_claim and gold.get("reason"):
                examples.reason.append((features, str(gold["reason"])))
            if not is_claim or site.claim is None:
                continue
            kind = gold.get("kind")
            examples.kind.append((features, kind[0] if isinstance(kind, list) else kind))
            for name, candidates in proposer.candidates(site).items():
                group += 1
                for candidate in candidates:
                    examples.fields[name].append((group, sorted(candidate.all_features()),
                                                  text_agrees(gold.get(name), candidate.text)))
            gold_setting = gold.get("setting")
            settings = proposer.setting_candidates(site)
            group += 1
            for candidate in settings:
                agrees = not is_null(gold_setting) and text_agrees(gold_setting, candidate.text)
                examples.setting.append((sorted(candidate.all_features()), agrees))
                examples.setting_rank.append((group, sorted(candidate.all_features()), agrees))
            none = sorted(proposer.setting_null(site, len(settings)))
            examples.setting_rank.append((group, none, is_null(gold_setting)))
            examples.setting_claims.append((gold_setting, [(sorted(c.all_features()), c.text) for c in settings], none))
    return examples


TYPE_FIELDS = ("metric", "dataset", "subject", "setting")
FOLDS = 4


def typer_examples(documents: list[Labelled]) -> list[tuple[str, str]]:
    """(string, field) for every distinct name a document's gold claims give as a metric,
    benchmark, subject or setting (settings split at commas)."""
    from ..extract.candidates import clean
    out = []
    for labelled in documents:
        seen = set()
        for gold in labelled.gold:
            if gold.get("claim") is not True:
                continue
            for name in TYPE_FIELDS:
                value = gold.get(name)
                for option in value if isinstance(value, list) else [value]:
                    if not isinstance(option, str):
                        continue
                    for part in option.split(",") if name == "setting" else [option]:
                        text = clean(part)
                        if text and (text, name) not in seen:
                            seen.add((text, name))
                            out.append((text, name))
    return out


def fit_typer(examples: list[tuple[str, str]], C: float = 1.0) -> dict | None:
    """A multinomial logistic regression over `string_features`, as JSON data."""
    from sklearn.feature_extraction import DictVectorizer
    from sklearn.linear_model import LogisticRegression
    from ..extract.candidates import string_features
    labels = [label for _, label in examples]
    if len(set(labels)) < 2:
        return None
    vectoriser = DictVectorizer()
    X = vectoriser.fit_transform([{f: 1.0 for f in string_features(text)} for text, _ in examples])
    model = LogisticRegression(C=C, max_iter=3000)
    model.fit(X, labels)
    names = vectoriser.get_feature_names_out()
    classes = [str(c) for c in model.classes_]
    return {"classes": classes, "scorers": {
        c: {"bias": round(float(b), 4), "weights": {str(n): round(float(w), 4) for n, w in zip(names, row) if abs(w) >= 1e-3}}
        for c, row, b in zip(classes, model.coef_, model.intercept_)}}


def fold_of(labelled: Labelled, folds: int = FOLDS, assignment: int = 0) -> int:
    """A document's fold for cross-fitting: by its repository, so two excerpts of one repository
    are never on both sides. Assignments other than 0 deal the repositories out afresh."""
    import hashlib
    key = labelled.repo if assignment == 0 else f"{assignment}:{labelled.repo}"
    return int(hashlib.sha256(key.encode()).hexdigest(), 16) % folds


def cross_fitted_typers(documents: list[Labelled]) -> dict:
    """Each document's name typer, trained on the other folds' labels only: the rankers then
    learn how far the typer's judgement of an unseen name can be trusted."""
    from ..extract.decide import _typer
    out = {}
    for k in range(FOLDS):
        data = fit_typer(typer_examples([d for d in documents if fold_of(d) != k]))
        typer = _typer(data) if data else None
        out.update({d.name: typer for d in documents if fold_of(d) == k})
    return out


def _fit(rows, C: float):
    """A fitted (vectoriser, model) for (features, label) rows; None when there is one label only."""
    from sklearn.feature_extraction import DictVectorizer
    from sklearn.linear_model import LogisticRegression
    labels = [label for _, label in rows]
    if len(set(labels)) < 2:
        return None
    vectoriser = DictVectorizer()
    X = vectoriser.fit_transform([{f: 1.0 for f in features} for features, _ in rows]).tocsr()
    X.indices, X.indptr = X.indices.astype("int32"), X.indptr.astype("int32")  # liblinear takes 32-bit indices
    model = LogisticRegression(C=C, solver="liblinear", random_state=0, max_iter=2000)
    if len(set(labels)) > 2:
        from sklearn.multiclass import OneVsRestClassifier
        model = OneVsRestClassifier(model)
    model.fit(X, labels)
    return vectoriser, model


def _fit_ranker(rows, C: float) -> dict | None:
    """A conditional-logit ranker: weights that make, in each group of candidates, the agreeing
    ones likeliest under a softmax over the group (L-BFGS on the log-likelihood with an L2 penalty
    of 1/(2C)). Groups where no candidate agrees teach nothing and are left out."""
    import numpy as np
    from scipy.optimize import minimize
    from scipy.sparse import csr_matrix
    groups: dict[int, list] = {}
    for group, features, label in rows:
        groups.setdefault(group, []).append((features, label))
    kept = [members for members in groups.values() if any(label for _, label in members)]
    if not kept:
        return None
    vocabulary: dict[str, int] = {}
    indices, indptr, labels, group_of = [], [0], [], []
    for g, members in enumerate(kept):
        for features, label in members:
            for f in features:
                indices.append(vocabulary.setdefault(f, len(vocabulary)))
            indptr.append(len(indices))
            labels.append(bool(label))
            group_of.append(g)
    X = csr_matrix((np.ones(len(indices)), np.array(indices, dtype=np.int32), np.array(indptr, dtype=np.int32)),
                   shape=(len(labels), len(vocabulary)))
    positive = np.array(labels)
    group_of = np.array(group_of)
    n_groups = len(kept)

    def group_logsumexp(scores, mask):
        shifted = np.where(mask, scores, -np.inf)
        top = np.full(n_groups, -np.inf)
        np.maximum.at(top, group_of, shifted)
        top = np.where(np.isfinite(top), top, 0.0)
        exp = np.where(mask, np.exp(scores - top[group_of]), 0.0)
        total = np.zeros(n_groups)
        np.add.at(total, group_of, exp)
        return np.log(total) + top, exp / total[group_of]

    everything = np.ones(len(labels), dtype=bool)

    def objective(w):
        scores = X @ w
        all_lse, p_all = group_logsumexp(scores, everything)
        pos_lse, p_pos = group_logsumexp(scores, positive)
        loss = float(np.sum(all_lse - pos_lse)) + float(w @ w) / (2 * C)
        gradient = X.T @ (p_all - p_pos) + w / C
        return loss, gradient

    result = minimize(objective, np.zeros(len(vocabulary)), jac=True, method="L-BFGS-B",
                      options={"maxiter": 500})
    names = sorted(vocabulary, key=vocabulary.get)
    return {"bias": 0.0, "weights": {n: round(float(w), 4) for n, w in zip(names, result.x) if abs(w) >= 1e-4}}


def _binary_table(fitted) -> dict:
    vectoriser, model = fitted
    names = vectoriser.get_feature_names_out()
    weights = {str(n): round(float(w), 4) for n, w in zip(names, model.coef_[0]) if abs(w) >= 1e-4}
    return {"bias": round(float(model.intercept_[0]), 4), "weights": weights}


def _multiclass_table(fitted) -> dict:
    vectoriser, model = fitted
    names = vectoriser.get_feature_names_out()
    classes = [str(c) for c in model.classes_]
    if len(classes) == 2:  # liblinear keeps one row for two classes: the second class's
        row = model.coef_[0]
        scorers = {classes[1]: {"bias": float(model.intercept_[0]), "weights": {str(n): float(w) for n, w in zip(names, row) if abs(w) >= 1e-4}},
                   classes[0]: {"bias": -float(model.intercept_[0]), "weights": {str(n): -float(w) for n, w in zip(names, row) if abs(w) >= 1e-4}}}
    else:
        scorers = {c: {"bias": round(float(e.intercept_[0]), 4),
                       "weights": {str(n): round(float(w), 4) for n, w in zip(names, e.coef_[0]) if abs(w) >= 1e-4}}
                   for c, e in zip(classes, model.estimators_)}
    return {"classes": classes, "scorers": scorers}


def build(examples: Examples, C: dict) -> dict:
    """The model as JSON data, from the examples and one C per head."""
    claim = _fit(examples.claim, C["claim"])
    reason = _fit(examples.reason, C["reason"])
    kind = _fit(examples.kind, C["kind"])
    setting = _fit(examples.setting, C["setting"])
    setting_rank = _fit_ranker(examples.setting_rank, C["setting_rank"])
    fields = {}
    for name in FIELDS:
        fields[name] = _fit_ranker(examples.fields[name], C[name]) or {"bias": 0.0, "weights": {}}
    data = {
        "format": FORMAT, "version": VERSION,
        "proposals": PROPOSALS,  # the proposals it learned from: a reader offers it those, no others
        # the model decides a number the rules set aside only under reasons that hide claims in
        # the training split (two or more); under the others it never overturned one, and
        # reading their features costs a third of its time
        "overturn": sorted(r for r, n in examples.reasons.items() if n >= 2),
        "claim": {**_binary_table(claim), "threshold": 0.5},
        "reason": _multiclass_table(reason) if reason else {"classes": ["other"], "scorers": {"other": {"bias": 0.0, "weights": {}}}},
        "kind": _multiclass_table(kind),
        "fields": fields,
        "setting": {**(_binary_table(setting) if setting else {"bias": -5.0, "weights": {}}), "threshold": 0.5},
        # the one setting likeliest to be the figure's, or none: what the labels give most figures
        "setting_rank": setting_rank or {"bias": 0.0, "weights": {}},
    }
    return data


def rank_right(model, rows) -> tuple[int, int]:
    """(groups whose top-scored candidate agrees with the gold, groups); ties: the first, as
    `ReaderModel.rank`."""
    groups: dict[int, list] = {}
    for group, features, label in rows:
        groups.setdefault(group, []).append((features, label))
    if not groups:
        return 0, 0
    right = 0
    for members in groups.values():
        scores = [model.score(features) for features, _ in members]
        best = max(range(len(members)), key=lambda i: (scores[i], -i))
        right += members[best][1]
    return right, len(groups)


def within_noise(right: dict, judged: int, distance) -> object:
    """Of the options of `right` (option -> held-out answers right, of `judged`), the one nearest
    the default by `distance` among those within one standard error of the best. Options a few
    answers apart are not told apart by a few thousand held-out answers: taking the best by a
    hair makes every retraining choose afresh by noise, and the figures move with the choice."""
    if not right or judged <= 0:
        return None
    best = max(right.values())
    p = min(max(best / judged, 0.0), 1.0)
    noise = math.sqrt(judged * p * (1.0 - p))
    near = [option for option, count in right.items() if count >= best - noise]
    return min(near, key=lambda option: (distance(option), option))


def _c_distance(c: float) -> float:
    return abs(math.log(c))  # from C = 1


THRESHOLDS = (0.3, 0.4, 0.5, 0.6, 0.7)


def held_out(folds: list[Examples], dev: Examples) -> list[tuple[Examples, Examples]]:
    """(what a model is fitted on, what it is judged on): each fold of the train split against the
    others, and the dev split against the whole train split. Choices made on these rest on every
    labelled document outside the test split, not on the dozen of the dev split alone."""
    pairs = [(merge([other for j, other in enumerate(folds) if j != k]), fold) for k, fold in enumerate(folds)]
    return [pair for pair in pairs + [(merge(folds), dev)] if pair[1].claim]


CLAIM_THRESHOLDS = (0.2, 0.3, 0.4, 0.5, 0.6)


def merge(parts: list[Examples]) -> Examples:
    out = Examples()
    for part in parts:
        out.claim += part.claim
        out.reason += part.reason
        out.kind += part.kind
        out.setting += part.setting
        out.setting_claims += part.setting_claims
        offset = 1 + max((group for group, _, _ in out.setting_rank), default=0)
        out.setting_rank += [(group + offset, features, label) for group, features, label in part.setting_rank]
        out.reasons.update(part.reasons)
        for name in FIELDS:  # group numbers start afresh in each part: keep them apart
            offset = 1 + max((group for group, _, _ in out.fields[name]), default=0)
            out.fields[name] += [(group + offset, features, label) for group, features, label in part.fields[name]]
    return out


def choose_claim_threshold(folds: list[Examples], dev: Examples, C: float, data: dict) -> float:
    """The claim threshold with the best F1 over held-out numbers: the dev split (scored by the
    model) and each fold of the train split (scored by a claim head fitted on the other folds).
    The dev split alone is a dozen documents; pooled with cross-validation the choice rests on
    every labelled document outside the test split."""
    from ..extract.decide import _linear
    held_out = [(_linear(data["claim"]).probability(f), y) for f, y in dev.claim]
    for k, fold in enumerate(folds):
        fitted = _fit([row for j, other in enumerate(folds) if j != k for row in other.claim], C)
        if fitted is not None:
            scorer = _linear(_binary_table(fitted))
            held_out += [(scorer.probability(f), y) for f, y in fold.claim]

    def f1(threshold):
        tp = sum(1 for p, y in held_out if p >= threshold and y)
        fp = sum(1 for p, y in held_out if p >= threshold and not y)
        fn = sum(1 for p, y in held_out if p < threshold and y)
        return 2 * tp / (2 * tp + fp + fn) if tp else 0.0
    claims = sum(1 for _, y in held_out if y)
    chosen = within_noise({t: f1(t) * claims for t in CLAIM_THRESHOLDS}, claims, lambda t: abs(t - 0.5))
    return 0.5 if chosen is None else chosen


def _kept(probabilities, ranked, none_score: float, threshold: float, texts) -> str | None:
    """The settings a model keeps for one figure, joined as `score_reading` compares them: those
    whose probability under the binary head reaches `threshold`, and the one the ranker scores
    above every other and above none (`ranked`: the ranker's score of each; None: no ranker)."""
    kept = [text for p, text in zip(probabilities, texts) if p >= threshold]
    if ranked:
        best = max(range(len(ranked)), key=lambda i: (ranked[i], -i))
        if ranked[best] > none_score and texts[best] not in kept:
            kept.insert(0, texts[best])
    return ", ".join(kept) or None


def choose_setting(pairs) -> tuple[float, float, float]:
    """(C of the binary head, C of the ranker, keep-threshold) of the settings, chosen together on
    what the reading score compares: the settings kept for each held-out figure, against its gold.
    Each head judged alone (the ranker by its own top choice, the binary head by its row
    accuracy) is a stand-in that chose a ranker whose 'none' outweighed the settings the two
    heads keep together; the threshold 1.01 keeps the ranker's choice alone."""
    from ..extract.decide import _linear
    right = Counter()
    judged_claims = 0
    for fitted_on, judged in pairs:
        if not judged.setting_claims:
            continue
        judged_claims += len(judged.setting_claims)
        binaries, rankers = {}, {}
        for c in C_GRID:
            fitted = _fit(fitted_on.setting, c)
            scorer = _linear(_binary_table(fitted)) if fitted else _linear({"bias": -5.0, "weights": {}})
            binaries[c] = [[scorer.probability(features) for features, _ in candidates]
                           for _, candidates, _ in judged.setting_claims]
            table = _fit_ranker(fitted_on.setting_rank, c)
            ranker = _linear(table) if table else None
            rankers[c] = [([ranker.score(features) for features, _ in candidates], ranker.score(none))
                          if ranker else (None, 0.0) for _, candidates, none in judged.setting_claims]
        texts = [[text for _, text in candidates] for _, candidates, _ in judged.setting_claims]
        golds = [gold for gold, _, _ in judged.setting_claims]
        for cb, probabilities in binaries.items():
            for cr, ranked in rankers.items():
                for t in THRESHOLDS + (1.01,):
                    right[cb, cr, t] += sum(text_agrees(gold, _kept(p, r, n, t, x))
                                            for gold, p, (r, n), x in zip(golds, probabilities, ranked, texts))
    chosen = within_noise(dict(right), judged_claims,
                          lambda o: (_c_distance(o[0]) + _c_distance(o[1]) + abs(o[2] - 0.5)))
    return (1.0, 1.0, 0.5) if chosen is None else chosen


def choose_c(pairs) -> dict:
    """For each head, the C of the grid that does best over the held-out pairs."""
    from ..extract.decide import _linear, _multiclass
    heads = {"claim": "binary", "reason": "multi", "kind": "multi", **{name: "rank" for name in FIELDS}}

    def rows_of(examples: Examples, head: str):
        if head in FIELDS:
            return examples.fields[head]
        return getattr(examples, head)

    chosen = {}
    for head, how in heads.items():
        right = Counter()
        judged_count = 0
        for fitted_on, judged in pairs:
            rows, judged_rows = rows_of(fitted_on, head), rows_of(judged, head)
            judged_count += len({row[0] for row in judged_rows}) if how == "rank" else len(judged_rows)
            for c in C_GRID:
                if how == "rank":
                    table = _fit_ranker(rows, c)
                    right[c] += rank_right(_linear(table), judged_rows)[0] if table else 0
                    continue
                fitted = _fit(rows, c)
                if fitted is None:
                    continue
                if how == "binary":
                    scorer = _linear(_binary_table(fitted))
                    right[c] += sum((scorer.score(f) >= 0) == y for f, y in judged_rows)
                else:
                    scorer = _multiclass(_multiclass_table(fitted))
                    right[c] += sum(scorer.choose(f) == y for f, y in judged_rows)
        pick = within_noise({c: right[c] for c in C_GRID}, judged_count, _c_distance) if right else None
        chosen[head] = 1.0 if pick is None else pick
    return chosen


def train(root: Path, out: Path, log=print) -> dict:
    from .corpus import load
    train_docs = load(root, ("train",))
    dev_docs = load(root, ("dev",))
    if not train_docs:
        raise ModelError(f"no labelled documents under {root}/train")
    data = fit(train_docs, dev_docs, log)
    text = json.dumps(data, sort_keys=True, separators=(",", ":"))
    parse_model(text)  # what is written must load
    out.write_text(text + "\n", encoding="utf-8")
    log(f"wrote {out} ({len(text) / 1e6:.2f} MB)")
    return data


def fit(train_docs: list, dev_docs: list, log=print) -> dict:
    """A reader model's data fitted on `train_docs`, its choices made on them (cross-validated)
    and on `dev_docs`."""
    from ..extract.claims import ClaimExtractor
    extractor = ClaimExtractor()  # `sites` reads by the rules alone: the model learns on their proposals
    log(f"reading {len(train_docs)} train and {len(dev_docs)} dev documents")
    from ..extract.decide import _typer
    typer_data = fit_typer(typer_examples(train_docs))
    typer = _typer(typer_data) if typer_data else None
    typers = cross_fitted_typers(train_docs)
    folds = [collect(extractor, [d for d in train_docs if fold_of(d) == k], typers) for k in range(FOLDS)]
    train_examples = merge(folds)
    dev_examples = collect(extractor, dev_docs, {d.name: typer for d in dev_docs})
    pairs = held_out(folds, dev_examples)
    C = choose_c(pairs)
    C["setting"], C["setting_rank"], setting_threshold = choose_setting(pairs)
    log("regularisation chosen on held-out figures (dev and cross-validated train): "
        + ", ".join(f"{k}={v}" for k, v in sorted(C.items())))
    data = build(train_examples, C)
    if typer_data:
        data["typer"] = typer_data
    data["claim"]["threshold"] = choose_claim_threshold(folds, dev_examples, C["claim"], data)
    log(f"claim threshold chosen on held-out numbers (dev and cross-validated train): {data['claim']['threshold']}")
    # No margin by which another answer must beat the rules' (the model decides every field):
    # margins chosen on held-out figures read held-out text worse (data/reading/README.md)
    data["setting"]["threshold"] = setting_threshold
    log(f"setting threshold chosen on held-out figures: {data['setting']['threshold']}")
    counts = Counter({"numbers": len(train_examples.claim), "claims": sum(y for _, y in train_examples.claim)})
    data["info"] = {"trained_on": {"documents": len(train_docs), **counts}, "C": C,
                    "corpus": "data/reading/train", "dev_documents": len(dev_docs)}
    return data
