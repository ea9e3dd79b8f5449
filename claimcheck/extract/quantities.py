"""The quantity grammar: every numeric form claimcheck reads, in one place.

`find_quantities(text)` returns the quantities in a text, skipping what only looks like one:
dates, times of day, arXiv ids, URLs, version digits inside names (Wan2.1-1.3B, GPT-4o,
ResNet-34), citation and footnote markers, references (Table 2, Sec. 3) and list numbers.
The text should be normalised first (`normalize.normalize`), which keeps offsets.
"""
from __future__ import annotations

import re
from bisect import bisect_right
from functools import lru_cache

from ..model import Quantity
from ..lexicon import load_json

_NUMBER = r"(?:\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?|\.\d+)"

# Units after a number. Order matters: longer and more specific forms first.
_UNIT = r"""
  (?P<percent>\s?(?:%|percent\b|per\s+cent\b))
| (?P<points>[\s-]?(?:percentage[\s-]points?\b|pp\b|p\.p\.|points?\b|pts?\b\.?))
| (?P<ratio>\s?[×✕](?!\s?10\b)|x\b|X\b|\s?times\b|-?fold\b|\s+fold\b)
| (?P<rate>\s?(?P<ratescale>[KMB]\s?)?(?:tokens?|tok|it|its|img|imgs|images?|samples?|frames?|req|requests?|queries|seqs?|sequences?)\s?/\s?(?:s|sec|second)\b|\s?(?:FPS|fps|QPS|qps|TPS|tps)\b)
| (?P<memory>\s?(?:[KMGTP]iB|[KMGTP]B|gigabytes?|megabytes?|terabytes?|kilobytes?)\b)
| (?P<time>\s?(?:ms|msec|milliseconds?|µs|μs|us|microseconds?|ns|nanoseconds?|s|sec|secs|seconds?|min|mins|minutes?|h|hr|hrs|hours?|days?)\b)
| (?P<scale>(?:K|k|M|B|T|bn)\b|\s+(?:thousand|million|billion|trillion)\b)
"""

_PREFIX = r"""
(?P<approx>(?:~|about|around|approximately|approx\.|roughly|nearly|almost|circa|some)\s*(?:an?\s+)?)?
(?P<bound>(?:≥|>=|>|≤|<=|<|up\s+to|over|more\s+than|at\s+least|at\s+most|above|below|under|less\s+than|fewer\s+than|upwards\s+of)\s*)?
"""

QUANTITY_RE = re.compile(
    r"(?:(?<=[\s(\[{:;,=/\"'|*_])|^)" + _PREFIX + r"""
    (?P<sign>[+\-±])?
    (?P<number>""" + _NUMBER + r""")
    (?P<exponent>[eE][+-]?\d+|\s?[×x]\s?10\^?\s?[+-]?\d+)?
    (?P<unit>""" + _UNIT + r""")?
    (?:\s?±\s?(?P<std>""" + _NUMBER + r""")(?P<stdunit>\s?%)?)?
    (?:\s?[–—-]\s?(?P<number2>""" + _NUMBER + r""")(?P<unit2>""" + _UNIT.replace("?P<", "?P<r_") + r""")?)?
    """,
    re.VERBOSE | re.IGNORECASE,
)

# Footnote markers that may be glued to a number: 84.63¹ is 84.63 with note 1.
_MARKERS = frozenset("\u00b9\u00b2\u00b3\u2070\u2074\u2075\u2076\u2077\u2078\u2079")

_SCALE_WORDS = {"k": 1e3, "thousand": 1e3, "m": 1e6, "million": 1e6, "b": 1e9, "bn": 1e9,
                "billion": 1e9, "t": 1e12, "trillion": 1e12}

_WORD_RE = re.compile(
    r"\b(?P<word>halve[sd]?|halving|cut\s+in\s+half|double[sd]?|doubling|twice|"
    r"triple[sd]?|tripling|quadruple[sd]?|quadrupling|"
    r"(?:an|one|two|three)\s+orders?\s+of\s+magnitude|"
    r"(?:two|three|four|five|ten)-?fold)\b",
    re.IGNORECASE,
)
_WORD_VALUES = {"halv": 2.0, "half": 2.0, "doubl": 2.0, "twic": 2.0, "tripl": 3.0,
                "quadrupl": 4.0, "two-fold": 2.0, "twofold": 2.0, "three-fold": 3.0,
                "threefold": 3.0, "four-fold": 4.0, "fourfold": 4.0, "five-fold": 5.0,
                "fivefold": 5.0, "ten-fold": 10.0, "tenfold": 10.0}


