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
