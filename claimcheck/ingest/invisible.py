"""Invisible characters inside figures: a zero-width space, soft hyphen, byte-order mark, joiner
or direction mark pasted into "71.4" would split it into 7 and 1.4. Such characters are moved to
the end of the figure's run of digits, so the figure reads whole and every offset outside the run
(and the figure's start) stays where it was in the text as given. Bidirectional controls inside or
just before a figure can make it display as another number; they are moved the same way and
their places returned, for a rule to report."""
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


def gather_figures(text: str) -> tuple[str, tuple[tuple[int, int], ...]]:
    """(text with each figure's format characters moved after its digits, (start of the figure,
    code point) for each bidirectional control found in or just before a figure)."""
    if _ANY.search(text) is None:
        return text, ()
    pieces, hidden, last = [], [], 0
    for m in _RUN.finditer(text):
        run = m.group(0)
        body = run.rstrip(_FORMAT)
        if not any(c in _FORMAT for c in body):
            continue  # nothing inside the figure: trailing marks part nothing
        shown = "".join(c for c in body if c not in _FORMAT)
        moved = "".join(c for c in run if c in _FORMAT)
        pieces += [text[last:m.start()], shown, moved]
        last = m.end()
        hidden += [(m.start(), ord(c)) for c in dict.fromkeys(c for c in run if c in BIDI)]
    pieces.append(text[last:])
    return "".join(pieces), tuple(sorted(hidden))
