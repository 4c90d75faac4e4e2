"""`python -m bench.triage`: the triage engine against its baseline, in one process, the same hour.

The baseline is the engine as it was at commit 060f5da (`coach/triage.py` and `coach/red_flags.py`),
loaded from git into a throwaway package `baseline_triage`. Workloads, each through both engines:

- throughput: every line of the triage corpora (`tests/corpora/triage/*/*.tsv`), once, in lines/s;
- adversarial messages of up to 4,096 characters: ms per message, p50 and max over repeats after a
  warm-up call, and the first (cold) call. The engine caches sentence matches across calls, so the
  repeats show the cached path; the cold call is what a message never seen before costs.

Targets: >= 2,000 lines/s; no single message (corpus line, repeat or cold call) above 5 ms.
`python -m bench` runs this in a subprocess and keeps the results under "triage" in its JSON.
"""

from __future__ import annotations

import argparse
import gc
import importlib
import json
import random
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from bench.report import _fmt, _table

ROOT = Path(__file__).resolve().parent.parent
BASELINE_COMMIT = "060f5da"
LIMIT = 4096  # Telegram's longest message
TARGET_LINES_PER_S = 2000.0
TARGET_MS = 5.0


def load_baseline():
    """The old `triage` function, from git, as package `baseline_triage` (its coach imports rewritten)."""
    sources = {
        name: subprocess.run(
            ["git", "-C", str(ROOT), "show", f"{BASELINE_COMMIT}:coach/{name}.py"],
            check=True,
            capture_output=True,
            text=True,
        ).stdout
        for name in ("red_flags", "triage")
    }
    rewrites = {
        "from coach import red_flags": "from baseline_triage import red_flags",
        "from coach.red_flags ": "from baseline_triage.red_flags ",
    }
    for old, new in rewrites.items():
        assert old in sources["triage"], f"baseline triage.py no longer has {old!r}: update the rewrite"
        sources["triage"] = sources["triage"].replace(old, new)
    # else the "baseline" would quietly measure today's coach modules
    assert not any(
        line.lstrip().startswith(("from coach", "import coach")) for s in sources.values() for line in s.splitlines()
    )
    with tempfile.TemporaryDirectory(prefix="baseline-triage-") as tmp:
        package = Path(tmp) / "baseline_triage"
        package.mkdir()
        (package / "__init__.py").write_text("")
        for name, text in sources.items():
            (package / f"{name}.py").write_text(text)
        sys.path.insert(0, tmp)
        try:
            module = importlib.import_module("baseline_triage.triage")
        finally:
            sys.path.remove(tmp)
    return module.triage


def corpus_lines() -> list[str]:
    """Every message of the triage corpora, dev and holdout (timed only: nothing of them is shown)."""
    sys.path.insert(0, str(ROOT / "scripts"))
    from triage_score import load

    return [row.text for part in ("dev", "holdout") for row in load("triage", part)]


