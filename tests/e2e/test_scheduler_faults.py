"""Fault tests of the reminder scheduler, on SQLite and on real PostgreSQL.

What a person or an operator would notice: the reminder messages each chat received from the
Bot API double, and each reminder row's status and reason in the database.
"""

import asyncio
import logging
import os
import sys
import time as time_module
from collections import Counter
from contextlib import asynccontextmanager
from datetime import UTC, datetime, time, timedelta

import asyncpg
from sqlalchemy import text

from coach.reminders import STILL_USEFUL, Kind
from flows.app import build_application
from flows.config import Settings
from flows.context import CoachContext
from flows.reminders import LEASE, dispatch
from storage.database import Database
from tests.conftest import _dsn, terminate_every_connection
from tests.e2e.conftest import run_tick
from tests.e2e.scheduling import (
    WATER,
    add_people,
    add_rows_in_bulk,
    eventually,
    migrate,
    people_by_telegram_id,
    plan_rows,
    reminder_messages,
    rows_by_person,
    send_attempts,
    statuses,
)

COACH = [sys.executable, "-m", "coach"]


def _waking_around(moment: datetime) -> tuple[time, time]:
    """Waking hours (in UTC) from three hours before to three hours after a moment."""
    start, end = moment - timedelta(hours=3), moment + timedelta(hours=3)
    return time(start.hour, start.minute), time(end.hour, end.minute)


# ------------------------------------------------------------------------------ killed mid-dispatch


async def test_a_dispatcher_killed_mid_batch_loses_nothing_and_repeats_only_its_unsettled_rows(
    api, clock, start_bot, database_url, tmp_path
):
    now = datetime.now(UTC)
    chats = list(range(50_001, 50_061))  # 60 people
    await migrate(database_url)
    people = await add_people(database_url, chats, now=now, zone="UTC", waking=_waking_around(now))
    await plan_rows(database_url, {pid: [(WATER, "fault-1", now)] for pid in people.values()})

    api.delay("sendMessage", 0.2, times=len(chats))  # Telegram is slow today: messages trickle out
    env = os.environ | {
        "TELEGRAM_BOT_TOKEN": api.token,
        "TELEGRAM_API_BASE_URL": api.base_url,
        "DATABASE_URL": database_url,
        "TICK_SECONDS": "0.2",
        "MESSAGES_PER_SECOND": "30",
        "PER_CHAT_MESSAGES_PER_SECOND": "50",
        "LOG_LEVEL": "INFO",
    }
    process = await asyncio.create_subprocess_exec(
        *COACH, "run", env=env, cwd=tmp_path, stderr=asyncio.subprocess.DEVNULL
    )
    try:
        delivered = lambda: sum(len(reminder_messages(api, chat)) for chat in chats)  # noqa: E731
        await eventually(lambda: delivered() >= 20, timeout=60, step=0.01, what="20 reminders out")
    finally:
        process.kill()  # SIGKILL: no clean-up of any kind
        await process.wait()
    await api.idle(quiet=0.2)
    before = {chat: len(reminder_messages(api, chat)) for chat in chats}
    rows = await rows_by_person(database_url)
    unsettled = {chat for chat, person_rows in rows.items() if person_rows[0].status == "sending"}
    recorded = {chat for chat, person_rows in rows.items() if person_rows[0].status == "sent"}
    delivered_before = {chat for chat, count in before.items() if count}
    print(
        f"\nkilled after {len(delivered_before)} of {len(chats)} reminders; {len(recorded)} recorded, {len(unsettled)} unsettled"
    )
    assert 0 < len(delivered_before) < len(chats), "the kill should land mid-batch"
    assert recorded <= delivered_before, "a row was recorded as sent that never went out"
    assert set(statuses(rows)) <= {"pending", "sending", "sent"}  # nothing dropped

    # A second dispatcher, once the dead one's lease has run out.
    clock.set(now + LEASE + timedelta(minutes=1))
    async with start_bot(messages_per_second=1000):
        await eventually(lambda: _all_settled(database_url), what="every row settled")
        await api.idle(quiet=0.3)

    after = {chat: len(reminder_messages(api, chat)) for chat in chats}
    assert all(count >= 1 for count in after.values()), "a reminder was lost"
    repeated = {chat for chat, count in after.items() if count > 1}
    assert max(after.values()) <= 2
    assert repeated <= unsettled  # at most the rows in flight (claimed, not yet recorded) repeat
    assert repeated == delivered_before - recorded  # exactly the ones out but not yet recorded at the kill
    rows = await rows_by_person(database_url)
    assert statuses(rows) == Counter(sent=len(chats))
    for chat, [row] in rows.items():  # the row points at the message the person sees last
        assert row.message_id == reminder_messages(api, chat)[-1]["message_id"]


