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
    language: str | None  # None: not chosen (registered before groups had one)
    timezone: str | None


def _row_to_team_chat(row: Row) -> TeamChat:
    return TeamChat(
        chat_id=row["chat_id"],
        title=row["title"],
        active=bool(row["active"]),
        show_amounts=bool(row["show_amounts"]),
        language=row["language"],
        timezone=row["timezone"],
    )


COLUMNS = "chat_id, title, active, show_amounts, language, timezone"
GET = f"SELECT {COLUMNS} FROM team_chats WHERE chat_id = ?"  # noqa: S608 - constant column list


async def get(db: Reader, chat_id: int) -> TeamChat | None:
    row = await db.fetch_one(GET, (chat_id,))
    return _row_to_team_chat(row) if row else None


LIST_ACTIVE = f"SELECT {COLUMNS} FROM team_chats WHERE active = 1 ORDER BY created_at"  # noqa: S608


async def list_active(db: Reader) -> list[TeamChat]:
    return [_row_to_team_chat(row) for row in await db.fetch_all(LIST_ACTIVE)]


REGISTER = """
INSERT INTO team_chats (chat_id, title, active, registered_by, created_at, language, timezone)
VALUES (?, ?, 1, ?, ?, ?, ?)
ON CONFLICT (chat_id) DO UPDATE SET title = excluded.title, active = 1,
    language = excluded.language, timezone = excluded.timezone
"""


async def register(
    tx: Tx, chat_id: int, *, title: str | None, by: int, now: int, language: str, timezone: str
) -> None:
    await tx.execute(REGISTER, (chat_id, title, by, now, language, timezone))


UPDATE_SETTINGS = """
UPDATE team_chats SET language = COALESCE(?, language), timezone = COALESCE(?, timezone),
    show_amounts = COALESCE(?, show_amounts)
WHERE chat_id = ? AND active = 1
"""


async def update_settings(
    tx: Tx,
    chat_id: int,
    *,
    language: str | None = None,
    timezone: str | None = None,
    show_amounts: bool | None = None,
) -> bool:
    """Change what is given (None keeps it); False when the chat is not an active team chat."""
    amounts = None if show_amounts is None else int(show_amounts)
    cursor = await tx.execute(UPDATE_SETTINGS, (language, timezone, amounts, chat_id))
    return cursor.rowcount == 1


SET_ACTIVE = "UPDATE team_chats SET active = ? WHERE chat_id = ? AND active != ?"


async def set_active(tx: Tx, chat_id: int, active: bool) -> bool:
    """False when the chat was not registered or already so: only the change is news."""
    cursor = await tx.execute(SET_ACTIVE, (int(active), chat_id, int(active)))
    return cursor.rowcount == 1
