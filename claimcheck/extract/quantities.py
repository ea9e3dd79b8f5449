"""The quantity grammar: every numeric form claimcheck reads, in one place.

`scan(text)` returns the quantities in a text and, for every number that only looks like one,
the reason it is not a quantity: a date, a time of day, an arXiv id, a URL, a version, digits
inside a name (Wan2.1-1.3B, GPT-4o, ResNet-34), a citation or footnote marker, a reference
(Table 2, Sec. 3), a list or thread counter. `find_quantities(text)` returns the quantities
alone. The text should be normalised first (`normalize.normalize`), which keeps offsets.

Forms read: decimals and thousands (84.63, 1,234.5), signs (+2.1, -0.4, ±), units (%, points,
x / times / -fold, tokens/s, GB, ms, metres, Hz), scale letters and words (8B, 2.4 million),
currencies with scale and what they are per ($212,000, €10M, $0.40 per 1K judgments),
scientific notation (3e-4, 2.48×10⁻⁵), fractions (1/4, 2 1/2, a third, half), number words
(two, a dozen, a hundred and two, three times), ranges with a unit on one side (3 to 4 GB,
10-20%), approximations (~, about) and bounds (over, up to, ≥).
"""
from __future__ import annotations

import math
import re
from bisect import bisect_right
from collections.abc import Sequence
from dataclasses import dataclass, replace
from functools import lru_cache

from ..lexicon import load_json
from ..model import Quantity
from .numberwords import (FRACTION_WORDS_RE, NUMBER_WORDS_RE, lower_ascii, parse_fraction_words,
                          parse_number_words)
from .scripts import UNSPACED, UNSPACED_MARKS, joins
from .spans import blank_spans, cut_spans, long_spans

_NUMBER = r"(?:\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?|\.\d+)"

# Lower-case "m" after a number is a metre unless a count noun follows ("7m params").
_COUNT_AFTER_M = (r"(?!\s*(?:params?|parameters|tokens?|images?|users|downloads|samples|examples|rows|documents|"
                  r"words|pairs|videos|prompts|steps|records|queries|requests|GPU))")

# Units after a number. Order matters: longer and more specific forms first. (?-i:...) keeps
# case where it decides meaning: M is million, m is metre; K is thousand. A unit ends where no
# Latin letter or digit follows (not at a word boundary: '3.5GB的', a word of an unspaced script
# glued to it, ends it too).
_UNIT = r"""
  (?P<percent>\s?(?:%|percent(?![A-Za-z0-9_])|per\s?cent(?![A-Za-z0-9_])))
| (?P<points>[\s-]?(?:percentage[\s-]points?(?![A-Za-z0-9_])|pp(?![A-Za-z0-9_])|p\.p\.|points?(?![A-Za-z0-9_])|pts?(?![A-Za-z0-9_])\.?))
| (?P<ratio>\s?[×✕](?!\s?10(?![A-Za-z0-9_]))|x(?![A-Za-z0-9_])|X(?![A-Za-z0-9_])|\s?times(?![A-Za-z0-9_])|-?fold(?![A-Za-z0-9_])|\s+fold(?![A-Za-z0-9_]))
| (?P<rate>\s?(?P<ratescale>(?-i:[KMB])\s?)?(?:tokens?|tok|it|its|img|imgs|images?|samples?|frames?|req|requests?|queries|seqs?|sequences?|words?|rows?|ops|files?|(?-i:[KMGTP]i?B|[KMGT]b|[KMGT]bit)|bytes?)\s?/\s?(?:s|sec|second)(?![A-Za-z0-9_])|\s?(?:FPS|fps|QPS|qps|TPS|tps)(?![A-Za-z0-9_])|\s(?:tokens?|requests?|queries|images?|samples?|frames?)\s+per\s+second(?![A-Za-z0-9_]))
| (?P<memory>[\s-]?(?:[KMGTP]iB|[KMGTP]B|gigabytes?|megabytes?|terabytes?|kilobytes?|bytes?)(?![A-Za-z0-9_]))
| (?P<time>\s?(?:ms|msec|milliseconds?|µs|μs|us|microseconds?|ns|nanoseconds?|s|sec|secs|seconds?|min|mins|minutes?|h|hr|hrs|hours?|days?)(?![A-Za-z0-9_]))
| (?P<money>\s?(?:USD|EUR|GBP|dollars?|euros?|cents?)(?![A-Za-z0-9_]))
| (?P<physical>\s?(?-i:m²/s²|m/s²|km/h|W/m²|m²|hPa|kPa|Pa|mbar)(?![\w°])|\s?(?-i:km|cm|mm|nm|µm|μm|m""" + _COUNT_AFTER_M + r"""|kg|mg|g|°C|°F|℃|kHz|MHz|GHz|Hz|kW|MW|mW|W|dB)(?![\w°])(?:\s?/\s?(?:pixel|px|s|h)(?![A-Za-z0-9_]))?)
| (?P<scale>(?-i:K|k|M|m|B|T|bn|mn)(?![A-Za-z0-9_])|(?-i:(?:(?<=\.\d)|(?<=\.\d\d)|(?<=\.\d\d\d))G)(?![A-Za-z0-9_])|\s+(?:thousand|million|billion|trillion)(?![A-Za-z0-9_]))
"""
# (a decimal with a glued G is giga, '4.5G' FLOPs, '4.53G' cycles; a whole number's may be a
# generation's name, '5G')

_PREFIX = r"""
(?P<approx>(?:~|about|around|approximately|approx\.|roughly|nearly|almost|circa|some)\s*(?:an?\s+)?)?
(?P<bound>(?:≥|>=|>|≤|<=|<|up\s+to|over|more\s+than|at\s+least|at\s+most|above|below|under|less\s+than|fewer\s+than|upwards\s+of)\s*)?
"""

