"""Invisible characters inside figures: a zero-width space, soft hyphen, byte-order mark, joiner
or direction mark pasted into "71.4" would split it into 7 and 1.4, and one just after it ("2.1<ZWSP>
points") would part the figure from its unit. Such characters are taken out of the figure and put,
as spaces, at the end of the word the figure opens ("2.1 points", "71.4%,"), so the figure reads
whole with its unit; every offset outside that word (and the figure's start) stays where it was in
the text as given. Bidirectional controls inside or just before a figure can make it display as
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
_ANY = re.compile(f"[{_FORMAT}]")


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
        if not moved or m.start() < last:
            continue
        shown = "".join(c for c in run if c not in _FORMAT)
        end = m.end()
        while end < len(text) and end - m.end() < _WORD_REACH and not text[end].isspace() and text[end] not in _FORMAT:
            end += 1
        if end == len(text) or text[end].isspace():  # the word ends: the marks become the space before the next
            pieces += [text[last:m.start()], shown, text[m.end():end], " " * len(moved)]
            last = end
        else:  # no end of word near: the marks stay just after the digits
            pieces += [text[last:m.start()], shown, moved]
            last = m.end()
        hidden += [(m.start(), ord(c)) for c in dict.fromkeys(c for c in run if c in BIDI)]
    pieces.append(text[last:])
    return "".join(pieces), tuple(sorted(hidden))
