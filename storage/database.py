"""The database: SQLite (`storage.sqlite`) or PostgreSQL, migrations, and units of work."""

import asyncio
import sqlite3
import time
from collections.abc import AsyncIterator, Callable, Coroutine
from contextlib import asynccontextmanager
from pathlib import Path
from typing import TypeVar

from sqlalchemy import event, inspect, text
from sqlalchemy.engine import Connection, make_url
from sqlalchemy.exc import DBAPIError, DisconnectionError, InterfaceError, OperationalError
from sqlalchemy.ext.asyncio import AsyncEngine, async_sessionmaker, create_async_engine
from sqlalchemy.orm import Session

from storage import sqlite
from storage.repositories import UnitOfWork

MIGRATIONS = Path(__file__).parent / "migrations"
MIGRATION_LOCK = 0x636F616368  # "coach": the advisory lock key instances migrate under
# PostgreSQL connections an instance keeps, opened at start-up (`Database.warm`): a burst of
# replies would otherwise wait while new ones open and, beyond the pool, close again after use.
POOL_SIZE = 20
# and a few more kept for urgent units of work alone (seek-care advice, warning-sign ticks): under
# load every pooled connection is taken and a unit waits its turn, which took seconds.
URGENT_POOL_SIZE = 4
# seconds a pooled PostgreSQL connection that just worked is used without a ping (`_pool_for`)
TRUSTED_FOR = 5.0

T = TypeVar("T")


def is_transient(error: BaseException) -> bool:
    """Whether a database error may pass by itself: locked or busy, full, restarting, unreachable.
    A constraint or a programming error would fail the same way again."""
    code = getattr(getattr(error, "orig", None), "sqlite_errorcode", None)
    if code is not None:  # SQLite says which: a missing table is as much an OperationalError as a lock
        return code & 0xFF in _SQLITE_TRANSIENT
    if isinstance(error, OperationalError | InterfaceError | DisconnectionError | TimeoutError | OSError):
        return True
    return isinstance(error, DBAPIError) and error.connection_invalidated


_SQLITE_TRANSIENT = frozenset(
    (sqlite3.SQLITE_BUSY, sqlite3.SQLITE_LOCKED, sqlite3.SQLITE_FULL, sqlite3.SQLITE_IOERR, sqlite3.SQLITE_CANTOPEN)
)


def default_url(data_dir: Path = Path("data")) -> str:
    """An SQLite file under ./data/, created on first use (private: `sqlite.private_file`)."""
    return f"sqlite:///{data_dir / 'coach.db'}"


def newest_revision() -> str:
    """The head revision, from the file names alone (`NNNN_what_it_does.py`, revision "NNNN"):
    checking a database that is up to date then needs no Alembic, which costs every instance
    about 9 MB (with Mako and Pygments) for as long as it runs."""
    return max(path.name.partition("_")[0] for path in (MIGRATIONS / "versions").glob("[0-9]*_*.py"))


def _is_current(connection: Connection) -> bool:
    if not inspect(connection).has_table("alembic_version"):
        return False
    versions = connection.execute(text("SELECT version_num FROM alembic_version")).scalars().all()
    return versions == [newest_revision()]


def _pool_for(url: str, size: int) -> AsyncEngine:
    """A PostgreSQL engine whose pool hands out live connections, checked cheaply.

    SQLAlchemy's `pool_pre_ping` pings at every checkout, and its ping is three round trips
    (BEGIN, an empty query, ROLLBACK): a third of a tapped answer's, each waiting its turn in a
    busy loop. Here a connection the server has closed (a restart, a terminated backend), which
    asyncpg notices without a round trip, is replaced, and only one idle for a while (whose peer
    may have gone silently) is pinged.
    """
    engine = create_async_engine(url, pool_size=size, max_overflow=0)

    def checked_in(dbapi_connection, record) -> None:
        record.info["returned_at"] = time.monotonic()

    def checked_out(dbapi_connection, record, proxy) -> None:
        if dbapi_connection.driver_connection.is_closed():
            raise DisconnectionError("the server closed the connection")  # the pool opens a new one
        if time.monotonic() - record.info.get("returned_at", 0.0) > TRUSTED_FOR:
            try:
                engine.dialect.do_ping(dbapi_connection)
            except Exception as error:
                raise DisconnectionError("the connection did not answer a ping") from error

    event.listen(engine.sync_engine, "connect", checked_in)  # a new connection has just worked
    event.listen(engine.sync_engine, "checkin", checked_in)
    event.listen(engine.sync_engine, "checkout", checked_out)
    return engine