_CURRENCY = r"(?:US\$|\$|€|£|¥|₹)"

# What a price, time or amount is per: "$0.40 per 1K judgments", "0.9 s per image", "$5/hour".
_PER = (r"(?P<per>\s?(?:/|per\b)\s?(?P<perwhat>(?:(?:a|one|each|every|\d[\d,.]*\s?(?-i:[KMB]|k)?|thousand|million|billion)\s)?"
        r"(?!\d)[A-Za-z][\w-]*(?:\s[a-z][\w-]*)?))?")

_EXPONENT = r"(?P<exponent>[eE][+-]?\d+(?!\w|\.\d)|\s?[×x·*]\s?10\s?(?:\^|\*\*)?\s?[-+⁻⁺]?[\d⁰¹²³⁴⁵⁶⁷⁸⁹]+)?"

# the first character a quantity can start with (a prefix word, a bound, a sign, a currency or a
# digit): a pattern that opens with a lookbehind is tried at every position, one that opens with a
# character class lets the engine skip to candidates (about a quarter faster)
_FIRST = r"(?=[~arncsuomlfb≥><≤+\-±$€£¥₹\d.])"

# what may stand right before a figure: a space, an opening mark or a separator, or a character
# of an unspaced script or its punctuation ('了0.16', '，1.2×')
_OPENERS = "\\s(\\[{:;,=/\"'|*_~≈—" + UNSPACED + UNSPACED_MARKS

_BODY = (_FIRST + r"(?:(?<=[" + _OPENERS + r"])|^)" + _PREFIX + r"""
    (?P<sign>[+\-±])?
    (?P<currency>""" + _CURRENCY + r""")?
    (?P<number>""" + _NUMBER + r""")""" + _EXPONENT + r"""
    (?P<unit>""" + _UNIT + r""")?""" + _PER + r"""
    (?:[ \t]{0,3}(?:±|\+/-|\+-)[ \t]{0,3}(?P<std>""" + _NUMBER + r""")(?P<stdunit>\s?%|""" + _UNIT.replace("?P<", "?P<s_")
       + r""")?)?""")
_RANGE = (r"""(?:(?:[–-]|\s–\s|(?P<rangeto>-?\s+to\s+))(?P<currency2>""" + _CURRENCY + r""")?(?P<number2>"""
          + _NUMBER + r""")(?P<unit2>""" + _UNIT.replace("?P<", "?P<r_") + r""")?)?""")

QUANTITY_RE = re.compile(_BODY + _RANGE, re.VERBOSE | re.IGNORECASE)
_NO_RANGE_RE = re.compile(_BODY, re.VERBOSE | re.IGNORECASE)

# two letters or more glued to a figure, then no letter or digit: a word, not a one-letter mark ('2.5D')
_GLUED_WORD = re.compile(r"[A-Za-z]{2,}(?![A-Za-z0-9])")

# Footnote markers that may be glued to a number: 84.63¹ is 84.63 with note 1.
_MARKERS = frozenset("\u00b9\u00b2\u00b3\u2070\u2074\u2075\u2076\u2077\u2078\u2079")
_SUPERSCRIPT_DIGITS = str.maketrans("⁰¹²³⁴⁵⁶⁷⁸⁹⁻⁺", "0123456789-+")

_SCALE_WORDS = {"k": 1e3, "thousand": 1e3, "m": 1e6, "mn": 1e6, "million": 1e6, "b": 1e9, "bn": 1e9, "g": 1e9,
                "billion": 1e9, "t": 1e12, "trillion": 1e12}
_CURRENCIES = {"$": "$", "us$": "$", "usd": "$", "dollar": "$", "dollars": "$", "€": "€", "eur": "€",
               "euro": "€", "euros": "€", "£": "£", "gbp": "£", "¥": "¥", "₹": "₹", "cent": "$", "cents": "$"}
_PHYSICAL = {"km": "length", "cm": "length", "mm": "length", "nm": "length", "µm": "length", "μm": "length",
             "m": "length", "kg": "mass", "mg": "mass", "g": "mass", "°c": "temperature", "°f": "temperature",
             "℃": "temperature", "khz": "frequency", "mhz": "frequency", "ghz": "frequency", "hz": "frequency",
             "kw": "power", "mw": "power", "w": "power", "db": "level", "m²": "area", "hpa": "pressure",
             "kpa": "pressure", "pa": "pressure", "mbar": "pressure"}

_WORD_RE = re.compile(  # on the lower-cased text; the lookahead lets the engine skip to candidate letters
    r"(?=[hcdtqaoft])\b(?P<word>halve[sd]?|halving|cut\s+in\s+half|double[sd]?|doubling|twice|"
    r"triple[sd]?|tripling|quadruple[sd]?|quadrupling|"
    r"(?:an|one|two|three)\s+orders?\s+of\s+magnitude|"
    r"(?:two|three|four|five|ten)-?fold)\b",
)
_CAPITALISED_NEXT = re.compile(r"[ \t]+[A-Z][a-z]")  # a capitalised word right after
_WORD_VALUES = {"halv": 2.0, "half": 2.0, "doubl": 2.0, "twic": 2.0, "tripl": 3.0,
                "quadrupl": 4.0, "two-fold": 2.0, "twofold": 2.0, "three-fold": 3.0,
                "threefold": 3.0, "four-fold": 4.0, "fourfold": 4.0, "five-fold": 5.0,
                "fivefold": 5.0, "ten-fold": 10.0, "tenfold": 10.0}

# "1/4", "2 1/2": fractions; thread counters ("2/6 ...", "... 1/6") are caught before these
_FRACTION_RE = re.compile(r"(?=\d)(?<![\w/.,-])(?:(?P<whole>\d{1,3})\s)?(?P<num>\d{1,3})/(?P<den>\d{1,3})(?![\w/.]|,\d)")


