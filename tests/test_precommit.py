"""The pre-commit hook, exercised through `pre-commit try-repo` in a temporary git repository.

It installs the project into a fresh environment (about two minutes): marked `precommit`, so a
quick local run can leave it out (`pytest -m "not precommit"`); `.ci/run` runs it."""
from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


@pytest.mark.precommit
def test_hook_fails_on_a_wrong_number_and_passes_a_clean_file(tmp_path):
    if shutil.which("pre-commit") is None or shutil.which("git") is None:
        pytest.skip("pre-commit or git is not installed")
    if not (ROOT / ".git").exists():
        pytest.skip("not a git checkout")
    repo = tmp_path / "repo"
    repo.mkdir()
    env = dict(os.environ, PRE_COMMIT_HOME=str(tmp_path / "cache"), GIT_AUTHOR_NAME="t", GIT_AUTHOR_EMAIL="t@t",
               GIT_COMMITTER_NAME="t", GIT_COMMITTER_EMAIL="t@t")
    (repo / "news.md").write_text("## Kite\nKite scores 71.4 mAP on COCO, 3.1 points ahead of StrongDet (69.3).\n")
    (repo / "ok.md").write_text("## Wren\nWren scores 71.4 mAP on COCO, 2.1 points ahead of StrongDet (69.3).\n")
    (repo / "code.py").write_text("x = 3.1  # not a digest: the hook skips it\n")
    slip = "Kite scores 71.4 mAP on COCO, 3.1 points ahead of StrongDet (69.3)."
    (repo / "results.json").write_text(f'{{"note": "{slip}"}}\n')  # pre-commit tags it text; no digest
    (repo / "notes.txt").write_text(f"Kite\n\n{slip}\n")
    subprocess.run(["git", "init", "-q"], cwd=repo, check=True, env=env)
    subprocess.run(["git", "add", "."], cwd=repo, check=True, env=env)

    def hook(*files):
        return subprocess.run(["pre-commit", "try-repo", str(ROOT), "claimcheck", "--files", *files],
                              cwd=repo, env=env, capture_output=True, text=True, timeout=900)

    failing = hook("news.md", "ok.md", "code.py", "results.json", "notes.txt")
    assert failing.returncode == 1, failing.stdout + failing.stderr
    assert "notes.txt:3:" in failing.stdout and "results.json" not in failing.stdout.split("hook id")[-1]
    assert "news.md:2:31: CC101 stated margin 3.1 points" in failing.stdout
    assert "ok.md" not in failing.stdout.split("hook id")[-1] and "code.py:" not in failing.stdout
    passing = hook("ok.md")
    assert passing.returncode == 0, passing.stdout + passing.stderr