def _upgrade(connection: Connection) -> None:
    if _is_current(connection):
        return
    from alembic import command  # only when there is something to migrate (see newest_revision)
    from alembic.config import Config

    if connection.dialect.name == "postgresql":  # instances starting together take turns
        connection.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": MIGRATION_LOCK})
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    config.attributes["connection"] = connection
    command.upgrade(config, "head")


class Database:
    """Owns the engine; hands out units of work."""

    def __init__(self, url: str):
        self.url = url
        if make_url(url).get_backend_name() == "sqlite":
            self.engine = sqlite.engine_for(url)
            self._writer = sqlite.OneWriter()
        else:
            self.engine = _pool_for(url, POOL_SIZE)
            self._urgent_engine = _pool_for(url, URGENT_POOL_SIZE)
            self._sessions = async_sessionmaker(self.engine, expire_on_commit=False)
            self._urgent_sessions = async_sessionmaker(self._urgent_engine, expire_on_commit=False)
            self._writer = None

    async def migrate(self) -> None:
        """Bring the schema up to the newest Alembic revision. Instances starting together take
        turns (on PostgreSQL, under a transaction-scoped advisory lock; on SQLite, its write
        lock), so only the first one migrates."""
        await self.run_sync(_upgrade)

    async def run_sync(self, work: Callable[[Connection], T]) -> T:
        """Run `work` with a synchronous connection, in a transaction committed if it returns."""
        if self._writer is None:
            async with self.engine.begin() as connection:
                return await connection.run_sync(work)
        async with self._writer.turn(urgent=False):
            with await sqlite.writing(self.engine) as connection:
                result = work(connection)
                connection.commit()
                return result

    async def ping(self) -> None:
        """Raise unless the database answers."""
        await self.run_sync(lambda connection: connection.execute(text("SELECT 1")))

    async def warm(self) -> None:
        """Open the pools' connections now (PostgreSQL; SQLite uses one at a time)."""
        if self._writer is not None:
            return
        engines = [self.engine] * POOL_SIZE + [self._urgent_engine] * URGENT_POOL_SIZE
        opened = await asyncio.gather(*(engine.connect() for engine in engines), return_exceptions=True)
        for connection in opened:
            if not isinstance(connection, BaseException):
                await connection.close()  # back to the pool, which keeps it
        if failed := next((error for error in opened if isinstance(error, BaseException)), None):
            raise failed

    @asynccontextmanager
    async def unit(self, *, urgent: bool = False) -> AsyncIterator[UnitOfWork]:
        """A transaction: committed when the block ends, rolled back if it raises; then what it
        left for after the commit (`UnitOfWork.on_commit`) runs. An `urgent` one (on the way to
        seek-care advice) goes ahead of the others waiting for SQLite's writer, and on PostgreSQL
        takes a connection from a pool of its own."""
        uow: UnitOfWork | None = None
        try:
            async with self._transaction(urgent) as uow:
                yield uow
        except BaseException:
            for action in uow.after_commit if uow else ():
                if isinstance(action, Coroutine):
                    action.close()  # it will never run: no "never awaited" warning
            raise
        for action in uow.after_commit:
            await action

    @asynccontextmanager
    async def _transaction(self, urgent: bool) -> AsyncIterator[UnitOfWork]:
        if self._writer is None:
            sessions = self._urgent_sessions if urgent else self._sessions
            async with sessions() as session, session.begin():
                yield UnitOfWork(session)
            return
        async with self._writer.turn(urgent):
            with await sqlite.writing(self.engine) as connection:
                session = Session(connection, join_transaction_mode="control_fully", expire_on_commit=False)
                with session:
                    try:
                        yield UnitOfWork(sqlite.SessionOnTheLoop(session))
                    except BaseException:
                        session.rollback()
                        raise
                    session.commit()

    async def close(self) -> None:
        """Release every pooled connection."""
        if self._writer is None:
            await asyncio.gather(self.engine.dispose(), self._urgent_engine.dispose())
        else:
            self.engine.dispose()