# Numbers written where a figure stands that hold no value a check can use: reported as unread
# (and by `check` as not checkable), never read as a figure nor dropped
OUT_OF_RANGE = "out of range"
NOT_A_NUMBER = "not a number"
TWO_POINTS = "two decimal points"
COMMA_DIGITS = "digits joined by commas (a list or a decimal comma)"
UNCERTAINTY = "uncertainty (±)"
NOT_CHECKABLE = frozenset({OUT_OF_RANGE, NOT_A_NUMBER, TWO_POINTS, COMMA_DIGITS})


@dataclass(frozen=True)
class Skipped:
    """A number that is not a quantity, and why."""

    start: int
    end: int
    text: str
    reason: str


@lru_cache(maxsize=1)
def _exclusion_patterns() -> tuple[list[tuple[str, re.Pattern]], re.Pattern, frozenset[str], frozenset[str]]:
    """Spans that hold digits but no quantity, each with its reason; words from patterns/not_quantities.json.

    Each pattern is its own regex (one alternation of them all runs several times slower),
    and the word-led ones (Table 2, June 24) are found by a word-before-digit scan and a set.
    """
    data = load_json("not_quantities.json")
    flags = re.IGNORECASE | re.MULTILINE
    months = "|".join(data["months"])
    simple = [(reason, re.compile(p, flags)) for reason, p in (
        ("URL", r"(?-i:https?://|www\.)\S+"),
        ("URL", r"(?P<tld>\.(?:com|org|io|net|ai|dev|edu))(?:/\S*)?"),  # the host before it is added below
        ("arXiv id", r"arXiv:\s?\d{4}\.\d{4,5}(?:v\d+)?\b"),
        ("arXiv id", r"\d(?<![\w.]\d)\d{3}\.\d{4,5}(?:v\d+)?\b"),
        ("date", r"\d(?<!\w\d)\d?/\d{1,2}/\d{2,4}\b"),
        ("date", r"\d(?<!\w\d)\d{3}-\d{1,2}-\d{1,2}\b"),
        ("date", r"(?:19|20)(?<![\w.](?:19|20))\d{2}\.(?:0?[1-9]|1[0-2])\.(?:0?[1-9]|[12]\d|3[01])(?![\d.])"),  # 2025.9.18
        ("time of day", r"\d(?<!\w\d)\d?:\d{2}(?::\d{2})?(?:\s?[ap]\.?m\.?)?(?![\d.])"),
        # (a bracket a link's target follows is the link's text: '[968,840](https://...)')
        ("citation", r"\[\s*\d+(?:\s*[,–-]\s*\d+)*\s*\](?!\()"),
        ("list counter", r"^[ \t]*(?:#{1,6}[ \t]+)?\(?\d{1,2}(?:\.\d{1,2})*[.)](?=[ \t])"),
        ("thread counter", r"^[ \t]*(?:[^\w\s]{1,2}[ \t]*)?\(?\d{1,2}/\d{1,2}\)?(?=[ \t]|$)"),
        ("thread counter", r"(?-i:[Tt])(?<!\w[Tt])hread\s(?P<n>\(?\d{1,2}/\d{1,2}\)?)"),
        ("thread counter", r"^[ \t]*\d{1,2}/(?=[ \t])"),
        ("thread counter", r"\d(?:(?<=[\s.!?]\d)|(?<=[\s.!?]\(\d))\d?/\d{1,2}\)?[ \t]*$"),
        ("issue or rank number", r"#\d+"),
        ("version", r"\d(?<![\w.]\d)\d*\.\d+\.\d+(?:[.-]\w+)*"),
        # a pinned requirement: "cuda==11.8", "torch>=2.1", "numpy ~= 1.26" (no unit after it)
        ("version", r"\d(?:(?<=\w[=~]=\d)|(?<=\w [=~]= \d)|(?<=\w[<>]=\d))\d*(?:\.\d+)*(?![\d.]*\s?[%x\u00d7])"),
        ("citation", r"(?:19|20)(?<!\w(?:19|20))\d{2}[a-z]\b"),
        ("image size", r"\d(?<!\w\d)\d{0,4}\s?[×x✕]\s?(?!10\s?(?:\^|\*\*|[-+⁻⁺⁰¹²³⁴⁵⁶⁷⁸⁹]))\d{1,5}(?:\s?[×x✕]\s?\d{1,5})?\b"),
        ("date", rf"\d(?<!\w\d)\d?(?:st|nd|rd|th)?\s+(?:{months})\b\.?(?:,?\s+\d{{4}})?"),
    )]
    # a word right before a number ("June 24", "Table 2"): checked against the month and
    # reference-word sets. Found from the digit back (digits are rarer than words, and a
    # pattern that opens with a digit lets the engine skip to them)
    word_before_digit = _WordBeforeDigit()
    return (simple, word_before_digit, frozenset(m.lower() for m in data["months"]),
            frozenset(w.lower() for w in data["reference_words"]))


class _WordBeforeDigit:
    """Finds a word (or a section sign) right before a digit, at most one space between."""

    _DIGIT_AFTER_WORD = re.compile(r"\d(?:(?<=[A-Za-z.\u00a7]\d)|(?<=[A-Za-z.\u00a7]\s\d))")
    _WORD_AT_END = re.compile(r"(?<![\w-])([A-Za-z]+\.?|\u00a7\u00a7?)\s?$")
    _LONGEST = 32  # longer than any month or reference word

    def finditer(self, text: str):
        for digit in self._DIGIT_AFTER_WORD.finditer(text):
            word = self._WORD_AT_END.search(text, max(0, digit.start() - self._LONGEST), digit.start())
            if word:
                yield word


