"""What the benchmark measures, one function per kind of run; each returns a plain dict."""

import asyncio
import gc
import math
import random
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

from bench import seed
from bench.harness import Watch, Worker, WorkerFailed
from tests.botapi import BotApiDouble

RED_FLAG_TEXT = "my legs just gave out and I can't feel my bum"  # an emergency: seek-care advice at once
QUIET = (
    30.0  # a run that sent nothing for this long is over, complete or not (a lost message is reported, not waited for)
)


def _config(api: BotApiDouble, url: str, mode: str = "coach", **extra) -> dict:
    return {"mode": mode, "token": api.token, "api": api.base_url, "database_url": url, **extra}


def _per_1000(cpu: float, messages: int) -> float | None:
    return round(cpu / messages * 1000, 4) if messages else None


def _percentile(values: list[float], q: float) -> float | None:
    if not values:
        return None
    ordered = sorted(values)
    index = min(len(ordered) - 1, max(0, math.ceil(q / 100 * len(ordered)) - 1))
    return ordered[index]


def _ms(seconds: float | None) -> float | None:
    """Milliseconds; None when there was nothing to measure or it never happened."""
    return None if seconds is None or math.isinf(seconds) else round(seconds * 1000, 1)


class Run:
    """One database, one double, one worker; cleaned up whatever happens.

    While the worker runs, this process (the double and the simulated people) collects no
    garbage: a full pass over what seeding left stalled the double for up to 300 ms, which the
    timings counted as the bot's.
    """

    def __init__(self, workdir: Path, backend: str, name: str):
        self.workdir, self.backend, self.name = workdir, backend, name
        self.url: str | None = None
        self.api: BotApiDouble | None = None
        self.worker: Worker | None = None

    async def __aenter__(self) -> "Run":
        self.url = await seed.fresh_database(self.backend, self.workdir)
        self.api = BotApiDouble()
        await self.api.start()
        return self

    async def start(self, config: dict) -> Worker:
        gc.collect()
        gc.freeze()
        gc.disable()
        self.worker = await Worker.start(config, self.workdir / f"{self.name}-{self.backend}.log")
        return self.worker

    async def __aexit__(self, *exc) -> None:
        try:
            if self.worker is not None:
                await self.worker.stop()
        finally:
            gc.enable()
            gc.unfreeze()
            if self.api is not None:
                await self.api.stop()
            if self.url is not None:
                await seed.drop_database(self.url)


# ---------------------------------------------------------------------------------- dispatch


async def dispatch(workdir: Path, backend: str, people: int, *, timeout: float, rate: float | None = None) -> dict:
    """N check-ins due now: how fast the coach sends them, and at what CPU cost; with the limiter
    off, or (`rate`) on at that many messages a second."""
    async with Run(workdir, backend, f"dispatch-{people}-{rate or 'off'}") as run:
        await seed.fill(run.url, seed.Population(people, due=datetime.now(UTC) - timedelta(seconds=1)))
        limits = {"limiter": True, "messages_per_second": rate} if rate else {"limiter": False}
        worker = await run.start(_config(run.api, run.url, **limits))
        serving = await worker.wait_event("serving")
        watch = Watch(run.api)
        done = await watch.until(lambda w: len(w.sent_ok) >= people, timeout=timeout, quiet=QUIET)
        # the last tick records the last messages, then ends
        last_arrival = watch.sent_ok[-1].at if watch.sent_ok else time.monotonic()
        await _tick_over(worker, after=last_arrival)
        ticks = [e for e in worker.events if e["event"] in ("tick_start", "tick_end")]
        first = next(e for e in ticks if e["event"] == "tick_start")
        ended = [e for e in ticks if e["event"] == "tick_end" and e["t"] >= last_arrival]
        end = ended[0] if ended else await worker.probe()
        result = _delivery(
            backend, people, rate, watch, done, wall=last_arrival - first["t"], before=first, after=end, serving=serving
        )
        cpu = end["cpu"] - first["cpu"]
        return result | {"cpu_share": round(cpu / (end["t"] - first["t"]), 3) if end["t"] > first["t"] else None}


def _delivery(
    backend: str,
    people: int,
    rate: float | None,
    watch: Watch,
    done: bool,
    *,
    wall: float,
    before: dict,
    after: dict,
    serving: dict,
) -> dict:
    """What a dispatch run sent, how fast and at what CPU cost (coach and baseline alike)."""
    sent = len(watch.sent_ok)
    cpu = after["cpu"] - before["cpu"]
    return {
        "backend": backend,
        "people": people,
        "limiter_per_s": rate,
        "sent": sent,
        "complete": done,
        "failed_requests": watch.failed,
        "seconds": round(wall, 3),
        "msgs_per_s": round(sent / wall, 1) if wall > 0 else None,
        "cpu_s": round(cpu, 3),
        "cpu_s_per_1000": _per_1000(cpu, sent),
        "startup_s": round(serving["startup_s"], 3),
        "peak_rss_mb": round(after["peak_mb"], 1),
    }


