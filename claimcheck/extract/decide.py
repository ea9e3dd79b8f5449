"""The learned reader: a table of feature weights that chooses among the proposals of `candidates`.

The rules read every number once; where phrasing varies, a linear model trained on the labelled
corpus (`data/reading/`, `python -m claimcheck.learn`) makes the choice instead:
- claim or not (logistic regression over the number's features), and if not, the likeliest reason;
- the kind of the figure, in the corpus's terms (score, delta, ratio, latency, ...);
- the subject, metric, dataset and baseline: the best-scored candidate, where the empty answer is
  a candidate too;
- each setting proposed around the figure: kept or left; and the one setting (or none) ranked
  likeliest among them, kept as well.
Structure that decides by itself is not second-guessed: a value the grammar could not read stays
unread, and code stays code.

The model is JSON (`reader_model.json` beside this module): loading it runs no code. Its choices
are the same on every run: ties go to the earlier candidate, and candidates come in a fixed order.
"""
from __future__ import annotations

import json
import math
import os
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

MODEL_PATH = Path(__file__).with_name("reader_model.json")
NEVER = 1e6  # a margin this large keeps the rules' answer wherever they gave one
FORMAT = "claimcheck-reader"
VERSION = 1
# statuses the model may overturn: a number the grammar read as a quantity and did not set aside
# as code, an identifier or an unreadable form
_FIXED_REASONS = ("code", "URL", "arXiv", "out of range", "not a number", "two decimal points", "digits joined",
                  "beyond the ", "row number")


@dataclass(frozen=True)
class Linear:
    """One binary scorer: a bias and a weight per feature."""

    bias: float
    weights: dict
    memo: dict = field(default_factory=dict, compare=False, repr=False)

    def score(self, features) -> float:
        # map and filter run in C: a reader scores a hundred thousand candidates in a long README
        return self.bias + sum(filter(None, map(self.weights.get, features)))

    def candidate_score(self, candidate) -> float:
        """The score of a proposal (`candidates.Candidate`): its own features, its described text
        and the feature sets of the proposals merged into it, each feature once."""
        s = self.score(candidate.features) + self.partial(candidate.described)
        parts = candidate.parts
        if len(parts) == 1:
            s += self.partial(parts[0])
        elif parts:
            s += self.score(frozenset().union(*parts)) - self.bias  # a feature two proposals share counts once
        return s

    def partial(self, features) -> float:
        """The weights of a shared tuple of features, remembered: many candidates share one."""
        if not features:
            return 0.0
        memo = self.memo
        found = memo.get(features)
        if found is None:
            if len(memo) > 50_000:
                memo.clear()
            found = memo[features] = sum(filter(None, map(self.weights.get, features)))
        return found

    def probability_of(self, candidate) -> float:
        s = self.candidate_score(candidate)
        return 1.0 / (1.0 + math.exp(-s)) if s > -60 else 0.0

    def probability(self, features) -> float:
        s = self.score(features)
        return 1.0 / (1.0 + math.exp(-s)) if s > -60 else 0.0


@dataclass(frozen=True)
class Multiclass:
    """One-vs-rest scorers; the class with the highest score wins (the first on a tie)."""

    classes: tuple
    scorers: tuple
    # feature -> its weight in each class: a number's features are looked up once, not per class
    columns: dict = field(default_factory=dict, compare=False, repr=False)

    def __post_init__(self):
        self.columns.update(_columns(self.scorers))

    def scores(self, features) -> list[float]:
        """Each class's score, in the order of `classes`."""
        return _class_scores(self.columns, self.scorers, features)

    def choose(self, features) -> str:
        scores = self.scores(features)
        return self.classes[scores.index(max(scores))]  # the first of equal scores


