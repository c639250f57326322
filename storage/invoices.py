"""Invoices: amount in integer minor units plus ISO currency; due date as 'YYYY-MM-DD'."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from storage.db import Reader, Row, Tx, day


@dataclass(frozen=True, slots=True)
class Invoice:
    id: int
    client_id: int
    client_name: str
    owner_id: int
    number: str | None
    amount_minor: int
    currency: str
    due_on: date
    paid_at: int | None
    assignee_id: int | None = None  # a colleague who took it from a handoff


COLUMNS = """i.id, i.client_id, c.name AS client_name, c.owner_id, i.number, i.amount_minor,
 i.currency, i.due_on, i.paid_at, i.assignee_id"""


def _row_to_invoice(row: Row) -> Invoice:
    values = dict(row)
    values["due_on"] = day(values["due_on"])
    return Invoice(**values)


INSERT = """
INSERT INTO invoices (client_id, number, amount_minor, currency, issued_on, due_on,
                      created_by, created_at)
VALUES (?, ?, ?, ?, ?, ?, ?, ?)
"""


async def insert(
    tx: Tx,
    *,
    client_id: int,
    amount_minor: int,
    currency: str,
    due_on: str,
    user_id: int,
    now: int,
    number: str | None = None,
    issued_on: str | None = None,
) -> int:
    return await tx.insert(
        INSERT, (client_id, number, amount_minor, currency, issued_on, due_on, user_id, now)
    )


GET = f"""
SELECT {COLUMNS} FROM invoices i JOIN clients c ON c.id = i.client_id WHERE i.id = ?
"""  # noqa: S608


async def get(db: Reader, invoice_id: int) -> Invoice | None:
    row = await db.fetch_one(GET, (invoice_id,))
    return _row_to_invoice(row) if row else None


OPEN_FOR_CLIENT = f"""
SELECT {COLUMNS} FROM invoices i JOIN clients c ON c.id = i.client_id
 WHERE i.client_id = ? AND i.paid_at IS NULL ORDER BY i.due_on, i.id
"""  # noqa: S608


async def open_for_client(db: Reader, client_id: int) -> list[Invoice]:
    return [_row_to_invoice(row) for row in await db.fetch_all(OPEN_FOR_CLIENT, (client_id,))]


OVERDUE = f"""
SELECT {COLUMNS} FROM invoices i JOIN clients c ON c.id = i.client_id
 WHERE i.paid_at IS NULL AND i.due_on < ? AND (? IS NULL OR c.owner_id = ?)
 ORDER BY i.due_on, i.id LIMIT ?
"""  # noqa: S608


async def overdue(db: Reader, today: str, owner_id: int | None, limit: int = 50) -> list[Invoice]:
    """Unpaid invoices due before `today` (YYYY-MM-DD), oldest first."""
    rows = await db.fetch_all(OVERDUE, (today, owner_id, owner_id, limit))
    return [_row_to_invoice(row) for row in rows]


MARK_PAID = "UPDATE invoices SET paid_at = ? WHERE id = ? AND paid_at IS NULL"


async def mark_paid(tx: Tx, invoice_id: int, now: int) -> bool:
    cursor = await tx.execute(MARK_PAID, (now, invoice_id))
    return cursor.rowcount == 1
