"""The database: engine set-up for SQLite (WAL) or PostgreSQL, migrations, and units of work."""

import asyncio
from collections import deque
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager, nullcontext
from pathlib import Path

from alembic import command
from alembic.config import Config
from sqlalchemy import event, text
from sqlalchemy.engine import Connection, make_url
from sqlalchemy.ext.asyncio import AsyncEngine, async_sessionmaker, create_async_engine

from storage.repositories import UnitOfWork

MIGRATIONS = Path(__file__).parent / "migrations"
MIGRATION_LOCK = 0x636F616368  # "coach": the advisory lock key instances migrate under
# PostgreSQL connections an instance keeps, opened at start-up (`Database.warm`): a burst of
# replies would otherwise wait while new ones open and, beyond the pool, close again after use.
POOL_SIZE = 20


def default_url(data_dir: Path = Path("data")) -> str:
    """An SQLite file under ./data/, created on first use."""
    data_dir.mkdir(parents=True, exist_ok=True)
    return f"sqlite+aiosqlite:///{data_dir / 'coach.db'}"


def _sqlite_pragmas(dbapi_connection, _record) -> None:
    dbapi_connection.isolation_level = None  # transactions begin in _begin_immediate instead
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA busy_timeout=10000")  # first: switching to WAL may wait for another instance's lock
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.close()


def _begin_immediate(connection) -> None:
    # A deferred SQLite transaction that reads, then writes after another writer committed,
    # fails at once (SQLITE_BUSY) whatever the busy timeout; taking the write lock up front
    # makes concurrent units of work queue instead.
    connection.exec_driver_sql("BEGIN IMMEDIATE")


def create_engine(url: str) -> AsyncEngine:
    """An async engine; SQLite gets WAL mode, foreign keys, a busy timeout and immediate transactions."""
    if make_url(url).get_backend_name() == "sqlite":
        engine = create_async_engine(url)
        event.listen(engine.sync_engine, "connect", _sqlite_pragmas)
        event.listen(engine.sync_engine, "begin", _begin_immediate)
        return engine
    return create_async_engine(url, pool_pre_ping=True, pool_size=POOL_SIZE, max_overflow=0)


class _OneWriter:
    """SQLite's units of work, one at a time in this process: urgent ones (escalations) first,
    the rest first come, first served.

    Each holds SQLite's write lock from its first statement (BEGIN IMMEDIATE). Left to SQLite,
    the others wait in its busy handler, which sleeps up to 100 ms between tries and lets late
    comers overtake: a tap behind a burst of reminders could wait seconds. Here they queue and
    start the moment the previous one ends. A unit opened inside another by the same task
    passes, as before; other processes still wait through the busy timeout.
    """

    def __init__(self) -> None:
        self._loop: asyncio.AbstractEventLoop | None = None
        self._busy = False
        self._queues: tuple[deque[asyncio.Future], ...] = (deque(), deque())  # urgent, the rest
        self._owner: asyncio.Task | None = None

    @asynccontextmanager
    async def turn(self, urgent: bool) -> AsyncIterator[None]:
        task = asyncio.current_task()
        if task is not None and task is self._owner:
            yield
            return
        loop = asyncio.get_running_loop()
        if self._loop is not loop:  # waiters belong to one event loop
            self._loop, self._busy, self._queues = loop, False, (deque(), deque())
        if self._busy:
            turn = loop.create_future()
            self._queues[0 if urgent else 1].append(turn)
            try:
                await turn
            except asyncio.CancelledError:
                if turn.done() and not turn.cancelled():  # handed the turn as it was cancelled
                    self._pass_on()
                raise
        self._busy, self._owner = True, task
        try:
            yield
        finally:
            self._owner = None
            self._pass_on()

    def _pass_on(self) -> None:
        """The turn goes to the next waiter, urgent ones first; or to nobody."""
        for queue in self._queues:
            while queue:
                turn = queue.popleft()
                if not turn.done():  # not cancelled meanwhile
                    turn.set_result(None)
                    return
        self._busy = False


def _alembic_config(connection: Connection) -> Config:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    config.attributes["connection"] = connection
    return config


class Database:
    """Owns the engine; hands out units of work."""

    def __init__(self, url: str):
        self.url = url
        self.engine = create_engine(url)
        self._sessions = async_sessionmaker(self.engine, expire_on_commit=False)
        self._writer = _OneWriter() if self.engine.dialect.name == "sqlite" else None

    async def migrate(self) -> None:
        """Bring the schema up to the newest Alembic revision.

        On PostgreSQL, instances starting together take turns (a transaction-scoped advisory
        lock), so only the first one migrates; SQLite's write lock does the same there.
        """
        async with self.engine.begin() as connection:
            if connection.dialect.name == "postgresql":
                await connection.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": MIGRATION_LOCK})
            await connection.run_sync(lambda sync: command.upgrade(_alembic_config(sync), "head"))

    async def warm(self) -> None:
        """Open the pool's connections now (PostgreSQL; SQLite uses one at a time)."""
        if self.engine.dialect.name != "postgresql":
            return
        opened = await asyncio.gather(*(self.engine.connect() for _ in range(POOL_SIZE)), return_exceptions=True)
        for connection in opened:
            if not isinstance(connection, BaseException):
                await connection.close()  # back to the pool, which keeps it
        if failed := next((error for error in opened if isinstance(error, BaseException)), None):
            raise failed

    @asynccontextmanager
    async def unit(self, *, urgent: bool = False) -> AsyncIterator[UnitOfWork]:
        """A transaction: committed when the block ends, rolled back if it raises. An `urgent` one
        (on the way to seek-care advice) goes ahead of the others waiting for SQLite's writer."""
        async with self._writer.turn(urgent) if self._writer else nullcontext(), self._sessions() as session, session.begin():
            yield UnitOfWork(session)

    async def close(self) -> None:
        """Release every pooled connection."""
        await self.engine.dispose()
