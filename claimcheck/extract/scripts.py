"""Scripts written without spaces between words (Chinese, Japanese, Korean).

In them a figure or a Latin name stands right against the words around it ('困惑度最多增加了0.16',
'QoQ显著优于'). Python's \\w counts their characters as word characters, so patterns that find
names and figures by word boundaries ask these helpers where a word really ends.
"""
from __future__ import annotations

import re

# Kana, CJK ideographs (with extension A and the compatibility block) and Hangul syllables
UNSPACED = "\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uac00-\ud7af"
# their punctuation: the ideographic space and marks ('，', '。', '、'), and the full-width forms
UNSPACED_MARKS = "\u3000-\u303f\uff00-\uffef"

UNSPACED_CHAR = re.compile(f"[{UNSPACED}]")


def spaced(char_class: str) -> str:
    """A pattern for one character of `char_class` (such as r'[\\w.+/-]') that is not of an
    unspaced script: a name in Latin letters ends where such a script begins."""
    return f"(?:(?![{UNSPACED}]){char_class})"


def joins(char: str) -> bool:
    """Does a letter or digit glued to a figure make the figure part of a word ('Wan2.1', '4o')?
    A character of an unspaced script does not: it is the next word."""
    return char.isalnum() and UNSPACED_CHAR.match(char) is None