async def _all_settled(database_url: str) -> bool:
    counts = statuses(await rows_by_person(database_url))
    return counts["pending"] == counts["sending"] == 0


# ------------------------------------------------------------------ two dispatchers, thousands due

NOON = datetime(2026, 3, 2, 12, 0, tzinfo=UTC)  # a Monday; noon in London, everyone awake


async def test_two_dispatchers_on_one_database_send_thousands_of_due_reminders_exactly_once(api, clock, database_url):
    chats = list(range(100_001, 102_001))  # 2,000 people, one water reminder each, all due now
    await migrate(database_url)
    people = await add_people(database_url, chats, now=NOON)
    await add_rows_in_bulk(database_url, people.values(), WATER, "fault-2", NOON)
    clock.set(NOON)
    settings = Settings(
        _env_file=None,
        telegram_bot_token=api.token,
        telegram_api_base_url=api.base_url,
        database_url=database_url,
        messages_per_second=10_000,
        per_chat_messages_per_second=50,
    )
    first, second = build_application(settings, clock=clock.now), build_application(settings, clock=clock.now)
    sent = [0, 0]
    try:
        async with first, second:
            contexts = [CoachContext(first), CoachContext(second)]
            while True:  # each pass: both instances dispatch at the same time, as their ticks would
                rounds = await asyncio.gather(*(dispatch(context, budget_seconds=60) for context in contexts))
                sent = [total + now_sent for total, now_sent in zip(sent, rounds, strict=True)]
                if not any(rounds):
                    break
    finally:
        for application in (first, second):
            await application.bot_data["services"].db.close()

    print(f"\nsent by each instance: {sent}")
    received = Counter(len(reminder_messages(api, chat)) for chat in chats)
    assert received == Counter({1: len(chats)}), "each chat gets exactly one message"
    assert sum(sent) == len(chats)
    if database_url.startswith("postgresql"):
        assert min(sent) > 0, "with SKIP LOCKED both instances share the work"
    rows = await rows_by_person(database_url)
    assert statuses(rows) == Counter(sent=len(chats))
    assert all(row.attempts == 1 and row.message_id is not None for [row] in rows.values())


# ------------------------------------------------------------------------------- 429s, 403s, network


async def test_reminders_that_fell_due_while_the_bot_was_down_go_out_as_it_starts(api, clock, start_bot, database_url):
    """The scheduler's own first tick is one interval after start-up: here an hour away."""
    chats = [3501, 3502]
    await migrate(database_url)
    people = await add_people(database_url, chats, now=NOON)
    await plan_rows(database_url, {pid: [(WATER, "r0", NOON - timedelta(minutes=5))] for pid in people.values()})
    clock.set(NOON)
    async with start_bot(tick_seconds=3600):
        for chat in chats:
            await api.wait_for(chat, "glass of water", timeout=10)


