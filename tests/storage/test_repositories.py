"""The repositories, run against real SQLite and real PostgreSQL."""

import asyncio
import sqlite3
import subprocess
import sys
from datetime import UTC, datetime, time, timedelta

import asyncpg
import pytest
from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Engine, event, inspect, text
from sqlmodel import SQLModel

from storage import database
from storage.database import MIGRATIONS, POOL_SIZE, Database, newest_revision
from storage.models import CheckIn, Episode, Person
from tests.conftest import _dsn, terminate_every_connection

NOW = datetime(2026, 3, 2, 8, 0, tzinfo=UTC)


@pytest.fixture
async def db(database_url):
    database = Database(database_url)
    await database.migrate()
    yield database
    await database.close()


async def _person(db: Database, telegram_id: int, **fields) -> Person:
    async with db.unit() as uow:
        return await _person_in(uow, telegram_id, **fields)


async def _person_in(uow, telegram_id: int, **fields) -> Person:
    defaults = dict(created_at=NOW, consented_at=NOW, timezone="Europe/London", checkin_time=time(9), onboarded_at=NOW)
    return await uow.people.add(Person(telegram_user_id=telegram_id, chat_id=telegram_id, **(defaults | fields)))


async def test_migrations_create_every_table_and_can_run_again(db):
    await db.migrate()
    tables = await db.run_sync(lambda connection: set(inspect(connection).get_table_names()))
    assert {"person", "episode", "checkin", "conversation", "escalation", "alembic_version"} <= tables


async def test_a_database_behind_is_brought_up_to_the_newest_revision(db):
    def versions(connection):
        return connection.exec_driver_sql("SELECT version_num FROM alembic_version").scalars().all()

    def downgrade(connection):
        config = Config()
        config.set_main_option("script_location", str(MIGRATIONS))
        config.attributes["connection"] = connection
        command.downgrade(config, "-1")

    await db.run_sync(downgrade)
    assert await db.run_sync(versions) != [newest_revision()]
    await db.migrate()
    assert await db.run_sync(versions) == [newest_revision()]
    assert newest_revision() == ScriptDirectory(str(MIGRATIONS)).get_current_head()


async def test_an_instance_starting_on_an_up_to_date_database_does_not_load_alembic(db):
    """Alembic (with Mako and Pygments) would stay in every instance's memory, about 9 MB."""
    started = (
        "import asyncio, sys\n"
        "from storage.database import Database\n"
        "async def main():\n"
        f"    database = Database({db.url!r})\n"
        "    await database.migrate()\n"
        "    await database.close()\n"
        "asyncio.run(main())\n"
        "print(sorted(name for name in ('alembic', 'mako', 'sqlalchemy.dialects.postgresql') if name in sys.modules))\n"
    )
    loaded = subprocess.run([sys.executable, "-c", started], capture_output=True, text=True, check=True).stdout.strip()
    expected = "['sqlalchemy.dialects.postgresql']" if db.url.startswith("postgresql") else "[]"
    assert loaded == expected


async def test_the_models_match_the_migrations(db):
    def differences(sync):
        return compare_metadata(MigrationContext.configure(sync), SQLModel.metadata)

    assert await db.run_sync(differences) == []


async def test_times_come_back_as_the_same_utc_instant(db):
    moment = datetime(2026, 3, 29, 1, 30, tzinfo=UTC)
    await _person(db, 1, planned_until=moment)
    async with db.unit() as uow:
        person = await uow.people.by_telegram_id(1)
    assert person.planned_until == moment and person.planned_until.tzinfo is not None
    assert person.checkin_time == time(9)


async def test_telegram_ids_beyond_32_bits(db):
    await _person(db, 7_000_000_001)
    async with db.unit() as uow:
        assert (await uow.people.by_telegram_id(7_000_000_001)).chat_id == 7_000_000_001


async def test_planning_skips_paused_blocked_unfinished_and_already_planned_people(db):
    await _person(db, 1)
    await _person(db, 2, paused_at=NOW)
    await _person(db, 3, blocked_at=NOW)
    await _person(db, 4, onboarded_at=None)
    await _person(db, 5, planned_until=NOW + timedelta(hours=20))
    await _person(db, 6, planned_until=NOW + timedelta(hours=2))
    async with db.unit() as uow:
        people = await uow.people.to_plan(NOW + timedelta(hours=12), limit=10)
    assert [p.telegram_user_id for p in people] == [1, 6]