@lru_cache(maxsize=1)
def _exclusion_patterns() -> tuple[list[re.Pattern], re.Pattern, frozenset[str], frozenset[str]]:
    """Spans that hold digits but no quantity; the words come from patterns/not_quantities.json.

    Each pattern is its own regex (one alternation of them all runs several times slower),
    and the word-led ones (Table 2, June 24) are found by a word-before-digit scan and a set.
    """
    data = load_json("not_quantities.json")
    flags = re.IGNORECASE | re.MULTILINE
    simple = [re.compile(p, flags) for p in (
        r"\b(?:https?://|www\.)\S+",                                   # URLs
        r"\b[\w.-]+\.(?:com|org|io|net|ai|dev|edu)(?:/\S*)?",          # bare domains and paths
        r"(?<![\w.])(?:arXiv:\s?)?\d{4}\.\d{4,5}(?:v\d+)?\b",           # arXiv ids
        r"\b\d{1,2}/\d{1,2}/\d{2,4}\b",                                 # 25/6/2026
        r"\b\d{4}-\d{1,2}-\d{1,2}\b",                                   # 2026-06-25
        r"\b\d{1,2}:\d{2}(?::\d{2})?(?:\s?[ap]\.?m\.?)?(?![\d.])",      # times of day
        r"\[\s*\d+(?:\s*[,–-]\s*\d+)*\s*\]",                            # [12], [3, 4]
        r"^[ \t]*(?:#{1,6}[ \t]+)?\(?\d{1,2}(?:\.\d{1,2})*[.)](?=[ \t])",  # list and section numbers
        r"#\d+",                                                        # issue and rank numbers
        r"(?<![\w.])\d+\.\d+\.\d+(?:[.-]\w+)*",                          # versions: 3.11.9, 2.3.1-rc1
        r"\b(?:19|20)\d{2}[a-z]\b",                                      # citation years: 2023b
        r"\b\d{1,5}\s?[×x✕]\s?\d{1,5}(?:\s?[×x✕]\s?\d{1,5})?\b",           # sizes: 256×256, 3x3x3
    )]
    months = "|".join(data["months"])
    day_first = re.compile(rf"\b\d{{1,2}}(?:st|nd|rd|th)?\s+(?:{months})\b\.?(?:,?\s+\d{{4}})?", flags)
    simple.append(day_first)
    # a word right before a number: checked against the month and reference-word sets
    word_before_digit = re.compile(r"(?<![\w-])([A-Za-z][A-Za-z]*\.?|\u00a7\u00a7?)\s?(?=\d)")
    return (simple, word_before_digit, frozenset(m.lower() for m in data["months"]),
            frozenset(w.lower() for w in data["reference_words"]))


_DATE_TAIL = re.compile(r"\d{1,2}(?:st|nd|rd|th)?(?:\s*[,\u2013-]\s*\d{1,2})?(?:,?\s+\d{4})?|\d{4}")
_REFERENCE_TAIL = re.compile(r"\d+(?:\.\d+)*[a-z]?(?:\s*(?:,|and|&|\u2013|-)\s*\d+(?:\.\d+)*[a-z]?)*")


def _excluded_spans(text: str) -> list[tuple[int, int]]:
    simple, word_before_digit, months, references = _exclusion_patterns()
    spans = [m.span() for pattern in simple for m in pattern.finditer(text)]
    for m in word_before_digit.finditer(text):
        word = m.group(1).lower()
        bare = word.rstrip(".")
        if bare in months or word in months:
            tail = _DATE_TAIL.match(text, m.end())
        elif word in references or bare in references:
            tail = _REFERENCE_TAIL.match(text, m.end())
        else:
            continue
        if tail:
            spans.append((m.start(), tail.end()))
    return _merge(spans)


