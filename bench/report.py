"""The results as text tables, and the issue's targets checked against them."""


def _fmt(value, digits: int = 1) -> str:
    if value is None:
        return "-"
    if isinstance(value, bool):
        return "yes" if value else "NO"
    if isinstance(value, float):
        return f"{value:,.{digits}f}"
    if isinstance(value, int):
        return f"{value:,}"
    return str(value)


def _table(title: str, header: list[str], rows: list[list]) -> str:
    cells = [[_fmt(cell) if not isinstance(cell, str) else cell for cell in row] for row in rows]
    widths = [max(len(str(h)), *(len(row[i]) for row in cells)) if cells else len(h) for i, h in enumerate(header)]
    lines = [title, "  ".join(h.rjust(w) for h, w in zip(header, widths, strict=True))]
    lines.append("  ".join("-" * w for w in widths))
    lines += ["  ".join(c.rjust(w) for c, w in zip(row, widths, strict=True)) for row in cells]
    return "\n".join(lines)


def render(results: dict) -> str:
    parts = [
        f"coach benchmark, {results['mode']} ({results['seconds']}s), {results['machine']['cpus']} CPUs, Python {results['machine']['python']}"
    ]
    if results["dispatch"]:
        parts.append(
            _table(
                "\nDispatch: N check-ins due the same minute, rate limiter off",
                ["backend", "people", "sent", "seconds", "msgs/s", "CPU s/1000 msgs", "bot CPU share", "failed reqs"],
                [
                    [
                        r["backend"],
                        r["people"],
                        r["sent"],
                        r["seconds"],
                        r["msgs_per_s"],
                        _fmt(r["cpu_s_per_1000"], 3),
                        _fmt(r["cpu_share"], 2),
                        r["failed_requests"],
                    ]
                    for r in results["dispatch"]
                ],
            )
        )
    if results["compare"]:
        rows = []
        for r in results["compare"]:
            for name in ("coach", "baseline"):
                x = r[name]
                missing = (
                    ""
                    if x.get("complete", True)
                    else f"{r['people'] - x.get('sent', 0):,} never sent ({x.get('failed_requests', 0)} failed requests)"
                )
                rows.append(
                    [
                        name,
                        r["people"],
                        r["rate"],
                        x.get("sent"),
                        x.get("seconds"),
                        x.get("msgs_per_s"),
                        _fmt(x.get("cpu_s_per_1000"), 3),
                        x.get("note", missing),
                    ]
                )
            rows.append(["baseline/coach CPU", "", "", "", "", "", _fmt(r.get("cpu_ratio"), 2), ""])
        parts.append(
            _table(
                "\nCoach vs tutorial baseline (one run_daily job per person): the same check-ins through the limiter, SQLite",
                ["design", "people", "limit/s", "sent", "seconds", "msgs/s", "CPU s/1000 msgs", "note"],
                rows,
            )
        )
    if results["limiter"]:
        rows = []
        for r in results["limiter"]:
            pace = r["per_chat"]
            rows.append(
                [
                    r["backend"],
                    r["backlog"],
                    r["configured_per_s"],
                    _fmt(r["steady_fraction"], 3),
                    _fmt(r["busy_fraction"], 3),
                    f"{r['presses_per_s']:.0f}" if r["presses_per_s_target"] else "-",
                    _fmt(r["answer_p50_ms"]) if r["presses"] else "-",
                    (_fmt(r["answer_p99_ms"]) if r["answer_p99_ms"] is not None else "never") if r["presses"] else "-",
                    (_fmt(r["reply_edit_p99_ms"]) if r["reply_edit_p99_ms"] is not None else "never")
                    if r["presses"]
                    else "-",
                    f"{r['escalations_delivered']}/{r['escalations']}",
                    _fmt(r["escalation_wait_max_ms"]) if r["escalation_wait_max_ms"] is not None else "never",
                    f"{pace['violations']} ({_fmt(pace['worst_early_ms'])} ms)",
                ]
            )
        parts.append(
            _table(
                "\nLimiter on, a backlog of check-ins going out (rate = limited requests at the double / configured)",
                [
                    "backend",
                    "backlog",
                    "limit/s",
                    "rate, backlog only",
                    "rate, with taps",
                    "taps/s",
                    "answer p50 ms",
                    "answer p99 ms",
                    "edit p99 ms",
                    "escalations",
                    "escalation max ms",
                    "per-chat violations",
                ],
                rows,
            )
        )
    if results["scale"]:
        rows = []
        for r in results["scale"]:
            coach, base = r["coach"], r.get("baseline") or {}
            rows.append(
                [
                    r["backend"],
                    r["people"],
                    _fmt(coach["startup_s"], 3),
                    _fmt(coach["first_tick_s"], 3),
                    coach["rss_mb"],
                    _fmt(base.get("startup_s"), 2) if base else "-",
                    base.get("rss_mb") if base else "-",
                    _fmt(r.get("startup_s_ratio")),
                    _fmt(r.get("rss_mb_ratio")),
                    _fmt(r.get("rss_growth_ratio")),
                    base.get("note", ""),
                ]
            )
        parts.append(
            _table(
                "\nScale: registered people, nothing due (start-up = build + start until serving; RSS after the first tick)",
                [
                    "backend",
                    "people",
                    "coach start s",
                    "first tick s",
                    "coach RSS MB",
                    "baseline start s",
                    "baseline RSS MB",
                    "start ratio",
                    "RSS ratio",
                    "RSS growth ratio",
                    "note",
                ],
                rows,
            )
        )
        if results.get("floor"):
            parts.append(
                f"libraries alone (Python, python-telegram-bot with its job queue, SQLModel): {results['floor']['rss_mb']:.1f} MB RSS"
            )
    if results["targets"]:
        parts.append(
            _table(
                "\nTargets (issue 7)",
                ["target", "measured", "met"],
                [[t["target"], t["measured"], t["met"]] for t in results["targets"]],
            )
        )
    for note in results.get("notes", []):
        parts.append(f"note: {note}")
    return "\n".join(parts)


