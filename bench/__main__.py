"""`python -m bench` (or `make bench`): measure the coach against the local Bot API double.

Prints tables and writes a JSON file (default bench/results.json). Sizes:
  --quick (default)  10k-people dispatch, a 100k backlog behind the limiter, scale to 100k
  --full             adds 100k-people dispatch and scale to 1M people
  --smoke            tiny sizes, SQLite only: a check that the benchmark still runs (seconds)
PostgreSQL runs are skipped, with a note, when the server is unreachable
(COACH_BENCH_POSTGRES_URL, default postgresql+asyncpg://postgres@127.0.0.1:5432/test).
Every size ends with the triage engine against its baseline (bench/triage.py; --smoke: a short one).
"""

import argparse
import asyncio
import json
import os
import platform
import shutil
import sys
import tempfile
import time
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from bench import scenarios, seed, triage
from bench.report import render, targets

DEFAULT_JSON = Path(__file__).resolve().parent / "results.json"


@dataclass
class Plan:
    dispatch: list[int]
    compare: list[int]  # coach and baseline dispatch through the limiter at --compare-rate
    backlog: int
    scale: list[int]
    baseline_scale: list[int]
    steady: float = 6.0
    busy: float = 10.0
    presses_per_s: float = 100.0
    slow_steady: float = (
        40.0  # at 30/s, enough people reminded to tap 100 times a second (each reply takes two of the 30)
    )
    baseline_timeout: float = 900.0
    lead: float = 10.0  # seconds before the baseline's jobs fire, plus 0.4 ms a person for its start-up
    notes: list[str] = field(default_factory=list)


PLANS = {
    "smoke": Plan(
        dispatch=[200],
        compare=[200],
        backlog=300,
        scale=[200],
        baseline_scale=[200],
        steady=1.5,
        busy=1.5,
        presses_per_s=20.0,
        lead=4.0,
    ),
    "quick": Plan(
        dispatch=[10_000],
        compare=[10_000],
        backlog=100_000,
        scale=[0, 10_000, 100_000],
        baseline_scale=[0, 10_000, 100_000],
    ),
    "full": Plan(
        dispatch=[10_000, 100_000],
        compare=[10_000, 100_000],
        backlog=100_000,
        scale=[0, 10_000, 100_000, 1_000_000],
        baseline_scale=[0, 10_000, 100_000, 1_000_000],
    ),
}


def _machine() -> dict:
    return {
        "cpus": os.cpu_count(),
        "python": platform.python_version(),
        "platform": platform.platform(),
        "processor": platform.processor() or platform.machine(),
    }


