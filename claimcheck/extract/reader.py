"""Rules propose, the model decides: the learned reader applied to one document's reading.

`all_sites` turns the rules' reading (claims, claims left without a metric, other numbers) into
one site per number; `apply_model` lets the model decide each: claim or not, kind, subject,
metric, dataset, baseline and settings, choosing among the candidates `candidates.Proposer`
gives. A claim the model makes of a number the rules set aside gets a quantity read from its
own text; one it sets aside becomes a non-claim with the reason the model finds likeliest.
"""
from __future__ import annotations

import re
from dataclasses import fields, replace
from typing import NamedTuple

from ..model import Claim, Quantity
from .candidates import NULL, Proposer, Site
from .decide import ReaderModel

NO_METRIC = "no metric or benchmark"


class Number(NamedTuple):
    """A number that is no claim, with why; located (line, column, page) only when asked for."""

    start: int
    end: int
    status: str
    reason: str


# the rules' kinds in the corpus's terms, for a claim the model has not seen
_CATEGORY = {"speedup": "ratio", "delta": "delta", "time": "latency", "throughput": "throughput",
             "memory": "memory", "scale": "scale", "cost": "cost", "fraction": "score", "setting": "other",
             "score": "score"}
_CHANGE_END = {"time": "latency", "rate": "throughput", "memory": "memory", "ratio": "ratio", "count": "scale",
               "money": "cost"}


def category_of(claim: Claim) -> str:
    """The kind of a figure as the reading corpus names it (score, delta, ratio, latency, ...)."""
    if claim.category:
        return claim.category
    if claim.kind == "percent":
        return "percent_change" if claim.quantity.signed else "score"
    if claim.kind == "change":
        return _CHANGE_END.get(claim.quantity.dimension, "score")
    return _CATEGORY.get(claim.kind, "other")


def all_sites(proposer: Proposer, claims: list[Claim], bare: list[Claim], others: list[Number]) -> list[Site]:
    sites = [proposer.site(c.quantity.start, c.quantity.end, c.text, c, "claim", "") for c in claims]
    sites += [proposer.site(c.quantity.start, c.quantity.end, c.text, c, "unread", NO_METRIC) for c in bare]
    sites += [proposer.site(n.start, n.end, proposer.text[n.start:n.end], None, n.status, n.reason) for n in others]
    sites.sort(key=lambda s: s.start)
    return sites


def apply_model(model: ReaderModel, proposer: Proposer, claims: list[Claim], bare: list[Claim],
                others: list[Number]) -> tuple[list[Claim], list[Number]]:
    out_claims: list[Claim] = []
    out_others: list[Number] = []
    kept: list[Number] = []
    for number in others:  # one the model may not make a claim of keeps the rules' status, and needs no site
        (kept if model.may_claim_number(number.status, number.reason) else out_others).append(number)
    for site in all_sites(proposer, claims, bare, kept):
        features = proposer.number_features(site)
        if model.claim.probability(features) < model.threshold:
            reason = site.reason if site.status != "claim" and site.reason != NO_METRIC else \
                "not a result: " + model.reason.choose(features)
            out_others.append(Number(site.start, site.end, "non-claim", reason))
            continue
        claim = site.claim if site.claim is not None else _new_claim(proposer, site)
        if claim is None:
            out_others.append(Number(site.start, site.end, site.status, site.reason))
            continue
        site.claim = claim
        out_claims.append(decide_frame(model, proposer, site, features))
    out_claims.sort(key=lambda c: c.quantity.start)
    out_others.sort(key=lambda n: n.start)
    return out_claims, out_others


def decide_frame(model: ReaderModel, proposer: Proposer, site: Site, features: list[str]) -> Claim:
    """The claim with the kind, names and settings the model chooses."""
    claim = site.claim
    place = "cell" if site.where == "cell" else "prose"
    scored = proposer.scored(site, model.fields_to_rank(claim, place), model.fields)
    chosen = {name: model.pick(name, items, place) for name, items in scored.items()}
    changes: dict = {"category": model.kind.choose(features)}
    if chosen.get("subject") is not None:
        changes["subject"] = chosen["subject"][0]
    if chosen.get("metric") is not None:
        text, value = chosen["metric"]
        if text == NULL:
            changes["metric"], changes["metric_text"] = "", ""
        else:
            changes["metric"], changes["metric_text"] = value or proposer.v.open_metric(text), text
    if chosen.get("dataset") is not None:
        text, value = chosen["dataset"]
        changes["dataset"] = (value or text) if text != NULL else ""
    kept = proposer.kept_settings(site, model.setting, model.setting_threshold, model.setting_rank)
    changes["setting"] = frozenset(value for _, value in kept)
    changes["setting_text"] = tuple(text for text, _ in kept)
    return _with_fields(claim, changes)