def _columns(scorers) -> dict:
    """feature -> its weight in each class (a tuple in the order of the scorers); under the key
    None (no feature's name) the biases. Plain tuples: a handful of classes is summed faster in
    Python than in numpy, whose call overhead outweighs a sum of four numbers."""
    rows: dict = {}
    for k, scorer in enumerate(scorers):
        for feature, weight in scorer.weights.items():
            rows.setdefault(feature, [0.0] * len(scorers))[k] = weight
    columns = {feature: tuple(row) for feature, row in rows.items()}
    columns[None] = tuple(scorer.bias for scorer in scorers)
    return columns


def _class_scores(columns: dict, scorers, features) -> list[float]:
    """Each class's score of a set of features: one look-up per feature, then one sum per class
    over the features in their given order (the same order, so the same sums, on every run)."""
    found = [row for row in map(columns.get, features) if row is not None]
    biases = columns[None]
    if not found:
        return list(biases)
    return [bias + sum(column) for bias, column in zip(biases, zip(*found))]


@dataclass(frozen=True)
class Typer(Multiclass):
    """A multinomial scorer of strings: how likely a name is a metric, a benchmark, a system or a setting."""

    def probabilities(self, features) -> dict:
        scores = self.scores(features)
        top = max(scores)
        exps = [math.exp(s - top) for s in scores]
        total = sum(exps)
        return {label: e / total for label, e in zip(self.classes, exps)}


@dataclass(frozen=True)
class ReaderModel:
    claim: Linear
    threshold: float
    reason: Multiclass
    kind: Multiclass
    fields: dict          # field -> Linear ranking its candidates
    setting: Linear
    setting_threshold: float
    info: dict
    margins: dict = None  # field -> how much another candidate must outscore the rules' answer (older files)
    typer: Typer | None = None
    overturn: frozenset | None = None  # reasons of the rules' non-claims the model may overturn (None: all)
    setting_rank: Linear | None = None  # ranks a figure's settings and 'none': the likeliest one is kept too
    proposals: int = 1  # the set of proposals it was trained with (`candidates.PROPOSALS`); older files: 1

    def __post_init__(self):
        if self.margins is None:
            object.__setattr__(self, "margins", {})

    def may_claim(self, site) -> bool:
        """Does the model decide whether this number is a claim? A claim of the rules, or a
        number they set aside for a reason under which the training split holds claims."""
        if site.status == "claim" or site.claim is not None:
            return True
        return self.may_claim_number(site.status, site.reason)

    def may_claim_number(self, status: str, reason: str) -> bool:
        """`may_claim` of a number the rules set aside (no claim of theirs), by its status and reason."""
        return overturnable(status, reason) and (self.overturn is None or reason_key(reason) in self.overturn)

    def margin(self, name: str, place: str = "") -> float:
        """How much another candidate must outscore the rules' answer for a field, in a table
        cell or in prose ('cell' or 'prose'), as the model file states it; `train` states none
        (the model decides), older files may."""
        return self.margins.get(f"{name}@{place}", self.margins.get(name, 0.0))

    def fields_to_rank(self, claim, place: str = "") -> tuple:
        """The fields the model decides for a claim: all but those whose margin says the rules'
        own answer always stands (NEVER), where the rules gave one."""
        return tuple(name for name in self.fields
                     if not (self.margin(name, place) >= NEVER and getattr(claim, name, "")))

    def pick(self, name: str, items, place: str = ""):
        """`rank` over scored candidates (score, order, text, value, sources), the null one last:
        the chosen one as (text, value)."""
        if not items:
            return None
        best = max(items, key=lambda item: (item[0], -item[1]))
        rule = next((item for item in items if "src=rule" in item[4]), items[-1])
        margin = self.margin(name, place)
        if margin >= NEVER and "src=rule" not in rule[4]:
            return best[2], best[3]  # the rules gave no answer: the model's stands
        if best[0] - rule[0] < margin:
            return rule[2], rule[3]
        return best[2], best[3]

    def rank(self, name: str, candidates, place: str = ""):
        """The best candidate of a field: the highest score, the first on a tie. The rules' own
        answer (the candidate with feature 'src=rule', else the empty one) stands unless another
        beats it by the field's margin: what the rules read is overturned only with confidence."""
        scorer = self.fields.get(name)
        if scorer is None or not candidates:
            return None
        best, best_score = None, -math.inf
        rule, rule_score = None, -math.inf
        for candidate in candidates:
            s = scorer.candidate_score(candidate)
            if s > best_score:
                best, best_score = candidate, s
            ruled = "src=rule" in candidate.sources
            if ruled or (rule is None and not candidate.text):
                if rule is None or ruled:
                    rule, rule_score = candidate, s
        margin = self.margin(name, place)
        if margin >= NEVER and (rule is None or "src=rule" not in rule.sources):
            return best  # the rules gave no answer: the model's stands
        if rule is not None and best_score - rule_score < margin:
            return rule
        return best


