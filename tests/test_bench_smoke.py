"""The benchmark (`make bench`) still runs: tiny sizes, SQLite only. Its numbers are not
checked here (they depend on the machine); only that every part ran and reported."""

import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_the_benchmark_runs_and_reports_every_part(tmp_path):
    out = tmp_path / "results.json"
    done = subprocess.run(
        [sys.executable, "-m", "bench", "--smoke", "--json", str(out)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert done.returncode == 0, done.stderr[-4000:]
    results = json.loads(out.read_text())

    assert {"mode", "machine", "dispatch", "compare", "limiter", "scale", "targets"} <= results.keys()
    [dispatch] = results["dispatch"]
    assert {"backend", "people", "sent", "msgs_per_s", "cpu_s_per_1000", "seconds"} <= dispatch.keys()
    [compare] = results["compare"]
    assert {"coach", "baseline", "cpu_ratio"} <= compare.keys()
    assert {"msgs_per_s", "cpu_s_per_1000"} <= compare["baseline"].keys()
    [limiter] = results["limiter"]
    assert {
        "steady_fraction",
        "busy_fraction",
        "answer_p50_ms",
        "answer_p99_ms",
        "escalation_wait_max_ms",
        "per_chat",
    } <= limiter.keys()
    [scale] = results["scale"]
    assert {"startup_s", "first_tick_s", "rss_mb"} <= scale["coach"].keys()
    assert {"startup_s", "rss_mb"} <= scale["baseline"].keys()
    assert 0 < results["floor"]["rss_mb"] < scale["coach"]["rss_mb"]  # the libraries alone, less than the whole coach
    assert results["targets"] and all({"target", "measured", "met"} <= target.keys() for target in results["targets"])
    for title in ("Dispatch", "Coach vs tutorial baseline", "Limiter on", "Scale", "libraries alone", "Targets"):
        assert title in done.stdout
