"""Health data is readable by its owner only: the SQLite database, its WAL and shared memory."""

import os
import stat
from datetime import UTC, datetime, time

from storage.database import Database
from storage.models import Person


def _mode(path) -> int:
    return stat.S_IMODE(os.stat(path).st_mode)


async def test_a_new_database_and_its_directory_are_private_whatever_the_umask(tmp_path):
    folder = tmp_path / "data"
    before = os.umask(0o022)  # the usual umask: files 0644, directories 0755
    try:
        database = Database(f"sqlite:///{folder / 'coach.db'}")
        try:
            await database.migrate()
            now = datetime(2026, 3, 2, 8, 0, tzinfo=UTC)
            async with database.unit() as uow:
                await uow.people.add(
                    Person(
                        telegram_user_id=7_000_000_001,
                        chat_id=7_000_000_001,
                        created_at=now,
                        consented_at=now,
                        checkin_time=time(9),
                    )
                )
            files = {p.name: _mode(p) for p in folder.iterdir()}
        finally:
            await database.close()
    finally:
        os.umask(before)
    assert _mode(folder) == 0o700
    assert files == {"coach.db": 0o600, "coach.db-wal": 0o600, "coach.db-shm": 0o600}


async def test_an_existing_database_left_readable_is_made_private_at_start(tmp_path):
    path = tmp_path / "coach.db"
    path.touch(mode=0o644)
    path.chmod(0o644)
    database = Database(f"sqlite:///{path}")
    try:
        await database.migrate()
    finally:
        await database.close()
    assert _mode(path) == 0o600
