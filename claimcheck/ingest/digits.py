"""Digits of any script read as ASCII digits: full-width "７１．４" and Arabic-Indic "٧١٫٤" are the
figure 71.4. Python's `\\d` matches every script's digits but its separators ("．", "٫") are not
the ASCII point, so such a figure used to read as 71 and 4, and a margin beside it was reported
as contradicted. Every replacement is one character for one, so offsets stay those of the text
as given."""
from __future__ import annotations

import re
import unicodedata

# a decimal digit outside ASCII (`\d` matches every script's)
_WIDE_DIGIT = re.compile("(?![0-9])\\d")
# separators and the percent sign of full-width and Arabic text, where they touch a digit
_SEPARATORS = {"．": ".", "，": ",", "٫": ".", "٬": ",", "％": "%", "٪": "%"}
_SEPARATOR = re.compile("(?<=\\d)[．，٫٬](?=\\d)|(?<=\\d)[％٪]")
_ANY = re.compile("[^\\x00-\\x7f]")


def fold_digits(text: str) -> str:
    """The text with every digit in ASCII and the separators between digits ASCII too."""
    if _ANY.search(text) is None:
        return text
    folded = _WIDE_DIGIT.sub(lambda m: str(unicodedata.decimal(m.group(0))), text)
    return _SEPARATOR.sub(lambda m: _SEPARATORS[m.group(0)], folded)


# thousands grouped by a space, as SI and many languages write them: a thin or narrow no-break
# space between digit groups anywhere ('1 700'), a plain space only where a table cell holds
# nothing but the grouped figure ('| 172 874.98 |'): in prose a plain space also separates two
# figures ('in 2023 150 models')
_THIN_GROUP = re.compile("(?<=\\d)[\u2009\u202f](?=\\d{3}(?!\\d))")
_CELL_GROUPED = re.compile(r"(?<=\|)([ \t]*+)(\d{1,3}(?: \d{3})++(?:\.\d++)?)(?=[ \t]*+\|)")


# a currency sign escaped before a figure, as Markdown and LaTeX write a literal one: '\$400'
_ESCAPED_CURRENCY = re.compile(r"\\(?=[$€£¥] ?\d)")


def unescape_currency(text: str) -> str:
    """The text with the backslash that escapes a currency sign before a figure read as a space
    (one character for one, so offsets stay those of the text as given)."""
    return _ESCAPED_CURRENCY.sub(" ", text) if "\\" in text else text


def join_digit_groups(text: str) -> str:
    """The text with the spaces that group a figure's thousands read as commas (one character
    for one, so offsets stay those of the text as given)."""
    if "\u2009" in text or "\u202f" in text:
        text = _THIN_GROUP.sub(",", text)
    if "|" in text:
        text = _CELL_GROUPED.sub(lambda m: m.group(1) + m.group(2).replace(" ", ","), text)
    return text