def _fit(unit: str, limit: int = LIMIT) -> str:
    return (unit * (limit // len(unit) + 1))[:limit]


def _zero_width(text: str) -> str:
    return "\u200b".join(text)


PROSE = (
    "My lower back felt warm again this morning after the heat pad, which I think is a good sign. "
    "I did the cat stretch twice and the knee hugs once, slowly, like the video says. "
    "Walking the dog was easier than yesterday, though sitting at my desk still gets stiff by lunch. "
    "I slept on my side with a pillow between my knees and woke up less sore than last week. "
)

MESSAGES = {
    "1/1/1/...": _fit("1/"),
    "digits and spaces": " ".join(str(i) for i in range(1, 2000))[:LIMIT],
    "red-flag soup with negations": _fit(
        "no fever and numb legs, not peeing but numb down there, can't feel my bum, not losing weight, "
        "no chest pain, weak legs no, never wet myself, not dizzy, "
    ),
    "ordinary prose, back warmth": _fit(PROSE),
    "one 4,096-letter word": "".join(random.Random(0).choices("abcdefghijklmnopqrstuvwxyz", k=LIMIT)),
    "emoji runs": _fit("🤒🥵😭🔥💀🙏🏽😬🤕"),
    "zero-width between letters": _zero_width(_fit("my back is warm and my legs are numb ", LIMIT // 2))[:LIMIT],
    "Cyrillic look-alikes": _fit("my bасk is wаrm, my lеgs аrе numb аnd I саn't рее, fеvеr tоо. "),
    "? and commas": _fit("numb?,, legs?? ,,fever?,? ,,,??? "),
    "short sentences": _fit("Ok. Warm. Numb? No. Sore! Fine. "),
    "letters glued to digits": _fit("a1"),
    "links and codes": _fit("https://t.me/coachbot?start=c_4rg29khp0 AB7C-0D2E-9XK4 "),
    "random symbols and words": "".join(random.Random(1).choices("ab12 -_/.:,?", k=LIMIT)),
}


def _ms(seconds: float) -> float:
    return round(seconds * 1000, 3)


def throughput(engine, lines: list[str]) -> dict:
    """One pass over the corpus: lines/s, and the slowest line."""
    slowest = 0.0
    began = time.perf_counter()
    for text in lines:
        start = time.perf_counter()
        engine(text)
        slowest = max(slowest, time.perf_counter() - start)
    elapsed = time.perf_counter() - began
    return {
        "lines": len(lines),
        "seconds": round(elapsed, 3),
        "lines_per_s": round(len(lines) / elapsed, 1),
        "max_ms": _ms(slowest),
    }


def one_message(engine, text: str, reps: int, budget: float) -> dict:
    """Cold call, a warm-up, then up to `reps` timed calls, fewer when they would overrun `budget` seconds."""
    start = time.perf_counter()
    engine(text)
    cold = time.perf_counter() - start
    engine(text)
    reps = max(3, min(reps, int(budget / max(cold, 1e-6))))  # the baseline takes ~300 ms on some of these
    times = []
    for _ in range(reps):
        start = time.perf_counter()
        engine(text)
        times.append(time.perf_counter() - start)
    return {"cold_ms": _ms(cold), "p50_ms": _ms(statistics.median(times)), "max_ms": _ms(max(times)), "reps": reps}


def run(smoke: bool = False, say=lambda text: print(text, file=sys.stderr, flush=True)) -> dict:
    from coach.triage import triage as coach_triage

    engines = {"baseline": load_baseline(), "coach": coach_triage}
    lines = corpus_lines()
    if smoke:
        lines = lines[::10]
    reps, budget = (5, 0.5) if smoke else (30, 2.0)
    for engine in engines.values():  # first-import work (lazy tables, compiled patterns) is not what we time
        for text in ("my back is warm today", "no numbness, legs fine", "38.5 fever and a stiff neck"):
            engine(text)
    # as the bot does after start-up (flows/app.py): else a full collection walking every table
    # lands in some call or other, and that call's time says more about the heap than the engine
    from flows.app import GC_THRESHOLDS

    gc.collect()
    gc.freeze()
    gc.set_threshold(*GC_THRESHOLDS)
    say(f"triage: {len(lines)} corpus lines through each engine")
    results: dict = {
        "baseline_commit": BASELINE_COMMIT,
        "smoke": smoke,
        "throughput": {n: throughput(e, lines) for n, e in engines.items()},
        "messages": [],
    }
    for name, text in MESSAGES.items():
        say(f"triage: {name} ({len(text):,} chars)")
        row = {"name": name, "chars": len(text)} | {n: one_message(e, text, reps, budget) for n, e in engines.items()}
        row["p50_ratio"] = round(row["baseline"]["p50_ms"] / max(row["coach"]["p50_ms"], 1e-3), 1)
        results["messages"].append(row)
    results["targets"] = targets(results)
    return results


def targets(results: dict) -> list[dict]:
    coach = results["throughput"]["coach"]
    out = [
        {
            "target": f"throughput >= {TARGET_LINES_PER_S:,.0f} lines/s",
            "measured": f"{coach['lines_per_s']:,.0f} lines/s",
            "met": coach["lines_per_s"] >= TARGET_LINES_PER_S,
        }
    ]
    worst = [("corpus line", coach["max_ms"])] + [
        (r["name"], max(r["coach"]["max_ms"], r["coach"]["cold_ms"])) for r in results["messages"]
    ]
    name, ms = max(worst, key=lambda x: x[1])
    out.append(
        {"target": f"no message above {TARGET_MS:g} ms", "measured": f"{ms:.2f} ms ({name})", "met": ms <= TARGET_MS}
    )
    return out


def render(results: dict) -> str:
    base, coach = results["throughput"]["baseline"], results["throughput"]["coach"]
    rate_ratio, slowest_ratio = coach["lines_per_s"] / base["lines_per_s"], base["max_ms"] / coach["max_ms"]
    rows = [
        [
            "corpus lines/s",
            base["lines_per_s"],
            coach["lines_per_s"],
            f"{rate_ratio:.1f}x",
            f">= {TARGET_LINES_PER_S:,.0f}",
            coach["lines_per_s"] >= TARGET_LINES_PER_S,
        ],
        [
            "corpus slowest line ms",
            _fmt(base["max_ms"], 2),
            _fmt(coach["max_ms"], 2),
            f"{slowest_ratio:.1f}x",
            f"<= {TARGET_MS:g}",
            coach["max_ms"] <= TARGET_MS,
        ],
    ]
    for r in results["messages"]:
        cells = [
            f"{r[n]['p50_ms']:.2f} / {r[n]['max_ms']:.2f} / {r[n]['cold_ms']:.2f} ({r[n]['reps']})"
            for n in ("baseline", "coach")
        ]
        worst = max(r["coach"]["max_ms"], r["coach"]["cold_ms"])
        rows.append(
            [
                f"{r['name']} ({r['chars']:,} ch)",
                *cells,
                f"{r['p50_ratio']:.1f}x",
                f"<= {TARGET_MS:g}",
                worst <= TARGET_MS,
            ]
        )
    title = (
        f"\nTriage: coach vs the engine at {results['baseline_commit']}, one process"
        f" ({results['throughput']['coach']['lines']:,} corpus lines once; messages: ms p50 / max / cold (repeats);"
        " ratio = baseline/coach time, or coach/baseline rate; met = coach's worst of max and cold)"
    )
    return _table(title, ["workload", "baseline", "coach", "ratio", "target", "met"], rows)


def in_subprocess(smoke: bool) -> dict:
    """Run in a fresh interpreter: the bench's own process holds the Bot API double, and its heap
    should neither carry the engines' tables nor slow their timings."""
    with tempfile.TemporaryDirectory(prefix="coach-bench-triage-") as tmp:
        out = Path(tmp) / "triage.json"
        command = [sys.executable, "-m", "bench.triage", "--json", str(out), *(["--smoke"] if smoke else [])]
        subprocess.run(command, cwd=ROOT, check=True, stdout=subprocess.DEVNULL)
        return json.loads(out.read_text())


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m bench.triage", description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--smoke", action="store_true", help="a tenth of the corpus, 5 repeats: seconds")
    parser.add_argument("--json", type=Path, help="also write the results here")
    args = parser.parse_args(argv)
    results = run(smoke=args.smoke)
    if args.json:
        args.json.write_text(json.dumps(results, indent=2, ensure_ascii=False) + "\n")
    print(render(results))
    for t in results["targets"]:
        print(f"{t['target']}: {t['measured']} ({'met' if t['met'] else 'NOT met'})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
