"""Draw a corpus's sealed holdout: a third of each author's lines, by a fixed seed.

    python scripts/split_corpus.py SOURCE_DIR tests/corpora/NAME

Each `SOURCE_DIR/<author>.tsv` (a `# author:` line, then `label<TAB>...` lines) becomes
`dev/<author>.tsv` and `holdout/<author>.tsv`. The draw is stratified by label (the first
column), so both parts keep the author's mix; it was run once, before any rule was tuned on the
corpus (docs/triage.md, "Corpora"). Running it again on the same files gives the same split.
"""

import random
import sys
from collections import defaultdict
from pathlib import Path

SEED = "sealed-2026-12-07"


def split(lines: list[str], author: str) -> tuple[list[str], list[str]]:
    by_label: dict[str, list[str]] = defaultdict(list)
    for line in lines:
        by_label[line.split("\t", 1)[0]].append(line)
    rng = random.Random(f"{SEED}/{author}")
    dev, holdout = [], []
    for label in sorted(by_label):
        group = by_label[label]
        rng.shuffle(group)
        cut = round(len(group) / 3)
        holdout += group[:cut]
        dev += group[cut:]
    return dev, holdout


def main(source: str, target: str) -> None:
    for path in sorted(Path(source).glob("*.tsv")):
        text = path.read_text(encoding="utf-8").splitlines()
        header = [line for line in text if line.startswith("#")]
        lines = [line for line in text if line.strip() and not line.startswith("#")]
        dev, holdout = split(lines, path.stem)
        for part, rows in (("dev", dev), ("holdout", holdout)):
            out = Path(target) / part / path.name
            out.parent.mkdir(parents=True, exist_ok=True)
            out.write_text("\n".join(header + rows) + "\n", encoding="utf-8")
        print(f"{path.stem}: {len(dev)} dev, {len(holdout)} holdout")


if __name__ == "__main__":
    main(*sys.argv[1:3])
