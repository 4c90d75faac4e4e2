"""Helpers for scheduler tests: people and reminder rows written straight into the database,
and what each chat received, read back from the Bot API double."""

import asyncio
import inspect
from collections import Counter
from collections.abc import Awaitable, Callable, Iterable, Mapping, Sequence
from datetime import datetime, time, timedelta

from sqlmodel import col, select

from flows import reminders
from storage.database import Database
from storage.models import Episode, Person, Reminder
from tests.botapi import BotApiDouble

WATER = "water"


async def migrate(database_url: str) -> None:
    database = Database(database_url)
    try:
        await database.migrate()
    finally:
        await database.close()


async def add_people(
    database_url: str,
    telegram_ids: Iterable[int],
    *,
    now: datetime,
    zone: str = "Europe/London",
    waking: tuple[time, time] = (time(8), time(22)),
    planner: bool = False,
) -> dict[int, int]:
    """Onboarded, consenting people with a current (cold) episode; returns telegram id -> person id.

    Unless `planner`, they count as planned two days ahead, so the planner leaves them alone and
    their only reminders are the rows a test writes; with it, the planner writes their schedule.
    """
    ids = list(telegram_ids)
    until = None if planner else now + timedelta(days=2)
    database = Database(database_url)
    try:
        async with database.unit() as uow:
            people = [
                Person(
                    telegram_user_id=tid,
                    chat_id=tid,
                    created_at=now - timedelta(days=1),
                    consented_at=now - timedelta(days=1),
                    onboarded_at=now - timedelta(days=1),
                    timezone=zone,
                    checkin_time=time(9),
                    wake_start=waking[0],
                    wake_end=waking[1],
                    planned_until=until,
                )
                for tid in ids
            ]
            uow.session.add_all(people)
            await uow.session.flush()
            uow.session.add_all(
                Episode(person_id=person.id, onset_at=now - timedelta(hours=6), created_at=now - timedelta(days=1))
                for person in people
            )
            return {person.telegram_user_id: person.id for person in people}
    finally:
        await database.close()


async def plan_rows(database_url: str, slots: Mapping[int, Sequence[tuple[str, str, datetime]]]) -> None:
    """Write (kind, local_key, due_at) reminder rows per person id through the repository."""
    database = Database(database_url)
    try:
        async with database.unit() as uow:
            for person_id, rows in slots.items():
                await uow.reminders.plan(person_id, rows)
    finally:
        await database.close()


async def add_rows_in_bulk(database_url: str, person_ids: Iterable[int], kind: str, key: str, due_at: datetime) -> None:
    """One pending reminder per person, inserted in one go."""
    database = Database(database_url)
    try:
        async with database.unit() as uow:
            uow.session.add_all(
                Reminder(person_id=pid, kind=kind, local_key=key, due_at=due_at, available_at=due_at)
                for pid in person_ids
            )
    finally:
        await database.close()


async def rows_by_person(database_url: str) -> dict[int, list[Reminder]]:
    """Every reminder row, by the person's telegram id, oldest due first."""
    database = Database(database_url)
    try:
        async with database.unit() as uow:
            result = await uow.session.execute(
                select(Person.telegram_user_id, Reminder)
                .join(Reminder, col(Reminder.person_id) == Person.id)
                .order_by(col(Reminder.due_at), col(Reminder.id))
            )
            rows: dict[int, list[Reminder]] = {}
            for telegram_id, row in result.all():
                rows.setdefault(telegram_id, []).append(row)
            return rows
    finally:
        await database.close()


async def people_by_telegram_id(database_url: str, telegram_ids: Iterable[int]) -> dict[int, Person]:
    database = Database(database_url)
    try:
        async with database.unit() as uow:
            result = await uow.session.execute(
                select(Person).where(col(Person.telegram_user_id).in_(list(telegram_ids)))
            )
            return {person.telegram_user_id: person for person in result.scalars()}
    finally:
        await database.close()


def statuses(rows: Mapping[int, list[Reminder]]) -> Counter:
    return Counter(row.status for person_rows in rows.values() for row in person_rows)


def reminder_messages(api: BotApiDouble, chat_id: int) -> list[dict]:
    """The reminder messages (the ones with Done / Snooze buttons) the chat received."""
    prefix = f"|{reminders.FLOW}|"
    return [message for message in api.sent(chat_id) if any(prefix in data for _, data in api.buttons(message))]


def send_attempts(api: BotApiDouble, chat_id: int) -> list[int]:
    """The HTTP status of every sendMessage the bot made to a chat, in order (499: connection dropped)."""
    return [call.status for call in api.calls_to("sendMessage") if call.params.get("chat_id") == chat_id]


async def eventually(
    condition: Callable[[], object | Awaitable[object]], *, timeout: float = 20.0, step: float = 0.05, what: str = ""
) -> object:
    """Polls a condition (plain or async) until it is truthy; fails after `timeout` seconds."""
    loop = asyncio.get_running_loop()
    deadline = loop.time() + timeout
    while True:
        result = condition()
        if inspect.isawaitable(result):
            result = await result
        if result:
            return result
        if loop.time() > deadline:
            raise AssertionError(f"not within {timeout}s: {what or condition}")
        await asyncio.sleep(step)
