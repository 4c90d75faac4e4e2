"""Score the triage on the independent corpora: per part, the figures the floors hold.

    .venv/bin/python scripts/triage_score.py [--part dev|holdout] [--misses E|U|S|C|net|lang] [--lang en]

Rows of `tests/corpora/triage/<part>/*.tsv` are `tier<TAB>kind<TAB>message`. Lines of kind
`other_language` are scored apart: the coach must not be silent on them.
"""

from __future__ import annotations

import argparse
import math
import sys
import time
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from coach.triage import Tier, triage

ROOT = Path(__file__).resolve().parent.parent / "tests" / "corpora"


@dataclass(frozen=True)
class Row:
    label: Tier
    kind: str
    text: str
    author: str


def load(corpus: str, part: str) -> list[Row]:
    rows = []
    for path in sorted((ROOT / corpus / part).glob("*.tsv")):
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.strip() and not line.startswith("#"):
                tier, kind, text = line.split("\t")
                rows.append(Row(Tier.from_key(tier), kind, text, path.stem))
    return rows


def wilson_lower(hits: int, n: int, z: float = 1.96) -> float:
    """The 95% Wilson score interval's lower bound for a proportion."""
    if n == 0:
        return 0.0
    p = hits / n
    centre = p + z * z / (2 * n)
    spread = z * math.sqrt(p * (1 - p) / n + z * z / (4 * n * n))
    return (centre - spread) / (1 + z * z / n)


@dataclass
class Score:
    rows: int
    emergencies: int
    emergency_hits: int
    under_triaged: int  # emergency or urgent lines assigned a lower tier
    under_silent: int  # ... and neither a question nor the checklist asked
    soon_under: int
    soon: int
    self_care: int
    self_care_kept: int
    net_on_self_care: int
    other_language: int
    other_language_silent: int
    matrix: Counter
    lines_per_second: float

    @property
    def recall(self) -> float:
        return self.emergency_hits / self.emergencies if self.emergencies else 1.0

    @property
    def recall_lower_bound(self) -> float:
        return wilson_lower(self.emergency_hits, self.emergencies)

    @property
    def kept(self) -> float:
        return self.self_care_kept / self.self_care if self.self_care else 1.0

    @property
    def net_share(self) -> float:
        return self.net_on_self_care / self.self_care if self.self_care else 0.0


def score(rows: list[Row], lang: str | None = None, assess=None) -> tuple[Score, list[tuple[Row, object]]]:
    """The figures for `rows`, read by `assess(text)` (the coach's triage unless given)."""
    assess = assess or (lambda text: triage(text, lang))
    english = [r for r in rows if r.kind != "other_language"]
    other = [r for r in rows if r.kind == "other_language"]
    start = time.perf_counter()
    results = [(r, assess(r.text)) for r in english]
    elapsed = time.perf_counter() - start
    others = [(r, assess(r.text)) for r in other]
    matrix = Counter((r.label, a.tier) for r, a in results)
    care = [(r, a) for r, a in results if r.label == Tier.SELF_CARE]
    result = Score(
        rows=len(rows),
        emergencies=sum(1 for r, _ in results if r.label == Tier.EMERGENCY),
        emergency_hits=sum(1 for r, a in results if r.label == Tier.EMERGENCY and a.tier == Tier.EMERGENCY),
        under_triaged=sum(1 for r, a in results if r.label >= Tier.URGENT and a.tier < r.label),
        under_silent=sum(
            1
            for r, a in results
            if r.label >= Tier.URGENT
            and a.tier < r.label
            and not a.question
            and not a.ask_checklist
            and a.tier == Tier.SELF_CARE
        ),
        soon_under=sum(1 for r, a in results if r.label == Tier.SOON and a.tier < r.label),
        soon=sum(1 for r, _ in results if r.label == Tier.SOON),
        self_care=len(care),
        self_care_kept=sum(1 for _, a in care if a.tier == Tier.SELF_CARE),
        net_on_self_care=sum(1 for _, a in care if a.tier == Tier.SELF_CARE and a.ask_checklist),
        other_language=len(others),
        other_language_silent=sum(1 for _, a in others if not a.asks),
        matrix=matrix,
        lines_per_second=len(results) / elapsed if elapsed else 0.0,
    )
    return result, results + others


def report(name: str, s: Score) -> str:
    lines = [
        f"{name}: {s.rows} lines",
        f"  emergency recall {s.emergency_hits}/{s.emergencies} = {s.recall:.1%} (95% Wilson lower bound {s.recall_lower_bound:.1%})",
        f"  emergency or urgent under-triaged: {s.under_triaged} ({s.under_silent} with no question asked); soon under-triaged: {s.soon_under}/{s.soon}",
        f"  self-care kept at self-care: {s.self_care_kept}/{s.self_care} = {s.kept:.1%}; checklist asked on {s.net_on_self_care} ({s.net_share:.1%})",
        f"  other languages never silent: {s.other_language - s.other_language_silent}/{s.other_language}",
        "  label \\ assigned " + "".join(f"{t.key:>11}" for t in Tier),
    ]
    for label in Tier:
        lines.append(f"  {label.key:>16} " + "".join(f"{s.matrix[(label, t)]:>11}" for t in Tier))
    return "\n".join(lines)


def main(argv: list[str]) -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--corpus", default="triage")
    parser.add_argument("--part", action="append")
    parser.add_argument("--lang")
    parser.add_argument("--misses")
    args = parser.parse_args(argv)
    for part in args.part or ["dev", "holdout"]:
        result, rows = score(load(args.corpus, part), args.lang)
        print(report(part, result))
        if args.misses and part == "dev":  # the holdout is scored, never read
            want = args.misses
            for r, a in rows:
                show = {
                    "E": r.label == Tier.EMERGENCY and a.tier != Tier.EMERGENCY,
                    "U": r.label == Tier.URGENT and a.tier < Tier.URGENT,
                    "S": r.label == Tier.SOON and a.tier < Tier.SOON,
                    "C": r.label == Tier.SELF_CARE and a.tier != Tier.SELF_CARE,
                    "net": r.label == Tier.SELF_CARE and a.tier == Tier.SELF_CARE and a.ask_checklist,
                    "lang": r.kind == "other_language" and not a.asks,
                }[want]
                if show:
                    print(f"  {r.author[-1]} {r.kind:12} {a.tier.key:9} {[t.id for t in a.triggers]} | {r.text}")


if __name__ == "__main__":
    main(sys.argv[1:])