async def _tick_over(worker: Worker, *, after: float, timeout: float = 60.0) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if any(e["event"] == "tick_end" and e["t"] >= after for e in worker.events):
            return
        await asyncio.sleep(0.05)


# ----------------------------------------------------------------------------- limiter on


CHECKIN_FLOW = "|ci|"


def _press_choice(buttons: list[tuple[str, str]]) -> str | None:
    """What a person answering their check-in taps: "None of these", Skip, else the first answer."""
    data = [value for _, value in buttons if CHECKIN_FLOW in value]
    for wanted in ("|none", "|skip"):
        for value in data:
            if value.endswith(wanted):
                return value
    for value in data:
        if not value.endswith("|back") and not value.endswith("|done"):
            return value
    return None


class People:
    """Simulated people answering their check-ins and, now and then, reporting an emergency."""

    def __init__(self, api: BotApiDouble, watch: Watch, people: int, *, every: float):
        self.api, self.watch, self.every = api, watch, every
        self.next_new = 0  # index into watch.sent_ok: the next chat to start answering
        self.answering: list[
            tuple[float, int, int, int]
        ] = []  # (not before, chat, last pressed message id, chat's mark then)
        self.presses: list[dict] = []
        self.escalations: list[dict] = []
        self.tail = people - 1  # people at the end of the backlog, not reminded yet, report emergencies
        self.started: set[int] = set()

    def _latest_question(self, chat: int, after: int) -> tuple[dict, str] | None:
        for message in reversed(self.api.sent(chat)):
            if message["message_id"] <= after:
                return None
            choice = _press_choice(self.api.buttons(message))
            if choice:
                return message, choice
        return None

    def press_one(self, now: float) -> bool:
        """One tap: someone already answering (at a person's pace), else someone newly reminded."""
        for index, (not_before, chat, last, mark) in enumerate(self.answering[:50]):
            if not_before > now or self.api.mark(chat) <= mark + 1:  # not even the edit and the next question yet
                continue
            del self.answering[index]
            found = self._latest_question(chat, last)
            if found is None:
                return self.press_one(now)  # their check-in is over
            return self._press(chat, *found, now)
        self.watch.update()
        while self.next_new < len(self.watch.sent_ok):
            chat = self.watch.sent_ok[self.next_new].params["chat_id"]
            self.next_new += 1
            if chat in self.started:
                continue
            found = self._latest_question(chat, 0)
            if found is not None:
                return self._press(chat, *found, now)
        return False

    def _press(self, chat: int, message: dict, data: str, now: float) -> bool:
        self.started.add(chat)
        update = self.api.press(chat, message, data)
        self.presses.append(
            {"at": now, "chat": chat, "message_id": message["message_id"], "query": update["callback_query"]["id"]}
        )
        self.answering.append((now + self.every, chat, message["message_id"], self.api.mark(chat)))
        return True

    def report_emergency(self, now: float) -> None:
        chat = seed.telegram_id(self.tail)
        self.tail -= 1
        self.api.send_text(chat, RED_FLAG_TEXT)
        self.escalations.append({"at": now, "chat": chat})


async def _settled(api: BotApiDouble, crowd: People, *, timeout: float) -> None:
    deadline = time.monotonic() + timeout
    queries = {p["query"] for p in crowd.presses}
    while time.monotonic() < deadline:
        answered = {str(a.get("callback_query_id")) for a in api.answered_callbacks}
        if queries <= answered:
            return
        await asyncio.sleep(0.2)


def _latencies(calls: list, presses: list[dict], escalations: list[dict]) -> dict:
    """Press to answer, press to the edited question, emergency report to advice; a press never
    answered (or advice never sent) before the run ended counts as infinitely late."""
    answered, edited, escalated = {}, {}, {}
    by_query = {p["query"]: p for p in presses}
    by_message = {(p["chat"], p["message_id"]): p for p in presses}
    by_chat = {e["chat"]: e for e in escalations}
    for call in calls:
        method = call.method.lower()
        if method == "answercallbackquery":
            press = by_query.get(str(call.params.get("callback_query_id")))
            if press is not None and press["query"] not in answered:
                answered[press["query"]] = call.at - press["at"]
        elif method == "editmessagetext":
            press = by_message.get((call.params.get("chat_id"), call.params.get("message_id")))
            if press is not None and press["query"] not in edited and call.at >= press["at"]:
                edited[press["query"]] = call.at - press["at"]
        elif method == "sendmessage":
            report = by_chat.get(call.params.get("chat_id"))
            text = str(call.params.get("text", ""))
            if (
                report is not None
                and report["chat"] not in escalated
                and call.at >= report["at"]
                and "You told me about" in text
            ):
                escalated[report["chat"]] = call.at - report["at"]
    late = math.inf
    answer = [answered.get(p["query"], late) for p in presses]
    edit = [edited.get(p["query"], late) for p in presses]
    waits = [escalated.get(e["chat"], late) for e in escalations]
    return {
        "presses": len(presses),
        "answered": len(answered),
        "answer_p50_ms": _ms(_percentile(answer, 50)),
        "answer_p99_ms": _ms(_percentile(answer, 99)),
        "answer_max_ms": _ms(max(answer, default=None)),
        "reply_edit_p50_ms": _ms(_percentile(edit, 50)),
        "reply_edit_p99_ms": _ms(_percentile(edit, 99)),
        "escalations": len(escalations),
        "escalations_delivered": len(escalated),
        "escalation_wait_max_ms": _ms(max(waits, default=None)),
        "escalation_wait_p50_ms": _ms(_percentile(waits, 50)),
    }