async def test_a_slot_is_written_once_whatever_state_it_is_in(db):
    person = await _person(db, 1)
    slots = [("water", "2026-03-02T08:30", NOW), ("checkin", "2026-03-02", NOW + timedelta(hours=1))]
    async with db.unit() as uow:
        await uow.reminders.plan(person.id, slots)
    async with db.unit() as uow:
        [water] = await uow.reminders.claim(NOW, NOW + timedelta(minutes=5), limit=10)
        await uow.reminders.set([water.id], status="done")
        await uow.reminders.plan(person.id, [*slots, ("water", "2026-03-02T11:00", NOW + timedelta(hours=3))])
    async with db.unit() as uow:
        rows = await uow.reminders.for_person(person.id)
    assert [(row.kind, row.local_key, row.status) for row in rows] == [
        ("water", "2026-03-02T08:30", "done"),
        ("checkin", "2026-03-02", "pending"),
        ("water", "2026-03-02T11:00", "pending"),
    ]


async def test_a_claim_takes_due_rows_under_a_lease_and_a_lapsed_lease_frees_them(db):
    person = await _person(db, 1)
    async with db.unit() as uow:
        await uow.reminders.plan(person.id, [("water", f"k{n}", NOW - timedelta(minutes=n)) for n in range(5)])
        await uow.reminders.plan(person.id, [("water", "later", NOW + timedelta(minutes=1))])
    lease = NOW + timedelta(minutes=5)
    async with db.unit() as uow:
        first = await uow.reminders.claim(NOW, lease, limit=3)
    async with db.unit() as uow:
        second = await uow.reminders.claim(NOW, lease, limit=10)
    async with db.unit() as uow:
        assert await uow.reminders.claim(NOW + timedelta(seconds=30), lease, limit=10) == []
    assert [row.local_key for row in first] == ["k4", "k3", "k2"]  # oldest first
    assert [row.local_key for row in second] == ["k1", "k0"]
    async with db.unit() as uow:  # the sender died: once its lease lapses, every unsent row comes back
        again = await uow.reminders.claim(lease, lease + timedelta(minutes=5), limit=10)
    assert sorted(row.local_key for row in again) == ["k0", "k1", "k2", "k3", "k4", "later"]
    assert {row.attempts for row in again if row.local_key != "later"} == {2}


async def test_writing_again_unblocks(db):
    await _person(db, 1, blocked_at=NOW)
    async with db.unit() as uow:
        await uow.people.mark_reachable(1)
    async with db.unit() as uow:
        assert (await uow.people.by_telegram_id(1)).blocked_at is None


async def test_checkin_answers_heat_reports_and_first_pain(db):
    person = await _person(db, 1)
    async with db.unit() as uow:
        episode = await uow.episodes.add(Episode(person_id=person.id, onset_at=NOW, created_at=NOW))
        for day, (pain, heat) in enumerate([(7, None), (6, "worse"), (5, "helped"), (4, "worse")]):
            await uow.checkins.add(
                CheckIn(
                    person_id=person.id,
                    episode_id=episode.id,
                    phase="heat",
                    status="done",
                    started_at=NOW + timedelta(days=day),
                    pain=pain,
                    heat_effect=heat,
                    red_flags=["fever"] if day == 1 else [],
                )
            )
    async with db.unit() as uow:
        assert await uow.checkins.heat_worse_count(episode.id) == 2
        assert await uow.checkins.first_pain(episode.id) == 7
        assert await uow.checkins.open_for(person.id) is None
    async with db.unit() as uow:
        stored = await uow.checkins.get(2, person.id)
        assert stored.red_flags == ["fever"]
        assert await uow.checkins.get(2, person.id + 1) is None  # someone else's


async def test_checkins_open_from_before_the_next_one_become_missed(db):
    person = await _person(db, 1)
    async with db.unit() as uow:
        episode = await uow.episodes.add(Episode(person_id=person.id, onset_at=NOW, created_at=NOW))
        await uow.checkins.add(
            CheckIn(person_id=person.id, episode_id=episode.id, phase="cold", started_at=NOW, pain=3)
        )
        await uow.checkins.add(
            CheckIn(
                person_id=person.id, episode_id=episode.id, phase="cold", started_at=NOW + timedelta(days=1, minutes=5)
            )
        )
    async with db.unit() as uow:
        assert await uow.checkins.mark_missed(person.id, started_before=NOW + timedelta(days=1)) == 1
    async with db.unit() as uow:
        still_open = await uow.checkins.open_for(person.id)
        assert still_open.started_at == NOW + timedelta(days=1, minutes=5)  # begun on demand after the due time


