"""Source rules: every digest claim against the papers or fact sheets it summarises.

A digest claim is tied to a source by the arXiv id its section (or table row) cites, or by
its subject and section name; it is aligned to source claims by metric id (the alias table
decides, so HumanEval is never HumanEval+), measure and a setting that does not conflict.
Verdicts: supported, rounded (the digest rounds the source honestly), mismatch, not found.
"""
from __future__ import annotations

import re
from dataclasses import replace
from functools import lru_cache
from pathlib import Path

from ..lexicon import load_json, phrase_alternation
from ..model import Claim, Evidence, Quantity
from ..sources import ARXIV_ID, Source
from ..extract.candidates import names_in
from .base import (RULES, Context, base_interval, digits_written, figure_stretch, rule, same_figure, settings_conflict,
                   stretch_bounds, system_like, topics_compatible, written)

_CHECKED_KINDS = {"score", "percent", "speedup", "delta", "change", "time", "throughput", "memory", "scale"}
_FAMILY = {"score": "score", "percent": "score", "speedup": "speedup", "delta": "delta", "time": "time",
           "throughput": "throughput", "memory": "memory", "scale": "scale"}


def _measure(claim: Claim) -> str:
    """Scores and percentages are one family for alignment: a sheet's 88.6 is a digest's 88.6%."""
    return _FAMILY.get(claim.measure, claim.measure)


def _norm(name: str) -> str:
    """'Falcon-40B, instruct' -> 'falcon 40b instruct': punctuation between words is a space."""
    return re.sub(r"[\s_,;:/()\[\]-]+", " ", name.casefold()).strip()


def _names_match(a: str, b: str) -> bool:
    """'iLLaDA-Base' is iLLaDA's; 'LLaDA' is not."""
    a, b = _norm(a), _norm(b)
    if not a or not b:
        return False
    if a == b:
        return True
    short, long = (a, b) if len(a) < len(b) else (b, a)
    # 'DeepSeek-V2' and 'LLaMA 3' are other systems than 'DeepSeek' and 'LLaMA': a version after
    # the shorter name makes another model, where a size or a suffix ('-Base', '7B') makes a variant
    return long.startswith(short + " ") and not _VERSION.match(long, len(short) + 1)


_VERSION = re.compile(r"v?\d+(?:\.\d+)?(?![\w.])", re.I)


def _title_match(a: str, b: str) -> bool:
    """A section title naming a paper's title ('Paraphrase identification via textual inference')."""
    if len(a) < 20 or len(b) < 20:
        return False
    from rapidfuzz import fuzz  # proposes only: long titles, high cutoff
    return fuzz.token_set_ratio(a.casefold(), b.casefold()) >= 90


def _ties(ctx: Context, claim: Claim) -> tuple[set[str], set[str]]:
    """(arXiv ids, names) that say which paper a digest claim is about."""
    document = ctx.document
    ids: set[str] = set()
    names = {claim.subject} if claim.subject else set()
    cell = document.cell_at(claim.quantity.start)
    if cell is not None:
        ids |= set(ARXIV_ID.findall(document.line_text(claim.line)))
        names.add(cell.row_header)
    section = document.section_at(claim.quantity.start)
    if section is not None:
        ids |= set(ARXIV_ID.findall(document.text[section.start:min(section.end, section.start + 800)]))
        if section.subject:
            names.add(section.subject)
        names.add(section.title)
    return ids, names


def _explicit_ties(ctx: Context, claim: Claim) -> list[Source]:
    ids, names = _ties(ctx, claim)
    return [s for s in usable_sources(ctx) if ids & s.arxiv_ids or any(_names_match(n, m) or _title_match(n, m)
                                                                for n in names for m in s.names)]


def _listing_ties(ctx: Context, claim: Claim) -> list[Source]:
    """The results files with a row of what the claim's part of the digest names."""
    results = [s for s in usable_sources(ctx) if s.kind == "results"]
    if not results:
        return []
    names = _ties(ctx, claim)[1]
    return [s for s in results if _lists_system(s, names)]


def _lists_system(source: Source, names: set[str]) -> bool:
    """Does a results file (CSV, TSV, JSON) have a row of what the digest names here? A results
    file has no title: it is about every system (or dataset) it lists ('Sparrow' is 'Sparrow-7B's)."""
    listed = _memo(_LISTED, source, lambda: {_norm(n) for c in source.claims for n in (c.subject, c.dataset) if n} - {""})
    for name in names:
        name = _norm(name)
        if name and (name in listed or any(s.startswith(name + " ") or name.startswith(s + " ") for s in listed)):
            return True
    return False


_LISTED: dict[int, tuple] = {}


def _mentions(source: Source, subject: str) -> bool:
    """Does the source speak of the subject ('RL', 'Qwen2-VL-Instruct-7B')? A digest's figure for
    a system its one paper never names is about another paper."""
    words = [w for w in re.findall(r"[A-Za-z][\w.+-]*[\w+]|[A-Za-z]", subject) if any(ch.isupper() or ch.isdigit() for ch in w)]
    if not words:
        return True  # "the model", "the untrained model": the paper's own
    if any(_names_match(name, subject) for name in _subjects(source)):
        return True  # a row of its tables is the system's
    text = _casefolded_text(source)
    for word in words:
        if re.fullmatch(r"[A-Z][a-z]+", word) and source.kind != "results":
            # a plain capitalised word counts only where the paper uses it inside a sentence (a
            # results file has no sentences: 'pretrained=EleutherAI/pythia-12b' names Pythia)
            if not re.search(r"[a-z,;(] " + re.escape(word) + r"\b", source.document.text):
                return False
        elif not re.search(r"(?<![\w])" + re.escape(word.casefold()) + r"(?![\w])", text):
            return False
    return True


_MEMO_SIZE = 64  # sources a run keeps derived look-ups for: an audit of an archive stays bounded


def _memo(cache: dict, owner, make):
    """What `make()` derives from `owner`, computed once per owner. Keyed by id, with the owner
    kept beside it (an id is reused once its object is gone); the oldest entry goes first."""
    entry = cache.get(id(owner))
    if entry is None or entry[0] is not owner:
        if len(cache) >= _MEMO_SIZE:
            cache.pop(next(iter(cache)))
        entry = cache[id(owner)] = (owner, make())
    return entry[1]


_TEXTS: dict[int, tuple] = {}


def _casefolded_text(source: Source) -> str:
    return _memo(_TEXTS, source.document, source.document.text.casefold)


def _whole_document_source(ctx: Context) -> bool:
    """A README, poster or one-paper post checked against its paper: all of it is about that paper."""
    papers = {frozenset(s.arxiv_ids) or s.name for s in ctx.sources}
    return len(papers) == 1 or len(ctx.document.sections) <= 1 and all(s.kind != "facts" for s in ctx.sources)


def _aligned(claim: Claim, candidate: Claim, loose: bool = False) -> bool:
    """Same measure, benchmark and metric (where named), settings that do not conflict; `loose`
    lets the ends of a change stated in the digest meet any configuration of the source."""
    if _measure(candidate) != _measure(claim):
        return False
    if not claim.metric and not claim.dataset:
        # "8B" with no noun: only a scale of the same size can support it, never contradict it
        return claim.kind == "scale" and same_figure(claim, candidate)
    if not topics_compatible(claim, candidate) and not (
            claim.kind == "scale" and claim.metric and claim.metric == candidate.metric):
        return False
    marks = _CHANGE_MARKS if loose else frozenset()
    if settings_conflict(claim.setting - marks, candidate.setting - marks):
        return False
    if claim.kind in ("delta", "speedup") and claim.baseline and not (
            candidate.baseline and _names_match(claim.baseline, candidate.baseline)):
        # "1.4× the SFT mean" is confirmed only by a multiple of the same thing
        return claim.kind == "delta" and not candidate.baseline
    return True


# the ends of a change stated in the digest are figures of the source's own columns
_CHANGE_MARKS = frozenset({"condition:before a stated change", "condition:after a stated change"})


def _another_system(candidate: Claim, claim: Claim, named: frozenset[str]) -> bool:
    """Is the source figure another system's? Its subject is not the claim's, and the digest
    itself names that system: a figure of Kite-7B never supports what is said of Falcon-40B."""
    subject = candidate.subject
    return bool(subject) and not _names_match(subject, claim.subject) and \
        any(_names_match(subject, name) for name in named)


# a margin, multiple or change is a comparison with something: the source's figures of that kind
# compare with other things unless they name the same baseline
_RELATIVE = {"delta", "speedup", "change"}