def add_growth(results: dict) -> None:
    """RSS above the same design's empty start, baseline over coach: memory that grows with people."""
    empty = {(r["backend"], "coach"): r["coach"]["rss_mb"] for r in results["scale"] if r["people"] == 0}
    empty |= {
        (r["backend"], "baseline"): r["baseline"]["rss_mb"]
        for r in results["scale"]
        if r["people"] == 0 and r.get("baseline", {}).get("rss_mb")
    }
    for r in results["scale"]:
        base = r.get("baseline") or {}
        if not r["people"] or not base.get("rss_mb"):
            continue
        coach_growth = r["coach"]["rss_mb"] - empty.get((r["backend"], "coach"), r["coach"]["rss_mb"])
        base_growth = base["rss_mb"] - empty.get((r["backend"], "baseline"), base["rss_mb"])
        r["coach"]["rss_growth_mb"] = round(coach_growth, 1)
        base["rss_growth_mb"] = round(base_growth, 1)
        r["rss_growth_ratio"] = round(base_growth / max(coach_growth, 1.0), 1)  # 1 MB floor: noise


def targets(results: dict) -> list[dict]:
    add_growth(results)
    out = []

    def check(target: str, measured: str, met: bool) -> None:
        out.append({"target": target, "measured": measured, "met": met})

    for r in results["dispatch"]:
        check(
            f"dispatch >= 1,000 msgs/s on one core ({r['backend']}, {r['people']:,})",
            f"{_fmt(r['msgs_per_s'])} msgs/s, {_fmt(r['cpu_s_per_1000'], 3)} CPU s per 1,000",
            bool(r["complete"] and r["msgs_per_s"] and r["msgs_per_s"] >= 1000 and r["cpu_s_per_1000"] <= 1.0),
        )
    for r in results["limiter"]:
        label = f"{r['backend']}, {r['configured_per_s']:.0f}/s"
        check(
            f"achieved rate >= 95% of the limit, backlog only ({label})",
            _fmt(r["steady_fraction"], 3),
            r["steady_fraction"] >= 0.95,
        )
        if r["presses_per_s_target"]:
            check(
                f"achieved rate >= 95% of the limit, with taps ({label})",
                _fmt(r["busy_fraction"], 3),
                r["busy_fraction"] >= 0.95,
            )
            p99 = r["answer_p99_ms"]
            taps = f"{r['presses_per_s']:.0f} of {r['presses_per_s_target']:.0f} taps/s"
            check(
                f"answer p99 < 50 ms at {r['presses_per_s_target']:.0f} taps/s ({label})",
                f"{_fmt(p99)} ms at {taps}" if p99 is not None else "not all answered",
                p99 is not None and p99 < 50 and r["presses_per_s"] >= 0.95 * r["presses_per_s_target"],
            )
        wait = r["escalation_wait_max_ms"]
        check(
            f"escalation waits < 1 s behind a {r['backlog']:,} backlog ({label})",
            f"{_fmt(wait)} ms" if wait is not None else "not all sent",
            wait is not None and wait < 1000,
        )
        check(
            f"no per-chat pace violation ({label})", f"{r['per_chat']['violations']}", r["per_chat"]["violations"] == 0
        )
    for r in results["scale"]:
        if r["people"] == 100_000 and r.get("baseline", {}).get("startup_s"):
            check(
                f"start-up >= 10x less than the baseline at 100k ({r['backend']})",
                f"{_fmt(r.get('startup_s_ratio'))}x",
                (r.get("startup_s_ratio") or 0) >= 10,
            )
            measured = f"{_fmt(r.get('rss_mb_ratio'))}x total, {_fmt(r.get('rss_growth_ratio'))}x growth"
            if results.get("floor"):  # what 10x would take, against what the libraries alone take
                measured += f"; 10x needs <= {r['baseline']['rss_mb'] / 10:.1f} MB, the libraries alone take {results['floor']['rss_mb']:.1f} MB"
            check(
                f"memory (RSS) >= 10x less than the baseline at 100k ({r['backend']})",
                measured,
                (r.get("rss_mb_ratio") or 0) >= 10,
            )
    return out
