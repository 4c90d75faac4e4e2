"""End-to-end fixtures: the real Application, over HTTP, against the Bot API double."""

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from datetime import UTC, datetime

import pytest
from sqlalchemy import func, select

from flows.app import TICK, build_application, running
from flows.config import Settings
from storage.database import Database
from storage.models import Reminder
from tests.botapi import BotApiDouble
from tests.e2e.people import Clock, Person

START = datetime(2026, 3, 2, 7, 0, tzinfo=UTC)  # a Monday, 07:00 in London


@pytest.fixture
async def api() -> AsyncIterator[BotApiDouble]:
    async with BotApiDouble() as double:
        yield double


@pytest.fixture
def clock() -> Clock:
    return Clock(START)


@pytest.fixture
def start_bot(api, clock, database_url):
    """Start the bot (again): `async with start_bot(**settings): ...`; the database outlives each run.

    Journeys tap faster than people, so the per-chat pace is raised unless a test sets it; the
    rate limiter has its own tests.
    """

    @asynccontextmanager
    async def start(**overrides):
        settings = Settings(
            _env_file=None,
            telegram_bot_token=api.token,
            telegram_api_base_url=api.base_url,
            database_url=database_url,
            **({"tick_seconds": 0.1, "per_chat_messages_per_second": 50} | overrides),
        )
        async with running(build_application(settings, clock=clock.now), poll_timeout=1) as application:
            yield application

    return start


@pytest.fixture
async def bot(start_bot):
    async with start_bot() as application:
        yield application


@pytest.fixture
def alex(api) -> Person:
    return Person(api, 1001, "Alex")


async def onboard(
    person: Person, onset: str = "last 24 hours", cause: str = "Strain", zone: str = "London", at: str = "09:00"
) -> None:
    """Walk a new person through consent and set-up."""
    await person.send("/start")
    await person.answer("store your answers", "I agree")
    await person.answer("When did the warmth", onset)
    await person.answer("What do you link it to", cause)
    await person.answer("Which time zone", zone)
    await person.answer("daily check-in", at)
    await person.answer("usually awake", "usual")
    await person.expect("All set")
    await person.expect("Your plan for day")
    await person.expect("A short, optional questionnaire")  # offered; journeys that want it tap Yes


async def run_tick(application) -> None:
    """Let the scheduler catch up with the clock now, instead of waiting for its next pass."""
    [job] = application.job_queue.get_jobs_by_name(TICK)
    await job.run(application)


async def next_due(database_url: str) -> datetime | None:
    """When the next pending reminder falls due."""
    database = Database(database_url)
    try:
        async with database.unit() as uow:
            return (
                await uow.session.execute(select(func.min(Reminder.available_at)).where(Reminder.status == "pending"))
            ).scalar()
    finally:
        await database.close()


async def step_until(
    application, clock: Clock, database_url: str, end: datetime, *people: Person
) -> dict[int, list[tuple[datetime, dict]]]:
    """Step the clock from one due reminder to the next until `end`, a tick at each; for each
    person, the messages that arrived (or were edited), with when."""
    seen = {(p.id, m["message_id"]) for p in people for m in p.api.sent(p.id)}
    arrived: dict[int, list[tuple[datetime, dict]]] = {p.id: [] for p in people}
    while True:
        await run_tick(application)  # plans ahead, and sends what is due now
        for person in people:
            for message in person.api.sent(person.id):
                if (person.id, message["message_id"]) not in seen:
                    seen.add((person.id, message["message_id"]))
                    arrived[person.id].append((clock.now(), message))
        due = await next_due(database_url)
        if due is None or due >= end:
            break
        clock.set(max(due, clock.now()))
    clock.set(end)
    return arrived


async def live_until(
    application, clock: Clock, person: Person, database_url: str, end: datetime
) -> list[tuple[datetime, str]]:
    """`step_until` for one person: what arrived, as (when, text)."""
    arrived = await step_until(application, clock, database_url, end, person)
    return [(moment, message.get("text") or message.get("caption") or "") for moment, message in arrived[person.id]]