async def test_cold_phase_ended_finds_episodes_past_48_hours_once(db):
    person = await _person(db, 1)
    async with db.unit() as uow:
        await uow.episodes.add(Episode(person_id=person.id, onset_at=NOW - timedelta(hours=49), created_at=NOW))
        await uow.episodes.add(Episode(person_id=person.id, onset_at=NOW - timedelta(hours=47), created_at=NOW))
        await uow.episodes.add(
            Episode(
                person_id=person.id,
                onset_at=NOW - timedelta(days=20),
                chronic=True,
                announced_phase="heat",
                created_at=NOW,
            )
        )
    async with db.unit() as uow:
        ended = await uow.episodes.cold_phase_ended(NOW, timedelta(hours=48))
        assert len(ended) == 1
        ended[0][0].announced_phase = "heat"
    async with db.unit() as uow:
        assert await uow.episodes.cold_phase_ended(NOW, timedelta(hours=48)) == []


async def test_a_failed_unit_of_work_stores_nothing(db):
    with pytest.raises(RuntimeError):
        async with db.unit() as uow:
            await uow.people.add(Person(telegram_user_id=1, chat_id=1, created_at=NOW, consented_at=NOW))
            raise RuntimeError("boom")
    async with db.unit() as uow:
        assert await uow.people.by_telegram_id(1) is None


async def test_what_a_unit_of_work_leaves_for_after_its_commit_runs_after_it_and_only_if_it_commits(db):
    """A reply decided inside a unit goes out once its changes are stored, outside the
    transaction (SQLite's writer is free again); a unit that fails sends nothing."""
    seen: list[tuple[str, bool]] = []

    async def reply(name: str) -> None:
        async with db.unit() as uow:  # another unit at once: the first one is over
            seen.append((name, await uow.people.by_telegram_id(2) is not None))

    async with db.unit() as uow:
        await uow.people.add(Person(telegram_user_id=2, chat_id=2, created_at=NOW, consented_at=NOW))
        uow.on_commit(reply("stored"))
        assert seen == []
    with pytest.raises(RuntimeError):
        async with db.unit() as uow:
            uow.on_commit(reply("failed"))
            raise RuntimeError("boom")
    assert seen == [("stored", True)]


async def test_two_ticks_at_once_never_announce_the_same_heat_phase(db):
    """Overlapping ticks (or instances): what one is announcing, the other does not take."""
    person = await _person(db, 1)
    async with db.unit() as uow:
        await uow.episodes.add(Episode(person_id=person.id, onset_at=NOW - timedelta(hours=49), created_at=NOW))
    taken = asyncio.Event()
    second: list = []

    async def other_tick() -> None:
        await taken.wait()
        async with db.unit() as uow:
            second.extend(await uow.episodes.cold_phase_ended(NOW, timedelta(hours=48)))

    async with asyncio.timeout(30):
        other = asyncio.create_task(other_tick())
        async with db.unit() as uow:
            first = await uow.episodes.cold_phase_ended(NOW, timedelta(hours=48))
            taken.set()
            await asyncio.sleep(0.2)  # the other tick looks while this one has not committed
            for episode, _ in first:
                episode.announced_phase = "heat"
        await other
    assert len(first) == 1 and second == []


async def test_conversation_position_survives_a_new_connection(db, database_url):
    person = await _person(db, 1)
    async with db.unit() as uow:
        await uow.conversations.set(person.id, "ci", "water", NOW, record_id=42)
    other = Database(database_url)
    async with other.unit() as uow:
        conversation = await uow.conversations.get(person.id)
    await other.close()
    assert (conversation.flow, conversation.step, conversation.record_id) == ("ci", "water", 42)


async def test_a_conversation_read_moved_and_ended_in_one_unit_reads_back_as_it_now_is(db):
    """Moving and ending are single statements on the table: a copy read earlier in the same
    unit must not go on showing the old step."""
    person = await _person(db, 1)
    later = NOW + timedelta(minutes=1)
    async with db.unit() as uow:
        await uow.conversations.set(person.id, "ci", "pain", NOW, record_id=7)
        read_first = await uow.conversations.get(person.id)
        await uow.conversations.set(person.id, "ci", "trend", later, record_id=7)
        read_again = await uow.conversations.get(person.id)
        assert (read_first.step, read_again.step, read_again.updated_at) == ("trend", "trend", later)
        await uow.conversations.end(person.id)
        assert await uow.conversations.get(person.id) is None
    async with db.unit() as uow:
        assert await uow.conversations.get(person.id) is None
        await uow.conversations.set(person.id, "settings", "menu", later)
    async with db.unit() as uow:
        conversation = await uow.conversations.get(person.id)
    assert (conversation.flow, conversation.step, conversation.record_id) == ("settings", "menu", None)