_HOST_BEFORE = re.compile(r"\b\w[\w.-]*$")
# "24", "24th, 2025", "3-5", or a year: "March 2025" ("2025" is a year, not day 20 and a '25')
_DATE_TAIL = re.compile(r"\d{4}(?!\d)|\d{1,2}(?!\d)(?:st|nd|rd|th)?(?:\s*[,\u2013-]\s*\d{1,2}(?!\d))?(?:,?\s+\d{4}(?!\d))?")
_REFERENCE_TAIL = re.compile(r"\d+(?:\.\d+)*[a-z]?(?:\s*(?:,|and|&|\u2013|-)\s*\d+(?:\.\d+)*[a-z]?)*")


def _excluded_spans(text: str) -> list[tuple[int, int, str]]:
    simple, word_before_digit, months, references = _exclusion_patterns()
    # a pattern with a group 'n' excludes only that group ("Thread 1/6": the counter)
    spans = [(m.start("n"), m.end("n"), reason) if "n" in pattern.groupindex else (m.start(), m.end(), reason)
             for reason, pattern in simple if "tld" not in pattern.groupindex for m in pattern.finditer(text)]
    for reason, pattern in simple:
        if "tld" in pattern.groupindex:  # 'github.com/org/repo': found by its domain, then the host before it
            for m in pattern.finditer(text):
                host = _HOST_BEFORE.search(text, max(0, m.start() - 200), m.start())
                if host:
                    spans.append((host.start(), m.end(), reason))
    for m in _ASSIGNED.finditer(text):  # "seqlen_q = 2", "max_new_tokens=512": a variable set in code
        if _IDENTIFIER_BEFORE.search(text, max(0, m.start() - 64), m.start()):
            spans.append((m.start("n"), m.end("n"), "code"))
    for m in _COMMA_DIGITS.finditer(text):  # "1,2,3", "4,5": not thousands groups
        if not _THOUSANDS.fullmatch(m.group()):
            spans.append((m.start(), m.end(), COMMA_DIGITS if _in_figure_slot(text, m.start(), m.end()) else "list"))
    spans = [(start, end, TWO_POINTS if reason == "version" and _in_figure_slot(text, start, end) else reason)
             for start, end, reason in spans]
    for m in word_before_digit.finditer(text):
        word = m.group(1).lower()
        bare = word.rstrip(".")
        if bare in months or word in months:
            tail, reason = _DATE_TAIL.match(text, m.end()), "date"
        elif word in references or bare in references:
            tail, reason = _REFERENCE_TAIL.match(text, m.end()), "reference"
        else:
            continue
        if tail:
            spans.append((m.start(), tail.end(), reason))
    return _merge(spans)


_ASSIGNED = re.compile(r"(?<![=!<>])=[ \t]?(?P<n>-?\d+(?:\.\d+)*)(?![\d.])")
_IDENTIFIER_BEFORE = re.compile(r"(?<![\w.])[A-Za-z]\w*_\w*[ \t]?$")
_COMMA_DIGITS = re.compile(r"\d(?<![\w.,]\d)\d*(?:,\d+)+(?![\d.]|,\d)")
_THOUSANDS = re.compile(r"\d{1,3}(?:,\d{3})+")
_NOT_A_NUMBER_WORD = re.compile(r"(?<![\w.\u2113\u221e/-])[-+\u2212]?(?:NaN|nan|NAN|inf|Inf|INF|infinity|Infinity|\u221e)"
                                r"(?![\w\u221e-])")
_UNIT_AFTER = re.compile(r"\s?(?:%|[x\u00d7](?!\w)|pp\b|points?\b|ms\b|s\b)")
_CELL_AROUND = (re.compile(r"\|[ \t]*$"), re.compile(r"[ \t]*\|"))
_LAST_WORDS = re.compile(r"([A-Za-z]+)(?:[ \t]+([A-Za-z]+))?[ \t]*$")


@lru_cache(maxsize=1)
def _figure_words() -> frozenset[str]:
    return frozenset(w.lower() for w in load_json("not_quantities.json")["figure_words"])


def _in_figure_slot(text: str, start: int, end: int) -> bool:
    """Whether the number at [start, end) stands where a figure would: alone in a table cell,
    before a unit, or after a word that states a figure ('scores', 'up from')."""
    before = text[max(0, start - 40):start]
    if _CELL_AROUND[0].search(before) and _CELL_AROUND[1].match(text, end):
        return True
    if _UNIT_AFTER.match(text, end):
        return True
    words = _LAST_WORDS.search(before)
    if not words:
        return False
    last = (words.group(2) or words.group(1)).lower()
    pair = f"{words.group(1)} {words.group(2)}".lower() if words.group(2) else ""
    return last in _figure_words() or pair in _figure_words()


def _not_a_number_words(text: str) -> list[Skipped]:
    """'scores NaN', '| inf |': words standing for a value no check can use."""
    return [Skipped(m.start(), m.end(), m.group(), NOT_A_NUMBER) for m in _NOT_A_NUMBER_WORD.finditer(text)
            if _in_figure_slot(text, m.start(), m.end())]