def _named_settings(candidates: list[Claim], sentence: str) -> list[Claim]:
    """The candidates left once the digest's sentence picks among the source's configurations:
    where the source's cells differ in a setting ('workload:chat', 'workload:batch') and the
    sentence names one of the values ('on the chat workload'), the cells of the others go."""
    if not sentence or len(candidates) < 2:
        return candidates
    words = set(re.findall(r"[\w.+-]+", sentence.casefold()))
    text = " " + re.sub(r"\s+", " ", sentence.casefold()) + " "

    def named(value: str) -> bool:
        value = value.casefold()
        return value in words or (" " in value and re.search(r"(?<!\w)" + re.escape(value) + r"(?!\w)", text) is not None)

    by_type: dict[str, set[str]] = {}
    for c in candidates:
        for x in c.setting:
            kind, _, value = x.partition(":")
            by_type.setdefault(kind, set()).add(value)
    kept = candidates
    for kind, values in by_type.items():
        if len(values) < 2:
            continue
        chosen = {v for v in values if named(v)}
        if kind == "variant":
            # a column's variants are the levels of its header ('Chat (RL)', '128K', 'MoE'), and a
            # sentence names them as parts of its systems' names ('LLaMA3 70B Instruct's 79.7'): the
            # figure's own name picks among them (`_variant_named`), not the sentence
            continue
        if chosen and chosen != values:
            kept = [c for c in kept if not any(x.partition(":")[0] == kind and x.partition(":")[2] not in chosen
                                               for x in c.setting)]
    return kept or candidates


_WORD = re.compile(r"[a-z][a-z0-9]{2,}")


def _table_words(source: Source, claim: Claim) -> tuple[tuple, frozenset[str]]:
    """(which table, the words of its caption and of the heading above it) for a source figure;
    ((source, -1), empty) outside tables."""
    document = source.document
    cell = document.cell_at(claim.quantity.start)
    if cell is None:
        return (source.name, -1), frozenset()
    from ..extract.context import heading_chain, heading_levels

    def levels():
        found = heading_levels(document)
        return found, [h[0] for h in found]

    found, starts = _memo(_LEVELS, document, levels)
    heading = " ".join(heading_chain(found, starts, cell.start))
    return (source.name, cell.table), frozenset(_WORD.findall(f"{heading} {cell.caption}".casefold()))


_LEVELS: dict[int, tuple] = {}


def _source_of(claim: Claim, sources: list[Source]) -> Source | None:
    """The source a source figure belongs to (each source's figures indexed once)."""
    for source in sources:
        if id(claim) in _memo(_OWNED, source, lambda: {id(c) for c in source.claims}):
            return source
    return None


_OWNED: dict[int, tuple] = {}


def _named_tables(candidates: list[Claim], sentence: str, sources: list[Source], claim_names: str = "") -> list[Claim]:
    """The candidates left once the digest's sentence picks among the source's tables: where the
    figures stand in several tables and the sentence uses a word that only some of the tables'
    headings or captions use ('last-checkpoint' for 'Last Scores' beside 'Best Scores'), the
    figures of the other tables go."""
    if not sentence or len(candidates) < 2:
        return candidates
    groups: dict[tuple, tuple[frozenset, list]] = {}
    for c in candidates:
        source = _source_of(c, sources)
        if source is None:
            return candidates
        key, words = _table_words(source, c)
        groups.setdefault(key, (words, []))[1].append(c)
    if len(groups) < 2 or any(not words for words, _ in groups.values()):
        return candidates  # a table without heading or caption says nothing to choose by
    # (the words naming the figure's system are in every table's figures, not a choice of table)
    said = set(_WORD.findall(sentence.casefold())) - set(_WORD.findall(claim_names.casefold()))
    chosen = []
    for key, (words, members) in groups.items():
        elsewhere = frozenset().union(*(w for k, (w, _) in groups.items() if k != key))
        if (words - elsewhere) & said:
            chosen.extend(members)
    return chosen or candidates


def stated_by(claim: Claim, figure: Claim, digits: int = 0) -> bool:
    """Can a source figure be the one the digest states? The same number after rounding, where
    the source is not the coarser of the two with the digest's extra digits other than zeros (a
    source's '2' may be a digest's '2.0'); `digits` more digits are allowed beyond that ('71.42'
    for a source's '71.4' with 1), never a source's '2' for a digest's '1.808'."""
    if not same_figure(claim, figure):
        return False
    low, high = base_interval(claim.quantity)
    f_low, f_high = base_interval(figure.quantity)
    width, f_width = high - low, f_high - f_low
    if claim.quantity.approx or claim.quantity.high is not None or figure.quantity.high is not None or \
            not f_width > 1.5 * width:
        return True
    if abs(claim.quantity.base_value() - figure.quantity.base_value()) <= width / 2 + 1e-12:
        return True
    return f_width <= 10 ** digits * width * 1.5


def _support(claim: Claim, figures: list[Claim]) -> Claim | None:
    """The source figure that states the claim's: one as precise as it first, else one a digit
    coarser (a source's '5 points' for a digest's '4.8 points'); None where none does."""
    return next((c for c in figures if stated_by(claim, c)), None) or \
        next((c for c in figures if stated_by(claim, c, digits=1)), None)


def _agreement(claim: Claim, figure: Claim) -> str:
    """'rounded' where the source states the figure more precisely than the digest, else 'supported'."""
    q, f = claim.quantity, figure.quantity
    return "rounded" if q.decimals < f.decimals and q.scale <= f.scale else "supported"


def _verdict(claim: Claim, sources: list[Source], named_systems: frozenset[str] = frozenset(),
             sentence: str = "") -> tuple[str, list[Claim], Claim | None]:
    """(verdict, aligned source claims, the one that decides) for one digest claim;
    `named_systems` are the subjects the digest names, `sentence` the claim's own."""
    every = [c for s in sources for c in s.claims if _aligned(claim, c)]
    strictly = {id(c) for c in every}
    aligned = _named_tables(_named_settings(every, sentence), sentence, sources,
                            f"{claim.subject} {claim.dataset} {claim.metric_text}")
    candidates = [c for c in aligned if not (claim.subject and _another_system(c, claim, named_systems))]
    others = [c for c in aligned if claim.subject and _another_system(c, claim, named_systems)]
    # "climbs from 20.3 to 34.3": the ends of a change may be figures of the source's own columns;
    # they can be supported there, never contradicted by the source's default configuration
    ends = _support(claim, [c for s in sources for c in s.claims if id(c) not in strictly
                            and _aligned(claim, c, loose=True) and (not claim.subject or not c.subject or
                                                                   _names_match(c.subject, claim.subject)
                                                                   or claim.role in ("from", "to"))])
    if ends is not None:
        return _agreement(claim, ends), [ends], ends
    loose = replace(claim, setting=frozenset(x for x in claim.setting if not x.startswith("statistic:")), subject="")
    relaxed = [c for s in sources for c in s.claims if s.document.cell_at(c.quantity.start) is not None
               and c.role != "baseline" and _aligned(loose, replace(c, setting=frozenset(
                   x for x in c.setting if not x.startswith("statistic:"))))]
    # a digest may name a benchmark where the source's table names its row ("Geometry3k's test split")
    named = _variant_named(claim.subject, [c for c in candidates if _names_match(c.subject, claim.subject) or
                                           (not c.subject and c.dataset and _names_match(c.dataset, claim.subject))])
    if not named and claim.subject:
        # 'the RL model' for the column 'DeepSeek-V2' over 'Chat (RL)': a name the variant gives
        named = [c for c in candidates + others if _names_system(c, claim.subject)]
        candidates = candidates + [c for c in named if c not in candidates]
        others = [c for c in others if c not in named]
    if claim.role == "baseline" or named:
        # figures the source gives for this very name; the others belong to other methods
        own = named
    else:
        own = [c for c in candidates if c.role != "baseline"]
    found = _support(claim, own)
    if found is not None and found.subject and (not claim.subject or claim.attribution in _HEADING_OWNED) and \
            any(c.subject and not _names_match(c.subject, found.subject) for c in own) and \
            not any(found.subject.casefold() in s.names for s in sources) and not _named_in(found.subject, sentence):
        # the figure's owner was not read (none, or only the heading above it) and the source
        # gives this frame to several systems: the value alone does not say it is the one meant
        # (unless the sentence writes the name of the system whose figure it is, or it is the
        # paper's own method's, which a section about the paper is about)
        return "not found", own, None
    if found is not None:
        return _agreement(claim, found), own, found
    # the figure is another system's only where the source gives this system figures of that
    # frame too: a subject the source never names may be a misreading of the digest
    if claim.role == "from":
        # the start of a stated change is an earlier state, often the compared system's figure
        # ('recall rises from 40% to 52%' where 40.0 is the baseline's): supported where it
        # stands in the frame, and never weighed against the system's own (later) figure
        found = _support(claim, candidates + others)
        return ("supported", [found], found) if found is not None else ("not found", own, None)
    if claim.role != "baseline" and named:
        for c in candidates + others:
            if c not in own and stated_by(claim, c):
                return "baseline", candidates, c
        # the figure stands in the source under another method or statistic of the same row
        # ("RL's mean is 66.0" where 66.0 is SFT's maximum)
        for c in relaxed:
            if stated_by(claim, c) and c.subject and not _names_match(c.subject, claim.subject):
                return "baseline", candidates, c
    distinct = []
    for c in own:
        if same_figure(claim, c):
            continue  # a figure the source writes far coarser ('2' for '1.808') neither states nor contradicts it
        if not any(same_figure(c, d) for d in distinct):
            distinct.append(c)
    if len(distinct) == 1 and _frame_holds(claim, distinct[0], bool(named)):
        return "mismatch", own, distinct[0]
    if distinct and claim.subject and named and all(c in named for c in distinct) and claim.kind not in _RELATIVE \
            and _one_table(distinct, sources) and not any(digits_written(c) == digits_written(claim) for c in distinct):
        # every figure the source gives this system for this metric and benchmark disagrees:
        # a mismatch whichever configuration was meant; the nearest one is expected
        nearest = min(distinct, key=lambda c: abs(c.value - claim.value))
        return "ambiguous", distinct, nearest
    return "not found", own, None