async def test_a_429_burst_defers_only_the_refused_reminders_until_telegram_allows(api, clock, start_bot, database_url):
    calm = list(range(3001, 3017))  # 16 people Telegram takes messages for
    refused = {3101: 1, 3102: 2, 3103: 3, 3104: 1}  # 4 people whose message gets 429 retry_after=N
    await migrate(database_url)
    people = await add_people(database_url, [*refused, *calm], now=NOON)  # the refused ones go first
    await plan_rows(database_url, {pid: [(WATER, "fault-3", NOON)] for pid in people.values()})
    for chat, seconds in refused.items():
        api.fail_next(
            "sendMessage",
            status=429,
            description=f"Too Many Requests: retry after {seconds}",
            retry_after=seconds,
            chat_id=chat,
        )
    clock.set(NOON)
    loop = asyncio.get_running_loop()
    began = loop.time()
    async with start_bot(messages_per_second=1000) as application:
        for chat in calm:
            await api.wait_for(chat, "glass of water", timeout=10)
        calm_delay = loop.time() - began
        await eventually(lambda: _rows_in(database_url, refused, "pending"), what="refused rows back to pending")
        rows = await rows_by_person(database_url)
        for chat, seconds in refused.items():  # deferred by retry_after (+1 s), by the bot's clock
            [row] = rows[chat]
            assert row.available_at == NOON + timedelta(seconds=seconds + 1), chat
            assert reminder_messages(api, chat) == []

        clock.set(NOON + timedelta(seconds=1.5))
        await run_tick(application)
        assert all(reminder_messages(api, chat) == [] for chat in refused), "sent before Telegram's retry time"
        clock.set(NOON + timedelta(seconds=2))
        for chat in (3101, 3104):
            await api.wait_for(chat, "glass of water", timeout=10)
        await run_tick(application)
        assert reminder_messages(api, 3102) == reminder_messages(api, 3103) == []
        clock.set(NOON + timedelta(seconds=4))
        for chat in (3102, 3103):
            await api.wait_for(chat, "glass of water", timeout=10)
        await eventually(lambda: _all_settled(database_url), what="every row settled")

    print(f"\nthe others waited {calm_delay:.2f}s in real time (bot-wide pause after 429s from 4 chats)")
    assert calm_delay < max(refused.values()) + 2, "the others waited longer than Telegram asked"
    assert all(len(reminder_messages(api, chat)) == 1 for chat in [*calm, *refused])
    assert statuses(await rows_by_person(database_url)) == Counter(sent=len(people))


async def _rows_in(database_url: str, chats, status: str, key: str | None = None) -> bool:
    """Whether the chats' rows (those with that local key, if given) all have that status."""
    rows = await rows_by_person(database_url)
    return all(row.status == status for chat in chats for row in rows[chat] if key in (None, row.local_key))


async def test_one_chat_s_429_delays_nobody_else(api, clock, start_bot, database_url):
    await migrate(database_url)
    people = await add_people(database_url, range(3201, 3211), now=NOON)
    await plan_rows(database_url, {pid: [(WATER, "fault-3", NOON)] for pid in people.values()})
    api.fail_next(
        "sendMessage", status=429, description="Too Many Requests: retry after 3", retry_after=3, chat_id=3201
    )
    clock.set(NOON)
    async with start_bot(messages_per_second=1000) as application:
        loop = asyncio.get_running_loop()
        await api.wait_for(3202, "glass of water", timeout=10)
        began = loop.time()
        for chat in range(3203, 3211):
            await api.wait_for(chat, "glass of water", timeout=10)
        assert loop.time() - began < 1.0
        await eventually(lambda: _rows_in(database_url, [3201], "pending"), what="the refused row back to pending")
        clock.set(NOON + timedelta(seconds=4))
        await run_tick(application)
        await api.wait_for(3201, "glass of water", timeout=10)
    assert all(len(reminder_messages(api, chat)) == 1 for chat in range(3201, 3211))


