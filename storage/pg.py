"""The PostgreSQL backend: the same Database/Tx surface as storage/db.py, on an asyncpg pool.

asyncpg, because it is maintained, natively asyncio (no thread per connection as aiosqlite
has), and the fastest Python driver for PostgreSQL; its pool hands each unit of work its own
connection. Every statement passes through storage/dialect.py, so repositories keep their
SQLite SQL with `?` placeholders.

A write transaction first takes one transaction-scoped advisory lock, so write units of work
run one at a time across every worker, exactly as SQLite's `BEGIN IMMEDIATE` runs them within
one process: the services' read-check-write sequences stay correct without each being
rewritten for READ COMMITTED. Reads outside a transaction do not wait for it.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import os
import time
import zlib
from collections.abc import AsyncIterator, Iterable
from contextlib import asynccontextmanager
from dataclasses import dataclass
from typing import Any, TypeAlias

import asyncpg

from storage.db import available_migrations, note_commit
from storage.dialect import Params, to_postgres
from storage.errors import Duplicate

log = logging.getLogger(__name__)

Row: TypeAlias = asyncpg.Record
WRITE_LOCK = 0x616D62  # "amb": the one advisory lock every write unit of work holds
MIGRATIONS_PACKAGE = "storage.migrations.postgres"
APPLICATION = "amb-bot"


@dataclass(frozen=True)
class Result:
    """What a write statement reports, shaped like the sqlite3 cursor's attribute in use."""

    rowcount: int


def _rowcount(status: str) -> int:
    """asyncpg answers 'UPDATE 3', 'INSERT 0 1', 'DELETE 0': the last word is the count."""
    last = status.rsplit(" ", 1)[-1]
    return int(last) if last.isdigit() else -1


class PgTx:
    """An open write transaction on one pooled connection."""

    def __init__(self, conn: asyncpg.Connection) -> None:
        self._conn = conn

    async def execute(self, sql: str, params: Params = ()) -> Result:
        count = 0
        for statement, args in to_postgres(sql, params):
            with _duplicates():
                count = _rowcount(await self._conn.execute(statement, *args))
        return Result(count)

    async def executemany(self, sql: str, rows: Iterable[Params]) -> None:
        for params in rows:
            await self.execute(sql, params)

    async def insert(self, sql: str, params: Params = ()) -> int:
        """Runs an INSERT and returns the new row's id (SQLite's lastrowid)."""
        ((statement, args),) = to_postgres(sql, params)
        if "RETURNING" not in statement.upper():
            statement = f"{statement.rstrip().rstrip(';')} RETURNING id"
        with _duplicates():
            value = await self._conn.fetchval(statement, *args)
        return int(value or 0)

    async def fetch_one(self, sql: str, params: Params = ()) -> Row | None:
        rows = await self.fetch_all(sql, params)
        return rows[0] if rows else None

    async def fetch_all(self, sql: str, params: Params = ()) -> list[Row]:
        ((statement, args),) = to_postgres(sql, params)
        with _duplicates():
            return list(await self._conn.fetch(statement, *args))


class _duplicates:
    """Translate a unique violation into storage.errors.Duplicate, as storage/db.py does."""

    def __enter__(self) -> None:
        return None

    def __exit__(self, kind: type | None, exc: BaseException | None, tb: Any) -> None:
        if isinstance(exc, asyncpg.UniqueViolationError):
            raise Duplicate(exc.constraint_name or str(exc)) from exc


def _numeric(text: str) -> int | float:
    """PostgreSQL's sum() of integers is numeric: an int again, as SQLite answers; avg() and
    other fractional numerics become floats, as in SQLite (money is never numeric here)."""
    return float(text) if "." in text or "e" in text.lower() else int(text)


async def _init_connection(conn: asyncpg.Connection) -> None:
    await conn.set_type_codec(
        "numeric", schema="pg_catalog", encoder=str, decoder=_numeric, format="text"
    )