async def _run(args: argparse.Namespace) -> dict:
    plan = PLANS[args.mode]
    backends = ["sqlite"] if args.mode == "smoke" else list(args.backends)
    if "postgres" in backends and (why := await seed.postgres_reachable()):
        backends.remove("postgres")
        plan.notes.append(f"PostgreSQL skipped: {why}")
    workdir = Path(tempfile.mkdtemp(prefix="coach-bench-"))
    results: dict = {
        "when": datetime.now(UTC).isoformat(timespec="seconds"),
        "mode": args.mode,
        "machine": _machine(),
        "workdir": str(workdir),
        "settings": {
            "compare_rate": args.compare_rate,
            "rate": args.rate,
            "slow_rate": args.slow_rate,
            "presses_per_s": plan.presses_per_s,
        },
        "dispatch": [],
        "compare": [],
        "limiter": [],
        "scale": [],
        "floor": None,
        "notes": plan.notes,
    }
    only = set(args.only)
    began = time.monotonic()

    def say(text: str) -> None:
        print(f"[{time.monotonic() - began:6.0f}s] {text}", file=sys.stderr, flush=True)

    try:
        if "dispatch" in only:
            for backend in backends:
                for people in plan.dispatch:
                    say(f"dispatch: {people} check-ins due, limiter off, {backend}")
                    results["dispatch"].append(await scenarios.dispatch(workdir, backend, people, timeout=args.timeout))
        if "compare" in only:
            for people in plan.compare:
                say(f"compare: {people} check-ins, limiter at {args.compare_rate}/s, coach (sqlite)")
                coach = await scenarios.dispatch(
                    workdir, "sqlite", people, timeout=args.timeout, rate=args.compare_rate
                )
                say(f"compare: {people} check-ins, limiter at {args.compare_rate}/s, baseline run_daily jobs")
                lead = plan.lead + people * 0.0004
                base = await scenarios.baseline_dispatch(
                    workdir, people, rate=args.compare_rate, lead=lead, timeout=args.timeout
                )
                row = {"people": people, "rate": args.compare_rate, "coach": coach, "baseline": base}
                if coach.get("cpu_s_per_1000") and base.get("cpu_s_per_1000"):
                    row["cpu_ratio"] = round(base["cpu_s_per_1000"] / coach["cpu_s_per_1000"], 2)
                results["compare"].append(row)
        if "limiter" in only:
            for backend in backends:
                rates = [(args.slow_rate, plan.slow_steady)] if args.mode != "smoke" else []
                for rate, steady in [*rates, (args.rate, plan.steady)]:
                    say(
                        f"limiter: {plan.backlog} backlog at {rate}/s, {plan.presses_per_s:.0f} taps/s, emergencies, {backend}"
                    )
                    results["limiter"].append(
                        await scenarios.limiter(
                            workdir,
                            backend,
                            plan.backlog,
                            rate=rate,
                            steady=steady,
                            busy=plan.busy,
                            presses_per_s=plan.presses_per_s,
                        )
                    )
        if "scale" in only:
            say("scale: the libraries alone")
            results["floor"] = await scenarios.floor(workdir)
            for backend in backends if args.mode == "full" else ["sqlite"]:
                for people in plan.scale:
                    # the baseline's start-up barely touches the database: 1M people once (on SQLite) is enough
                    baseline = people in plan.baseline_scale and (backend == "sqlite" or people <= 100_000)
                    say(f"scale: {people} registered people, {backend}")
                    results["scale"].append(
                        await scenarios.scale(
                            workdir, backend, people, baseline=baseline, baseline_timeout=plan.baseline_timeout
                        )
                    )
        if "triage" in only:
            say("triage: coach vs the engine at 060f5da, in a subprocess")
            results["triage"] = await asyncio.to_thread(triage.in_subprocess, args.mode == "smoke")
    finally:
        if not args.keep:
            shutil.rmtree(workdir, ignore_errors=True)
    results["seconds"] = round(time.monotonic() - began, 1)
    results["targets"] = targets(results)
    return results


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m bench", description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    size = parser.add_mutually_exclusive_group()
    size.add_argument(
        "--quick", dest="mode", action="store_const", const="quick", help="a few minutes on 2 cores (default)"
    )
    size.add_argument(
        "--full", dest="mode", action="store_const", const="full", help="100k-people dispatch, scale to 1M"
    )
    size.add_argument(
        "--smoke", dest="mode", action="store_const", const="smoke", help="tiny, SQLite only: does it still run"
    )
    parser.set_defaults(mode="quick")
    parser.add_argument(
        "--backends", type=lambda text: text.split(","), default=["sqlite", "postgres"], help="sqlite,postgres"
    )
    parser.add_argument(
        "--only", type=lambda text: text.split(","), default=["dispatch", "compare", "limiter", "scale", "triage"]
    )
    parser.add_argument(
        "--rate",
        type=float,
        default=300.0,
        help="limiter rate (msgs/s) of the second backlog run, where the taps' replies (~200/s) fit",
    )
    parser.add_argument(
        "--slow-rate",
        type=float,
        default=30.0,
        help="limiter rate of the first backlog run (Telegram's): the taps' replies queue there",
    )
    parser.add_argument("--compare-rate", type=float, default=300.0, help="limiter rate for coach vs baseline dispatch")
    parser.add_argument("--timeout", type=float, default=900.0, help="seconds a dispatch run may take")
    parser.add_argument("--json", type=Path, default=DEFAULT_JSON, help="where to write the results")
    parser.add_argument("--keep", action="store_true", help="keep the work directory (databases, worker logs)")
    args = parser.parse_args(argv)
    results = asyncio.run(_run(args))
    args.json.parent.mkdir(parents=True, exist_ok=True)
    args.json.write_text(json.dumps(results, indent=2) + "\n")
    print(render(results))
    if "triage" in results:
        print(triage.render(results["triage"]))
    print(f"\nwritten to {args.json}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