def _merge(spans: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    """Sorted, non-overlapping spans; where spans overlap, the first one's reason stands."""
    merged: list[tuple[int, int, str]] = []
    for start, end, reason in sorted(spans):
        if merged and start <= merged[-1][1]:
            if end > merged[-1][1]:
                merged[-1] = (merged[-1][0], end, merged[-1][2])
        else:
            merged.append((start, end, reason))
    return merged


def _overlap(spans: list[tuple[int, int, str]], start: int, end: int) -> str:
    """The reason of the merged, sorted span that [start, end) meets, or ''."""
    index = bisect_right(spans, (end, -1, "")) - 1
    if index >= 0 and spans[index][1] > start and spans[index][0] < end:
        return spans[index][2]
    return ""


def _decimals(number: str) -> int:
    return len(number.split(".", 1)[1]) if "." in number else 0


def _parse_number(number: str) -> float:
    return float(number.replace(",", ""))


def _unit_of(match: re.Match, prefix: str = "") -> tuple[str, str, float]:
    """(unit, dimension, scale) of the unit group named with `prefix`."""
    for dimension in ("percent", "points", "ratio", "rate", "memory", "time", "money", "physical", "scale"):
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
            unit = {"gigabyte": "GB", "megabyte": "MB", "terabyte": "TB", "kilobyte": "KB", "byte": "B"}.get(
                word.lstrip("-").rstrip("s"), unit.lstrip("-").upper().replace("IB", "iB"))
            return unit, "memory", 1.0
        if dimension == "time":
            return _time_unit(word), "time", 1.0
        if dimension == "money":
            return _CURRENCIES.get(word, "$"), "money", 0.01 if word.startswith("cent") else 1.0
        if dimension == "physical":
            unit = raw.strip()
            base = re.split(r"\s?/", unit)[0]
            return unit.replace("μ", "µ").replace("℃", "°C"), _PHYSICAL.get(base.lower(), "length"), 1.0
        return "", "count", _SCALE_WORDS[word]
    return "", "plain", 1.0


def _time_unit(word: str) -> str:
    if word.startswith(("ms", "msec", "milli")):
        return "ms"
    if word.startswith(("µs", "μs", "us", "micro")):
        return "us"
    if word.startswith(("ns", "nano")):
        return "ns"
    if word.startswith("min"):
        return "min"
    if word.startswith("h"):
        return "h"
    if word.startswith("d"):
        return "d"
    return "s"


_BOUNDS = {"≥": ">=", ">=": ">=", ">": ">", "≤": "<=", "<=": "<=", "<": "<", "up to": "<=",
           "over": ">", "more than": ">", "at least": ">=", "at most": "<=", "above": ">",
           "below": "<", "under": "<", "less than": "<", "fewer than": "<", "upwards of": ">="}


# a bound written after the figure: '20% or more', '50 ms or less', '3 or fewer'
_TRAILING_BOUND = re.compile(r"[ \t]+or[ \t]+(?:(?P<up>more|higher|greater|above|better|over|larger|longer)|"
                             r"(?P<down>less|lower|fewer|below|under|smaller|shorter))\b", re.I)


def _trailing_bound(text: str, end: int) -> str:
    m = _TRAILING_BOUND.match(text, end)
    if m is None:
        return ""
    return ">=" if m.group("up") else "<="


def _name_digit(text: str, start: int) -> str:
    """'name' or 'version' when the number at `start` belongs to a name (Wan2.1, ResNet-34, GPT-4o, v1)."""
    before = text[start - 1] if start > 0 else " "
    if before in "vV" and (start < 2 or not text[start - 2].isalnum()):
        return "version"
    if joins(before) or before in "._@":
        return "name"  # "Wan2.1", "pass@8", "nDCG@10"
    if before in "'\u2019" and start > 1 and text[start - 2].isalpha() and text[start:start + 2].isdigit() \
            and not text[start + 2:start + 3].isdigit():
        return "name"  # "NeurIPS'25", "ICML’24": a venue's year
    if before in "-/" and start > 1 and (text[start - 2].isalnum() or text[start - 2] in ".)"):
        return "name"
    if before == "[" and start > 1 and (text[start - 2].isalnum() or text[start - 2] in "-_" and start > 2
                                        and text[start - 3].isalnum()):
        return "name"  # "Mooncake-[3P+1D]", "vLLM-[4M]": a bracket glued to a name goes on naming
    return ""


class _Lines:
    """Line starts of a text, for line look-ups in logarithmic time."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.starts = [0] + [m.end() for m in re.finditer("\n", text)]

    def start_of(self, offset: int) -> int:
        return self.starts[bisect_right(self.starts, offset) - 1]


def _is_footnote_marker(text: str, start: int, end: int, lines: _Lines) -> bool:
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
        line_start = max(lines.start_of(start), start - 400)
        line = text[line_start:start]
        return len(line.split()) >= 8 and "|" not in line
    return False


_PREVIOUS_WORD = re.compile(r"([A-Za-z][\w.+-]*|\d{1,2}\.\d{1,2})[ \t]$")
_NAME_CONTINUES = re.compile(r"[ \t]+(?:[A-Z][a-z]+\b|\d+(?:\.\d+)?[BMK]\b)")


def _is_model_name_suffix(text: str, start: int, number: str, raw_unit: str | None, dimension: str) -> bool:
    """"Qwen2.5 7B", "Flux 12B", "Cosmos 3": a size or a version after a model's name is part of it."""
    size = dimension == "count" and raw_unit is not None and raw_unit.strip().isalpha() and len(raw_unit.strip()) <= 2
    # 'Gemini 1.5 Pro', 'Claude 3.5 Sonnet', 'Llama 3.1 8B': a dotted version between a name and
    # a capitalised word or a size is the name's
    dotted = dimension == "plain" and re.fullmatch(r"\d{1,2}\.\d{1,2}", number) is not None and \
        _NAME_CONTINUES.match(text, start + len(number)) is not None
    version = dimension == "plain" and len(number) == 1 or dotted
    if not (size or version):
        return False
    previous = _PREVIOUS_WORD.search(text[max(0, start - 40):start])
    if not previous:
        return False
    word = previous.group(1)
    if size and re.fullmatch(r"\d{1,2}\.\d{1,2}", word):
        # 'Llama 3.1 8B': the size follows a version that follows a name
        named = _PREVIOUS_WORD.search(text[max(0, start - 60):start - len(word) - 1].rstrip() + " ")
        return bool(named and any(c.isupper() for c in named.group(1)) and named.group(1).lower() not in _name_stopwords())
    if not any(c.isupper() for c in word) or word.lower() in _name_stopwords():
        return False
    if version and word.isupper():
        return False  # "BBH 5": an acronym before a bare digit is a metric, not a name
    return True


@lru_cache(maxsize=1)
def _name_stopwords() -> frozenset[str]:
    return frozenset(w.lower() for w in load_json("not_quantities.json")["not_names"])


# the digits of a year this reader recognises: 1900 to 2099
YEAR_SHAPED = re.compile(r"(?:19|20)\d\d")


def _is_year(number: str, unit_group: str | None, text: str, end: int) -> bool:
    if unit_group or not YEAR_SHAPED.fullmatch(number):
        return False
    # "2048 tokens", "1024 GPUs": a count, not a year
    following = re.match(r"\s+([a-z]+)", text[end:end + 20])
    return not (following and following.group(1) in _count_nouns())


@lru_cache(maxsize=1)
def _count_nouns() -> frozenset[str]:
    return frozenset(load_json("not_quantities.json")["count_nouns"])


def find_quantities(text: str) -> list[Quantity]:
    """All quantities in normalised `text`, in order."""
    return scan(text)[0]


def scan(text: str, ignore: Sequence[tuple[int, int]] = (),
         ignore_reason: str = "code or markup", years: bool = True) -> tuple[list[Quantity], list[Skipped]]:
    """Quantities in normalised `text`, and the numbers that are not quantities with their reasons.

    Spans in `ignore` (code blocks, markup) are not read: each digit run there is reported with
    `ignore_reason`. That is the reading they would get anyway, and a README is often a third code.
    With `years` False a bare four-digit number is a quantity, never a year (where its place says
    it counts, as in a column of figures).
    """
    if not ignore:
        return _scan(text, years)
    # a span may carry its own reason as a third element ("beyond the line limit")
    reasons = {(span[0], span[1]): span[2] for span in ignore if len(span) > 2}
    spans = sorted((span[0], span[1]) for span in ignore)
    # long spans (code blocks) are cut out, so the grammar never walks them; short ones (inline
    # code, tags) are blanked in place, which keeps the text in few pieces
    cut, short = long_spans(spans)
    compact, shift = cut_spans(blank_spans(text, short), cut)
    found, skipped = _scan(compact, years)
    if cut:
        found = [replace(q, start=shift(q.start), end=shift(q.start) + (q.end - q.start)) for q in found]
        skipped = [replace(s, start=shift(s.start), end=shift(s.start) + (s.end - s.start)) for s in skipped]
    skipped += [Skipped(m.start(), m.end(), m.group(), reasons.get((start, end), ignore_reason))
                for start, end in spans for m in _DIGIT_RUN.finditer(text, start, end)]
    skipped.sort(key=lambda s: s.start)
    return found, skipped




def _scan(text: str, years: bool = True) -> tuple[list[Quantity], list[Skipped]]:
    excluded = _excluded_spans(text)
    lines = _Lines(text)
    found: list[Quantity] = []
    skipped: list[Skipped] = []
    taken: list[tuple[int, int, str]] = []  # fractions read first, so "1/4" is not "1" and "4"

    def skip(start: int, end: int, reason: str) -> None:
        skipped.append(Skipped(start, end, text[start:end], reason))

    for fraction in _fractions(text, excluded):
        found.append(fraction)
        taken.append((fraction.start, fraction.end, "fraction"))
    for duration in _durations(text, excluded):
        found.append(duration)
        taken.append((duration.start, duration.end, "duration"))
    taken.sort()
    position = 0
    while True:
        match = QUANTITY_RE.search(text, position)
        if match is None:
            break
        if match.group("rangeto") and (re.search(r"\bfrom\b[^.;:,]{0,40}$", text[max(0, match.start() - 48):match.start("number")], re.I)
                                       or not match.group("unit2") and "." in match.group("number") + (match.group("number2") or "")):
            match = _NO_RANGE_RE.match(text, match.start())  # "from 1,850 to 2,780": a change, not a range
        position = max(match.end(), match.start() + 1)
        number = match.group("number")
        num_start = match.start("number")
        sign = match.group("sign")
        lead = match.start("sign") if sign else (match.start("currency") if match.group("currency") else num_start)
        if taken and _overlap(taken, num_start, match.end("number")):
            continue
        if _overlap(excluded, num_start, match.end("number")):
            continue  # inside a URL, an id, a date: reported once per excluded span, below
        name = _name_digit(text, lead)
        if name:
            skip(num_start, match.end("number"), name)
            continue
        end = match.end()
        if end < len(text) and joins(text[end]) and text[end] not in _MARKERS and not text[end - 1].isspace():
            # "3D", "2nd", "4o": letters glued to the number make a name or an ordinal; a decimal's
            # glued word is its measure ("45.7mAP", "3.5mc"), as no name or ordinal has decimals
            if (match.group("unit") is None or text[end - 1].isalnum()) \
                    and not ("." in number and end == match.end("number") and _GLUED_WORD.match(text, end)):
                skip(num_start, match.end("number"), "name or ordinal")
                continue
        unit, dimension, scale = _unit_of(match)
        raw_unit = match.group("unit")
        currency = match.group("currency")
        if currency:
            if match.group("physical") and unit == "m":
                scale = 1e6  # "$2m" is two million dollars
            elif dimension not in ("count", "plain"):
                scale = 1.0
            unit, dimension = _CURRENCIES.get(currency.lower(), "$"), "money"
        if years and not raw_unit and not sign and not currency and _is_year(number, raw_unit, text, match.end("number")):
            skip(num_start, match.end("number"), "year")
            continue
        if (dimension == "plain" and not sign and "." not in number and len(number) <= 2
                and _is_footnote_marker(text, lead, match.end("number"), lines)):
            skip(num_start, match.end("number"), "footnote marker")
            continue
        if not currency and _is_model_name_suffix(text, lead, number, raw_unit, dimension):
            skip(num_start, match.end(), "name")
            continue
        value = _parse_number(number) * scale
        exponent = match.group("exponent")
        if exponent:
            power = re.search(r"[+-]?\d+$", exponent.replace(" ", "").translate(_SUPERSCRIPT_DIGITS))
            try:
                value *= 10.0 ** min(int(power.group()), 400) if power else 1.0
            except OverflowError:  # 1e999: beyond float range, reported as out of range below
                value = math.inf
        if not math.isfinite(value):
            skip(num_start, match.end(), OUT_OF_RANGE)
            continue
        if sign == "-":
            value = -value
        high = None
        if match.groupdict().get("number2"):
            unit2, dimension2, scale2 = _unit_of(match, "r_")
            if match.group("currency2") and dimension2 in ("count", "plain"):
                unit2, dimension2 = _CURRENCIES.get(match.group("currency2").lower(), "$"), "money"
            if dimension == "plain" and dimension2 != "plain":
                unit, dimension, scale = unit2, dimension2, scale2
                value = _parse_number(number) * scale * (-1 if sign == "-" else 1)
            high = _parse_number(match.group("number2")) * (scale2 if dimension2 != "plain" else scale)
        bound_word = (match.group("bound") or "").strip().lower()
        bound_word = re.sub(r"\s+", " ", bound_word)
        start = match.start("approx") if match.group("approx") else (
            match.start("bound") if match.group("bound") else lead)
        per = _per(match.group("perwhat") or "")
        if match.group("std") is not None and not match.groupdict().get("number2"):
            # "64.0 ± 0.3": the figure ends before its ±; the half-width is its uncertainty, no claim
            skip(match.start("std"), match.end("std"), UNCERTAINTY)
            end = match.end("unit") if match.group("unit") else match.end("number")
        if match.group("per"):
            # the figure ends at its unit; "per 1K judgments" is what it is per, kept in `per`
            for digits in _DIGIT_RUN.finditer(text, match.start("per"), match.end("per")):
                skip(digits.start(), digits.end(), "part of a unit")
            if not match.groupdict().get("number2"):
                end = match.start("per")
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
            bound=_BOUNDS.get(bound_word, "") or _trailing_bound(text, start + len(text[start:end].rstrip())),
            high=high,
            per=per,
        ))
    for start, end, reason in excluded:
        if any(ch.isdigit() for ch in text[start:end]):
            skip(start, end, reason)
    spans = _merge([(q.start, q.end, "read") for q in found] + [(s.start, s.end, "read") for s in skipped] + excluded)
    # every other digit run: inside a name or version (no boundary before it), or a form not read
    for m in _DIGIT_RUN.finditer(text):
        if _overlap(spans, m.start(), m.end()):
            continue
        skip(m.start(), m.end(), _name_digit(text, m.start()) or (
            "name or ordinal" if text[m.end():m.end() + 1].isalpha() else "not a quantity form"))
    found.extend(_word_quantities(text, spans))
    skipped.extend(_not_a_number_words(text))
    found.sort(key=lambda q: q.start)
    skipped.sort(key=lambda s: s.start)
    return found, skipped


