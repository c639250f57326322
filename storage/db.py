"""The database: one writer connection, one reader connection, numbered migrations.

SQLite allows one writer at a time; funnelling every write through one connection guarded by
an asyncio lock, each service call in one `BEGIN IMMEDIATE` transaction, means no
SQLITE_BUSY surprises mid-transaction and no interleaving of two coroutines' writes. Reads
go to a second connection (WAL lets it read while the writer writes).
"""

from __future__ import annotations

import asyncio
import logging
import os
import sqlite3
import time
from collections.abc import AsyncIterator, Iterable, Sequence
from contextlib import asynccontextmanager
from contextvars import ContextVar
from datetime import date
from importlib import resources
from pathlib import Path
from typing import Any, Protocol

import aiosqlite

from storage.errors import CorruptDatabase, Duplicate
from storage.files import make_private_files, open_private

log = logging.getLogger(__name__)

PRAGMAS = (
    "PRAGMA journal_mode = WAL",
    "PRAGMA busy_timeout = 5000",
    "PRAGMA foreign_keys = ON",
    "PRAGMA synchronous = NORMAL",
)

Row = sqlite3.Row


def day(value: str) -> date:
    """A date column (stored as 'YYYY-MM-DD' text on both backends) as a `date`."""
    return date.fromisoformat(value)


def day_or_none(value: str | None) -> date | None:
    return None if value is None else date.fromisoformat(value)


# Commits made by the current task since `count_commits()`: lets the error boundary tell
# "nothing was changed" from "saved, only the answer failed" for one update.
_COMMITS: ContextVar[int] = ContextVar("commits", default=0)


def count_commits() -> None:
    """Start counting the commits of this task (the gate calls it for every update)."""
    _COMMITS.set(0)


def commits_counted() -> int:
    return _COMMITS.get()


def note_commit() -> None:
    """Every backend's transaction calls it after its COMMIT."""
    _COMMITS.set(_COMMITS.get() + 1)


Params = Sequence[Any] | dict[str, Any]


class Reader(Protocol):
    """What repository read functions need: a Database or an open transaction."""

    async def fetch_one(self, sql: str, params: Params = ()) -> Row | None: ...

    async def fetch_all(self, sql: str, params: Params = ()) -> list[Row]: ...


class SoloWriter(Protocol):
    """A database that runs one self-contained write statement as its own transaction."""

    async def execute_alone(self, sql: str, params: Params = ()) -> int: ...


class Tx:
    """An open write transaction; reads through it see its own uncommitted writes."""

    def __init__(self, conn: aiosqlite.Connection) -> None:
        self._conn = conn

    async def execute(self, sql: str, params: Params = ()) -> aiosqlite.Cursor:
        try:
            return await self._conn.execute(sql, params)
        except sqlite3.IntegrityError as exc:
            if "UNIQUE" in str(exc):
                raise Duplicate(str(exc).removeprefix("UNIQUE constraint failed: ")) from exc
            raise

    async def executemany(self, sql: str, rows: Iterable[Params]) -> None:
        await self._conn.executemany(sql, rows)

    async def insert(self, sql: str, params: Params = ()) -> int:
        cursor = await self.execute(sql, params)
        return int(cursor.lastrowid or 0)

    async def fetch_one(self, sql: str, params: Params = ()) -> Row | None:
        return await _fetch_one(self._conn, sql, params)

    async def fetch_all(self, sql: str, params: Params = ()) -> list[Row]:
        return await _fetch_all(self._conn, sql, params)


