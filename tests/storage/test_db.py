"""The database: migrations, transactions, integrity check, single-instance lock."""

import os
import sqlite3
import subprocess
import sys

import pytest

from storage.db import Database, available_migrations, split_statements
from storage.errors import AlreadyRunning, CorruptDatabase, Duplicate
from storage.lock import InstanceLock

TABLES = {
    "users",
    "invites",
    "clients",
    "contacts",
    "interactions",
    "invoices",
    "contracts",
    "reminders",
    "absences",
    "team_chats",
    "audit",
    "schema_migrations",
}


@pytest.fixture
async def db(tmp_path):
    database = await Database.open(tmp_path / "bot.sqlite3")
    yield database
    await database.close()


class TestMigrations:
    async def test_first_open_creates_every_table_of_the_data_model(self, db):
        rows = await db.fetch_all("SELECT name FROM sqlite_master WHERE type = 'table'")
        assert {row["name"] for row in rows} >= TABLES

    async def test_every_table_is_strict(self, db):
        rows = await db.fetch_all("SELECT name, strict FROM pragma_table_list WHERE schema='main'")
        loose = [r["name"] for r in rows if r["name"] in TABLES and not r["strict"]]
        assert loose == []

    async def test_migrating_twice_is_a_no_op(self, db, tmp_path):
        assert await db.migrate() == []
        count = await db.fetch_one("SELECT count(*) AS n FROM schema_migrations")
        assert count["n"] == len(available_migrations())
        reopened = await Database.open(tmp_path / "bot.sqlite3")
        assert await reopened.migrate() == []
        await reopened.close()

    async def test_wal_mode_and_foreign_keys_are_on(self, db):
        assert (await db.fetch_one("PRAGMA journal_mode"))[0] == "wal"
        async with db.transaction() as tx:
            assert (await tx.fetch_one("PRAGMA foreign_keys"))[0] == 1
            assert (await tx.fetch_one("PRAGMA busy_timeout"))[0] == 5000

    def test_statements_are_split_without_executescript(self):
        script = "-- c\nCREATE TABLE a (x TEXT DEFAULT ';');\n\nCREATE INDEX i ON a (x);\n"
        assert split_statements(script) == [
            "CREATE TABLE a (x TEXT DEFAULT ';');",
            "CREATE INDEX i ON a (x);",
        ]


class TestTransactions:
    async def test_failed_transaction_leaves_nothing_written(self, db):
        with pytest.raises(RuntimeError):
            async with db.transaction() as tx:
                await tx.execute(
                    "INSERT INTO team_chats (chat_id, title, created_at) VALUES (-1, 't', 0)"
                )
                raise RuntimeError("boom")
        assert await db.fetch_all("SELECT * FROM team_chats") == []

    async def test_unique_violation_becomes_duplicate(self, db):
        insert = "INSERT INTO team_chats (chat_id, title, created_at) VALUES (-5, 't', 0)"
        async with db.transaction() as tx:
            await tx.execute(insert)
        with pytest.raises(Duplicate):
            async with db.transaction() as tx:
                await tx.execute(insert)

    async def test_strict_table_refuses_a_wrong_type(self, db):
        with pytest.raises(sqlite3.IntegrityError):
            async with db.transaction() as tx:
                await tx.execute(
                    "INSERT INTO team_chats (chat_id, title, created_at) VALUES ('x', 't', 0)"
                )


class TestIntegrity:
    async def test_corrupt_file_is_refused_at_open(self, tmp_path):
        path = tmp_path / "bot.sqlite3"
        database = await Database.open(path)
        async with database.transaction() as tx:
            for n in range(300):
                await tx.execute(
                    "INSERT INTO audit (action, entity, details, at) VALUES ('a', 'b', ?, 0)",
                    ("x" * 500 + str(n),),
                )
        await database.close()
        data = bytearray(path.read_bytes())
        for offset in range(4096 * 3, len(data), 4096):  # scribble over every page header
            data[offset : offset + 16] = b"\xff" * 16
        path.write_bytes(bytes(data))
        with pytest.raises((CorruptDatabase, sqlite3.DatabaseError)):
            await Database.open(path)


class TestInstanceLock:
    def test_second_lock_in_another_process_is_refused(self, tmp_path):
        db_path = tmp_path / "bot.sqlite3"
        lock = InstanceLock(db_path)
        lock.acquire()
        try:
            code = (
                "import sys; from pathlib import Path; from storage.lock import InstanceLock\n"
                "from storage.errors import AlreadyRunning\n"
                f"try: InstanceLock(Path({str(db_path)!r})).acquire()\n"
                "except AlreadyRunning as e: print(e); sys.exit(3)\n"
            )
            result = subprocess.run(
                [sys.executable, "-c", code], capture_output=True, text=True, check=False
            )
            assert result.returncode == 3
            assert f"pid {os.getpid()}" in result.stdout
        finally:
            lock.release()

    def test_lock_is_free_again_after_release(self, tmp_path):
        first = InstanceLock(tmp_path / "bot.sqlite3")
        first.acquire()
        with pytest.raises(AlreadyRunning):
            InstanceLock(tmp_path / "bot.sqlite3").acquire()
        first.release()
        second = InstanceLock(tmp_path / "bot.sqlite3")
        second.acquire()
        second.release()