def _only_mention(sources: list[Source], subject: str) -> list[Source]:
    """The one source of several that names a system ('RL' for 'DeepSeek-V2 Chat (RL)' of the
    paper, where a leaderboard file beside it never does): a figure of that system is its."""
    if not re.search(r"[A-Z0-9]", subject):
        return []  # 'the model': every source has one
    speaking = [s for s in sources if _mentions(s, subject)]
    return speaking if len(speaking) == 1 else []


_SUBJECTS: dict[int, tuple] = {}


def _subjects(source: Source) -> frozenset[str]:
    """The names a source gives its figures, each once (a paper's thousands of cells name a few dozen)."""
    return _memo(_SUBJECTS, source, lambda: frozenset(c.subject for c in source.claims if c.subject))


def _variant_named(subject: str, named: list[Claim]) -> list[Claim]:
    """The system's figures of the variant its name gives: where the digest's name has words
    beyond the source's subject ('DeepSeek-V2 Chat (RL)' for a column 'DeepSeek-V2' over 'Chat
    (SFT)' and 'Chat (RL)'), the figures whose variants hold most of them; all where none do."""
    words = set(_norm(subject).split())

    def held(c: Claim) -> int:
        return len((words - set(_norm(c.subject).split())) & _variant_words(c))

    counts = [held(c) for c in named]
    if not counts or max(counts) == min(counts):
        return named
    return [c for c, n in zip(named, counts) if n == max(counts)]


def _names_system(cell: Claim, subject: str) -> bool:
    """Is a source figure the named system's, by its subject or by its variant ('RL' of a column
    'Kestrel' over 'Chat (RL)')?"""
    return _names_match(cell.subject, subject) or (bool(cell.subject) and set(_norm(subject).split()) <= _variant_words(cell))


def _variant_words(claim: Claim) -> set[str]:
    """The words of a source figure's variants ('chat', 'rl' of 'variant:chat (rl)')."""
    return set(_norm(" ".join(x.split(":", 1)[1] for x in claim.setting if x.startswith("variant:"))).split())


_VALUES: dict[int, tuple] = {}


def _by_value(source: Source) -> tuple[list[float], list[Claim]]:
    """A source's figures sorted by value (each source indexed once), for look-up by bisection."""
    def make():
        figures = sorted((c for c in source.claims if c.quantity.high is None), key=lambda c: c.quantity.value)
        return [c.quantity.value for c in figures], figures
    return _memo(_VALUES, source, make)


def _figures_near(value: float, step: float, sources: list[Source]):
    """The sources' figures whose value lies within `step` of `value`."""
    from bisect import bisect_left, bisect_right
    for source in sources:
        values, figures = _by_value(source)
        yield from figures[bisect_left(values, value - step):bisect_right(values, value + step)]


