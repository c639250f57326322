"""Test-only rows the reminder tests need from other features (clients, team chats).

The clients branch owns storage/clients.py; these few inserts stand in for it here.
"""

from __future__ import annotations

from storage.db import Database

INSERT_CLIENT = """
INSERT INTO clients (name, name_key, owner_id, created_at, updated_at) VALUES (?, ?, ?, ?, ?)
"""
INSERT_TEAM_CHAT = "INSERT INTO team_chats (chat_id, title, created_at) VALUES (?, ?, ?)"


async def add_client(db: Database, owner_id: int, name: str, now: int) -> int:
    async with db.transaction() as tx:
        return await tx.insert(INSERT_CLIENT, (name, name.casefold(), owner_id, now, now))


async def add_team_chat(db: Database, chat_id: int, title: str, now: int) -> None:
    async with db.transaction() as tx:
        await tx.execute(INSERT_TEAM_CHAT, (chat_id, title, now))


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