class PgDatabase:
    dialect = "postgres"
    shared = True  # several workers may share the database

    def __init__(self, url: str, pool: asyncpg.Pool) -> None:
        self.url = url
        self.path = None  # no file: backups and the instance lock are SQLite's
        self._pool = pool
        self._lock_conn: asyncpg.Connection | None = None  # holds this worker's `exclusive`
        self._lock_guard = asyncio.Lock()  # one query at a time on that connection

    @classmethod
    async def open(cls, url: str, *, migrate: bool = True, max_size: int = 10) -> PgDatabase:
        """Connect a pool and apply pending migrations."""
        pool = await asyncpg.create_pool(
            url,
            min_size=1,
            max_size=max_size,
            init=_init_connection,
            # pg_stat_activity (and pg_locks joined to it) then tell which worker is which
            server_settings={"application_name": f"{APPLICATION} pid {os.getpid()}"},
        )
        db = cls(url, pool)
        if migrate:
            try:
                await db.migrate()
            except BaseException:
                await pool.close()
                raise
        return db

    async def close(self) -> None:
        if self._lock_conn is not None:
            await self._pool.release(self._lock_conn)  # its locks end with the session reset
            self._lock_conn = None
        await self._pool.close()

    @asynccontextmanager
    async def transaction(self, *, counted: bool = True) -> AsyncIterator[PgTx]:
        """One unit of work, serialized with every other worker's; rolled back on error.
        `counted` as in storage/db.py (bookkeeping the user did not ask to save)."""
        async with self._pool.acquire() as conn:
            async with conn.transaction():
                await conn.execute("SELECT pg_advisory_xact_lock($1)", WRITE_LOCK)
                yield PgTx(conn)
            if counted:
                note_commit()

    async def execute_alone(self, sql: str, params: Params = ()) -> int:
        """One statement atomic on its own (a SKIP LOCKED claim), in its own transaction and
        without WRITE_LOCK: it waits for no other worker's unit of work, and its row locks
        keep it correct under READ COMMITTED. Returns its row count."""
        async with self._pool.acquire() as conn:
            return (await PgTx(conn).execute(sql, params)).rowcount

    @asynccontextmanager
    async def exclusive(self, name: str) -> AsyncIterator[bool]:
        """True for the one worker that holds `name` now (a session advisory lock), False for
        the others: one sender delivers reminders, periodic work runs once across workers.

        This process's locks live on one reserved connection (a session may hold many), so
        they end when the process does, even by SIGKILL: another worker takes over."""
        key = lock_key(name)
        async with self._lock_guard:
            conn = await self._lock_connection()
            held = await conn.fetchval(TRY_LOCK, WRITE_LOCK, key)
        try:
            yield bool(held)
        finally:
            if held:
                async with self._lock_guard:
                    if not conn.is_closed():
                        await conn.fetchval(UNLOCK, WRITE_LOCK, key)

    async def _lock_connection(self) -> asyncpg.Connection:
        """The reserved connection; a broken one (server restart) is replaced, its locks gone."""
        if self._lock_conn is not None and self._lock_conn.is_closed():
            with contextlib.suppress(Exception):
                await self._pool.release(self._lock_conn)
            self._lock_conn = None
        if self._lock_conn is None:
            self._lock_conn = await self._pool.acquire()
        return self._lock_conn

    def raw_connection(self) -> Any:
        """A pooled connection for PostgreSQL-only work (migrate-db's COPY), no translation."""
        return self._pool.acquire()

    async def fetch_one(self, sql: str, params: Params = ()) -> Row | None:
        rows = await self.fetch_all(sql, params)
        return rows[0] if rows else None

    async def fetch_all(self, sql: str, params: Params = ()) -> list[Row]:
        async with self._pool.acquire() as conn:
            return await PgTx(conn).fetch_all(sql, params)

    async def migrate(self) -> list[str]:
        """Apply every migration not yet recorded; returns the names applied now."""
        applied = []
        async with self.transaction() as tx:
            await tx.execute(CREATE_MIGRATIONS_TABLE)
        for version, name, sql in available_migrations(MIGRATIONS_PACKAGE):
            async with self._pool.acquire() as conn, conn.transaction():
                await conn.execute("SELECT pg_advisory_xact_lock($1)", WRITE_LOCK)
                if await conn.fetchval(IS_APPLIED, version):
                    continue
                await conn.execute(sql)  # the whole file: the simple protocol runs several
                await conn.execute(RECORD_MIGRATION, version, name, int(time.time()))
            applied.append(name)
            log.info("applied migration postgres/%s", name)
        return applied


def lock_key(name: str) -> int:
    """The second int4 key of `exclusive(name)`'s advisory lock (the first is WRITE_LOCK)."""
    return zlib.crc32(name.encode()) - 2**31


TRY_LOCK = "SELECT pg_try_advisory_lock($1, $2)"
UNLOCK = "SELECT pg_advisory_unlock($1, $2)"
CREATE_MIGRATIONS_TABLE = """
CREATE TABLE IF NOT EXISTS schema_migrations (
    version BIGINT PRIMARY KEY,
    name TEXT NOT NULL,
    applied_at BIGINT NOT NULL
)
"""
IS_APPLIED = "SELECT 1 FROM schema_migrations WHERE version = $1"
RECORD_MIGRATION = "INSERT INTO schema_migrations (version, name, applied_at) VALUES ($1, $2, $3)"