async def test_instances_starting_together_migrate_once(database_url):
    databases = [Database(database_url) for _ in range(4)]
    try:
        async with asyncio.timeout(60):  # without the lock, PostgreSQL instances deadlock or collide
            await asyncio.gather(*(database.migrate() for database in databases))
        versions = await databases[0].run_sync(
            lambda connection: connection.exec_driver_sql("SELECT version_num FROM alembic_version").all()
        )
    finally:
        await asyncio.gather(*(database.close() for database in databases))
    assert len(versions) == 1


async def test_sqlite_units_of_work_take_turns_in_the_order_they_come(tmp_path):
    """SQLite has one writer: units queue first come, first served, rather than poll for its
    write lock (where a tap behind a burst of reminders could wait seconds)."""
    db = Database(f"sqlite:///{tmp_path / 'coach.db'}")
    await db.migrate()
    order: list[int] = []

    async def write(index: int) -> None:
        async with db.unit() as uow:
            await _person_in(uow, 1000 + index)
            await asyncio.sleep(0.001)  # others arrive meanwhile
            order.append(index)

    try:
        async with asyncio.timeout(60):
            await asyncio.gather(*(write(index) for index in range(40)))
    finally:
        await db.close()
    assert order == list(range(40))


async def test_sqlite_another_process_holding_the_write_lock_stalls_no_one_else(tmp_path):
    """A CLI command writing to the database makes a unit of work wait for it, in pauses: the
    bot's other tasks (another person's reply, an escalation) run meanwhile."""
    path = tmp_path / "coach.db"
    db = Database(f"sqlite+aiosqlite:///{path}")  # the driver older settings name still works
    await db.migrate()
    other_process = sqlite3.connect(path, isolation_level=None)
    other_process.execute("BEGIN IMMEDIATE")
    beats = 0

    async def heartbeat() -> None:
        nonlocal beats
        while True:
            beats += 1
            await asyncio.sleep(0.01)

    async def write() -> None:
        async with db.unit() as uow:
            await _person_in(uow, 77)

    beating = asyncio.create_task(heartbeat())
    writing = asyncio.create_task(write())
    try:
        await asyncio.sleep(0.5)
        assert not writing.done() and beats >= 10  # waiting, and the loop ran on (blocked, it beats once)
        other_process.execute("COMMIT")
        await asyncio.wait_for(writing, 5)
        async with db.unit() as uow:
            assert await uow.people.by_telegram_id(77) is not None
    finally:
        beating.cancel()
        writing.cancel()
        other_process.close()
        await db.close()


async def test_a_burst_of_replies_opens_and_closes_no_connections(db):
    """PostgreSQL's connections are opened at start-up and kept; SQLite's units take turns on one."""
    await db.warm()
    opened, closed = [], []
    pool = db.engine.pool if isinstance(db.engine, Engine) else db.engine.sync_engine.pool
    event.listen(pool, "connect", lambda *_: opened.append(1))
    event.listen(pool, "close", lambda *_: closed.append(1))

    async def reply(index: int) -> None:
        async with db.unit() as uow:
            await uow.people.by_telegram_id(index)
            await asyncio.sleep(0.01)

    await asyncio.gather(*(reply(index) for index in range(3 * POOL_SIZE)))
    assert opened == [] and closed == []


async def test_postgres_connections_are_pinged_only_after_idling_and_closed_ones_are_replaced(
    postgres_url, monkeypatch
):
    """A ping before every unit of work cost three round trips (SQLAlchemy's pre-ping) of a
    tapped answer's nine. A connection that has just worked goes without one; one the server
    closed (a restart) is replaced before use, with no unit failing; one left idle is pinged."""
    db = Database(postgres_url)
    await db.migrate()
    await db.warm()
    pings: list[int] = []
    original = db.engine.dialect.do_ping
    monkeypatch.setattr(db.engine.dialect, "do_ping", lambda connection: pings.append(1) or original(connection))

    async def units(count: int) -> None:
        for index in range(count):
            async with db.unit() as uow:
                await uow.people.by_telegram_id(index)

    admin = await asyncpg.connect(_dsn(postgres_url))
    try:
        await units(3 * POOL_SIZE)
        assert pings == []
        before = await _backends(admin)
        await terminate_every_connection(admin)
        await asyncio.sleep(0.5)  # the closed sockets reach the bot's event loop
        await units(3 * POOL_SIZE)  # none fails
        after = await _backends(admin)
        assert after and not after & before and pings == []
        monkeypatch.setattr(database, "TRUSTED_FOR", 0.0)  # every connection has now idled too long
        await units(2)
        assert pings == [1, 1]
    finally:
        await admin.close()
        await db.close()