_DIGIT_RUN = re.compile(r"\d+(?:[.,]\d+)*")


def _per(written: str) -> str:
    """'1K judgments', 'audio hour', 'image': a second word only after a count or when it is a unit."""
    words = written.split()
    if not words:
        return ""
    if words[0][:1].isdigit() or words[0].lower() in ("a", "one", "each", "every", "thousand", "million", "billion"):
        return " ".join(words[:2])
    if len(words) == 2 and _is_unit_noun(words[1]):
        return " ".join(words)
    return words[0]


def _is_unit_noun(word: str) -> bool:
    word = word.lower()
    return word in _count_nouns() or word + "s" in _count_nouns() or word.rstrip("s") in (
        "hour", "second", "minute", "day", "month", "year", "run", "call", "query", "user", "judgment", "page")


# a duration in parts, as `time` and logs print it: '0m4.079s', '5m28.083s', '1h30m', '2h 5m 10s'
_DURATION_RE = re.compile(
    r"(?=\d)(?<![\w.:/-])(?:(?P<h>\d{1,4})h(?:\s?(?P<hm>\d{1,2})m(?!s))?(?:\s?(?P<hs>\d{1,2}(?:\.\d+)?)s)?"
    r"|(?P<m>\d{1,4})m\s?(?P<ms>\d{1,2}(?:\.\d+)?)s)(?![\w.])")