def _with_fields(claim: Claim, changes: dict) -> Claim:
    """`dataclasses.replace` of a Claim without running its constructor again: a copy of its
    fields with `changes` (all of them fields, validated by the names below). A claim has no
    __post_init__, so the two give equal claims; this one is several times faster, and every
    claim the model reads passes through it."""
    unknown = changes.keys() - _CLAIM_FIELDS
    if unknown:
        raise TypeError(f"not fields of Claim: {sorted(unknown)}")
    copy = object.__new__(Claim)
    state = dict(claim.__dict__)
    state.update(changes)
    object.__setattr__(copy, "__dict__", state)
    return copy


_CLAIM_FIELDS = frozenset(f.name for f in fields(Claim))


_COUNT_NOUN = re.compile(r"\s+(?:[a-z][\w-]*\s+)?(?P<noun>[a-z][a-z-]{2,}s)\b")


def with_written_unit(claim: Claim, text: str) -> Claim:
    """The claim with its unit as the document writes it: what follows the number ('95 tok/s' ->
    'tok/s', '6 MB/s' -> 'MB/s'), the header's unit for a table cell (set where the cell is read),
    or for a count the plural noun it counts ('610 problems' -> 'problems')."""
    if claim.unit_text:
        return claim
    q = claim.quantity
    written = re.split(r"\d", q.text)[-1].strip(" .,;:)(*_~") if re.search(r"\d", q.text) else ""
    if re.match(r"[eE][+-]?$|[-–]$", written):
        written = ""
    if not written and q.dimension in ("count", "plain") and claim.kind in ("scale", "count") and not q.unit:
        noun = _COUNT_NOUN.match(text, q.end)
        if noun and "\n" not in noun.group(0):
            written = noun.group("noun")
    return replace(claim, unit_text=rate_unit(written)) if written else claim


def rate_unit(written: str) -> str:
    """'Tokens/Second' -> 'tokens/s', 'GB / sec' -> 'GB/s': a rate's unit in one spelling."""
    m = re.fullmatch(r"(?i)(.+?)\s?/\s?(?:s|sec|secs|second|seconds)\b(.*)", written)
    if not m:
        return written
    what = m.group(1)
    return (what.lower() if what[:1].isupper() and what[1:].islower() else what) + "/s" + m.group(2)


_UNIT_AFTER = re.compile(r"\s?(%|×|x\b|ms\b|s\b|GB\b|MB\b|[KMBT]\b)")


def _new_claim(proposer: Proposer, site: Site) -> Claim | None:
    """A claim of a number the rules set aside: its value and unit from its own text."""
    text = proposer.text
    digits = re.match(r"[+\-−]?\d[\d,]*(?:\.\d+)?", text[site.start:site.end])
    if digits is None:
        return None
    raw = digits.group(0)
    try:
        value = float(raw.replace(",", "").replace("−", "-"))
    except ValueError:
        return None
    unit_match = _UNIT_AFTER.match(text, site.start + len(raw))
    unit, dimension, end = "", "plain", site.start + len(raw)
    if unit_match:
        written = unit_match.group(1)
        unit, dimension = {"%": ("%", "percent"), "×": ("x", "ratio"), "x": ("x", "ratio"), "ms": ("ms", "time"),
                           "s": ("s", "time"), "GB": ("GB", "memory"), "MB": ("MB", "memory")}.get(written, ("", "count"))
        end = unit_match.end()
    decimals = len(raw.split(".", 1)[1]) if "." in raw else 0
    quantity = Quantity(text[site.start:end], site.start, end, value, decimals, unit=unit, dimension=dimension,
                        signed=raw[:1] in "+-−")
    location = proposer.document.locate(site.start)
    kind = {"percent": "percent", "ratio": "speedup", "time": "time", "memory": "memory"}.get(dimension, "score")
    return Claim(document=proposer.document.name, quantity=quantity, kind=kind, line=location.line,
                 column=location.column, sentence=site.unit, page=location.page,
                 bbox=proposer.document.bbox(site.start, end))
