"""`python -m bot migrate-db --to postgresql://...`: move a team from SQLite to PostgreSQL.

One PostgreSQL transaction copies every table, then compares row counts and a checksum per
table read back from PostgreSQL with the SQLite side, and commits only when all match: a
failed attempt leaves the target as empty as it found it, so the command can simply be run
again. It refuses a target that already holds data (it never merges two teams), and holds
the SQLite instance lock so no bot writes to the source meanwhile.
"""

from __future__ import annotations

import hashlib
import sqlite3
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from storage import schema
from storage.errors import StorageError
from storage.lock import InstanceLock
from storage.pg import PgDatabase


class TransferError(StorageError):
    pass


@dataclass(frozen=True)
class TableCopy:
    table: str
    rows: int
    checksum: str


PG_TABLES = """
SELECT table_name FROM information_schema.tables
 WHERE table_schema = current_schema() AND table_type = 'BASE TABLE'
   AND table_name != 'schema_migrations'
"""
PG_COLUMNS = """
SELECT column_name FROM information_schema.columns
 WHERE table_schema = current_schema() AND table_name = $1
"""
RESET_IDENTITY = """
SELECT setval(pg_get_serial_sequence($1, 'id'), GREATEST((SELECT max(id) FROM {table}), 1))
"""


def checksum(rows: Iterable[tuple[Any, ...]]) -> str:
    """sha256 over the rows in primary-key order, each value written the same way on both
    sides (integers and text are the only types in the schema; NULL is its own token)."""
    digest = hashlib.sha256()
    for row in rows:
        digest.update(repr(tuple(row)).encode())
        digest.update(b"\n")
    return digest.hexdigest()


def _order(columns: list[str]) -> str:
    return "id" if "id" in columns else columns[0]


def read_sqlite(path: Path) -> tuple[dict[str, list[str]], dict[str, list[tuple]], list[int]]:
    """Every table's columns and rows (one read transaction: one consistent snapshot)."""
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        conn.execute("BEGIN")
        tables = [r[0] for r in conn.execute(schema.TABLES) if r[0] != "schema_migrations"]
        columns = {t: [c[1] for c in conn.execute(f"PRAGMA table_info({t})")] for t in tables}
        rows = {
            t: conn.execute(
                f"SELECT {', '.join(columns[t])} FROM {t} ORDER BY {_order(columns[t])}"  # noqa: S608
            ).fetchall()
            for t in tables
        }
        versions = [row[0] for row in conn.execute("SELECT version FROM schema_migrations")]
        conn.execute("COMMIT")
    finally:
        conn.close()
    return columns, rows, sorted(versions)


async def migrate_db(source: Path, url: str) -> list[TableCopy]:
    """Copy the SQLite file at `source` into the (empty) PostgreSQL database at `url`."""
    if not source.is_file():  # noqa: ASYNC240 - one stat before any work
        raise TransferError(f"{source}: no such SQLite file")
    lock = InstanceLock(source)
    lock.acquire()  # AlreadyRunning while a bot uses the file
    try:
        columns, rows, versions = read_sqlite(source)
        target = await PgDatabase.open(url, max_size=1)  # creates the schema when missing
        try:
            return await _copy(target, columns, rows, versions)
        finally:
            await target.close()
    finally:
        lock.release()


async def _copy(
    target: PgDatabase,
    columns: dict[str, list[str]],
    rows: dict[str, list[tuple]],
    versions: list[int],
) -> list[TableCopy]:
    async with target.raw_connection() as conn, conn.transaction():
        pg_versions = [r[0] for r in await conn.fetch("SELECT version FROM schema_migrations")]
        if sorted(pg_versions) != versions:
            raise TransferError(
                f"schema versions differ: SQLite {versions}, PostgreSQL {sorted(pg_versions)}; "
                "start the bot once on the SQLite file so it applies its migrations"
            )
        pg_tables = {r[0] for r in await conn.fetch(PG_TABLES)}
        if missing := set(columns) - pg_tables:
            raise TransferError(f"tables missing in PostgreSQL: {sorted(missing)}")
        for table in columns:
            if await conn.fetchval(f"SELECT EXISTS (SELECT 1 FROM {table})"):  # noqa: S608
                raise TransferError(
                    f"the PostgreSQL database is not empty (table {table} has rows); "
                    "migrate-db only writes into an empty database"
                )
        await conn.execute("SET CONSTRAINTS ALL DEFERRED")
        copies = []
        for table, names in columns.items():
            pg_names = {r[0] for r in await conn.fetch(PG_COLUMNS, table)}
            if set(names) != pg_names:
                raise TransferError(f"{table}: columns differ ({sorted(set(names) ^ pg_names)})")
            if rows[table]:
                await conn.copy_records_to_table(table, records=rows[table], columns=names)
            if "id" in names and table != "users":
                await conn.fetchval(RESET_IDENTITY.format(table=table), table)
            copied = await conn.fetch(
                f"SELECT {', '.join(names)} FROM {table} ORDER BY {_order(names)}"  # noqa: S608
            )
            copy = TableCopy(table, len(copied), checksum(copied))
            expected = TableCopy(table, len(rows[table]), checksum(rows[table]))
            if copy != expected:
                raise TransferError(f"{table}: copied {copy}, expected {expected}")
            copies.append(copy)
    return copies


def describe(copies: list[TableCopy]) -> str:
    return "\n".join(f"{c.table}: {c.rows} rows, sha256 {c.checksum[:16]}" for c in copies)
