"""The bot under test, alone in its own process, so that its CPU and memory are its own.

`python -m bench.worker '<json config>'` runs either the coach as it ships (`build_application`
and `running`, the database as the schedule) or the tutorial baseline (the same application, but
one JobQueue `run_daily` job per person, created at start-up). It talks to the Bot API double the
orchestrator runs, and reports on stdout, one JSON object per line:

  {"event": "serving", ...}        build + start until long polling runs: start-up seconds, RSS
  {"event": "tick_start"/"tick_end", ...}   each scheduler tick (coach only)
  {"event": "probe", ...}          CPU seconds and RSS now, when "probe" is written to stdin
  {"event": "stopped", ...}        after "stop" on stdin: the application has shut down
  {"event": "floor", ...}          (mode "floor") RSS with only the libraries both designs need loaded

Times are `time.monotonic()` (one clock for every process on the machine), CPU is
`time.process_time()` (every thread of this process).
"""

import asyncio
import functools
import json
import logging
import sys
import threading
import time
from datetime import UTC, datetime
from datetime import time as clock_time
from zoneinfo import ZoneInfo

_out = threading.Lock()


def rss_mb() -> tuple[float, float]:
    """(resident now, peak) in MiB, from /proc (Linux)."""
    fields = {}
    with open("/proc/self/status") as status:
        for line in status:
            key, _, value = line.partition(":")
            if key in ("VmRSS", "VmHWM"):
                fields[key] = int(value.split()[0]) / 1024
    return fields.get("VmRSS", 0.0), fields.get("VmHWM", 0.0)


def emit(event: str, **fields) -> None:
    rss, peak = rss_mb()
    line = json.dumps(
        {"event": event, "t": time.monotonic(), "cpu": time.process_time(), "rss_mb": rss, "peak_mb": peak, **fields}
    )
    with _out:
        sys.stdout.write(line + "\n")
        sys.stdout.flush()


def _control(loop: asyncio.AbstractEventLoop, stop: asyncio.Event) -> None:
    """Reads commands from stdin on a thread of its own (it sleeps in readline, costing nothing)."""
    for line in sys.stdin:
        command = line.strip()
        if command == "probe":
            emit("probe")
        elif command == "stop":
            break
    loop.call_soon_threadsafe(stop.set)


def _settings(config: dict):
    from flows.config import Settings

    return Settings(
        _env_file=None,
        telegram_bot_token=config["token"],
        telegram_api_base_url=config["api"],
        database_url=config["database_url"],
        tick_seconds=config.get("tick_seconds", 20.0),
        messages_per_second=config.get("messages_per_second", 30.0),
        per_chat_messages_per_second=config.get("per_chat_messages_per_second", 1.0),
        log_level="INFO",
    )


async def _coach(config: dict, stop: asyncio.Event) -> None:
    from flows import app as app_module

    original_tick = app_module.tick

    async def tick(context) -> None:  # instrumentation only: the tick itself is untouched
        emit("tick_start")
        try:
            await original_tick(context)
        finally:
            emit("tick_end")

    app_module.tick = tick
    began = time.perf_counter()
    application = app_module.build_application(_settings(config))
    async with app_module.running(application, poll_timeout=10):
        emit("serving", startup_s=time.perf_counter() - began)
        await stop.wait()
    emit("stopped")


# ------------------------------------------------------------------------------------ baseline


async def _remind(context) -> None:
    """The tutorial's job: send the check-in question to the chat stored in the job."""
    from coach import checkin as questions
    from coach import wording
    from flows.keyboards import question_keyboard
    from flows.rate_limit import BULK

    text = f"{wording.CHECKIN_INTRO}\n\n{questions.PAIN.prompt}"
    keyboard = question_keyboard(questions.PAIN, "ci", context.job.data, back=False)
    await context.bot.send_message(context.job.chat_id, text, reply_markup=keyboard, rate_limit_args=BULK)


async def _baseline(config: dict, stop: asyncio.Event) -> None:
    """One run_daily job per person, created at start-up from every person in the database."""
    from sqlmodel import col, select

    from flows.app import TICK, build_application, running
    from storage.models import Person

    began = time.perf_counter()
    application = build_application(_settings(config))
    for job in application.job_queue.get_jobs_by_name(TICK):
        job.schedule_removal()  # the baseline has no ticks: the jobs are the schedule
    db = application.bot_data["services"].db
    zones: dict[str, ZoneInfo] = {}
    async with db.unit() as uow:
        result = await uow.session.execute(
            select(Person.id, Person.chat_id, Person.timezone, Person.checkin_time).where(
                col(Person.onboarded_at).is_not(None), col(Person.paused_at).is_(None), col(Person.blocked_at).is_(None)
            )
        )
        for person_id, chat_id, zone, at in result.all():
            tz = zones.get(zone) or zones.setdefault(zone, ZoneInfo(zone))
            application.job_queue.run_daily(
                _remind,
                time=clock_time(at.hour, at.minute, at.second, tzinfo=tz),
                chat_id=chat_id,
                name=f"checkin-{person_id}",
                data=person_id,
                # A tutorial reader whose reminders went missing under load adds this: APScheduler
                # otherwise skips a job that starts over a second late.
                job_kwargs={"misfire_grace_time": None},
            )
    async with running(application, poll_timeout=10):
        jobs = application.job_queue.jobs()
        first = min((job.next_t for job in jobs if job.next_t is not None), default=None)
        emit(
            "serving",
            startup_s=time.perf_counter() - began,
            jobs=len(jobs),
            first_due=first.isoformat() if first else None,
        )
        await stop.wait()
    emit("stopped")


def _limiter_off() -> None:
    """The throughput runs measure the code, not Telegram's pace: the limiter passes everything."""
    from flows import app as app_module
    from flows.rate_limit import PriorityRateLimiter

    app_module.PriorityRateLimiter = functools.partial(PriorityRateLimiter, enabled=False)


async def _main(config: dict) -> None:
    from flows import logs

    logs.configure("INFO", config["token"])
    logging.getLogger("apscheduler").setLevel(logging.ERROR)  # the baseline's "missed"/"max instances" noise
    if not config.get("limiter", True):
        _limiter_off()
    stop = asyncio.Event()
    threading.Thread(target=_control, args=(asyncio.get_running_loop(), stop), daemon=True).start()
    if config["mode"] == "baseline":
        await _baseline(config, stop)
    else:
        await _coach(config, stop)


def _floor() -> None:
    """What both designs load before a line of their own: Python with asyncio and sqlite3,
    python-telegram-bot with its job queue (APScheduler) and HTTP client, SQLModel with async SQLAlchemy."""
    import sqlite3  # noqa: F401

    import apscheduler.schedulers.asyncio  # noqa: F401
    import sqlalchemy.ext.asyncio  # noqa: F401
    import sqlmodel  # noqa: F401
    import telegram.ext  # noqa: F401

    emit("floor")


def main() -> None:
    config = json.loads(sys.argv[1])
    emit("process", started_at=datetime.now(UTC).isoformat())
    if config["mode"] == "floor":
        _floor()
    else:
        asyncio.run(_main(config))


if __name__ == "__main__":
    main()
