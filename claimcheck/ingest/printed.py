"""Lines a program printed inside a fenced block, told from the code around them by structure.

A fenced block holds code, a program's output, or both (a shell session, a notebook's cells, a
benchmark's report). Its output states results ('Wall time: 3.14 s', '1139307 requests in
10.00s', '275 src/main.zig'); its code states settings ('--total=10000', 'quantize(8)'). A line is
taken as printed output when nothing on it is the syntax of code: no prompt or comment mark at
its start, no call ('name('), no assignment or keyword argument ('x = ', 'size=10'), no
command-line option ('--conns', '-target'), no statement end (';', '{', a trailing backslash),
and it is not a program's variable listed with a bare value ('batch_size  32').
A block tagged as a configuration or data format (YAML, JSON, TOML) is all code: there
'key: value' sets a value rather than reporting one. A block tagged as a directive ('{figure}',
MyST's) holds options and markup, no output.

Readers know nothing of claims: which printed figures are claims is decided downstream, as for
any other line of prose.
"""
from __future__ import annotations

import re

# an info string naming a configuration or data format: 'key: value' there is a setting
_CONFIG_TAGS = frozenset({"yaml", "yml", "json", "json5", "jsonc", "jsonl", "toml", "properties",
                          "cfg", "conf", "env", "dotenv", "xml", "html", "dockerfile", "makefile"})
_TAG = re.compile(r"\s*+(\{[\w+#.-]*+\}?|[\w+#.-]*+)")
_DIGIT = re.compile(r"\d")
# a prompt or a comment mark opening the line: '$ ', '>>> ', '... ', 'In [3]:', '%time', '# ', '//'
_PROMPT = re.compile(r"\s*+(?:[$#>]|\.\.\.|In \[\d*\]:|%[a-z]|//|--|/\*|\*/|@)")
# code within the line: a call, an assignment or keyword argument, a command-line option, a
# statement's end; each is tried at a word's start, so the search is linear in the line
_CODE = re.compile(
    r"(?<![\w.])[A-Za-z_][\w.]*+\("             # a call: 'mem()', 'RANDOM_BYTES(512)'
    r"|\w=(?![=>])"                            # a keyword argument or setting: 'size=10', 'x=1'
    r"|^\s*+[A-Za-z_][\w.\[\]'\"]*+\s*+[-+*/]?=\s"  # an assignment: 'values = ...', 'n += 1'
    r"|(?<!\S)--?[A-Za-z][\w-]*+"              # an option: '--conns', '-target'
    r"|[;{]\s*+$|\\\s*+$"                      # a statement's or a continued line's end
    r"|^\s*+[})\]]"                            # a closing bracket opening the line
    # a program's variable and a bare value, nothing else: a setting listed ('batch_size  32',
    # 'warmup_steps: 200'); a printed measure carries its unit ('peak_rss  110MB')
    r"|^\s*+[A-Za-z]\w*_\w*+\s*+[:=]?\s*+[-+]?\d[\d.]*+(?:[eE][-+]?\d++)?\s*+$"
)
MAX_LINE = 400  # a longer line is data or minified code, not a line of a report


def block_tag(info: str) -> str:
    """The language a fence's info string (what follows its backticks) names ('python'; a
    directive keeps its braces: '{figure} x.png' -> '{figure}'), lower-cased; '' when none."""
    return _TAG.match(info).group(1).lower()


def printed_lines(lines: list[str], first: int, last: int, tag: str) -> list[int]:
    """The lines among first..last (a block's content) that hold figures and no code."""
    if tag in _CONFIG_TAGS or tag.startswith("{"):
        return []
    return [k for k in range(first, last + 1) if is_printed(lines[k])]


def is_printed(line: str) -> bool:
    """A line with a figure on it and none of code's syntax."""
    if len(line) > MAX_LINE or not _DIGIT.search(line):
        return False
    return not _PROMPT.match(line) and not _CODE.search(line)