async def test_a_person_who_blocked_the_bot_is_marked_and_gets_nothing_until_they_write_again(
    api, clock, start_bot, database_url
):
    blocker, others = 3301, [3302, 3303]
    await migrate(database_url)
    people = await add_people(database_url, [blocker, *others], now=NOON)
    later = NOON + timedelta(minutes=30)
    await plan_rows(database_url, {pid: [(WATER, "a", NOON), (WATER, "b", later)] for pid in people.values()})
    clock.set(NOON - timedelta(minutes=1))
    async with start_bot(messages_per_second=1000) as application:
        api.block(blocker)  # Telegram tells the bot (my_chat_member), and refuses messages with 403
        await api.idle(quiet=0.3)
        clock.set(NOON)
        for chat in others:
            await api.wait_for(chat, "glass of water", timeout=10)
        await eventually(lambda: _rows_in(database_url, others, "sent", key="a"), what="the others' rows sent")
        await eventually(lambda: _blocked(database_url, blocker), what="the blocker marked")
        [person] = (await people_by_telegram_id(database_url, [blocker])).values()
        assert person.blocked_at == NOON - timedelta(minutes=1)  # when Telegram's notice came
        first, second = (await rows_by_person(database_url))[blocker]
        assert (first.status, first.reason) == ("dropped", "blocked")
        assert second.status == "pending"
        assert send_attempts(api, blocker) == []  # known to be blocked: not even tried

        clock.set(later)  # their next reminder comes due while they still block the bot
        await run_tick(application)
        for chat in others:
            await api.wait_for(chat, "glass of water", since=1, timeout=10)
        await eventually(
            lambda: _rows_in(database_url, [blocker], "dropped", key="b"), what="the blocker's later row dropped"
        )
        _, second = (await rows_by_person(database_url))[blocker]
        assert second.reason == "blocked"
        assert send_attempts(api, blocker) == [], "nothing is even tried while they block the bot"

        api.unblock(blocker)
        api.send_text(blocker, "hi again")  # they come back and write
        await api.idle(quiet=0.3)
        await run_tick(application)  # their reminders resume: the schedule is planned again
        await eventually(lambda: reminder_messages(api, blocker), what="a reminder for the one who came back")
        [person] = (await people_by_telegram_id(database_url, [blocker])).values()
        assert person.blocked_at is None
        rows = (await rows_by_person(database_url))[blocker]
        assert any(row.status == "pending" and row.due_at > later for row in rows), (
            "their future reminders are planned again"
        )
    assert [len(reminder_messages(api, chat)) for chat in others] == [2, 2]


async def test_network_faults_are_retried_with_backoff_and_not_lost(api, clock, start_bot, database_url):
    gateway, reset, calm = 3401, 3402, 3403
    await migrate(database_url)
    people = await add_people(database_url, [gateway, reset, calm], now=NOON)
    await plan_rows(database_url, {pid: [(WATER, "fault-4", NOON)] for pid in people.values()})
    api.fail_next("sendMessage", status=502, description="Bad Gateway", times=2, chat_id=gateway)
    api.drop_next("sendMessage", chat_id=reset)  # the connection dies without an answer
    clock.set(NOON)
    async with start_bot(messages_per_second=1000) as application:
        await api.wait_for(calm, "glass of water", timeout=10)
        await eventually(
            lambda: _rows_in(database_url, [gateway, reset], "pending"), what="faulted rows back to pending"
        )
        rows = await rows_by_person(database_url)
        assert [rows[chat][0].available_at for chat in (gateway, reset)] == [NOON + timedelta(seconds=30)] * 2

        clock.set(NOON + timedelta(seconds=29))
        await run_tick(application)
        assert send_attempts(api, gateway) == [502] and send_attempts(api, reset) == [499]
        clock.set(NOON + timedelta(seconds=30))
        await api.wait_for(reset, "glass of water", timeout=10)
        await eventually(lambda: _rows_in(database_url, [reset], "sent"), what="the reset one sent")
        await eventually(lambda: _rows_in(database_url, [gateway], "pending"), what="the gateway one deferred again")
        [row] = (await rows_by_person(database_url))[gateway]
        assert row.available_at == NOON + timedelta(seconds=30 + 60), "the second wait is twice as long"
        clock.set(NOON + timedelta(seconds=90))
        await api.wait_for(gateway, "glass of water", timeout=10)
        await eventually(lambda: _all_settled(database_url), what="every row settled")
    assert send_attempts(api, gateway) == [502, 502, 200] and send_attempts(api, reset) == [499, 200]
    assert all(len(reminder_messages(api, chat)) == 1 for chat in (gateway, reset, calm))
    assert statuses(await rows_by_person(database_url)) == Counter(sent=3)


async def _blocked(database_url: str, chat: int) -> bool:
    people = await people_by_telegram_id(database_url, [chat])
    return people[chat].blocked_at is not None