def _chat_pace(calls: list, per_second: float, burst: int, jitter: float = 0.05) -> dict:
    """Messages to one chat that came sooner than the configured pace allows (GCRA, as the limiter).

    Seek-care messages may use one slot more (the limiter's urgent overdraft). Arrival times at the
    double carry a little network jitter, so only violations beyond `jitter` count.
    """
    interval = 1.0 / per_second
    tolerance = (burst - 1) * interval
    by_chat: dict[int, list] = {}
    for call in calls:
        chat = call.params.get("chat_id")
        if chat is not None:
            by_chat.setdefault(chat, []).append(call)
    worst, violations, busiest = 0.0, 0, 0
    for chat_calls in by_chat.values():
        busiest = max(busiest, len(chat_calls))
        tat = -math.inf
        for call in sorted(chat_calls, key=lambda c: c.at):
            urgent = "You told me about" in str(call.params.get("text", ""))
            allowed = tat - tolerance - (interval if urgent else 0.0)
            early = allowed - call.at
            if early > jitter:
                violations += 1
            worst = max(worst, early)
            tat = max(tat, call.at) + interval
    return {
        "chats": len(by_chat),
        "most_messages_in_one_chat": busiest,
        "violations": violations,
        "worst_early_ms": _ms(max(worst, 0.0)),
    }


async def limiter(
    workdir: Path,
    backend: str,
    people: int,
    *,
    rate: float,
    steady: float,
    busy: float,
    presses_per_s: float,
    seed_rng: int = 7,
) -> dict:
    """A backlog of N check-ins behind the limiter at `rate`: the rate achieved while only the
    backlog goes out (`steady` seconds), then `busy` seconds of people answering (`presses_per_s`
    taps) and one emergency report a second."""
    random.seed(seed_rng)
    async with Run(workdir, backend, f"limiter-{people}") as run:
        await seed.fill(run.url, seed.Population(people, due=datetime.now(UTC) - timedelta(seconds=1)))
        worker = await run.start(
            _config(run.api, run.url, limiter=True, messages_per_second=rate, per_chat_messages_per_second=1.0)
        )
        await worker.wait_event("serving")
        watch = Watch(run.api)
        await watch.until(lambda w: len(w.sent_ok) > 0, timeout=120)
        first = watch.sent_ok[0].at
        await asyncio.sleep(max(0.0, first + steady - time.monotonic()))
        watch.update()
        steady_calls = [c for c in watch.limited if first + 1.0 <= c.at < first + steady]
        steady_rate = len(steady_calls) / (steady - 1.0)
        crowd = People(run.api, watch, people, every=2.0)
        probe_before = await worker.probe()
        began = time.monotonic()
        next_press, next_report, presses_missed = began, began + 0.5, 0
        while (now := time.monotonic()) < began + busy:
            while presses_per_s and next_press <= now:
                if not crowd.press_one(now):
                    presses_missed += 1
                next_press += 1.0 / presses_per_s
            if next_report <= now:
                crowd.report_emergency(now)
                next_report += 1.0
            await asyncio.sleep(0.002)
        ended = time.monotonic()
        probe_after = await worker.probe()
        await _settled(run.api, crowd, timeout=10.0)  # late answers count with their real lateness
        watch.update()
        busy_calls = [c for c in watch.limited if began <= c.at < began + busy]
        result = {
            "backend": backend,
            "backlog": people,
            "configured_per_s": rate,
            "steady_per_s": round(steady_rate, 1),
            "steady_fraction": round(steady_rate / rate, 3),
            "busy_per_s": round(len(busy_calls) / busy, 1),
            "busy_fraction": round(len(busy_calls) / busy / rate, 3),
            "presses_per_s_target": presses_per_s,
            "presses_per_s": round(len(crowd.presses) / busy, 1),
            "presses_short": presses_missed,
            "failed_requests": watch.failed,
            "sent_total": len(watch.sent_ok),
            "seconds": round(ended - first, 1),
            "bot_cpu_share_busy": round(
                (probe_after["cpu"] - probe_before["cpu"]) / (probe_after["t"] - probe_before["t"]), 3
            ),
        }
        result |= _latencies(run.api.calls, crowd.presses, crowd.escalations)
        result["per_chat"] = _chat_pace(watch.limited, per_second=1.0, burst=3)
        return result


