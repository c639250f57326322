"""Rows the team tests need from features that have their own commands elsewhere."""

from __future__ import annotations

from bot.names import name_key
from storage.db import Database


async def add_client(db: Database, owner_id: int, name: str, now: int) -> int:
    async with db.transaction() as tx:
        return await tx.insert(
            "INSERT INTO clients (name, name_key, owner_id, created_at, updated_at)"
            " VALUES (?, ?, ?, ?, ?)",
            (name, name_key(name), owner_id, now, now),
        )


async def add_reminder(
    db: Database, owner_id: int, client_id: int, text: str, due_at: int, now: int
) -> int:
    async with db.transaction() as tx:
        return await tx.insert(
            "INSERT INTO reminders (owner_id, chat_id, client_id, kind, text, due_at,"
            " created_at, updated_at) VALUES (?, ?, ?, 'call', ?, ?, ?, ?)",
            (owner_id, owner_id, client_id, text, due_at, now, now),
        )


async def add_invoice(
    db: Database, client_id: int, number: str, amount_minor: int, due_on: str, now: int
) -> int:
    async with db.transaction() as tx:
        return await tx.insert(
            "INSERT INTO invoices (client_id, number, amount_minor, currency, due_on, created_at)"
            " VALUES (?, ?, ?, 'EUR', ?, ?)",
            (client_id, number, amount_minor, due_on, now),
        )


async def add_contract(
    db: Database, client_id: int, title: str, end_on: str, notice_days: int, now: int
) -> int:
    async with db.transaction() as tx:
        return await tx.insert(
            "INSERT INTO contracts (client_id, title, end_on, notice_days, created_at)"
            " VALUES (?, ?, ?, ?, ?)",
            (client_id, title, end_on, notice_days, now),
        )


async def value(db: Database, sql: str, params: tuple = ()) -> object:
    row = await db.fetch_one(sql, params)
    return row[0] if row else None
