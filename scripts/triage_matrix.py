"""Confusion matrix, per-tier recall and speed of the red-flag triage over a labelled corpus.

Usage: .venv/bin/python scripts/triage_matrix.py [corpus.tsv] [--misses]
(default corpus: tests/coach/triage_corpus.tsv; lines are ``tier<TAB>message``).
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

from coach.triage import Tier, triage

DEFAULT_CORPUS = Path(__file__).resolve().parent.parent / "tests" / "coach" / "triage_corpus.tsv"


def load(path: Path) -> list[tuple[Tier, str]]:
    rows = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip():
            tier, message = line.split("\t", 1)
            rows.append((Tier.from_key(tier), message))
    return rows


def lines_per_second(messages: list[str], min_seconds: float = 1.0) -> float:
    done, start = 0, time.perf_counter()
    while (elapsed := time.perf_counter() - start) < min_seconds:
        for message in messages:
            triage(message)
        done += len(messages)
    return done / elapsed


def main(argv: list[str]) -> None:
    paths = [a for a in argv if not a.startswith("--")]
    path = Path(paths[0]) if paths else DEFAULT_CORPUS
    rows = load(path)
    results = [(label, triage(message).tier, message) for label, message in rows]
    tiers = list(Tier)
    width = max(len(t.key) for t in tiers) + 2

    print(f"{path.name}: {len(rows)} messages (rows = labelled tier, columns = assigned tier)\n")
    print(" " * width + "".join(f"{t.key:>{width}}" for t in tiers) + f"{'recall':>{width}}")
    for label in tiers:
        counts = [sum(1 for lab, got, _ in results if lab == label and got == t) for t in tiers]
        total = sum(counts)
        recall = f"{counts[label] / total:.1%}" if total else "-"
        print(f"{label.key:<{width}}" + "".join(f"{c:>{width}}" for c in counts) + f"{recall:>{width}}")
    under = [r for r in results if r[1] < r[0]]
    print(f"\nunder-triaged (assigned below label): {len(under)}")
    print(f"lines per second: {lines_per_second([m for _, m in rows]):,.0f}")
    if "--misses" in argv:
        for label, got, message in results:
            if got != label:
                print(f"  {label.key:>9} -> {got.key:<9} {message}")


if __name__ == "__main__":
    main(sys.argv[1:])
