"""Numbers written in words: "two", "a dozen", "a hundred and two", "three times", "a third".

`parse_number_words("a hundred and two")` gives 102.0. The grammar (`quantities`) finds the
word runs with `NUMBER_WORDS_RE` and decides what unit follows.
"""
from __future__ import annotations

import re

SMALL = {"zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
         "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14,
         "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20,
         "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90}
MULTIPLIERS = {"hundred": 100, "thousand": 1e3, "million": 1e6, "billion": 1e9, "trillion": 1e12}
# "a third", "two thirds", "a quarter", "half": parts of one
FRACTIONS = {"half": 2, "halves": 2, "third": 3, "thirds": 3, "quarter": 4, "quarters": 4, "fourth": 4,
             "fourths": 4, "fifth": 5, "fifths": 5, "tenth": 10, "tenths": 10}

_WORD = "|".join(sorted(list(SMALL) + list(MULTIPLIERS) + ["dozen"], key=len, reverse=True))


def first_letters(*alternations: str) -> str:
    """A lookahead for the first letters of the words in `alternations` ('a|an|one' gives
    '(?=[ao])'). A pattern that opens with a lookbehind is tried at every position; one that
    opens with a character class lets the regex engine skip ahead to where a word can start."""
    letters = sorted({word[0] for alternation in alternations for word in alternation.split("|")})
    return "(?=[" + "".join(letters) + "])"



# a run of number words: "twenty-five", "a hundred and two", "two million"
# matched on an ASCII-lower-cased copy of the text (`lower_ascii`): case-sensitive alternations
# of literal words are several times faster than IGNORECASE ones
NUMBER_WORDS_RE = re.compile(
    first_letters("a", _WORD) + r"(?<![\w-])(?P<article>(?:a|an)\s+)?(?P<words>(?:" + _WORD + r")(?:(?:\s+and\s+|[\s-]+)(?:" + _WORD + r"))*)(?![\w-])")
_FRACTION = "|".join(sorted(FRACTIONS, key=len, reverse=True))
# (the count and its space are one optional group: an optional count before `[\s-]*` would try
# every position of a long run of spaces against the whole run)
FRACTION_WORDS_RE = re.compile(
    first_letters("a|an|one|two|three|four|five|nine", _FRACTION) + r"(?<![\w-])(?:(?P<count>a|an|one|two|three|four|five|nine)[\s-]{1,3})?(?P<part>" + _FRACTION + r")(?![\w-])")

_ASCII_LOWER = str.maketrans("ABCDEFGHIJKLMNOPQRSTUVWXYZ", "abcdefghijklmnopqrstuvwxyz")


def lower_ascii(text: str) -> str:
    """The text lower-cased with its length kept, so offsets hold.

    str.lower is fast but may lengthen a text ('İ' becomes two characters); only then are
    ASCII capitals lowered one by one.
    """
    lowered = text.lower()
    return lowered if len(lowered) == len(text) else text.translate(_ASCII_LOWER)


def parse_number_words(words: str, article: bool = False) -> float | None:
    """The value of a run of number words, or None when it is not one number ("two three")."""
    tokens = [t for t in re.split(r"[\s-]+", words.lower()) if t and t != "and"]
    if not tokens:
        return None
    total, current = 0.0, 0.0
    previous = None
    for token in tokens:
        if token in SMALL:
            value = SMALL[token]
            if previous == "small" and not (current % 100 >= 20 and current % 10 == 0 and value < 10):
                return None  # "two three" is two numbers, "twenty five" is one
            current += value
            previous = "small"
        elif token == "dozen":
            current = (current or 1) * 12
            previous = "multiplier"
        elif token == "hundred":
            current = (current or 1) * 100
            previous = "multiplier"
        elif token in MULTIPLIERS:
            total += (current or 1) * MULTIPLIERS[token]
            current = 0.0
            previous = "multiplier"
        else:
            return None
    if article and tokens[0] in SMALL:
        return None  # "a two" is not a number
    return total + current


def parse_fraction_words(count: str | None, part: str) -> float:
    """'a third' -> 1/3, 'two thirds' -> 2/3, 'half' -> 1/2."""
    numerator = SMALL.get((count or "a").lower(), 1)
    return numerator / FRACTIONS[part.lower()]
