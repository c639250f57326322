"""The PostgreSQL backend behaves like the SQLite one where repositories can tell."""

from __future__ import annotations

import pytest

from storage import chat_ids, team_chats, users
from storage.db import available_migrations
from storage.errors import Duplicate
from storage.pg import MIGRATIONS_PACKAGE, PgDatabase
from tests.pg_cluster import PgCluster

NOW = 1_790_000_000


@pytest.fixture
async def pgdb(pg_cluster: PgCluster, request: pytest.FixtureRequest):
    name = pg_cluster.create_database(request.node.nodeid)
    db = await PgDatabase.open(pg_cluster.url(name))
    try:
        yield db
    finally:
        await db.close()
        pg_cluster.drop_databases([name])


async def add_user(tx, user_id: int) -> None:
    await users.insert(
        tx, user_id=user_id, name=f"u{user_id}", username=f"user{user_id}", role="manager",
        language="en", timezone="UTC", working_minute=540, chat_id=user_id, now=NOW,
    )  # fmt: skip


async def test_migrations_are_recorded_like_sqlite_ones(pgdb: PgDatabase) -> None:
    rows = await pgdb.fetch_all("SELECT version, name FROM schema_migrations ORDER BY version")
    expected = [(v, n) for v, n, _ in available_migrations(MIGRATIONS_PACKAGE)]
    assert [(row["version"], row[1]) for row in rows] == expected
    assert await pgdb.migrate() == []  # re-opening applies nothing twice


async def test_insert_returns_the_new_id_and_rows_read_by_name_and_index(pgdb: PgDatabase) -> None:
    async with pgdb.transaction() as tx:
        await add_user(tx, 7)
        first = await tx.insert(
            "INSERT INTO audit (user_id, action, entity, at) VALUES (?, ?, ?, ?)",
            (7, "a", "e", NOW),
        )
        second = await tx.insert(
            "INSERT INTO audit (user_id, action, entity, at) VALUES (?, ?, ?, ?)",
            (7, "b", "e", NOW),
        )
    assert second == first + 1
    row = await pgdb.fetch_one("SELECT action, at FROM audit WHERE id = ?", (second,))
    assert (row["action"], row[1]) == ("b", NOW)
    found = await users.by_username(pgdb, "@USER7")  # COLLATE NOCASE's twin
    assert found is not None and found.id == 7


async def test_unique_violation_is_duplicate_and_the_unit_of_work_rolls_back(
    pgdb: PgDatabase,
) -> None:
    with pytest.raises(Duplicate):
        async with pgdb.transaction() as tx:
            await add_user(tx, 8)
            await add_user(tx, 8)
    assert await pgdb.fetch_one("SELECT 1 FROM users WHERE id = 8") is None


async def test_a_supergroup_takes_over_its_registered_twin(pgdb: PgDatabase) -> None:
    """UPDATE OR REPLACE's twin: the row in the way goes, the moved row stays."""
    async with pgdb.transaction() as tx:
        await add_user(tx, 9)
        for chat_id, title in ((-1, "old"), (-100, "new")):
            await team_chats.register(
                tx, chat_id=chat_id, title=title, by=9, now=NOW, language="en", timezone="UTC"
            )
        await chat_ids.migrate(tx, -1, -100)
    rows = await pgdb.fetch_all("SELECT chat_id, title FROM team_chats")
    assert [(row[0], row[1]) for row in rows] == [(-100, "old")]
