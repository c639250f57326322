"""migrate-db: SQLite -> PostgreSQL in one checked run, refusing to merge, re-runnable."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from storage import clients, users
from storage.db import Database
from storage.errors import AlreadyRunning
from storage.lock import InstanceLock
from storage.pg import PgDatabase
from storage.transfer import TransferError, checksum, migrate_db, read_sqlite
from tests.pg_cluster import PgCluster
from tests.reports.factory import seed_known


@pytest.fixture
async def source(tmp_path: Path) -> Path:
    path = tmp_path / "team.sqlite3"
    db = await Database.open(path)
    try:
        await seed_known(db)
    finally:
        await db.close()
    return path


@pytest.fixture
def target(pg_cluster: PgCluster, request: pytest.FixtureRequest):
    name = pg_cluster.create_database("transfer " + request.node.nodeid)
    yield pg_cluster.url(name)
    pg_cluster.drop_databases([name])


async def test_every_table_is_copied_with_counts_and_checksums(source: Path, target: str) -> None:
    copies = await migrate_db(source, target)
    columns, rows, _ = read_sqlite(source)
    assert {c.table for c in copies} == set(columns)
    assert sum(c.rows for c in copies) > 20  # the known dataset, not an empty file
    for copy in copies:
        assert (copy.rows, copy.checksum) == (len(rows[copy.table]), checksum(rows[copy.table]))
    db = await PgDatabase.open(target)
    try:
        admin = await users.get(db, 1001)
        assert admin is not None and admin.role == "admin"
        before = await db.fetch_one("SELECT max(id) FROM clients")
        async with db.transaction() as tx:  # the identity continues after the copied ids
            new_id = await clients.insert(tx, name="After", name_key="after", owner_id=1001, now=1)
        assert new_id > before[0]
    finally:
        await db.close()


async def test_a_database_with_data_is_refused(source: Path, target: str) -> None:
    await migrate_db(source, target)
    with pytest.raises(TransferError, match="not empty"):
        await migrate_db(source, target)


async def test_a_failed_attempt_leaves_nothing_and_the_rerun_succeeds(
    source: Path, target: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    real = checksum
    calls = {"n": 0}

    def broken_once(rows):
        calls["n"] += 1
        return "broken" if calls["n"] == 7 else real(rows)

    monkeypatch.setattr("storage.transfer.checksum", broken_once)
    with pytest.raises(TransferError, match="expected"):
        await migrate_db(source, target)
    db = await PgDatabase.open(target)
    try:
        assert (await db.fetch_one("SELECT count(*) FROM users"))[0] == 0
    finally:
        await db.close()
    monkeypatch.setattr("storage.transfer.checksum", real)
    assert await migrate_db(source, target)


async def test_refused_while_a_bot_holds_the_lock(source: Path, target: str) -> None:
    lock = InstanceLock(source)
    lock.acquire()
    try:
        with pytest.raises(AlreadyRunning):
            await migrate_db(source, target)
    finally:
        lock.release()


async def test_an_older_schema_is_refused(source: Path, target: str) -> None:
    conn = sqlite3.connect(source)
    conn.execute("DELETE FROM schema_migrations WHERE version = 4")
    conn.commit()
    conn.close()
    with pytest.raises(TransferError, match="schema versions differ"):
        await migrate_db(source, target)
