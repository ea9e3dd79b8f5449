"""What kind of file a source is, from its bytes, where its name does not say.

Results often come in files named without a suffix ('summary', 'RESULTS') or with one that names
no format ('.out', '.log', '.dat', a leaderboard's '.js'). Such a file is read by what it holds: a
PDF by its magic bytes, JSON by its first character and a parse (also a JSON literal a script
assigns, 'var results = {...};'), HTML by its opening tags, a table by lines that all hold
the same number of tabs (or of commas), anything else that decodes as text as plain text. Bytes
that are none of these (a zip, an image, a word processor's file) are refused.
"""
from __future__ import annotations

import json
import re

_SAMPLE = 65_536  # bytes looked at: enough for a table's first lines, bounded for any file
_HTML = re.compile(rb"<!doctype\s{1,20}html|<html[\s>]|<table[\s>]|<body[\s>]", re.I)
_LINES_LOOKED_AT = 20


def sniff_kind(content: bytes) -> str | None:
    """'pdf', 'json', 'html', 'tsv', 'csv' or 'text' for a file's bytes; None for bytes of no kind
    read here (binary)."""
    if b"%PDF-" in content[:1024]:  # (the header may follow a few bytes of junk)
        return "pdf"
    head = content[:_SAMPLE]
    if b"\x00" in head:
        return None
    try:
        text = head.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        if error.start < len(head) - 4:  # not only a character cut at the sample's end
            return None
        text = head[:error.start].decode("utf-8-sig")
    if _control_share(text) > 0.05:
        return None
    from .delimited import json_payload
    payload = json_payload(text)
    if payload.lstrip()[:1] in ("{", "["):
        try:  # (JSON as it is, or the literal a script assigns: 'var results = {...};')
            json.loads(json_payload(content.decode("utf-8-sig", errors="replace")))
            return "json"
        except (ValueError, RecursionError):
            pass  # braces that open prose, a log line or a script's object: read as text
    if _HTML.search(head[:4096]):
        return "html"
    lines = [line for line in text.split("\n")[:_LINES_LOOKED_AT + 1] if line.strip()][:_LINES_LOOKED_AT]
    if len(text) == len(head) and len(lines) > 1:
        lines = lines[:-1]  # the sample's last line may be cut
    for delimiter, kind, least in (("\t", "tsv", 1), (",", "csv", 2)):
        counts = {line.count(delimiter) for line in lines}
        if len(lines) >= 3 and len(counts) == 1 and min(counts) >= least:
            return kind
    return "text"


def _control_share(text: str) -> float:
    """The share of characters that are control characters other than tab, newline, return, form feed."""
    if not text:
        return 0.0
    controls = sum(1 for ch in text if ord(ch) < 32 and ch not in "\t\n\r\f")
    return controls / len(text)
