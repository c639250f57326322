"""Sandbox seeding: personas and demo portfolio once, in the sandbox's own database."""

from __future__ import annotations

from datetime import date, timedelta

from sandbox import seed
from sandbox.demo_data import ADMIN_ID, CLIENTS, PERSONAS, TEAM_CHAT_ID
from tests.sandbox.web_support import START, running_sandbox, sandbox_config

TODAY = START.date()


async def counts(db) -> dict[str, int]:
    found = {}
    for table in ("users", "clients", "interactions", "invoices", "contracts", "reminders"):
        row = await db.fetch_one(f"SELECT COUNT(*) AS n FROM {table}")  # noqa: S608 - test
        found[table] = row["n"]
    return found


class TestSeed:
    async def test_a_first_start_seeds_personas_and_fifteen_clients(self, tmp_path):
        async with running_sandbox(tmp_path) as sandbox:
            db = sandbox.runtime.db
            assert (await counts(db))["clients"] == 15
            rows = await db.fetch_all("SELECT id, name, role, language FROM users ORDER BY id")
            assert [(r["id"], r["role"], r["language"]) for r in rows] == [
                (p.id, p.role, p.language) for p in PERSONAS
            ]
            assert rows[0]["name"] == "Alice Morgan"  # not the bootstrap "admin 1001"
            admin = await sandbox.runtime.services.access.user(ADMIN_ID)
            assert admin is not None and admin.is_admin and admin.timezone == "Europe/London"
            team = await db.fetch_one("SELECT chat_id FROM team_chats")
            assert team["chat_id"] == TEAM_CHAT_ID

    async def test_seeding_twice_and_restarting_changes_nothing(self, tmp_path):
        async with running_sandbox(tmp_path) as sandbox:
            db = sandbox.runtime.db
            first = await counts(db)
            assert await seed.seed_database(db, sandbox.clock) is False
            assert await counts(db) == first
        async with running_sandbox(tmp_path) as again:
            assert await counts(again.runtime.db) == first

    async def test_a_language_chosen_in_the_sandbox_survives_a_restart(self, tmp_path):
        async with running_sandbox(tmp_path) as sandbox, sandbox.runtime.db.transaction() as tx:
            await tx.execute("UPDATE users SET language = 'hu' WHERE id = ?", (ADMIN_ID,))
        async with running_sandbox(tmp_path) as again:
            row = await again.runtime.db.fetch_one(
                "SELECT language FROM users WHERE id = ?", (ADMIN_ID,)
            )
            assert row["language"] == "hu"

    async def test_the_demo_portfolio_has_what_the_features_need(self, tmp_path):
        async with running_sandbox(tmp_path) as sandbox:
            db = sandbox.runtime.db
            overdue = await db.fetch_all(
                "SELECT currency FROM invoices WHERE paid_at IS NULL AND due_on < ?",
                (TODAY.isoformat(),),
            )
            soon = (TODAY + timedelta(days=60)).isoformat()
            renewing = await db.fetch_all(
                "SELECT id FROM contracts WHERE end_on BETWEEN ? AND ?", (TODAY.isoformat(), soon)
            )
            cold = await db.fetch_all(
                "SELECT id FROM clients WHERE last_contact_at < ?",
                (int(START.timestamp()) - 30 * 86400,),
            )
            keys = await db.fetch_all("SELECT name, name_key FROM clients")
        assert len(overdue) >= 5 and {"EUR", "RUB", "HUF", "GBP"} <= {r[0] for r in overdue}
        assert len(renewing) >= 4
        assert len(cold) >= 3
        assert all(r["name_key"] and r["name_key"] != r["name"] for r in keys)
        assert {c.name.split()[-1] for c in CLIENTS} >= {"BV", "Kft.", "GmbH", "Ltd"}
        assert any(c.name.startswith("ООО") for c in CLIENTS)

    async def test_the_production_database_is_never_touched(self, tmp_path):
        config = sandbox_config(tmp_path)
        async with running_sandbox(tmp_path) as sandbox:
            assert sandbox.runtime.config.database_path == config.sandbox_database_path
        assert not config.database_path.exists()
        assert config.sandbox_database_path.exists()


def test_demo_dates_are_relative_to_the_clock():
    """An invoice due "-18 days" is overdue whatever day the sandbox first starts."""
    assert date(2026, 11, 24) == TODAY
    assert any(i.due_in_days < 0 and not i.paid for c in CLIENTS for i in c.invoices)
