"""How many planted wrong-frame and source-mismatch slips of a checking set get a supported
verdict (CC202): issue 15 asks for none. A slip counts when a CC202 finding on its line states
one of its values.

Usage, from the repository's root:  python3 tools/supported_slips.py data/checking/dev [...] [--show]
(`--show` lists them; never use it on a set kept apart). Needs ../shared/tools (score_findings).
"""
from __future__ import annotations

import json
import pathlib
import subprocess
import sys

ROOT = pathlib.Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT.parent / "shared" / "tools"))
from score_findings import matches  # noqa: E402

KINDS = ("wrong-frame", "source-mismatch")


def _plain(text: str) -> str:
    return text.replace(",", "")


def supported_slips(folder: pathlib.Path) -> tuple[list[str], int]:
    """(the slips given a supported verdict, how many slips of those kinds the set holds)."""
    found, total = [], 0
    for gold_path in sorted(folder.glob("*.findings.json")):
        name = gold_path.name[:-len(".findings.json")]
        digest = folder / f"{name}.md"
        gold = json.loads(gold_path.read_text(encoding="utf-8"))
        sources = []
        listed = folder / f"{name}.sources"
        if listed.exists():
            for line in listed.read_text(encoding="utf-8").splitlines():  # a path a line: a name may hold a space
                if line.strip():
                    sources += ["--source", str((folder / line.strip()).resolve())]
        out = subprocess.run([sys.executable, "-m", "claimcheck", "check", str(digest), "--format", "json", *sources],
                             capture_output=True, text=True, check=False).stdout
        supported = [dict(f, severity="error") for f in json.loads(out)["findings"] if f["rule"] == "CC202"]
        for slip in gold["must_flag"]:
            if slip["problem"] not in KINDS:
                continue
            total += 1
            for f in supported:
                if matches(slip, f, digest.name) and any(_plain(v) in _plain(f["claim"]["text"]) for v in slip["values"]):
                    found.append(f"{digest.name}:{slip['lines']} {slip['values']} | {f['message'][:160]}")
                    break
    return found, total


def main(argv: list[str]) -> None:
    show = "--show" in argv
    for folder in (pathlib.Path(a) for a in argv if not a.startswith("--")):
        found, total = supported_slips(folder)
        for line in found if show else ():
            print("  " + line)
        print(f"{folder}: {len(found)} of {total} wrong-frame and source-mismatch slips get a supported verdict")


if __name__ == "__main__":
    main(sys.argv[1:])
