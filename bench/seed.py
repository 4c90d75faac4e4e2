"""Databases for the benchmark: created fresh, migrated, and filled with people in bulk.

Everyone is onboarded, reachable, has a current (cold) episode and counts as planned two days
ahead, so the planner leaves them alone; each has one check-in row, due at `due` (now, for the
dispatch runs; tomorrow, for the scale runs). SQLite is filled with `executemany` through a
synchronous SQLAlchemy engine, PostgreSQL with COPY.
"""

import asyncio
import json
import os
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime, time, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import asyncpg
from sqlalchemy import create_engine, insert
from sqlalchemy.engine import make_url

from storage.database import Database
from storage.models import Episode, Person, Reminder

POSTGRES_URL = os.environ.get("COACH_BENCH_POSTGRES_URL", "postgresql+asyncpg://postgres@127.0.0.1:5432/test")
ZONE = "Europe/London"
FIRST_TELEGRAM_ID = 10_000_000  # people's Telegram ids (and private chat ids) are this + 0, 1, 2, ...
CHUNK = 20_000


@dataclass(frozen=True)
class Population:
    """Who is in the database and when their check-ins are due."""

    people: int
    due: datetime  # every check-in row's due time (UTC)
    checkin_time: time | None = None  # their local daily time (the baseline schedules by it); default: due's


def telegram_id(index: int) -> int:
    return FIRST_TELEGRAM_ID + index


def _dsn(url: str) -> str:
    return make_url(url).set(drivername="postgresql").render_as_string(hide_password=False)


async def postgres_reachable() -> str | None:
    """None if PostgreSQL answers, else why not."""
    try:
        connection = await asyncpg.connect(_dsn(POSTGRES_URL), timeout=5)
    except (OSError, asyncpg.PostgresError) as error:
        return f"{type(error).__name__}: {error}"
    await connection.close()
    return None


async def fresh_database(kind: str, workdir: Path) -> str:
    """An empty, migrated database: an SQLite file under `workdir`, or a new bench_* PostgreSQL database."""
    if kind == "sqlite":
        path = workdir / f"bench_{uuid.uuid4().hex[:8]}.db"
        url = f"sqlite:///{path}"
    else:
        name = f"bench_{uuid.uuid4().hex[:12]}"
        admin = await asyncpg.connect(_dsn(POSTGRES_URL), timeout=5)
        try:
            await admin.execute(f'CREATE DATABASE "{name}"')
        finally:
            await admin.close()
        url = make_url(POSTGRES_URL).set(database=name).render_as_string(hide_password=False)
    database = Database(url)
    try:
        await database.migrate()
    finally:
        await database.close()
    return url


async def drop_database(url: str) -> None:
    """Remove a database made by `fresh_database`."""
    parsed = make_url(url)
    if parsed.get_backend_name() == "sqlite":
        for suffix in ("", "-wal", "-shm"):
            Path(parsed.database + suffix).unlink(missing_ok=True)
        return
    if not (parsed.database or "").startswith("bench_"):
        raise ValueError("only bench_* databases are dropped")
    admin = await asyncpg.connect(_dsn(POSTGRES_URL), timeout=5)
    try:
        await admin.execute(f'DROP DATABASE IF EXISTS "{parsed.database}" WITH (FORCE)')
    finally:
        await admin.close()


def _rows(population: Population, start: int, stop: int) -> tuple[list[dict], list[dict], list[dict]]:
    zone = ZoneInfo(ZONE)
    due = population.due
    local = due.astimezone(zone)
    checkin_time = population.checkin_time or local.time().replace(microsecond=0)
    joined = due - timedelta(days=1)
    planned_until = max(due, datetime.now(UTC)) + timedelta(days=2)
    people, episodes, reminders = [], [], []
    for index in range(start, stop):
        pid = index + 1
        tid = telegram_id(index)
        people.append(
            dict(
                id=pid,
                telegram_user_id=tid,
                chat_id=tid,
                created_at=joined,
                consented_at=joined,
                timezone=ZONE,
                checkin_time=checkin_time,
                wake_start=time(0),
                wake_end=time(23, 59),
                onboarded_at=joined,
                paused_at=None,
                blocked_at=None,
                care_hold_since=None,
                reminders_off=[],
                stretch_times="11:00,17:00",
                planned_until=planned_until,
            )
        )
        episodes.append(
            dict(
                id=pid,
                person_id=pid,
                onset_at=due - timedelta(hours=6),
                cause="unsure",
                chronic=False,
                announced_phase="cold",
                created_at=joined,
            )
        )
        reminders.append(
            dict(
                id=pid,
                person_id=pid,
                kind="checkin",
                local_key=local.date().isoformat(),
                due_at=due,
                available_at=due,
                status="pending",
                attempts=0,
            )
        )
    return people, episodes, reminders


def _chunks(total: int) -> Iterator[tuple[int, int]]:
    for start in range(0, total, CHUNK):
        yield start, min(start + CHUNK, total)


def _fill_sqlite(url: str, population: Population) -> None:
    engine = create_engine(make_url(url).set(drivername="sqlite"))
    try:
        with engine.begin() as connection:
            for start, stop in _chunks(population.people):
                people, episodes, reminders = _rows(population, start, stop)
                connection.execute(insert(Person.__table__), people)
                connection.execute(insert(Episode.__table__), episodes)
                connection.execute(insert(Reminder.__table__), reminders)
        with engine.connect() as connection:
            connection.exec_driver_sql("ANALYZE")
    finally:
        engine.dispose()


async def _fill_postgres(url: str, population: Population) -> None:
    connection = await asyncpg.connect(_dsn(url), timeout=10)
    try:
        for start, stop in _chunks(population.people):
            for table, rows in zip(("person", "episode", "reminder"), _rows(population, start, stop), strict=True):
                columns = list(rows[0])
                records = [tuple(json.dumps(v) if isinstance(v, list) else v for v in row.values()) for row in rows]
                await connection.copy_records_to_table(table, records=records, columns=columns)
        for table in ("person", "episode", "reminder"):
            await connection.execute(
                f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), (SELECT coalesce(max(id), 1) FROM {table}))"
            )
        await connection.execute("ANALYZE")
    finally:
        await connection.close()


async def fill(url: str, population: Population) -> None:
    """Write the population into a migrated, empty database."""
    if make_url(url).get_backend_name() == "sqlite":
        await asyncio.to_thread(_fill_sqlite, url, population)
    else:
        await _fill_postgres(url, population)
