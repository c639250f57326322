"""A group became a supergroup: every stored copy of its id changes at once.

Telegram answers a send to the old id with ChatMigrated, and the old id never works again;
a copy left behind would silently lose whatever is addressed to it.
"""

from __future__ import annotations

from storage.db import Tx

MIGRATE = (
    "UPDATE OR REPLACE team_chats SET chat_id = ? WHERE chat_id = ?",
    "UPDATE reminders SET chat_id = ? WHERE chat_id = ?",
    "UPDATE users SET chat_id = ? WHERE chat_id = ?",
)


async def migrate(tx: Tx, old_chat_id: int, new_chat_id: int) -> None:
    for statement in MIGRATE:
        await tx.execute(statement, (new_chat_id, old_chat_id))