async def test_telegram_s_blocked_notice_arriving_after_a_403_does_not_count_as_writing_again(
    api, clock, start_bot, database_url
):
    """They blocked the bot while it was down: the first tick meets a 403 before polling brings
    the my_chat_member "kicked" update; that update must not make them reachable again."""
    blocker = 3501
    await migrate(database_url)
    people = await add_people(database_url, [blocker], now=NOON)
    later = NOON + timedelta(minutes=30)
    await plan_rows(database_url, {pid: [(WATER, "a", NOON), (WATER, "b", later)] for pid in people.values()})
    api.block(blocker, notify=False)
    clock.set(NOON)
    async with start_bot(messages_per_second=1000) as application:
        await eventually(lambda: _blocked(database_url, blocker), what="the blocker marked")
        api.member_update(blocker, "member", "kicked")  # now the bot hears of it
        await api.idle(quiet=0.3)
        clock.set(later)
        await run_tick(application)
        await eventually(lambda: _rows_in(database_url, [blocker], "dropped", key="b"), what="the later row dropped")
        await api.idle(quiet=0.3)
    assert send_attempts(api, blocker) == [403], "the bot tried again as if they had come back"
    rows = (await rows_by_person(database_url))[blocker]
    assert [(row.local_key, row.status, row.reason) for row in rows] == [
        ("a", "dropped", "blocked"),
        ("b", "dropped", "blocked"),
    ]


# ------------------------------------------------------------------- the database restarted under it


@asynccontextmanager
async def _database_unusable(database_url: str):
    """The database goes away under the bot until the block ends.

    PostgreSQL: the reminder table is locked, so the bot's next write waits; once it waits, every
    connection is cut (as a restart would), and the database comes back when the block ends.
    SQLite: the reminder table is renamed away, and back when the block ends.
    """
    if database_url.startswith("postgresql"):
        admin = await asyncpg.connect(_dsn(database_url))
        try:
            locked = admin.transaction()
            await locked.start()
            await admin.execute("LOCK TABLE reminder IN ACCESS EXCLUSIVE MODE")
            yield lambda: _cut_once_waiting(admin)
            await locked.rollback()
        finally:
            await admin.close()
    else:
        await _rename(database_url, "reminder", "reminder_away")
        try:
            yield None
        finally:
            await _rename(database_url, "reminder_away", "reminder")


async def _cut_once_waiting(admin: asyncpg.Connection) -> None:
    waiting = "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'"
    await eventually(lambda: admin.fetchval(waiting), what="the bot waiting on the database")
    assert await terminate_every_connection(admin) >= 1


async def _rename(database_url: str, old: str, new: str) -> None:
    database = Database(database_url)
    try:
        await database.run_sync(lambda connection: connection.execute(text(f"ALTER TABLE {old} RENAME TO {new}")))
    finally:
        await database.close()


async def test_the_database_going_away_while_reminders_are_sent_loses_nothing_and_needs_no_restart(
    api, clock, start_bot, database_url, caplog
):
    chats = list(range(3601, 3631))  # 30 people, three water reminders each, ten minutes apart
    await migrate(database_url)
    people = await add_people(database_url, chats, now=NOON)
    slots = [(WATER, f"r{n}", NOON + timedelta(minutes=10 * n)) for n in range(3)]
    await plan_rows(database_url, dict.fromkeys(people.values(), slots))
    api.delay("sendMessage", 0.5, times=len(chats))  # the first batch takes a while to go out
    clock.set(NOON)
    async with start_bot(messages_per_second=1000) as application:
        await eventually(lambda: len(api.calls_to("sendMessage")) >= len(chats), what="the first batch on its way")
        faults = len([r for r in caplog.records if r.name.startswith("flows") and r.levelno >= logging.WARNING])
        async with _database_unusable(database_url) as cut:  # while the batch is out, before it is recorded
            for chat in chats:
                await api.wait_for(chat, "glass of water", timeout=10)
            if cut is not None:
                await cut()

            def faulted() -> bool:
                warnings = [r for r in caplog.records if r.name.startswith("flows") and r.levelno >= logging.WARNING]
                return len(warnings) > faults

            await eventually(faulted, what="the bot meeting the fault")
        # The database is back; the same process carries on: the batch that was out is recorded,
        # without waiting for its lease to run out (and being sent again then).
        await eventually(
            lambda: _rows_in(database_url, chats, "sent", key="r0"), what="the batch that was out recorded"
        )
        if database_url.startswith("postgresql"):  # and once more between ticks, with idle pooled connections
            admin = await asyncpg.connect(_dsn(database_url))
            try:
                await terminate_every_connection(admin)
            finally:
                await admin.close()
        clock.set(NOON + LEASE + timedelta(minutes=1))  # past the lease of the batch that was out
        await run_tick(application)
        for n in (1, 2):  # the later reminders come on time
            clock.set(NOON + timedelta(minutes=10 * n))
            await eventually(lambda n=n: _rows_in(database_url, chats, "sent", key=f"r{n}"), what=f"reminder r{n} sent")
        await api.idle(quiet=0.3)

    rows = await rows_by_person(database_url)
    assert statuses(rows) == Counter(sent=3 * len(chats)), "a reminder was lost"
    repeats = 0
    for chat in chats:
        messages = reminder_messages(api, chat)
        assert {row.message_id for row in rows[chat]} <= {m["message_id"] for m in messages}
        assert [row.sent_at for row in rows[chat][1:]] == [NOON + timedelta(minutes=10), NOON + timedelta(minutes=20)]
        repeats += len(messages) - 3
    print(f"\nrepeated reminders after the outage: {repeats} (batch of {len(chats)} out during it)")
    assert repeats == 0, "the batch that was out during the outage was sent again"


