"""SQLite, run on the event loop: engine set-up, the one-writer queue, and an async-shaped session.

aiosqlite, SQLAlchemy's asyncio driver for SQLite, runs each connection in a thread of its own,
and every statement makes four trips there and back (cursor, execute, fetch, close), each
waiting for the event loop and the GIL. Under load a tap's five statements spent longer in those
trips than in SQLite, all the while holding its one write lock (README, "Performance"). Here
SQLite is called directly: a statement takes microseconds, and a unit of work that awaits
nothing else runs from start to commit without yielding. The one wait that could stall the loop,
for a write lock another process holds, is made in short asynchronous pauses instead.
"""

import asyncio
import os
import sqlite3
import time
from collections import deque
from collections.abc import AsyncIterator, Sequence
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, Engine, create_engine, event
from sqlalchemy.engine import make_url
from sqlalchemy.exc import OperationalError
from sqlalchemy.orm import Session

LOCK_WAIT_SECONDS = 10.0  # how long a unit of work waits for another process's write lock
LOCK_PAUSES = (0.001, 0.05)  # the first and the longest pause between tries


def engine_for(url: str) -> Engine:
    """A synchronous engine (whatever driver the URL names) in WAL mode, with foreign keys and
    transactions that take the write lock as they begin. The file is the owner's alone."""
    parsed = make_url(url).set(drivername="sqlite+pysqlite")
    if parsed.database and parsed.database != ":memory:" and not parsed.database.startswith("file:"):
        private_file(Path(parsed.database))
    engine = create_engine(parsed)
    event.listen(engine, "connect", _pragmas)
    event.listen(engine, "begin", _begin_immediate)
    return engine


def private_file(path: Path) -> None:
    """Health data: a directory made for the database is 0700, the database 0600, whatever the
    umask; SQLite gives its WAL and shared-memory files the database's own mode."""
    if not path.parent.exists():
        path.parent.mkdir(parents=True, mode=0o700)
        path.parent.chmod(0o700)
    os.close(os.open(path, os.O_CREAT | os.O_WRONLY, 0o600))
    for each in (path, path.with_name(path.name + "-wal"), path.with_name(path.name + "-shm")):
        if each.exists():
            each.chmod(0o600)


def _pragmas(dbapi_connection, _record) -> None:
    dbapi_connection.isolation_level = None  # transactions begin in _begin_immediate instead
    cursor = dbapi_connection.cursor()
    # Turning a new file to WAL waits for another process opening it at the same moment: the one
    # wait left to SQLite's busy handler, and only on a new database's first connections.
    cursor.execute("PRAGMA busy_timeout=10000")
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA busy_timeout=0")  # from here on, `writing` waits, without blocking the loop
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.close()


def _begin_immediate(connection: Connection) -> None:
    # A deferred SQLite transaction that reads, then writes after another writer committed, fails
    # at once (SQLITE_BUSY) whatever the busy timeout; taking the write lock up front makes
    # concurrent units of work queue instead. Busy now, it fails at once: `writing` tries again.
    connection.exec_driver_sql("BEGIN IMMEDIATE")


async def writing(engine: Engine) -> Connection:
    """A connection in a transaction holding SQLite's write lock, waited for in pauses while
    something else holds it: another process (a CLI command), or a connection used outside
    `OneWriter`'s turns."""
    deadline, pause = time.monotonic() + LOCK_WAIT_SECONDS, LOCK_PAUSES[0]
    while True:
        connection = engine.connect()
        try:
            connection.begin()
            return connection
        except OperationalError as error:
            connection.close()  # a connection whose begin failed is not used again
            if getattr(error.orig, "sqlite_errorcode", None) != sqlite3.SQLITE_BUSY or time.monotonic() >= deadline:
                raise
        except BaseException:
            connection.close()
            raise
        await asyncio.sleep(pause)
        pause = min(pause * 2, LOCK_PAUSES[1])


class OneWriter:
    """Units of work, one at a time in this process: urgent ones (escalations) first, the rest
    first come, first served.

    Each holds SQLite's write lock from its first statement to its commit. A unit that awaits
    something else meanwhile (Telegram, say) lets other tasks run; they queue here and start,
    in order, the moment it commits, rather than poll for the lock. A unit that awaits nothing
    else never waits here. A unit opened inside another by the same task is not queued behind
    it, where it would wait for ever: it fails after LOCK_WAIT_SECONDS instead (units do not nest).
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


class SessionOnTheLoop:
    """The part of SQLAlchemy's AsyncSession the repositories use, over a synchronous Session:
    each call runs at once, on the loop."""

    def __init__(self, session: Session):
        self._session = session
        self.bind = session.get_bind()

    async def execute(self, statement: Any, params: Any = None, **options: Any) -> Any:
        return self._session.execute(statement, params, **options)

    async def scalars(self, statement: Any, params: Any = None, **options: Any) -> Any:
        return self._session.scalars(statement, params, **options)

    async def get(self, entity: Any, ident: Any, **options: Any) -> Any:
        return self._session.get(entity, ident, **options)

    async def flush(self, objects: Sequence[Any] | None = None) -> None:
        self._session.flush(objects)

    async def delete(self, instance: Any) -> None:
        self._session.delete(instance)

    def add(self, instance: Any) -> None:
        self._session.add(instance)

    def expunge(self, instance: Any) -> None:
        self._session.expunge(instance)

    @property
    def identity_map(self) -> Any:
        return self._session.identity_map

    def add_all(self, instances: Any) -> None:
        self._session.add_all(instances)