async def test_postgres_prepares_a_batch_query_once_whatever_the_batch_size(postgres_url):
    """Dispatch reads and writes people in batches of any size. `IN ($1, ..., $n)` and n-row
    VALUES were a new statement for each n, which each pooled connection prepared (a round trip
    and a plan) and kept; the same statements for 1 to 12 people now leave one each."""
    db = Database(postgres_url)
    await db.migrate()
    people = []
    async with db.unit() as uow:
        for telegram_id in range(1, 13):
            person = await _person_in(uow, telegram_id)
            episode = await uow.episodes.add(Episode(person_id=person.id, onset_at=NOW, created_at=NOW))
            people.append((person, episode))
    try:
        async with db.unit() as uow:
            prepared = []
            for size in range(1, 13):
                batch = people[:size]
                checkins = [
                    CheckIn(
                        person_id=p.id, episode_id=e.id, phase="cold", step="pain", started_at=NOW, red_flags=["numb"]
                    )
                    for p, e in batch
                ]
                await uow.checkins.add_many(checkins)
                assert [(await uow.session.get(CheckIn, c.id)).person_id for c in checkins] == [p.id for p, _ in batch]
                assert set(await uow.people.by_ids(p.id for p, _ in batch)) == {p.id for p, _ in batch}
                assert {p: e.id for p, e in (await uow.episodes.current_for(p.id for p, _ in batch)).items()} == {
                    p.id: e.id for p, e in batch
                }
                assert await uow.checkins.heat_worse_counts(e.id for _, e in batch) == {}
                assert len(await uow.checkins.open_of(p.id for p, _ in batch)) == size
                assert await uow.checkins.last_completed(p.id for p, _ in batch) == {}
                await uow.reminders.set([c.id for c in checkins], status="done")  # no such reminders: nothing changes
                prepared.append(
                    (await uow.session.execute(text("SELECT count(*) FROM pg_prepared_statements"))).scalar_one()
                )
        assert prepared[-1] == prepared[1], prepared  # the first round prepared them all; the rest, nothing new
    finally:
        await db.close()


async def _backends(admin: asyncpg.Connection) -> set[int]:
    """The server processes behind the bot's connections."""
    rows = await admin.fetch(
        "SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()"
    )
    return {row["pid"] for row in rows}


async def test_an_urgent_unit_of_work_does_not_queue_behind_a_burst(db):
    """Under load every pooled PostgreSQL connection (SQLite's one writer) is taken and units
    queue for it: seek-care advice waited seconds there. An urgent unit waits for none of them."""
    await db.warm()
    finished: list[int] = []
    begun = asyncio.Event()

    async def reply(index: int) -> None:
        async with db.unit() as uow:
            await uow.people.by_telegram_id(index)
            begun.set()
            await asyncio.sleep(0.1)
        finished.append(index)

    burst = [asyncio.create_task(reply(index)) for index in range(POOL_SIZE + 5)]
    await begun.wait()
    async with asyncio.timeout(10), db.unit(urgent=True) as uow:
        await uow.people.by_telegram_id(-1)
    finished_before = len(finished)
    await asyncio.gather(*burst)
    assert finished_before <= 1, f"{finished_before} queued units went first"


async def test_sqlite_an_urgent_unit_of_work_goes_ahead_of_the_queue(tmp_path):
    """Seek-care advice waits for the one write in progress, not for everything queued behind it."""
    db = Database(f"sqlite:///{tmp_path / 'coach.db'}")
    await db.migrate()
    order: list[str] = []
    release = asyncio.Event()

    async def write(name: str, urgent: bool = False, hold: asyncio.Event | None = None) -> None:
        async with db.unit(urgent=urgent) as uow:
            await uow.people.by_telegram_id(1)
            order.append(name)
            if hold is not None:
                await hold.wait()

    try:
        async with asyncio.timeout(60):
            running = asyncio.create_task(write("running", hold=release))
            await asyncio.sleep(0.05)
            queued = [asyncio.create_task(write(f"tap{index}")) for index in range(5)]
            await asyncio.sleep(0.05)
            cancelled = asyncio.create_task(write("gone"))
            await asyncio.sleep(0.05)
            cancelled.cancel()
            urgent = asyncio.create_task(write("escalation", urgent=True))
            await asyncio.sleep(0.05)
            release.set()
            await asyncio.gather(running, urgent, *queued)
    finally:
        await db.close()
    assert order == ["running", "escalation", "tap0", "tap1", "tap2", "tap3", "tap4"]
