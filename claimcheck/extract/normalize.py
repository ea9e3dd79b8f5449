"""Normalise text for the quantity grammar with an explicit character map.

Never NFKC: it turns "84.63¹" into "84.631". Every replacement here keeps one character for
one character, so offsets in the normalised text are offsets in the original; ligatures,
which would need two characters for one, are expanded at ingest time where the line map is
built.
"""
from __future__ import annotations

# One character for one character, so offsets survive.
CHARACTER_MAP = str.maketrans({
    "\u2212": "-",   # minus sign
    "\u2010": "-",   # hyphen
    "\u2011": "-",   # non-breaking hyphen
    "\u2012": "-",   # figure dash
    "\u00a0": " ",   # no-break space
    "\u2009": " ",   # thin space
    "\u202f": " ",   # narrow no-break space
    "\u2007": " ",   # figure space
    "\u200a": " ",   # hair space
    "\u2002": " ",
    "\u2003": " ",
    "\ufffe": " ",   # pdfium's soft-hyphen mark (joined at ingest when it can be)
    "\u2248": "~",   # almost equal to
    "\u223c": "~",   # tilde operator
    "\uff5e": "~",   # fullwidth tilde
    "\u2265": "\u2265",  # kept: >= is one character, expanded by the grammar
    "\u00d7": "\u00d7",  # kept: the grammar reads the multiplication sign itself
})

LIGATURES = {"\ufb00": "ff", "\ufb01": "fi", "\ufb02": "fl", "\ufb03": "ffi", "\ufb04": "ffl",
             "\ufb05": "st", "\ufb06": "st"}


def normalize(text: str) -> str:
    """Map look-alike characters to the ones the grammar reads; same length as the input."""
    if text.isascii():
        return text
    # replacing only the characters present is several times faster than a translate() over
    # the whole text, which looks every character up in a dict
    for source, target in _REPLACEMENTS:
        if source in text:
            text = text.replace(source, target)
    return text


_REPLACEMENTS = [(chr(k), v) for k, v in CHARACTER_MAP.items() if chr(k) != v]


def expand_ligatures(text: str) -> str:
    """Ligature code points to letters (changes length: use before building a line map)."""
    if not any(ch in text for ch in LIGATURES):
        return text
    return "".join(LIGATURES.get(ch, ch) for ch in text)
