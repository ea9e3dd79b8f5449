"""Write docs/rules/CODE.md for every rule and docs/rules/README.md, from the rules' own
documentation (tests/test_rule_docs.py fails when the pages and the rules differ).

    python3 tools/make_rule_docs.py
"""
from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from claimcheck.report.rule_docs import render_index, render_rule_page  # noqa: E402
from claimcheck.verify import RULES  # noqa: E402


def main() -> None:
    folder = ROOT / "docs" / "rules"
    folder.mkdir(parents=True, exist_ok=True)
    wanted = {f"{code}.md": render_rule_page(rule) for code, rule in RULES.items()}
    wanted["README.md"] = render_index(RULES)
    for stale in folder.glob("*.md"):
        if stale.name not in wanted:
            stale.unlink()
    for name, text in sorted(wanted.items()):
        (folder / name).write_text(text, encoding="utf-8")
    print(f"wrote {len(wanted)} pages to {folder}")


if __name__ == "__main__":
    main()