# ------------------------------------------------------------------------------ stale after downtime


async def test_after_hours_of_downtime_still_useful_reminders_go_and_stale_ones_are_dropped(
    api, clock, start_bot, database_url
):
    london, berlin = 3801, 3802
    await migrate(database_url)
    morning = datetime(2026, 3, 2, 7, 0, tzinfo=UTC)  # 07:00 in London, 08:00 in Berlin
    await add_people(database_url, [london], now=morning, zone="Europe/London", planner=True)
    await add_people(database_url, [berlin], now=morning, zone="Europe/Berlin", planner=True)
    clock.set(morning)
    async with start_bot():  # the bot writes their day ahead, then goes down
        await eventually(lambda: _planned(database_url, [london, berlin]), what="their schedules written")
    assert api.sent(london) == api.sent(berlin) == []

    back = datetime(2026, 3, 2, 12, 15, tzinfo=UTC)  # five hours and a quarter later
    clock.set(back)
    async with start_bot() as application:
        await eventually(lambda: _nothing_due(database_url, back), what="everything due handled")
        await api.idle(quiet=0.3)
        rows = await rows_by_person(database_url)
        for chat in (london, berlin):
            for row in rows[chat]:
                if row.due_at > back:
                    assert row.status == "pending"
                elif back - row.due_at > STILL_USEFUL[Kind(row.kind)]:
                    assert (row.status, row.reason) == ("dropped", "stale"), row
                else:
                    assert row.status == "sent", row
        # London 12:15: the 11:30 cold session and the 11:00 stretches are still worth it, in one
        # message; the 09:00 check-in, the 09:00 session and both waters (08:30, 11:00) are not.
        [message] = api.sent(london)
        assert "cold session" in message["text"] and "stretches" in message["text"] and "water" not in message["text"]
        assert sorted((row.kind, row.local_key) for row in rows[london] if row.reason == "stale") == [
            ("checkin", "2026-03-02"),
            ("therapy", "2026-03-02T09:00"),
            ("water", "2026-03-02T08:30"),
            ("water", "2026-03-02T11:00"),
        ]
        # Berlin 13:15: everything of the morning is over two hours old: nothing is sent hours late.
        assert api.sent(berlin) == []
        assert len([row for row in rows[berlin] if row.reason == "stale"]) == 6

        clock.set(datetime(2026, 3, 2, 12, 30, tzinfo=UTC))  # and then on time again: 13:30 in Berlin
        await run_tick(application)
        await api.wait_for(berlin, "glass of water", timeout=10)


async def _planned(database_url: str, chats) -> bool:
    people = await people_by_telegram_id(database_url, chats)
    return all(person.planned_until is not None for person in people.values())


async def _nothing_due(database_url: str, now: datetime) -> bool:
    rows = await rows_by_person(database_url)
    return not any(
        row.status in ("pending", "sending") and row.due_at <= now
        for person_rows in rows.values()
        for row in person_rows
    )


