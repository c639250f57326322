"""Users: who may talk to the bot, their role and personal settings."""

from __future__ import annotations

from dataclasses import dataclass

from storage.db import Reader, Row, Tx


@dataclass(frozen=True, slots=True)
class User:
    id: int
    name: str
    username: str | None
    role: str  # admin | manager | viewer
    language: str
    timezone: str
    working_minute: int  # minutes after local midnight for date-only reminders
    digest_minute: int | None
    chat_id: int | None
    deputy_id: int | None
    supervisor_id: int | None
    active: bool
    chat_blocked: bool

    @property
    def is_admin(self) -> bool:
        return self.role == "admin"

    @property
    def can_write(self) -> bool:
        return self.role in ("admin", "manager")


COLUMNS = """id, name, username, role, language, timezone, working_minute, digest_minute,
 chat_id, deputy_id, supervisor_id, active, chat_blocked"""


def _row_to_user(row: Row) -> User:
    return User(
        id=row["id"],
        name=row["name"],
        username=row["username"],
        role=row["role"],
        language=row["language"],
        timezone=row["timezone"],
        working_minute=row["working_minute"],
        digest_minute=row["digest_minute"],
        chat_id=row["chat_id"],
        deputy_id=row["deputy_id"],
        supervisor_id=row["supervisor_id"],
        active=bool(row["active"]),
        chat_blocked=bool(row["chat_blocked"]),
    )


GET = f"SELECT {COLUMNS} FROM users WHERE id = ?"  # noqa: S608 - constant column list


async def get(db: Reader, user_id: int) -> User | None:
    row = await db.fetch_one(GET, (user_id,))
    return _row_to_user(row) if row else None


LIST_ACTIVE = f"SELECT {COLUMNS} FROM users WHERE active = 1 ORDER BY name, id"  # noqa: S608


async def list_active(db: Reader) -> list[User]:
    return [_row_to_user(row) for row in await db.fetch_all(LIST_ACTIVE)]


INSERT = """
INSERT INTO users (id, name, username, role, language, timezone, working_minute, chat_id,
                   created_at, updated_at, digest_minute)
VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
"""


async def insert(
    tx: Tx,
    *,
    user_id: int,
    name: str,
    username: str | None,
    role: str,
    language: str,
    timezone: str,
    working_minute: int,
    chat_id: int | None,
    now: int,
    digest_minute: int | None = None,
) -> None:
    """A new user; `digest_minute` None: no morning digest (people joining get one)."""
    await tx.execute(
        INSERT,
        (
            user_id,
            name,
            username,
            role,
            language,
            timezone,
            working_minute,
            chat_id,
            now,
            now,
            digest_minute,
        ),
    )


ENSURE_ADMIN = """
INSERT INTO users (id, name, role, language, timezone, working_minute, digest_minute,
                   created_at, updated_at)
VALUES (?, ?, 'admin', ?, ?, ?, ?, ?, ?)
ON CONFLICT (id) DO UPDATE SET role = 'admin', active = 1, updated_at = excluded.updated_at
"""


async def ensure_admin(
    tx: Tx, user_id: int, *, language: str, timezone: str, working_minute: int, now: int
) -> None:
    """Bootstrap admins from config exist and are admins, whatever happened before."""
    await tx.execute(
        ENSURE_ADMIN,
        (user_id, f"admin {user_id}", language, timezone, working_minute, working_minute, now, now),
    )


TOUCH_PROFILE = """
UPDATE users SET name = ?, username = ?, chat_id = COALESCE(?, chat_id), updated_at = ?
 WHERE id = ? AND (name IS NOT ? OR username IS NOT ? OR chat_id IS NOT COALESCE(?, chat_id))
"""


async def touch_profile(
    tx: Tx, user_id: int, *, name: str, username: str | None, chat_id: int | None, now: int
) -> bool:
    """Keep the Telegram name and private chat id current; False when nothing changed."""
    cursor = await tx.execute(
        TOUCH_PROFILE, (name, username, chat_id, now, user_id, name, username, chat_id)
    )
    return cursor.rowcount == 1


SETTABLE = {"language", "timezone", "working_minute", "digest_minute"}


async def update_setting(tx: Tx, user_id: int, column: str, value: object, now: int) -> None:
    if column not in SETTABLE:  # the column name is never user text, but make that a rule
        raise ValueError(f"not a user setting: {column}")
    await tx.execute(
        f"UPDATE users SET {column} = ?, updated_at = ? WHERE id = ?",  # noqa: S608
        (value, now, user_id),
    )


BY_USERNAME = f"""
SELECT {COLUMNS} FROM users WHERE active = 1 AND username = ? COLLATE NOCASE
"""  # noqa: S608 - constant column list


async def by_username(db: Reader, username: str) -> User | None:
    row = await db.fetch_one(BY_USERNAME, (username.lstrip("@"),))
    return _row_to_user(row) if row else None


SET_LINKS = "UPDATE users SET deputy_id = ?, supervisor_id = ?, updated_at = ? WHERE id = ?"


async def set_links(
    tx: Tx, user_id: int, *, deputy_id: int | None, supervisor_id: int | None, now: int
) -> None:
    """The default deputy and the supervisor (the fallback when the deputy is away too)."""
    await tx.execute(SET_LINKS, (deputy_id, supervisor_id, now, user_id))


ADMINS = f"SELECT {COLUMNS} FROM users WHERE active = 1 AND role = 'admin' ORDER BY id"  # noqa: S608


async def admins(db: Reader) -> list[User]:
    return [_row_to_user(row) for row in await db.fetch_all(ADMINS)]


NAMES = "SELECT id, name FROM users"


async def names(db: Reader) -> dict[int, str]:
    """Every user's name by id, former members included (exports name who owned what)."""
    return {row["id"]: row["name"] for row in await db.fetch_all(NAMES)}
