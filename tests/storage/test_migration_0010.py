"""Migration 0010: stored amounts follow Babel's currency decimals; team groups get the
language and zone of the admin who registered them."""

import pytest

from bot import fmt
from storage import db as storage_db
from storage import pg as storage_pg
from storage.db import Database
from storage.pg import PgDatabase


@pytest.fixture
async def before_0010(tmp_path, monkeypatch, pg):
    """A database migrated up to 0009, with rows written under the old decimals."""
    every = storage_db.available_migrations

    def up_to_0009(*package: str) -> list:
        return [m for m in every(*package) if m[0] < 10]

    for backend in (storage_db, storage_pg):  # TEST_DB=postgres opens the PostgreSQL twin
        monkeypatch.setattr(backend, "available_migrations", up_to_0009)
    if pg is None:
        database = await Database.open(tmp_path / "old.sqlite3")
    else:  # TEST_DB=postgres: an empty database (the template already holds every migration)
        name = pg.cluster.empty_database(str(tmp_path))
        pg.names[str(tmp_path)] = name  # dropped after the test with the others
        database = await PgDatabase.open(pg.cluster.url(name))
    for backend in (storage_db, storage_pg):
        monkeypatch.setattr(backend, "available_migrations", every)
    async with database.transaction() as tx:
        await tx.execute(
            "INSERT INTO users (id, name, role, language, timezone, created_at, updated_at)"
            " VALUES (1, 'Hajni', 'admin', 'hu', 'Europe/Budapest', 0, 0)"
        )
        await tx.execute(
            "INSERT INTO clients (id, name, name_key, owner_id, created_at, updated_at)"
            " VALUES (1, 'Kovács', 'kovacs', 1, 0, 0)"
        )
        for currency, minor in (("HUF", 185000000), ("EUR", 120050), ("IQD", 1500000)):
            await tx.execute(
                "INSERT INTO invoices (client_id, amount_minor, currency, due_on, created_at)"
                " VALUES (1, ?, ?, '2026-12-01', 0)",
                (minor, currency),
            )
        await tx.execute(
            "INSERT INTO contracts (client_id, end_on, value_minor, currency, created_at)"
            " VALUES (1, '2027-01-01', 2400000000, 'HUF', 0)"
        )
        await tx.execute(
            "INSERT INTO team_chats (chat_id, title, registered_by, created_at)"
            " VALUES (-100, 'Team', 1, 0)"
        )
    yield database
    await database.close()


async def test_amounts_keep_their_value_under_babels_decimals(before_0010):
    applied = await before_0010.migrate()  # later migrations (0011...) follow it
    assert applied[0] == "0010_babel_money_team_language.sql"
    rows = await before_0010.fetch_all("SELECT currency, amount_minor FROM invoices ORDER BY id")
    assert [tuple(r) for r in rows] == [("HUF", 1850000), ("EUR", 120050), ("IQD", 1500)]
    assert fmt.money(1850000, "HUF", "hu") == "1\xa0850\xa0000\xa0Ft"  # 1,850,000.00 before
    assert fmt.money(1500, "IQD", "en") == "IQD1,500"  # was 1,500.000 (3 decimals) before
    (value,) = await before_0010.fetch_one("SELECT value_minor FROM contracts")
    assert value == 24000000


async def test_a_registered_group_gets_its_admins_language_and_zone(before_0010):
    await before_0010.migrate()
    row = await before_0010.fetch_one("SELECT language, timezone FROM team_chats")
    assert tuple(row) == ("hu", "Europe/Budapest")
