"""Demo rows for the local sandbox: clients, invoices, contracts, a team chat, reminders.

Only the sandbox calls this (its own database file, never the production one). Users go
through `storage.users` and interactions through `storage.interactions.insert`; the rows
that have no repository function yet are plain INSERTs against the 0001 schema.
"""

from __future__ import annotations

from storage.db import Reader, Tx

COUNT_CLIENTS = "SELECT COUNT(*) AS n FROM clients"


async def count_clients(db: Reader) -> int:
    row = await db.fetch_one(COUNT_CLIENTS)
    return int(row["n"]) if row else 0


INSERT_INVOICE = """
INSERT INTO invoices (client_id, number, amount_minor, currency, issued_on, due_on, paid_at,
                      created_by, created_at)
VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
"""


async def insert_invoice(
    tx: Tx,
    *,
    client_id: int,
    number: str,
    amount_minor: int,
    currency: str,
    issued_on: str,
    due_on: str,
    paid_at: int | None,
    created_by: int,
    now: int,
) -> int:
    return await tx.insert(
        INSERT_INVOICE,
        (client_id, number, amount_minor, currency, issued_on, due_on, paid_at, created_by, now),
    )


INSERT_CONTRACT = """
INSERT INTO contracts (client_id, title, start_on, end_on, notice_days, value_minor, currency,
                       created_at)
VALUES (?, ?, ?, ?, ?, ?, ?, ?)
"""


async def insert_contract(
    tx: Tx,
    *,
    client_id: int,
    title: str,
    start_on: str,
    end_on: str,
    notice_days: int,
    value_minor: int,
    currency: str,
    now: int,
) -> int:
    return await tx.insert(
        INSERT_CONTRACT,
        (client_id, title, start_on, end_on, notice_days, value_minor, currency, now),
    )


INSERT_REMINDER = """
INSERT INTO reminders (owner_id, chat_id, client_id, kind, text, due_at, tz, status,
                       created_by, created_at, updated_at)
VALUES (?, ?, ?, ?, ?, ?, ?, 'pending', ?, ?, ?)
"""


async def insert_reminder(
    tx: Tx,
    *,
    owner_id: int,
    client_id: int | None,
    kind: str,
    text: str,
    due_at: int,
    tz: str,
    now: int,
) -> int:
    """A pending one-off reminder in the owner's private chat."""
    return await tx.insert(
        INSERT_REMINDER, (owner_id, owner_id, client_id, kind, text, due_at, tz, owner_id, now, now)
    )


NEXT_DUE = """
SELECT MIN(due_at) AS due_at FROM reminders WHERE status = 'pending' AND due_at > ?
"""


async def next_reminder_due(db: Reader, after: int) -> int | None:
    """The earliest pending reminder after `after` (the sandbox clock's "next reminder")."""
    row = await db.fetch_one(NEXT_DUE, (after,))
    return int(row["due_at"]) if row and row["due_at"] is not None else None