def _durations(text: str, excluded) -> list[Quantity]:
    """Durations written in two or three parts, as seconds: '5m28.083s' is 328.083 s."""
    out = []
    for m in _DURATION_RE.finditer(text):
        if _overlap(excluded, m.start(), m.end()):
            continue
        if m.group("h") is not None and m.group("hm") is None and m.group("hs") is None:
            continue  # '2h' alone: the grammar reads it
        seconds = m.group("hs") or m.group("ms") or "0"
        value = round(int(m.group("h") or 0) * 3600 + int(m.group("hm") or m.group("m") or 0) * 60
                      + float(seconds), _decimals(seconds))
        out.append(Quantity(text=m.group(0), start=m.start(), end=m.end(), value=value,
                            decimals=_decimals(seconds), unit="s", dimension="time"))
    return out


def _fractions(text: str, excluded) -> list[Quantity]:
    """'1/4' and '2 1/2' (not dates, thread counters or names such as DiT-XL/2)."""
    out = []
    for m in _FRACTION_RE.finditer(text):
        if _overlap(excluded, m.start(), m.end()):
            continue
        numerator, denominator = int(m.group("num")), int(m.group("den"))
        if denominator == 0:
            continue
        whole = int(m.group("whole")) if m.group("whole") else 0
        out.append(Quantity(text=m.group(0), start=m.start(), end=m.end(),
                            value=whole + numerator / denominator, decimals=0, dimension="fraction",
                            word=m.group(0)))
    return out


