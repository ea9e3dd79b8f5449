#!/usr/bin/env python3
"""List every number of a document as a skeleton gold file, for a labeller to complete.

usage: python3 list_numbers.py DOC.md > DOC.gold.json

A number is a run of digits (with decimal point and thousands commas) that is not part of a
name, a URL, a link target or an HTML tag. Digits glued to a letter on their left (A100,
GSM8K, v2, Qwen2.5) or joined by a hyphen to a word on their left (GPT-4, Llama-2, top-1,
ResNet-50) are names and are left out. Dates (2024-05-01), resolutions (224x224) and ranges
written with a multiplier (1.5x-2x, 2-3x) come out as one entry. Everything else comes out one
entry per digit run: merge or drop entries where the labelling conventions say so.
Columns are 1-based; `end` is the column just past the last character.
"""
import json
import re
import sys

NUM = r"\d+(?:,\d{3})*(?:\.\d+)?|\.\d+"
TOKEN = re.compile(
    r"\d{4}-\d{2}-\d{2}"                      # ISO date
    r"|\d{4}-\d{2}(?!\d)"                     # year-month
    r"|\d+[x×]\d+(?:[x×]\d+)?(?![\w.])"       # resolution, kernel shape
    rf"|(?:{NUM})\s?[x×]?\s?[-–~]\s?(?:{NUM})\s?[x×](?![\w])"  # 1.5x-2x, 2-3x
    rf"|(?:{NUM})\s?%?\s?[-–~]\s?(?:{NUM})\s?%"                  # 4-13%, 30%-40%
    rf"|{NUM}"
)
SKIP = re.compile(r"https?://\S+|www\.\S+|\]\([^)\s]*\)|<[^<>]{0,400}>|\S+@\S+\.\w+")


def numbers(text):
    for ln, line in enumerate(text.split("\n"), 1):
        skipped = [(m.start(), m.end()) for m in SKIP.finditer(line)]
        for m in TOKEN.finditer(line):
            s, e = m.start(), m.end()
            if any(a <= s < b for a, b in skipped):
                continue
            before = line[:s]
            if re.search(r"[A-Za-z_]$", before):          # A100, GSM8K, v2, Qwen2.5
                continue
            if re.search(r"[A-Za-z][\w.]*-$", before) and not re.search(r"\s-$", before):
                continue                                   # GPT-4, Llama-2, top-1, ResNet-50
            if re.search(r"[A-Za-z][A-Za-z0-9.]*-\d[\w.]*-$", before):
                continue                                   # the 7B of Llama-2-7B
            yield {"line": ln, "col": s + 1, "end": e + 1, "text": m.group(0)}


def main():
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    text = open(sys.argv[1], encoding="utf-8").read()
    entries = list(numbers(text))
    print(json.dumps({"document": sys.argv[1].rsplit("/", 1)[-1], "numbers": entries}, ensure_ascii=False, indent=1))


if __name__ == "__main__":
    main()
