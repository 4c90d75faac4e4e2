"""The sealed holdout stays sealed: no commit changes a holdout file together with the rules or
the engine that read it (tests/corpora/README.md)."""

import shutil
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
HOLDOUT = "tests/corpora/"
RULES = ("coach/red_flags", "coach/triage")  # the packages, and the modules they replaced


def _git(*args: str) -> str:
    return subprocess.run(["git", *args], cwd=ROOT, capture_output=True, text=True, check=True).stdout


def _mixes(paths: list[str]) -> bool:
    holdout = any(p.startswith(HOLDOUT) and "/holdout/" in p for p in paths)
    rules = any(p.startswith(RULES) for p in paths)
    return holdout and rules


@pytest.fixture(scope="module")
def history() -> str:
    if shutil.which("git") is None or not (ROOT / ".git").exists():
        pytest.fail("the seal is checked on the repository's history: run the tests in a git checkout")
    return _git("log", "--name-only", "--format=@%h %s")


def test_no_commit_changes_a_holdout_file_and_a_rule_file_together(history):
    offending, commit, paths = [], None, []
    for line in [*history.splitlines(), "@end"]:
        if line.startswith("@"):
            if commit and _mixes(paths):
                offending.append(commit)
            commit, paths = line[1:], []
        elif line.strip():
            paths.append(line.strip())
    assert not offending, f"commits changing a holdout file and a rule file together: {offending}"


def test_the_work_in_progress_does_not_either(history):
    changed = _git("diff", "--name-only", "HEAD").split() + _git("diff", "--name-only", "--cached").split()
    assert not _mixes(changed), "commit the holdout change and the rule change separately"


def test_the_holdout_exists_and_is_a_third_of_each_author(history):
    for corpus in ("triage", "intents", "es", "ru"):
        folder = ROOT / HOLDOUT / corpus
        for dev in sorted((folder / "dev").glob("*.tsv")):
            held = folder / "holdout" / dev.name
            share = _lines(held) / (_lines(held) + _lines(dev))
            assert 0.30 <= share <= 0.36, (dev.name, share)


def _lines(path: Path) -> int:
    return sum(1 for line in path.read_text(encoding="utf-8").splitlines() if line and not line.startswith("#"))
