"""spaCy's tokenizer, bounded on long runs of non-space characters.

spaCy splits a whitespace-free chunk at its prefixes, suffixes and infixes, and that work grows
with the square of the chunk's length: a 180,000-character run of ':ab:ab...' took minutes.
No word, name or figure is that long, so a run longer than `_CHUNK` characters is tokenised in
pieces of that length; the Doc's text is still exactly the input (each piece's tokens and
their trailing spaces, joined).
"""
from __future__ import annotations

import re

_CHUNK = 256
# a run of non-space characters longer than a chunk, found from its first character only
_LONG_RUN = re.compile(r"(?<!\S)\S{%d,}" % (_CHUNK + 1))


class BoundedTokenizer:
    """Call as spaCy's tokenizer is called; every other attribute is the wrapped tokenizer's."""

    def __init__(self, tokenizer) -> None:
        self._tokenizer = tokenizer

    def __getattr__(self, name):
        return getattr(self._tokenizer, name)

    def __call__(self, text: str):
        runs = [m.span() for m in _LONG_RUN.finditer(text)]
        if not runs:
            return self._tokenizer(text)
        from spacy.tokens import Doc
        cuts = [0]
        for start, end in runs:
            cuts.extend(range(start, end, _CHUNK))
            cuts.append(end)
        cuts.append(len(text))
        words: list[str] = []
        spaces: list[bool] = []
        for a, b in zip(cuts, cuts[1:]):
            if a >= b:
                continue
            for token in self._tokenizer(text[a:b]):
                words.append(token.text)
                spaces.append(bool(token.whitespace_))
        return Doc(self._tokenizer.vocab, words=words, spaces=spaces)