class Database:
    dialect = "sqlite"
    shared = False  # one process per file (storage/lock.py)

    def __init__(self, path: Path, writer: aiosqlite.Connection, reader: aiosqlite.Connection):
        self.path = path
        self._writer = writer
        self._reader = reader
        self._write_lock = asyncio.Lock()

    @classmethod
    async def open(cls, path: Path, *, migrate: bool = True) -> Database:
        """Connect, check integrity, apply pending migrations. Raises CorruptDatabase."""
        os.close(open_private(path))  # 0600 before SQLite creates it; WAL and SHM follow its mode
        writer = await _connect(path)
        try:
            row = await (await writer.execute("PRAGMA quick_check")).fetchone()
            if row is None or row[0] != "ok":
                raise CorruptDatabase(f"{path}: quick_check says {row[0] if row else 'nothing'}")
            db = cls(path, writer, await _connect(path))
        except BaseException:
            await writer.close()
            raise
        if migrate:
            await db.migrate()
        make_private_files(path)
        return db

    async def close(self) -> None:
        await self._reader.close()
        await self._writer.close()

    @asynccontextmanager
    async def transaction(self, *, counted: bool = True) -> AsyncIterator[Tx]:
        """One `BEGIN IMMEDIATE` unit of work; rolled back whole on any exception.

        `counted=False` for bookkeeping the user did not ask to save (an open step, a
        draft being confirmed): a failed answer afterwards must not claim "saved"."""
        async with self._write_lock:
            await self._writer.execute("BEGIN IMMEDIATE")
            try:
                yield Tx(self._writer)
            except BaseException:
                await self._writer.execute("ROLLBACK")
                raise
            await self._writer.execute("COMMIT")
            if counted:
                note_commit()

    async def execute_alone(self, sql: str, params: Params = ()) -> int:
        """One statement atomic on its own, committed alone (not counted as a user's save);
        its row count. PostgreSQL's twin runs it without the cross-worker write lock."""
        async with self.transaction(counted=False) as tx:
            return (await tx.execute(sql, params)).rowcount

    @asynccontextmanager
    async def exclusive(self, name: str) -> AsyncIterator[bool]:
        """Always True: one process per SQLite file (the instance lock) has nobody to share
        periodic work with. PostgreSQL's twin elects one worker (storage/pg.py)."""
        yield True

    async def fetch_one(self, sql: str, params: Params = ()) -> Row | None:
        return await _fetch_one(self._reader, sql, params)

    async def fetch_all(self, sql: str, params: Params = ()) -> list[Row]:
        return await _fetch_all(self._reader, sql, params)

    async def migrate(self) -> list[str]:
        """Apply every migration not yet recorded; returns the names applied now."""
        applied = []
        async with self.transaction() as tx:
            await tx.execute(CREATE_MIGRATIONS_TABLE)
        for version, name, sql in available_migrations():
            async with self.transaction() as tx:
                if await tx.fetch_one(IS_APPLIED, (version,)):
                    continue
                for statement in split_statements(sql):
                    await tx.execute(statement)
                await tx.execute(RECORD_MIGRATION, (version, name, int(time.time())))
            applied.append(name)
            log.info("applied migration %s", name)
        return applied


CREATE_MIGRATIONS_TABLE = """
CREATE TABLE IF NOT EXISTS schema_migrations (
    version INTEGER PRIMARY KEY,
    name TEXT NOT NULL,
    applied_at INTEGER NOT NULL
) STRICT
"""
IS_APPLIED = "SELECT 1 FROM schema_migrations WHERE version = ?"
RECORD_MIGRATION = "INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)"


def available_migrations(package: str = "storage.migrations") -> list[tuple[int, str, str]]:
    """(version, file name, SQL) for every `NNNN_name.sql` shipped in storage/migrations
    (storage/migrations/postgres holds their PostgreSQL twins, same numbers)."""
    found = []
    for entry in resources.files(package).iterdir():
        name = entry.name
        if name.endswith(".sql") and name[:4].isdigit():
            found.append((int(name[:4]), name, entry.read_text(encoding="utf-8")))
    return sorted(found)


def split_statements(script: str) -> list[str]:
    """Split a migration into statements, so they run inside our transaction.

    `executescript` would COMMIT first and break the all-or-nothing guarantee.
    """
    statements, buffer = [], ""
    for line in script.splitlines(keepends=True):
        if not buffer and line.strip().startswith("--"):
            continue
        buffer += line
        if sqlite3.complete_statement(buffer):
            if buffer.strip():
                statements.append(buffer.strip())
            buffer = ""
    if buffer.strip():
        statements.append(buffer.strip())
    return statements


async def _fetch_all(conn: aiosqlite.Connection, sql: str, params: Params) -> list[Row]:
    """Run and finish the statement in one call on the connection's thread.

    A cursor left open across an `await` keeps its read transaction (and so its snapshot)
    open, and every other read on the same connection meanwhile shares that snapshot: a
    row committed a moment ago by the writer would be invisible to them.
    """
    return list(await conn.execute_fetchall(sql, params))


async def _fetch_one(conn: aiosqlite.Connection, sql: str, params: Params) -> Row | None:
    rows = await _fetch_all(conn, sql, params)
    return rows[0] if rows else None


async def _connect(path: Path) -> aiosqlite.Connection:
    conn = await aiosqlite.connect(path, isolation_level=None)
    try:
        conn.row_factory = sqlite3.Row
        for pragma in PRAGMAS:
            await conn.execute(pragma)
    except BaseException:
        await conn.close()  # else its worker thread outlives us and blocks interpreter exit
        raise
    return conn
