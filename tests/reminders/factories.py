"""Test-only rows the reminder tests need from other features (clients, team chats).

The clients branch owns storage/clients.py; these few inserts stand in for it here.
"""

from __future__ import annotations

from storage.db import Database

INSERT_CLIENT = """
INSERT INTO clients (name, name_key, owner_id, created_at, updated_at) VALUES (?, ?, ?, ?, ?)
"""
INSERT_TEAM_CHAT = (
    "INSERT INTO team_chats (chat_id, title, created_at, language) VALUES (?, ?, ?, ?)"
)


async def add_client(db: Database, owner_id: int, name: str, now: int) -> int:
    async with db.transaction() as tx:
        return await tx.insert(INSERT_CLIENT, (name, name.casefold(), owner_id, now, now))


async def add_team_chat(
    db: Database, chat_id: int, title: str, now: int, language: str | None = None
) -> None:
    async with db.transaction() as tx:
        await tx.execute(INSERT_TEAM_CHAT, (chat_id, title, now, language))


async def interactions_of(db: Database, client_id: int) -> list[dict]:
    rows = await db.fetch_all(
        "SELECT kind, summary, outcome, user_id FROM interactions WHERE client_id = ?",
        (client_id,),
    )
    return [dict(row) for row in rows]


async def team_chat_ids(db: Database) -> list[int]:
    return [row["chat_id"] for row in await db.fetch_all("SELECT chat_id FROM team_chats")]


async def chat_blocked(db: Database, user_id: int) -> bool:
    row = await db.fetch_one("SELECT chat_blocked FROM users WHERE id = ?", (user_id,))
    return bool(row and row["chat_blocked"])


INSERT_RICH_CLIENT = """
INSERT INTO clients (name, name_key, owner_id, segment, key_account, cadence_days,
                     last_contact_at, created_at, updated_at)
VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
"""
INSERT_INVOICE = """
INSERT INTO invoices (client_id, number, amount_minor, currency, due_on, created_at)
VALUES (?, ?, ?, ?, ?, ?)
"""
INSERT_CONTRACT = """
INSERT INTO contracts (client_id, title, end_on, notice_days, remind_days_before, value_minor,
                       currency, created_at)
VALUES (?, ?, ?, ?, ?, ?, ?, ?)
"""
PAY_INVOICE = "UPDATE invoices SET paid_at = ? WHERE id = ?"
SET_DIGEST = "UPDATE users SET digest_minute = ? WHERE id = ?"


async def add_tiered_client(
    db: Database,
    owner_id: int,
    name: str,
    now: int,
    *,
    segment: str | None = None,
    key_account: bool = False,
    cadence_days: int | None = None,
    last_contact_at: int | None = None,
    created_at: int | None = None,
) -> int:
    created = created_at if created_at is not None else now
    row = (
        name,
        name.casefold(),
        owner_id,
        segment,
        int(key_account),
        cadence_days,
        last_contact_at,
        created,
        now,
    )
    async with db.transaction() as tx:
        return await tx.insert(INSERT_RICH_CLIENT, row)


async def add_invoice(
    db: Database,
    client_id: int,
    number: str,
    amount_minor: int,
    currency: str,
    due_on: str,
    now: int,
) -> int:
    async with db.transaction() as tx:
        return await tx.insert(
            INSERT_INVOICE, (client_id, number, amount_minor, currency, due_on, now)
        )


async def pay_invoice(db: Database, invoice_id: int, now: int) -> None:
    async with db.transaction() as tx:
        await tx.execute(PAY_INVOICE, (now, invoice_id))


async def add_contract(
    db: Database,
    client_id: int,
    title: str,
    end_on: str,
    now: int,
    *,
    notice_days: int = 0,
    remind_days_before: int = 30,
    value_minor: int | None = None,
    currency: str | None = None,
) -> int:
    async with db.transaction() as tx:
        return await tx.insert(
            INSERT_CONTRACT,
            (client_id, title, end_on, notice_days, remind_days_before, value_minor, currency, now),
        )


async def set_digest_minute(db: Database, user_id: int, minute: int) -> None:
    async with db.transaction() as tx:
        await tx.execute(SET_DIGEST, (minute, user_id))


async def reminders_of(db: Database, kind: str) -> list[dict]:
    rows = await db.fetch_all(
        "SELECT id, status, due_at, repeats, text FROM reminders WHERE kind = ? ORDER BY id",
        (kind,),
    )
    return [dict(row) for row in rows]