# ------------------------------------------------------------------------------- a busy process


async def test_reminders_wait_while_the_process_is_too_busy_to_answer_quickly_and_then_all_go(
    api, clock, start_bot, database_url, caplog
):
    """When the event loop runs far behind (a small machine at check-in time), reminders, which
    can go a little late, step aside so that replies and seek-care advice get the CPU."""
    chats = list(range(3901, 3911))
    await migrate(database_url)
    people = await add_people(database_url, chats, now=NOON)
    await plan_rows(database_url, {pid: [(WATER, "busy", NOON)] for pid in people.values()})
    clock.set(NOON)
    hogging = True

    async def hog() -> None:  # other work keeps the loop 0.3 s behind
        while hogging:
            time_module.sleep(0.3)
            await asyncio.sleep(0.01)

    caplog.set_level(logging.INFO, logger="flows.reminders")
    busy = asyncio.create_task(hog())
    try:
        async with start_bot(tick_seconds=2):
            await asyncio.sleep(
                5
            )  # a tick has begun, claimed (each round trip slowed by the hog) and waited, while busy
            assert all(reminder_messages(api, chat) == [] for chat in chats), (
                "a reminder went out while the loop was behind"
            )
            hogging = False
            await busy
            for chat in chats:
                await api.wait_for(chat, "glass of water", timeout=10)
    finally:
        hogging = False
        await busy
    assert all(len(reminder_messages(api, chat)) == 1 for chat in chats)
    assert any("reminders held back" in record.getMessage() for record in caplog.records)


# ------------------------------------------------------------------------------- a slow Telegram


async def test_one_slow_send_holds_back_nobody_elses_reminders_until_it_ends(api, clock, start_bot, database_url):
    """A tick waits for every message it sends; the next tick starts on time anyway."""
    await migrate(database_url)
    people = await add_people(database_url, [3951, 3952], now=NOON)
    await plan_rows(
        database_url,
        {people[3951]: [(WATER, "slow", NOON)], people[3952]: [(WATER, "slow", NOON + timedelta(minutes=1))]},
    )
    clock.set(NOON)
    api.delay("sendMessage", 4.0)  # the first message, 3951's, hangs at Telegram for 4 s
    async with start_bot(tick_seconds=0.5):
        await eventually(lambda: send_attempts(api, 3951), what="3951's reminder on its way")
        clock.set(NOON + timedelta(minutes=2))  # now 3952's is due too
        await api.wait_for(3952, "glass of water", timeout=3)
        assert reminder_messages(api, 3951) == [], "3951's message was not that slow after all"
        await api.wait_for(3951, "glass of water", timeout=10)


async def test_reminders_are_claimed_half_a_second_of_sending_at_a_time_so_a_crash_strands_few(
    api, clock, start_bot, database_url
):
    """A claimed row waits for its lease (minutes) if the process dies before sending it: a tick
    claims what goes out in about half a second at a time, not everything due."""
    chats = list(range(3961, 4021))  # 60 people, due now: three seconds of sending at 20 a second
    await migrate(database_url)
    people = await add_people(database_url, chats, now=NOON)
    await plan_rows(database_url, {pid: [(WATER, "claim", NOON)] for pid in people.values()})
    clock.set(NOON)
    api.delay(
        "sendMessage", 3.0, times=8
    )  # Telegram holds the first few (within its 5 s timeout): the claimer runs ahead
    async with start_bot(messages_per_second=20, tick_seconds=3600):  # one tick: what it claims
        await eventually(lambda: len(api.calls_to("sendMessage")) >= 8, what="the first messages on their way")
        await asyncio.sleep(0.5)  # the claimer has filled its queue
        counts = statuses(await rows_by_person(database_url))
        assert counts["sending"] + counts["pending"] == len(chats), counts  # all still held at Telegram
        assert counts["sending"] <= 20, counts  # two rounds of ten (half a second at 20/s), eight of them in flight
        for chat in chats:
            await api.wait_for(chat, "glass of water", timeout=20)
    assert statuses(await rows_by_person(database_url)) == Counter(sent=len(chats))
