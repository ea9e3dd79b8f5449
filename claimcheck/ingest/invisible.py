"""Invisible characters inside figures: a zero-width space, soft hyphen, byte-order mark, joiner
or direction mark pasted into "71.4" would split it into 7 and 1.4, and one just after it ("2.1<ZWSP>
points") would part the figure from its unit. Such characters are taken out of the figure and put,
as spaces, at the end of the word the figure opens ("2.1 points", "71.4%,"), so the figure reads
whole with its unit; every offset outside that word (and the figure's start) stays where it was in
the text as given. A footnote mark in superscript digits just after a decimal figure ("2.1¹
points") is taken out the same way; after an integer ("10⁹") it may be an exponent and stays.
Bidirectional controls inside or just before a figure can make it display as
another number; they are moved the same way and their places returned, for a rule to report."""
from __future__ import annotations

import re

# format characters that never show: zero-width space, non-joiner and joiner, word joiner, soft
# hyphen, byte-order mark, left-to-right and right-to-left and Arabic letter marks, invisible
# times/separator/plus, Mongolian vowel separator
INVISIBLE = "\u00ad\u061c\u180e\u200b\u200c\u200d\u200e\u200f\u2060\u2061\u2062\u2063\u2064\ufeff"
# embeddings, overrides and isolates: they reorder what follows on screen
BIDI = "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
_FORMAT = INVISIBLE + BIDI
# a run of a figure's characters with format characters among them (one class repeated: linear)
_RUN = re.compile(f"[{BIDI}]?\\d[\\d.,{_FORMAT}]*")
# superscript digits just after a decimal figure mark a footnote ("2.1¹ points"); after an integer
# they may be an exponent ("10⁹") and stay
FOOTNOTE_DIGITS = "¹²³⁴⁵⁶⁷⁸⁹⁰"
_ANY = re.compile(f"[{_FORMAT}]|(?<=\\d)[{FOOTNOTE_DIGITS}]")
_FOOTNOTE_MARKS = re.compile(f"[{FOOTNOTE_DIGITS}]{{1,3}}")
_DECIMAL_END = re.compile(r"\.\d+$")


_WORD_REACH = 16  # how far a figure's word (its unit, a closing bracket) is looked for: bounded work


def gather_figures(text: str) -> tuple[str, tuple[tuple[int, int], ...]]:
    """(text with each figure's format characters taken out and put as spaces after the word
    the figure opens, (start of the figure, code point) for each bidirectional control found in
    or just before a figure)."""
    if _ANY.search(text) is None:
        return text, ()
    pieces, hidden, last = [], [], 0
    for m in _RUN.finditer(text):
        run = m.group(0)
        moved = "".join(c for c in run if c in _FORMAT)
        shown = "".join(c for c in run if c not in _FORMAT)
        footnote = _FOOTNOTE_MARKS.match(text, m.end()) if _DECIMAL_END.search(shown) else None
        if footnote:  # "2.1¹ points": the mark is taken out as invisible marks are
            moved += footnote.group(0)
        if not moved or m.start() < last:
            continue
        end = m.end() + (len(footnote.group(0)) if footnote else 0)
        stop = end
        while end < len(text) and end - stop < _WORD_REACH and not text[end].isspace() and text[end] not in _FORMAT:
            end += 1
        if end == len(text) or text[end].isspace():  # the word ends: the marks become the space before the next
            pieces += [text[last:m.start()], shown, text[stop:end], " " * len(moved)]
            last = end
        else:  # no end of word near: the marks stay just after the digits
            pieces += [text[last:m.start()], shown, moved]
            last = stop
        hidden += [(m.start(), ord(c)) for c in dict.fromkeys(c for c in run if c in BIDI)]
    pieces.append(text[last:])
    return "".join(pieces), tuple(sorted(hidden))