_UNIT_AFTER_WORDS = re.compile(r"(?P<unit>" + _UNIT + r")", re.VERBOSE | re.IGNORECASE)
_PREFIX_BEFORE = re.compile(r"(?:(?P<approx>~|about|around|approximately|roughly|nearly|almost|some)|"
                            r"(?P<bound>up\s+to|over|more\s+than|at\s+least|at\s+most|less\s+than|fewer\s+than|"
                            r"under|below|above))\s+$", re.IGNORECASE)
# a fraction word is a fraction before "of", a comparative, "the" or the end of a clause
_FRACTION_AFTER = re.compile(r"\s*(?:$|[.,;:)!?]|(?:of|fewer|less|more|smaller|larger|lower|higher|cheaper|faster|"
                             r"slower|shorter|longer|the|as|that|its|their)\b)", re.IGNORECASE)
_HALF_CONTEXT = re.compile(r"(?:\b(?:than|by|in|least|most|nearly|almost|about|roughly|just|only|over|under|a|one)\s+$)",
                           re.IGNORECASE)


def _word_quantities(text: str, taken) -> list[Quantity]:
    """Multipliers (halves, twice, tenfold), fractions (a third, half) and numbers in words (two, a dozen)."""
    out = []
    folded = lower_ascii(text)
    for match in _WORD_RE.finditer(folded):
        word = match.group("word").lower()
        if _overlap(taken, *match.span()):
            continue
        if word in ("double", "triple", "quadruple") and text[match.start()].isupper() and \
                _CAPITALISED_NEXT.match(text, match.end()):
            # 'Double Dunk', 'Triple Crown': the first word of a name, not a multiplier (a verb form
            # in a headline, 'Kernel Doubles Throughput', stays one)
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
        # "halves latency" is colloquial for about 2x; "more than doubles" is a bound
        out.append(_with_prefix(text, Quantity(text=text[match.start():match.end()], start=match.start(),
                                               end=match.end(), value=value, decimals=0, unit="x",
                                               dimension="ratio", word=word, approx=True)))
    taken = _merge(list(taken) + [(q.start, q.end, "read") for q in out])
    for match in FRACTION_WORDS_RE.finditer(folded):
        if _overlap(taken, *match.span()):
            continue
        count, part = match.group("count"), match.group("part")
        before = text[max(0, match.start() - 12):match.start()]
        after = text[match.end():match.end() + 12]
        if part.lower() == "halves" or not _FRACTION_AFTER.match(after):
            continue  # "a third point", "the second half of 2025": ordinals and parts of time
        if count is None and not (part.lower() == "half" and (_HALF_CONTEXT.search(before)
                                                               or re.match(r"\s+(?:the|of|as|that)\b", after))):
            continue  # "the third model" is an ordinal; "half" needs "less than half", "half the ..."
        out.append(_with_prefix(text, Quantity(text=text[match.start():match.end()].strip(), start=match.start(), end=match.end(),
                                               value=parse_fraction_words(count, part), decimals=0,
                                               dimension="fraction", word=match.group(0).strip().lower())))
    taken = _merge(list(taken) + [(q.start, q.end, "read") for q in out])
    for match in NUMBER_WORDS_RE.finditer(folded):
        if _overlap(taken, *match.span()):
            continue
        words = match.group("words")
        value = parse_number_words(words, article=bool(match.group("article")))
        if value is None:
            continue
        following = text[match.end():match.end() + 2]
        if following[:1] == "-" and following[1:2].isalpha():
            continue  # "two-stage", "zero-shot": a compound word
        unit_match = _UNIT_AFTER_WORDS.match(text, match.end())
        unit, dimension, scale = _unit_of(unit_match) if unit_match else ("", "plain", 1.0)
        if dimension in ("count", "physical", "money"):  # "two K"? not a thing; keep the words alone
            unit_match, unit, dimension, scale = None, "", "plain", 1.0
        last = re.split(r"[\s-]+", words.lower())[-1]
        if last in ("thousand", "million", "billion", "trillion"):
            dimension, scale = ("count", {"thousand": 1e3, "million": 1e6, "billion": 1e9, "trillion": 1e12}[last]) \
                if dimension == "plain" else (dimension, 1.0)
        lowered = words.lower().strip()
        if dimension == "plain" and lowered in ("one", "zero", "a", "an") and not (
                lowered == "zero" and re.search(r"\bfrom\s+$", text[max(0, match.start() - 8):match.start()], re.I)
                and re.match(r"\s+to\s+\d", text[match.end():match.end() + 8])):
            continue  # "one of", "one pass": too common to be a figure on its own ("from zero to 40" is one)
        if lowered.split()[0] in ("hundred", "thousand", "million", "billion", "trillion", "dozen") and not match.group("article"):
            continue  # "per million tokens", "millions of": a scale word, not a number
        start = match.start() if not match.group("article") else match.start()
        end = unit_match.end() if unit_match else match.end()
        out.append(_with_prefix(text, Quantity(text=text[start:end].strip(), start=start, end=end, value=value,
                                               decimals=0, unit=unit, dimension=dimension, scale=scale,
                                               word=lowered)))
    return out


def _with_prefix(text: str, q: Quantity) -> Quantity:
    """'almost three times', 'less than half': approximations and bounds before a word quantity."""
    m = _PREFIX_BEFORE.search(text[max(0, q.start - 16):q.start])
    if not m:
        return q
    start = q.start - (len(text[max(0, q.start - 16):q.start]) - m.start())
    bound = _BOUNDS.get(re.sub(r"\s+", " ", (m.group("bound") or "").lower()), "")
    return Quantity(text=text[start:q.end], start=start, end=q.end, value=q.value, decimals=q.decimals,
                    unit=q.unit, dimension=q.dimension, scale=q.scale, approx=bool(m.group("approx")) or q.approx,
                    bound=bound, word=q.word)
