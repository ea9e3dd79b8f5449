"""Text from documents and file names made safe to print: control characters shown, never obeyed.

A digest or its file name may hold escape sequences (ANSI CSI "\\x1b[31m", OSC "\\x1b]0;title\\x07"),
C1 controls, backspace or carriage return that would recolour, retitle or overwrite a terminal
or CI log, characters XML 1.0 forbids even as references, and, in file names, undecodable bytes
(os.fsdecode's surrogate escapes) that no UTF-8 output can encode. `visible` writes each of them
as a backslash escape ("\\x1b", "\\xff" for the byte a surrogate escape stands for, "\\ud800",
"\\ufffe") and leaves every other character, accents, CJK, ×, ± and tabs included, as it is.
"""
from __future__ import annotations

import json
import re
from typing import Any

# One character class, so the scan is linear. Tab stays (whitespace every format allows).
_HIDDEN = re.compile("[\x00-\x08\x0a-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]")
_JSON_RAW = re.compile("[\x7f-\x9f\ud800-\udfff]")  # what json.dumps leaves raw


def _show(match: re.Match) -> str:
    code = ord(match.group())
    if 0xDC80 <= code <= 0xDCFF:  # os.fsdecode's stand-in for the undecodable byte code - 0xDC00
        return f"\\x{code - 0xDC00:02x}"
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def visible(text: Any) -> str:
    """`text` with every control character, lone surrogate and XML non-character escaped."""
    text = str(text)
    return _HIDDEN.sub(_show, text) if _HIDDEN.search(text) else text


def dumps(payload: Any, **options: Any) -> str:
    """`json.dumps`, with DEL and C1 controls (which it leaves raw) as JSON escapes that read
    back as the same characters, and lone surrogates, which UTF-8 cannot encode, as the
    backslash escapes `visible` uses."""
    text = json.dumps(payload, **options)
    return _JSON_RAW.sub(_json_escape, text) if _JSON_RAW.search(text) else text


def _json_escape(match: re.Match) -> str:
    code = ord(match.group())
    if code < 0x100:
        return f"\\u{code:04x}"
    # a raw surrogate can only stand inside a JSON string, where a doubled backslash is one
    return "\\" + _show(match)
