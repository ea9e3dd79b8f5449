"""The learned reader: a table of feature weights that chooses among the proposals of `candidates`.

The rules read every number once; where phrasing varies, a linear model trained on the labelled
corpus (`data/reading/`, `python -m claimcheck.learn`) makes the choice instead:
- claim or not (logistic regression over the number's features), and if not, the likeliest reason;
- the kind of the figure, in the corpus's terms (score, delta, ratio, latency, ...);
- the subject, metric, dataset and baseline: the best-scored candidate, where the empty answer is
  a candidate too;
- each setting proposed around the figure: kept or left.
Structure that decides by itself is not second-guessed: a value the grammar could not read stays
unread, and code stays code.

The model is JSON (`reader_model.json` beside this module): loading it runs no code. Its choices
are the same on every run: ties go to the earlier candidate, and candidates come in a fixed order.
"""
from __future__ import annotations

import json
import math
import os
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

MODEL_PATH = Path(__file__).with_name("reader_model.json")
FORMAT = "claimcheck-reader"
VERSION = 1
# statuses the model may overturn: a number the grammar read as a quantity and did not set aside
# as code, an identifier or an unreadable form
_FIXED_REASONS = ("code", "URL", "arXiv", "out of range", "not a number", "two decimal points", "digits joined",
                  "beyond the ")


@dataclass(frozen=True)
class Linear:
    """One binary scorer: a bias and a weight per feature."""

    bias: float
    weights: dict

    def score(self, features) -> float:
        w = self.weights
        return self.bias + sum(w.get(f, 0.0) for f in features)

    def probability(self, features) -> float:
        s = self.score(features)
        return 1.0 / (1.0 + math.exp(-s)) if s > -60 else 0.0


@dataclass(frozen=True)
class Multiclass:
    """One-vs-rest scorers; the class with the highest score wins (the first on a tie)."""

    classes: tuple
    scorers: tuple

    def choose(self, features) -> str:
        best, best_score = self.classes[0], -math.inf
        for label, scorer in zip(self.classes, self.scorers):
            s = scorer.score(features)
            if s > best_score:
                best, best_score = label, s
        return best


@dataclass(frozen=True)
class Typer:
    """A multinomial scorer of strings: how likely a name is a metric, a benchmark, a system or a setting."""

    classes: tuple
    scorers: tuple

    def probabilities(self, features) -> dict:
        scores = [scorer.score(features) for scorer in self.scorers]
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
    margins: dict = None  # field -> how much another candidate must outscore the rules' answer
    typer: Typer | None = None

    def __post_init__(self):
        if self.margins is None:
            object.__setattr__(self, "margins", {})

    def rank(self, name: str, candidates):
        """The best candidate of a field: the highest score, the first on a tie. The rules' own
        answer (the candidate with feature 'src=rule', else the empty one) stands unless another
        beats it by the field's margin: what the rules read is overturned only with confidence."""
        scorer = self.fields.get(name)
        if scorer is None or not candidates:
            return None
        best, best_score = None, -math.inf
        rule, rule_score = None, -math.inf
        for candidate in candidates:
            s = scorer.score(candidate.features)
            if s > best_score:
                best, best_score = candidate, s
            if "src=rule" in candidate.features or (rule is None and not candidate.text):
                if rule is None or "src=rule" in candidate.features:
                    rule, rule_score = candidate, s
        margin = self.margins.get(name, 0.0)
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
            typer=_typer(data["typer"]) if data.get("typer") else None)
    except (KeyError, TypeError, ValueError) as error:
        raise ModelError(f"malformed model: {error}") from None


@lru_cache(maxsize=1)
def load_model() -> ReaderModel | None:
    """The shipped model, or None where there is none or CLAIMCHECK_READER=rules asks for rules alone."""
    if os.environ.get("CLAIMCHECK_READER", "").strip().lower() == "rules":
        return None
    path = Path(os.environ.get("CLAIMCHECK_READER_MODEL") or MODEL_PATH)
    try:
        raw = path.read_text(encoding="utf-8")
    except OSError:
        return None
    return parse_model(raw)


def overturnable(status: str, reason: str) -> bool:
    """May the model make a claim of a number the rules set aside for this reason?"""
    return status != "claim" and not any(reason.startswith(r) for r in _FIXED_REASONS)
