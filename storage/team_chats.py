"""Team group chats: the only groups the bot serves."""

from __future__ import annotations

from dataclasses import dataclass

from storage.db import Reader, Row, Tx


@dataclass(frozen=True, slots=True)
class TeamChat:
    chat_id: int
    title: str | None
    active: bool
    show_amounts: bool


def _row_to_team_chat(row: Row) -> TeamChat:
    return TeamChat(
        chat_id=row["chat_id"],
        title=row["title"],
        active=bool(row["active"]),
        show_amounts=bool(row["show_amounts"]),
    )


GET = "SELECT chat_id, title, active, show_amounts FROM team_chats WHERE chat_id = ?"


async def get(db: Reader, chat_id: int) -> TeamChat | None:
    row = await db.fetch_one(GET, (chat_id,))
    return _row_to_team_chat(row) if row else None


LIST_ACTIVE = """
SELECT chat_id, title, active, show_amounts FROM team_chats WHERE active = 1 ORDER BY created_at
"""


async def list_active(db: Reader) -> list[TeamChat]:
    return [_row_to_team_chat(row) for row in await db.fetch_all(LIST_ACTIVE)]


REGISTER = """
INSERT INTO team_chats (chat_id, title, active, registered_by, created_at) VALUES (?, ?, 1, ?, ?)
ON CONFLICT (chat_id) DO UPDATE SET title = excluded.title, active = 1
"""


async def register(tx: Tx, chat_id: int, *, title: str | None, by: int, now: int) -> None:
    await tx.execute(REGISTER, (chat_id, title, by, now))


SET_ACTIVE = "UPDATE team_chats SET active = ? WHERE chat_id = ? AND active != ?"


async def set_active(tx: Tx, chat_id: int, active: bool) -> bool:
    """False when the chat was not registered or already so: only the change is news."""
    cursor = await tx.execute(SET_ACTIVE, (int(active), chat_id, int(active)))
    return cursor.rowcount == 1