# ---------------------------------------------------------------------- scale and baseline


async def scale(workdir: Path, backend: str, people: int, *, baseline: bool, baseline_timeout: float) -> dict:
    """N registered people, nothing due for a day: start-up time and memory of the coach (first
    tick included) and of the baseline (every person's run_daily job created)."""
    result: dict = {"backend": backend, "people": people}
    async with Run(workdir, backend, f"scale-{people}") as run:
        began = time.monotonic()
        await seed.fill(run.url, seed.Population(people, due=datetime.now(UTC) + timedelta(days=1)))
        result["seed_s"] = round(time.monotonic() - began, 1)
        worker = await run.start(_config(run.api, run.url))
        serving = await worker.wait_event("serving", timeout=600)
        started = await worker.wait_event("tick_start", timeout=600)
        tick = await worker.wait_event("tick_end", timeout=600)
        await asyncio.sleep(0.5)
        probe = await worker.probe()
        result["coach"] = {
            "startup_s": round(serving["startup_s"], 3),
            "first_tick_s": round(tick["t"] - started["t"], 3),
            "rss_mb": round(probe["rss_mb"], 1),
            "peak_rss_mb": round(probe["peak_mb"], 1),
        }
        await worker.stop()
        run.worker = None
        if baseline:
            worker = await run.start(_config(run.api, run.url, mode="baseline"))
            try:
                serving = await worker.wait_event("serving", timeout=baseline_timeout)
            except WorkerFailed:
                result["baseline"] = {"startup_s": None, "note": f"not serving after {baseline_timeout:.0f}s; stopped"}
                worker.process.kill()
                return result
            await asyncio.sleep(0.5)
            probe = await worker.probe()
            result["baseline"] = {
                "startup_s": round(serving["startup_s"], 3),
                "rss_mb": round(probe["rss_mb"], 1),
                "peak_rss_mb": round(probe["peak_mb"], 1),
                "jobs": serving.get("jobs"),
            }
            for key in ("startup_s", "rss_mb"):
                if result["coach"][key]:
                    result[f"{key}_ratio"] = round(result["baseline"][key] / result["coach"][key], 1)
    return result


async def floor(workdir: Path) -> dict:
    """The RSS of a process that has loaded only what both designs need (the worker's "floor"
    mode): memory neither can go below on this stack, whoever is registered."""
    worker = await Worker.start({"mode": "floor"}, workdir / "floor.log")
    try:
        event = await worker.wait_event("floor")
    finally:
        await worker.stop()
    return {"rss_mb": round(event["rss_mb"], 1)}


async def baseline_dispatch(workdir: Path, people: int, *, rate: float, lead: float, timeout: float) -> dict:
    """The same N check-ins, sent by N run_daily jobs firing in the same second, through the same
    limiter at `rate` (without one, N simultaneous sends swamp the HTTP pool: requests time out)."""
    backend = "sqlite"  # the baseline's jobs never touch the database after start-up
    async with Run(workdir, backend, f"baseline-dispatch-{people}") as run:
        fire = datetime.now(UTC).replace(microsecond=0) + timedelta(seconds=math.ceil(lead))
        await seed.fill(run.url, seed.Population(people, due=fire))
        worker = await run.start(_config(run.api, run.url, mode="baseline", limiter=True, messages_per_second=rate))
        serving = await worker.wait_event("serving", timeout=lead + 60)
        fire_mono = time.monotonic() + (fire - datetime.now(UTC)).total_seconds()
        if fire_mono - time.monotonic() < 0.5:
            return {
                "backend": backend,
                "people": people,
                "note": f"start-up ({serving['startup_s']:.1f}s) ran past the jobs' time",
            }
        await asyncio.sleep(fire_mono - 0.3 - time.monotonic())
        before = await worker.probe()
        watch = Watch(run.api)
        done = await watch.until(lambda w: len(w.sent_ok) >= people, timeout=timeout, quiet=QUIET)
        last_arrival = watch.sent_ok[-1].at if watch.sent_ok else time.monotonic()
        await asyncio.sleep(0.5)
        after = await worker.probe()
        return _delivery(
            backend,
            people,
            rate,
            watch,
            done,
            wall=last_arrival - fire_mono,
            before=before,
            after=after,
            serving=serving,
        )