def _merge(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    merged: list[tuple[int, int]] = []
    for start, end in sorted(spans):
        if merged and start <= merged[-1][1]:
            if end > merged[-1][1]:
                merged[-1] = (merged[-1][0], end)
        else:
            merged.append((start, end))
    return merged


def _overlaps(spans: list[tuple[int, int]], start: int, end: int) -> bool:
    """Does [start, end) meet one of the merged, sorted spans?"""
    index = bisect_right(spans, (end, -1)) - 1
    return index >= 0 and spans[index][1] > start and spans[index][0] < end


def _decimals(number: str) -> int:
    return len(number.split(".", 1)[1]) if "." in number else 0


def _parse_number(number: str) -> float:
    return float(number.replace(",", ""))


def _unit_of(match: re.Match, prefix: str = "") -> tuple[str, str, float]:
    """(unit, dimension, scale) of the unit group named with `prefix`."""
    for dimension in ("percent", "points", "ratio", "rate", "memory", "time", "scale"):
        raw = match.group(prefix + dimension)
        if raw is None:
            continue
        word = raw.strip().lower()
        if dimension == "percent":
            return "%", "percent", 1.0
        if dimension == "points":
            return "pt", "points", 1.0
        if dimension == "ratio":
            return "x", "ratio", 1.0
        if dimension == "rate":
            scale_letter = (match.group(prefix + "ratescale") or "").strip().lower()
            return "/s", "rate", _SCALE_WORDS.get(scale_letter, 1.0)
        if dimension == "memory":
            unit = raw.strip()
            unit = {"gigabyte": "GB", "megabyte": "MB", "terabyte": "TB", "kilobyte": "KB"}.get(
                word.rstrip("s"), unit.upper().replace("IB", "iB"))
            return unit, "memory", 1.0
        if dimension == "time":
            if word.startswith(("ms", "msec", "milli")):
                return "ms", "time", 1.0
            if word.startswith(("µs", "μs", "us", "micro")):
                return "us", "time", 1.0
            if word.startswith(("ns", "nano")):
                return "ns", "time", 1.0
            if word.startswith("min"):
                return "min", "time", 1.0
            if word.startswith("h"):
                return "h", "time", 1.0
            if word.startswith("d"):
                return "d", "time", 1.0
            return "s", "time", 1.0
        return "", "count", _SCALE_WORDS[word]
    return "", "plain", 1.0


_BOUNDS = {"≥": ">=", ">=": ">=", ">": ">", "≤": "<=", "<=": "<=", "<": "<", "up to": "<=",
           "over": ">", "more than": ">", "at least": ">=", "at most": "<=", "above": ">",
           "below": "<", "under": "<", "less than": "<", "fewer than": "<", "upwards of": ">="}


def _is_name_digit(text: str, start: int) -> bool:
    """True when the number at `start` is part of a name: Wan2.1, ResNet-34, GPT-4o, v1."""
    before = text[start - 1] if start > 0 else " "
    if before.isalnum() or before in "._":
        return True
    if before in "-/" and start > 1 and (text[start - 2].isalnum() or text[start - 2] in ".)"):
        return True
    return False


def _is_footnote_marker(text: str, start: int, end: int) -> bool:
    """A bare small integer after a sentence end, before a capital or the end of the line."""
    head = text[max(0, start - 3):start]
    tail = text[end:end + 3]
    after_sentence = re.search(r"[.!?)\]\"”]\s+$", head) is not None or re.search(r"\d{4}\s+$", text[max(0, start - 6):start]) is not None
    at_line_end = re.match(r"[ \t]*(?:\r?\n|$)", text[end:end + 3]) is not None
    before_capital = re.match(r"\s+[A-Z]", tail) is not None
    if after_sentence and (at_line_end or before_capital):
        return True
    # a marker closing a line of prose: "... on HumanEval 5" (a line of eight words or more)
    if at_line_end and text[start - 1:start] == " ":
        line_start = text.rfind("\n", 0, start) + 1
        line = text[line_start:start]
        return len(line.split()) >= 8 and "|" not in line
    return False


_PREVIOUS_WORD = re.compile(r"([A-Za-z][\w.+-]*)[ \t]$")


def _is_model_name_suffix(text: str, start: int, number: str, raw_unit: str | None, dimension: str) -> bool:
    """"Qwen2.5 7B", "Flux 12B", "Cosmos 3": a size or a version after a model's name is part of it."""
    size = dimension == "count" and raw_unit is not None and raw_unit.strip().isalpha() and len(raw_unit.strip()) <= 2
    version = dimension == "plain" and len(number) == 1
    if not (size or version):
        return False
    previous = _PREVIOUS_WORD.search(text[max(0, start - 40):start])
    if not previous:
        return False
    word = previous.group(1)
    if not any(c.isupper() for c in word) or word.lower() in _name_stopwords():
        return False
    if version and word.isupper():
        return False  # "BBH 5": an acronym before a bare digit is a metric, not a name
    return True


@lru_cache(maxsize=1)
def _name_stopwords() -> frozenset[str]:
    return frozenset(w.lower() for w in load_json("not_quantities.json")["not_names"])


def _is_year(number: str, unit_group: str | None, text: str, end: int) -> bool:
    if unit_group or "." in number or "," in number or len(number) != 4:
        return False
    value = int(number)
    if not 1900 <= value <= 2099:
        return False
    # "2048 tokens", "1024 GPUs": a count, not a year
    following = re.match(r"\s+([a-z]+)", text[end:end + 20])
    return not (following and following.group(1) in _count_nouns())


@lru_cache(maxsize=1)
def _count_nouns() -> frozenset[str]:
    return frozenset(load_json("not_quantities.json")["count_nouns"])


def find_quantities(text: str) -> list[Quantity]:
    """All quantities in normalised `text`, in order."""
    excluded = _excluded_spans(text)
    found: list[Quantity] = []
    for match in QUANTITY_RE.finditer(text):
        number = match.group("number")
        num_start = match.start("number")
        sign = match.group("sign")
        lead = match.start("sign") if sign else num_start
        if _is_name_digit(text, lead):
            continue
        end = match.end()
        if end < len(text) and text[end].isalnum() and text[end] not in _MARKERS and not text[end - 1].isspace():
            # "3D", "2nd", "4o": letters glued to the number make a name or an ordinal
            if match.group("unit") is None or text[end - 1].isalnum():
                continue
        if _overlaps(excluded, num_start, match.end("number")):
            continue
        unit, dimension, scale = _unit_of(match)
        raw_unit = match.group("unit")
        if not raw_unit and not sign and _is_year(number, raw_unit, text, match.end("number")):
            continue
        if (dimension == "plain" and not sign and "." not in number and len(number) <= 2
                and _is_footnote_marker(text, lead, match.end("number"))):
            continue
        if _is_model_name_suffix(text, lead, number, raw_unit, dimension):
            continue
        value = _parse_number(number) * scale
        exponent = match.group("exponent")
        if exponent:
            power = re.search(r"[+-]?\d+$", exponent.replace(" ", ""))
            value *= 10.0 ** int(power.group())
        if sign == "-":
            value = -value
        high = None
        if match.group("number2"):
            unit2, dimension2, scale2 = _unit_of(match, "r_")
            if dimension == "plain" and dimension2 != "plain":
                unit, dimension, scale = unit2, dimension2, scale2
                value = _parse_number(number) * scale * (-1 if sign == "-" else 1)
            high = _parse_number(match.group("number2")) * (scale2 if dimension2 != "plain" else scale)
        bound_word = (match.group("bound") or "").strip().lower()
        bound_word = re.sub(r"\s+", " ", bound_word)
        start = match.start("approx") if match.group("approx") else (
            match.start("bound") if match.group("bound") else lead)
        found.append(Quantity(
            text=text[start:end].strip(),
            start=start,
            end=start + len(text[start:end].rstrip()),
            value=value,
            decimals=_decimals(number),
            unit=unit,
            dimension=dimension,
            scale=scale,
            signed=sign in ("+", "-"),
            approx=bool(match.group("approx")),
            bound=_BOUNDS.get(bound_word, ""),
            high=high,
        ))
    found.extend(_word_quantities(text, excluded))
    found.sort(key=lambda q: q.start)
    return found


def _word_quantities(text: str, excluded: list[tuple[int, int]]) -> list[Quantity]:
    out = []
    for match in _WORD_RE.finditer(text):
        word = match.group("word").lower()
        if _overlaps(excluded, *match.span()):
            continue
        if "magnitude" in word:
            count = {"an": 1, "one": 1, "two": 2, "three": 3}[word.split()[0]]
            value = 10.0 ** count
        elif word.startswith("cut"):
            value = 2.0
        else:
            value = next((v for k, v in _WORD_VALUES.items() if word.startswith(k)), None)
            if value is None:
                continue
        out.append(Quantity(text=match.group("word"), start=match.start(), end=match.end(),
                            value=value, decimals=0, unit="x", dimension="ratio", word=word,
                            approx=True))  # "halves latency" is colloquial for about 2x
    return out