_WRITTEN: dict[int, tuple] = {}
_NUMBER_WRITTEN = re.compile(r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?")


def _numbers_written(source: Source) -> frozenset[str]:
    """Every number a source's text writes, read or not, without thousands commas (found once)."""
    return _memo(_WRITTEN, source, lambda: frozenset(
        m.group(0).replace(",", "") for m in _NUMBER_WRITTEN.finditer(source.document.text)))


def _transposed(claim: Claim, sources: list[Source]) -> Claim | None:
    """The source figure of the claim's own system (or, where it names none, its benchmark) that
    the stated figure writes with two neighbouring digits swapped ('3487.8' for 3478.8), where no
    source figure of that measure has the stated value itself. Three digits at least: with fewer,
    a swap matches some figure of a long row by chance."""
    q = claim.quantity
    digits = digits_written(claim)
    if q.high is not None or q.word or len(digits) < 3 or not (claim.subject or claim.dataset):
        return None
    sign = -1.0 if q.value < 0 else 1.0
    if abs(int(digits) / 10 ** q.decimals * q.scale - abs(q.value)) > q.half_step:
        return None  # the digits do not spell the value (a range, a fraction, a word): no swap to try
    family = _measure(claim)

    def owned(c: Claim) -> bool:
        if _measure(c) != family:
            return False
        if claim.subject:
            return _names_match(c.subject, claim.subject)
        return bool(c.dataset) and _names_match(c.dataset, claim.dataset)

    if any(_measure(c) == family and same_figure(claim, c) for c in _figures_near(q.value, 2 * q.half_step, sources)):
        return None  # the stated value stands in the source: a question of its frame, not of its digits
    plain = digits[:len(digits) - q.decimals] + ("." + digits[len(digits) - q.decimals:] if q.decimals else "")
    if any(plain in _numbers_written(source) for source in sources):
        return None  # written in the source, if not read there as a figure (a bare cell, a footnote)
    found = []
    for i in range(len(digits) - 1):
        a, b = digits[i], digits[i + 1]
        if a == b or (i == 0 and "0" in (a, b)):  # a leading zero moves no digit, it moves the point
            continue
        swapped = digits[:i] + b + a + digits[i + 2:]
        value = sign * int(swapped) / 10 ** q.decimals * q.scale
        trial = replace(claim, quantity=replace(q, value=value))
        found += [c for c in _figures_near(value, 2 * q.half_step, sources) if owned(c) and same_figure(trial, c)]
    distinct = {round(c.quantity.value, 9) for c in found}
    return found[0] if len(distinct) == 1 else None


def _one_table(claims: list[Claim], sources: list[Source]) -> bool:
    """Do the figures stand in one table of one source (its configurations), rather than
    scattered over a paper's tables and prose, where their frames are not known to be one?"""
    places = set()
    for claim in claims:
        source = _source_of(claim, sources)
        cell = source.document.cell_at(claim.quantity.start) if source is not None else None
        if cell is None:
            return False
        places.add((source.name, cell.table))
    return len(places) == 1


def _frame_holds(claim: Claim, cell: Claim, named: bool) -> bool:
    """May a source figure contradict a digest figure? Its frame must be the claim's: the same
    system by name, or, where the digest names none the source shares, the same benchmark and
    metric on both sides. The same digits with another scale are a unit question, not a value."""
    if digits_written(claim) == digits_written(cell):
        return False
    if named:
        return True
    return bool(claim.dataset and cell.dataset and claim.metric and cell.metric)


def _plain_text(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip().casefold()


def is_the_digest(document_text: str, source: Source) -> bool:
    """Is a source the digest itself, or a near copy of it? Its text, spaces aside, is at least
    90% the digest's (rapidfuzz's normalised similarity, compared only between texts of like
    length): such a source would confirm every figure it is asked about."""
    if source.kind == "self":
        return False  # a paper's own tables, which its prose is checked against on purpose (audit --self)
    a, b = _plain_text(document_text), _plain_text(source.document.text)
    if not a or not b or max(len(a), len(b)) > 2 * min(len(a), len(b)):
        return False
    from rapidfuzz import fuzz
    return fuzz.ratio(a, b, score_cutoff=90) >= 90


def usable_sources(ctx: Context) -> list[Source]:
    """The sources a digest is checked against: all but those that are the digest itself."""
    if ctx._usable_sources is None:
        ctx._usable_sources = [s for s in ctx.sources if not is_the_digest(ctx.document.text, s)]
    return ctx._usable_sources


def source_verdicts(ctx: Context) -> list[tuple[Claim, str, list[Claim], Claim | None]]:
    if not usable_sources(ctx):
        return []
    if ctx._source_verdicts is not None:
        return ctx._source_verdicts
    sources = usable_sources(ctx)
    checked = [c for c in ctx.claims if c.kind in _CHECKED_KINDS]
    explicit = {id(c): _explicit_ties(ctx, c) for c in checked}
    # a document checked against one paper is about that paper throughout; against several, a
    # part of it is tied by what it names, and when no part names its source a one-section
    # document is tied whole; parts that name none stay unverified rather than borrow a paper
    single = len({frozenset(s.arxiv_ids) or s.name for s in sources if s.kind != "facts"}) == 1 and \
        all(s.kind != "facts" for s in sources)
    whole = single or (not any(explicit.values()) and _whole_document_source(ctx))
    named_systems = frozenset(c.subject for c in ctx.claims if c.subject)
    out = []
    for claim in checked:
        owner = ctx.owners.get(claim.quantity.start, "") if not claim.subject else ""
        ties = explicit[id(claim)]
        if owner:
            # a figure the rules read without an owner takes the learned reader's: otherwise any
            # cell of its frame supports it, whoever's row it stands in
            # (a heading's words taken for the owner, 'Paper note: Kite-2', are heading-owned)
            claim = replace(claim, subject=owner, attribution="section" if _a_heading(ctx, owner) else claim.attribution)
            ties = _explicit_ties(ctx, claim)
        tied = ties or ([s for s in sources if _mentions(s, claim.subject)] if whole else _only_mention(sources, claim.subject))
        if not tied and whole and claim.attribution in _HEADING_OWNED:
            # a heading the paper never names ('Speech Stack Weekly', 'Local DRAM') is the digest's
            # own title for its part, not another system: a document about one paper is about it throughout
            tied = list(sources)
        # a results file has no title to name: it is tied wherever the digest names one of its rows
        tied = tied + [s for s in _listing_ties(ctx, claim) if all(s is not t for t in tied)]
        if not tied:
            out.append(_placed_by_its_sentence(ctx, claim, sources) or (claim, "untied", [], None))
            continue
        sentence = ctx.document.text[claim.sentence[0]:claim.sentence[1]]
        verdict, candidates, decisive = _verdict(claim, tied, named_systems, sentence)
        if verdict == "not found":
            verdict, candidates, decisive = _learned_frame_verdict(ctx, claim, tied, named_systems, sentence) or \
                (verdict, candidates, decisive)
        if verdict == "not found":
            swapped = _transposed(claim, tied)
            if swapped is not None:
                verdict, candidates, decisive = "transposed", [swapped], swapped
        if verdict in ("supported", "rounded") and len(tied) > 1:
            # one source agreeing does not silence another that states the figure otherwise
            for other in tied:
                if any(c is decisive for c in other.claims):
                    continue
                theirs, their_candidates, their_cell = _verdict(claim, [other], named_systems, sentence)
                if theirs in ("mismatch", "ambiguous") and their_cell is not None:
                    verdict, candidates = "sources disagree", [decisive, their_cell]
                    break
        if verdict == "baseline" and not claim.metric and ctx.document.cell_at(claim.quantity.start) is None and \
                _several_measures(claim, candidates, decisive, tied):
            # a figure of prose read without its measure, where the source gives its system several
            # figures on that benchmark (several measures, splits or settings): which one it states
            # is not known, so the same value under another system says nothing of a slip (a
            # digest's table cell has its column to say which)
            verdict, candidates, decisive = "not found", [], None
        if verdict == "baseline" and (not (system_like(claim.subject) and system_like(decisive.subject))
                                      or decisive.attribution in _HEADING_OWNED or decisive.quantity.high is not None):
            # 'in the source 32.9 is X's': only where both owners are systems; a benchmark, a
            # metric or a setting read as the owner ('LiveCodeBench v5', 'Chunk Size') is a
            # misreading, a heading above the figure ('Memory Requirements') names no owner, and
            # a range that holds the figure ('1-8 bytes') is no copy of another system's figure
            verdict, candidates, decisive = "not found", [], None
        if verdict == "baseline" and decisive is not None and decisive.subject and \
                not _norm(f"{claim.subject} ").startswith(_norm(decisive.subject) + " ") and \
                (_named_in(decisive.subject, _clause_before(ctx, claim)) or _named_around(ctx, claim, decisive.subject, tied)
                 or _named_before_for_another(ctx, claim, decisive.subject)):
            # "EDAC posts 101.70, where SAC-N manages 40.82": the figure's own clause names the
            # system the source gives it to; the sentence was read with another owner (not where
            # that name only begins the figure's own: 'Kestrel' of 'Kestrel Chat (RL)', of 'Wren-V2')
            verdict, candidates, decisive = "not found", [], None
        if verdict in ("mismatch", "ambiguous", "baseline"):
            agreeing = _named_cell(ctx, claim, tied, agreeing=True)
            if agreeing is not None and verdict == "baseline" and decisive.subject and \
                    any(c is decisive for c in agreeing.source.claims) and \
                    agreeing.cell.start <= decisive.quantity.start < agreeing.cell.end and not _named_in(
                        decisive.subject, figure_stretch(ctx.document.text, claim) + " " + _clause_before(ctx, claim)):
                # the cell holding the figure is the other system's, named only in another clause
                # of the sentence ('A reaches 48.2 on X ..., but trails B's 68.6'): the figure is
                # still said of the claim's own system, whose cell disagrees
                agreeing = None
            if agreeing is not None:
                # the figure's own clause names a cell that holds it ('155.6 GFLOPs' beside an
                # mAP): its frame was misread, the source agrees
                own = _figures_in(agreeing)
                verdict, candidates, decisive = ("supported", own[:1], own[0]) if own else ("not found", [], None)
        if verdict in ("mismatch", "ambiguous") and not _near_figure(claim, decisive) and \
                getattr(_source_of(decisive, tied), "kind", "facts") != "facts":
            # a frame read by the rules alone (a fact sheet states its frames) that every figure of
            # the source disagrees with, and far from the one nearest: far more often a misread
            # frame than a slip (on digests
            # nobody here had read, 1 such flag in 22 was right); reported as not found, with the
            # figures, unless the system's own row states the figure under another measure
            # ('1129.7' is its std_reward, not its mean_reward), a named cell or a digit slip
            # below places it
            elsewhere = _own_figure_elsewhere(claim, tied, decisive)
            if elsewhere is not None and _column_said(ctx, claim, elsewhere):
                # the sentence names the column that holds the figure ('55.02 LC', the LC column):
                # the measure was misread, not miscopied
                elsewhere = None
            if elsewhere is not None:
                verdict, candidates, decisive = "other measure", [_meant_cell(claim, elsewhere, sentence)], elsewhere
            else:
                verdict, candidates, decisive = "not found", candidates, None
        if verdict == "ambiguous" and not (claim.dataset if claim.kind in ("score", "percent") else claim.metric):
            # 'every figure the source gives it disagrees' speaks of one thing only where the
            # digest says which: a score's benchmark, another figure's measure. A score read
            # without its benchmark is set against every benchmark of the system's row, and
            # disagrees with all but one of them by design
            verdict, candidates, decisive = "not found", candidates, None
        if verdict in ("not found", "supported", "rounded"):
            named = _named_cell(ctx, claim, tied)
            if named is not None and (verdict == "not found" or _another_cell(decisive, named)):
                # supported by a cell of another column or row than the one the sentence names:
                # the figure belongs there, not here
                verdict, candidates, decisive = "named cell", [], named
        if verdict == "not found":
            near = _near_cell(ctx, claim, tied)
            if near is not None:
                verdict, candidates, decisive = "near cell", [near[1]], near[0]
        out.append((claim, verdict, candidates, decisive))
    for figure in ctx.unframed():
        placed = _placed_by_its_sentence(ctx, figure, sources)
        if placed is not None:
            out.append(placed)
    ctx._source_verdicts = _one_cell_per_sentence(out)
    return ctx._source_verdicts


_HEADING_OWNED = ("section", "document")  # attributions read from a heading or a title


def _learned_frame_verdict(ctx: Context, claim: Claim, tied: list[Source], named_systems: frozenset[str], sentence: str):
    """The verdict on a figure whose rules' frame meets no source figure, read again in the learned
    reader's metric and benchmark: a mismatch or an ambiguity it finds there, else None. The rules
    read measures from the words beside a figure ('the hardest WER set for Loon Cloud at 10.3%':
    'set'), the learned reader chooses among the names of the sentence, its table and headings.
    Never a support: a value that stands under the learned frame could stand there by chance."""
    learned = ctx.frames.get(claim.quantity.start)
    if learned is None:
        return None
    metric, metric_text, dataset = learned
    verdict, candidates, decisive = _verdict(replace(claim, metric=metric, metric_text=metric_text, dataset=dataset),
                                             tied, named_systems, sentence)
    return (verdict, candidates, decisive) if verdict in ("mismatch", "ambiguous") else None


def _a_heading(ctx: Context, name: str) -> bool:
    """Is a name the whole title of a heading of the digest, or its subject part?"""
    key = _norm(name)
    return bool(key) and any(key in (_norm(s.title), _norm(s.subject)) for s in ctx.document.sections)


def _one_cell_per_sentence(verdicts: list) -> list:
    """One source figure is the expected value of one figure of a sentence at most: where two
    different figures of one sentence ('on Alignbench 7.84 versus 7.91') would both be mismatches
    of the same source figure or table cell, the sentence's frame was misread (they are two
    systems' figures), and neither is reported as that figure's mismatch."""
    def expected(verdict, decisive):
        # a named cell by where it stands (one cell is filed once per label of its row)
        return (id(decisive.source), decisive.cell.start) if verdict == "named cell" else id(decisive)
    stated: dict[tuple, set[float]] = {}
    for claim, verdict, _, decisive in verdicts:
        if verdict in _EXPECTING and decisive is not None:
            stated.setdefault((claim.sentence, expected(verdict, decisive)), set()).add(claim.quantity.value)
    return [(claim, "not found", candidates, None)
            if verdict in _EXPECTING and decisive is not None
            and len(stated[(claim.sentence, expected(verdict, decisive))]) > 1 else (claim, verdict, candidates, decisive)
            for claim, verdict, candidates, decisive in verdicts]


_EXPECTING = ("mismatch", "ambiguous", "named cell")  # verdicts that give a source figure as the one expected


def _several_measures(claim: Claim, candidates: list[Claim], other: Claim | None = None,
                      sources: list[Source] = ()) -> bool:
    """Does the source give the claim's own system more than one distinct figure of its frame?
    Where another system's cell holds the figure (`other`) and the claim's system has figures of
    the frame in that cell's table, only those count: the table fixes the measure that was meant
    (48.2 beside a system's one HumanEval cell of 48.8 is the neighbour's, whatever its chat
    model scores in another table)."""
    own = _variant_named(claim.subject, [c for c in candidates if c.subject and _names_match(c.subject, claim.subject)])
    if other is not None:
        own = _in_table_of(other, own, sources)
    return len({(c.metric, c.quantity.value) for c in own}) > 1


def _in_table_of(other: Claim, figures: list[Claim], sources: list[Source]) -> list[Claim]:
    """The figures that stand in the table holding `other`; all of them where none does."""
    table = _table_of(other, sources)
    return [c for c in figures if table is not None and _table_of(c, sources) == table] or figures


def _table_of(figure: Claim, sources: list[Source]) -> tuple | None:
    """(source name, table number) of a source figure in a table cell; None outside tables."""
    source = _source_of(figure, sources)
    if source is None:
        return None
    cell = source.document.cell_at(figure.quantity.start)
    return None if cell is None else (source.name, cell.table)


def _placed_by_its_sentence(ctx: Context, claim: Claim, sources: list[Source]):
    """A verdict for a figure no frame ties to a source: the cell its sentence names by row and
    column, else a cell of a named row it writes with a digit slip; None where neither does."""
    named = _named_cell(ctx, claim, sources)
    if named is not None:
        return claim, "named cell", [], named
    near = _near_cell(ctx, claim, sources)
    if near is not None:
        return claim, "near cell", [near[1]], near[0]
    return None




_CELLS: dict[int, tuple] = {}
_LABELLED: dict[int, tuple] = {}


def _cells(source: Source):
    """A source's figure cells with their labels (`named_cells.table_cells`), found once."""
    from .named_cells import table_cells
    return _memo(_CELLS, source, lambda: table_cells(source))


def _labelled(source: Source):
    """A source's figure cells filed by row label (`named_cells.Labelled`), made once."""
    from .named_cells import Labelled
    return _memo(_LABELLED, source, lambda: Labelled.of(_cells(source)))


def _clause_before(ctx: Context, claim: Claim) -> str:
    """The words from the last comma, semicolon or colon before a figure up to it."""
    text = ctx.document.text
    start = claim.sentence[0]
    left = max(text.rfind(mark, start, claim.quantity.start) for mark in (",", ";", ":"))
    return text[max(left + 1, start):claim.quantity.start]


def _named_around(ctx: Context, claim: Claim, name: str, sources: list[Source]) -> bool:
    """Does the heading a figure stands under (or its list item's label) name a system, in full
    or by its short form before a system noun ('## Base model against peers' for MiMo-7B-Base)?"""
    from . import named_cells
    section = ctx.document.section_at(claim.quantity.start)
    # (not the document's title, which names everything it compares: 'RL or SFT for VLMs?'; not a
    # heading that names the figure's own system as well)
    heading = section.title if section and ctx.document.sections and section is not ctx.document.sections[0] else ""
    words = named_cells.named_phrases(f"{heading} {ctx.item_lead(claim)}", [_labelled(s) for s in sources])
    key, own = named_cells.compact(name), named_cells.compact(claim.subject)
    return bool(key) and key in words and not (own and own in words)


def _named_before_for_another(ctx: Context, claim: Claim, name: str) -> bool:
    """Does the sentence, up to the figure, name the system the source gives the figure to, and
    not the owner it was read with ('Joint, third on MOS at 3.614' read as another system's, from
    a sentence before): the owner was carried in, the sentence's own name stands before the figure."""
    before = f"{ctx.item_lead(claim)} {ctx.document.text[claim.sentence[0]:claim.quantity.start]}"
    return _named_in(name, before) and not _named_in(claim.subject, before)


def _named_in(name: str, sentence: str) -> bool:
    """Does a sentence write a name (by its letters and digits: 'SAC-N' is 'SAC N')?"""
    from .named_cells import compact, phrases
    key = compact(name)
    return bool(key) and key in phrases(sentence)


def _another_cell(figure: Claim | None, named) -> bool:
    """Is a source figure in the named cell's table, but in another cell?"""
    if figure is None:
        return False
    cell = named.source.document.cell_at(figure.quantity.start)
    return cell is not None and cell.table == named.cell.table and cell.start != named.cell.start and \
        any(c is figure for c in named.source.claims)


_DEFINED: dict[int, tuple] = {}


def _spelled_out(ctx: Context, text: str) -> str:
    """The text with the expansion of each acronym the digest itself defines and the text writes
    ('55.02 LC' after 'length-controlled (LC) win rate'): a header spelled out names the column
    its acronym names."""
    from .wording import definitions

    def make():
        found: dict[str, set[str]] = {}
        for short, long, _ in definitions(ctx.document.text):
            found.setdefault(short, set()).add(long)
        return {short: next(iter(longs)) for short, longs in found.items() if len(longs) == 1}
    defined = _memo(_DEFINED, ctx.document, make)
    if not defined:
        return text
    written = set(re.findall(r"[A-Za-z][A-Za-z0-9-]{1,9}", text)) & defined.keys()
    return " ".join([text] + [defined[short] for short in sorted(written)])


@lru_cache(maxsize=1)
def _compared_with() -> re.Pattern:
    """The words that set what follows them against what came before, so that a name after one is
    the other side (patterns/frames.json's comparison_words), with the multiples whose structure
    does ('twice that of', '1.5x the')."""
    words = phrase_alternation(load_json("frames.json")["comparison_words"])
    return re.compile(r"\b(?:" + words + r"|(?:times|twice|half)\s+(?:the|that\s+of)|"
                      r"(?<![\w.])\d{1,4}(?:\.\d{1,3})?\s?[x×]\s+(?:the|that\s+of))\b", re.I)


def _named_cell(ctx: Context, claim: Claim, sources: list[Source], agreeing: bool = False):
    """The one source table cell whose row label and column header the claim's sentence (with its
    list item's label) both name, where the stated figure disagrees with it and no figure of the
    sentence agrees with it (a `named_cells.NamedCell`), else None; with `agreeing`, the one such
    cell that the stated figure agrees with."""
    from . import named_cells
    labelled = [_labelled(s) for s in sources]
    if not any(x.by_row for x in labelled):
        return None
    if not agreeing and _THRESHOLD_VERB.search(ctx.document.text, max(0, claim.quantity.start - 16), claim.quantity.start):
        return None  # 'whose average tops 90': a threshold, not the cell's figure
    if claim.kind in _RELATIVE or claim.measure == "scale" and not agreeing:
        # a margin or a multiple is not what a results cell holds; a size or a count ('1M steps',
        # '128 GPUs') beside the names of a cell is a setting of it, not its figure (though it
        # may be the cell's figure where it agrees)
        return None
    text = ctx.document.text
    start, end = claim.sentence
    # the figure's own digits name no row or column ('0.50' is not rows '0' and '50'); its column
    # is named in its own stretch of the sentence ('50.1 mAP on val, 14.5 ms': val is 50.1's)
    q = claim.quantity
    sentence = f"{text[start:q.start]} {text[q.end:end]}"
    # a digest table cell's row labels name its system as a list item's lead does ('| Lumen-Det |
    # 71.4, ahead of StrongDet (69.3) |' names Lumen-Det's cell as well as StrongDet's)
    row_words = named_cells.named_phrases(f"{ctx.item_lead(claim)} {_row_labels(ctx, claim)} {sentence}", labelled)
    column_words = named_cells.named_phrases(_spelled_out(ctx, figure_stretch(text, claim)), labelled)
    named = named_cells.named_by(row_words, labelled, column_words)
    if not named and agreeing:
        # no column named beside the figure: one the sentence names elsewhere that holds it
        # ('first on NDCG@20, with 0.1557'); as a witness of agreement only, since a sentence
        # names other columns too ('96.00% in 27.3 s, with 3.1 PFLOPs')
        named = [c for c in named_cells.named_by(row_words, labelled, row_words) if named_cells.agrees(claim, c)]
    if len({(round(c.value, 9), c.decimals) for c in named}) > 1:
        # a row fixed by several labels (a long results file: dataset, then model): the cells
        # with the most of their row's labels named before the figure or in its own stretch of the
        # sentence (labels named after it, past its clause, are another figure's: 'and on MBPP (3-shot)')
        own_words = named_cells.named_phrases(f"{ctx.item_lead(claim)} {_row_labels(ctx, claim)} "
                                              f"{text[start:q.start]} {figure_stretch(text, claim)}", labelled)
        most = max(named_cells.labels_named(c, own_words) for c in named)
        if most > 1:
            named = [c for c in named if named_cells.labels_named(c, own_words) == most]
    if len({(round(c.value, 9), c.decimals) for c in named}) > 1:
        # several cells ('wins are phoneme (0.9698) and sylvine (0.9918)'): the one whose row is
        # the name written right before the figure, as in 'X (N)', 'X: N' or 'X N'
        words = re.sub(r"[\s(:=]+$", "", text[max(start, q.start - 80):q.start]).split()
        beside = {named_cells.compact(" ".join(words[-k:])) for k in range(1, min(4, len(words)) + 1)}
        named = [c for c in named if named_cells.compact(c.row) in beside]
    if not named or len({(round(c.value, 9), c.decimals) for c in named}) != 1:
        return None  # no cell, or several cells of different figures: the sentence does not fix one
    cell = named[0]
    if not re.search(r"[^\W\d_]", cell.row + cell.column):
        return None  # digits alone on both sides ('7 / 7'): any figures of the sentence write them
    if agreeing:
        return cell if named_cells.agrees(claim, cell) else None
    if len(named_cells.compact(cell.column)) < 3 and named_cells.compact(cell.column).isalpha():
        return None  # a header of two letters ('it', 'id', 'de' of a language table) is an English word too
    if named_cells.agrees(claim, cell) or not named_cells.digits_differ(claim, cell):
        return None
    if named_cells.compact(claim.quantity.text) in named_cells.compact(f"{cell.row} {cell.column}"):
        return None  # '40K' of 'MiniMax-M1-40K': digits of the name, not a figure
    if any(named_cells.agrees(other, cell) for other in ctx.figures_between(*claim.sentence) if other is not claim):
        return None  # the sentence states the cell's figure: this one is another quantity
    if named_cells.compact(cell.row) not in named_cells.named_phrases(
            f"{ctx.item_lead(claim)} {_row_labels(ctx, claim)} {text[start:q.start]}", labelled) and \
            _compared_with().search(text, q.end, end):
        # the row is named only after the figure, past a comparison ('51.1 is 14.9 points above
        # the Vicuna-13B variant', 'and edges Vicuna-7B on POPE'): the other side, not the figure's owner
        return None
    if named_cells.distance(claim, cell) >= _FAR_FROM_CELL and \
            (q.approx or named_cells.stated_elsewhere(claim, _cells(cell.source), cell) is None):
        # far from the named cell's figure and in no other cell of its table: another quantity the
        # sentence gives beside the cell's names (a count, a cost, a figure of another measure),
        # not a copying slip, which stays near or copies a neighbouring cell (an approximate figure,
        # 'about 16%', copies no cell: another cell within its rounding holds it by chance)
        return None
    return cell


_FAR_FROM_CELL = 0.3  # relative difference beyond which a figure is not taken for a named cell's


def _near_cell(ctx: Context, claim: Claim, sources: list[Source]):
    """The one cell, in a source row the claim's sentence names, whose figure the stated one
    writes with one digit changed or two neighbouring digits swapped ('3.38 s' for the row's
    3.83), where no source writes the stated figure itself: a copying slip, located by the row
    its sentence names however the sentence was read. (cell, 'swapped' | 'one digit'), or None."""
    from . import named_cells
    q = claim.quantity
    stated = digits_written(claim)
    if q.high is not None or q.word or q.bound or q.approx or len(stated) < 2 or \
            claim.kind in _RELATIVE and claim.role not in ("from", "to"):  # the ends of a change are states
        return None  # (an approximate figure, 'about 70.6 MB', was not copied digit by digit)
    if abs(int(stated) / 10 ** q.decimals * q.scale - abs(q.value)) > q.half_step:
        return None  # the digits do not spell the value
    plain = stated[:len(stated) - q.decimals] + ("." + stated[len(stated) - q.decimals:] if q.decimals else "")
    if any(plain in _numbers_written(source) for source in sources):
        return None  # the source writes it: a question of its frame, not of its digits
    labelled = [_labelled(s) for s in sources]
    text = ctx.document.text
    start, end = claim.sentence
    # the figure's own side of a comparison ('0.75 for A versus 0.78 for B': 0.78 is B's, and
    # A's row is not where its digits were miscopied from)
    before, after = text[start:q.start], text[q.end:end]
    compared = list(_compared_with().finditer(before))
    if compared:
        before = before[compared[-1].end():]
    ahead = _compared_with().search(after)
    if ahead:
        after = after[:ahead.start()]
    words = named_cells.named_phrases(f"{ctx.item_lead(claim)} {before} {after} "
                                      f"{_cell_labels(ctx, claim)}", labelled)
    rows = [c for x in labelled for phrase in sorted(words & x.by_row.keys()) for c in x.by_row[phrase]]
    found = {}
    for cell in rows:
        if cell.decimals != q.decimals:
            continue
        written_digits = re.sub(r"\D", "", f"{abs(cell.value):.{cell.decimals}f}")
        relation = _digit_slip(stated, written_digits)
        if relation:
            found[cell.cell.start] = (cell, relation)
    if len(found) > 1 or len(stated) < 3:
        # several, or a figure of two digits (which a long row matches by chance): the ones whose
        # column the sentence names
        found = {k: v for k, v in found.items() if named_cells.compact(v[0].column) in words}
    if len(found) == 1:
        return next(iter(found.values()))
    if len(stated) < 3 or found:
        return None
    # a figure of the source's prose, in a sentence that writes a name the claim's sentence writes
    # ('improves OPT-66B from 9.55 to 9.34')
    names = {named_cells.compact(n) for n in names_in(text[start:end])} - {""}
    prose = {}
    for source in sources:
        for c in _by_digits(source).get((len(stated), q.decimals), ()):
            relation = _digit_slip(stated, digits_written(c))
            if relation and names & {named_cells.compact(n) for n in names_in(
                    source.document.text[c.sentence[0]:c.sentence[1]])}:
                prose[(source.name, c.quantity.start)] = (c, relation)
    return next(iter(prose.values())) if len(prose) == 1 else None


_BY_DIGITS: dict[int, tuple] = {}


def _by_digits(source: Source) -> dict:
    """A source's prose figures by (how many digits, how many decimals), filed once."""
    def make():
        out: dict[tuple[int, int], list[Claim]] = {}
        for c in source.claims:
            if source.document.cell_at(c.quantity.start) is None and c.quantity.high is None:
                out.setdefault((len(digits_written(c)), c.quantity.decimals), []).append(c)
        return out
    return _memo(_BY_DIGITS, source, make)


def _own_figure_elsewhere(claim: Claim, sources: list[Source], expected: Claim):
    """The one cell of the table row of the figure expected that holds the stated value under
    another column (a `named_cells.NamedCell`): a value copied from the wrong column ('1129.7'
    is the row's std_reward, the mean_reward 2325.5)."""
    if not claim.subject or expected is None:
        return None
    source = _source_of(expected, sources)
    cell = source.document.cell_at(expected.quantity.start) if source is not None else None
    if cell is None:
        return None
    q = claim.quantity
    found = {c.cell.start: c for c in _cells(source) if c.cell.table == cell.table and c.cell.row == cell.row
             and c.cell.column != cell.column
             # the value itself, up to rounding on either side (no unit or scale between them)
             and abs(abs(c.value) - abs(q.value)) <= q.half_step + 0.5 * 10.0 ** -c.decimals + 1e-9}
    return next(iter(found.values())) if len(found) == 1 else None


def _column_said(ctx: Context, claim: Claim, cell) -> bool:
    """Does the figure's own stretch of its sentence (with the digest's acronyms spelled out), or
    the frame read for it, write the cell's column header ('val' of a claim read on the val
    split), or a word that sets it apart from the other headers of its table?"""
    from . import named_cells
    labelled = _labelled(cell.source)
    own = labelled.distinguishing.get((cell.cell.table, cell.column), frozenset())
    text, q = ctx.document.text, claim.quantity
    left, right = stretch_bounds(text, claim)
    # (from the figure before it, if one stands in the stretch: the words before that are its
    # own, 'X scores 45.5 against 52.7 for Y')
    left = max([left] + [c.quantity.end for c in ctx.figures_between(left, q.start) if c.quantity.end <= q.start])
    frame = " ".join([claim.dataset, claim.metric_text] + [x.split(":", 1)[-1] for x in claim.setting])
    written = _spelled_out(ctx, f"{text[left:q.start]} {text[q.end:right]} {frame}")
    said = named_cells.phrases(written)
    if named_cells.compact(cell.column) in said or any(word in said for word in own):
        return True
    # a header said in another form of its word: 'the fastest compressor' names 'Compression'
    return bool(_stems(cell.column) & _stems(written))


_STEM = 7  # letters two long words share where they are forms of one ('compressor', 'compression')
_LONG_WORD = re.compile(r"[a-z]{%d,}" % (_STEM + 1))


def _stems(text: str) -> set[str]:
    return {w[:_STEM] for w in _LONG_WORD.findall(text.lower())}


def _of_dimension(cell, dimension: str) -> bool:
    """Could a cell hold a figure of this dimension? A figure in MB/s never meant a row's ratio;
    a bare figure, or a cell read as no figure, may be of any."""
    if dimension == "plain":
        return True
    held = {c.quantity.dimension for c in _figures_in(cell)}
    return not held or dimension in held


def _figures_in(named) -> list[Claim]:
    """The source's figures read inside a named cell."""
    return [c for c in named.source.claims if named.cell.start <= c.quantity.start < named.cell.end]


def _meant_cell(claim: Claim, elsewhere, sentence: str):
    """The cell of the same row the claim's words name ('a mean of 1129.7': mean_reward), if one."""
    words = set(re.findall(r"[a-z]+", (sentence + " " + " ".join(x.split(":", 1)[-1] for x in claim.setting)
                                        + " " + claim.metric_text).lower()))
    row = [c for c in _cells(elsewhere.source) if c.cell.table == elsewhere.cell.table and c.cell.row == elsewhere.cell.row
           and c.cell.column != elsewhere.cell.column and _of_dimension(c, claim.quantity.dimension)]
    named = {c.cell.start: c for c in row if set(re.findall(r"[a-z]+", c.column.lower())) & words
             - set(re.findall(r"[a-z]+", elsewhere.column.lower()))}
    return next(iter(named.values())) if len(named) == 1 else None


def _near_figure(claim: Claim, figure: Claim | None) -> bool:
    """Could the stated figure be a misstatement of this one? Within a tenth of it, or the same
    digits with one changed, two swapped or the point moved."""
    if figure is None:
        return False
    x, y = abs(claim.quantity.base_value()), abs(figure.quantity.base_value())
    if x and y and max(x, y) / min(x, y) <= 1.1:
        return True
    a, b = digits_written(claim).strip("0"), digits_written(figure).strip("0")
    return a == b or bool(_digit_slip(a, b))


def _digit_slip(stated: str, cell: str) -> str:
    """'swapped' where two neighbouring digits trade places, 'one digit' where one differs."""
    if len(stated) != len(cell) or stated == cell:
        return ""
    diff = [i for i in range(len(stated)) if stated[i] != cell[i]]
    if len(diff) == 2 and diff[1] == diff[0] + 1 and stated[diff[0]] == cell[diff[1]] and stated[diff[1]] == cell[diff[0]]:
        return "swapped"
    if len(diff) == 1 and diff[0] > 0:  # a leading digit changed is another magnitude, not a slip of the pen
        return "one digit"
    return ""


def _row_labels(ctx: Context, claim: Claim) -> str:
    """A digest table cell's row labels ('Lumen-Det'), empty outside tables."""
    cell = ctx.document.cell_at(claim.quantity.start)
    return " ".join(value for _, value in cell.labels) if cell is not None else ""


def _cell_labels(ctx: Context, claim: Claim) -> str:
    """A digest table cell's row labels and column headers, which name its frame as a sentence would."""
    cell = ctx.document.cell_at(claim.quantity.start)
    if cell is None:
        return ""
    return " ".join([value for _, value in cell.labels] + list(cell.headers))


_THRESHOLD_VERB = re.compile(r"\b(?:tops?|exceeds?|surpass(?:es)?|clears?|passes|crosses|breaks)\s+$", re.I)


def _where(c: Claim) -> str:
    name = c.document.replace("\\", "/").rsplit("/", 1)[-1]
    page = f" p. {c.page}" if c.page else ""
    return f"{name}{page} line {c.line}"


def _what(claim: Claim) -> str:
    parts = [claim.metric_text or claim.metric, claim.subject]
    return ", ".join(p for p in parts if p)


def _frame(claim: Claim) -> str:
    """Whose figure, of what, on what, as a source cell states it: 'Kite-7B, accuracy, MMLU'."""
    parts = [claim.subject, claim.metric_text or claim.metric, claim.dataset]
    parts += sorted(x.split(":", 1)[1] for x in claim.setting if not x.startswith("condition:"))
    return ", ".join(p for p in parts if p)


@rule("CC201", "source-mismatch", "source")
def check_source_mismatch(ctx: Context):
    """A digest figure that its source states differently.

    What it checks: each digest claim aligned to its source (same metric by the alias table,
    same measure, no conflicting setting) must agree with the source's figure up to rounding;
    a figure that is a compared method's in the source but the method's own in the digest is
    a mismatch too.
    Why it matters: a digest is only as right as its agreement with the papers.
    Example: the digest says "VBench-T2V 84.7", the paper's table says 83.64.
    How to fix: copy the figure from the source, rounding honestly.
    """
    self = RULES["CC201"]
    for claim, verdict, candidates, decisive in source_verdicts(ctx):
        if verdict == "mismatch":
            yield self.finding(claim, f"stated {written(claim)} ({_what(claim)}), the source gives "
                               f"{written(decisive)} ({_where(decisive)})", [Evidence.of(decisive)],
                               expected=decisive.value, verdict="mismatch")
        elif verdict == "named cell":
            from . import named_cells
            elsewhere = named_cells.stated_elsewhere(claim, _cells(decisive.source), decisive)
            tail = (f"; {written(claim)} is {elsewhere.row} / {elsewhere.column}'s ({named_cells.place(elsewhere)})"
                    if elsewhere else "")
            yield self.finding(claim, f"stated {written(claim)}, but the source's cell for {decisive.row} / "
                               f"{decisive.column}, both named here, gives {decisive.cell.text.strip()} "
                               f"({named_cells.place(decisive)}){tail}",
                               [named_cells.evidence(decisive)] + ([named_cells.evidence(elsewhere)] if elsewhere else []),
                               expected=decisive.value, verdict="mismatch")
        elif verdict == "other measure":
            from . import named_cells
            meant = candidates[0]
            owner = claim.subject or decisive.row
            tail = (f"; its {meant.column} is {meant.cell.text.strip()} ({named_cells.place(meant)})" if meant else "")
            yield self.finding(claim, f"stated {written(claim)} ({_what(claim)}), but in the source {written(claim)} is "
                               f"{owner}'s {decisive.column} ({named_cells.place(decisive)}){tail}",
                               [named_cells.evidence(decisive)] + ([named_cells.evidence(meant)] if meant else []),
                               expected=meant.value if meant else None, verdict="mismatch")
        elif verdict == "near cell":
            from . import named_cells
            how = ("the same digits with two neighbouring ones swapped" if candidates[0] == "swapped"
                   else "one digit differs")
            if isinstance(decisive, Claim):  # a figure of the source's prose, in a sentence naming the same
                yield self.finding(claim, f"stated {written(claim)}, but the source's sentence on {_frame(decisive) or 'it'} "
                                   f"gives {written(decisive)} ({_where(decisive)}): {how}, and no source writes "
                                   f"{written(claim)}", [Evidence.of(decisive)], expected=decisive.value, verdict="mismatch")
            else:
                yield self.finding(claim, f"stated {written(claim)}, but the source's {decisive.row} row, named here, "
                                   f"has {decisive.cell.text.strip()} under {decisive.column} ({named_cells.place(decisive)}): "
                                   f"{how}, and no source writes {written(claim)}",
                                   [named_cells.evidence(decisive)], expected=decisive.value, verdict="mismatch")
        elif verdict == "transposed":
            yield self.finding(claim, f"stated {written(claim)} ({_what(claim)}), the source gives "
                               f"{written(decisive)} ({_frame(decisive)}; {_where(decisive)}): the same digits "
                               f"with two of them swapped, and no source figure of {written(claim)}",
                               [Evidence.of(decisive)], expected=decisive.value, verdict="mismatch")
        elif verdict == "ambiguous":
            stated = "; ".join(f"{written(c)} ({_frame(c)}; {_where(c)})" for c in candidates[:4])
            yield self.finding(claim, f"stated {written(claim)} ({_what(claim)}), but every figure the source "
                               f"gives for it disagrees: {stated}", [Evidence.of(c) for c in candidates[:4]],
                               expected=decisive.value, verdict="mismatch")
        elif verdict == "baseline":
            # where the source gives the claim's own system one figure of that frame, it is expected
            own = [c for c in candidates if claim.subject and _names_system(c, claim.subject)
                   and not same_figure(c, decisive)]
            # (the system's figure in the table that holds the other's, where it has others elsewhere)
            own = _in_table_of(decisive, own, usable_sources(ctx))
            values = {c.value for c in own}
            expected = own[0] if len(values) == 1 else None
            tail = f"; it gives {claim.subject} {written(expected)} ({_where(expected)})" if expected else ""
            yield self.finding(claim, f"stated {written(claim)} for {claim.subject or 'the method'} ({_what(claim)}), "
                               f"but in the source {written(decisive)} is {decisive.subject}'s ({_frame(decisive)}; "
                               f"{_where(decisive)}){tail}",
                               [Evidence.of(decisive)] + ([Evidence.of(expected)] if expected else []),
                               expected=expected.value if expected else None, verdict="mismatch")


@rule("CC202", "source-supported", "source", severity="info")
def report_supported(ctx: Context):
    """A digest figure its source states (supported), or states more precisely (rounded).

    What it checks: nothing to fix; each digest claim that agrees with its source is listed
    with the source's figure and location, so a fact-checker can see what was verified. The
    source's figure is the one as precise as the digest's where there is one; a source figure
    a digit coarser states it too ('5 points' for '4.8 points'), one coarser still does not
    ('2' never states '1.808', and does not contradict it either).
    Why it matters: a report that only lists problems cannot tell "checked and right" from
    "never checked".
    Example: digest "58%" against the paper's "58.08%": rounded.
    How to fix: nothing.
    """
    self = RULES["CC202"]
    from .source_tables import derived_verdicts
    for claim, (agrees, own, other, words, value) in derived_verdicts(ctx).items():
        if agrees:
            yield self.finding(claim, f"{written(claim)} ({_what(claim)}) agrees with the source's figures of "
                               f"{claim.subject} and {claim.baseline}: {words} ({_where(own)}, {_where(other)})",
                               [Evidence.of(own), Evidence.of(other)], expected=value, verdict="supported")
    from .cell_derived import cell_derived_verdicts
    from .named_cells import evidence, place
    for claim, found in cell_derived_verdicts(ctx).items():
        if found.agrees and claim not in derived_verdicts(ctx):
            a, b = found.first, found.second
            yield self.finding(claim, f"{written(claim)} agrees with the cells its sentence names: {a.row} / {a.column} "
                               f"({place(a)}) and {b.row} / {b.column} ({place(b)}): {found.words}",
                               [evidence(a), evidence(b)], expected=found.value, verdict="supported")
    for claim, verdict, _, decisive in source_verdicts(ctx):
        if verdict in ("supported", "rounded"):
            note = "rounds" if verdict == "rounded" else "matches"
            yield self.finding(claim, f"{written(claim)} ({_what(claim)}) {note} the source's "
                               f"{written(decisive)} ({_frame(decisive)}; {_where(decisive)})", [Evidence.of(decisive)],
                               expected=decisive.value, verdict=verdict)


@rule("CC203", "not-in-source", "source", severity="info")
def report_not_found(ctx: Context):
    """A digest figure that no source states.

    What it checks: digest claims for which no aligned figure was found in the sources tied to
    their section (or no source is tied to the section at all).
    Why it matters: an unsupported figure is not necessarily wrong (a digest may compute or
    quote from elsewhere), but it is unverified: a fact-checker looks at these by hand.
    Example: a latency quoted in the digest that the abstract does not give.
    How to fix: add the source that states it, or check it by hand.
    """
    self = RULES["CC203"]
    from .source_tables import derived_verdicts
    from .cell_derived import cell_derived_verdicts
    computed, by_cells = derived_verdicts(ctx), cell_derived_verdicts(ctx)
    for claim, verdict, candidates, _ in source_verdicts(ctx):
        if claim in computed or claim in by_cells:
            continue  # computed from the source's figures: CC202 or CC209 says how
        if verdict == "not found":
            agreeing = sorted({c.subject for c in candidates if c.subject and stated_by(claim, c)})
            measure = claim.metric_text or claim.metric or "its frame"
            if agreeing:
                # the value stands in the source, but the digest does not say whose it is
                detail = (f"{len(candidates)} figures for {measure} in the source, of "
                          f"{len({c.subject for c in candidates if c.subject})} systems; {written(claim)} is "
                          f"{', '.join(agreeing[:3])}'s, and the digest names no owner for it")
            else:
                detail = (f"{len(candidates)} figures for {measure} in the source, none agreeing"
                          if candidates else "no figure for it in the sources")
            yield self.finding(claim, f"{written(claim)} ({_what(claim)}): not found ({detail})",
                               [Evidence.of(c) for c in candidates[:5]], verdict="not found")
        elif verdict == "untied":
            yield self.finding(claim, f"{written(claim)} ({_what(claim)}): not found (no source tied to this "
                               f"part of the digest)", verdict="not found")


@rule("CC204", "sources-disagree", "source", severity="warning")
def check_sources_disagree(ctx: Context):
    """Two sources that state one figure of the digest differently.

    What it checks: a digest figure one source supports while another source, tied to the same
    part of the digest, gives a different figure for the same frame (system, metric, benchmark,
    setting).
    Why it matters: a source that agrees must not silently outweigh one that disagrees: the
    paper and its README (or two versions of a paper) may differ, and the digest then follows
    one of them without saying which.
    Example: the paper's table gives 71.3, the README's table 72.1; the digest says 71.3.
    How to fix: find out which source is right and say which one the digest follows.
    """
    self = RULES["CC204"]
    for claim, verdict, candidates, _ in source_verdicts(ctx):
        if verdict == "sources disagree":
            agree, differ = candidates
            yield self.finding(claim, f"{written(claim)} ({_what(claim)}) matches {written(agree)} "
                               f"({_where(agree)}), but {written(differ)} stands for it in another source "
                               f"({_frame(differ)}; {_where(differ)})", [Evidence.of(agree), Evidence.of(differ)],
                               expected=differ.value, verdict="inconsistent")


@rule("CC205", "source-is-digest", "source", severity="warning")
def check_source_is_digest(ctx: Context):
    """A source that is the digest itself, or a near copy of it, left out of the check.

    What it checks: each source's text against the digest's (90% alike or more, spaces aside).
    Why it matters: a digest checked against itself confirms every figure it states; a folder
    of sources that also holds the digest (or a draft of it) would pass anything.
    Example: `claimcheck check digest.md --source drafts/` where drafts/ holds digest.md.
    How to fix: point --source at the papers, READMEs and results the digest summarises.
    """
    self = RULES["CC205"]
    usable = {id(s) for s in usable_sources(ctx)}
    for source in ctx.sources:
        if id(source) not in usable:  # (the comparison is made once, by usable_sources)
            anchor = Quantity(text=Path(source.name).name, start=0, end=0, value=0.0, decimals=0)
            claim = Claim(document=ctx.document.name, quantity=anchor, kind="source", line=1, column=1,
                          sentence=(0, 0))
            yield self.finding(claim, f"source {source.name} is this digest (or a near copy of it): "
                               f"left out, so it cannot confirm the digest's own figures", verdict="skipped")
