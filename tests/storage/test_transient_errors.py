"""Which database errors are worth handling an update again for: the ones that pass by themselves."""

import sqlite3

import pytest
from sqlalchemy.exc import IntegrityError, OperationalError

from storage.database import is_transient


def _sqlite_error(sql: str, setup: str = "") -> sqlite3.Error:
    connection = sqlite3.connect(":memory:")
    try:
        if setup:
            connection.executescript(setup)
        connection.execute(sql)
    except sqlite3.Error as error:
        return error
    finally:
        connection.close()
    raise AssertionError("no error")


def test_a_missing_table_is_no_passing_fault_but_a_lock_or_a_full_disk_is(tmp_path):
    missing = _sqlite_error("SELECT * FROM nowhere")
    assert not is_transient(OperationalError("SELECT", {}, missing))
    path = tmp_path / "locked.db"
    holder = sqlite3.connect(path, isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")
    waiter = sqlite3.connect(path, timeout=0, isolation_level=None)
    with pytest.raises(sqlite3.OperationalError) as locked:
        waiter.execute("BEGIN IMMEDIATE")
    holder.close(), waiter.close()
    assert is_transient(OperationalError("BEGIN", {}, locked.value))
    full = _sqlite_error("INSERT INTO t VALUES (randomblob(100000))", "PRAGMA max_page_count=2; CREATE TABLE t (x)")
    assert is_transient(OperationalError("INSERT", {}, full))


def test_a_broken_rule_fails_the_same_way_again():
    duplicate = _sqlite_error("INSERT INTO t VALUES (1)", "CREATE TABLE t (x UNIQUE); INSERT INTO t VALUES (1)")
    assert not is_transient(IntegrityError("INSERT", {}, duplicate))