class ModelError(Exception):
    """A model file that is not a claimcheck reader model."""


def _linear(data) -> Linear:
    if not isinstance(data, dict) or not isinstance(data.get("weights"), dict):
        raise ModelError("a scorer needs a weights table")
    weights = {str(k): float(v) for k, v in data["weights"].items()}
    return Linear(float(data.get("bias", 0.0)), weights)


def _multiclass(data) -> Multiclass:
    classes = tuple(str(c) for c in data["classes"])
    return Multiclass(classes, tuple(_linear(data["scorers"][c]) for c in classes))


def _typer(data) -> Typer:
    classes = tuple(str(c) for c in data["classes"])
    return Typer(classes, tuple(_linear(data["scorers"][c]) for c in classes))


def parse_model(raw: str) -> ReaderModel:
    data = json.loads(raw)
    if not isinstance(data, dict) or data.get("format") != FORMAT or data.get("version") != VERSION:
        raise ModelError(f"not a {FORMAT} model of version {VERSION}")
    try:
        return ReaderModel(
            claim=_linear(data["claim"]), threshold=float(data["claim"].get("threshold", 0.5)),
            reason=_multiclass(data["reason"]), kind=_multiclass(data["kind"]),
            fields={name: _linear(scorer) for name, scorer in data["fields"].items()},
            setting=_linear(data["setting"]), setting_threshold=float(data["setting"].get("threshold", 0.5)),
            info=data.get("info", {}),
            margins={str(k): float(v) for k, v in data.get("margins", {}).items()},
            typer=_typer(data["typer"]) if data.get("typer") else None,
            overturn=frozenset(data["overturn"]) if isinstance(data.get("overturn"), list) else None,
            setting_rank=_linear(data["setting_rank"]) if data.get("setting_rank") else None,
            proposals=int(data.get("proposals", 1)))
    except (KeyError, TypeError, ValueError) as error:
        raise ModelError(f"malformed model: {error}") from None


@lru_cache(maxsize=1)
def load_model() -> ReaderModel | None:
    """The shipped model, or None where there is none or CLAIMCHECK_READER=rules asks for rules alone."""
    if os.environ.get("CLAIMCHECK_READER", "").strip().lower() == "rules":
        return None
    chosen = os.environ.get("CLAIMCHECK_READER_MODEL", "").strip()
    path = Path(chosen) if chosen else MODEL_PATH
    try:
        if chosen and not path.is_file():
            raise OSError("not a regular file")
        raw = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        if chosen:  # a model asked for by name and missing must not silently become the rules
            raise ModelError(f"CLAIMCHECK_READER_MODEL={chosen}: cannot read it ({error})") from None
        return None
    try:
        return parse_model(raw)
    except (ModelError, ValueError) as error:
        raise ModelError(f"{path}: {error}") from None


def overturnable(status: str, reason: str) -> bool:
    """May a model make a claim of a number the rules set aside for this reason?"""
    return status != "claim" and not any(reason.startswith(r) for r in _FIXED_REASONS)


def reason_key(reason: str) -> str:
    """A non-claim's reason without its detail: 'setting (gpus)' -> 'setting'."""
    return reason.split(" (", 1)[0]
